/*
 * The realm descriptor, kept in the RD granule. Every field is guarded by
 * the RD granule's lock; the RD granule's refcount counts the realm's RECs
 * (changed and read with atomics, so REC_DESTROY need not take the RD lock).
 * `state` is also read without the lock, by REC_ENTER (acquire): it is
 * written with the lock held and an atomic release store.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/rmi.h>
#include <rmm/measure.h>
#include <rmm/s2tt.h>

enum realm_state {
	REALM_NEW = 0,
	REALM_ACTIVE,
	REALM_SYSTEM_OFF,
};

#define REALM_MAX_ROOT_RTTS	16U
#define REALM_MAX_RECS		((1U << 10) - 1U)	/* 2^MAX_RECS_ORDER - 1 */

struct rd {
	enum realm_state state;
	struct s2tt_ctx s2;
	uint64_t flags;
	enum measure_algo algo;
	uint32_t next_rec_index;	/* RECs created so far: the next MPIDR index */
	uint8_t num_bps, num_wps;	/* RmiRealmParams' (minus one): what the realm's ID registers show */
	struct realm_cpu_features cpu;	/* SVE and PMU as REALM_CREATE gave them */
	/* Word aligned, so copies of them (into descriptors, tokens) go a word at a time. */
	_Alignas(8) uint8_t rpv[64];
	_Alignas(8) uint8_t rim[MEASURE_SLOT_SIZE];
	_Alignas(8) uint8_t rem[4][MEASURE_SLOT_SIZE];
};

_Static_assert(sizeof(struct rd) <= GRANULE_SIZE, "the RD fits its granule");

static inline struct rd *rd_from_granule(const struct granule *g_rd)
{
	return granule_va(g_rd, GRANULE_STATE_RD);
}

/*
 * Validates RmiRealmParams against feature register 0 and the start-level
 * rule (spec 2.4 REALM_CREATE step 2). Side-effect free.
 */
bool realm_params_valid(const struct rmi_realm_params *p);

/* VMIDs of live realms: none at boot, reserved at REALM_CREATE's commit, freed at destroy. */
void vmid_table_init(void);
bool vmid_reserve(uint16_t vmid);
void vmid_release(uint16_t vmid);
bool vmid_in_range(uint64_t vmid);

/* IPA helpers. */
static inline bool ipa_in_par(const struct rd *rd, uint64_t ipa)
{
	return ipa < (1ULL << (rd->s2.s2sz - 1U));
}

static inline bool ipa_in_range(const struct rd *rd, uint64_t ipa)
{
	return ipa < (1ULL << rd->s2.s2sz);
}

static inline bool ipa_aligned(uint64_t ipa, long level)
{
	return (ipa & (s2tt_level_size(level) - 1U)) == 0U;
}

/* Copies a host parameter granule in; false on INPUT (untracked, not NS, GPF). */
bool realm_read_ns_granule_param(uint64_t pa, void *dst, uint64_t offset, uint64_t len);
