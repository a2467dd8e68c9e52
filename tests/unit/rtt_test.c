/* RMI_RTT_CREATE, RTT_DESTROY and RTT_READ_ENTRY against spec 2.3 and 2.4. */
#include "realm_fixture.h"

#define GB		(1ULL << 30)
#define MB2		FX_LEVEL_SIZE(2)
#define ATTRS		((3ULL << 6) | (6ULL << 2))	/* S2AP RW, MemAttr 0b110 */

struct fx_row {
	uint64_t ipa;
	int64_t level;
	int64_t setup_to;	/* RTTs created down to this level at ipa first */
	uint64_t data_at;	/* a DATA granule at this IPA first (0: none) */
	uint64_t expect;
	uint64_t top;		/* RTT_DESTROY x2 when expect is an RTT error */
};

static void setup(const struct fx_realm *r, const struct fx_row *row)
{
	fx_rtts_to(r, row->ipa & (FX_IPA_LIMIT - 1U), row->setup_to);
	if (row->data_at != 0)
		fx_data_unknown(r, row->data_at);
}

/* ---- RTT_CREATE ---------------------------------------------------------------------- */

static uint64_t create_with_rd(struct fx_world *w, uint64_t rd)
{
	return fx_x0(RMI_RTT_CREATE, rd, w->delegated, 0, 1, 0);
}

static uint64_t create_with_rtt(struct fx_world *w, uint64_t rtt)
{
	return fx_x0(RMI_RTT_CREATE, w->realm.rd, rtt, 0, 1, 0);
}

static const struct fx_slot create_rd = { .call = create_with_rd };
static const struct fx_slot create_rtt = { .call = create_with_rtt };

static void rtt_create_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r;
	struct rmi_result before[4];
	uint64_t rtt;

	fx_realm_default(&r);
	setup(&r, row);
	fx_view(&r, row->ipa, before);
	assert_int_equal(fx_rtt_create_call(&r, row->ipa, row->level, &rtt), row->expect);
	if (row->expect != RMI_SUCCESS) {
		fx_assert_view(&r, row->ipa, before);
		fx_assert_delegated(rtt);
		return;
	}
	fx_assert_in_use(rtt);
	fx_assert_entry(&r, row->ipa, row->level - 1, row->level - 1, RMI_TABLE, rtt, RMI_EMPTY);
	fx_assert_entry(&r, row->ipa, row->level, row->level, RMI_UNASSIGNED, 0, RMI_EMPTY);
	fx_assert_entry(&r, row->ipa + FX_LEVEL_SIZE(row->level - 1) - GRANULE_SIZE, 3, row->level,
			RMI_UNASSIGNED, 0, RMI_EMPTY);
}

#define CREATE(name, ...)	FX_ROW(rtt_create_##name, rtt_create_row, __VA_ARGS__)

static void rtt_create_rtt_state_before_walk(void **state)
{
	struct fx_realm r;
	uint64_t rtt = unit_ns_granule();

	(void)state;
	fx_realm_default(&r);
	assert_int_equal(fx_x0(RMI_RTT_CREATE, r.rd, rtt, 0, 3, 0), INPUT);
	assert_int_equal(fx_delegate(rtt), RMI_SUCCESS);
}

static void rtt_create_rd_is_rtt(void **state)
{
	uint64_t g = fx_delegated();

	(void)state;
	assert_int_equal(fx_x0(RMI_RTT_CREATE, g, g, 0, 1, 0), INPUT);
	fx_assert_delegated(g);
}

static void rtt_create_active_realm(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_realm_activate(&r);
	fx_rtts_to(&r, 0, 3);
	fx_assert_entry(&r, 0, 3, 3, RMI_UNASSIGNED, 0, RMI_EMPTY);
}

static void rtt_create_level_start_1_two_roots(void **state)
{
	struct fx_realm r;
	uint64_t rtt;

	(void)state;
	fx_realm(&r, 1, 40);
	assert_int_equal(fx_rtt_create_call(&r, 0, 1, &rtt), INPUT);
	/* The second root table covers [512 GB, 1 TB). */
	rtt = fx_rtt(&r, 512 * GB, 2);
	fx_assert_entry(&r, 512 * GB, 1, 1, RMI_TABLE, rtt, RMI_EMPTY);
}

/* Unfolding (spec 2.3): the new RTT's 512 entries inherit the parent entry. */
static void rtt_create_unfolds_ram(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 2);
	fx_init_ripas(&r, 0, MB2);
	fx_rtt(&r, 0, 3);
	fx_assert_entry(&r, 0, 3, 3, RMI_UNASSIGNED, 0, RMI_RAM);
	fx_assert_entry(&r, MB2 - GRANULE_SIZE, 3, 3, RMI_UNASSIGNED, 0, RMI_RAM);
}

static void rtt_create_unfolds_destroyed(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 3);
	assert_int_equal(fx_x0(RMI_RTT_DESTROY, r.rd, 0, 3, 0, 0), RMI_SUCCESS);
	fx_rtt(&r, 0, 3);
	fx_assert_entry(&r, 0x7000, 3, 3, RMI_UNASSIGNED, 0, RMI_DESTROYED);
}

static void rtt_create_unfolds_assigned_block(void **state)
{
	struct fx_realm r;
	uint64_t pa;

	(void)state;
	fx_realm_default(&r);
	pa = fx_assigned_block(&r, MB2);
	fx_assert_entry(&r, MB2, 2, 2, RMI_ASSIGNED, pa, RMI_EMPTY);
	fx_rtt(&r, MB2, 3);
	fx_assert_entry(&r, MB2, 3, 3, RMI_ASSIGNED, pa, RMI_EMPTY);
	fx_assert_entry(&r, MB2 + 0x1FF000, 3, 3, RMI_ASSIGNED, pa + 0x1FF000, RMI_EMPTY);
}

static void rtt_create_unfolds_assigned_ns_block(void **state)
{
	struct fx_realm r;
	uint64_t oa = 0x80000000ULL;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, FX_UNPROT, 2);
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r.rd, FX_UNPROT, 2, oa | ATTRS, 0),
			 RMI_SUCCESS);
	fx_rtt(&r, FX_UNPROT, 3);
	fx_assert_entry(&r, FX_UNPROT + 0x3000, 3, 3, RMI_ASSIGNED, (oa + 0x3000) | ATTRS, RMI_EMPTY);
}

/* ---- RTT_DESTROY ------------------------------------------------------------------- */

static void make_l1(struct fx_world *w)
{
	fx_rtts_to(&w->realm, 0, 1);
}

static const struct fx_slot destroy_rd = { .prepare = make_l1, .fid = RMI_RTT_DESTROY,
					   .args = { 0, 1 } };

static void rtt_destroy_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r;
	struct rmi_result before[4];
	struct rmi_result res;
	uint64_t child;

	fx_realm_default(&r);
	setup(&r, row);
	fx_view(&r, row->ipa, before);
	child = before[(row->level - 1) & 3].x[3];
	res = unit_rmi(RMI_RTT_DESTROY, r.rd, row->ipa, (uint64_t)row->level, 0, 0);
	assert_int_equal(res.x[0], row->expect);
	if (row->expect != RMI_SUCCESS) {
		if (RMI_RETURN_STATUS(row->expect) == RMI_ERROR_RTT)
			assert_int_equal(res.x[2], row->top);
		fx_assert_view(&r, row->ipa, before);
		return;
	}
	assert_int_equal(res.x[1], child);
	assert_int_equal(res.x[2], row->top);
	fx_assert_delegated(child);
	fx_assert_entry(&r, row->ipa, row->level - 1, row->level - 1, RMI_UNASSIGNED, 0,
			row->ipa < FX_UNPROT ? RMI_DESTROYED : RMI_EMPTY);
}

#define DESTROY(name, ...)	FX_ROW(rtt_destroy_##name, rtt_destroy_row, __VA_ARGS__)

static void rtt_destroy_unprotected_becomes_unassigned_ns(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, FX_UNPROT, 3);
	assert_int_equal(fx_x0(RMI_RTT_DESTROY, r.rd, FX_UNPROT, 3, 0, 0), RMI_SUCCESS);
	/* Only an UNASSIGNED_NS entry can be mapped. */
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r.rd, FX_UNPROT, 2, 0x80000000ULL | ATTRS, 0),
			 RMI_SUCCESS);
}

static void rtt_destroy_assigned_ns_child_not_live(void **state)
{
	struct fx_realm r;
	uint64_t rtt;
	struct rmi_result res;

	(void)state;
	fx_realm_default(&r);
	rtt = fx_rtts_to(&r, FX_UNPROT, 3);
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r.rd, FX_UNPROT + 0x1000, 3,
			       0x80001000ULL | ATTRS, 0),
			 RMI_SUCCESS);
	res = unit_rmi(RMI_RTT_DESTROY, r.rd, FX_UNPROT, 3, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], rtt);
	fx_assert_delegated(rtt);
}

static void rtt_destroy_top_next_assigned_ns(void **state)
{
	struct fx_realm r;
	struct rmi_result res;

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, FX_UNPROT, 3);
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r.rd, FX_UNPROT + 2 * MB2, 2,
			       0x80000000ULL | ATTRS, 0),
			 RMI_SUCCESS);
	res = unit_rmi(RMI_RTT_DESTROY, r.rd, FX_UNPROT, 3, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	/* ASSIGNED_NS entries are live for top (spec 2.3). */
	assert_int_equal(res.x[2], FX_UNPROT + 2 * MB2);
}

static void rtt_destroy_unassigned_ram_not_live(void **state)
{
	struct fx_realm r;
	uint64_t rtt;

	(void)state;
	fx_realm_default(&r);
	rtt = fx_rtts_to(&r, 0, 3);
	fx_init_ripas(&r, 0, 0x10000);
	assert_int_equal(unit_rmi(RMI_RTT_DESTROY, r.rd, 0, 3, 0, 0).x[1], rtt);
	fx_assert_entry(&r, 0, 3, 2, RMI_UNASSIGNED, 0, RMI_DESTROYED);
}

/* Step 3: the level-1 entry is an ASSIGNED block, not TABLE; top = ipa, which is live. */
static void rtt_destroy_parent_assigned_block(void **state)
{
	struct fx_realm r;
	struct rmi_result before[4], res;

	(void)state;
	fx_realm_default(&r);
	fx_assigned_block(&r, MB2);
	fx_view(&r, MB2, before);
	res = unit_rmi(RMI_RTT_DESTROY, r.rd, MB2, 3, 0, 0);
	assert_int_equal(res.x[0], RTT_ERR(2));
	assert_int_equal(res.x[2], MB2);
	fx_assert_view(&r, MB2, before);
}

static void rtt_destroy_active_realm(void **state)
{
	struct fx_realm r;
	uint64_t rtt;

	(void)state;
	fx_realm_default(&r);
	rtt = fx_rtts_to(&r, 0, 1);
	fx_realm_activate(&r);
	assert_int_equal(unit_rmi(RMI_RTT_DESTROY, r.rd, 0, 1, 0, 0).x[1], rtt);
	fx_assert_delegated(rtt);
}

/* ---- RTT_READ_ENTRY ---------------------------------------------------------------------- */

static const struct fx_slot read_rd = { .fid = RMI_RTT_READ_ENTRY };

struct read_row {
	int64_t sl;
	unsigned int s2sz;
	uint64_t ipa;
	int64_t level;
};

static void rtt_read_entry_row(void **state)
{
	const struct read_row *row = *state;
	struct fx_realm r;

	fx_realm(&r, row->sl, row->s2sz);
	assert_int_equal(fx_read(&r, row->ipa, row->level).x[0], INPUT);
}

#define READ(name, ...)                                                                 \
	{ "rtt_read_entry_" #name, rtt_read_entry_row, unit_boot_rmm, NULL,             \
	  &(struct read_row){ __VA_ARGS__ } }

static void rtt_read_entry_states(void **state)
{
	struct fx_realm r;
	uint64_t l1, data, src = fx_src(0x11);

	(void)state;
	fx_realm_default(&r);
	fx_assert_entry(&r, 0, 0, 0, RMI_UNASSIGNED, 0, RMI_EMPTY);
	l1 = fx_rtt(&r, 0, 1);
	fx_assert_entry(&r, 0, 0, 0, RMI_TABLE, l1, RMI_EMPTY);
	/* The walk stops at the first non-TABLE entry. */
	fx_assert_entry(&r, 0x5000, 3, 1, RMI_UNASSIGNED, 0, RMI_EMPTY);
	fx_rtts_to(&r, 0, 3);
	data = fx_delegated();
	assert_int_equal(fx_x0(RMI_DATA_CREATE, r.rd, data, 0x5000, src, 0), RMI_SUCCESS);
	fx_assert_entry(&r, 0x5000, 3, 3, RMI_ASSIGNED, data, RMI_RAM);
	fx_assert_entry(&r, FX_UNPROT, 3, 0, RMI_UNASSIGNED, 0, RMI_EMPTY);
	fx_rtts_to(&r, FX_UNPROT, 3);
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r.rd, FX_UNPROT, 3, 0x90000000ULL | ATTRS, 0),
			 RMI_SUCCESS);
	fx_assert_entry(&r, FX_UNPROT, 3, 3, RMI_ASSIGNED, 0x90000000ULL | ATTRS, RMI_EMPTY);
}

static void rtt_read_entry_writes_x4(void **state)
{
	struct fx_realm r;
	struct rmi_result res;

	(void)state;
	fx_realm_default(&r);
	res = unit_rmi(RMI_RTT_READ_ENTRY, r.rd, FX_UNPROT, 0, 0xDEAD, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[4], RMI_EMPTY);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
#define BAD .expect = INPUT
#define OK .expect = RMI_SUCCESS
static const struct CMUnitTest tests[] = {
	FX_RD_ROWS(rtt_create, create_rd),
	FX_DELEGATED_ROWS(rtt_create, rtt, create_rtt),
	T(rtt_create_rd_is_rtt),
	T(rtt_create_rtt_state_before_walk),
	CREATE(level_0_is_start, 0, 0, BAD),
	CREATE(level_minus_1, 0, -1, BAD),
	CREATE(level_4, 0, 4, 3, BAD),
	CREATE(level_2_pow_32, 0, 1LL << 32, BAD),
	CREATE(level_4_before_walk, 0, 4, BAD),
	CREATE(ipa_unaligned_level_1, GB, 1, BAD),
	CREATE(ipa_unaligned_level_2, MB2, 2, 1, BAD),
	CREATE(ipa_unaligned_level_3, 0x1000, 3, 2, BAD),
	CREATE(ipa_unaligned_before_table_exists, 0x1000, 3, 3, BAD),
	CREATE(ipa_at_limit, FX_IPA_LIMIT, 1, BAD),
	CREATE(ipa_top_of_u64, ~(FX_LEVEL_SIZE(0) - 1U), 1, BAD),
	CREATE(walk_stops_at_0_level_2, 0, 2, .expect = RTT_ERR(0)),
	CREATE(walk_stops_at_0_level_3, 0, 3, .expect = RTT_ERR(0)),
	CREATE(walk_stops_at_1, 0, 3, 1, .expect = RTT_ERR(1)),
	CREATE(walk_stops_at_1_unprotected, FX_UNPROT, 3, 1, .expect = RTT_ERR(1)),
	CREATE(table_exists_level_1, 0, 1, 1, .expect = RTT_ERR(0)),
	CREATE(table_exists_level_2, 0, 2, 2, .expect = RTT_ERR(1)),
	CREATE(table_exists_level_3, 0, 3, 3, .expect = RTT_ERR(2)),
	CREATE(table_exists_unprotected, FX_UNPROT, 3, 3, .expect = RTT_ERR(2)),
	CREATE(level_1_success, 0, 1, OK),
	CREATE(level_2_success, GB, 2, 1, OK),
	CREATE(level_3_success, 0x400000, 3, 2, OK),
	CREATE(last_protected_success, FX_UNPROT - MB2, 3, 2, OK),
	CREATE(unprotected_success, FX_UNPROT, 1, OK),
	CREATE(last_unprotected_success, FX_IPA_LIMIT - MB2, 3, 2, OK),
	T(rtt_create_active_realm),
	T(rtt_create_level_start_1_two_roots),
	T(rtt_create_unfolds_ram),
	T(rtt_create_unfolds_destroyed),
	T(rtt_create_unfolds_assigned_block),
	T(rtt_create_unfolds_assigned_ns_block),
	FX_RD_ROWS(rtt_destroy, destroy_rd),
	DESTROY(level_0_is_start, 0, 0, 1, BAD),
	DESTROY(level_minus_1, 0, -1, 1, BAD),
	DESTROY(level_4, 0, 4, 3, BAD),
	DESTROY(level_0_before_walk, 0, 0, BAD),
	DESTROY(ipa_unaligned, 0x1000, 3, 3, BAD),
	DESTROY(ipa_unaligned_before_live, 0x1000, 3, 3, 0x1000, BAD),
	DESTROY(ipa_at_limit, FX_IPA_LIMIT, 1, BAD),
	DESTROY(walk_stops_at_0, 0, 2, .expect = RTT_ERR(0), .top = FX_IPA_LIMIT),
	DESTROY(walk_stops_at_1, 0, 3, 1, .expect = RTT_ERR(1), .top = 1ULL << 39),
	DESTROY(parent_unassigned_level_2, 0, 2, 1, .expect = RTT_ERR(1), .top = 1ULL << 39),
	DESTROY(parent_unassigned_level_3, 0, 3, 2, .expect = RTT_ERR(2), .top = GB),
	DESTROY(parent_unassigned_top_next_table, 0, 3, 2, 0x600000, RTT_ERR(2), 0x600000),
	DESTROY(live_child_data, 0, 3, 3, 0x5000, RTT_ERR(3), 0),
	DESTROY(live_child_data_top_is_ipa, 0x400000, 3, 3, 0x401000, RTT_ERR(3), 0x400000),
	DESTROY(live_child_table, 0, 2, 3, .expect = RTT_ERR(2), .top = 0),
	DESTROY(live_child_table_level_1, 0, 1, 2, .expect = RTT_ERR(1), .top = 0),
	DESTROY(level_3_success, 0, 3, 3, .top = GB),
	DESTROY(level_3_top_next_table, 0, 3, 3, 0x600000, .top = 0x600000),
	DESTROY(level_1_success, 0, 1, 1, .top = FX_IPA_LIMIT),
	DESTROY(unprotected_success, FX_UNPROT, 2, 2, .top = FX_UNPROT + (1ULL << 39)),
	T(rtt_destroy_unprotected_becomes_unassigned_ns),
	T(rtt_destroy_assigned_ns_child_not_live),
	T(rtt_destroy_top_next_assigned_ns),
	T(rtt_destroy_unassigned_ram_not_live),
	T(rtt_destroy_parent_assigned_block),
	T(rtt_destroy_active_realm),
	FX_RD_ROWS(rtt_read_entry, read_rd),
	READ(level_minus_1, 0, 48, 0, -1),
	READ(level_4, 0, 48, 0, 4),
	READ(level_below_start, 1, 40, 0, 0),
	READ(ipa_unaligned_level_2, 0, 48, 0x1000, 2),
	READ(ipa_unaligned_level_3, 0, 48, 0x800, 3),
	READ(ipa_at_limit, 0, 48, FX_IPA_LIMIT, 0),
	READ(ipa_at_limit_s2sz_40, 1, 40, 1ULL << 40, 1),
	READ(ipa_top_of_u64, 0, 48, ~0xFFFULL, 3),
	T(rtt_read_entry_states),
	T(rtt_read_entry_writes_x4),
};

UNIT_GROUP(rtt_tests, tests, NULL);
