/*
 * The launcher's store (REALM_HC_STORE_MAP, include/atoll/realm_image.h): NS
 * pages the launcher keeps across realms, mapped at Unprotected IPAs. What a
 * realm leaves there, a later realm of the same launcher run finds; the host
 * can read and change all of it, so only sealed data belongs there.
 */
#pragma once

#include <stddef.h>

/* The store's first bytes (a multiple of 4 KB, at most REALM_STORE_MAX) mapped; NULL if refused. */
volatile void *realm_store_map(size_t bytes);
