/* Per-CPU arenas for mbedTLS's calloc and free (see atoll_heap.h). */
#include "atoll_heap.h"

#include <stdbool.h>
#include <string.h>

#include <mbedtls/platform.h>

#define ALIGN		8U
#define HDR		sizeof(uint64_t)
#define USED		1U	/* low bit of a header: sizes are multiples of 8 */
#define MIN_BLOCK	(HDR + ALIGN)

static struct atoll_heap *current[ATOLL_HEAP_MAX_CPUS];
static unsigned int (*cpu_fn)(void);

static struct atoll_heap **current_slot(void)
{
	unsigned int cpu = cpu_fn != NULL ? cpu_fn() : 0U;

	return &current[cpu < ATOLL_HEAP_MAX_CPUS ? cpu : 0U];
}

void atoll_heap_set_cpu_fn(unsigned int (*cpu_index)(void))
{
	cpu_fn = cpu_index;
}

struct atoll_heap *atoll_heap_use(struct atoll_heap *h)
{
	struct atoll_heap **slot = current_slot();
	struct atoll_heap *prev = *slot;

	*slot = h;
	return prev;
}

/* Headers are read and written as whole words: the arena is 8-byte aligned. */
static uint64_t *hdr_at(const struct atoll_heap *h, size_t off)
{
	return (uint64_t *)(void *)(h->base + off);
}

void atoll_heap_init(struct atoll_heap *h, void *buf, size_t size)
{
	uintptr_t start = ((uintptr_t)buf + ALIGN - 1U) & ~(uintptr_t)(ALIGN - 1U);
	size_t skip = start - (uintptr_t)buf;

	h->base = (uint8_t *)start;
	h->size = size > skip ? (size - skip) & ~(size_t)(ALIGN - 1U) : 0U;
	h->peak = 0;
	if (h->size >= MIN_BLOCK)
		*hdr_at(h, 0) = h->size;
	else
		h->size = 0;
}

/* Merges the free blocks that follow the free block at off into it. */
static uint64_t merge_free(struct atoll_heap *h, size_t off)
{
	uint64_t len = *hdr_at(h, off);

	while (off + len < h->size && (*hdr_at(h, off + len) & USED) == 0U)
		len += *hdr_at(h, off + len);
	*hdr_at(h, off) = len;
	return len;
}

/*
 * Best fit: the smallest free run of at least need bytes, split if it is
 * much larger. An exact fit ends the search (none can be better): mbedTLS
 * asks for the same few limb-array sizes over and over.
 */
static void *heap_alloc(struct atoll_heap *h, size_t need)
{
	size_t best = SIZE_MAX;
	uint64_t best_len = UINT64_MAX, len;

	for (size_t off = 0; off < h->size && best_len != need; off += len & ~(uint64_t)USED) {
		len = *hdr_at(h, off);
		if ((len & USED) == 0U && (len = merge_free(h, off)) >= need && len < best_len) {
			best = off;
			best_len = len;
		}
	}
	if (best == SIZE_MAX)
		return NULL;
	len = best_len;
	if (len - need >= MIN_BLOCK) {
		*hdr_at(h, best + need) = len - need;
		len = need;
	}
	*hdr_at(h, best) = len | USED;
	if (best + len > h->peak)
		h->peak = best + len;
	memset(h->base + best + HDR, 0, len - HDR);
	return h->base + best + HDR;
}

void *atoll_heap_calloc(size_t n, size_t size)
{
	struct atoll_heap *h = *current_slot();
	size_t bytes;

	if (h == NULL || n == 0U || size == 0U || n > SIZE_MAX / size)
		return NULL;
	bytes = n * size;
	if (bytes > h->size)
		return NULL;
	return heap_alloc(h, (bytes + HDR + ALIGN - 1U) & ~(size_t)(ALIGN - 1U));
}

static bool owns(const struct atoll_heap *h, const void *ptr)
{
	const uint8_t *p = ptr;

	return h != NULL && p >= h->base + HDR && p < h->base + h->size;
}

void atoll_heap_free(void *ptr)
{
	struct atoll_heap *h = *current_slot();

	if (ptr == NULL)
		return;
	/* A pointer from another arena is a bug in the caller's arena switching. */
	if (!owns(h, ptr) || (*((uint64_t *)ptr - 1) & USED) == 0U)
		return;
	*((uint64_t *)ptr - 1) &= ~(uint64_t)USED;
}

size_t atoll_heap_used(const struct atoll_heap *h)
{
	size_t used = 0;

	for (size_t off = 0; off < h->size;) {
		uint64_t len = *hdr_at(h, off);

		if ((len & USED) != 0U)
			used += len & ~(uint64_t)USED;
		off += len & ~(uint64_t)USED;
	}
	return used;
}
