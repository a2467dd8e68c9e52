/*
 * What a realm sees of the CPU (docs/realms.md). The realm-side checks run
 * in rsi_tests (realm/payloads/rsi_tests/features.c: no SVE, PMU, SME or
 * MTE for a realm created without SVE and the PMU); this side shows the
 * CPU underneath has each of them, so the realm's view is the RMM hiding
 * them, not the CPU lacking them.
 */
#include <stdint.h>

#include "test.h"

#define FIELD(v, shift)		(((v) >> (shift)) & 0xFU)

TEST(cpu_has_the_features_realms_do_not_see)
{
	uint64_t pfr0, pfr1, dfr0;

	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	__asm__ volatile("mrs %0, id_aa64pfr1_el1" : "=r"(pfr1));
	CHECK(FIELD(pfr0, 32) != 0U);	/* SVE */
	CHECK(FIELD(pfr1, 24) != 0U);	/* SME */
	CHECK(FIELD(pfr1, 8) != 0U);	/* MTE (at least its EL0 instructions) */
	__asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
	CHECK(FIELD(dfr0, 8) != 0U);	/* PMUVer */
}
