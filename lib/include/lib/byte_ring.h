/*
 * Producer and consumer of a shared byte ring (include/atoll/byte_channel.h),
 * for both ends: the realm runtime and the launcher. Indices are read once
 * per call and checked; data is copied between the shared ring and private
 * buffers only, so a peer changing the page meanwhile can garble bytes
 * (which TLS above detects) but never make either side read or write
 * outside the ring.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <atoll/byte_channel.h>

/* Bytes moved, or BYTE_RING_BROKEN if the peer's index is impossible. */
#define BYTE_RING_BROKEN	((size_t)-1)

/* One end of a ring: its own index is kept here, privately, and only published to the page. */
struct byte_ring_end {
	struct byte_ring *ring;
	uint32_t index;		/* the producer's head or the consumer's tail */
};

/* Starts an end at index 0 and publishes that. */
void byte_ring_end_init(struct byte_ring_end *e, struct byte_ring *ring, int producer);

/* Copies up to len bytes into the ring (producer end); fewer (0 included) when it is full. */
size_t byte_ring_put(struct byte_ring_end *e, const uint8_t *src, size_t len);

/* Copies up to max bytes out of the ring (consumer end); fewer (0 included) when it is empty. */
size_t byte_ring_get(struct byte_ring_end *e, uint8_t *dst, size_t max);
