/* The simulator's side of the realm builder's platform (platform.h, shim/host.h). */
#include "platform.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <rmm/granule.h>
#include <rmm/rmi.h>

#include "host.h"
#include "rmi/smc_timed.h"

static uint64_t next_granule = SIM_NS_POOL_BASE;
static char last_message[256];

void sim_platform_reset(void)
{
	next_granule = SIM_NS_POOL_BASE;
	last_message[0] = '\0';
}

uint64_t sim_alloc_granules(unsigned int n)
{
	uint64_t pa = next_granule;

	if ((uint64_t)n * GRANULE_SIZE > SIM_NS_POOL_END - next_granule)
		return 0;
	next_granule += (uint64_t)n * GRANULE_SIZE;
	return pa;
}

uint64_t host_alloc_granule(void)
{
	return sim_alloc_granules(1);
}

const char *sim_platform_last_message(void)
{
	return last_message;
}

void host_printf(const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	(void)vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	n = strlen(last_message);
	if (n > 0U && last_message[n - 1U] == '\n')
		last_message[n - 1U] = '\0';
}

/* The SMC: EL3 forwards the call to the RMM, here a plain function call. */
uint64_t host_smc_timed(uint64_t regs[8])
{
	uint64_t args[7];
	struct rmi_result res;

	memcpy(args, &regs[1], sizeof(args));
	rmi_dispatch(regs[0], args, &res);
	for (unsigned int i = 0; i < 5U; i++)
		regs[i] = res.x[i];
	return 0;
}

uint64_t host_smc_timed_empty(void)
{
	return 0;
}
