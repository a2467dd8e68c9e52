/*
 * Realm sealing keys (sealing.h, docs/sealing.md). vhuks is written only by
 * cold boot, before any other CPU runs, and read-only afterwards, so
 * derivations on several CPUs need no lock. Each derivation allocates
 * mbedTLS's HMAC state from an arena on its own stack.
 */
#include <rmm/sealing.h>

#include <string.h>

#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

#include <atoll/el3.h>
#include <rmm/arch.h>
#include <rmm/log.h>

#include "atoll_heap.h"

/*
 * HMAC-SHA-256's allocations: the SHA-256 context and the two pads, with
 * the arena's headers (about 300 bytes).
 */
#define SEALING_HEAP_SIZE	512U

static struct {
	bool available;
	uint8_t a[ARCH_VHUK_SIZE];
	uint8_t m[ARCH_VHUK_SIZE];
} vhuks;

_Static_assert(ARCH_VHUK_SIZE == RSI_SEALING_KEY_SIZE, "VHUKs and sealing keys are 256-bit");

bool sealing_init(void)
{
	int64_t ret;

	/* A host-build test boots many times: nothing of the previous boot survives. */
	mbedtls_platform_zeroize(&vhuks, sizeof(vhuks));
	ret = arch_el3_get_vhuks(vhuks.a, vhuks.m);
	if (ret != E_RMM_OK) {
		mbedtls_platform_zeroize(&vhuks, sizeof(vhuks));
		rmm_log("RMM: sealing keys not available: EL3 gave no VHUKs (%ld)\n", (long)ret);
		return false;
	}
	vhuks.available = true;
	rmm_log("RMM: sealing keys available: VHUK_A and VHUK_M from EL3\n");
	return true;
}

bool sealing_available(void)
{
	return vhuks.available;
}

void sealing_info_init(struct rsi_sealing_info *info, uint64_t flags, uint64_t svn,
		       const struct rd *rd)
{
	memset(info, 0, sizeof(*info));
	memcpy(info->label, RSI_SEALING_LABEL, sizeof(RSI_SEALING_LABEL) - 1U);
	info->flags = flags;
	info->svn = svn;
	memcpy(info->rpv, rd->rpv, sizeof(info->rpv));
	if ((flags & RSI_SEALING_KEY_RIM) != 0U) {
		info->rim_hash_algo = rd->algo;
		memcpy(info->rim, rd->rim, sizeof(info->rim));
	}
}

bool sealing_key_derive(const struct rsi_sealing_info *info,
			uint8_t key[RSI_SEALING_KEY_SIZE])
{
	const uint8_t *ikm = (info->flags & RSI_SEALING_KEY_VHUK_M) != 0U ? vhuks.m : vhuks.a;
	uint8_t heap_buf[SEALING_HEAP_SIZE];
	struct atoll_heap heap, *prev;
	int err = -1;

	if (vhuks.available) {
		atoll_heap_init(&heap, heap_buf, sizeof(heap_buf));
		prev = atoll_heap_use(&heap);
		err = mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), NULL, 0, ikm,
				   ARCH_VHUK_SIZE, (const uint8_t *)info, sizeof(*info), key,
				   RSI_SEALING_KEY_SIZE);
		atoll_heap_use(prev);
		mbedtls_platform_zeroize(heap_buf, sizeof(heap_buf));
	}
	if (err != 0)
		mbedtls_platform_zeroize(key, RSI_SEALING_KEY_SIZE);
	return err == 0;
}
