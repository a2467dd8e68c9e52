/*
 * A realm payload's heap: one arena of the allocator mbedTLS uses
 * everywhere in Atoll (rmm/mbedtls/atoll_heap.c), made current for the
 * payload, behind malloc/calloc/free too (libatoll-realm.a and mbedTLS
 * allocate from it). The payload owns the memory (a static array in its bss).
 */
#pragma once

#include <stddef.h>

/* Makes buf (size bytes) the heap; allocations before this fail. */
void realm_heap_init(void *buf, size_t size);

/* Bytes in use now and the highest offset ever used, headers included. */
size_t realm_heap_used(void);
size_t realm_heap_peak(void);
