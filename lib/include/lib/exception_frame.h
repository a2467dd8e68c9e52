/* The exception frame that lib/exception_frame.S.h builds, seen from C. */
#pragma once

#include <stdint.h>

struct exc_frame {
	uint64_t x[31];
	uint64_t sp;	/* the stack pointer before the exception */
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};

_Static_assert(sizeof(struct exc_frame) == 36 * 8, "matches EXC_FRAME_SIZE");
