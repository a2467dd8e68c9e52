/*
 * mbedTLS's memory (MBEDTLS_PLATFORM_CALLOC_MACRO/FREE_MACRO): arenas the
 * caller owns, chosen per CPU. The RMM has no heap and signs on several
 * CPUs at once, and a restartable signature keeps its bignums between RSI
 * calls, possibly resuming on another CPU: so each signature allocates
 * from an arena stored with it (in the REC), and the code about to call
 * mbedTLS makes that arena current on its CPU.
 *
 * Work that is not a REC's does the same: the RAK set-up
 * (attest_key.c), which any CPU may advance a slice at a time, allocates
 * from a static arena made current only while its lock is held.
 *
 * An arena is a first-fit list of blocks, each with an 8-byte header that
 * holds its size and whether it is used; free neighbours merge when the
 * next allocation walks past them. No locks: an arena is used by one CPU
 * at a time, which its owner guarantees (a REC runs on one CPU at a time;
 * the RAK set-up holds its lock).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define ATOLL_HEAP_MAX_CPUS	32U

struct atoll_heap {
	uint8_t *base;		/* 8-byte aligned */
	size_t size;		/* multiple of 8 */
	size_t peak;		/* highest end offset of a used block, for sizing */
};

/* Makes buf (size bytes, any alignment) one free block. */
void atoll_heap_init(struct atoll_heap *h, void *buf, size_t size);

/*
 * Makes h the arena mbedTLS allocates from on the calling CPU, and returns
 * the one it replaces (NULL for none) so nested users can restore it.
 * With no arena, allocation fails.
 */
struct atoll_heap *atoll_heap_use(struct atoll_heap *h);

/* Which CPU is calling: the RMM passes arch_cpu_index; unset means CPU 0. */
void atoll_heap_set_cpu_fn(unsigned int (*cpu_index)(void));

/* Bytes in use now (headers included), to check that users free everything. */
size_t atoll_heap_used(const struct atoll_heap *h);
