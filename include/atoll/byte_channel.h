/*
 * The byte channel between a realm and the launcher (docs/demo-ml.md): one
 * 4 KB page of unprotected IPA space (RTT_MAP_UNPROTECTED of an NS granule)
 * holding a ring each way. Each side writes only its own index (the
 * producer its head, the consumer its tail), both free-running 32-bit
 * counts, and reads the other's as untrusted: a peer can lie, so a count
 * that is ahead of what it may be breaks the channel rather than moving data.
 */
#pragma once

#include <stdint.h>

#define BYTE_CHANNEL_RING_SIZE	1024U	/* data bytes per direction, a power of two */

struct byte_ring {
	uint32_t head;			/* bytes produced so far: the producer's */
	uint8_t pad0[60];
	uint32_t tail;			/* bytes consumed so far: the consumer's */
	uint8_t pad1[60];
	uint8_t data[BYTE_CHANNEL_RING_SIZE];
};

struct byte_channel_page {
	struct byte_ring to_host;	/* the realm produces */
	struct byte_ring to_realm;	/* the launcher produces */
};

_Static_assert(sizeof(struct byte_channel_page) <= 4096, "the channel is one granule");
_Static_assert((BYTE_CHANNEL_RING_SIZE & (BYTE_CHANNEL_RING_SIZE - 1)) == 0, "ring size is a power of two");
