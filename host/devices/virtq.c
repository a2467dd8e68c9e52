/* Split virtqueue, driver side (virtq.h). */
#include "virtq.h"

#include <stddef.h>

/* The barriers section 2.7 asks for around avail.idx and the used ring. */
static inline void virtq_barrier(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void virtq_init(struct virtq *q)
{
	volatile uint8_t *p = (volatile uint8_t *)q;

	for (size_t i = 0; i < sizeof(*q); i++)
		p[i] = 0;
	for (uint16_t i = 0; i < VIRTQ_SIZE; i++)
		q->free_list[i] = (uint16_t)(VIRTQ_SIZE - 1 - i);
	q->free_count = VIRTQ_SIZE;
}

int virtq_add(struct virtq *q, void *buf, uint32_t len, bool device_writes)
{
	if (q->free_count == 0)
		return -1;
	uint16_t id = q->free_list[--q->free_count];
	volatile struct virtq_desc *d = &q->desc[id];

	d->addr = (uint64_t)(uintptr_t)buf;
	d->len = len;
	d->flags = device_writes ? VIRTQ_DESC_F_WRITE : 0;
	d->next = 0;
	q->in_flight[id] = true;
	((volatile uint16_t *)q->avail.ring)[q->avail.idx % VIRTQ_SIZE] = id;
	virtq_barrier();	/* the entry before the index that publishes it */
	*(volatile uint16_t *)&q->avail.idx = (uint16_t)(q->avail.idx + 1);
	virtq_barrier();	/* the index before the notification */
	return id;
}

enum virtq_result virtq_take_used(struct virtq *q, uint16_t *id, uint32_t *len)
{
	uint16_t idx = *(volatile uint16_t *)&q->used.idx;

	if (idx == q->last_used)
		return VIRTQ_EMPTY;
	if ((uint16_t)(idx - q->last_used) > VIRTQ_SIZE)
		return VIRTQ_BAD_IDX;
	virtq_barrier();	/* the index before the entries it covers */
	volatile struct virtq_used_elem *e = &q->used.ring[q->last_used % VIRTQ_SIZE];
	uint32_t used_id = e->id, used_len = e->len;

	if (used_id >= VIRTQ_SIZE || !q->in_flight[used_id])
		return VIRTQ_BAD_ID;
	/* A buffer the device only reads has nothing written: its length is not checked, only zeroed. */
	if (!(q->desc[used_id].flags & VIRTQ_DESC_F_WRITE))
		used_len = 0;
	else if (used_len > q->desc[used_id].len)
		return VIRTQ_BAD_LEN;
	q->in_flight[used_id] = false;
	q->last_used++;
	*id = (uint16_t)used_id;
	*len = used_len;
	return VIRTQ_GOT;
}

void virtq_release(struct virtq *q, uint16_t id)
{
	q->free_list[q->free_count++] = id;
}

unsigned int virtq_in_flight(const struct virtq *q)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < VIRTQ_SIZE; i++)
		n += q->in_flight[i];
	return n;
}

int virtq_next_free(const struct virtq *q)
{
	return q->free_count == 0 ? -1 : q->free_list[q->free_count - 1];
}
