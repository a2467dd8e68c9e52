/* Writing NS buffers the RMM reads (parameter granules, RmiRecRun pages). */
#pragma once

#include <stdint.h>

#include "host.h"

/* Copies size bytes (a multiple of 8) to NS memory at pa, 64 bits at a time (Device memory). */
static inline void rmi_ns_write(uint64_t pa, const void *src, uint64_t size)
{
	const uint64_t *s = src;

	for (uint64_t off = 0; off < size; off += 8U)
		mmio_write64(pa + off, s[off / 8U]);
}
