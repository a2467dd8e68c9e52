/* Test granules come from NS DRAM at 0x80000000, far above the host image. */
#include <atoll/rmi.h>

#include "host.h"

#define POOL_BASE	0x80000000UL
#define POOL_SIZE	0x40000000UL

static uint64_t next_free = POOL_BASE;

uint64_t host_alloc_granules(uint64_t count)
{
	uint64_t pa = next_free;

	if (count > (POOL_BASE + POOL_SIZE - pa) / GRANULE_SIZE) {
		host_printf("HOST: test granule pool exhausted\n");
		psci_system_off();
	}
	next_free += count * GRANULE_SIZE;
	return pa;
}

uint64_t host_alloc_granule(void)
{
	return host_alloc_granules(1);
}
