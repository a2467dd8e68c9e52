/*
 * The realm builder's platform (host/host.h on the NS host) for the
 * simulator on x86: host/builder/ is compiled unchanged against this
 * header. Physical addresses are those of the emulated machine
 * (rmm/arch/host), reached through host_pa_ptr(), not plain pointers.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "harness.h"

__attribute__((format(printf, 1, 2))) void host_printf(const char *fmt, ...);

static inline uint64_t mmio_read64(uint64_t pa)
{
	return *(volatile uint64_t *)host_pa_ptr(pa);
}

static inline void mmio_write64(uint64_t pa, uint64_t v)
{
	*(volatile uint64_t *)host_pa_ptr(pa) = v;
}

/* A fresh NS granule of the emulated machine (sim/platform.c). */
uint64_t host_alloc_granule(void);
