/* Constants shared by the RMM's assembly and C. */
#pragma once

#define RMM_MAX_CPUS		32
#define RMM_STACK_SIZE		0x4000
/* Bytes of the exception frame: x0..x30, sp, elr, spsr, esr, far. */
#define EXC_FRAME_SIZE		(36 * 8)
