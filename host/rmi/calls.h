/* Plain RMI calls from NS-EL2: the SMC and its results, nothing else. */
#pragma once

#include <stdint.h>

/* Results of an RMI call: x0 (status) and x1..x4. */
struct rmi_ret {
	uint64_t x[5];
};

struct rmi_ret rmi_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			uint64_t a5);

/* Convenience wrappers returning x0. */
uint64_t rmi_granule_delegate(uint64_t pa);
uint64_t rmi_granule_undelegate(uint64_t pa);
