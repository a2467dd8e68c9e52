/*
 * Realm builder for the NS host: creates a realm through RMI and keeps a
 * ledger of every granule it delegated and what that granule became, so
 * that the realm can be torn down in a valid order and every granule given
 * back to the normal world.
 *
 * Every function returns the RMI status word (x0) of the first call that
 * failed, RMI_SUCCESS otherwise, and prints each failure with the command
 * name and status. Granules come from host_alloc_granule(); the host's
 * memory is identity-mapped (host/mmu.c), so PAs and host pointers are the
 * same numbers.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/rmi.h>

#include "builder/ledger.h"

/* Ledger entries a realm has of its own; a bigger one comes from host_realm_create_in(). */
#define HOST_REALM_MAX_GRANULES	1024U

struct host_realm {
	uint64_t rd;
	uint64_t params;	/* NS granule for RmiRealmParams / RmiRecParams */
	uint64_t rtt_base;
	unsigned int s2sz;
	int level_start;
	unsigned int num_root_rtts;
	unsigned int aux_count;	/* REC_AUX_COUNT, 0 until the first REC */
	unsigned int recs_created;	/* next REC index (never goes down) */
	struct host_ledger ledger;	/* every granule delegated for this realm */
	struct host_granule ledger_storage[HOST_REALM_MAX_GRANULES];
};

/* Size of the IPA range one RTT entry at level maps (L3: 4 KB ... L0: 512 GB). */
static inline uint64_t host_rtt_entry_size(int level)
{
	return 1ULL << (GRANULE_SHIFT + 9 * (3 - level));
}

/* ---- Realm (realm.c) -------------------------------------------------------- */

/*
 * Parameters for a SHA-256 realm of 2^s2sz bytes whose RTT walk starts at
 * level_start, with the maximum breakpoints/watchpoints RMI_FEATURES reports
 * and a fresh VMID. rtt_base and rtt_num_start are left for the library.
 */
void host_realm_params_init(struct rmi_realm_params *p, unsigned int s2sz, int level_start);

/* Number of concatenated root RTTs REALM_CREATE needs for s2sz and level_start. */
unsigned int host_realm_root_rtts(unsigned int s2sz, int level_start);

/*
 * Delegates the RD and contiguous root RTTs, then REALM_CREATE. params
 * is copied; its rtt_base and rtt_num_start are set here.
 */
uint64_t host_realm_create(struct host_realm *r, const struct rmi_realm_params *params);

/* The same with the ledger in storage of capacity entries instead of the realm's own. */
uint64_t host_realm_create_in(struct host_realm *r, const struct rmi_realm_params *params,
			      struct host_granule *storage, unsigned int capacity);

uint64_t host_realm_activate(struct host_realm *r);

/* REALM_DESTROY only: the realm must have no RECs and no tables left. */
uint64_t host_realm_destroy(struct host_realm *r);

/*
 * Undelegates every FREE and SPARE granule of the ledger (all of them after
 * REALM_DESTROY) and drops them from it.
 */
uint64_t host_realm_release(struct host_realm *r);

/*
 * Destroys what the realm holds, in an order RMI accepts: RECs, DATA, then
 * RTTs from the deepest level up. Stops at the first failure. DATA folded
 * into a block is not found at level 3: unfold it first.
 */
uint64_t host_realm_destroy_contents(struct host_realm *r);

/* The whole teardown: contents, REALM_DESTROY, then every granule undelegated. */
uint64_t host_realm_teardown(struct host_realm *r);

/*
 * A newly delegated granule lent to the caller for raw RMI calls; release
 * undelegates it, so it must be DELEGATED again by then. 0 on failure.
 */
uint64_t host_realm_spare_granule(struct host_realm *r);

/*
 * Delegates n (a power of two) contiguous granules aligned to n granules
 * and keeps them FREE in the ledger, where the next objects take them in
 * address order (after any FREE granule already there): DATA pages that
 * can fold into a block, for example. Returns the first PA, 0 on failure.
 */
uint64_t host_realm_reserve(struct host_realm *r, unsigned int n);

/* ---- RTTs, RIPAS and unprotected mappings (realm_rtt.c) ------------------------ */

/* RTT_CREATE of one table at level covering ipa. */
uint64_t host_realm_rtt_create(struct host_realm *r, uint64_t ipa, int level);

/* Creates whichever tables are missing on the walk to ipa down to level. */
uint64_t host_realm_rtt_create_to(struct host_realm *r, uint64_t ipa, int level);

/* RTT_DESTROY of the table at level covering ipa; *top (if not NULL) gets x2. */
uint64_t host_realm_rtt_destroy(struct host_realm *r, uint64_t ipa, int level, uint64_t *top);

/* RTT_FOLD of the table at level covering ipa into its parent entry. */
uint64_t host_realm_rtt_fold(struct host_realm *r, uint64_t ipa, int level);

struct host_rtt_entry {
	int walk_level;
	uint64_t state;		/* RMI_UNASSIGNED, RMI_ASSIGNED, RMI_TABLE */
	uint64_t desc;
	uint64_t ripas;
};

/* RTT_READ_ENTRY; e is filled only on success. */
uint64_t host_realm_read_entry(struct host_realm *r, uint64_t ipa, int level,
			       struct host_rtt_entry *e);

/* RTT_INIT_RIPAS over [base, top), repeated until the whole range is RAM. */
uint64_t host_realm_init_ripas(struct host_realm *r, uint64_t base, uint64_t top);

uint64_t host_realm_map_unprotected(struct host_realm *r, uint64_t ipa, int level, uint64_t desc);

/* RTT_UNMAP_UNPROTECTED; *top (if not NULL) gets x1. */
uint64_t host_realm_unmap_unprotected(struct host_realm *r, uint64_t ipa, int level,
				      uint64_t *top);

/* ---- DATA granules (realm_data.c) ------------------------------------------- */

/* DATA_CREATE of one page at ipa from the NS granule src (tables must exist). */
uint64_t host_realm_data_create(struct host_realm *r, uint64_t ipa, uint64_t src, bool measure);

/* DATA_CREATE_UNKNOWN of one page at ipa. */
uint64_t host_realm_data_create_unknown(struct host_realm *r, uint64_t ipa);

/*
 * Loads pages pages from src to ipa (both granule aligned), creating the
 * missing tables on the way.
 */
uint64_t host_realm_data_load(struct host_realm *r, uint64_t ipa, uint64_t src,
			      unsigned int pages, bool measure);

/* DATA_DESTROY of the page at ipa; *top (if not NULL) gets x2. */
uint64_t host_realm_data_destroy(struct host_realm *r, uint64_t ipa, uint64_t *top);

/* ---- RECs (realm_rec.c) ------------------------------------------------------ */

/*
 * REC_CREATE of the next REC (index = RECs created so far) with its aux
 * granules, entering at pc with x0..x7 = gprs (NULL: all zero). *rec gets
 * the REC's PA.
 */
uint64_t host_realm_rec_create(struct host_realm *r, uint64_t pc, const uint64_t gprs[8],
			       bool runnable, uint64_t *rec);

uint64_t host_realm_rec_destroy(struct host_realm *r, uint64_t rec);
