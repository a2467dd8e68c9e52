/*
 * CPU features the realm is not offered (it is created without SVE or the
 * PMU; the RMM offers no SME or MTE): absent from its ID registers, and their
 * instructions and registers UNDEFINED to it. The host checks that the CPU
 * underneath has all three (tests/system/realm_features_test.c), so each
 * check here shows the RMM hiding one.
 *
 * The EL1 enables (CPACR_EL1.ZEN and SMEN) are set first: an SVE or SME
 * instruction then traps past EL1 to the RMM (CPTR_EL2.TZ, TSM), which
 * answers with an UNDEFINED exception (EC 0), unlike the EL1 trap (EC 0x19
 * or 0x1D) the realm would take with them clear.
 */
#include <stdint.h>

#include <atoll/realm_image.h>

#include "rsi_tests.h"
#include "test.h"

#define FIELD(v, shift)		(((v) >> (shift)) & 0xFU)
#define CPACR_ZEN		(3ULL << 16)
#define CPACR_SMEN		(3ULL << 24)

static void cpacr_set(uint64_t bits)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cpacr_el1" : "=r"(v));
	__asm__ volatile("msr cpacr_el1, %0; isb" : : "r"(v | bits) : "memory");
}

TEST(id_registers_show_no_sve_sme_or_mte)
{
	uint64_t pfr0, pfr1, pfr2, zfr0, smfr0;

	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	__asm__ volatile("mrs %0, id_aa64pfr1_el1" : "=r"(pfr1));
	__asm__ volatile("mrs %0, S3_0_C0_C4_2" : "=r"(pfr2));	/* ID_AA64PFR2_EL1 */
	__asm__ volatile("mrs %0, S3_0_C0_C4_4" : "=r"(zfr0));	/* ID_AA64ZFR0_EL1 */
	__asm__ volatile("mrs %0, S3_0_C0_C4_5" : "=r"(smfr0));	/* ID_AA64SMFR0_EL1 */
	CHECK_EQ(FIELD(pfr0, 32), 0);	/* SVE */
	CHECK_EQ(FIELD(pfr1, 8), 0);	/* MTE */
	CHECK_EQ(FIELD(pfr1, 24), 0);	/* SME */
	CHECK_EQ(FIELD(pfr1, 40), 0);	/* MTE_frac */
	CHECK_EQ(FIELD(pfr1, 52), 0);	/* MTEX */
	CHECK_EQ(pfr2 & 0xFFFU, 0);	/* MTEPERM, MTESTOREONLY, MTEFAR */
	CHECK_EQ(zfr0, 0);
	CHECK_EQ(smfr0, 0);
}

/* One instruction that must raise an UNDEFINED exception at itself. */
#define CHECK_UNDEFINED(insn)                                                      \
	do {                                                                       \
		struct realm_fault f_;                                             \
		realm_fault_expect();                                              \
		__asm__ volatile(insn : : : "x0", "memory");                       \
		f_ = realm_fault_end();                                            \
		CHECK(f_.taken);                                                   \
		CHECK_EQ(ESR_EC(f_.esr), ESR_EC_UNKNOWN);                          \
	} while (0)

TEST(sve_instruction_is_undefined)
{
	cpacr_set(CPACR_ZEN);
	CHECK_UNDEFINED(".arch_extension sve\n rdvl x0, #1");
	CHECK_UNDEFINED(".arch_extension sve\n ptrue p0.b");
}

/*
 * Their registers too, which hold the host's values while a realm runs:
 * ZCR_EL1 (SVE), SMCR_EL1 and SVCR (SME), read and written.
 */
TEST(sve_and_sme_registers_are_undefined)
{
	cpacr_set(CPACR_ZEN | CPACR_SMEN);
	CHECK_UNDEFINED("mrs x0, S3_0_C1_C2_0");	/* ZCR_EL1 */
	CHECK_UNDEFINED("msr S3_0_C1_C2_0, xzr");
	CHECK_UNDEFINED("mrs x0, S3_0_C1_C2_6");	/* SMCR_EL1 */
	CHECK_UNDEFINED("msr S3_0_C1_C2_6, xzr");
	CHECK_UNDEFINED("mrs x0, S3_3_C4_C2_2");	/* SVCR */
}

/*
 * SME's TPIDR2_EL0, which CPTR_EL2.TSM does not trap (fine-grained traps
 * do, and the RMM answers as for other trapped registers): it reads zero,
 * never the host's value, and a write does not reach the host's (the host
 * puts a value of its own there first, realm_run_test.c, and finds it
 * intact afterwards).
 */
TEST(tpidr2_el0_shows_nothing_of_the_host)
{
	uint64_t v = 1;

	__asm__ volatile("mrs %0, S3_3_C13_C0_5" : "=r"(v));
	CHECK_EQ(v, 0);
	__asm__ volatile("msr S3_3_C13_C0_5, %0" : : "r"(0x7E57ULL));
	(void)exit_count(REALM_EXIT_COUNT_WFI);
}

TEST(sme_instruction_is_undefined)
{
	cpacr_set(CPACR_SMEN);
	CHECK_UNDEFINED(".arch_extension sme\n rdsvl x0, #1");
	CHECK_UNDEFINED(".arch_extension sme\n smstart");
}

/* No PMU flag: PMUVer 0, and the PMU registers trap (MDCR_EL2.TPM): zero, writes ignored. */
TEST(pmu_registers_trap_and_read_as_zero)
{
	uint64_t dfr0, pmcr = 1, cnten = 1;

	__asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
	CHECK_EQ(FIELD(dfr0, 8), 0);	/* PMUVer */
	__asm__ volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
	CHECK_EQ(pmcr, 0);	/* the CPU's has N = 6 */
	__asm__ volatile("msr pmcntenset_el0, %1\n\tisb\n\tmrs %0, pmcntenset_el0" : "=r"(cnten)
			 : "r"(1ULL) : "memory");
	CHECK_EQ(cnten, 0);
}

TEST(mte_register_is_undefined)
{
	CHECK_UNDEFINED("mrs x0, S3_0_C1_C0_6");	/* GCR_EL1 */
	CHECK_UNDEFINED("msr S3_0_C1_C0_5, xzr");	/* RGSR_EL1 */
}
