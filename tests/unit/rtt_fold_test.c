/* RMI_RTT_FOLD against spec 2.3 (fold rules) and 2.4 (failure order). */
#include "realm_fixture.h"

#define GB		(1ULL << 30)
#define MB2		FX_LEVEL_SIZE(2)
#define ATTRS		((3ULL << 6) | (6ULL << 2))	/* S2AP RW, MemAttr 0b110 */
#define NS_OA		0x80000000ULL

static uint64_t map_ns(const struct fx_realm *r, uint64_t ipa, int64_t level, uint64_t desc)
{
	return fx_x0(RMI_RTT_MAP_UNPROTECTED, r->rd, ipa, (uint64_t)level, desc, 0);
}

/* Maps the 512 pages of the level 3 RTT at FX_UNPROT; desc_of(i) gives each descriptor. */
static void map_ns_pages(const struct fx_realm *r, uint64_t (*desc_of)(unsigned int i))
{
	fx_rtts_to(r, FX_UNPROT, 3);
	for (unsigned int i = 0; i < 512; i++)
		assert_int_equal(map_ns(r, FX_UNPROT + i * GRANULE_SIZE, 3, desc_of(i)), RMI_SUCCESS);
}

/* DATA_CREATE_UNKNOWN on the 512 pages at 0 from pa_of(base, i). */
static void data_pages(const struct fx_realm *r, uint64_t base, uint64_t (*pa_of)(uint64_t, unsigned int))
{
	fx_rtts_to(r, 0, 3);
	for (unsigned int i = 0; i < 512; i++)
		assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, r->rd, pa_of(base, i),
				       i * GRANULE_SIZE, 0, 0),
				 RMI_SUCCESS);
}

/* ---- Fills that leave the child RTT not foldable -------------------------------------- */

static uint64_t contiguous(uint64_t base, unsigned int i)
{
	return base + i * GRANULE_SIZE;
}

static uint64_t first_two_swapped(uint64_t base, unsigned int i)
{
	return base + (i < 2 ? 1U - i : i) * GRANULE_SIZE;
}

static uint64_t ns_contiguous(unsigned int i)
{
	return (NS_OA + i * GRANULE_SIZE) | ATTRS;
}

static uint64_t ns_last_read_only(unsigned int i)
{
	return ns_contiguous(i) & ~(i == 511 ? 1ULL << 7 : 0);
}

static uint64_t ns_gap(unsigned int i)
{
	return ns_contiguous(i + (i >= 256));
}

static uint64_t ns_unaligned(unsigned int i)
{
	return ns_contiguous(i + 1);
}

static uint64_t ns_1gb_blocks(unsigned int i)
{
	return ((uint64_t)i * GB) | ATTRS;
}

static void fill_ripas_mix(const struct fx_realm *r)
{
	fx_init_ripas(r, 0x3000, 0x4000);
}

static void fill_one_data(const struct fx_realm *r)
{
	fx_data_unknown(r, 0x5000);
}

static void fill_assigned_not_contiguous(const struct fx_realm *r)
{
	data_pages(r, fx_granule_run(512, MB2, true), first_two_swapped);
}

static void fill_assigned_unaligned(const struct fx_realm *r)
{
	data_pages(r, fx_granule_run(513, MB2, true) + GRANULE_SIZE, contiguous);
}

static void fill_assigned_mixed_ripas(const struct fx_realm *r)
{
	fx_rtts_to(r, 0, 3);
	fx_init_ripas(r, 0x10000, 0x11000);
	data_pages(r, fx_granule_run(512, MB2, true), contiguous);
}

static void fill_assigned_block(const struct fx_realm *r)
{
	fx_assigned_block(r, 0);
}

static void fill_ns_one(const struct fx_realm *r)
{
	fx_rtts_to(r, FX_UNPROT, 3);
	assert_int_equal(map_ns(r, FX_UNPROT + 0x7000, 3, ns_contiguous(7)), RMI_SUCCESS);
}

static void fill_ns_attr_mix(const struct fx_realm *r)
{
	map_ns_pages(r, ns_last_read_only);
}

static void fill_ns_gap(const struct fx_realm *r)
{
	map_ns_pages(r, ns_gap);
}

static void fill_ns_unaligned(const struct fx_realm *r)
{
	map_ns_pages(r, ns_unaligned);
}

static void fill_ns_level_1(const struct fx_realm *r)
{
	fx_rtts_to(r, FX_UNPROT, 1);
	for (unsigned int i = 0; i < 512; i++)
		assert_int_equal(map_ns(r, FX_UNPROT + i * GB, 1, ns_1gb_blocks(i)), RMI_SUCCESS);
}

/* ---- Rows ---------------------------------------------------------------------------- */

struct fx_row {
	uint64_t ipa;
	int64_t level;
	int64_t setup_to;
	void (*fill)(const struct fx_realm *r);
	uint64_t expect;
};

static void rtt_fold_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r;
	struct rmi_result before[4];

	fx_realm_default(&r);
	fx_rtts_to(&r, row->ipa & (FX_IPA_LIMIT - 1U), row->setup_to);
	if (row->fill != NULL)
		row->fill(&r);
	fx_view(&r, row->ipa, before);
	assert_int_equal(fx_x0(RMI_RTT_FOLD, r.rd, row->ipa, (uint64_t)row->level, 0, 0),
			 row->expect);
	fx_assert_view(&r, row->ipa, before);
}

#define FOLD(name, ...)	FX_ROW(rtt_fold_##name, rtt_fold_row, __VA_ARGS__)

static void make_l3(struct fx_world *w)
{
	fx_rtts_to(&w->realm, 0, 3);
}

static const struct fx_slot fold_rd = { .prepare = make_l3, .fid = RMI_RTT_FOLD, .args = { 0, 3 } };

/* ---- Successful folds ---------------------------------------------------------------- */

/* Folds the RTT at (ipa, level); asserts x1 is that RTT and that it is DELEGATED again. */
static void fold(const struct fx_realm *r, uint64_t ipa, int64_t level)
{
	uint64_t child = fx_read(r, ipa, level - 1).x[3];
	struct rmi_result res = unit_rmi(RMI_RTT_FOLD, r->rd, ipa, (uint64_t)level, 0, 0);

	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], child);
	fx_assert_delegated(child);
}

static void rtt_fold_unassigned_empty(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, GB, 3);
	fold(&r, GB, 3);
	fx_assert_entry(&r, GB, 3, 2, RMI_UNASSIGNED, 0, RMI_EMPTY);
	fold(&r, GB, 2);
	fx_assert_entry(&r, GB, 3, 1, RMI_UNASSIGNED, 0, RMI_EMPTY);
	/* Unassigned children fold at any level, into the level 0 root too. */
	fold(&r, 0, 1);
	fx_assert_entry(&r, GB, 3, 0, RMI_UNASSIGNED, 0, RMI_EMPTY);
}

static void rtt_fold_unassigned_ram(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 3);
	fx_init_ripas(&r, 0, MB2);
	fold(&r, 0, 3);
	fx_assert_entry(&r, 0, 2, 2, RMI_UNASSIGNED, 0, RMI_RAM);
}

static void rtt_fold_unassigned_destroyed(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 3);
	assert_int_equal(fx_x0(RMI_RTT_DESTROY, r.rd, 0, 3, 0, 0), RMI_SUCCESS);
	fx_rtt(&r, 0, 3);
	fold(&r, 0, 3);
	fx_assert_entry(&r, 0, 2, 2, RMI_UNASSIGNED, 0, RMI_DESTROYED);
}

static void rtt_fold_unassigned_ns(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, FX_UNPROT, 3);
	fold(&r, FX_UNPROT, 3);
	fx_assert_entry(&r, FX_UNPROT, 3, 2, RMI_UNASSIGNED, 0, RMI_EMPTY);
	/* UNASSIGNED_NS, not UNASSIGNED: it can be mapped. */
	assert_int_equal(map_ns(&r, FX_UNPROT, 2, NS_OA | ATTRS), RMI_SUCCESS);
}

static void rtt_fold_assigned_ram_block(void **state)
{
	struct fx_realm r;
	uint64_t base = fx_granule_run(512, MB2, true), src = fx_src(0x77);

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 3);
	for (unsigned int i = 0; i < 512; i++)
		assert_int_equal(fx_x0(RMI_DATA_CREATE, r.rd, base + i * GRANULE_SIZE,
				       i * GRANULE_SIZE, src, RMI_NO_MEASURE_CONTENT),
				 RMI_SUCCESS);
	fold(&r, 0, 3);
	fx_assert_entry(&r, 0, 3, 2, RMI_ASSIGNED, base, RMI_RAM);
	/* And unfolds back into the same pages. */
	fx_rtt(&r, 0, 3);
	fx_assert_entry(&r, 0x1FF000, 3, 3, RMI_ASSIGNED, base + 0x1FF000, RMI_RAM);
}

static void rtt_fold_assigned_empty_block(void **state)
{
	struct fx_realm r;
	uint64_t base;

	(void)state;
	fx_realm_default(&r);
	base = fx_assigned_block(&r, 4 * MB2);
	fx_assert_entry(&r, 4 * MB2, 3, 2, RMI_ASSIGNED, base, RMI_EMPTY);
	fx_assert_in_use(base + 0x1000);
}

static void rtt_fold_assigned_ns_block(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	map_ns_pages(&r, ns_contiguous);
	fold(&r, FX_UNPROT, 3);
	fx_assert_entry(&r, FX_UNPROT, 3, 2, RMI_ASSIGNED, NS_OA | ATTRS, RMI_EMPTY);
}

static uint16_t realm_vmid(const struct fx_realm *r)
{
	return ((const struct rmi_realm_params *)host_pa_ptr(r->params))->vmid;
}

/*
 * Folding replaces 512 leaf entries (and the table walk to them) by one
 * block: every page the folded table covered may be cached, so all of them
 * must be invalidated, not only the block's base IPA.
 */
static void rtt_fold_ram_block_invalidates_whole_range(void **state)
{
	struct fx_realm r;
	uint64_t base = fx_granule_run(512, MB2, true);

	(void)state;
	fx_realm_default(&r);
	data_pages(&r, base, contiguous);
	host_tlbi_log_reset();
	fold(&r, 0, 3);
	assert_true(host_tlbi_covers(realm_vmid(&r), 0, MB2));
}

static void rtt_fold_ns_block_invalidates_whole_range(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	map_ns_pages(&r, ns_contiguous);
	host_tlbi_log_reset();
	fold(&r, FX_UNPROT, 3);
	assert_true(host_tlbi_covers(realm_vmid(&r), FX_UNPROT, MB2));
	/* Another realm's VMID is not what was invalidated. */
	assert_false(host_tlbi_covers((uint16_t)(realm_vmid(&r) + 1U), FX_UNPROT, MB2));
}

static void rtt_fold_active_realm(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 3);
	fx_realm_activate(&r);
	fold(&r, 0, 3);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
#define BAD .expect = INPUT
static const struct CMUnitTest tests[] = {
	FX_RD_ROWS(rtt_fold, fold_rd),
	FOLD(level_0_is_start, 0, 0, 1, BAD),
	FOLD(level_0_before_walk, 0, 0, 0, BAD),
	FOLD(level_minus_1, 0, -1, 3, BAD),
	FOLD(level_4, 0, 4, 3, BAD),
	FOLD(ipa_unaligned_level_3, 0x1000, 3, 3, BAD),
	FOLD(ipa_unaligned_level_2, MB2, 2, 2, BAD),
	FOLD(ipa_unaligned_level_1, GB, 1, 1, BAD),
	FOLD(ipa_at_limit, FX_IPA_LIMIT, 1, 0, BAD),
	FOLD(ipa_unaligned_before_not_homogeneous, 0x5000, 3, 3, fill_one_data, BAD),
	FOLD(walk_stops_at_0, 0, 2, 0, .expect = RTT_ERR(0)),
	FOLD(walk_stops_at_0_level_3, 0, 3, 0, .expect = RTT_ERR(0)),
	FOLD(walk_stops_at_1, 0, 3, 1, .expect = RTT_ERR(1)),
	FOLD(parent_unassigned_level_2, 0, 2, 1, .expect = RTT_ERR(1)),
	FOLD(parent_unassigned_level_3, 0, 3, 2, .expect = RTT_ERR(2)),
	FOLD(parent_assigned_block, 0, 3, 2, fill_assigned_block, RTT_ERR(2)),
	FOLD(ns_level_1_into_level_0, FX_UNPROT, 1, 1, fill_ns_level_1, RTT_ERR(0)),
	FOLD(not_homogeneous_ripas, 0, 3, 3, fill_ripas_mix, RTT_ERR(3)),
	FOLD(not_homogeneous_one_data, 0, 3, 3, fill_one_data, RTT_ERR(3)),
	FOLD(not_homogeneous_table_child, 0, 2, 3, NULL, RTT_ERR(2)),
	FOLD(not_homogeneous_table_child_level_1, 0, 1, 3, NULL, RTT_ERR(1)),
	FOLD(assigned_not_contiguous, 0, 3, 3, fill_assigned_not_contiguous, RTT_ERR(3)),
	FOLD(assigned_unaligned, 0, 3, 3, fill_assigned_unaligned, RTT_ERR(3)),
	FOLD(assigned_mixed_ripas, 0, 3, 3, fill_assigned_mixed_ripas, RTT_ERR(3)),
	FOLD(ns_one_mapped, FX_UNPROT, 3, 3, fill_ns_one, RTT_ERR(3)),
	FOLD(ns_mixed_attrs, FX_UNPROT, 3, 3, fill_ns_attr_mix, RTT_ERR(3)),
	FOLD(ns_not_contiguous, FX_UNPROT, 3, 3, fill_ns_gap, RTT_ERR(3)),
	FOLD(ns_unaligned, FX_UNPROT, 3, 3, fill_ns_unaligned, RTT_ERR(3)),
	T(rtt_fold_unassigned_empty),
	T(rtt_fold_unassigned_ram),
	T(rtt_fold_unassigned_destroyed),
	T(rtt_fold_unassigned_ns),
	T(rtt_fold_assigned_ram_block),
	T(rtt_fold_assigned_empty_block),
	T(rtt_fold_assigned_ns_block),
	T(rtt_fold_active_realm),
	T(rtt_fold_ram_block_invalidates_whole_range),
	T(rtt_fold_ns_block_invalidates_whole_range),
};

UNIT_GROUP(rtt_fold_tests, tests, NULL);
