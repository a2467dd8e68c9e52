/* Reported RMI calls: failure reports and the cost of the last call. */
#include <atoll/rmi.h>
#include <atoll/smccc.h>

#include "host.h"
#include "rmi/report.h"
#include "rmi/smc_timed.h"

static uint64_t last_ticks;

const char *host_rmi_status_name(uint64_t x0)
{
	static const char *const names[] = { "SUCCESS", "ERROR_INPUT", "ERROR_REALM",
					     "ERROR_REC", "ERROR_RTT" };

	if (x0 == SMC_NOT_SUPPORTED)
		return "NOT_SUPPORTED";
	return RMI_RETURN_STATUS(x0) < 5U ? names[RMI_RETURN_STATUS(x0)] : "?";
}

struct rmi_ret rmi_reported(const char *name, uint32_t fid, uint64_t a1, uint64_t a2,
			    uint64_t a3, uint64_t a4, uint64_t a5)
{
	uint64_t regs[8] = { fid, a1, a2, a3, a4, a5, 0, 0 };
	struct rmi_ret ret;

	last_ticks = host_smc_cost(regs);
	for (unsigned int i = 0; i < 5U; i++)
		ret.x[i] = regs[i];
	if (ret.x[0] != RMI_SUCCESS)
		host_printf("realm: %s(%lx, %lx, %lx, %lx) -> %s, index %lu\n", name, a1, a2, a3,
			    a4, host_rmi_status_name(ret.x[0]), RMI_RETURN_INDEX(ret.x[0]));
	return ret;
}

uint64_t host_rmi_last_ticks(void)
{
	return last_ticks;
}
