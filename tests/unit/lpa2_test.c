/*
 * LPA2 realms (REALM_CREATE flag LPA2): s2sz 52 with the walk starting at
 * level -1 (a root of 16 entries), every RTT command's level -1 cases, the
 * RMI_ERROR_RTT index 0xFF for a walk that stops there, and the LPA2 entry
 * format (OA[51:50] in bits [9:8], where other realms keep the
 * shareability) in what RTT_MAP_UNPROTECTED accepts and RTT_READ_ENTRY
 * gives back.
 */
#include "realm_fixture.h"

#define S2SZ_52		52U
#define UNPROT_52	(1ULL << 51)	/* first Unprotected IPA */
#define L_MINUS_1	(-1)
#define RTT_MINUS_1	RMI_STATUS(RMI_ERROR_RTT, -1)	/* 0xFF04 */
#define NS_ATTRS	((6ULL << 2) | (3ULL << 6))	/* MemAttr Normal WB, S2AP RW */
#define OA_51_50(oa)	((((oa) >> 50) & 3ULL) << 8)	/* the LPA2 format's bits [9:8] */

static void lpa2_realm(struct fx_realm *r)
{
	fx_realm_params(r, L_MINUS_1, S2SZ_52)->flags = RMI_REALM_FLAG_LPA2;
	assert_int_equal(fx_realm_create_call(r), RMI_SUCCESS);
}

/* The 16 root entries: 8 Protected (UNASSIGNED, EMPTY) and 8 Unprotected, read at level -1. */
static void rtt_read_entry_level_minus_1(void **state)
{
	struct fx_realm r;

	(void)state;
	assert_int_equal(RTT_MINUS_1, 0xFF04);
	lpa2_realm(&r);
	for (uint64_t i = 0; i < 16U; i++)
		fx_assert_entry(&r, i << 48, L_MINUS_1, L_MINUS_1, RMI_UNASSIGNED, 0, RMI_EMPTY);
	/* Below the root level, the walk stops at the root. */
	fx_assert_entry(&r, 0x80000, 3, L_MINUS_1, RMI_UNASSIGNED, 0, RMI_EMPTY);
	fx_assert_entry(&r, UNPROT_52, 3, L_MINUS_1, RMI_UNASSIGNED, 0, RMI_EMPTY);
	/* Level -2 does not exist; ipa beyond 2^52 is not the realm's; alignment is level -1's. */
	assert_int_equal(fx_read(&r, 0, -2).x[0], INPUT);
	assert_int_equal(fx_read(&r, 1ULL << 52, L_MINUS_1).x[0], INPUT);
	assert_int_equal(fx_read(&r, 1ULL << 47, L_MINUS_1).x[0], INPUT);
}

/* RTT_CREATE at level 0 hangs off a root entry; level -1 is the root's own (INPUT). */
static void rtt_create_level_0_under_level_minus_1(void **state)
{
	struct fx_realm r;
	uint64_t rtt = 0;

	(void)state;
	lpa2_realm(&r);
	assert_int_equal(fx_rtt_create_call(&r, 0, L_MINUS_1, &rtt), INPUT);
	fx_assert_delegated(rtt);
	/* Level 1 needs the level 0 table first: the walk stops at level -1. */
	assert_int_equal(fx_rtt_create_call(&r, 1ULL << 48, 1, &rtt), RTT_MINUS_1);
	rtt = fx_rtt(&r, 1ULL << 48, 0);
	fx_assert_entry(&r, 1ULL << 48, L_MINUS_1, L_MINUS_1, RMI_TABLE, rtt, RMI_EMPTY);
	fx_assert_entry(&r, 1ULL << 48, 0, 0, RMI_UNASSIGNED, 0, RMI_EMPTY);
	/* A second level 0 table for the same entry: (RTT, -1). */
	assert_int_equal(fx_rtt_create_call(&r, 1ULL << 48, 0, &rtt), RTT_MINUS_1);
	/* Under an Unprotected root entry the new table is all UNASSIGNED_NS. */
	rtt = fx_rtt(&r, UNPROT_52, 0);
	fx_assert_entry(&r, UNPROT_52 + (5ULL << 39), 0, 0, RMI_UNASSIGNED, 0, RMI_EMPTY);
}

/* The whole walk -1..3: DATA at level 3, read back with its PA; DATA stops at -1 first. */
static void data_create_through_level_minus_1(void **state)
{
	struct fx_realm r;
	uint64_t data = fx_delegated(), pa;

	(void)state;
	lpa2_realm(&r);
	assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, r.rd, data, 0x80000, 0, 0), RTT_MINUS_1);
	pa = fx_data_unknown(&r, 0x80000);
	fx_assert_entry(&r, 0x80000, 3, 3, RMI_ASSIGNED, pa, RMI_EMPTY);
	assert_int_equal(fx_read(&r, 0, L_MINUS_1).x[2], RMI_TABLE);
	assert_int_equal(fx_x0(RMI_DATA_DESTROY, r.rd, 0x80000, 0, 0, 0), RMI_SUCCESS);
	fx_assert_delegated(pa);
}

/* RTT_DESTROY and RTT_FOLD of a level 0 table: the level -1 entry takes its place. */
static void rtt_destroy_and_fold_level_0(void **state)
{
	struct fx_realm r;
	struct rmi_result res;
	uint64_t rtt;

	(void)state;
	lpa2_realm(&r);
	rtt = fx_rtt(&r, 2ULL << 48, 0);
	res = unit_rmi(RMI_RTT_DESTROY, r.rd, 2ULL << 48, 0, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], rtt);
	fx_assert_delegated(rtt);
	fx_assert_entry(&r, 2ULL << 48, L_MINUS_1, L_MINUS_1, RMI_UNASSIGNED, 0, RMI_DESTROYED);
	/* Nothing left there: (RTT, -1), and x2 = top is the end of the root's range. */
	res = unit_rmi(RMI_RTT_DESTROY, r.rd, 2ULL << 48, 0, 0, 0);
	assert_int_equal(res.x[0], RTT_MINUS_1);
	assert_int_equal(res.x[2], 1ULL << 52);
	rtt = fx_rtt(&r, 3ULL << 48, 0);
	res = unit_rmi(RMI_RTT_FOLD, r.rd, 3ULL << 48, 0, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], rtt);
	fx_assert_entry(&r, 3ULL << 48, L_MINUS_1, L_MINUS_1, RMI_UNASSIGNED, 0, RMI_EMPTY);
	assert_int_equal(unit_rmi(RMI_RTT_FOLD, r.rd, 3ULL << 48, 0, 0, 0).x[0], RTT_MINUS_1);
}

/* RTT_INIT_RIPAS from an IPA whose walk stops at level -1: that entry is 256 TB, past top. */
static void rtt_init_ripas_stops_at_level_minus_1(void **state)
{
	struct fx_realm r;

	(void)state;
	lpa2_realm(&r);
	assert_int_equal(unit_rmi(RMI_RTT_INIT_RIPAS, r.rd, 1ULL << 48, (1ULL << 48) + GRANULE_SIZE,
				  0, 0).x[0], RTT_MINUS_1);
	fx_rtts_to(&r, 0x80000, 3);
	fx_init_ripas(&r, 0x80000, 0x81000);
	fx_assert_entry(&r, 0x80000, 3, 3, RMI_UNASSIGNED, 0, RMI_RAM);
}

/*
 * RTT_MAP_UNPROTECTED in the LPA2 format: an OA at or above 2^50 has its
 * bits 51:50 in desc [9:8], which RTT_READ_ENTRY gives back unchanged; a
 * realm without LPA2 refuses those bits (they would be its shareability).
 */
static void rtt_map_unprotected_lpa2_oa(void **state)
{
	const uint64_t oa = (3ULL << 50) | 0x40000000ULL;
	const uint64_t desc = (oa & 0x0003FFFFFFFFF000ULL) | OA_51_50(oa) | NS_ATTRS;
	struct fx_realm r, plain;

	(void)state;
	lpa2_realm(&r);
	fx_rtts_to(&r, UNPROT_52, 3);
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r.rd, UNPROT_52, 3, desc, 0), RMI_SUCCESS);
	fx_assert_entry(&r, UNPROT_52, 3, 3, RMI_ASSIGNED, desc, RMI_EMPTY);
	/* Bits 51:50 written as such are outside the format (bit 50 is reserved there). */
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r.rd, UNPROT_52 + GRANULE_SIZE, 3,
			       oa | NS_ATTRS, 0), INPUT);
	assert_int_equal(unit_rmi(RMI_RTT_UNMAP_UNPROTECTED, r.rd, UNPROT_52, 3, 0, 0).x[0],
			 RMI_SUCCESS);

	fx_realm(&plain, 0, FX_S2SZ);
	fx_rtts_to(&plain, FX_UNPROT, 3);
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, plain.rd, FX_UNPROT, 3,
			       0x40000000ULL | (1ULL << 8) | NS_ATTRS, 0), INPUT);
}

/* RTT and DATA granules above 2^48: INPUT for a realm without LPA2 (and untracked here). */
static void rtt_create_pa_above_2_48(void **state)
{
	struct fx_realm plain, r;

	(void)state;
	fx_realm(&plain, 0, FX_S2SZ);
	assert_int_equal(fx_x0(RMI_RTT_CREATE, plain.rd, 1ULL << 48, 0, 1, 0), INPUT);
	lpa2_realm(&r);
	/* No DRAM there on this platform: not tracked, so INPUT for the LPA2 realm as well. */
	assert_int_equal(fx_x0(RMI_RTT_CREATE, r.rd, 1ULL << 48, 0, 0, 0), INPUT);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	T(rtt_read_entry_level_minus_1),
	T(rtt_create_level_0_under_level_minus_1),
	T(data_create_through_level_minus_1),
	T(rtt_destroy_and_fold_level_0),
	T(rtt_init_ripas_stops_at_level_minus_1),
	T(rtt_map_unprotected_lpa2_oa),
	T(rtt_create_pa_above_2_48),
};

UNIT_GROUP(lpa2_tests, tests, NULL);
