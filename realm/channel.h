/*
 * A realm payload's end of a byte channel (include/atoll/byte_channel.h,
 * docs/demo-ml.md): a page of Unprotected IPA space that the host maps on
 * REALM_HC_CHANNEL_OPEN and relays to a device outside. Reads and writes
 * block, waiting for the host with REALM_HC_CHANNEL_WAIT. Everything that
 * passes is visible to the host: put only ciphertext through it.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/byte_ring.h>

struct realm_channel {
	unsigned int id;		/* REALM_CHANNEL_* */
	struct byte_ring_end out;	/* our producer end of to_host */
	struct byte_ring_end in;	/* our consumer end of to_realm */
	bool broken;
};

/* Asks the host for channel id at its page (REALM_CHANNEL_OFFSET + id * 4 KB). */
bool realm_channel_open(struct realm_channel *c, unsigned int id);

/* Writes all of len bytes; false once the channel is broken. */
bool realm_channel_write(struct realm_channel *c, const void *buf, size_t len);

/*
 * Reads 1..max bytes, waiting for them up to limit_ms (0: for ever).
 * Returns the count, 0 when the limit passed, -1 once the channel is broken.
 */
long realm_channel_read(struct realm_channel *c, void *buf, size_t max, uint64_t limit_ms);
