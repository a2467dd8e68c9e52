/*
 * Relays a realm's byte channel (include/atoll/byte_channel.h, a page of
 * unprotected IPA space) to a virtio-console port, both ways, holding what
 * one side could not take yet. The launcher sees only what the realm sends:
 * for the ML example, TLS records.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <atoll/byte_channel.h>
#include <lib/byte_ring.h>

#include "devices/virtio_console.h"

struct channel_relay {
	struct virtio_console *con;
	struct byte_ring_end to_realm;	/* the launcher's producer end */
	struct byte_ring_end to_host;	/* the launcher's consumer end */
	uint8_t out[VIRTIO_CONSOLE_BUF];	/* from the realm, not yet taken by the console */
	size_t out_len, out_off;
	uint8_t in[VIRTIO_CONSOLE_BUF];	/* from the console, not yet taken by the realm */
	size_t in_len, in_off;
};

/* Zeroes the page's indices (the launcher's side: it owns the page). */
void channel_relay_init(struct channel_relay *r, struct virtio_console *con, struct byte_channel_page *page);

/* Moves whatever can move until nothing does; returns the bytes moved, or -1 if a side broke. */
long channel_relay_step(struct channel_relay *r);
