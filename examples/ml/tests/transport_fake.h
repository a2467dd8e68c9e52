/* A fake virtio-mmio virtio-console device for the transport tests: it reads and writes the driver's rings as QEMU's virtio-serial would. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio_console.h"

struct fake_queue {
	uint32_t num_max, num, ready;
	uint64_t desc, driver, device;
	uint16_t last_avail;
};

struct fake_dev {
	uint32_t magic, version, device_id;
	uint64_t offered, accepted;
	uint32_t dev_sel, drv_sel, queue_sel, status;
	uint32_t status_log[16];
	unsigned int status_writes;
	bool drop_features_ok;		/* refuses the driver's features */
	bool hold_tx;			/* leaves transmitted buffers unused until fake_drain_tx() */
	struct fake_queue q[2];
	uint8_t out[1 << 18];		/* what the driver transmitted */
	size_t out_len;
};

extern struct fake_dev fake;
extern const struct virtio_mmio_io fake_io;

/* Device as QEMU's virtio-serial-device: VERSION_1, MULTIPORT and EMERG_WRITE offered, queues of 1024. */
void fake_reset(void);
/* Host -> driver: fills posted receive buffers; returns how many bytes fitted. */
size_t fake_deliver(const uint8_t *data, size_t len);
/* Takes every transmitted buffer (when hold_tx left them). */
void fake_drain_tx(void);
/* Pushes a used entry {id, len} on queue n as a device does: entry, barrier, index. */
void push_used(unsigned int n, uint32_t id, uint32_t len);
/* Next available descriptor of queue n, or -1. */
int pop_avail(unsigned int n);
/* The device's view of queue n's rings. */
uint16_t *ring_avail(unsigned int n);
uint16_t *ring_used(unsigned int n);
/* What the driver transmitted so far. */
const uint8_t *fake_out(void);
size_t fake_out_len(void);
