/*
 * The virtio-mmio transport, version 2 (VIRTIO 1.2 section 4.2), for the
 * launcher's drivers: device initialisation (section 3.1.1) and queue set-up
 * through register accessors, so that tests can put a fake device behind
 * them. QEMU's transports are legacy (version 1) unless it is started with
 * -global virtio-mmio.force-legacy=false; legacy devices are refused.
 */
#pragma once

#include <stdint.h>

#include "virtq.h"

#define VIRTIO_MMIO_MAGIC_VALUE		0x000U
#define VIRTIO_MMIO_VERSION		0x004U
#define VIRTIO_MMIO_DEVICE_ID		0x008U
#define VIRTIO_MMIO_VENDOR_ID		0x00cU
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010U
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014U
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020U
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024U
#define VIRTIO_MMIO_QUEUE_SEL		0x030U
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034U
#define VIRTIO_MMIO_QUEUE_NUM		0x038U
#define VIRTIO_MMIO_QUEUE_READY		0x044U
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050U
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060U
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064U
#define VIRTIO_MMIO_STATUS		0x070U
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080U
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084U
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW	0x090U
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH	0x094U
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW	0x0a0U
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH	0x0a4U
#define VIRTIO_MMIO_CONFIG		0x100U

#define VIRTIO_MMIO_MAGIC		0x74726976U	/* "virt" */

#define VIRTIO_STATUS_ACKNOWLEDGE	1U
#define VIRTIO_STATUS_DRIVER		2U
#define VIRTIO_STATUS_DRIVER_OK		4U
#define VIRTIO_STATUS_FEATURES_OK	8U
#define VIRTIO_STATUS_FAILED		128U

#define VIRTIO_F_VERSION_1		32U	/* feature bit number */

/* QEMU virt: 32 transports of 0x200 bytes from 0x0a000000. */
#define VIRTIO_MMIO_QEMU_BASE		0x0a000000UL
#define VIRTIO_MMIO_QEMU_STRIDE		0x200UL
#define VIRTIO_MMIO_QEMU_SLOTS		32U

/* 32-bit register access to one transport. */
struct virtio_mmio_io {
	uint32_t (*read)(void *ctx, uint32_t off);
	void (*write)(void *ctx, uint32_t off, uint32_t value);
	void *ctx;
};

enum virtio_mmio_status {
	VIRTIO_MMIO_OK,
	VIRTIO_MMIO_ERR_MAGIC,		/* no virtio-mmio transport there */
	VIRTIO_MMIO_ERR_LEGACY,		/* version 1: start QEMU with -global virtio-mmio.force-legacy=false */
	VIRTIO_MMIO_ERR_DEVICE,		/* no device, or not the expected type */
	VIRTIO_MMIO_ERR_FEATURES,	/* VERSION_1 not offered, or FEATURES_OK not kept */
	VIRTIO_MMIO_ERR_QUEUE,		/* queue missing, smaller than VIRTQ_SIZE, or already live */
};

const char *virtio_mmio_status_str(enum virtio_mmio_status status);

/*
 * Steps 1-6 of section 3.1.1 for a device of type device_id: reset,
 * ACKNOWLEDGE, DRIVER, features (VERSION_1 plus those of wanted the device
 * offers), FEATURES_OK. *accepted (if not NULL) gets the low 32 bits agreed.
 * On an error the device is left with FAILED set (or reset, if it was not ours).
 */
enum virtio_mmio_status virtio_mmio_begin(const struct virtio_mmio_io *io, uint32_t device_id,
					  uint32_t wanted, uint32_t *accepted);

/* Section 4.2.3.2: queue index's rings are q's. */
enum virtio_mmio_status virtio_mmio_setup_queue(const struct virtio_mmio_io *io, uint32_t index,
						struct virtq *q);

/* Step 8: DRIVER_OK. */
void virtio_mmio_driver_ok(const struct virtio_mmio_io *io);

/* Marks the device FAILED (a driver error, e.g. a bad used entry). */
void virtio_mmio_fail(const struct virtio_mmio_io *io);

void virtio_mmio_notify(const struct virtio_mmio_io *io, uint32_t queue);

/* Accessors for a transport at a physical address (the launcher's identity map). */
struct virtio_mmio_io virtio_mmio_io_at(uintptr_t base);

/*
 * The first QEMU virt slot, counting down from the top (where QEMU puts the
 * first -device), with a device of type device_id after skip others; 0 if none.
 */
uintptr_t virtio_mmio_qemu_find(uint32_t device_id, unsigned int skip);
