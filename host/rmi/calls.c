/* RMI calls from NS-EL2. */
#include <atoll/rmi.h>

#include "host.h"
#include "rmi/calls.h"

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
