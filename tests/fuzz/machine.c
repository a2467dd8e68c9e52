/* The emulated machine of the fuzzers (machine.h). */
#include "machine.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <rmm/granule.h>

#include "harness.h"

void fuzz_machine_reset(uint64_t *pa, unsigned int n, uint64_t base)
{
	static bool booted;

	if (booted) {
		host_platform_reset_range(base, (uint64_t)n * GRANULE_SIZE);
		return;
	}
	for (unsigned int i = 0; i < n; i++)
		pa[i] = base + i * GRANULE_SIZE;
	host_platform_reset();
	booted = true;
}

void fuzz_machine_boot(const struct inv_pool *pool, uint64_t bank_base, uint64_t bank_size)
{
	host_write_manifest(bank_base, bank_size);
	if (host_cold_boot(0, ABI_VERSION(0U, 4U), 32, HOST_SHARED_BUF) != RMM_BOOT_SUCCESS) {
		fprintf(stderr, "fuzzer: cold boot failed\n");
		abort();
	}
	inv_pool_bind(pool);
}
