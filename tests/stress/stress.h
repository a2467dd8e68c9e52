/*
 * Threads as CPUs: N threads drive RMI calls at once into one RMM on one
 * emulated machine (rmm/arch/host), on a shared pool of granules, with the
 * RMM's own locks and atomics only. The driver never synchronises the
 * threads during a round; between rounds (threads joined) it checks the
 * invariants of tests/fuzz/invariants.c and that every granule's state
 * history adds up (ledger.c). docs/locking.md lists what this shows.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/rmi.h>
#include <rmm/granule.h>
#include <rmm/rmi.h>

#define STRESS_MAX_CPUS		8U

/* The shared pool: 128 contiguous granules (the invariant checker's maximum). */
#define POOL_BASE		0x80000000ULL
#define POOL_N			128U
#define POOL_PA(i)		(POOL_BASE + (uint64_t)(i) * GRANULE_SIZE)
#define NUM_STATES		(GRANULE_STATE_RTT + 1U)

/*
 * Every realm has the same geometry: start level 1, s2sz 32, one root RTT
 * in the granule after its RD (so a peer destroying it knows the root);
 * PAR is [0, 2 GB). Its RECs take the 16 granules after the REC as aux.
 */
#define REALM_SL		1
#define REALM_S2SZ		32U
#define REALM_VMIDS		8U	/* VMIDs 0..7: realms collide on them too */

/* The IPAs the threads use, so they collide on the same tables and entries. */
#define NUM_L2_BASES		3U	/* level 2 RTTs at 0, 1 GB and (Unprotected) 2 GB */
/* Level 3 RTTs at 0, 2 MB, 1 GB, 1 GB + 2 MB (Protected), 2 GB, 2 GB + 2 MB (Unprotected). */
#define NUM_L3_BASES		6U
#define NUM_PAR_L3_BASES	4U
#define PAGES_PER_L3		3U	/* DATA or NS mappings at the first pages of each */
#define UNPROT_BASE		(1ULL << (REALM_S2SZ - 1U))
uint64_t stress_l2_base(unsigned int i);
uint64_t stress_l3_base(unsigned int i);
struct stress_cpu;
/* One of the Protected pages (the first PAGES_PER_L3 of each Protected level 3 RTT), at random. */
uint64_t stress_pick_page(struct stress_cpu *c);

/* A CPU's own NS memory (never in the pool, never delegated). */
#define NS_BASE			0x90000000ULL
#define NS_PER_CPU		(4U * GRANULE_SIZE)

struct stress_cpu {
	unsigned int index;
	uint64_t rng;
	uint64_t realm_params, rec_params, run, src;	/* its NS granules */
	unsigned long ops, calls, successes;
	unsigned long ok_by_cmd[64];			/* successes per FNUM - 0x150 */
	unsigned long rsi_answered, tokens;		/* RSI calls its realm saw answered */
	/* This round's state changes: net[g][s] = entries into s - exits from s. */
	int32_t net[POOL_N][NUM_STATES];
};

/* ---- ledger.c: hints and transition tallies ---------------------------------- */

/*
 * What a thread last saw succeed on a granule: a hint for choosing
 * arguments, read and written with relaxed atomics (no ordering, so it
 * hides no race). It may be stale; nothing is concluded from it.
 */
enum granule_state hint_state(unsigned int i);
void hint_set(unsigned int i, enum granule_state s);
/* The next REC index of the realm whose RD is pool granule i, and the realm of a REC. */
unsigned int hint_rec_next(unsigned int rd);
void hint_rec_next_set(unsigned int rd, unsigned int next);
unsigned int hint_rec_realm(unsigned int rec);
void hint_rec_realm_set(unsigned int rec, unsigned int rd, unsigned int index);
/* A REC the hints place in realm rd with that index, or -1. */
int hint_find_rec(unsigned int rd, unsigned int index);
/* Rebuilds the hints from the granule table (threads joined). */
void hints_sync(void);

/* The pool as the invariant checker sees it (stress_main.c). */
struct inv_pool;
const struct inv_pool *stress_pool(void);
/* Pool index of pa, or -1 if pa is not a pool granule. */
int pool_index(uint64_t pa);
/* Records that a successful call moved granule i from one state to another. */
void ledger_move(struct stress_cpu *c, unsigned int i, enum granule_state from,
		 enum granule_state to);
/* Snapshot of every pool granule's state at the start of a round. */
void ledger_round_start(void);
/*
 * After the round (threads joined): for every granule and state, the entries
 * minus the exits the CPUs recorded equal the change the granule table
 * shows. A lost update (two CPUs both moving a granule out of the state it
 * was in once) breaks it. Clears the tallies.
 */
void ledger_round_check(struct stress_cpu *cpus, unsigned int n);

/* ---- ops.c: one random RMI operation, its result checked ---------------------- */

void stress_cpu_init(struct stress_cpu *c, unsigned int index, uint64_t seed);
void stress_random_op(struct stress_cpu *c);
uint64_t stress_rand(struct stress_cpu *c);
/* x0..x4 of one call, counted. */
struct rmi_result stress_rmi(struct stress_cpu *c, uint64_t fid, uint64_t a1, uint64_t a2,
			     uint64_t a3, uint64_t a4, uint64_t a5);
/* Reports a result the spec does not allow, with the call, and stops. */
_Noreturn void stress_violation(const struct stress_cpu *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- realm_play.c: the scripted realm of this CPU --------------------------------- */

/*
 * Queues what the realm does at the next REC_ENTER on this thread: a few
 * RSI calls the RMM answers, then an IRQ exit, or a last call that may exit
 * to the host: REALM_CONFIG (an unmapped page), IPA_STATE_SET (RIPAS_CHANGE)
 * or PSCI AFFINITY_INFO/CPU_ON for another REC (a PSCI exit).
 */
struct realm_plan {
	bool ripas_change;		/* the exit asks for RIPAS base..top */
	uint64_t base, top, ripas;
	bool psci;			/* the exit asks the host to complete PSCI */
	uint64_t psci_fid, psci_target;	/* the target REC's index */
};
void realm_play_install(void);
void realm_play_plan(struct stress_cpu *c);
/*
 * After REC_ENTER returned (entered: with SUCCESS): every RSI result the
 * realm saw was one the spec allows, and the exit is the one its last step
 * causes (a failed REC_ENTER ran nothing). *plan says what the host is asked.
 */
void realm_play_check(struct stress_cpu *c, bool entered, struct realm_plan *plan);

/* ---- teardown.c --------------------------------------------------------------------- */

/* Destroys every object left (single-threaded, every result exact) and undelegates all. */
void stress_teardown(struct stress_cpu *c);
