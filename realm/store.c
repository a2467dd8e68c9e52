/* The launcher's store (store.h). */
#include "store.h"

#include <stdint.h>

#include <atoll/realm_image.h>

#include "realm.h"

volatile void *realm_store_map(size_t bytes)
{
	uint64_t ipa = realm_unprotected_base() + REALM_STORE_OFFSET, r = 1;

	if (realm_host_call(REALM_HC_STORE_MAP, ipa, bytes, &r) != 0U || r != 0U)
		return NULL;
	return (volatile void *)(uintptr_t)ipa;
}
