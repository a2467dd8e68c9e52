/* RMI and PSCI calls from NS-EL2. */
#include <atoll/rmi.h>
#include <atoll/smccc.h>

#include "host.h"

struct rmi_ret rmi_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			uint64_t a5)
{
	uint64_t r[8] = { fid, a1, a2, a3, a4, a5, 0, 0 };
	struct rmi_ret ret;

	host_smc(r);
	for (unsigned int i = 0; i < 5U; i++)
		ret.x[i] = r[i];
	return ret;
}

uint64_t rmi_granule_delegate(uint64_t pa)
{
	return rmi_call(RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0).x[0];
}

uint64_t rmi_granule_undelegate(uint64_t pa)
{
	return rmi_call(RMI_GRANULE_UNDELEGATE, pa, 0, 0, 0, 0).x[0];
}

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
