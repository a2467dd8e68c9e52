/*
 * System test of a PMU realm (realm/payloads/pmu.c) with 3 of the CPU's
 * event counters: it sees PMUv3 and PMCR_EL0.N = 3, its counters count
 * across exits, and the host's counter of the same event (software
 * increments, compared exactly) counts none of the realm's; an overflow
 * with its interrupt enabled is an IRQ exit with pmu_ovf_status ACTIVE,
 * and once the realm has cleared it the exits say NOT_ACTIVE again.
 */
#include <atoll/realm_image.h>

#include "images/realm_images.h"
#include "rmi/calls.h"
#include "run/realm_run.h"
#include "test.h"

#define PMU_PPI			23U	/* QEMU virt: the PMU's interrupt, INTID 23 */
#define REALM_CTRS		3U
#define HOST_COUNTER		0U	/* one of the realm's too: the same counter, swapped */
#define HOST_COUNT_START	0x77U
#define EVENT_SW_INCR		0x00U
#define EVTYPER_NSH		(1ULL << 27)	/* count at (Non-secure) EL2, where the host runs */
#define PMCR_E			1ULL
#define RMI_PMU_OVF_ACTIVE	1U

static struct realm_vm vm;

static uint64_t host_event_count(void)
{
	uint64_t v;

	__asm__ volatile("msr pmselr_el0, %1\n\tisb\n\tmrs %0, pmxevcntr_el0" : "=r"(v)
			 : "r"((uint64_t)HOST_COUNTER) : "memory");
	return v;
}

/* The host's own counter 0 counts software increments from HOST_COUNT_START. */
static void host_counter_start(void)
{
	__asm__ volatile("msr pmselr_el0, %0\n\tisb\n\t"
			 "msr pmxevtyper_el0, %1\n\tmsr pmxevcntr_el0, %2\n\t"
			 "msr pmcntenset_el0, %3\n\tmrs x9, pmcr_el0\n\torr x9, x9, %4\n\t"
			 "msr pmcr_el0, x9\n\tisb"
			 : : "r"((uint64_t)HOST_COUNTER), "r"(EVENT_SW_INCR | EVTYPER_NSH),
			   "r"((uint64_t)HOST_COUNT_START), "r"(1ULL << HOST_COUNTER), "r"(PMCR_E)
			 : "x9", "memory");
}

static void host_counter_stop(void)
{
	__asm__ volatile("msr pmcntenclr_el0, %0\n\tisb" : : "r"(1ULL << HOST_COUNTER) : "memory");
}

static void host_increment(void)
{
	__asm__ volatile("msr pmswinc_el0, %0\n\tisb" : : "r"(1ULL << HOST_COUNTER) : "memory");
}

TEST(realm_pmu_counts_apart_from_host_and_reports_overflow)
{
	const struct realm_vm_config cfg = { .name = "pmu", .s2sz = 40, .level_start = 0,
					     .num_recs = 1, .pmu = true, .pmu_num_ctrs = REALM_CTRS };
	uint64_t feat0 = rmi_call(RMI_FEATURES, 0, 0, 0, 0, 0).x[1];
	unsigned int passed = 0, failed = 1, ovf_irq_exits = 0, ovf_after = 0, steps = 0;
	bool masked = false;

	CHECK((feat0 & RMI_FEAT0_PMU_EN) != 0U);
	CHECK(((feat0 >> RMI_FEAT0_PMU_NUM_CTRS_SHIFT) & 0x1FU) > REALM_CTRS);
	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(pmu)), RMI_SUCCESS);
	if (test_failed())
		return;
	host_tick_init();
	host_ppi_set_enabled(PMU_PPI, true);
	host_counter_start();
	while (realm_vm_step(&vm, 0)) {
		const volatile struct rmi_rec_run *run = (const void *)(uintptr_t)vm.vcpus[0].run;
		bool ovf = run->exit.pmu_ovf_status == RMI_PMU_OVF_ACTIVE;

		/* Every other step the host counts one increment of its own. */
		if ((++steps & 1U) != 0U)
			host_increment();
		if (ovf && run->exit.exit_reason == RMI_EXIT_IRQ)
			ovf_irq_exits++;
		if (ovf && !masked) {
			/* Seen: masked, so the realm can run on and clear the overflow. */
			host_ppi_set_enabled(PMU_PPI, false);
			masked = true;
		} else if (!ovf && masked) {
			ovf_after++;
		}
	}
	host_ppi_set_enabled(PMU_PPI, false);
	/* Exactly the host's own increments: none of the realm's 1,001 counted here. */
	CHECK_EQ(host_event_count(), HOST_COUNT_START + (steps + 1U) / 2U);
	host_counter_stop();
	CHECK_EQ(vm.state, REALM_VM_SYSTEM_OFF);
	CHECK(realm_vm_closing_line(&vm, "realm", &passed, &failed));
	CHECK_EQ(failed, 0);
	CHECK_EQ(passed, 3);
	CHECK(vm.values_seen);
	CHECK(vm.values[0] != 0U);		/* PMUVer */
	CHECK_EQ(vm.values[1], REALM_CTRS);	/* PMCR_EL0.N = HPMN */
	CHECK_EQ(vm.values[2], 1000);		/* SW_INCR, exactly */
	CHECK(vm.values[3] >= 1000U);		/* the hardware event */
	CHECK_EQ(vm.values[5], 1);		/* the overflow flag the realm found */
	CHECK(ovf_irq_exits >= 1U);
	CHECK(ovf_after > 0U);
	host_printf("HOST: pmu realm: %u steps, %u IRQ exits with the overflow, event 0x%lx counted %lu\n",
		    steps, ovf_irq_exits, vm.values[4], vm.values[3]);
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
}
