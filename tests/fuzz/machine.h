/*
 * The emulated machine the fuzzers (rmi_fuzz.c, rsi_fuzz.c) boot for every
 * input: reset, then a cold boot of the RMM on one DRAM bank.
 */
#pragma once

#include <stdint.h>

#include "invariants.h"

/*
 * Resets the machine: all of it the first time (and fills pa[i] with the
 * granules from base), then only those n granules: every granule the RMM
 * is given, and so every one it can write or delegate, lies there
 * (harness.h, host_platform_reset_range). EL3's settings are the caller's
 * to make between this and fuzz_machine_boot().
 */
void fuzz_machine_reset(uint64_t *pa, unsigned int n, uint64_t base);

/* Cold-boots the RMM with one bank [bank_base, bank_base + size); binds the pool. Aborts on failure. */
void fuzz_machine_boot(const struct inv_pool *pool, uint64_t bank_base, uint64_t bank_size);
