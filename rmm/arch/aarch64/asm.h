/* Constants shared by the RMM's assembly and C. */
#pragma once

#define RMM_MAX_CPUS		32
#define RMM_STACK_SIZE		0x4000
