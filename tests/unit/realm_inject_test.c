/*
 * Exceptions the RMM injects into a realm (an SEA for RIPAS EMPTY, UNDEFINED
 * for an unknown exception) are taken the way the PE takes one to EL1 (Arm
 * ARM, AArch64.TakeException): the vector for the state the realm was in,
 * and PSTATE built from the interrupted PSTATE, SCTLR_EL1 and the features
 * the CPU implements. And an abort from AArch32 is never emulatable MMIO
 * (spec 3.4: emulatable means from AArch64).
 */
#include "realm_script.h"

/* PSTATE (SPSR_ELx AArch64 layout) bits. */
#define P_NZCV		(0xFULL << 28)
#define P_TCO		(1ULL << 25)
#define P_DIT		(1ULL << 24)
#define P_UAO		(1ULL << 23)
#define P_PAN		(1ULL << 22)
#define P_SS		(1ULL << 21)
#define P_IL		(1ULL << 20)
#define P_ALLINT	(1ULL << 13)
#define P_SSBS		(1ULL << 12)
#define P_BTYPE		(3ULL << 10)
#define P_PACM		(1ULL << 35)
#define P_EL1H_DAIF	0x3C5ULL

/*
 * AArch32 User mode (nRW = 1), and the SPSR_ELx bits only AArch32 has: Q,
 * IT, GE, E and T (NZCV, DIT, PAN, SS and IL are where AArch64 has them).
 */
#define P32_USR		0x10ULL
#define P32_OTHERS	((1ULL << 27) | (3ULL << 25) | (0xFULL << 16) | (0x3FULL << 10) | \
			 (1ULL << 9) | (1ULL << 5))

/* SCTLR_EL1 bits the entry reads; the reset value has SPAN set. */
#define S_SPAN		(1ULL << 23)
#define S_DSSBS		(1ULL << 44)
#define S_SPINTMASK	(1ULL << 62)
#define S_RESET		0x30D00800ULL

/* Features, as ID register fields. */
enum feat { F_PAN = 1, F_SSBS = 2, F_MTE = 4, F_NMI = 8, F_ALL = 15 };

static void set_features(unsigned int f)
{
	host_set_id_reg(7, 1, (f & F_PAN) != 0U ? 1ULL << 20 : 0U);	/* ID_AA64MMFR1_EL1.PAN */
	host_set_id_reg(4, 1, ((f & F_SSBS) != 0U ? 1ULL << 4 : 0U) |	/* ID_AA64PFR1_EL1 */
				      ((f & F_MTE) != 0U ? 1ULL << 8 : 0U) |
				      ((f & F_NMI) != 0U ? 1ULL << 36 : 0U));
}

#define EC_UNKNOWN_TRAP	RS_EC(0x0E)	/* an exception class the RMM answers with UNDEFINED */

struct entry_row {
	unsigned int features;
	uint64_t sctlr;
	uint64_t pstate;	/* when the exception is taken */
	uint64_t expect;	/* PSTATE at the vector */
	uint64_t vector;
};

/* UNDEFINED taken at the given PSTATE: ELR/SPSR and the vector, and exactly the expected PSTATE. */
static void realm_inject_pstate_row(void **state)
{
	const struct entry_row *row = *state;
	struct rs_realm rr;
	struct rec *rec;

	rs_realm(&rr);
	set_features(row->features);
	rec = rs_rec(&rr, 0);
	rec->el1.sctlr_el1 = row->sctlr;
	rs_at(rs_push(REALM_EXC_SYNC, EC_UNKNOWN_TRAP | RS_IL, 0, 0), row->pstate);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rec->el1.esr_el1, RS_EC(0) | RS_IL);
	assert_int_equal(rec->el1.elr_el1, RS_PC);
	assert_int_equal(rec->el1.spsr_el1, row->pstate);
	assert_int_equal(rs_end()->pc, RS_VBAR + row->vector);
	assert_int_equal(rs_end()->pstate, row->expect);
	/* The realm's own SCTLR_EL1 is only read. */
	assert_int_equal(rec->el1.sctlr_el1, row->sctlr);
}

#define ENTRY(name, ...) \
	RS_CASE(realm_inject_pstate_##name, realm_inject_pstate_row, struct entry_row, __VA_ARGS__)

/* Every bit the entry keeps or clears set in the interrupted PSTATE of an EL1h realm. */
#define P_BUSY	(RS_PSTATE_EL1H | P_NZCV | P_DIT | P_UAO | P_SS | P_IL | P_BTYPE | P_PACM)

/* An SEA for RIPAS EMPTY from AArch32 EL0: lower-EL EC, and the AArch32 lower-EL vector 0x600. */
static void realm_inject_sea_aarch32_el0_vector(void **state)
{
	struct rs_realm rr;
	struct rec *rec;

	(void)state;
	rs_realm(&rr);
	rec = rs_rec(&rr, 0);
	rs_at(rs_abort(RS_ESR_DABT, RS_EMPTY + 0x20), P32_USR | P_NZCV);
	rs_at(rs_abort(RS_ESR_IABT, RS_EMPTY), P32_USR);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	/* The first SEA: a data abort from a lower EL at VBAR + 0x600. */
	assert_int_equal(rs_seen(1)->pc, RS_VBAR + 0x600);
	assert_int_equal(rs_seen(1)->pstate, P_EL1H_DAIF | P_NZCV);
	/* The second (its ESR is what ESR_EL1 holds now): an instruction abort from a lower EL. */
	assert_int_equal(rec->el1.esr_el1, RS_EC(0x20) | RS_IL | 0x10U);
	assert_int_equal(rec->el1.spsr_el1, P32_USR);
	assert_int_equal(rec->el1.far_el1, RS_EMPTY);
	assert_int_equal(rs_end()->pc, RS_VBAR + 0x600);
}

/*
 * An Unprotected data abort with ISV = 1 from AArch32 is not emulatable: the
 * host gets it as another abort (no ISV or access details, far 0, no
 * value), EMUL_MMIO is refused and INJECT_SEA takes the SEA to 0x600.
 */
static void realm_inject_aarch32_abort_not_emulatable(void **state)
{
	const uint64_t esr = RS_EC(0x24) | RS_IL | 0x1FFFFFFULL;	/* every ISS bit set */
	struct rs_realm rr;
	struct rec *rec;

	(void)state;
	rs_realm(&rr);
	rec = rs_rec(&rr, 0);
	rs_set(rs_at(rs_abort(esr, RS_MMIO + 0x44), P32_USR), 3, 0x3333);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	rs_assert_abort_exit(&rr, RS_MMIO);
	assert_int_equal(rs_enter(&rr, 0, REC_ENTER_FLAG_EMULATED_MMIO), RMI_ERROR_REC);
	assert_int_equal(rec->regs.pc, RS_PC);
	assert_int_equal(rec->regs.x[3], 0x3333);
	rs_enter_exit(&rr, 0, REC_ENTER_FLAG_INJECT_SEA, RMI_EXIT_IRQ);
	assert_int_equal(rec->el1.esr_el1, RS_EC(0x24) | RS_IL | 0x10U);
	assert_int_equal(rec->el1.far_el1, RS_MMIO + 0x44);
	assert_int_equal(rec->el1.spsr_el1, P32_USR);
	assert_int_equal(rs_end()->pc, RS_VBAR + 0x600);
	assert_int_equal(rs_end()->pstate, P_EL1H_DAIF);
}

static const struct CMUnitTest tests[] = {
	/* NZCV and DIT kept; SS, IL, UAO, BTYPE and PACM cleared; EL1h with DAIF masked. */
	ENTRY(no_features, 0, S_RESET, P_BUSY, P_EL1H_DAIF | P_NZCV | P_DIT, 0x200),
	ENTRY(from_el0, 0, S_RESET, RS_PSTATE_EL0T | P_NZCV, P_EL1H_DAIF | P_NZCV, 0x400),
	ENTRY(from_el1t, 0, S_RESET, RS_PSTATE_EL1T, P_EL1H_DAIF, 0x000),
	/* PAN: set when SCTLR_EL1.SPAN is 0, otherwise kept as it was. */
	ENTRY(pan_set_span_0, F_PAN, S_RESET & ~S_SPAN, RS_PSTATE_EL0T, P_EL1H_DAIF | P_PAN, 0x400),
	ENTRY(pan_kept_span_1, F_PAN, S_RESET, RS_PSTATE_EL1H | P_PAN, P_EL1H_DAIF | P_PAN, 0x200),
	ENTRY(pan_clear_span_1, F_PAN, S_RESET, RS_PSTATE_EL1H, P_EL1H_DAIF, 0x200),
	ENTRY(pan_absent_span_0, 0, S_RESET & ~S_SPAN, RS_PSTATE_EL1H, P_EL1H_DAIF, 0x200),
	/* SSBS := SCTLR_EL1.DSSBS. */
	ENTRY(ssbs_from_dssbs_1, F_SSBS, S_RESET | S_DSSBS, RS_PSTATE_EL1H,
	      P_EL1H_DAIF | P_SSBS, 0x200),
	ENTRY(ssbs_from_dssbs_0, F_SSBS, S_RESET, RS_PSTATE_EL1H | P_SSBS, P_EL1H_DAIF, 0x200),
	ENTRY(ssbs_absent, 0, S_RESET | S_DSSBS, RS_PSTATE_EL1H, P_EL1H_DAIF, 0x200),
	/* TCO set with FEAT_MTE. */
	ENTRY(tco_mte, F_MTE, S_RESET, RS_PSTATE_EL1H, P_EL1H_DAIF | P_TCO, 0x200),
	ENTRY(tco_no_mte, 0, S_RESET, RS_PSTATE_EL1H | P_TCO, P_EL1H_DAIF, 0x200),
	/* ALLINT := NOT SCTLR_EL1.SPINTMASK with FEAT_NMI. */
	ENTRY(allint_spintmask_0, F_NMI, S_RESET, RS_PSTATE_EL1H, P_EL1H_DAIF | P_ALLINT, 0x200),
	ENTRY(allint_spintmask_1, F_NMI, S_RESET | S_SPINTMASK, RS_PSTATE_EL1H | P_ALLINT,
	      P_EL1H_DAIF, 0x200),
	ENTRY(all_features, F_ALL, (S_RESET & ~S_SPAN) | S_DSSBS, P_BUSY,
	      P_EL1H_DAIF | P_NZCV | P_DIT | P_PAN | P_SSBS | P_TCO | P_ALLINT, 0x200),
	/* From AArch32 EL0: vector 0x600, NZCV, DIT and PAN kept, SS, IL and the AArch32 bits gone. */
	ENTRY(from_aarch32_el0, F_ALL, S_RESET | S_DSSBS, P32_USR | P_NZCV | P_PAN | P_DIT | P_SS |
	      P_IL | P32_OTHERS, P_EL1H_DAIF | P_NZCV | P_PAN | P_DIT | P_SSBS | P_TCO | P_ALLINT,
	      0x600),
	cmocka_unit_test_setup(realm_inject_sea_aarch32_el0_vector, unit_boot_rmm),
	cmocka_unit_test_setup(realm_inject_aarch32_abort_not_emulatable, unit_boot_rmm),
};

UNIT_GROUP(realm_inject_tests, tests, NULL);
