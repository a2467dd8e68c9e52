/*
 * RMI_REALM_CREATE, REALM_ACTIVATE, REALM_DESTROY and REC_AUX_COUNT against
 * spec 2.4. Host platform: S2SZ 52 with LPA2 (48 without the flag), SVE up
 * to 2048 bits (SVE_VL 15), a PMU with 6 counters and FEAT_HPMN0, 5 BPs,
 * 3 WPs, 16-bit VMIDs.
 */
#include <string.h>

#include <rmm/arch.h>

#include "realm_fixture.h"

/* ---- REALM_CREATE: wrong granules ----------------------------------------------- */

static uint64_t create_with_rd(struct fx_world *w, uint64_t rd)
{
	struct fx_realm r;
	uint64_t ret;

	(void)w;
	fx_realm_params(&r, 0, FX_S2SZ);
	ret = fx_x0(RMI_REALM_CREATE, rd, r.params, 0, 0, 0);
	fx_assert_realm_granules_delegated(&r);
	return ret;
}

static uint64_t create_with_rtt_base(struct fx_world *w, uint64_t rtt_base)
{
	struct fx_realm r;
	uint64_t ret;

	(void)w;
	fx_realm_params(&r, 0, FX_S2SZ)->rtt_base = rtt_base;
	ret = fx_realm_create_call(&r);
	fx_assert_realm_granules_delegated(&r);
	return ret;
}

static bool ns_writable(uint64_t pa)
{
	return pa >= UNIT_BANK_BASE && pa < UNIT_BANK_BASE + UNIT_BANK_SIZE &&
	       (pa < HOST_RMM_BASE || pa > HOST_SHARED_BUF);
}

/* Valid params are put where params_ptr points, so only the pointer is wrong. */
static uint64_t create_with_params(struct fx_world *w, uint64_t params)
{
	struct fx_realm r;
	uint64_t ret;

	(void)w;
	fx_realm_params(&r, 0, FX_S2SZ);
	if (ns_writable(params))
		memcpy(host_pa_ptr(params & ~(GRANULE_SIZE - 1U)), host_pa_ptr(r.params),
		       GRANULE_SIZE);
	ret = fx_x0(RMI_REALM_CREATE, r.rd, params, 0, 0, 0);
	fx_assert_realm_granules_delegated(&r);
	return ret;
}

static const struct fx_slot create_rd = { .call = create_with_rd };
static const struct fx_slot create_rtt_base = { .call = create_with_rtt_base };
static const struct fx_slot create_params = { .call = create_with_params };

/* ---- REALM_CREATE: parameter values, one row each ------------------------------- */

struct fx_row {
	int64_t sl;
	unsigned int s2sz;
	unsigned int num_rtts;
	uint64_t flags;
	uint32_t bps, wps;	/* 0 means "use 1" */
	uint8_t hash;
	uint64_t expect;
	uint32_t sve_vl;
	uint32_t pmu_ctrs;	/* 0 means 1 */
};

#define BAD_BPS		0xFFFFFFFFU	/* a row asking for num_bps/num_wps = 0 */
#define PMU_CTRS_0	0xFFFFFFFFU	/* a row asking for pmu_num_ctrs = 0 */

static void realm_create_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r, again;
	struct rmi_realm_params *p = fx_realm_params_n(&r, row->sl, row->s2sz, row->num_rtts);
	uint16_t vmid = p->vmid;
	uint64_t unprot;

	p->flags = row->flags;
	p->num_bps = row->bps == BAD_BPS ? 0 : (row->bps != 0 ? row->bps : 1);
	p->num_wps = row->wps == BAD_BPS ? 0 : (row->wps != 0 ? row->wps : 1);
	p->hash_algo = row->hash;
	p->sve_vl = row->sve_vl;
	p->pmu_num_ctrs = row->pmu_ctrs == PMU_CTRS_0 ? 0 : (row->pmu_ctrs != 0 ? row->pmu_ctrs : 1);
	memset(p->rpv, 0xA5, sizeof(p->rpv));
	assert_int_equal(fx_realm_create_call(&r), row->expect);
	if (row->expect != RMI_SUCCESS) {
		/* Nothing changed: every granule still DELEGATED, the VMID still free. */
		fx_assert_realm_granules_delegated(&r);
		fx_realm_params(&again, 0, FX_S2SZ)->vmid = vmid;
		assert_int_equal(fx_realm_create_call(&again), RMI_SUCCESS);
		return;
	}
	unprot = 1ULL << (row->s2sz - 1U);
	fx_assert_in_use(r.rd);
	for (unsigned int i = 0; i < r.num_rtts; i++)
		fx_assert_in_use(r.rtt_base + i * GRANULE_SIZE);
	assert_int_equal(fx_x0(RMI_REC_AUX_COUNT, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
	/* Initial RTTs: PAR UNASSIGNED/EMPTY, Unprotected UNASSIGNED_NS (spec 2.3). */
	fx_assert_entry(&r, 0, row->sl, row->sl, RMI_UNASSIGNED, 0, RMI_EMPTY);
	fx_assert_entry(&r, unprot - FX_LEVEL_SIZE(row->sl), row->sl, row->sl, RMI_UNASSIGNED, 0,
			RMI_EMPTY);
	fx_assert_entry(&r, unprot, 3, row->sl, RMI_UNASSIGNED, 0, RMI_EMPTY);
	fx_assert_entry(&r, (1ULL << row->s2sz) - GRANULE_SIZE, 3, row->sl, RMI_UNASSIGNED, 0,
			RMI_EMPTY);
	/* The VMID is now taken. */
	fx_realm_params(&again, 0, FX_S2SZ)->vmid = vmid;
	assert_int_equal(fx_realm_create_call(&again), INPUT);
}

#define BAD(name, ...)	FX_ROW(realm_create_##name, realm_create_row, __VA_ARGS__, .expect = INPUT)
#define GOOD(name, ...)	FX_ROW(realm_create_##name, realm_create_row, __VA_ARGS__, .expect = RMI_SUCCESS)

/* ---- REALM_CREATE: SVE and PMU on CPUs other than QEMU's ------------------------ */

/* REALM_CREATE of a realm with these flags, sve_vl and pmu_num_ctrs; INPUT leaves all as it was. */
static uint64_t create_with_cpu(uint64_t flags, uint32_t sve_vl, uint32_t pmu_num_ctrs)
{
	struct fx_realm r;
	struct rmi_realm_params *p = fx_realm_params(&r, 0, FX_S2SZ);
	uint64_t ret;

	p->flags = flags;
	p->sve_vl = sve_vl;
	p->pmu_num_ctrs = pmu_num_ctrs;
	ret = fx_realm_create_call(&r);
	if (ret != RMI_SUCCESS)
		fx_assert_realm_granules_delegated(&r);
	return ret;
}

static const struct arch_realm_features no_sve = { false, 0, true, 6, true, true };
static const struct arch_realm_features no_pmu = { true, 15, false, 0, false, true };

static void realm_create_flags_sve_unsupported(void **state)
{
	(void)state;
	unit_boot_rmm_with(&no_sve);
	assert_int_equal(unit_rmi(RMI_FEATURES, 0, 0, 0, 0, 0).x[1] &
			 (RMI_FEAT0_SVE_EN | (0xFULL << RMI_FEAT0_SVE_VL_SHIFT)), 0);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_SVE, 0, 0), INPUT);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_PMU, 0, 1), RMI_SUCCESS);
}

/* A CPU without FEAT_LPA2: no LPA2 bit, S2SZ 48, and the flag refused. */
static void realm_create_flags_lpa2_unsupported(void **state)
{
	static const struct arch_realm_features no_lpa2 = { true, 15, true, 6, true, false };
	struct fx_realm r;
	uint64_t feat0;

	(void)state;
	unit_boot_rmm_with(&no_lpa2);
	feat0 = unit_rmi(RMI_FEATURES, 0, 0, 0, 0, 0).x[1];
	assert_int_equal(feat0 & RMI_FEAT0_LPA2, 0);
	assert_int_equal(feat0 & 0xFF, 48);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_LPA2, 0, 0), INPUT);
	fx_realm_params(&r, -1, 52)->flags = RMI_REALM_FLAG_LPA2;
	assert_int_equal(fx_realm_create_call(&r), INPUT);
	fx_assert_realm_granules_delegated(&r);
}

static void realm_create_flags_pmu_unsupported(void **state)
{
	(void)state;
	unit_boot_rmm_with(&no_pmu);
	assert_int_equal(unit_rmi(RMI_FEATURES, 0, 0, 0, 0, 0).x[1] &
			 (RMI_FEAT0_PMU_EN | (0x1FULL << RMI_FEAT0_PMU_NUM_CTRS_SHIFT)), 0);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_PMU, 0, 0), INPUT);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_PMU, 0, 1), INPUT);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_SVE, 0, 0), RMI_SUCCESS);
}

/* SVE_VL is the CPU's: a 512-bit maximum (VL/128 - 1 = 3) refuses 4. */
static void realm_create_sve_vl_above_platform_max(void **state)
{
	/* covers: REALM_CREATE.sve_vl_above_max */
	static const struct arch_realm_features sve_512 = { true, 3, true, 6, true, true };

	(void)state;
	unit_boot_rmm_with(&sve_512);
	assert_int_equal((unit_rmi(RMI_FEATURES, 0, 0, 0, 0, 0).x[1] >> RMI_FEAT0_SVE_VL_SHIFT) & 0xF,
			 3);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_SVE, 4, 0), INPUT);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_SVE, 3, 0), RMI_SUCCESS);
}

/* PMU_NUM_CTRS is the CPU's PMCR_EL0.N: with 2 counters, 3 is refused. */
static void realm_create_pmu_num_ctrs_above_platform_max(void **state)
{
	/* covers: REALM_CREATE.pmu_num_ctrs_above_max */
	static const struct arch_realm_features pmu_2 = { true, 15, true, 2, true, true };

	(void)state;
	unit_boot_rmm_with(&pmu_2);
	assert_int_equal(
		(unit_rmi(RMI_FEATURES, 0, 0, 0, 0, 0).x[1] >> RMI_FEAT0_PMU_NUM_CTRS_SHIFT) & 0x1F, 2);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_PMU, 0, 3), INPUT);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_PMU, 0, 2), RMI_SUCCESS);
}

/* pmu_num_ctrs 0 needs FEAT_HPMN0 (MDCR_EL2.HPMN = 0). */
static void realm_create_pmu_num_ctrs_0_without_hpmn0(void **state)
{
	static const struct arch_realm_features no_hpmn0 = { true, 15, true, 6, false, true };

	(void)state;
	unit_boot_rmm_with(&no_hpmn0);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_PMU, 0, 0), INPUT);
	assert_int_equal(create_with_cpu(RMI_REALM_FLAG_PMU, 0, 1), RMI_SUCCESS);
}

/* ---- REALM_CREATE: other conditions --------------------------------------------- */

static void realm_create_vmid_in_use(void **state)
{
	struct fx_realm a, b;

	(void)state;
	uint16_t vmid = fx_realm_params(&a, 0, FX_S2SZ)->vmid;

	assert_int_equal(fx_realm_create_call(&a), RMI_SUCCESS);
	fx_realm_params(&b, 1, 40)->vmid = vmid;
	assert_int_equal(fx_realm_create_call(&b), INPUT);
	fx_assert_realm_granules_delegated(&b);
}

static void realm_create_vmid_max(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_params(&r, 0, FX_S2SZ)->vmid = 0xFFFF;
	assert_int_equal(fx_realm_create_call(&r), RMI_SUCCESS);
}

static void realm_create_vmid_freed_by_destroy(void **state)
{
	struct fx_realm a, b;
	uint16_t vmid = fx_realm_params(&a, 0, FX_S2SZ)->vmid;

	(void)state;
	assert_int_equal(fx_realm_create_call(&a), RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, a.rd, 0, 0, 0, 0), RMI_SUCCESS);
	fx_realm_params(&b, 0, FX_S2SZ)->vmid = vmid;
	assert_int_equal(fx_realm_create_call(&b), RMI_SUCCESS);
}

/* A cold boot starts with every VMID free (the host harness reboots per test). */
static void realm_create_vmid_free_after_cold_boot(void **state)
{
	struct fx_realm a, b;
	uint16_t vmid = fx_realm_params(&a, 0, FX_S2SZ)->vmid;

	assert_int_equal(fx_realm_create_call(&a), RMI_SUCCESS);
	assert_int_equal(unit_boot_rmm(state), 0);
	fx_realm_params(&b, 0, FX_S2SZ)->vmid = vmid;
	assert_int_equal(fx_realm_create_call(&b), RMI_SUCCESS);
}

static void realm_create_rd_is_rtt_base(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_params(&r, 0, FX_S2SZ)->rtt_base = r.rd;
	assert_int_equal(fx_realm_create_call(&r), INPUT);
	fx_assert_realm_granules_delegated(&r);
}

static void realm_create_rd_is_second_root(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_params(&r, 1, 40);
	assert_int_equal(fx_x0(RMI_REALM_CREATE, r.rtt_base + GRANULE_SIZE, r.params, 0, 0, 0),
			 INPUT);
	fx_assert_realm_granules_delegated(&r);
}

static void realm_create_second_root_undelegated(void **state)
{
	struct fx_realm r;
	uint64_t base = fx_granule_run(2, GRANULE_SIZE, false);

	(void)state;
	assert_int_equal(fx_delegate(base), RMI_SUCCESS);
	fx_realm_params(&r, 1, 40)->rtt_base = base;
	assert_int_equal(fx_realm_create_call(&r), INPUT);
	fx_assert_delegated(base);
	fx_assert_delegated(r.rd);
}

static void realm_create_second_root_is_rd(void **state)
{
	struct fx_realm r, holder;
	uint64_t base = fx_granule_run(2, GRANULE_SIZE, true);

	(void)state;
	/* Another realm's RD sits right after the first root. */
	fx_realm_params(&holder, 0, FX_S2SZ);
	assert_int_equal(fx_x0(RMI_REALM_CREATE, base + GRANULE_SIZE, holder.params, 0, 0, 0),
			 RMI_SUCCESS);
	fx_realm_params(&r, 1, 40)->rtt_base = base;
	assert_int_equal(fx_realm_create_call(&r), INPUT);
	fx_assert_delegated(base);
	assert_int_equal(fx_x0(RMI_REC_AUX_COUNT, base + GRANULE_SIZE, 0, 0, 0, 0), RMI_SUCCESS);
}

static void realm_create_same_rd_twice(void **state)
{
	struct fx_realm a, b;

	(void)state;
	fx_realm_default(&a);
	fx_realm_params(&b, 0, FX_S2SZ);
	assert_int_equal(fx_x0(RMI_REALM_CREATE, a.rd, b.params, 0, 0, 0), INPUT);
	fx_assert_realm_granules_delegated(&b);
}

/* ---- REALM_ACTIVATE --------------------------------------------------------------- */

static const struct fx_slot activate_rd = { .fid = RMI_REALM_ACTIVATE };

static void realm_activate_success(void **state)
{
	struct fx_realm r;
	struct fx_rec c;
	uint64_t data = fx_delegated();

	(void)state;
	fx_realm_default(&r);
	fx_rtts_to(&r, 0, 3);
	fx_realm_activate(&r);
	/* Commands allowed only in NEW now fail with REALM (spec 2.2). */
	fx_rec_params(&c, 0);
	assert_int_equal(fx_rec_create_call(&r, &c), REALM_ERR);
	assert_int_equal(fx_x0(RMI_DATA_CREATE, r.rd, data, 0, fx_src(1), 0), REALM_ERR);
	assert_int_equal(fx_x0(RMI_RTT_INIT_RIPAS, r.rd, 0, GRANULE_SIZE, 0, 0), REALM_ERR);
	/* Allowed in any state. */
	assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, r.rd, data, 0, 0, 0), RMI_SUCCESS);
}

static void realm_activate_twice(void **state)
{
	/* covers: REALM_ACTIVATE.realm_active */
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_realm_activate(&r);
	assert_int_equal(fx_x0(RMI_REALM_ACTIVATE, r.rd, 0, 0, 0, 0), REALM_ERR);
}

static void realm_activate_only_that_realm(void **state)
{
	struct fx_realm a, b;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&a);
	fx_realm_default(&b);
	fx_realm_activate(&a);
	fx_rec(&b, &c, 0);
}

/* ---- REALM_DESTROY -------------------------------------------------------------- */

static const struct fx_slot destroy_rd = { .fid = RMI_REALM_DESTROY };

static void realm_destroy_success(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm(&r, 1, 40);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
	fx_assert_realm_granules_delegated(&r);
	assert_int_equal(fx_x0(RMI_REC_AUX_COUNT, r.rd, 0, 0, 0, 0), INPUT);
}

static void realm_destroy_twice(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), INPUT);
}

static void realm_destroy_active(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_realm_activate(&r);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
	fx_assert_realm_granules_delegated(&r);
}

static void realm_destroy_live_rec(void **state)
{
	struct fx_realm r;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&r);
	fx_rec(&r, &c, 0);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), REALM_ERR);
	fx_assert_in_use(r.rd);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, c.rec, 0, 0, 0, 0), RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
}

static void realm_destroy_live_table(void **state)
{
	struct fx_realm r;
	uint64_t rtt;

	(void)state;
	fx_realm_default(&r);
	rtt = fx_rtt(&r, 0, 1);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), REALM_ERR);
	fx_assert_entry(&r, 0, 0, 0, RMI_TABLE, rtt, RMI_EMPTY);
	assert_int_equal(unit_rmi(RMI_RTT_DESTROY, r.rd, 0, 1, 0, 0).x[0], RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
}

static void realm_destroy_live_unprotected_table(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtt(&r, FX_UNPROT, 1);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), REALM_ERR);
}

static void realm_destroy_live_assigned_block(void **state)
{
	struct fx_realm r;

	(void)state;
	/* Level start 2: the 2 MB block sits in a root RTT. */
	fx_realm(&r, 2, 32);
	fx_assigned_block(&r, 0x200000);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), REALM_ERR);
	fx_assert_in_use(r.rd);
}

static void realm_destroy_assigned_ns_not_live(void **state)
{
	struct fx_realm r;

	(void)state;
	/* Spec 2.3: only ASSIGNED and TABLE entries keep a realm live. */
	fx_realm(&r, 1, 39);
	assert_int_equal(fx_x0(RMI_RTT_MAP_UNPROTECTED, r.rd, 1ULL << 38, 1,
			       0x40000000ULL | (3U << 6) | (6U << 2), 0),
			 RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
	fx_assert_realm_granules_delegated(&r);
}

static void realm_destroy_destroyed_entry_not_live(void **state)
{
	struct fx_realm r;

	(void)state;
	fx_realm_default(&r);
	fx_rtt(&r, 0, 1);
	assert_int_equal(unit_rmi(RMI_RTT_DESTROY, r.rd, 0, 1, 0, 0).x[0], RMI_SUCCESS);
	fx_assert_entry(&r, 0, 0, 0, RMI_UNASSIGNED, 0, RMI_DESTROYED);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
}

/* ---- REC_AUX_COUNT ---------------------------------------------------------------- */

static const struct fx_slot aux_count_rd = { .fid = RMI_REC_AUX_COUNT };

static void rec_aux_count_success(void **state)
{
	struct fx_realm r, big;
	struct rmi_result res;

	(void)state;
	fx_realm_default(&r);
	fx_realm_params(&big, 1, 43)->hash_algo = RMI_HASH_SHA_512;
	assert_int_equal(fx_realm_create_call(&big), RMI_SUCCESS);
	res = unit_rmi(RMI_REC_AUX_COUNT, r.rd, 0, 0, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], RMI_REC_AUX_COUNT_VALUE);
	fx_realm_activate(&r);
	res = unit_rmi(RMI_REC_AUX_COUNT, r.rd, 0, 0, 0, 0);
	assert_int_equal(res.x[1], RMI_REC_AUX_COUNT_VALUE);
	res = unit_rmi(RMI_REC_AUX_COUNT, big.rd, 0, 0, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], RMI_REC_AUX_COUNT_VALUE);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	FX_DELEGATED_ROWS(realm_create, rd, create_rd),
	FX_DELEGATED_ROWS(realm_create, rtt_base, create_rtt_base),
	FX_NS_PTR_ROWS(realm_create, params, create_params),
	T(realm_create_flags_lpa2_unsupported),
	GOOD(lpa2_level_minus_1_s2sz_52, -1, 52, 1, RMI_REALM_FLAG_LPA2),
	GOOD(lpa2_level_minus_1_s2sz_49, -1, 49, 1, RMI_REALM_FLAG_LPA2),
	GOOD(lpa2_level_0_s2sz_52_sixteen_roots, 0, 52, 16, RMI_REALM_FLAG_LPA2),
	GOOD(lpa2_level_0_s2sz_48, 0, 48, 1, RMI_REALM_FLAG_LPA2),
	GOOD(lpa2_level_1_s2sz_40_two_roots, 1, 40, 2, RMI_REALM_FLAG_LPA2),
	/* covers: REALM_CREATE.s2sz_above_max */
	BAD(lpa2_s2sz_53_above_max, -1, 53, 1, RMI_REALM_FLAG_LPA2),
	/* covers: REALM_CREATE.s2sz_below_level_min */
	BAD(lpa2_level_minus_1_s2sz_48_below_min, -1, 48, 1, RMI_REALM_FLAG_LPA2),
	/* covers: REALM_CREATE.num_start_too_many */
	BAD(lpa2_level_minus_1_two_roots, -1, 52, 2, RMI_REALM_FLAG_LPA2),
	/* covers: REALM_CREATE.num_start_too_few */
	BAD(lpa2_level_0_s2sz_52_one_root, 0, 52, 1, RMI_REALM_FLAG_LPA2),
	/* covers: REALM_CREATE.level_start_negative */
	BAD(lpa2_level_start_minus_2, -2, 52, 1, RMI_REALM_FLAG_LPA2),
	GOOD(sve_vl_0, 0, 48, 1, RMI_REALM_FLAG_SVE),
	GOOD(sve_vl_15_max, 0, 48, 1, RMI_REALM_FLAG_SVE, .sve_vl = 15),
	BAD(sve_vl_16_above_max, 0, 48, 1, RMI_REALM_FLAG_SVE, .sve_vl = 16),	/* covers: REALM_CREATE.sve_vl_above_max */
	BAD(sve_vl_0xffffffff_above_max, 0, 48, 1, RMI_REALM_FLAG_SVE, .sve_vl = 0xFFFFFFFFU),	/* covers: REALM_CREATE.sve_vl_above_max */
	GOOD(sve_vl_ignored_without_sve_flag, 0, 48, 1, 0, .sve_vl = 16),
	GOOD(pmu_6_ctrs_max, 0, 48, 1, RMI_REALM_FLAG_PMU, .pmu_ctrs = 6),
	GOOD(pmu_0_ctrs_with_hpmn0, 0, 48, 1, RMI_REALM_FLAG_PMU, .pmu_ctrs = PMU_CTRS_0),
	BAD(pmu_num_ctrs_7_above_max, 0, 48, 1, RMI_REALM_FLAG_PMU, .pmu_ctrs = 7),	/* covers: REALM_CREATE.pmu_num_ctrs_above_max */
	BAD(pmu_num_ctrs_32_above_max, 0, 48, 1, RMI_REALM_FLAG_PMU, .pmu_ctrs = 32),	/* covers: REALM_CREATE.pmu_num_ctrs_above_max */
	GOOD(pmu_num_ctrs_ignored_without_pmu_flag, 0, 48, 1, 0, .pmu_ctrs = 7),
	GOOD(sve_and_pmu, 0, 48, 1, RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU, .sve_vl = 3, .pmu_ctrs = 2),
	/* covers: REALM_CREATE.sve_vl_above_max */
	BAD(sve_vl_above_max_with_pmu, 0, 48, 1, RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU, .sve_vl = 16),
	/* covers: REALM_CREATE.pmu_num_ctrs_above_max */
	BAD(pmu_num_ctrs_above_max_with_sve, 0, 48, 1, RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU, .pmu_ctrs = 7),
	GOOD(lpa2_with_sve_and_pmu, -1, 52, 1, RMI_REALM_FLAG_LPA2 | RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU),
	T(realm_create_flags_sve_unsupported),
	T(realm_create_flags_pmu_unsupported),
	T(realm_create_sve_vl_above_platform_max),
	T(realm_create_pmu_num_ctrs_above_platform_max),
	T(realm_create_pmu_num_ctrs_0_without_hpmn0),
	BAD(flags_reserved_bit3, 0, 48, 1, 1ULL << 3),	/* covers: REALM_CREATE.flags_reserved */
	/* covers: REALM_CREATE.flags_reserved */
	BAD(flags_reserved_bit63, 0, 48, 1, 1ULL << 63),
	BAD(s2sz_0, 0, 0, 1),	/* covers: REALM_CREATE.s2sz_below_32 */
	BAD(s2sz_31_below_32, 1, 31, 1),	/* covers: REALM_CREATE.s2sz_below_32 */
	BAD(s2sz_49_above_max, 0, 49, 2),	/* covers: REALM_CREATE.s2sz_above_max */
	BAD(s2sz_52_without_lpa2, 0, 52, 16),
	BAD(num_bps_0, 0, 48, 1, 0, BAD_BPS, 1),
	BAD(num_bps_6_above_max, 0, 48, 1, 0, 6, 1),	/* covers: REALM_CREATE.num_bps_above_max */
	BAD(num_wps_0, 0, 48, 1, 0, 1, BAD_BPS),
	BAD(num_wps_4_above_max, 0, 48, 1, 0, 1, 4),	/* covers: REALM_CREATE.num_wps_above_max */
	BAD(hash_algo_2, 0, 48, 1, 0, 1, 1, 2),	/* covers: REALM_CREATE.hash_algo_invalid */
	BAD(hash_algo_0xff, 0, 48, 1, 0, 1, 1, 0xFF),	/* covers: REALM_CREATE.hash_algo_invalid */
	/* covers: REALM_CREATE.s2sz_below_level_min */
	BAD(level_start_0_s2sz_39_below_min, 0, 39, 1),
	/* covers: REALM_CREATE.s2sz_above_level_max */
	BAD(level_start_1_s2sz_44_above_max, 1, 44, 16),
	/* covers: REALM_CREATE.s2sz_above_level_max */
	BAD(level_start_2_s2sz_35_above_max, 2, 35, 16),
	BAD(level_start_3_s2sz_32, 3, 32, 1),	/* covers: REALM_CREATE.s2sz_above_level_max */
	BAD(level_start_4, 4, 48, 1),	/* covers: REALM_CREATE.level_start_above_3 */
	/* covers: REALM_CREATE.level_start_negative */
	BAD(level_start_minus_1_without_lpa2, -1, 48, 1),
	/* covers: REALM_CREATE.level_start_negative */
	BAD(level_start_int64_min, INT64_MIN, 48, 1),
	BAD(num_start_0, 0, 48, 0),
	BAD(num_start_2_needs_1, 0, 48, 2),	/* covers: REALM_CREATE.num_start_too_many */
	BAD(num_start_1_needs_2, 1, 40, 1),	/* covers: REALM_CREATE.num_start_too_few */
	BAD(num_start_4_needs_2, 1, 40, 4),	/* covers: REALM_CREATE.num_start_too_many */
	BAD(num_start_8_needs_16, 2, 34, 8),	/* covers: REALM_CREATE.num_start_too_few */
	GOOD(level_start_0_s2sz_40, 0, 40, 1),
	GOOD(level_start_0_s2sz_48, 0, 48, 1),
	GOOD(level_start_1_s2sz_32, 1, 32, 1),
	GOOD(level_start_1_s2sz_39, 1, 39, 1),
	GOOD(level_start_1_s2sz_40_two_roots, 1, 40, 2),
	GOOD(level_start_1_s2sz_43_sixteen_roots, 1, 43, 16),
	GOOD(level_start_2_s2sz_32_four_roots, 2, 32, 4),
	GOOD(level_start_2_s2sz_34_sixteen_roots, 2, 34, 16),
	GOOD(max_bps_wps, 0, 48, 1, 0, 5, 3),
	GOOD(sha512, 0, 48, 1, 0, 1, 1, RMI_HASH_SHA_512),
	T(realm_create_vmid_in_use),
	T(realm_create_vmid_max),
	T(realm_create_vmid_freed_by_destroy),
	T(realm_create_rd_is_rtt_base),
	T(realm_create_rd_is_second_root),
	T(realm_create_second_root_undelegated),
	T(realm_create_second_root_is_rd),
	T(realm_create_same_rd_twice),
	FX_RD_ROWS(realm_activate, activate_rd),
	T(realm_activate_success),
	T(realm_activate_twice),
	T(realm_activate_only_that_realm),
	FX_RD_ROWS(realm_destroy, destroy_rd),
	T(realm_destroy_success),
	T(realm_destroy_twice),
	T(realm_destroy_active),
	T(realm_destroy_live_rec),
	T(realm_destroy_live_table),
	T(realm_destroy_live_unprotected_table),
	T(realm_destroy_live_assigned_block),
	T(realm_destroy_assigned_ns_not_live),
	T(realm_destroy_destroyed_entry_not_live),
	FX_RD_ROWS(rec_aux_count, aux_count_rd),
	T(rec_aux_count_success),
	T(realm_create_vmid_free_after_cold_boot),
};

UNIT_GROUP(realm_tests, tests, NULL);
