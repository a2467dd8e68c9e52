/*
 * What the simulator gives the realm builder (host/builder/, compiled for
 * x86 against shim/host.h) and host/rmi/report.c: NS granules of the
 * emulated machine, RMI calls straight into the RMM core's dispatcher,
 * and the builder's messages, kept for the failure detail.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* NS granules host_alloc_granule() hands out, bump-allocated from here. */
#define SIM_NS_POOL_BASE	0x80000000ULL
#define SIM_NS_POOL_END		0xC0000000ULL

/* Starts the NS pool over (with a machine reset) and forgets the last message. */
void sim_platform_reset(void);

/* n contiguous fresh NS granules; 0 when the pool is exhausted. */
uint64_t sim_alloc_granules(unsigned int n);

/* The builder's latest message (one line, "" if none). */
const char *sim_platform_last_message(void);
