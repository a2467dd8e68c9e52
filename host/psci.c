/* PSCI calls of the platform: starting CPUs and switching the machine off. */
#include <atoll/smccc.h>

#include "host.h"

int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	uint64_t r[8] = { PSCI_CPU_ON_64, mpidr, entry, context };

	host_smc(r);
	return (int64_t)r[0];
}

_Noreturn void psci_system_off(void)
{
	uint64_t r[8] = { PSCI_SYSTEM_OFF };

	host_smc(r);
	for (;;)
		__asm__ volatile("wfi");
}
