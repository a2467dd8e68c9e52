/* The "failed call changed nothing" check of the unit tests' calls (unchanged.h). */
#include "unchanged.h"

#include <stdlib.h>
#include <string.h>

#include <rmm/granule.h>

#include "unit.h"

#define NO_COPY	SIZE_MAX

struct unchanged_record {
	uint64_t pa;
	size_t copy;		/* index of its contents in copies[], or NO_COPY */
	uint32_t refcount;
	uint16_t ns_refcount;
	uint8_t state;
	uint8_t pas;
};

static bool skip_next;

void unchanged_skip_next_call(void)
{
	skip_next = true;
}

bool unchanged_skipping(void)
{
	bool skip = skip_next;

	skip_next = false;
	return skip;
}

/* Grows buf (of *max elements of size) to hold one more than n. */
static void *grow(void *buf, size_t n, size_t *max, size_t size)
{
	if (n < *max)
		return buf;
	*max = *max == 0 ? 64 : 2 * *max;
	buf = realloc(buf, *max * size);
	assert_non_null(buf);
	return buf;
}

static size_t copy_granule(struct unchanged_snapshot *s, uint64_t pa)
{
	s->copies = grow(s->copies, s->num_copies, &s->max_copies, sizeof(*s->copies));
	memcpy(s->copies[s->num_copies], host_pa_ptr(pa), GRANULE_SIZE);
	return s->num_copies++;
}

static bool named(uint64_t pa, const uint64_t args[5])
{
	for (unsigned int a = 0; a < 5U; a++) {
		if (args[a] == pa)
			return true;
	}
	return false;
}

/*
 * Granules whose contents are compared: RDs and RTTs (any walk or realm
 * command may reach them), and every RMM object the call names (its REC,
 * DATA). NS memory is the host's; DELEGATED granules stay zero.
 */
static bool compare_contents(const struct granule *g, uint64_t pa, const uint64_t args[5])
{
	if (g->state == GRANULE_STATE_UNDELEGATED || g->state == GRANULE_STATE_DELEGATED)
		return false;
	return g->state == GRANULE_STATE_RD || g->state == GRANULE_STATE_RTT || named(pa, args);
}

static void record(struct unchanged_snapshot *s, uint64_t pa, const uint64_t args[5])
{
	const struct granule *g = granule_find(pa);
	struct unchanged_record *r;

	if (g == NULL)
		return;
	s->records = grow(s->records, s->num_records, &s->max_records, sizeof(*s->records));
	r = &s->records[s->num_records++];
	r->pa = pa;
	r->state = g->state;
	r->refcount = g->refcount;
	r->ns_refcount = g->ns_refcount;
	r->pas = (uint8_t)host_gpt_get(pa);
	r->copy = compare_contents(g, pa, args) ? copy_granule(s, pa) : NO_COPY;
}

void unchanged_take(struct unchanged_snapshot *s, uint64_t first, uint64_t end,
		    const uint64_t args[5])
{
	s->num_records = 0;
	s->num_copies = 0;
	for (uint64_t pa = first; pa < end; pa += GRANULE_SIZE)
		record(s, pa, args);
	record(s, HOST_RMM_BASE, args);
	for (unsigned int a = 0; a < 5U; a++) {
		if (args[a] < first || args[a] >= end)
			record(s, args[a], args);
	}
}

void unchanged_assert(const struct unchanged_snapshot *s, const char *call)
{
	for (size_t i = 0; i < s->num_records; i++) {
		const struct unchanged_record *r = &s->records[i];
		const struct granule *g = granule_find(r->pa);
		bool changed = r->copy != NO_COPY &&
			       memcmp(host_pa_ptr(r->pa), s->copies[r->copy], GRANULE_SIZE) != 0;

		if (g->state != r->state || g->refcount != r->refcount ||
		    g->ns_refcount != r->ns_refcount || host_gpt_get(r->pa) != r->pas || changed)
			fail_msg("%s but changed granule %#llx: state %u -> %u, refcount %u -> %u, "
				 "ns_refcount %u -> %u, GPT %u -> %u, contents %s",
				 call, (unsigned long long)r->pa, r->state, g->state, r->refcount,
				 g->refcount, r->ns_refcount, g->ns_refcount, r->pas,
				 (unsigned int)host_gpt_get(r->pa), changed ? "changed" : "kept");
	}
}
