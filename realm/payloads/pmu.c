/*
 * A realm created with the PMU (RMI_REALM_FLAG_PMU): its ID registers show
 * PMUv3, PMCR_EL0.N is its pmu_num_ctrs, its counters count (software
 * increments exactly, CPU cycles or instructions as the CPU implements
 * them) across exits, and an overflow with its interrupt enabled is a PMU
 * interrupt the host sees (tests/system/realm_pmu_test.c masks it once seen;
 * then the realm finds the overflow flag and clears it). What it saw goes
 * to the host with REALM_HC_VALUES:
 *   [0] ID_AA64DFR0_EL1.PMUVer  [1] PMCR_EL0.N  [2] counter 0 (SW_INCR)
 *   [3] counter 1 (the hardware event)  [4] the event counter 1 counted
 *   [5] counter 2's overflow flag once the host saw the interrupt
 */
#include <stdint.h>

#include <atoll/realm_image.h>

#include "test.h"

#define PMCR_E			(1ULL << 0)
#define PMCR_P			(1ULL << 1)	/* reset the event counters */
#define PMCR_N(v)		(((v) >> 11) & 0x1FU)
#define EVENT_SW_INCR		0x00U
#define EVENT_INST_RETIRED	0x08U
#define EVENT_CPU_CYCLES	0x11U
#define INCREMENTS		1000U
#define OVERFLOW_COUNTER	2U

static uint64_t values[8];

static void counter_set(unsigned int n, uint64_t event, uint64_t value)
{
	__asm__ volatile("msr pmselr_el0, %0\n\tisb\n\t"
			 "msr pmxevtyper_el0, %1\n\t"
			 "msr pmxevcntr_el0, %2\n\tisb" : : "r"((uint64_t)n), "r"(event), "r"(value)
			 : "memory");
}

static uint64_t counter_get(unsigned int n)
{
	uint64_t v;

	__asm__ volatile("msr pmselr_el0, %1\n\tisb\n\tmrs %0, pmxevcntr_el0" : "=r"(v)
			 : "r"((uint64_t)n) : "memory");
	return v;
}

static uint64_t pmcr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, pmcr_el0" : "=r"(v));
	return v;
}

TEST(id_registers_show_the_pmu)
{
	uint64_t dfr0;

	__asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
	values[0] = (dfr0 >> 8) & 0xFU;
	values[1] = PMCR_N(pmcr());
	CHECK(values[0] != 0U && values[0] != 0xFU);
	CHECK(values[1] > OVERFLOW_COUNTER);
}

/* Instructions where the CPU counts them (PMCEID0_EL0 bit 8), cycles otherwise. */
static uint64_t hardware_event(void)
{
	uint64_t ceid0;

	__asm__ volatile("mrs %0, pmceid0_el0" : "=r"(ceid0));
	return (ceid0 & (1ULL << EVENT_INST_RETIRED)) != 0U ? EVENT_INST_RETIRED : EVENT_CPU_CYCLES;
}

TEST(counters_count_across_exits)
{
	uint64_t n;

	values[4] = hardware_event();
	counter_set(0, EVENT_SW_INCR, 0);
	counter_set(1, values[4], 0);
	__asm__ volatile("msr pmcr_el0, %0\n\tmsr pmcntenset_el0, %1\n\tisb"
			 : : "r"(PMCR_E), "r"(3ULL) : "memory");
	for (unsigned int i = 0; i < INCREMENTS; i++) {
		__asm__ volatile("msr pmswinc_el0, %0\n\tisb" : : "r"(1ULL) : "memory");
		if (i % 100U == 0U)
			(void)realm_host_call(REALM_HC_EXIT_COUNT, REALM_EXIT_COUNT_WFI, 0, &n);
	}
	values[2] = counter_get(0);
	values[3] = counter_get(1);
	CHECK_EQ(values[2], INCREMENTS);
	CHECK(values[3] >= INCREMENTS);
}

TEST(overflow_raises_the_pmu_interrupt)
{
	const uint64_t bit = 1ULL << OVERFLOW_COUNTER;
	uint64_t ovs = 0;

	counter_set(OVERFLOW_COUNTER, EVENT_SW_INCR, 0xFFFFFFFFU);
	__asm__ volatile("msr pmintenset_el1, %0\n\tmsr pmcntenset_el0, %0\n\tisb\n\t"
			 "msr pmswinc_el0, %0\n\tisb" : : "r"(bit) : "memory");
	/* The host masks the interrupt once it has seen it; until then this REC makes no progress. */
	for (unsigned int i = 0; i < 1000U && (ovs & bit) == 0U; i++)
		__asm__ volatile("mrs %0, pmovsset_el0" : "=r"(ovs));
	values[5] = (ovs & bit) != 0U;
	__asm__ volatile("msr pmovsclr_el0, %0\n\tmsr pmintenclr_el1, %0\n\tisb" : : "r"(bit)
			 : "memory");
	CHECK_EQ(values[5], 1);
	/* It wrapped (bits 31:0; with PMUv3p5 the counter has 64 bits, PMCR_EL0.LP says where it overflows). */
	CHECK_EQ(counter_get(OVERFLOW_COUNTER) & 0xFFFFFFFFU, 0);
}

void realm_main(void)
{
	(void)realm_run_tests();
	(void)realm_report_values(values);
}
