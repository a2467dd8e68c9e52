/* The granule ledger (ledger.h). */
#include <stdbool.h>
#include <stddef.h>

#include <atoll/rmi.h>

#include "builder/ledger.h"
#include "host.h"
#include "rmi/report.h"

void ledger_init(struct host_ledger *l, struct host_granule *storage, unsigned int capacity)
{
	*l = (struct host_ledger){ .capacity = capacity, .granules = storage };
}

/* Binary search by PA (the entries are in ascending PA order). */
static struct host_granule *find(struct host_ledger *l, uint64_t pa)
{
	unsigned int lo = 0, hi = l->num_granules;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2U;

		if (l->granules[mid].pa == pa)
			return &l->granules[mid];
		if (l->granules[mid].pa < pa)
			lo = mid + 1U;
		else
			hi = mid;
	}
	return NULL;
}

/* Delegates pa and records it as FREE. */
static uint64_t add(struct host_ledger *l, uint64_t pa)
{
	if (l->num_granules == l->capacity) {
		host_printf("realm: granule ledger full (%u)\n", l->capacity);
		return 0;
	}
	if (l->num_granules != 0U && pa <= l->granules[l->num_granules - 1U].pa) {
		host_printf("realm: granule %lx is below the ledger's last one\n", pa);
		return 0;
	}
	if (RMI_REPORTED(GRANULE_DELEGATE, pa, 0, 0, 0, 0).x[0] != RMI_SUCCESS)
		return 0;
	l->granules[l->num_granules++] = (struct host_granule){ .pa = pa };
	l->num_free++;
	return pa;
}

uint64_t ledger_take(struct host_ledger *l, enum host_granule_use use, uint64_t ipa, int level)
{
	uint64_t pa = 0;

	for (unsigned int i = 0; l->num_free != 0U && i < l->num_granules && pa == 0U; i++) {
		if (l->granules[i].use == HOST_GRANULE_FREE)
			pa = l->granules[i].pa;
	}
	if (pa == 0U)
		pa = add(l, host_alloc_granule());
	if (pa != 0U)
		ledger_set(l, pa, use, ipa, level);
	return pa;
}

uint64_t ledger_add_new(struct host_ledger *l, enum host_granule_use use)
{
	uint64_t pa = add(l, host_alloc_granule());

	if (pa != 0U)
		ledger_set(l, pa, use, 0, 0);
	return pa;
}

uint64_t ledger_add_contiguous(struct host_ledger *l, unsigned int n)
{
	uint64_t first = host_alloc_granule();

	/* The allocator hands out consecutive granules: skip to the alignment. */
	while ((first & (n * GRANULE_SIZE - 1U)) != 0U)
		first = host_alloc_granule();
	for (unsigned int i = 1; i < n; i++) {
		if (host_alloc_granule() != first + i * GRANULE_SIZE) {
			host_printf("realm: no %u contiguous granules\n", n);
			return 0;
		}
	}
	for (unsigned int i = 0; i < n; i++) {
		if (add(l, first + i * GRANULE_SIZE) == 0U)
			return 0;
	}
	return first;
}

void ledger_set(struct host_ledger *l, uint64_t pa, enum host_granule_use use, uint64_t ipa,
		int level)
{
	struct host_granule *g = find(l, pa);

	if (g == NULL) {
		host_printf("realm: granule %lx is not in the ledger\n", pa);
		return;
	}
	if (g->use == HOST_GRANULE_FREE)
		l->num_free--;
	if (use == HOST_GRANULE_FREE)
		l->num_free++;
	g->use = (uint8_t)use;
	g->ipa = ipa;
	g->level = (int8_t)level;
}

void ledger_put(struct host_ledger *l, uint64_t pa)
{
	ledger_set(l, pa, HOST_GRANULE_FREE, 0, 0);
}

struct host_granule *ledger_find_rtt(struct host_ledger *l, uint64_t ipa, int level)
{
	for (unsigned int i = 0; i < l->num_granules; i++) {
		struct host_granule *g = &l->granules[i];

		if (g->use == HOST_GRANULE_RTT && g->level == level && g->ipa == ipa)
			return g;
	}
	return NULL;
}

struct host_granule *ledger_find_data(struct host_ledger *l, uint64_t ipa)
{
	for (unsigned int i = 0; i < l->num_granules; i++) {
		struct host_granule *g = &l->granules[i];

		if (g->use == HOST_GRANULE_DATA && g->ipa == ipa)
			return g;
	}
	return NULL;
}

uint64_t ledger_release(struct host_ledger *l)
{
	unsigned int kept = 0, kept_free = 0;
	uint64_t status = RMI_SUCCESS;

	for (unsigned int i = 0; i < l->num_granules; i++) {
		struct host_granule g = l->granules[i];
		bool unused = g.use == HOST_GRANULE_FREE || g.use == HOST_GRANULE_SPARE;

		if (unused && status == RMI_SUCCESS)
			status = RMI_REPORTED(GRANULE_UNDELEGATE, g.pa, 0, 0, 0, 0).x[0];
		/* Whatever is still in use (or failed) stays in the ledger. */
		if (!unused || status != RMI_SUCCESS) {
			kept_free += g.use == HOST_GRANULE_FREE;
			l->granules[kept++] = g;
		}
	}
	l->num_granules = kept;
	l->num_free = kept_free;
	return status;
}
