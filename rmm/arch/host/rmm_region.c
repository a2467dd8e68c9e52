/*
 * The RMM's own memory in the emulated physical address space.
 *
 * On QEMU the RMM's image and data sit at [HOST_RMM_BASE, HOST_SHARED_BUF),
 * inside the tracked DRAM bank: Realm PAS, UNDELEGATED in the granule table.
 * A granule address that lands there (a walk through a bad rtt_base, an aux
 * PA, ...) maps the RMM's own code, stacks or keys. On the host build the
 * RMM's statics are process memory, so such a mapping would read zeros and
 * write nowhere that matters: the bug would go unseen.
 *
 * The core's statics cannot be moved into emulated memory without a core
 * hook, so the region stands for them instead: every reset plants canary
 * words in the image's first granule and the data's last, and a copy of the
 * Realm Attestation Key scalar (what emulated EL3 hands the RMM at boot, the
 * RMM's one real secret) with canaries around it at HOST_RMM_SECRET. A test
 * then checks the consequences: nothing the RMM gives the host (registers,
 * NS writes) holds a planted word, and no planted word changes. The fuzzer
 * also checks the cause directly: no granule mapping lands in the region
 * (host_access_log, tests/fuzz/invariants.c).
 */
#include "harness.h"

#include <string.h>

#include <atoll/rmi.h>

/* Canary word at PA a: this key ^ a, so a leaked canary says where it came from. */
#define CANARY_KEY	0xC4A2A7C0DE000000ULL

/* The granules planted: the image's first, the key's, the data's last. */
static const uint64_t planted[] = { HOST_RMM_BASE, HOST_RMM_SECRET,
				    HOST_SHARED_BUF - GRANULE_SIZE };

#define PLANTED		(sizeof(planted) / sizeof(planted[0]))
#define WORDS		(GRANULE_SIZE / 8U)
#define KEY_OFFSET	0x100U	/* of the key copy in its granule */
#define KEY_WORDS	(HOST_EL3_KEY_SIZE / 8U)

/* What was planted, so that checking after every call is one memcmp a granule. */
static uint64_t pristine[PLANTED][WORDS];

/* The value planted at pa (8-byte aligned, in a planted granule). */
static uint64_t planted_word(uint64_t pa)
{
	uint64_t off = pa - HOST_RMM_SECRET;
	uint64_t w;

	if (off >= KEY_OFFSET && off < KEY_OFFSET + HOST_EL3_KEY_SIZE) {
		memcpy(&w, &host_el3_rak[off - KEY_OFFSET], 8);
		return w;
	}
	return CANARY_KEY ^ pa;
}

void host_rmm_region_plant(void)
{
	if (pristine[0][0] == 0U) {
		for (unsigned int g = 0; g < PLANTED; g++) {
			for (unsigned int i = 0; i < WORDS; i++)
				pristine[g][i] = planted_word(planted[g] + 8U * i);
		}
	}
	for (unsigned int g = 0; g < PLANTED; g++)
		memcpy(host_pa_ptr(planted[g]), pristine[g], GRANULE_SIZE);
}

static uint64_t bswap(uint64_t w)
{
	return __builtin_bswap64(w);
}

bool host_rmm_secret_word(uint64_t w)
{
	uint64_t pa = w ^ CANARY_KEY;

	if (pa >= HOST_RMM_BASE && pa < HOST_SHARED_BUF && (pa & 7U) == 0U)
		return true;
	/* As loaded from the copy, and as an mbedTLS limb (the scalar is big-endian). */
	for (unsigned int i = 0; i < KEY_WORDS; i++) {
		uint64_t k = planted_word(HOST_RMM_SECRET + KEY_OFFSET + 8U * i);

		if (w == k || w == bswap(k))
			return true;
	}
	return false;
}

uint64_t host_rmm_region_changed(void)
{
	for (unsigned int g = 0; g < PLANTED; g++) {
		const uint64_t *page = host_pa_ptr(planted[g]);

		if (memcmp(page, pristine[g], GRANULE_SIZE) == 0)
			continue;
		for (unsigned int i = 0; i < WORDS; i++) {
			if (page[i] != pristine[g][i])
				return planted[g] + 8U * i;
		}
	}
	return 0;
}
