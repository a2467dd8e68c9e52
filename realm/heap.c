/* The realm payload's heap (heap.h) and the C allocation functions on it. */
#include <stdlib.h>
#include <string.h>

/* The configuration declares atoll_heap_calloc/free, mbedTLS's allocator. */
#include <mbedtls/build_info.h>

#include "atoll_heap.h"
#include "heap.h"

static struct atoll_heap heap;

void realm_heap_init(void *buf, size_t size)
{
	atoll_heap_init(&heap, buf, size);
	(void)atoll_heap_use(&heap);
}

size_t realm_heap_used(void)
{
	return heap.base != NULL ? atoll_heap_used(&heap) : 0U;
}

size_t realm_heap_peak(void)
{
	return heap.peak;
}

void *calloc(size_t n, size_t size)
{
	return atoll_heap_calloc(n, size);
}

/* The arena hands out zeroed blocks either way. */
void *malloc(size_t size)
{
	return atoll_heap_calloc(1, size);
}

void free(void *ptr)
{
	atoll_heap_free(ptr);
}
