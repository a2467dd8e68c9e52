/*
 * A virtio-console driver for the launcher (VIRTIO 1.2 section 5.3): port 0
 * only (MULTIPORT not accepted), receiveq 0 and transmitq 1, polled. QEMU
 * side: -device virtio-serial-device -device virtconsole,chardev=... with a
 * socket chardev. The launcher relays a realm's channel bytes through it.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio_mmio.h"
#include "virtq.h"

#define VIRTIO_ID_CONSOLE	3U
#define VIRTIO_CONSOLE_RX_Q	0U
#define VIRTIO_CONSOLE_TX_Q	1U
#define VIRTIO_CONSOLE_BUF	512U	/* bytes per buffer */

struct virtio_console {
	struct virtio_mmio_io io;
	struct virtq rx, tx;
	uint8_t rx_buf[VIRTQ_SIZE][VIRTIO_CONSOLE_BUF];	/* rx_buf[id] is descriptor id's */
	uint8_t tx_buf[VIRTQ_SIZE][VIRTIO_CONSOLE_BUF];
	/* Received buffers not yet read, in the order the device filled them. */
	uint16_t ready_id[VIRTQ_SIZE];
	uint32_t ready_len[VIRTQ_SIZE];
	unsigned int ready_head, ready_count;
	uint32_t ready_off;		/* bytes of the head buffer already read */
	enum virtq_result broken;	/* VIRTQ_EMPTY while the device behaves */
};

/* Initialises the device behind io and posts every receive buffer. */
enum virtio_mmio_status virtio_console_init(struct virtio_console *c, const struct virtio_mmio_io *io);

/*
 * Queues up to len bytes for the host; returns how many were taken (fewer,
 * or 0, while the device has not consumed earlier ones), -1 if the device
 * misbehaved (then the device is marked FAILED and every call returns -1).
 */
long virtio_console_write(struct virtio_console *c, const uint8_t *data, size_t len);

/* Copies up to max received bytes, in order; returns the count, or -1 as above. */
long virtio_console_read(struct virtio_console *c, uint8_t *out, size_t max);

/* Why the console stopped, if it did. */
const char *virtio_console_error(const struct virtio_console *c);
