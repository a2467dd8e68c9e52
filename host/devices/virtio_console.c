/* virtio-console, port 0, polled (virtio_console.h). */
#include "virtio_console.h"

#include <string.h>

static void post_rx(struct virtio_console *c)
{
	int id;

	while ((id = virtq_next_free(&c->rx)) >= 0)
		virtq_add(&c->rx, c->rx_buf[id], VIRTIO_CONSOLE_BUF, true);
	virtio_mmio_notify(&c->io, VIRTIO_CONSOLE_RX_Q);
}

enum virtio_mmio_status virtio_console_init(struct virtio_console *c, const struct virtio_mmio_io *io)
{
	enum virtio_mmio_status s;

	memset(c, 0, sizeof(*c));
	c->io = *io;
	s = virtio_mmio_begin(io, VIRTIO_ID_CONSOLE, 0, NULL);
	if (s == VIRTIO_MMIO_OK)
		s = virtio_mmio_setup_queue(io, VIRTIO_CONSOLE_RX_Q, &c->rx);
	if (s == VIRTIO_MMIO_OK)
		s = virtio_mmio_setup_queue(io, VIRTIO_CONSOLE_TX_Q, &c->tx);
	if (s != VIRTIO_MMIO_OK)
		return s;
	virtio_mmio_driver_ok(io);
	post_rx(c);
	return VIRTIO_MMIO_OK;
}

static bool stop(struct virtio_console *c, enum virtq_result why)
{
	c->broken = why;
	virtio_mmio_fail(&c->io);
	return false;
}

/* Takes back what the device has finished with; false if it misbehaved. */
static bool collect(struct virtio_console *c)
{
	enum virtq_result r;
	uint16_t id;
	uint32_t len;

	if (c->broken != VIRTQ_EMPTY)
		return false;
	while ((r = virtq_take_used(&c->tx, &id, &len)) == VIRTQ_GOT)
		virtq_release(&c->tx, id);
	if (r != VIRTQ_EMPTY)
		return stop(c, r);
	while ((r = virtq_take_used(&c->rx, &id, &len)) == VIRTQ_GOT) {
		unsigned int slot = (c->ready_head + c->ready_count++) % VIRTQ_SIZE;

		c->ready_id[slot] = id;
		c->ready_len[slot] = len;
	}
	return r == VIRTQ_EMPTY ? true : stop(c, r);
}

long virtio_console_write(struct virtio_console *c, const uint8_t *data, size_t len)
{
	size_t done = 0;
	int id;

	if (!collect(c))
		return -1;
	while (done < len && (id = virtq_next_free(&c->tx)) >= 0) {
		size_t n = len - done < VIRTIO_CONSOLE_BUF ? len - done : VIRTIO_CONSOLE_BUF;

		memcpy(c->tx_buf[id], data + done, n);
		virtq_add(&c->tx, c->tx_buf[id], (uint32_t)n, false);
		done += n;
	}
	if (done)
		virtio_mmio_notify(&c->io, VIRTIO_CONSOLE_TX_Q);
	return (long)done;
}

long virtio_console_read(struct virtio_console *c, uint8_t *out, size_t max)
{
	size_t done = 0;
	bool reposted = false;

	if (!collect(c))
		return -1;
	while (done < max && c->ready_count) {
		uint16_t id = c->ready_id[c->ready_head];
		uint32_t left = c->ready_len[c->ready_head] - c->ready_off;
		size_t n = max - done < left ? max - done : left;

		memcpy(out + done, c->rx_buf[id] + c->ready_off, n);
		done += n;
		c->ready_off += (uint32_t)n;
		if (c->ready_off == c->ready_len[c->ready_head]) {
			/* Buffer read: its id is free again, and will be posted with rx_buf[id]. */
			virtq_release(&c->rx, id);
			c->ready_head = (c->ready_head + 1) % VIRTQ_SIZE;
			c->ready_count--;
			c->ready_off = 0;
			reposted = true;
		}
	}
	if (reposted)
		post_rx(c);
	return (long)done;
}

const char *virtio_console_error(const struct virtio_console *c)
{
	switch (c->broken) {
	case VIRTQ_EMPTY: return "none";
	case VIRTQ_GOT: break;
	case VIRTQ_BAD_ID: return "device returned a descriptor that was not in flight";
	case VIRTQ_BAD_LEN: return "device wrote more than the buffer holds";
	case VIRTQ_BAD_IDX: return "device moved the used index by more than the queue size";
	}
	return "unknown";
}
