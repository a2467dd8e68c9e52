/*
 * The CPU features a realm is not offered stay out of its sight: SME and
 * MTE read as absent in its ID registers (spec: features the RMM does not
 * manage are hidden) and their instructions and registers are UNDEFINED
 * to it. The host platform's CPU is given every field set, so each one the
 * RMM fails to clear shows.
 */
#include "realm_script.h"

#define SYSREG(op0, op1, crn, crm, op2) (((uint64_t)(op0) << 20) | ((uint64_t)(op2) << 17) |  \
					 ((uint64_t)(op1) << 14) | ((uint64_t)(crn) << 10) |  \
					 ((uint64_t)(crm) << 1))
#define SYSREG_ESR(reg, rt, read)	(RS_EC(0x18) | RS_IL | (reg) | ((uint64_t)(rt) << 5) | \
					 ((read) ? 1U : 0U))

#define ID_AA64PFR0_EL1		SYSREG(3, 0, 0, 4, 0)
#define ID_AA64PFR1_EL1		SYSREG(3, 0, 0, 4, 1)
#define ID_AA64ZFR0_EL1		SYSREG(3, 0, 0, 4, 4)
#define ID_AA64DFR0_EL1		SYSREG(3, 0, 0, 5, 0)
#define ID_AA64PFR2_EL1		SYSREG(3, 0, 0, 4, 2)
#define ID_AA64SMFR0_EL1	SYSREG(3, 0, 0, 4, 5)
#define GCR_EL1			SYSREG(3, 0, 1, 0, 6)
#define RGSR_EL1		SYSREG(3, 0, 1, 0, 5)
#define TFSR_EL1		SYSREG(3, 0, 5, 6, 0)
#define TFSRE0_EL1		SYSREG(3, 0, 5, 6, 1)

/*
 * ID_AA64PFR1_EL1 of a CPU with everything: BT 1, SSBS 2, MTE 3 [11:8],
 * RAS_frac 1, MPAM_frac 1 [19:16], SME 2 [27:24], RNDR_trap 1, CSV2_frac 2,
 * NMI 1, MTE_frac 1 [43:40], GCS 1, THE 1, MTEX 1 [55:52], DF2 1, PFAR 1.
 */
#define PFR1_ALL		0x1111111212011321ULL
/* What a realm sees: MTE, MPAM_frac, SME, MTE_frac and MTEX cleared. */
#define PFR1_REALM		0x1101101210001021ULL
/* ID_AA64PFR2_EL1: MTEPERM, MTESTOREONLY, MTEFAR [11:0] and FPMR [35:32]. */
#define PFR2_ALL		0x0000000100000111ULL
#define PFR2_REALM		0x0000000100000000ULL

static void realm_id_reg_read_opts(const struct rs_opts *o, uint64_t reg, uint64_t expect)
{
	struct rs_realm rr;

	rs_realm_opts(&rr, o);
	rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(reg, 2, true), 0, 0), 2, ~0ULL);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->x[2], expect);
	assert_int_equal(rs_end()->pc, RS_PC + 4);
}

static void realm_id_reg_read(uint64_t reg, uint64_t expect)
{
	realm_id_reg_read_opts(&(struct rs_opts){ 0 }, reg, expect);
}

static const struct rs_opts sve_realm = { .flags = RMI_REALM_FLAG_SVE, .sve_vl = 3 };
static const struct rs_opts pmu_realm = { .flags = RMI_REALM_FLAG_PMU, .pmu_num_ctrs = 2 };

/* ID_AA64PFR0_EL1 with SVE 1 [35:32] and RAS 1; ID_AA64ZFR0_EL1 with some fields. */
#define PFR0_SVE		0x0000000110000000ULL
#define ZFR0_SOME		0x0110000000000011ULL
/* ID_AA64DFR0_EL1: PMUVer 6 [11:8], DebugVer 6, BRPs 1, WRPs 1 (as the realm asked). */
#define DFR0_PMU		0x0000000000101606ULL

static void realm_without_sve_sees_no_sve(void **state)
{
	(void)state;
	host_set_id_reg(4, 0, PFR0_SVE);
	host_set_id_reg(4, 4, ZFR0_SOME);
	realm_id_reg_read(ID_AA64PFR0_EL1, PFR0_SVE & ~(0xFULL << 32));
	realm_id_reg_read(ID_AA64ZFR0_EL1, 0);
}

static void realm_with_sve_sees_sve(void **state)
{
	(void)state;
	host_set_id_reg(4, 0, PFR0_SVE);
	host_set_id_reg(4, 4, ZFR0_SOME);
	realm_id_reg_read_opts(&sve_realm, ID_AA64PFR0_EL1, PFR0_SVE);
	realm_id_reg_read_opts(&sve_realm, ID_AA64ZFR0_EL1, ZFR0_SOME);
}

static void realm_without_pmu_sees_no_pmu(void **state)
{
	(void)state;
	host_set_id_reg(5, 0, DFR0_PMU);
	realm_id_reg_read(ID_AA64DFR0_EL1, DFR0_PMU & ~(0xFULL << 8));
}

static void realm_with_pmu_sees_pmu(void **state)
{
	(void)state;
	host_set_id_reg(5, 0, DFR0_PMU);
	realm_id_reg_read_opts(&pmu_realm, ID_AA64DFR0_EL1, DFR0_PMU);
}

/* pmu_ovf_status: PMCR_EL0.E and an enabled counter whose interrupt is enabled has overflowed. */
struct ovf_row {
	bool pmu_realm;
	uint64_t pmcr, pmcnten, pminten, pmovs;
	uint8_t expect;
};

static void rec_exit_pmu_ovf_status_row(void **state)
{
	const struct ovf_row *row = *state;
	struct rs_realm rr;
	struct rec_pmu *pmu;

	rs_realm_opts(&rr, row->pmu_realm ? &pmu_realm : &(struct rs_opts){ 0 });
	pmu = &rs_rec(&rr, 0)->pmu;
	pmu->pmcr = row->pmcr;
	pmu->pmcnten = row->pmcnten;
	pmu->pminten = row->pminten;
	pmu->pmovs = row->pmovs;
	rs_push(REALM_EXC_IRQ, 0, 0, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_run(&rr)->exit.pmu_ovf_status, row->expect);
}

#define OVF_ROW(name, ...) \
	RS_CASE(rec_exit_pmu_ovf_status_##name, rec_exit_pmu_ovf_status_row, struct ovf_row, \
		__VA_ARGS__)

static void realm_sees_no_sme_or_mte_in_pfr1(void **state)
{
	(void)state;
	host_set_id_reg(4, 1, PFR1_ALL);
	realm_id_reg_read(ID_AA64PFR1_EL1, PFR1_REALM);
}

static void realm_sees_no_mte_in_pfr2(void **state)
{
	(void)state;
	host_set_id_reg(4, 2, PFR2_ALL);
	realm_id_reg_read(ID_AA64PFR2_EL1, PFR2_REALM);
}

static void realm_sees_no_sme_features(void **state)
{
	(void)state;
	host_set_id_reg(4, 5, ~0ULL);
	realm_id_reg_read(ID_AA64SMFR0_EL1, 0);
}

/* The UNDEFINED the RMM injects: EC 0 at the instruction itself, taken at VBAR + 0x200. */
static void assert_undefined_at_pc(const struct rs_realm *rr)
{
	struct rec *rec = rs_rec(rr, 0);

	assert_int_equal(rec->el1.esr_el1, RS_EC(0) | RS_IL);
	assert_int_equal(rec->el1.elr_el1, RS_PC);
	assert_int_equal(rs_end()->pc, RS_VBAR + 0x200);
	assert_int_equal(rs_end()->pstate, RS_PSTATE_EL1H_DAIF);
}

/* MTE registers trap (HCR_EL2.ATA = 0): UNDEFINED, not read as zero; Rt keeps its value. */
struct mte_row {
	uint64_t reg;
	bool read;
};

static void realm_mte_register_undefined_row(void **state)
{
	const struct mte_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(row->reg, 4, row->read), 0, 0), 4, 0x4444);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_undefined_at_pc(&rr);
	assert_int_equal(rs_end()->x[4], 0x4444);
}

#define MTE_ROW(name, ...) \
	RS_CASE(realm_mte_##name##_undefined, realm_mte_register_undefined_row, struct mte_row, \
		__VA_ARGS__)

/* SME instructions and registers trap with EC 0x1D (CPTR_EL2.TSM): UNDEFINED. */
static void realm_sme_trap_undefined(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_push(REALM_EXC_SYNC, RS_EC(0x1D) | RS_IL, 0, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_undefined_at_pc(&rr);
}

#define T(fn)	cmocka_unit_test_setup(fn, unit_boot_rmm)

static const struct CMUnitTest tests[] = {
	T(realm_sees_no_sme_or_mte_in_pfr1),
	T(realm_sees_no_mte_in_pfr2),
	T(realm_sees_no_sme_features),
	MTE_ROW(gcr_read, GCR_EL1, true),
	MTE_ROW(gcr_write, GCR_EL1, false),
	MTE_ROW(rgsr_read, RGSR_EL1, true),
	MTE_ROW(tfsr_write, TFSR_EL1, false),
	MTE_ROW(tfsre0_read, TFSRE0_EL1, true),
	T(realm_sme_trap_undefined),
	T(realm_without_sve_sees_no_sve),
	T(realm_with_sve_sees_sve),
	T(realm_without_pmu_sees_no_pmu),
	T(realm_with_pmu_sees_pmu),
	OVF_ROW(active, true, 1, 1, 1, 1, 1),
	OVF_ROW(active_cycle_counter, true, 1, 1ULL << 31, 1ULL << 31, 1ULL << 31, 1),
	OVF_ROW(pmcr_e_clear, true, 0, 1, 1, 1, 0),
	OVF_ROW(counter_disabled, true, 1, 2, 1, 1, 0),
	OVF_ROW(interrupt_disabled, true, 1, 1, 2, 1, 0),
	OVF_ROW(no_overflow, true, 1, 1, 1, 0, 0),
	OVF_ROW(realm_without_pmu, false, 1, 1, 1, 1, 0),
};

UNIT_GROUP(realm_cpu_features_tests, tests, NULL);
