/*
 * Timed SMC (smc_timed.S): CNTPCT_EL0 read just before and just after the
 * SMC instruction. Under `-icount shift=0` the counter ticks once per
 * instruction, so the cost is the instructions EL3 and the RMM executed.
 */
#pragma once

#include <stdint.h>

/* As host_smc(); returns the ticks of the timed region around the SMC. */
uint64_t host_smc_timed(uint64_t regs[8]);

/* The ticks of the same timed region with no SMC in it. */
uint64_t host_smc_timed_empty(void);

/* As host_smc(); returns the ticks the SMC itself took. */
static inline uint64_t host_smc_cost(uint64_t regs[8])
{
	return host_smc_timed(regs) - host_smc_timed_empty();
}
