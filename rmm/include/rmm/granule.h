/*
 * The granule table: one entry per 4 KB granule of tracked (manifest) DRAM.
 *
 * Locking (see docs/locking.md): a granule's state and refcount change only
 * with its lock held. When a command locks several granules it locks the
 * externally named ones first, in ascending PA order, then walks RD -> RTT
 * (root to leaf, hand over hand) -> DATA. An all-zero entry means
 * UNDELEGATED, unlocked, refcount 0, so a zeroed table needs no set-up.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/boot.h>
#include <rmm/spinlock.h>

enum granule_state {
	GRANULE_STATE_UNDELEGATED = 0,
	GRANULE_STATE_DELEGATED,
	GRANULE_STATE_RD,
	GRANULE_STATE_REC,
	GRANULE_STATE_REC_AUX,
	GRANULE_STATE_DATA,
	GRANULE_STATE_RTT,
};

struct granule {
	uint8_t lock;
	uint8_t state;		/* enum granule_state; changed under lock, read lock-free too */
	uint16_t ns_refcount;	/* RTT: its ASSIGNED_NS entries; guarded by lock */
	uint32_t refcount;	/* guarded by lock */
};

/* Takes the tracked DRAM from a validated platform and clears the table. */
void granule_table_init(const struct rmm_platform *plat);

/*
 * The table and where its first DRAM bank lies: written by
 * granule_table_init() at cold boot, read-only afterwards. The lookups below
 * are inline with a fast path for that bank (the only one on most
 * platforms); the other banks go through granule.c.
 */
extern struct granule granule_table[];
extern uint64_t granule_bank0_base, granule_bank0_size;
struct granule *granule_find_other_bank(uint64_t pa);
uint64_t granule_addr_other_bank(const struct granule *g);
_Noreturn void granule_va_mismatch(const struct granule *g, enum granule_state role);

/* The entry for pa, or NULL if pa is not granule aligned or not tracked. */
static inline struct granule *granule_find(uint64_t pa)
{
	uint64_t off = pa - granule_bank0_base;

	if ((pa & (GRANULE_SIZE - 1U)) != 0U)
		return NULL;
	if (off < granule_bank0_size)
		return &granule_table[off >> GRANULE_SHIFT];
	return granule_find_other_bank(pa);
}

/* Physical address of the granule an entry describes. */
static inline uint64_t granule_addr(const struct granule *g)
{
	uint64_t idx = (uint64_t)(g - granule_table);

	if (idx < (granule_bank0_size >> GRANULE_SHIFT))
		return granule_bank0_base + (idx << GRANULE_SHIFT);
	return granule_addr_other_bank(g);
}

static inline void granule_lock(struct granule *g)
{
	spinlock_acquire_byte(&g->lock);
}

static inline void granule_unlock(struct granule *g)
{
	spinlock_release_byte(&g->lock);
}

/*
 * Finds and locks the granule at pa if it is in state expected. Returns NULL
 * (nothing locked) when pa is unaligned, untracked or in another state.
 */
static inline struct granule *granule_find_lock(uint64_t pa, enum granule_state expected)
{
	struct granule *g = granule_find(pa);

	if (g == NULL)
		return NULL;
	granule_lock(g);
	if (g->state != (uint8_t)expected) {
		granule_unlock(g);
		return NULL;
	}
	return g;
}

static inline enum granule_state granule_state_locked(const struct granule *g)
{
	return (enum granule_state)g->state;
}

/*
 * Atomic (relaxed) although the lock is held: granule_pa_in_state() and
 * granule_va() read the state without the lock, and a plain store racing
 * with them would be a data race (undefined behaviour in C11).
 */
static inline void granule_set_state_locked(struct granule *g, enum granule_state s)
{
	__atomic_store_n(&g->state, (uint8_t)s, __ATOMIC_RELAXED);
}

/*
 * Realm-PAS pointer to the granule's memory, for use in `role`: the state the
 * granule must be in (an RTT walked as RTT, a DELEGATED granule being
 * initialised or scrubbed, ...). A granule in another state stops the RMM:
 * reading or writing a granule as something it is not (another realm's DATA
 * as an RTT, the RMM's own memory as anything) is the class of bug that
 * leaks or corrupts realms. Callers check states before mapping; if one ever
 * gets it wrong, this stops it rather than touch the granule.
 */
static inline void *granule_va(const struct granule *g, enum granule_state role)
{
	if (__atomic_load_n(&g->state, __ATOMIC_RELAXED) != (uint8_t)role)
		granule_va_mismatch(g, role);
	return arch_granule_va(granule_addr(g));
}

/*
 * granule_va() for a caller that has just found g at pa: the same state
 * check, without the reverse lookup of the address.
 */
static inline void *granule_va_at(const struct granule *g, uint64_t pa, enum granule_state role)
{
	if (__atomic_load_n(&g->state, __ATOMIC_RELAXED) != (uint8_t)role)
		granule_va_mismatch(g, role);
	return arch_granule_va(pa);
}

/* A tracked granule whose state (read without its lock) is expected. */
static inline bool granule_pa_in_state(uint64_t pa, enum granule_state expected)
{
	struct granule *g = granule_find(pa);

	return g != NULL && __atomic_load_n(&g->state, __ATOMIC_RELAXED) == (uint8_t)expected;
}

/*
 * Locks several externally named granules in ascending PA order (the lock
 * order for peers), each in its expected state. Fails, with nothing left
 * locked, if one is unaligned, untracked, in another state, or named twice.
 */
struct granule_lock_req {
	uint64_t pa;
	enum granule_state state;
	struct granule *g;	/* out */
};
bool granules_lock_all(struct granule_lock_req *reqs, unsigned int n);
void granules_unlock_all(struct granule_lock_req *reqs, unsigned int n);

/* The locked granule of reqs (after granules_lock_all sorted them) at pa. */
struct granule *granules_locked_at(const struct granule_lock_req *reqs, unsigned int n,
				   uint64_t pa);

/* Zeroes a locked granule, which is in state role, and returns it to DELEGATED. */
void granule_scrub_to_delegated(struct granule *g, enum granule_state role);
