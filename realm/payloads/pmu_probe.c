/*
 * A hostile PMU realm (RMI_REALM_FLAG_PMU with PMU_PROBE_CTRS counters)
 * that reaches for the normal world's counters, those from its
 * MDCR_EL2.HPMN up (tests/system/realm_pmu_test.c sets one of them,
 * PMU_PROBE_HOST_CTR, before the realm runs): it reads their enable,
 * interrupt and overflow bits and the counter and its event type through
 * PMSELR_EL0, then tries to change all of them and to reset every counter
 * (PMCR_EL0.P). It also programs its own counter 0 (event, value) and
 * leaves PMSELR_EL0 pointing at the host's. It checks nothing itself; the
 * host compares what the realm saw (REALM_HC_VALUES) and what is left of
 * its own registers afterwards:
 *   [0] PMCNTENSET_EL0  [1] PMINTENSET_EL1  [2] PMOVSSET_EL0
 *   [3] PMXEVCNTR_EL0 with PMSELR_EL0.SEL = PMU_PROBE_HOST_CTR
 *   [4] PMXEVTYPER_EL0 likewise  [5] accesses that were UNDEFINED
 *   [6] PMCR_EL0
 */
#include <stdint.h>

#include <atoll/realm_image.h>

#include "test.h"

#define PMU_PROBE_HOST_CTR	4U
#define PMCR_E			(1ULL << 0)
#define PMCR_P			(1ULL << 1)
#define PMCR_C			(1ULL << 2)
#define PROBE_VALUE		0xBADULL
#define PROBE_EVENT		0x11ULL	/* CPU_CYCLES */

static uint64_t values[8];

/* Reads or writes one PMU register, counting an UNDEFINED access in values[5]. */
#define PROBE(insn, ...)                                                   \
	do {                                                               \
		struct realm_fault f_;                                     \
		realm_fault_expect();                                      \
		__asm__ volatile(insn __VA_ARGS__);                        \
		f_ = realm_fault_end();                                    \
		values[5] += f_.taken;                                     \
	} while (0)

static void select_host_counter(void)
{
	__asm__ volatile("msr pmselr_el0, %0\n\tisb" : : "r"((uint64_t)PMU_PROBE_HOST_CTR)
			 : "memory");
}

void realm_main(void)
{
	const uint64_t bit = 1ULL << PMU_PROBE_HOST_CTR;

	PROBE("mrs %0, pmcntenset_el0", : "=r"(values[0]) : : "memory");
	PROBE("mrs %0, pmintenset_el1", : "=r"(values[1]) : : "memory");
	PROBE("mrs %0, pmovsset_el0", : "=r"(values[2]) : : "memory");
	/* Its own counter 0, whose event and count must not reach the host's counter 0. */
	PROBE("msr pmselr_el0, xzr\n\tisb\n\tmsr pmxevtyper_el0, %0\n\tmsr pmxevcntr_el0, %1",
	      : : "r"(PROBE_EVENT), "r"(PROBE_VALUE) : "memory");
	select_host_counter();
	PROBE("mrs %0, pmxevcntr_el0", : "=r"(values[3]) : : "memory");
	PROBE("mrs %0, pmxevtyper_el0", : "=r"(values[4]) : : "memory");
	PROBE("mrs %0, pmcr_el0", : "=r"(values[6]) : : "memory");

	PROBE("msr pmxevcntr_el0, %0", : : "r"(PROBE_VALUE) : "memory");
	PROBE("msr pmxevtyper_el0, %0", : : "r"(PROBE_EVENT) : "memory");
	PROBE("msr pmcntenclr_el0, %0", : : "r"(bit) : "memory");
	PROBE("msr pmintenset_el1, %0", : : "r"(bit) : "memory");
	PROBE("msr pmovsclr_el0, %0", : : "r"(bit) : "memory");
	PROBE("msr pmcr_el0, %0\n\tisb", : : "r"(PMCR_E | PMCR_P | PMCR_C) : "memory");
	(void)realm_report_values(values);
}
