/*
 * The granule ledger: every granule a realm's builder delegated, and what
 * it is now. Teardown reads it to destroy objects in a valid order, release
 * reads it to undelegate exactly what was delegated. It knows granules and
 * RMI delegation only, nothing of realms.
 */
#pragma once

#include <stdint.h>


/* What a delegated granule currently is. */
enum host_granule_use {
	HOST_GRANULE_FREE = 0,	/* DELEGATED and unused: taken first by the next object */
	HOST_GRANULE_RD,
	HOST_GRANULE_ROOT_RTT,
	HOST_GRANULE_RTT,
	HOST_GRANULE_DATA,
	HOST_GRANULE_REC,
	HOST_GRANULE_REC_AUX,
	HOST_GRANULE_SPARE,	/* lent to the caller for raw RMI calls */
};

struct host_granule {
	uint64_t pa;
	union {
		uint64_t ipa;	/* RTT: base of the range it maps; DATA: its IPA */
		uint64_t rec;	/* REC_AUX: the REC it belongs to */
	};
	int8_t level;		/* RTT: its level */
	uint8_t use;		/* enum host_granule_use */
};

/*
 * Entries in ascending PA order (granules come from an ascending allocator),
 * so a PA is found by binary search; the storage is the owner's, so a realm
 * that needs many granules (a Linux guest) can bring a larger array.
 */
struct host_ledger {
	unsigned int num_granules;
	unsigned int capacity;
	unsigned int num_free;		/* FREE entries: none means nothing to reuse */
	struct host_granule *granules;
};

/* An empty ledger over storage for capacity entries. */
void ledger_init(struct host_ledger *l, struct host_granule *storage, unsigned int capacity);

/*
 * Claims a DELEGATED granule for use: a FREE one of the ledger, or a new
 * one delegated and added. 0 when delegation failed or the ledger is full.
 * Give it back with ledger_put() if the RMI command that uses it fails.
 */
uint64_t ledger_take(struct host_ledger *l, enum host_granule_use use, uint64_t ipa, int level);

/* Adds n contiguous granules, aligned to n granules, delegated and FREE; returns the first or 0. */
uint64_t ledger_add_contiguous(struct host_ledger *l, unsigned int n);

/* Records what the granule at pa became. */
void ledger_set(struct host_ledger *l, uint64_t pa, enum host_granule_use use, uint64_t ipa,
		int level);

/* The granule at pa is DELEGATED and unused again. */
void ledger_put(struct host_ledger *l, uint64_t pa);

/* The entry of the RTT at level whose range starts at ipa, or NULL. */
struct host_granule *ledger_find_rtt(struct host_ledger *l, uint64_t ipa, int level);

/* The entry of the DATA granule at ipa, or NULL. */
struct host_granule *ledger_find_data(struct host_ledger *l, uint64_t ipa);

/* Delegates a new granule and adds it as use (for SPARE granules). 0 on failure. */
uint64_t ledger_add_new(struct host_ledger *l, enum host_granule_use use);

/* Undelegates every FREE and SPARE granule and drops it from the ledger. */
uint64_t ledger_release(struct host_ledger *l);
