/* Shared by the realm library's files (realm*.c); not for its users. */
#pragma once

#include <stdint.h>

#include "host.h"
#include "realm.h"

/*
 * One RMI call of the library: timed (host_realm_last_ticks) and, when it
 * fails, reported as "realm: <cmd>(args) -> <status>".
 */
struct rmi_ret realm_rmi(const char *name, uint32_t fid, uint64_t a1, uint64_t a2,
			 uint64_t a3, uint64_t a4, uint64_t a5);
#define REALM_RMI(cmd, a1, a2, a3, a4, a5) realm_rmi(#cmd, RMI_##cmd, a1, a2, a3, a4, a5)

/* Copies size bytes (a multiple of 8) to NS memory the RMM will read, 64 bits at a time. */
void realm_ns_write(uint64_t pa, const void *src, uint64_t size);

/* ---- The granule ledger (realm_ledger.c) ---- */

/*
 * Claims a DELEGATED granule for use: a FREE one of the ledger, or a new
 * one delegated and added. 0 when delegation failed or the ledger is full.
 * Give it back with ledger_put() if the RMI command that uses it fails.
 */
uint64_t ledger_take(struct host_realm *r, enum host_granule_use use, uint64_t ipa, int level);

/* Adds n contiguous granules, aligned to n granules, delegated and FREE; returns the first or 0. */
uint64_t ledger_add_contiguous(struct host_realm *r, unsigned int n);

/* Records what the granule at pa became. */
void ledger_set(struct host_realm *r, uint64_t pa, enum host_granule_use use, uint64_t ipa,
		int level);

/* The granule at pa is DELEGATED and unused again. */
void ledger_put(struct host_realm *r, uint64_t pa);

/* The entry of the RTT at level whose range starts at ipa, or NULL. */
struct host_granule *ledger_find_rtt(struct host_realm *r, uint64_t ipa, int level);

/* The entry of the DATA granule at ipa, or NULL. */
struct host_granule *ledger_find_data(struct host_realm *r, uint64_t ipa);

/* Delegates a new granule and adds it as use (for SPARE granules). 0 on failure. */
uint64_t ledger_add_new(struct host_realm *r, enum host_granule_use use);

/* Undelegates every FREE and SPARE granule and drops it from the ledger. */
uint64_t ledger_release(struct host_realm *r);
