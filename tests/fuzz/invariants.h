/*
 * Invariants of the RMM's internal state, checked from outside after an RMI
 * call on the host build: granule table against the emulated GPT, scrubbed
 * DELEGATED granules, stage-2 table structure and reference counts, RECs and
 * their aux granules, the status word, "a failed call changes nothing", and
 * what the call touched (host_access_log): every granule it mapped was tracked,
 * not the RMM's own, held by the RMM, and named in the call or of the realm
 * it names; and nothing the host got back holds, and nothing changed, the
 * words planted in the RMM's own region (rmm/arch/host/rmm_region.c).
 * A violation prints what broke and abort()s, so libFuzzer (or any test
 * runner) stops and keeps the input.
 *
 * The checker looks at a pool: the granules a test ever names in an RMI call.
 * It assumes every granule the RMM holds (anything not UNDELEGATED) is in the
 * pool; that holds when the test only names pool granules, because the RMM
 * takes objects only from granules it is given. It lets the checker also
 * find leaks (an RTT or DATA granule that no table references).
 */
#pragma once

#include <stdint.h>

#include <atoll/rmi.h>
#include <rmm/rmi.h>

#define INV_MAX_POOL	128U

struct granule;

struct inv_pool {
	const uint64_t *pa;	/* tracked, granule-aligned, distinct */
	struct granule **g;	/* their granule table entries: see inv_pool_bind() */
	unsigned int n;		/* at most INV_MAX_POOL */
};

/* Fills pool->g; call after each cold boot, before any other check. */
void inv_pool_bind(const struct inv_pool *pool);

/* What a failed call must leave unchanged: state, refcounts and contents. */
struct inv_snapshot {
	uint8_t state[INV_MAX_POOL];
	uint8_t owner[INV_MAX_POOL];	/* realm of each object (invariants.c) */
	uint32_t refcount[INV_MAX_POOL];
	uint16_t ns_refcount[INV_MAX_POOL];
	/* Contents of RD (with its RIM), REC, REC_AUX, RTT and DATA granules. */
	uint8_t content[INV_MAX_POOL][GRANULE_SIZE];
};

/* Takes the snapshot before a call, and starts recording what the call touches. */
void inv_snapshot_take(const struct inv_pool *pool, struct inv_snapshot *snap);

/* Checks every structural invariant of the current state. */
void inv_check_state(const struct inv_pool *pool);

/*
 * The part of inv_check_call() that needs no snapshot, for callers whose
 * peers change the state meanwhile (tests/stress): every granule the call
 * fid(args) mapped since the calling thread's host_access_log_start() is
 * tracked, not the RMM's own memory, and in the pool. Reads only the
 * calling thread's access log and the pool's addresses.
 */
void inv_check_mapped(const struct inv_pool *pool, uint64_t fid, const uint64_t args[5],
		      const struct rmi_result *res);

/*
 * After the call fid(args) returned res: the status word is well formed, a
 * failed call left the pool as in *before, and the state is consistent.
 * *before must be a snapshot of a state that passed the checks.
 */
void inv_check_call(const struct inv_pool *pool, uint64_t fid, const uint64_t args[7],
		    const struct rmi_result *res, const struct inv_snapshot *before);
