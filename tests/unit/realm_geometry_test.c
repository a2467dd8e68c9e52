/*
 * Regression tests for issue 13 item 1: REALM_CREATE accepted an invalid
 * (rtt_level_start, s2sz) pair with rtt_num_start = 0, leaving a realm with
 * no root RTT whose walks started in whatever granule the host named
 * through the IPA. The geometry is checked against the spec's rule for every
 * combination, and the walk's backstops are shown to stop a command even
 * when an RD is inconsistent (as if a check had been missed).
 */
#include <string.h>

#include <rmm/realm.h>

#include "realm_fixture.h"

#define GEOMETRY_MAX_ROOTS	17U	/* one past the most the spec allows (16) */

/*
 * The spec's start-level rule (ABI sheet, REALM_CREATE) with this platform's
 * features (S2SZ 48, no LPA2): the root count a geometry needs, 0 if none.
 */
static unsigned int spec_root_count(int64_t sl, unsigned int s2sz)
{
	unsigned int n, min_bits, max_bits;

	if (sl < 0 || sl > 3 || s2sz < 32U || s2sz > FX_S2SZ)
		return 0;
	n = 3U - (unsigned int)sl;
	min_bits = 9U * n + 13U;
	max_bits = 9U * n + 21U + (sl > 0 ? 4U : 0U);
	if (s2sz < min_bits || s2sz > max_bits)
		return 0;
	return s2sz <= 9U * n + 21U ? 1U : 1U << (s2sz - (9U * n + 21U));
}

/* The rd and every granule of the root run are still DELEGATED. */
static void assert_all_delegated(uint64_t rd, uint64_t rtt_base, unsigned int n)
{
	fx_assert_delegated(rd);
	for (unsigned int i = 0; i < n; i++)
		fx_assert_delegated(rtt_base + i * GRANULE_SIZE);
}

static uint64_t create_geometry(uint64_t rd, uint64_t params, int64_t sl, unsigned int s2sz,
				uint32_t num, uint64_t rtt_base)
{
	struct rmi_realm_params *p = host_pa_ptr(params);

	memset(p, 0, sizeof(*p));
	p->s2sz = (uint8_t)s2sz;
	p->num_bps = 1;
	p->num_wps = 1;
	p->hash_algo = RMI_HASH_SHA_256;
	p->vmid = 7;
	p->rtt_base = rtt_base;
	p->rtt_level_start = sl;
	p->rtt_num_start = num;
	return fx_x0(RMI_REALM_CREATE, rd, params, 0, 0, 0);
}

/* The trigger from the review: sl 3 with s2sz 48 needs no valid root count; num 0, base 0. */
static void realm_create_rtt_num_start_zero(void **state)
{
	uint64_t rd = fx_delegated(), params = unit_ns_granule();

	(void)state;
	assert_int_equal(create_geometry(rd, params, 3, 48, 0, 0), INPUT);
	fx_assert_delegated(rd);
	/* The same RD with a valid geometry is accepted: only the geometry was wrong. */
	uint64_t root = fx_delegated();

	assert_int_equal(create_geometry(rd, params, 0, 48, 1, root), RMI_SUCCESS);
}

/*
 * Every sl in -1..3, s2sz in 0..64 and rtt_num_start in 0..17, with an
 * aligned run of delegated roots and, for num 0, also with rtt_base 0:
 * REALM_CREATE succeeds exactly when the spec's rule gives that count, and
 * a failure leaves every granule DELEGATED.
 */
static void realm_create_geometry_all_combinations(void **state)
{
	uint64_t rd = fx_delegated(), params = unit_ns_granule();
	uint64_t base = fx_granule_run(32, 32 * GRANULE_SIZE, true);
	unsigned int accepted = 0;

	(void)state;
	for (int64_t sl = -1; sl <= 3; sl++) {
		for (unsigned int s2sz = 0; s2sz <= 64; s2sz++) {
			for (uint32_t num = 0; num <= GEOMETRY_MAX_ROOTS; num++) {
				bool valid = num != 0U && spec_root_count(sl, s2sz) == num;
				uint64_t ret = create_geometry(rd, params, sl, s2sz, num, base);

				if (ret != (valid ? RMI_SUCCESS : INPUT))
					fail_msg("sl %lld s2sz %u num %u: got %#llx", (long long)sl,
						 s2sz, num, (unsigned long long)ret);
				if (valid) {
					accepted++;
					assert_int_equal(fx_x0(RMI_REALM_DESTROY, rd, 0, 0, 0, 0),
							 RMI_SUCCESS);
				}
				if (num == 0U)
					assert_int_equal(create_geometry(rd, params, sl, s2sz, 0, 0),
							 INPUT);
			}
			assert_all_delegated(rd, base, GEOMETRY_MAX_ROOTS);
		}
	}
	/* sl 0: 40..48 (1 root); sl 1: 32..39 (1), 40..43 (2..16); sl 2: 32..34 (4..16). */
	assert_int_equal(accepted, 9 + 8 + 4 + 3);
}

/* ---- A realm with no root RTT must never reach another realm's granules --------- */

struct victim {
	struct fx_realm realm;
	struct fx_rec rec;
	uint64_t data;		/* DATA at VICTIM_IPA, filled with VICTIM_BYTE */
	struct rmi_result view[4];
};

#define VICTIM_IPA	0x200000ULL
#define VICTIM_BYTE	0xA7U

static void victim_make(struct victim *v)
{
	fx_realm_default(&v->realm);
	v->data = fx_data(&v->realm, VICTIM_IPA, VICTIM_BYTE);
	fx_rec(&v->realm, &v->rec, 0);
	fx_view(&v->realm, VICTIM_IPA, v->view);
}

/* The victim's page, entries, REC and RD are as they were. */
static void victim_check(const struct victim *v)
{
	const uint8_t *page = host_pa_ptr(v->data);

	for (unsigned int i = 0; i < GRANULE_SIZE; i++)
		assert_int_equal(page[i], VICTIM_BYTE);
	fx_assert_view(&v->realm, VICTIM_IPA, v->view);
	fx_assert_in_use(v->data);
	fx_assert_in_use(v->rec.rec);
	fx_assert_in_use(v->realm.rd);
}

/*
 * With start level 3 and no roots, the old walk took rtt_base + (ipa >> 21) * 4K
 * as the RTT: ipa = pa << 9 named any granule pa. Each command aimed at the
 * victim's DATA, REC and RD must fail and change nothing.
 */
static void realm_create_rtt_num_start_zero_cannot_reach_other_realm(void **state)
{
	uint64_t rd = fx_delegated(), params = unit_ns_granule(), fresh = fx_delegated();
	uint64_t src = fx_src(0x11);
	struct victim v;

	(void)state;
	victim_make(&v);
	assert_int_equal(create_geometry(rd, params, 3, 48, 0, 0), INPUT);
	for (unsigned int i = 0; i < 3; i++) {
		uint64_t target = i == 0 ? v.data : i == 1 ? v.rec.rec : v.realm.rd;
		uint64_t ipa = target << 9;
		struct rmi_result r = unit_rmi(RMI_RTT_READ_ENTRY, rd, ipa, 3, 0, 0);

		assert_int_equal(r.x[0], INPUT);
		assert_int_equal(fx_x0(RMI_DATA_CREATE, rd, fresh, ipa, src, RMI_NO_MEASURE_CONTENT),
				 INPUT);
		assert_int_equal(fx_x0(RMI_DATA_DESTROY, rd, ipa, 0, 0, 0), INPUT);
	}
	fx_assert_delegated(fresh);
	victim_check(&v);
}

/* ---- Backstops: an inconsistent RD stops the command, it does not panic --------- */

static struct rd *rd_view(const struct fx_realm *r)
{
	return host_pa_ptr(r->rd);
}

/* A realm whose RD claims no root RTT: every walk fails, nothing is read. */
static void s2tt_walk_root_count_zero_stops_command(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	rd_view(&r)->s2.num_root = 0;
	assert_int_equal(fx_read(&r, 0, 0).x[0], INPUT);
	assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, r.rd, fx_delegated(), 0, 0, 0), INPUT);
	rd_view(&r)->s2.num_root = 1;
	assert_int_equal(fx_read(&r, 0, 0).x[0], RMI_SUCCESS);
}

/* A root index past the realm's roots (the IPA's top bits pick the root). */
static void s2tt_walk_root_index_past_roots_stops_command(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm(&r, 1, 40);		/* two concatenated level 1 roots */
	rd_view(&r)->s2.num_root = 1;
	assert_int_equal(fx_read(&r, 1ULL << 39, 1).x[0], INPUT);
	assert_int_equal(fx_read(&r, 0, 1).x[0], RMI_SUCCESS);
}

/* A start level the architecture has no table for without LPA2. */
static void s2tt_walk_start_level_out_of_range_stops_command(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	rd_view(&r)->s2.start_level = -1;
	assert_int_equal(fx_read(&r, 0, 3).x[0], INPUT);
	rd_view(&r)->s2.start_level = 0;
	assert_int_equal(fx_read(&r, 0, 3).x[0], RMI_SUCCESS);
}

/* An RD whose root is another realm's DATA granule: no word of it is read out. */
static void s2tt_walk_root_not_rtt_stops_command(void **state)
{
	struct fx_realm r;
	struct victim v;

	(void)state;
	victim_make(&v);
	fx_realm_default(&r);
	rd_view(&r)->s2.rtt_base = v.data;
	assert_int_equal(fx_read(&r, 0, 0).x[0], INPUT);
	assert_int_equal(fx_x0(RMI_DATA_DESTROY, r.rd, 0, 0, 0, 0), INPUT);
	victim_check(&v);
}

/* A table entry (planted in the root) that points at another realm's DATA granule. */
static void s2tt_walk_table_entry_not_rtt_stops_command(void **state)
{
	struct fx_realm r;
	struct victim v;
	uint64_t *root;

	(void)state;
	victim_make(&v);
	fx_realm_default(&r);
	root = host_pa_ptr(r.rtt_base);
	root[0] = v.data | 3U;		/* a valid table descriptor */
	assert_int_equal(fx_read(&r, 0, 1).x[0], INPUT);
	assert_int_equal(fx_x0(RMI_DATA_DESTROY, r.rd, 0, 0, 0, 0), INPUT);
	root[0] = 0;
	victim_check(&v);
}

/* An ASSIGNED page entry planted over another realm's RD: DATA_DESTROY must not scrub it. */
static void data_destroy_entry_not_data_stops_command(void **state)
{
	struct fx_realm r;
	struct victim v;
	uint64_t rtt3, *table;

	(void)state;
	victim_make(&v);
	fx_realm_default(&r);
	rtt3 = fx_rtts_to(&r, 0, 3);
	table = host_pa_ptr(rtt3);
	table[0] = v.realm.rd | (1ULL << 2);	/* invalid, HIPAS ASSIGNED, RIPAS EMPTY */
	assert_int_equal(fx_x0(RMI_DATA_DESTROY, r.rd, 0, 0, 0, 0), INPUT);
	assert_int_equal(table[0], v.realm.rd | (1ULL << 2));
	table[0] = 0;
	victim_check(&v);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(realm_create_rtt_num_start_zero, unit_boot_rmm),
	cmocka_unit_test_setup(realm_create_geometry_all_combinations, unit_boot_rmm),
	cmocka_unit_test_setup(realm_create_rtt_num_start_zero_cannot_reach_other_realm,
			       unit_boot_rmm),
	cmocka_unit_test_setup(s2tt_walk_root_count_zero_stops_command, unit_boot_rmm),
	cmocka_unit_test_setup(s2tt_walk_root_index_past_roots_stops_command, unit_boot_rmm),
	cmocka_unit_test_setup(s2tt_walk_start_level_out_of_range_stops_command, unit_boot_rmm),
	cmocka_unit_test_setup(s2tt_walk_root_not_rtt_stops_command, unit_boot_rmm),
	cmocka_unit_test_setup(s2tt_walk_table_entry_not_rtt_stops_command, unit_boot_rmm),
	cmocka_unit_test_setup(data_destroy_entry_not_data_stops_command, unit_boot_rmm),
};

UNIT_GROUP(realm_geometry_tests, tests, NULL);
