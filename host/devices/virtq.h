/*
 * The driver's side of a split virtqueue (VIRTIO 1.2 section 2.7), one
 * descriptor per buffer, no indirect descriptors and no event suppression.
 * The rings live inside struct virtq; the device is given their addresses
 * (the launcher's memory is identity-mapped, so a pointer is the physical address).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define VIRTQ_SIZE		16U	/* descriptors per queue, a power of two */

#define VIRTQ_DESC_F_NEXT	1U
#define VIRTQ_DESC_F_WRITE	2U	/* the device writes the buffer */

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct virtq {
	/* What the device reads and writes (section 2.7: alignments 16, 2, 4). */
	struct virtq_desc desc[VIRTQ_SIZE] __attribute__((aligned(16)));
	struct {
		uint16_t flags;
		uint16_t idx;
		uint16_t ring[VIRTQ_SIZE];
		uint16_t used_event;
	} avail __attribute__((aligned(16)));
	struct {
		uint16_t flags;
		uint16_t idx;
		struct virtq_used_elem ring[VIRTQ_SIZE];
		uint16_t avail_event;
	} used __attribute__((aligned(16)));
	/* The driver's own bookkeeping. */
	uint16_t last_used;		/* used.idx up to which entries were taken */
	uint16_t free_count;
	uint16_t free_list[VIRTQ_SIZE];	/* stack of free descriptor ids */
	bool in_flight[VIRTQ_SIZE];	/* made available, not yet used by the device */
};

enum virtq_result {
	VIRTQ_EMPTY,		/* nothing new in the used ring */
	VIRTQ_GOT,		/* *id and *len are one completed buffer */
	VIRTQ_BAD_ID,		/* the device named a descriptor that is not in flight */
	VIRTQ_BAD_LEN,		/* the device wrote more than the buffer holds */
	VIRTQ_BAD_IDX,		/* used.idx moved by more than the queue size */
};

void virtq_init(struct virtq *q);

/* Makes buf available; returns its descriptor id, or -1 if every descriptor is in flight. */
int virtq_add(struct virtq *q, void *buf, uint32_t len, bool device_writes);

/*
 * Takes the next used entry; its descriptor stays the caller's (the buffer
 * may still hold unread data) until virtq_release(). On an error the entry
 * stays unconsumed and the queue should be treated as broken (the device
 * misbehaved).
 */
enum virtq_result virtq_take_used(struct virtq *q, uint16_t *id, uint32_t *len);

/* Frees descriptor id, taken with virtq_take_used(), for virtq_add(). */
void virtq_release(struct virtq *q, uint16_t id);

/* The id virtq_add() will use next (so a caller can fill that id's buffer first), or -1 if none is free. */
int virtq_next_free(const struct virtq *q);

/* Descriptors in flight (made available and not yet taken back). */
unsigned int virtq_in_flight(const struct virtq *q);
