/* RMI_DATA_CREATE, DATA_CREATE_UNKNOWN and DATA_DESTROY against spec 2.4. */
#include <string.h>

#include "realm_fixture.h"

#define MB2		FX_LEVEL_SIZE(2)
#define IPA		0x3000ULL
#define NS_DESC		(0x80000000ULL | (3ULL << 6) | (6ULL << 2))

/* What is at the row's IPA before the call. */
enum pre {
	PRE_NONE,
	PRE_DATA,		/* ASSIGNED, RIPAS EMPTY */
	PRE_RAM,		/* UNASSIGNED, RIPAS RAM */
	PRE_DESTROYED,		/* UNASSIGNED, RIPAS DESTROYED */
	PRE_MAPPED,		/* ASSIGNED_NS */
	PRE_BLOCK,		/* inside a level 2 ASSIGNED block */
	PRE_NEXT_TABLE,		/* a level 3 RTT with DATA at 6 MB, later in the same level 2 RTT */
	PRE_NEXT_DATA,		/* DATA at ipa + 0x6000 */
};

struct fx_row {
	uint64_t ipa;
	int64_t setup_to;	/* RTTs at ipa down to this level first */
	enum pre pre;
	uint64_t flags;		/* DATA_CREATE flags */
	bool active;
	uint64_t expect;
	uint64_t top;		/* DATA_DESTROY x2 (RTT errors and success) */
};

static void prepare(struct fx_realm *r, const struct fx_row *row)
{
	uint64_t ipa = row->ipa & (FX_IPA_LIMIT - GRANULE_SIZE), data;

	fx_realm_default(r);
	fx_rtts_to(r, ipa, row->setup_to);
	switch (row->pre) {
	case PRE_DATA:
		fx_data_unknown(r, ipa);
		break;
	case PRE_RAM:
		fx_init_ripas(r, ipa, ipa + GRANULE_SIZE);
		break;
	case PRE_DESTROYED:
		data = fx_data(r, ipa, 0x33);
		assert_int_equal(unit_rmi(RMI_DATA_DESTROY, r->rd, ipa, 0, 0, 0).x[1], data);
		break;
	case PRE_MAPPED:
		fx_rtts_to(r, ipa, 3);
		assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r->rd, ipa, 3, NS_DESC, 0),
				 RMI_SUCCESS);
		break;
	case PRE_BLOCK:
		fx_assigned_block(r, ipa & ~(MB2 - 1U));
		break;
	case PRE_NEXT_TABLE:
		fx_data_unknown(r, 3 * MB2);
		break;
	case PRE_NEXT_DATA:
		fx_data_unknown(r, ipa + 0x6000);
		break;
	case PRE_NONE:
		break;
	}
	if (row->active)
		fx_realm_activate(r);
}

/* ---- DATA_CREATE / DATA_CREATE_UNKNOWN rows -------------------------------------------- */

static void create_row(const struct fx_row *row, bool unknown)
{
	struct fx_realm r;
	struct rmi_result before[4];
	uint64_t data, src = fx_src(0xC3), ripas, ret;

	prepare(&r, row);
	fx_view(&r, row->ipa, before);
	ripas = before[3].x[4];
	data = fx_delegated();
	if (unknown)
		ret = fx_x0(RMI_DATA_CREATE_UNKNOWN, r.rd, data, row->ipa, 0, 0);
	else
		ret = fx_x0(RMI_DATA_CREATE, r.rd, data, row->ipa, src, row->flags);
	assert_int_equal(ret, row->expect);
	if (row->expect != RMI_SUCCESS) {
		fx_assert_view(&r, row->ipa, before);
		fx_assert_delegated(data);
		return;
	}
	fx_assert_in_use(data);
	/* DATA_CREATE: RIPAS RAM and a copy of src; UNKNOWN: RIPAS kept, contents zero. */
	fx_assert_entry(&r, row->ipa, 3, 3, RMI_ASSIGNED, data, unknown ? ripas : RMI_RAM);
	memset(host_pa_ptr(src), unknown ? 0 : 0xC3, GRANULE_SIZE);
	assert_memory_equal(host_pa_ptr(data), host_pa_ptr(src), GRANULE_SIZE);
}

static void data_create_row(void **state)
{
	create_row(*state, false);
}

static void data_create_unknown_row(void **state)
{
	create_row(*state, true);
}

#define CREATE(name, ...)	FX_ROW(data_create_##name, data_create_row, __VA_ARGS__)
#define UNKNOWN(name, ...)	FX_ROW(data_create_unknown_##name, data_create_unknown_row, __VA_ARGS__)

/* ---- Argument slots (world realm, level 3 RTT at 0) --------------------------------------- */

static void make_l3(struct fx_world *w)
{
	fx_rtts_to(&w->realm, 0, 3);
}

static uint64_t create_rd(struct fx_world *w, uint64_t rd)
{
	return fx_x0(RMI_DATA_CREATE, rd, w->delegated, IPA, w->src, 0);
}

static uint64_t create_data(struct fx_world *w, uint64_t data)
{
	return fx_x0(RMI_DATA_CREATE, w->realm.rd, data, IPA, w->src, 0);
}

static uint64_t create_src(struct fx_world *w, uint64_t src)
{
	return fx_x0(RMI_DATA_CREATE, w->realm.rd, w->delegated, IPA, src, 0);
}

static uint64_t unknown_rd(struct fx_world *w, uint64_t rd)
{
	return fx_x0(RMI_DATA_CREATE_UNKNOWN, rd, w->delegated, IPA, 0, 0);
}

static uint64_t unknown_data(struct fx_world *w, uint64_t data)
{
	return fx_x0(RMI_DATA_CREATE_UNKNOWN, w->realm.rd, data, IPA, 0, 0);
}

static const struct fx_slot create_rd_slot = { .prepare = make_l3, .call = create_rd };
static const struct fx_slot create_data_slot = { .prepare = make_l3, .call = create_data };
static const struct fx_slot create_src_slot = { .prepare = make_l3, .call = create_src };
static const struct fx_slot unknown_rd_slot = { .prepare = make_l3, .call = unknown_rd };
static const struct fx_slot unknown_data_slot = { .prepare = make_l3, .call = unknown_data };

static void make_world_data(struct fx_world *w)
{
	fx_obj(w, FX_K_DATA);
}

static const struct fx_slot destroy_rd_slot = { .prepare = make_world_data,
						.fid = RMI_DATA_DESTROY, .args = { FX_WORLD_IPA } };

static void data_create_src_unaligned(void **state)
{
	struct fx_world *w = fx_world();

	(void)state;
	make_l3(w);
	fx_world_snapshot(w);
	assert_int_equal(create_src(w, w->src + 8), INPUT);
	fx_world_check(w);
}

static void data_create_granules_before_realm_state(void **state)
{
	struct fx_world *w = fx_world();

	(void)state;
	make_l3(w);
	fx_realm_activate(&w->realm);
	fx_world_snapshot(w);
	assert_int_equal(create_src(w, fx_obj(w, FX_K_DELEGATED)), INPUT);
	assert_int_equal(create_data(w, fx_obj(w, FX_K_UNDELEGATED)), INPUT);
	fx_world_check(w);
}

static void data_create_rd_is_data(void **state)
{
	/* covers: DATA_CREATE_UNKNOWN.rd_is_data */
	struct fx_realm r;
	uint64_t g = fx_delegated();

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 3);
	assert_int_equal(fx_x0(RMI_DATA_CREATE, g, g, IPA, fx_src(1), 0), INPUT);
	assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, g, g, IPA, 0, 0), INPUT);
	fx_assert_delegated(g);
}

/* ---- DATA_DESTROY rows ---------------------------------------------------------------------- */

static void data_destroy_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r;
	struct rmi_result before[4], res;

	prepare(&r, row);
	fx_view(&r, row->ipa, before);
	res = unit_rmi(RMI_DATA_DESTROY, r.rd, row->ipa, 0, 0, 0);
	assert_int_equal(res.x[0], row->expect);
	if (row->expect == RMI_SUCCESS || RMI_RETURN_STATUS(row->expect) == RMI_ERROR_RTT)
		assert_int_equal(res.x[2], row->top);
	if (row->expect != RMI_SUCCESS) {
		fx_assert_view(&r, row->ipa, before);
		return;
	}
	/* RAM becomes DESTROYED, EMPTY and DESTROYED stay (spec 2.4). */
	assert_int_equal(res.x[1], before[3].x[3]);
	fx_assert_entry(&r, row->ipa, 3, 3, RMI_UNASSIGNED, 0,
			before[3].x[4] == RMI_RAM ? RMI_DESTROYED : before[3].x[4]);
	fx_assert_delegated(res.x[1]);
}

#define DESTROY(name, ...)	FX_ROW(data_destroy_##name, data_destroy_row, __VA_ARGS__)

static void data_destroy_ram_data(void **state)
{
	struct fx_realm r;
	uint64_t data;
	struct rmi_result res;
	uint8_t zero[GRANULE_SIZE] = { 0 };

	(void)state;
	fx_realm_default(&r);
	data = fx_data(&r, IPA, 0x99);
	res = unit_rmi(RMI_DATA_DESTROY, r.rd, IPA, 0, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], data);
	assert_int_equal(res.x[2], MB2);
	fx_assert_entry(&r, IPA, 3, 3, RMI_UNASSIGNED, 0, RMI_DESTROYED);
	assert_memory_equal(host_pa_ptr(data), zero, GRANULE_SIZE);
	fx_assert_delegated(data);
	/* A DESTROYED entry takes new DATA (any RIPAS). */
	fx_data(&r, IPA, 0x98);
}

static void data_destroy_keeps_destroyed(void **state)
{
	struct fx_realm r;
	uint64_t data;

	(void)state;
	fx_realm_default(&r);
	data = fx_data(&r, IPA, 0x12);
	assert_int_equal(unit_rmi(RMI_DATA_DESTROY, r.rd, IPA, 0, 0, 0).x[0], RMI_SUCCESS);
	data = fx_data_unknown(&r, IPA);
	fx_assert_entry(&r, IPA, 3, 3, RMI_ASSIGNED, data, RMI_DESTROYED);
	assert_int_equal(unit_rmi(RMI_DATA_DESTROY, r.rd, IPA, 0, 0, 0).x[1], data);
	fx_assert_entry(&r, IPA, 3, 3, RMI_UNASSIGNED, 0, RMI_DESTROYED);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
#define BAD .expect = INPUT
#define OK .expect = RMI_SUCCESS
#define SRC_ROW(name, kind) FX_ARG(data_create_src_##name, create_src_slot, kind, INPUT)
static const struct CMUnitTest tests[] = {
	CREATE(flags_2, IPA, 3, .flags = 2, BAD),	/* covers: DATA_CREATE.flags_invalid */
	/* covers: DATA_CREATE.flags_invalid */
	CREATE(flags_all_ones, IPA, 3, .flags = ~0ULL, BAD),
	CREATE(flags_before_realm_state, IPA, 3, .flags = 2, .active = true, BAD),
	T(data_create_src_unaligned),
	SRC_ROW(untracked, FX_K_UNTRACKED),
	SRC_ROW(above_dram, FX_K_ABOVE_DRAM),
	SRC_ROW(mmio, FX_K_MMIO),
	SRC_ROW(rmm_memory, FX_K_RMM),	/* covers: DATA_CREATE.src_copy_faults */
	SRC_ROW(secure, FX_K_SECURE),	/* covers: DATA_CREATE.src_copy_faults */
	SRC_ROW(delegated, FX_K_DELEGATED),
	SRC_ROW(rd, FX_K_RD),
	SRC_ROW(data, FX_K_DATA),
	SRC_ROW(rtt, FX_K_RTT),
	T(data_create_granules_before_realm_state),
	FX_RD_ROWS(data_create, create_rd_slot),
	FX_DELEGATED_ROWS(data_create, data, create_data_slot),
	T(data_create_rd_is_data),
	CREATE(realm_active, IPA, 3, .active = true, .expect = REALM_ERR),
	CREATE(realm_active_before_ipa, FX_UNPROT, 3, .active = true, .expect = REALM_ERR),
	CREATE(realm_active_before_walk, IPA, 0, .active = true, .expect = REALM_ERR),
	CREATE(realm_active_before_assigned, IPA, 3, PRE_DATA, .active = true, .expect = REALM_ERR),
	CREATE(ipa_unprotected, FX_UNPROT, 3, BAD),
	CREATE(ipa_unprotected_before_walk, FX_UNPROT, 0, BAD),
	CREATE(ipa_unprotected_assigned_ns, FX_UNPROT, 3, PRE_MAPPED, BAD),
	CREATE(ipa_unaligned, IPA + 0x800, 3, BAD),
	CREATE(ipa_unaligned_before_walk, IPA + 0x800, 0, BAD),
	CREATE(ipa_at_limit, FX_IPA_LIMIT, 0, BAD),
	CREATE(ipa_top_of_u64, ~0xFFFULL, 0, BAD),
	CREATE(walk_stops_at_0, IPA, 0, .expect = RTT_ERR(0)),
	CREATE(walk_stops_at_1, IPA, 1, .expect = RTT_ERR(1)),
	CREATE(walk_stops_at_2, IPA, 2, .expect = RTT_ERR(2)),
	CREATE(walk_stops_at_block, 2 * MB2 + IPA, 2, PRE_BLOCK, .expect = RTT_ERR(2)),
	CREATE(entry_assigned, IPA, 3, PRE_DATA, .expect = RTT_ERR(3)),
	CREATE(ripas_empty_success, IPA, 3, OK),
	CREATE(ripas_ram_success, IPA, 3, PRE_RAM, OK),
	CREATE(ripas_destroyed_success, IPA, 3, PRE_DESTROYED, OK),
	CREATE(measured_success, IPA, 3, .flags = RMI_MEASURE_CONTENT, OK),
	CREATE(last_protected_success, FX_UNPROT - GRANULE_SIZE, 3, OK),
	FX_RD_ROWS(data_create_unknown, unknown_rd_slot),
	FX_DELEGATED_ROWS(data_create_unknown, data, unknown_data_slot),
	UNKNOWN(ipa_unprotected, FX_UNPROT, 3, BAD),
	UNKNOWN(ipa_unprotected_before_walk, FX_UNPROT, 0, BAD),
	UNKNOWN(ipa_unprotected_assigned_ns, FX_UNPROT, 3, PRE_MAPPED, BAD),
	UNKNOWN(ipa_unaligned, IPA + 0x10, 3, BAD),
	UNKNOWN(ipa_at_limit, FX_IPA_LIMIT, 0, BAD),
	UNKNOWN(walk_stops_at_0, IPA, 0, .expect = RTT_ERR(0)),
	UNKNOWN(walk_stops_at_1, IPA, 1, .expect = RTT_ERR(1)),
	UNKNOWN(walk_stops_at_2, IPA, 2, .expect = RTT_ERR(2)),
	UNKNOWN(walk_stops_at_block, 2 * MB2 + IPA, 2, PRE_BLOCK, .expect = RTT_ERR(2)),
	UNKNOWN(entry_assigned, IPA, 3, PRE_DATA, .expect = RTT_ERR(3)),
	UNKNOWN(keeps_ripas_empty, IPA, 3, OK),
	UNKNOWN(keeps_ripas_ram, IPA, 3, PRE_RAM, OK),
	UNKNOWN(keeps_ripas_destroyed, IPA, 3, PRE_DESTROYED, OK),
	UNKNOWN(active_realm_success, IPA, 3, .active = true, OK),
	FX_RD_ROWS(data_destroy, destroy_rd_slot),
	DESTROY(ipa_unprotected, FX_UNPROT, 3, BAD),
	DESTROY(ipa_unprotected_before_walk, FX_UNPROT, 0, BAD),
	DESTROY(ipa_unprotected_assigned_ns, FX_UNPROT, 3, PRE_MAPPED, BAD),
	DESTROY(ipa_unaligned, IPA + 0x800, 3, PRE_DATA, BAD),
	DESTROY(ipa_at_limit, FX_IPA_LIMIT, 0, BAD),
	DESTROY(ipa_top_of_u64, ~0xFFFULL, 0, BAD),
	DESTROY(walk_stops_at_0, IPA, 0, .expect = RTT_ERR(0), .top = FX_IPA_LIMIT),
	DESTROY(walk_stops_at_1, IPA, 1, .expect = RTT_ERR(1), .top = 1ULL << 39),
	DESTROY(walk_stops_at_2, IPA, 2, .expect = RTT_ERR(2), .top = 1ULL << 30),
	DESTROY(walk_stops_at_2_top_next_table, IPA, 2, PRE_NEXT_TABLE, .expect = RTT_ERR(2),
		.top = 3 * MB2),
	DESTROY(walk_stops_at_block, 2 * MB2, 2, PRE_BLOCK, .expect = RTT_ERR(2), .top = 2 * MB2),
	DESTROY(entry_unassigned, IPA, 3, .expect = RTT_ERR(3), .top = MB2),
	DESTROY(entry_unassigned_top_next_data, IPA, 3, PRE_NEXT_DATA, .expect = RTT_ERR(3),
		.top = IPA + 0x6000),
	DESTROY(entry_destroyed, IPA, 3, PRE_DESTROYED, .expect = RTT_ERR(3), .top = MB2),
	DESTROY(entry_ram, IPA, 3, PRE_RAM, .expect = RTT_ERR(3), .top = MB2),
	DESTROY(ripas_empty_success, IPA, 3, PRE_DATA, .top = MB2),
	DESTROY(active_realm_success, IPA, 3, PRE_DATA, .active = true, .top = MB2),
	T(data_destroy_ram_data),
	T(data_destroy_keeps_destroyed),
};

UNIT_GROUP(data_tests, tests, NULL);
