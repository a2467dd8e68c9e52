/*
 * RMI_RTT_INIT_RIPAS, and RMI_RTT_SET_RIPAS's argument checks (no RIPAS
 * request can be pending without REC_ENTER), against spec 2.4.
 */
#include "realm_fixture.h"

#define GB		(1ULL << 30)
#define MB2		FX_LEVEL_SIZE(2)
#define BASE		0x3000ULL

struct fx_row {
	uint64_t base, top;
	int64_t setup_to;	/* RTTs at base down to this level first */
	uint64_t data_at;	/* DATA (ASSIGNED) at this IPA first, 0: none */
	bool active;
	uint64_t expect;
	uint64_t out_top;	/* INIT_RIPAS x1 on success */
	uint64_t ram_at;	/* an entry made RAM first (INIT_RIPAS of one page), 0: none */
	int64_t setup2_at;	/* with setup2_ipa: more RTTs */
	uint64_t setup2_ipa;
	bool other_rec;		/* SET_RIPAS: the REC of another realm */
	uint64_t destroyed_at;	/* an entry made DESTROYED first (DATA created, destroyed), 0: none */
};

static void prepare(struct fx_realm *r, const struct fx_row *row)
{
	fx_realm_default(r);
	fx_rtts_to(r, row->base & (FX_IPA_LIMIT - GRANULE_SIZE), row->setup_to);
	if (row->setup2_at != 0)
		fx_rtts_to(r, row->setup2_ipa, row->setup2_at);
	if (row->data_at != 0)
		fx_data_unknown(r, row->data_at);
	if (row->ram_at != 0)
		fx_init_ripas(r, row->ram_at, row->ram_at + GRANULE_SIZE);
	if (row->destroyed_at != 0) {
		fx_data(r, row->destroyed_at, 0x5D);
		assert_int_equal(fx_x0(RMI_DATA_DESTROY, r->rd, row->destroyed_at, 0, 0, 0),
				 RMI_SUCCESS);
	}
}

/* ---- RTT_INIT_RIPAS ------------------------------------------------------------------------- */

static void rtt_init_ripas_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r;
	struct rmi_result before[4], res;

	prepare(&r, row);
	if (row->active)
		fx_realm_activate(&r);
	fx_view(&r, row->base, before);
	res = unit_rmi(RMI_RTT_INIT_RIPAS, r.rd, row->base, row->top, 0, 0);
	assert_int_equal(res.x[0], row->expect);
	if (row->expect != RMI_SUCCESS) {
		fx_assert_view(&r, row->base, before);
		return;
	}
	assert_int_equal(res.x[1], row->out_top);
	/* Every processed entry is RAM; the walk level is unchanged. */
	fx_assert_entry(&r, row->base, 3, (int64_t)before[3].x[1], RMI_UNASSIGNED, 0, RMI_RAM);
	fx_assert_entry(&r, row->out_top - GRANULE_SIZE, 3, (int64_t)before[3].x[1], RMI_UNASSIGNED,
			0, RMI_RAM);
	if (row->out_top < FX_UNPROT && row->out_top != row->data_at)
		assert_int_equal(fx_read(&r, row->out_top, 3).x[4], RMI_EMPTY);
}

#define INIT(name, ...)	FX_ROW(rtt_init_ripas_##name, rtt_init_ripas_row, __VA_ARGS__)

static void make_l3(struct fx_world *w)
{
	fx_rtts_to(&w->realm, 0, 3);
}

static const struct fx_slot init_rd = { .prepare = make_l3, .fid = RMI_RTT_INIT_RIPAS,
					.args = { BASE, BASE + GRANULE_SIZE } };

static void rtt_init_ripas_repeat_is_noop(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 3);
	fx_init_ripas(&r, 0, 0x10000);
	fx_init_ripas(&r, 0, 0x10000);
	fx_assert_entry(&r, 0xF000, 3, 3, RMI_UNASSIGNED, 0, RMI_RAM);
	fx_assert_entry(&r, 0x10000, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);
}

/* ---- RTT_SET_RIPAS --------------------------------------------------------------------- */

static void rtt_set_ripas_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r, other;
	struct fx_rec rec;
	struct rmi_result before[4];

	prepare(&r, row);
	if (row->other_rec) {
		fx_realm_default(&other);
		fx_rec(&other, &rec, 0);
	} else {
		fx_rec(&r, &rec, 0);
	}
	if (row->active)
		fx_realm_activate(&r);
	fx_view(&r, row->base, before);
	assert_int_equal(fx_x0(RMI_RTT_SET_RIPAS, r.rd, rec.rec, row->base, row->top, 0),
			 row->expect);
	fx_assert_view(&r, row->base, before);
	/* The REC is untouched: it still destroys. */
	assert_int_equal(fx_x0(RMI_REC_DESTROY, rec.rec, 0, 0, 0, 0), RMI_SUCCESS);
}

#define SET(name, ...)	FX_ROW(rtt_set_ripas_##name, rtt_set_ripas_row, __VA_ARGS__)

static void make_other_rec(struct fx_world *w)
{
	fx_obj(w, FX_K_OTHER_REC);
	make_l3(w);
}

static uint64_t set_with_rd(struct fx_world *w, uint64_t rd)
{
	return fx_x0(RMI_RTT_SET_RIPAS, rd, w->other_rec.rec, BASE, BASE + GRANULE_SIZE, 0);
}

static uint64_t set_with_rec(struct fx_world *w, uint64_t rec)
{
	return fx_x0(RMI_RTT_SET_RIPAS, w->realm.rd, rec, BASE, BASE + GRANULE_SIZE, 0);
}

static const struct fx_slot set_rd = { .prepare = make_other_rec, .call = set_with_rd };
static const struct fx_slot set_rec = { .prepare = make_l3, .call = set_with_rec };

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
#define BAD .expect = INPUT
#define END (BASE + GRANULE_SIZE)
static const struct CMUnitTest tests[] = {
	INIT(top_equals_base, BASE, BASE, 3, BAD),
	INIT(top_below_base, BASE + 0x2000, BASE, 3, BAD),
	INIT(top_and_base_zero, 0, 0, 3, BAD),
	FX_RD_ROWS(rtt_init_ripas, init_rd),
	INIT(base_unaligned, BASE + 0x800, BASE + 0x2000, 3, BAD),
	INIT(top_unaligned, BASE, END + 0x800, 3, BAD),
	INIT(top_unaligned_before_not_processed, 0, 0x800, 2, BAD),
	INIT(base_unprotected, FX_UNPROT, FX_UNPROT + GRANULE_SIZE, 3, BAD),
	INIT(top_unprotected, FX_UNPROT - GRANULE_SIZE, FX_UNPROT + GRANULE_SIZE, 3, BAD),
	INIT(base_at_limit, FX_IPA_LIMIT, FX_IPA_LIMIT + GRANULE_SIZE, 0, BAD),
	INIT(top_above_limit, BASE, 1ULL << 49, 3, BAD),
	INIT(base_unprotected_before_realm_state, FX_UNPROT, FX_UNPROT + GRANULE_SIZE, 3,
	     .active = true, BAD),
	INIT(realm_active, BASE, END, 3, .active = true, .expect = REALM_ERR),
	INIT(realm_active_before_walk, BASE, END, 0, .active = true, .expect = REALM_ERR),
	INIT(base_misaligned_at_0, BASE, END, 0, .expect = RTT_ERR(0)),
	INIT(base_misaligned_at_1, BASE, END, 1, .expect = RTT_ERR(1)),
	INIT(base_misaligned_at_2, BASE, END, 2, .expect = RTT_ERR(2)),
	INIT(entry_assigned, BASE, END, 3, BASE, .expect = RTT_ERR(3)),
	INIT(entry_destroyed, BASE, END, 3, .destroyed_at = BASE, .expect = RTT_ERR(3)),
	INIT(entry_past_top_level_2, 0, 0x1000, 2, .expect = RTT_ERR(2)),
	INIT(entry_past_top_level_1, 0, MB2, 1, .expect = RTT_ERR(1)),
	INIT(one_page, BASE, END, 3, .out_top = END),
	INIT(several_pages, BASE, BASE + 0x5000, 3, .out_top = BASE + 0x5000),
	INIT(stops_at_assigned, BASE, BASE + 0x5000, 3, BASE + 0x2000, .out_top = BASE + 0x2000),
	INIT(continues_over_ram, BASE, BASE + 0x3000, 3, .ram_at = BASE + 0x1000,
	     .out_top = BASE + 0x3000),
	INIT(starts_on_ram, BASE, BASE + 0x3000, 3, .ram_at = BASE, .out_top = BASE + 0x3000),
	INIT(blocks_level_2, 0, 2 * MB2, 2, .out_top = 2 * MB2),
	INIT(blocks_level_2_partial, 0, 3 * MB2 / 2, 2, .out_top = MB2),
	INIT(blocks_level_1, GB, 3 * GB, 1, .out_top = 3 * GB),
	INIT(stops_at_end_of_rtt, MB2 - GRANULE_SIZE, MB2 + GRANULE_SIZE, 3, .setup2_at = 3,
	     .setup2_ipa = MB2, .out_top = MB2),
	INIT(stops_at_end_of_level_2_rtt, GB - MB2, GB + MB2, 2, .setup2_at = 2,
	     .setup2_ipa = GB, .out_top = GB),
	INIT(last_protected_page, FX_UNPROT - GRANULE_SIZE, FX_UNPROT, 3, .out_top = FX_UNPROT),
	T(rtt_init_ripas_repeat_is_noop),
	SET(top_equals_base, BASE, BASE, 3, BAD),
	SET(top_below_base, BASE + 0x2000, BASE, 3, BAD),
	SET(top_unaligned, 0, 0x800, 3, BAD),
	SET(top_unaligned_before_walk, 0, 0x800, 2, BAD),
	SET(top_unaligned_before_other_realm, BASE, END + 0x10, 3, .other_rec = true, BAD),
	SET(top_below_base_before_other_realm, END, BASE, 3, .other_rec = true, BAD),
	FX_RD_ROWS(rtt_set_ripas, set_rd),
	FX_REC_ROWS(rtt_set_ripas, rec, set_rec),
	SET(rec_other_realm, BASE, END, 3, .other_rec = true, .expect = REC_ERR),
	SET(rec_other_realm_active, BASE, END, 3, .other_rec = true, .active = true,
	    .expect = REC_ERR),
	SET(no_request, BASE, END, 3, BAD),
	SET(no_request_active_realm, BASE, END, 3, .active = true, BAD),
	SET(no_request_before_walk, 0x1000, 0x2000, 0, BAD),
	SET(no_request_before_entry_past_top, 0, 0x1000, 2, BAD),
	SET(no_request_protected_range_end, FX_UNPROT - GRANULE_SIZE, FX_UNPROT, 3, BAD),
};

UNIT_GROUP(ripas_tests, tests, NULL);
