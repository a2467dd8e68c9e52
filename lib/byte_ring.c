/* Shared byte ring, both ends (lib/byte_ring.h). */
#include <lib/byte_ring.h>

#include <stdbool.h>

static uint32_t load_index(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);	/* the data behind it after it */
}

static void store_index(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);	/* the data before the index */
}

void byte_ring_end_init(struct byte_ring_end *e, struct byte_ring *ring, int producer)
{
	e->ring = ring;
	e->index = 0;
	store_index(producer ? &ring->head : &ring->tail, 0);
}

/* n bytes between buf and the ring from position start on, wrapping at the end. */
static void transfer(volatile uint8_t *ring_data, uint32_t start, uint8_t *buf, size_t n, bool to_ring)
{
	for (size_t i = 0; i < n; i++) {
		volatile uint8_t *slot = &ring_data[(start + (uint32_t)i) % BYTE_CHANNEL_RING_SIZE];

		if (to_ring)
			*slot = buf[i];
		else
			buf[i] = *slot;
	}
}

size_t byte_ring_put(struct byte_ring_end *e, const uint8_t *src, size_t len)
{
	uint32_t used = e->index - load_index(&e->ring->tail);

	if (used > BYTE_CHANNEL_RING_SIZE)
		return BYTE_RING_BROKEN;	/* the consumer claims bytes never produced */
	size_t n = BYTE_CHANNEL_RING_SIZE - used < len ? BYTE_CHANNEL_RING_SIZE - used : len;
	transfer(e->ring->data, e->index, (uint8_t *)src, n, true);
	e->index += (uint32_t)n;
	store_index(&e->ring->head, e->index);
	return n;
}

size_t byte_ring_get(struct byte_ring_end *e, uint8_t *dst, size_t max)
{
	uint32_t avail = load_index(&e->ring->head) - e->index;

	if (avail > BYTE_CHANNEL_RING_SIZE)
		return BYTE_RING_BROKEN;	/* the producer claims more than the ring holds */
	size_t n = avail < max ? avail : max;
	transfer(e->ring->data, e->index, dst, n, false);
	e->index += (uint32_t)n;
	store_index(&e->ring->tail, e->index);
	return n;
}
