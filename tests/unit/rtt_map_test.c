/* RMI_RTT_MAP_UNPROTECTED and RTT_UNMAP_UNPROTECTED against spec 2.3 and 2.4. */
#include "realm_fixture.h"

#define GB		(1ULL << 30)
#define MB2		FX_LEVEL_SIZE(2)
#define S2AP_RW		(3ULL << 6)
#define MEMATTR(v)	((uint64_t)(v) << 2)
#define ATTRS		(S2AP_RW | MEMATTR(6))
#define OA		0x80000000ULL		/* 1 GB aligned */
#define DESC		(OA | ATTRS)
#define PAGE		FX_UNPROT		/* the Unprotected page the rows use */

struct fx_row {
	uint64_t ipa;
	int64_t level;
	int64_t setup_to;	/* RTTs at ipa down to this level first */
	uint64_t desc;		/* MAP: the descriptor */
	uint64_t mapped;	/* an Unprotected IPA mapped (level 3) first, 0: none */
	uint64_t expect;
	uint64_t top;		/* UNMAP x1 on an RTT error */
	uint64_t mapped2;	/* another Unprotected IPA mapped first */
};

static uint64_t map(const struct fx_realm *r, uint64_t ipa, int64_t level, uint64_t desc)
{
	return fx_x0(RMI_RTT_MAP_UNPROTECTED, r->rd, ipa, (uint64_t)level, desc, 0);
}

static void map_page(const struct fx_realm *r, uint64_t ipa)
{
	fx_rtts_to(r, ipa, 3);
	assert_int_equal(map(r, ipa, 3, (OA + (ipa & (GB - 1U))) | ATTRS), RMI_SUCCESS);
}

static void setup_row(struct fx_realm *r, const struct fx_row *row, struct rmi_result before[4])
{
	fx_realm_default(r);
	fx_rtts_to(r, row->ipa & (FX_IPA_LIMIT - 1U), row->setup_to);
	if (row->mapped != 0)
		map_page(r, row->mapped);
	if (row->mapped2 != 0)
		map_page(r, row->mapped2);
	fx_view(r, row->ipa, before);
}

/* ---- RTT_MAP_UNPROTECTED ------------------------------------------------------------- */

static void rtt_map_unprotected_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r;
	struct rmi_result before[4];

	setup_row(&r, row, before);
	assert_int_equal(map(&r, row->ipa, row->level, row->desc), row->expect);
	if (row->expect != RMI_SUCCESS) {
		fx_assert_view(&r, row->ipa, before);
		return;
	}
	fx_assert_entry(&r, row->ipa, row->level, row->level, RMI_ASSIGNED, row->desc, RMI_EMPTY);
	/* A second map of the same entry finds it ASSIGNED_NS. */
	assert_int_equal(map(&r, row->ipa, row->level, row->desc), RTT_ERR(row->level));
}

#define MAP(name, ...)	FX_ROW(rtt_map_unprotected_##name, rtt_map_unprotected_row, __VA_ARGS__)

static void make_l3(struct fx_world *w)
{
	fx_rtts_to(&w->realm, PAGE, 3);
}

static const struct fx_slot map_rd = { .prepare = make_l3, .fid = RMI_RTT_MAP_UNPROTECTED,
				       .args = { PAGE, 3, DESC } };

static void rtt_map_unprotected_attributes(void **state)
{
	static const unsigned int memattrs[] = { 0, 1, 2, 3, 5, 6, 7 };
	struct fx_realm r;
	uint64_t ipa = PAGE;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, PAGE, 3);
	for (unsigned int m = 0; m < sizeof(memattrs) / sizeof(memattrs[0]); m++) {
		for (uint64_t s2ap = 0; s2ap < 4; s2ap++, ipa += GRANULE_SIZE) {
			uint64_t desc = (OA + (ipa - PAGE)) | MEMATTR(memattrs[m]) | s2ap << 6;

			assert_int_equal(map(&r, ipa, 3, desc), RMI_SUCCESS);
			fx_assert_entry(&r, ipa, 3, 3, RMI_ASSIGNED, desc, RMI_EMPTY);
		}
	}
}

static void rtt_map_unprotected_active_realm(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_realm_activate(&r);
	map_page(&r, PAGE);
	fx_assert_entry(&r, PAGE, 3, 3, RMI_ASSIGNED, DESC, RMI_EMPTY);
}

/* ---- RTT_UNMAP_UNPROTECTED ----------------------------------------------------------- */

static void rtt_unmap_unprotected_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r;
	struct rmi_result before[4], res;

	setup_row(&r, row, before);
	res = unit_rmi(RMI_RTT_UNMAP_UNPROTECTED, r.rd, row->ipa, (uint64_t)row->level, 0, 0);
	assert_int_equal(res.x[0], row->expect);
	if (RMI_RETURN_STATUS(row->expect) == RMI_ERROR_RTT || row->expect == RMI_SUCCESS)
		assert_int_equal(res.x[1], row->top);
	if (row->expect != RMI_SUCCESS) {
		fx_assert_view(&r, row->ipa, before);
		return;
	}
	fx_assert_entry(&r, row->ipa, row->level, row->level, RMI_UNASSIGNED, 0, RMI_EMPTY);
	/* UNASSIGNED_NS again: it maps. */
	assert_int_equal(map(&r, row->ipa, row->level, before[row->level].x[3]), RMI_SUCCESS);
}

#define UNMAP(name, ...)	FX_ROW(rtt_unmap_unprotected_##name, rtt_unmap_unprotected_row, __VA_ARGS__)

static void map_world_page(struct fx_world *w)
{
	map_page(&w->realm, PAGE);
}

static const struct fx_slot unmap_rd = { .prepare = map_world_page,
					 .fid = RMI_RTT_UNMAP_UNPROTECTED, .args = { PAGE, 3 } };

static void rtt_unmap_unprotected_block(void **state)
{
	struct fx_realm r;
	struct rmi_result res;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, PAGE, 2);
	assert_int_equal(map(&r, PAGE + MB2, 2, DESC), RMI_SUCCESS);
	res = unit_rmi(RMI_RTT_UNMAP_UNPROTECTED, r.rd, PAGE + MB2, 2, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], PAGE + GB);
	fx_assert_entry(&r, PAGE + MB2, 2, 2, RMI_UNASSIGNED, 0, RMI_EMPTY);
}

/* A level 2 ASSIGNED_NS block at PAGE. */
static void map_block(const struct fx_realm *r)
{
	fx_rtts_to(r, PAGE, 2);
	assert_int_equal(map(r, PAGE, 2, DESC), RMI_SUCCESS);
}

static void rtt_map_unprotected_walk_stops_at_block(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	map_block(&r);
	assert_int_equal(map(&r, PAGE + 0x1000, 3, (OA + 0x1000) | ATTRS), RTT_ERR(2));
	fx_assert_entry(&r, PAGE, 3, 2, RMI_ASSIGNED, DESC, RMI_EMPTY);
}

static void rtt_unmap_unprotected_walk_stops_at_block(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	map_block(&r);
	assert_int_equal(unit_rmi(RMI_RTT_UNMAP_UNPROTECTED, r.rd, PAGE + 0x1000, 3, 0, 0).x[0],
			 RTT_ERR(2));
	fx_assert_entry(&r, PAGE, 3, 2, RMI_ASSIGNED, DESC, RMI_EMPTY);
}

static void rtt_unmap_unprotected_top_next_table(void **state)
{
	struct fx_realm r;
	struct rmi_result res;

	(void)state;
	fx_realm_default(&r);
	map_block(&r);
	fx_rtt(&r, PAGE + 2 * MB2, 3);
	res = unit_rmi(RMI_RTT_UNMAP_UNPROTECTED, r.rd, PAGE, 2, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], PAGE + 2 * MB2);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
#define BAD .expect = INPUT
#define OK .expect = RMI_SUCCESS
static const struct CMUnitTest tests[] = {
	FX_RD_ROWS(rtt_map_unprotected, map_rd),
	MAP(level_0, PAGE, 0, 0, ATTRS, BAD),
	MAP(level_minus_1, PAGE, -1, 0, ATTRS, BAD),
	MAP(level_4, PAGE, 4, 3, DESC, BAD),
	MAP(level_4_before_walk, PAGE, 4, 0, DESC, BAD),
	MAP(desc_type_bit0, PAGE, 3, 3, DESC | 1U, BAD),
	MAP(desc_type_bits, PAGE, 3, 3, DESC | 3U, BAD),
	MAP(desc_bit5, PAGE, 3, 3, DESC | 1U << 5, BAD),
	MAP(desc_memattr_reserved, PAGE, 3, 3, OA | S2AP_RW | MEMATTR(4), BAD),
	MAP(desc_sh, PAGE, 3, 3, DESC | 3U << 8, BAD),
	MAP(desc_af, PAGE, 3, 3, DESC | 1U << 10, BAD),
	MAP(desc_bit11, PAGE, 3, 3, DESC | 1U << 11, BAD),
	MAP(desc_bit52, PAGE, 3, 3, DESC | 1ULL << 52, BAD),
	MAP(desc_xn, PAGE, 3, 3, DESC | 1ULL << 54, BAD),
	MAP(desc_bit63, PAGE, 3, 3, DESC | 1ULL << 63, BAD),
	MAP(desc_oa_above_48_bits, PAGE, 3, 3, DESC | 1ULL << 48, BAD),
	MAP(desc_oa_unaligned_level_2, PAGE, 2, 2, (OA + 0x1000) | ATTRS, BAD),
	MAP(desc_oa_unaligned_level_1, PAGE, 1, 1, (OA + MB2) | ATTRS, BAD),
	MAP(desc_before_walk, PAGE, 3, 0, DESC | 1U, BAD),
	MAP(ipa_unaligned, PAGE + 0x800, 3, 3, DESC, BAD),
	MAP(ipa_unaligned_level_2, PAGE + 0x1000, 2, 2, DESC, BAD),
	MAP(ipa_at_limit, FX_IPA_LIMIT, 1, 0, DESC, BAD),
	MAP(ipa_top_of_u64, ~0xFFFULL, 3, 0, DESC, BAD),
	MAP(ipa_unaligned_before_mapped, PAGE + 0x800, 3, 3, DESC, PAGE, BAD),
	MAP(ipa_protected, 0, 3, 3, DESC, BAD),
	MAP(ipa_last_protected, FX_UNPROT - GRANULE_SIZE, 3, 3, DESC, BAD),
	MAP(ipa_protected_before_walk, 0, 3, 0, DESC, BAD),
	MAP(walk_stops_at_0, PAGE, 3, 0, DESC, .expect = RTT_ERR(0)),
	MAP(walk_stops_at_1, PAGE, 3, 1, DESC, .expect = RTT_ERR(1)),
	MAP(walk_stops_at_2, PAGE, 3, 2, DESC, .expect = RTT_ERR(2)),
	T(rtt_map_unprotected_walk_stops_at_block),
	MAP(already_mapped, PAGE, 3, 3, DESC, .mapped = PAGE, .expect = RTT_ERR(3)),
	MAP(table_entry, PAGE, 2, 3, DESC, .expect = RTT_ERR(2)),
	MAP(page_success, PAGE + 0x5000, 3, 3, DESC, OK),
	MAP(block_level_2_success, PAGE + MB2, 2, 2, DESC, OK),
	MAP(block_level_1_success, PAGE + GB, 1, 1, DESC, OK),
	MAP(last_page_success, FX_IPA_LIMIT - GRANULE_SIZE, 3, 3, DESC, OK),
	T(rtt_map_unprotected_attributes),
	T(rtt_map_unprotected_active_realm),
	FX_RD_ROWS(rtt_unmap_unprotected, unmap_rd),
	UNMAP(level_0, PAGE, 0, 3, .mapped = PAGE, BAD),
	UNMAP(level_minus_1, PAGE, -1, 3, .mapped = PAGE, BAD),
	UNMAP(level_4, PAGE, 4, 3, .mapped = PAGE, BAD),
	UNMAP(level_4_before_unassigned_ns, PAGE, 4, 3, BAD),
	UNMAP(ipa_unaligned, PAGE + 0x800, 3, 3, .mapped = PAGE, BAD),
	UNMAP(ipa_unaligned_level_2, PAGE + 0x1000, 2, 2, BAD),
	UNMAP(ipa_at_limit, FX_IPA_LIMIT, 3, 0, BAD),
	UNMAP(ipa_protected, 0, 3, 3, BAD),
	UNMAP(ipa_protected_before_walk, 0x1000, 3, 0, BAD),
	UNMAP(walk_stops_at_0, PAGE, 3, 0, .expect = RTT_ERR(0), .top = FX_IPA_LIMIT),
	UNMAP(walk_stops_at_1, PAGE, 3, 1, .expect = RTT_ERR(1), .top = PAGE + (1ULL << 39)),
	UNMAP(unassigned_ns, PAGE, 3, 3, .expect = RTT_ERR(3), .top = PAGE + MB2),
	UNMAP(unassigned_ns_top_next_mapped, PAGE, 3, 3, .mapped = PAGE + 0x9000,
	      .expect = RTT_ERR(3), .top = PAGE + 0x9000),
	UNMAP(table_entry, PAGE, 2, 3, .mapped = PAGE + 0x2000, .expect = RTT_ERR(2), .top = PAGE),
	UNMAP(page_success, PAGE + 0x4000, 3, 3, .mapped = PAGE + 0x4000, .top = PAGE + MB2),
	UNMAP(page_top_next_mapped, PAGE, 3, 3, .mapped = PAGE, .mapped2 = PAGE + 0x9000,
	      .top = PAGE + 0x9000),
	T(rtt_unmap_unprotected_block),
	T(rtt_unmap_unprotected_walk_stops_at_block),
	T(rtt_unmap_unprotected_top_next_table),
};

UNIT_GROUP(rtt_map_tests, tests, NULL);
