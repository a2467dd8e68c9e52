/* SMC to EL3 from the aarch64 arch layer. */
#pragma once

#include <stdint.h>

struct smc_regs {
	uint64_t x[8];
};

/* Issues SMC with regs->x[0..7]; the returned x0..x7 replace them. */
void rmm_smc(struct smc_regs *regs);
