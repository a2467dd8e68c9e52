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

/*
 * The normal world's PMU against a hostile realm. The host's counters
 * count only at EL1 (where it never runs itself): P = NSK = RLK = 1 counts
 * Non-secure and Realm EL1, U = 1 with NSU = RLU = 0 no EL0, NSH = 0 no
 * EL2, M = 0 no EL3. Whatever they count while a realm runs is the realm's.
 */
#define FILTER_EL1_ONLY		((1ULL << 31) | (1ULL << 30) | (1ULL << 29) | (1ULL << 22))
#define CYCLE_COUNTER		(1ULL << 31)
#define EVENT_CPU_CYCLES	0x11U
#define PROBE_CTRS		2U	/* realm/payloads/pmu_probe.c's realm */
#define PROBE_HOST_CTR		4U	/* the host's counter above them that it probes */
#define PROBE_HOST_VALUE	0x4444U

#define HOST_PMSELR		3U	/* what the host leaves selected */

/* Counter 0's event type as the CPU kept it (QEMU drops RLK, bit 22). */
static uint64_t host_type0;

struct host_pmu {
	uint64_t cycles, ctr0, type0, ctr, type, cnten, inten, ovs, pmselr;
};

static void host_counter_set(unsigned int n, uint64_t type, uint64_t value)
{
	__asm__ volatile("msr pmselr_el0, %0\n\tisb\n\tmsr pmxevtyper_el0, %1\n\t"
			 "msr pmxevcntr_el0, %2\n\tisb" : : "r"((uint64_t)n), "r"(type), "r"(value)
			 : "memory");
}

/*
 * The cycle counter and counter 0 counting CPU cycles at EL1 only, and
 * counter PROBE_HOST_CTR counting the host's software increments, enabled
 * with its overflow flag set (its interrupt disabled).
 */
static void host_pmu_arm(void)
{
	uint64_t bit = 1ULL << PROBE_HOST_CTR;

	__asm__ volatile("msr pmcntenclr_el0, %0\n\tmsr pmintenclr_el1, %0\n\t"
			 "msr pmovsclr_el0, %0\n\tisb" : : "r"(~0ULL) : "memory");
	host_counter_set(0, EVENT_CPU_CYCLES | FILTER_EL1_ONLY, 0);
	__asm__ volatile("mrs %0, pmxevtyper_el0" : "=r"(host_type0));
	host_counter_set(PROBE_HOST_CTR, EVENT_SW_INCR | EVTYPER_NSH, PROBE_HOST_VALUE);
	__asm__ volatile("msr pmccfiltr_el0, %0\n\tmsr pmccntr_el0, xzr\n\t"
			 "msr pmovsset_el0, %1\n\tmsr pmcntenset_el0, %2\n\t"
			 "mrs x9, pmcr_el0\n\torr x9, x9, %3\n\tmsr pmcr_el0, x9\n\tisb"
			 : : "r"(FILTER_EL1_ONLY), "r"(bit), "r"(bit | CYCLE_COUNTER | 1ULL),
			   "r"(PMCR_E) : "x9", "memory");
	__asm__ volatile("msr pmselr_el0, %0\n\tisb" : : "r"((uint64_t)HOST_PMSELR) : "memory");
}

static void host_pmu_read(struct host_pmu *p)
{
	__asm__ volatile("mrs %0, pmccntr_el0\n\tmrs %1, pmcntenset_el0\n\t"
			 "mrs %2, pmintenset_el1\n\tmrs %3, pmovsset_el0\n\tmrs %4, pmselr_el0"
			 : "=r"(p->cycles), "=r"(p->cnten), "=r"(p->inten), "=r"(p->ovs),
			   "=r"(p->pmselr) : : "memory");
	__asm__ volatile("msr pmselr_el0, xzr\n\tisb\n\tmrs %0, pmxevcntr_el0\n\t"
			 "mrs %1, pmxevtyper_el0" : "=&r"(p->ctr0), "=&r"(p->type0) : : "memory");
	__asm__ volatile("msr pmselr_el0, %2\n\tisb\n\tmrs %0, pmxevcntr_el0\n\t"
			 "mrs %1, pmxevtyper_el0" : "=&r"(p->ctr), "=&r"(p->type)
			 : "r"((uint64_t)PROBE_HOST_CTR) : "memory");
}

static void host_pmu_disarm(void)
{
	__asm__ volatile("msr pmcntenclr_el0, %0\n\tmsr pmovsclr_el0, %0\n\tisb" : : "r"(~0ULL)
			 : "memory");
}

/* Runs the probe realm to its end with the host's counters armed; their state afterwards in *after. */
static void run_probe(const struct realm_vm_config *cfg, struct host_pmu *after)
{
	CHECK_EQ(realm_vm_load(&vm, cfg, REALM_IMAGE(pmu_probe)), RMI_SUCCESS);
	if (test_failed())
		return;
	host_pmu_arm();
	while (realm_vm_step(&vm, 0))
		;
	host_pmu_read(after);
	host_pmu_disarm();
	CHECK_EQ(vm.state, REALM_VM_SYSTEM_OFF);
	CHECK(vm.values_seen);
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
}

/* What a realm may not do to the host's counters: each check names one. */
static void check_host_pmu_intact(const struct host_pmu *p)
{
	uint64_t bit = 1ULL << PROBE_HOST_CTR;

	CHECK_EQ(p->cycles, 0);		/* no cycle of the realm's EL1 counted */
	CHECK_EQ(p->ctr0, 0);		/* nor the realm's own counter 0 */
	CHECK_EQ(p->type0, host_type0);
	CHECK_EQ(p->pmselr, HOST_PMSELR);
	CHECK_EQ(p->ctr, PROBE_HOST_VALUE);
	CHECK_EQ(p->type, EVENT_SW_INCR | EVTYPER_NSH);
	CHECK_EQ(p->cnten, bit | CYCLE_COUNTER | 1U);
	CHECK_EQ(p->inten, 0);
	CHECK_EQ(p->ovs, bit);
}

TEST(realm_without_pmu_is_not_counted_by_host_counters)
{
	const struct realm_vm_config cfg = { .name = "pmu_probe", .s2sz = 40, .level_start = 0,
					     .num_recs = 1 };
	struct host_pmu after = { 0 };

	run_probe(&cfg, &after);
	check_host_pmu_intact(&after);
	/* Its PMU registers trap: it read zero everywhere. */
	for (unsigned int i = 0; i < 7U; i++)
		CHECK_EQ(vm.values[i], 0);
}

TEST(pmu_realm_neither_sees_nor_changes_host_counters_above_hpmn)
{
	const struct realm_vm_config cfg = { .name = "pmu_probe", .s2sz = 40, .level_start = 0,
					     .num_recs = 1, .pmu = true, .pmu_num_ctrs = PROBE_CTRS };
	const uint64_t realm_bits = ((1ULL << PROBE_CTRS) - 1U) | CYCLE_COUNTER;
	struct host_pmu after = { 0 };

	run_probe(&cfg, &after);
	check_host_pmu_intact(&after);
	host_printf("HOST: pmu probe saw cnten 0x%lx inten 0x%lx ovs 0x%lx ctr 0x%lx type 0x%lx, "
		    "%lu UNDEFINED, pmcr 0x%lx\n", vm.values[0], vm.values[1], vm.values[2],
		    vm.values[3], vm.values[4], vm.values[5], vm.values[6]);
	/* Nothing of the host's counter: its bits, its value, its event. */
	CHECK_EQ(vm.values[0] & ~realm_bits, 0);
	CHECK_EQ(vm.values[1] & ~realm_bits, 0);
	CHECK_EQ(vm.values[2] & ~realm_bits, 0);
	CHECK(vm.values[3] != PROBE_HOST_VALUE);
	CHECK(vm.values[4] != (EVENT_SW_INCR | EVTYPER_NSH));
	CHECK_EQ((vm.values[6] >> 11) & 0x1FU, PROBE_CTRS);
}
