/* Secondary CPUs: started with PSCI CPU_ON to run one function, then switched off. */
#include <atoll/smccc.h>

#include "host.h"

#define CPU_TIMEOUT_TICKS	2000000000ULL	/* 2 s of the 1 GHz counter */

extern char host_secondary_entry[];

/* Written by the boot CPU before CPU_ON, read by the started CPU. */
static struct {
	void (*fn)(void *);
	void *arg;
	volatile uint32_t done;
} cpu_work[HOST_MAX_CPUS];

_Noreturn void host_secondary_main(uint64_t cpu)
{
	uint64_t off[8] = { PSCI_CPU_OFF };

	cpu_work[cpu].fn(cpu_work[cpu].arg);
	__asm__ volatile("dmb ish" ::: "memory");
	cpu_work[cpu].done = 1;
	__asm__ volatile("dsb ish" ::: "memory");
	host_smc(off);
	for (;;)
		__asm__ volatile("wfi");
}

bool host_run_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg)
{
	return host_run_on_cpu_within(cpu, fn, arg, CPU_TIMEOUT_TICKS);
}

/*
 * CPU_ON, retried while EL3 still sees the CPU on: after its work the CPU
 * still has to get through CPU_OFF, which on a loaded machine can take
 * longer than the pause below.
 */
static bool cpu_on(unsigned int cpu, uint64_t ticks)
{
	uint64_t start = host_counter();
	int64_t ret;

	do {
		ret = psci_cpu_on(cpu, (uint64_t)host_secondary_entry, cpu);
	} while (ret == PSCI_RET_ALREADY_ON && host_counter() - start < ticks);
	return ret == PSCI_RET_SUCCESS;
}

bool host_start_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg, uint64_t ticks)
{
	if (cpu == 0U || cpu >= HOST_MAX_CPUS)
		return false;
	cpu_work[cpu].fn = fn;
	cpu_work[cpu].arg = arg;
	cpu_work[cpu].done = 0;
	__asm__ volatile("dsb ish" ::: "memory");
	return cpu_on(cpu, ticks);
}

bool host_wait_cpu(unsigned int cpu, uint64_t ticks)
{
	uint64_t start = host_counter();

	while (cpu_work[cpu].done == 0U) {
		if (host_counter() - start > ticks)
			return false;
	}
	/* Let the CPU finish switching off before it can be started again. */
	for (uint64_t t = host_counter(); host_counter() - t < 1000000U;)
		;
	return true;
}

bool host_run_on_cpu_within(unsigned int cpu, void (*fn)(void *), void *arg, uint64_t ticks)
{
	return host_start_on_cpu(cpu, fn, arg, ticks) && host_wait_cpu(cpu, ticks);
}
