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

/* Bank 0 again, for the inline fast paths of rmm/granule.h (size 0: no bank). */
uint64_t granule_bank0_base, granule_bank0_size;

/*
 * Outside .bss so boot does not clear all of it: granule_table_init clears
 * only the entries the manifest's banks need.
 */
struct granule granule_table[RMM_MAX_GRANULES]
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
	granule_bank0_base = plat->num_banks > 0U ? layout.bank[0].base : 0U;
	granule_bank0_size = plat->num_banks > 0U ? layout.bank[0].end - layout.bank[0].base : 0U;
	/* Whole 4 KB pages with the fast zeroing routine: this is most of cold boot. */
	for (uint64_t off = 0; off < first * sizeof(granule_table[0]); off += GRANULE_SIZE)
		arch_granule_zero((uint8_t *)granule_table + off);
}

/* granule_find() past bank 0 (pa is aligned and not in bank 0). */
struct granule *granule_find_other_bank(uint64_t pa)
{
	for (uint64_t i = 1; i < layout.num_banks; i++) {
		if (pa >= layout.bank[i].base && pa < layout.bank[i].end)
			return &granule_table[layout.bank[i].first +
					      ((pa - layout.bank[i].base) >> GRANULE_SHIFT)];
	}
	return NULL;
}

/* granule_addr() past bank 0. */
uint64_t granule_addr_other_bank(const struct granule *g)
{
	uint64_t idx = (uint64_t)(g - granule_table);
	uint64_t i = layout.num_banks - 1U;

	while (i > 0U && idx < layout.bank[i].first)
		i--;
	return layout.bank[i].base + ((idx - layout.bank[i].first) << GRANULE_SHIFT);
}

void granule_va_mismatch(const struct granule *g, enum granule_state role)
{
	rmm_log("RMM: granule %lx mapped as state %u but is in state %u\n",
		(unsigned long)granule_addr(g), (unsigned int)role,
		(unsigned int)__atomic_load_n(&g->state, __ATOMIC_RELAXED));
	arch_panic();
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
