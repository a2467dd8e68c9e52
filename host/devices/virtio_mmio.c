/* virtio-mmio version 2, driver side (virtio_mmio.h). */
#include "virtio_mmio.h"

const char *virtio_mmio_status_str(enum virtio_mmio_status status)
{
	switch (status) {
	case VIRTIO_MMIO_OK: return "ok";
	case VIRTIO_MMIO_ERR_MAGIC: return "no virtio-mmio transport (bad magic value)";
	case VIRTIO_MMIO_ERR_LEGACY:
		return "legacy virtio-mmio transport (start QEMU with -global virtio-mmio.force-legacy=false)";
	case VIRTIO_MMIO_ERR_DEVICE: return "no device of the expected type on the transport";
	case VIRTIO_MMIO_ERR_FEATURES: return "feature negotiation failed (VERSION_1 missing or FEATURES_OK refused)";
	case VIRTIO_MMIO_ERR_QUEUE: return "virtqueue missing, too small or already in use";
	}
	return "unknown error";
}

static uint32_t rd(const struct virtio_mmio_io *io, uint32_t off)
{
	return io->read(io->ctx, off);
}

static void wr(const struct virtio_mmio_io *io, uint32_t off, uint32_t v)
{
	io->write(io->ctx, off, v);
}

static void set_status(const struct virtio_mmio_io *io, uint32_t bits)
{
	wr(io, VIRTIO_MMIO_STATUS, rd(io, VIRTIO_MMIO_STATUS) | bits);
}

void virtio_mmio_fail(const struct virtio_mmio_io *io)
{
	set_status(io, VIRTIO_STATUS_FAILED);
}

static enum virtio_mmio_status negotiate(const struct virtio_mmio_io *io, uint32_t wanted, uint32_t *accepted)
{
	wr(io, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	if (!(rd(io, VIRTIO_MMIO_DEVICE_FEATURES) & (1U << (VIRTIO_F_VERSION_1 - 32))))
		return VIRTIO_MMIO_ERR_FEATURES;
	wr(io, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	uint32_t low = rd(io, VIRTIO_MMIO_DEVICE_FEATURES) & wanted;

	wr(io, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(io, VIRTIO_MMIO_DRIVER_FEATURES, low);
	wr(io, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(io, VIRTIO_MMIO_DRIVER_FEATURES, 1U << (VIRTIO_F_VERSION_1 - 32));
	set_status(io, VIRTIO_STATUS_FEATURES_OK);
	if (!(rd(io, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK))
		return VIRTIO_MMIO_ERR_FEATURES;
	if (accepted)
		*accepted = low;
	return VIRTIO_MMIO_OK;
}

enum virtio_mmio_status virtio_mmio_begin(const struct virtio_mmio_io *io, uint32_t device_id,
					  uint32_t wanted, uint32_t *accepted)
{
	if (rd(io, VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC)
		return VIRTIO_MMIO_ERR_MAGIC;
	if (rd(io, VIRTIO_MMIO_VERSION) != 2)
		return VIRTIO_MMIO_ERR_LEGACY;
	if (rd(io, VIRTIO_MMIO_DEVICE_ID) != device_id)
		return VIRTIO_MMIO_ERR_DEVICE;
	wr(io, VIRTIO_MMIO_STATUS, 0);
	set_status(io, VIRTIO_STATUS_ACKNOWLEDGE);
	set_status(io, VIRTIO_STATUS_DRIVER);
	enum virtio_mmio_status s = negotiate(io, wanted, accepted);
	if (s != VIRTIO_MMIO_OK)
		virtio_mmio_fail(io);
	return s;
}

enum virtio_mmio_status virtio_mmio_setup_queue(const struct virtio_mmio_io *io, uint32_t index,
						struct virtq *q)
{
	wr(io, VIRTIO_MMIO_QUEUE_SEL, index);
	if (rd(io, VIRTIO_MMIO_QUEUE_READY) != 0 || rd(io, VIRTIO_MMIO_QUEUE_NUM_MAX) < VIRTQ_SIZE) {
		virtio_mmio_fail(io);
		return VIRTIO_MMIO_ERR_QUEUE;
	}
	virtq_init(q);
	uint64_t desc = (uint64_t)(uintptr_t)q->desc, avail = (uint64_t)(uintptr_t)&q->avail;
	uint64_t used = (uint64_t)(uintptr_t)&q->used;

	wr(io, VIRTIO_MMIO_QUEUE_NUM, VIRTQ_SIZE);
	wr(io, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
	wr(io, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(desc >> 32));
	wr(io, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)avail);
	wr(io, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(avail >> 32));
	wr(io, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)used);
	wr(io, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(used >> 32));
	wr(io, VIRTIO_MMIO_QUEUE_READY, 1);
	return VIRTIO_MMIO_OK;
}

void virtio_mmio_driver_ok(const struct virtio_mmio_io *io)
{
	set_status(io, VIRTIO_STATUS_DRIVER_OK);
}

void virtio_mmio_notify(const struct virtio_mmio_io *io, uint32_t queue)
{
	wr(io, VIRTIO_MMIO_QUEUE_NOTIFY, queue);
}

static uint32_t pa_read(void *ctx, uint32_t off)
{
	return *(volatile uint32_t *)((uintptr_t)ctx + off);
}

static void pa_write(void *ctx, uint32_t off, uint32_t value)
{
	*(volatile uint32_t *)((uintptr_t)ctx + off) = value;
}

struct virtio_mmio_io virtio_mmio_io_at(uintptr_t base)
{
	return (struct virtio_mmio_io){ pa_read, pa_write, (void *)base };
}

uintptr_t virtio_mmio_qemu_find(uint32_t device_id, unsigned int skip)
{
	for (unsigned int slot = VIRTIO_MMIO_QEMU_SLOTS; slot-- > 0;) {
		uintptr_t base = VIRTIO_MMIO_QEMU_BASE + slot * VIRTIO_MMIO_QEMU_STRIDE;

		if (pa_read((void *)base, VIRTIO_MMIO_MAGIC_VALUE) == VIRTIO_MMIO_MAGIC &&
		    pa_read((void *)base, VIRTIO_MMIO_DEVICE_ID) == device_id && skip-- == 0)
			return base;
	}
	return 0;
}
