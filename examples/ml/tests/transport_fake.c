/* The fake virtio-console device of the transport tests (transport_fake.h). */
#include "transport_fake.h"

#include <setjmp.h>
#include <stdarg.h>
#include <string.h>

#include <cmocka.h>

struct fake_dev fake;

static struct fake_queue *selq(void)
{
	return &fake.q[fake.queue_sel < 2 ? fake.queue_sel : 0];
}

static uint32_t fake_read(void *ctx, uint32_t off)
{
	(void)ctx;
	switch (off) {
	case VIRTIO_MMIO_MAGIC_VALUE: return fake.magic;
	case VIRTIO_MMIO_VERSION: return fake.version;
	case VIRTIO_MMIO_DEVICE_ID: return fake.device_id;
	case VIRTIO_MMIO_VENDOR_ID: return 0x554d4551;
	case VIRTIO_MMIO_DEVICE_FEATURES: return (uint32_t)(fake.offered >> (32 * fake.dev_sel));
	case VIRTIO_MMIO_QUEUE_NUM_MAX: return fake.queue_sel < 2 ? selq()->num_max : 0;
	case VIRTIO_MMIO_QUEUE_READY: return selq()->ready;
	case VIRTIO_MMIO_STATUS: return fake.status;
	}
	return 0;
}


static void fake_write(void *ctx, uint32_t off, uint32_t v)
{
	struct fake_queue *q = selq();

	(void)ctx;
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL: fake.dev_sel = v & 1; break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL: fake.drv_sel = v & 1; break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		fake.accepted = (fake.accepted & ~(0xffffffffull << (32 * fake.drv_sel))) | (uint64_t)v << (32 * fake.drv_sel);
		break;
	case VIRTIO_MMIO_QUEUE_SEL: fake.queue_sel = v; break;
	case VIRTIO_MMIO_QUEUE_NUM: q->num = v; break;
	case VIRTIO_MMIO_QUEUE_READY: q->ready = v; break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW: q->desc = (q->desc & ~0xffffffffull) | v; break;
	case VIRTIO_MMIO_QUEUE_DESC_HIGH: q->desc = (q->desc & 0xffffffffull) | (uint64_t)v << 32; break;
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW: q->driver = (q->driver & ~0xffffffffull) | v; break;
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH: q->driver = (q->driver & 0xffffffffull) | (uint64_t)v << 32; break;
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW: q->device = (q->device & ~0xffffffffull) | v; break;
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH: q->device = (q->device & 0xffffffffull) | (uint64_t)v << 32; break;
	case VIRTIO_MMIO_STATUS:
		/* FEATURES_OK sticks only for features the device offered (and VERSION_1) */
		if ((v & VIRTIO_STATUS_FEATURES_OK) &&
		    (fake.drop_features_ok || (fake.accepted & ~fake.offered) ||
		     !(fake.accepted & (1ull << VIRTIO_F_VERSION_1))))
			v &= ~VIRTIO_STATUS_FEATURES_OK;
		fake.status = v;
		if (fake.status_writes < 16)
			fake.status_log[fake.status_writes++] = v;
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		if (v == VIRTIO_CONSOLE_TX_Q && !fake.hold_tx)
			fake_drain_tx();
		break;
	}
}

const struct virtio_mmio_io fake_io = { fake_read, fake_write, NULL };

/* The device's view of queue n. */
static struct virtq_desc *ring_desc(unsigned int n) { return (struct virtq_desc *)(uintptr_t)fake.q[n].desc; }
uint16_t *ring_avail(unsigned int n) { return (uint16_t *)(uintptr_t)fake.q[n].driver; }
uint16_t *ring_used(unsigned int n) { return (uint16_t *)(uintptr_t)fake.q[n].device; }

void push_used(unsigned int n, uint32_t id, uint32_t len)
{
	uint16_t *used = ring_used(n);
	struct virtq_used_elem *e = (struct virtq_used_elem *)(used + 2) + used[1] % fake.q[n].num;

	e->id = id;
	e->len = len;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	used[1]++;
}

int pop_avail(unsigned int n)
{
	uint16_t *avail = ring_avail(n);

	if (avail[1] == fake.q[n].last_avail)
		return -1;
	return avail[2 + fake.q[n].last_avail++ % fake.q[n].num];
}

void fake_drain_tx(void)
{
	int id;

	while ((id = pop_avail(VIRTIO_CONSOLE_TX_Q)) >= 0) {
		struct virtq_desc *d = &ring_desc(VIRTIO_CONSOLE_TX_Q)[id];

		assert_true(fake.out_len + d->len <= sizeof(fake.out));
		assert_int_equal(d->flags & VIRTQ_DESC_F_WRITE, 0);
		memcpy(fake.out + fake.out_len, (void *)(uintptr_t)d->addr, d->len);
		fake.out_len += d->len;
		push_used(VIRTIO_CONSOLE_TX_Q, (uint32_t)id, 0);
	}
}

size_t fake_deliver(const uint8_t *data, size_t len)
{
	size_t done = 0;
	int id;

	while (done < len && (id = pop_avail(VIRTIO_CONSOLE_RX_Q)) >= 0) {
		struct virtq_desc *d = &ring_desc(VIRTIO_CONSOLE_RX_Q)[id];
		size_t n = len - done < d->len ? len - done : d->len;

		assert_true(d->flags & VIRTQ_DESC_F_WRITE);
		memcpy((void *)(uintptr_t)d->addr, data + done, n);
		push_used(VIRTIO_CONSOLE_RX_Q, (uint32_t)id, (uint32_t)n);
		done += n;
	}
	return done;
}

void fake_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.magic = VIRTIO_MMIO_MAGIC;
	fake.version = 2;
	fake.device_id = VIRTIO_ID_CONSOLE;
	/* What QEMU's virtio-serial-device offers: VERSION_1, MULTIPORT, EMERG_WRITE. */
	fake.offered = 1ull << VIRTIO_F_VERSION_1 | 1u << 1 | 1u << 2;
	fake.q[0].num_max = fake.q[1].num_max = 1024;
}

const uint8_t *fake_out(void)
{
	return fake.out;
}

size_t fake_out_len(void)
{
	return fake.out_len;
}

