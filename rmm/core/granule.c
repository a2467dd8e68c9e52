/* Granule table: PA <-> entry lookup over the manifest's DRAM banks. */
#include <rmm/granule.h>

#include <string.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/log.h>
#include <rmm/spinlock.h>

/* Written once at cold boot, read-only afterwards: needs no lock. */
static struct {
	uint64_t num_banks;
	struct {
		uint64_t base;
		uint64_t end;
		uint64_t first;		/* index of the bank's first granule */
	} bank[RMM_MAX_DRAM_BANKS];
	uint64_t num_granules;
} layout;

/*
 * Outside .bss so boot does not clear all of it: granule_table_init clears
 * only the entries the manifest's banks need.
 */
static struct granule granules[RMM_MAX_GRANULES]
	__attribute__((section(".granule_table"), aligned(GRANULE_SIZE)));

void granule_table_init(const struct rmm_platform *plat)
{
	uint64_t first = 0;

	layout.num_banks = plat->num_banks;
	for (uint64_t i = 0; i < plat->num_banks; i++) {
		layout.bank[i].base = plat->banks[i].base;
		layout.bank[i].end = plat->banks[i].base + plat->banks[i].size;
		layout.bank[i].first = first;
		first += plat->banks[i].size >> GRANULE_SHIFT;
	}
	layout.num_granules = first;
	/* Whole 4 KB pages with the fast zeroing routine: this is most of cold boot. */
	for (uint64_t off = 0; off < first * sizeof(granules[0]); off += GRANULE_SIZE)
		arch_granule_zero((uint8_t *)granules + off);
}

struct granule *granule_find(uint64_t pa)
{
	if ((pa & (GRANULE_SIZE - 1U)) != 0U)
		return NULL;
	for (uint64_t i = 0; i < layout.num_banks; i++) {
		if (pa >= layout.bank[i].base && pa < layout.bank[i].end)
			return &granules[layout.bank[i].first +
					 ((pa - layout.bank[i].base) >> GRANULE_SHIFT)];
	}
	return NULL;
}

uint64_t granule_addr(const struct granule *g)
{
	uint64_t idx = (uint64_t)(g - granules);
	uint64_t i = layout.num_banks - 1U;

	while (i > 0U && idx < layout.bank[i].first)
		i--;
	return layout.bank[i].base + ((idx - layout.bank[i].first) << GRANULE_SHIFT);
}

void granule_lock(struct granule *g)
{
	spinlock_acquire_byte(&g->lock);
}

void granule_unlock(struct granule *g)
{
	spinlock_release_byte(&g->lock);
}

struct granule *granule_find_lock(uint64_t pa, enum granule_state expected)
{
	struct granule *g = granule_find(pa);

	if (g == NULL)
		return NULL;
	granule_lock(g);
	if (granule_state_locked(g) != expected) {
		granule_unlock(g);
		return NULL;
	}
	return g;
}

void *granule_va(const struct granule *g, enum granule_state role)
{
	/*
	 * Reading or writing a granule as something it is not (another realm's
	 * DATA as an RTT, the RMM's own memory as anything) is the class of bug
	 * that leaks or corrupts realms. Callers check states before mapping;
	 * if one ever gets it wrong, stop rather than touch the granule.
	 */
	if (__atomic_load_n(&g->state, __ATOMIC_RELAXED) != (uint8_t)role) {
		rmm_log("RMM: granule %#lx mapped as state %u but is in state %u\n",
			(unsigned long)granule_addr(g), (unsigned int)role,
			(unsigned int)__atomic_load_n(&g->state, __ATOMIC_RELAXED));
		arch_panic();
	}
	return arch_granule_va(granule_addr(g));
}

bool granule_pa_in_state(uint64_t pa, enum granule_state expected)
{
	struct granule *g = granule_find(pa);

	return g != NULL && __atomic_load_n(&g->state, __ATOMIC_RELAXED) == expected;
}

static void sort_by_pa(struct granule_lock_req *reqs, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		struct granule_lock_req r = reqs[i];
		unsigned int j = i;

		for (; j > 0U && reqs[j - 1U].pa > r.pa; j--)
			reqs[j] = reqs[j - 1U];
		reqs[j] = r;
	}
}

bool granules_lock_all(struct granule_lock_req *reqs, unsigned int n)
{
	sort_by_pa(reqs, n);
	for (unsigned int i = 0; i < n; i++) {
		if (i > 0U && reqs[i].pa == reqs[i - 1U].pa) {
			granules_unlock_all(reqs, i);
			return false;
		}
		reqs[i].g = granule_find_lock(reqs[i].pa, reqs[i].state);
		if (reqs[i].g == NULL) {
			granules_unlock_all(reqs, i);
			return false;
		}
	}
	return true;
}

void granules_unlock_all(struct granule_lock_req *reqs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		granule_unlock(reqs[i].g);
}

struct granule *granules_locked_at(const struct granule_lock_req *reqs, unsigned int n,
				   uint64_t pa)
{
	for (unsigned int i = 0; i < n; i++) {
		if (reqs[i].pa == pa)
			return reqs[i].g;
	}
	return NULL;
}

void granule_scrub_to_delegated(struct granule *g, enum granule_state role)
{
	arch_granule_zero(granule_va(g, role));
	g->refcount = 0;
	g->ns_refcount = 0;
	granule_set_state_locked(g, GRANULE_STATE_DELEGATED);
}
