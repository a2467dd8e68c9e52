/*
 * Per-CPU state a realm must not reach traps to the RMM, which answers as
 * it does for every trapped register it does not emulate: reads as zero,
 * writes ignored (shared/spec/rmm-1.0-abi.md, sysreg exits).
 *
 * What QEMU (TCG, -cpu max) lets a realm check: the RAS error-record
 * registers (HCR_EL2.TERR), only by their cost, since QEMU has no error
 * records and its ERRIDR_EL1 reads zero untrapped as well. QEMU implements
 * neither FEAT_SPE (PMS* sampling controls, MDCR_EL2.TPMS) nor FEAT_TRF
 * (TRFCR_EL1, MDCR_EL2.TTRF) nor any trace unit register (CPTR_EL2.TTA):
 * those registers are UNDEFINED at EL1 there, trapped or not, so no test
 * here could tell the traps apart.
 */
#include <stdint.h>

#include "test.h"

#define ID_AA64PFR0_RAS(v)	(((v) >> 28) & 0xFU)
#define TIMED_READS		64U
#define ROUNDS			8U

static inline uint64_t virtual_count(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0; isb" : "=r"(v));
	return v;
}

/* Counter ticks that TIMED_READS reads of one register take (MRS needs the name fixed). */
#define TIMED_READ_LOOP(fn, reg)                                              \
	static uint64_t fn(void)                                              \
	{                                                                     \
		uint64_t start = virtual_count(), v;                          \
		for (unsigned int i = 0; i < TIMED_READS; i++)                \
			__asm__ volatile("mrs %0, " reg : "=r"(v));           \
		return virtual_count() - start;                               \
	}

TIMED_READ_LOOP(ticks_erridr, "S3_0_C5_C3_0")		/* ERRIDR_EL1 */
TIMED_READ_LOOP(ticks_emulated, "id_aa64pfr0_el1")	/* trapped (TID3), emulated by the RMM */
TIMED_READ_LOOP(ticks_native, "tpidr_el1")		/* never trapped */

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

TEST(ras_error_records_trap_to_the_rmm_and_read_as_zero)
{
	uint64_t pfr0, erridr = 1;
	uint64_t erridr_ticks = ~0ULL, emulated_ticks = ~0ULL, native_ticks = ~0ULL;

	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	CHECK(ID_AA64PFR0_RAS(pfr0) != 0U);
	__asm__ volatile("mrs %0, S3_0_C5_C3_0" : "=r"(erridr));
	CHECK_EQ(erridr, 0);	/* no error records */

	/* Interleaved rounds, fastest of each: a host interrupt only makes a round slower. */
	for (unsigned int r = 0; r < ROUNDS; r++) {
		native_ticks = min_u64(native_ticks, ticks_native());
		erridr_ticks = min_u64(erridr_ticks, ticks_erridr());
		emulated_ticks = min_u64(emulated_ticks, ticks_emulated());
	}
	realm_printf("ticks for %u reads: native %lu, emulated ID register %lu, ERRIDR_EL1 %lu\n",
		     TIMED_READS, native_ticks, emulated_ticks, erridr_ticks);
	/* The measure tells a trap from a plain read ... */
	CHECK(emulated_ticks > 8U * native_ticks);
	/* ... and ERRIDR_EL1 costs a trap to the RMM, not a read. */
	CHECK(2U * erridr_ticks > emulated_ticks);
}
