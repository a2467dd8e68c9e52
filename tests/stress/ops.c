/*
 * The random RMI operations of one CPU (stress.h). Arguments come from the
 * shared pool, chosen by hint so that most calls can succeed while peers
 * race for the same granules. Each status is checked against what the spec
 * (shared ABI sheet, section 2.4) allows for that call when any named
 * granule may have been changed by a peer: the caller knows its arguments
 * are aligned pool granules, its IPAs and levels valid and its parameters
 * well formed, so only the failures that a peer's change can cause are
 * allowed. Every success is recorded in the ledger.
 */
#include "stress.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atoll/rsi.h>
#include <atoll/smccc.h>

#include "harness.h"
#include "invariants.h"

#define ST(s)		(1U << (s))
#define OK		ST(RMI_SUCCESS)
#define INPUT		ST(RMI_ERROR_INPUT)
#define REALM		ST(RMI_ERROR_REALM)
#define REC		ST(RMI_ERROR_REC)
#define RTT		ST(RMI_ERROR_RTT)
#define NO_RTT		0, 0

#define GB	(1ULL << 30)
#define MB2	(2ULL << 20)
static const uint64_t l2_bases[NUM_L2_BASES] = { 0, GB, 2U * GB };
static const uint64_t l3_bases[NUM_L3_BASES] = { 0, MB2, GB, GB + MB2, 2U * GB, 2U * GB + MB2 };
_Static_assert(2U * GB == UNPROT_BASE, "the last tables are in the Unprotected half");

uint64_t stress_l2_base(unsigned int i)
{
	return l2_bases[i];
}

uint64_t stress_l3_base(unsigned int i)
{
	return l3_bases[i];
}

/* The call under way on this thread, named in every report. */
static _Thread_local struct {
	uint64_t fid, a[5];
	struct rmi_result res;
} last;

uint64_t stress_rand(struct stress_cpu *c)
{
	/* splitmix64: one seed per CPU, so a run repeats its choices. */
	uint64_t z = (c->rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned int rnd(struct stress_cpu *c, unsigned int n)
{
	return (unsigned int)(stress_rand(c) % n);
}

void stress_cpu_init(struct stress_cpu *c, unsigned int index, uint64_t seed)
{
	uint64_t ns = NS_BASE + index * NS_PER_CPU;

	memset(c, 0, sizeof(*c));
	c->index = index;
	c->rng = seed * 0x100000001B3ULL + index;
	c->realm_params = ns;
	c->rec_params = ns + GRANULE_SIZE;
	c->run = ns + 2U * GRANULE_SIZE;
	c->src = ns + 3U * GRANULE_SIZE;
	memset(host_pa_ptr(c->src), 0xC0 | (int)index, GRANULE_SIZE);
}

struct rmi_result stress_rmi(struct stress_cpu *c, uint64_t fid, uint64_t a1, uint64_t a2,
			     uint64_t a3, uint64_t a4, uint64_t a5)
{
	uint64_t args[7] = { a1, a2, a3, a4, a5, 0, 0 };

	last.fid = fid;
	memcpy(last.a, args, sizeof(last.a));
	host_access_log_start();
	rmi_dispatch(fid, args, &last.res);
	inv_check_mapped(stress_pool(), fid, last.a, &last.res);
	c->calls++;
	if (last.res.x[0] == RMI_SUCCESS) {
		c->successes++;
		c->ok_by_cmd[(fid - RMI_FID(RMI_FNUM_FIRST)) & 63U]++;
	}
	return last.res;
}

void stress_violation(const struct stress_cpu *c, const char *fmt, ...)
{
	const struct rmi_command *cmd = rmi_command_lookup(last.fid);
	va_list ap;

	fprintf(stderr, "STRESS VIOLATION on CPU %u: ", c->index);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n  last call %s(%#llx, %#llx, %#llx, %#llx, %#llx) = %#llx, %#llx, %#llx\n",
		cmd != NULL ? cmd->name : "?", (unsigned long long)last.a[0],
		(unsigned long long)last.a[1], (unsigned long long)last.a[2],
		(unsigned long long)last.a[3], (unsigned long long)last.a[4],
		(unsigned long long)last.res.x[0], (unsigned long long)last.res.x[1],
		(unsigned long long)last.res.x[2]);
	abort();
}

/*
 * x0 is one of the statuses in `allowed`; an RTT error's index (the level
 * where the walk stopped) lies in [lo, hi]; every other index is 0 (the
 * realm is never SYSTEM_OFF here, so REC_ENTER's REALM index is 0 too).
 */
static uint64_t expect(const struct stress_cpu *c, uint64_t x0, uint32_t allowed, unsigned int lo,
		       unsigned int hi)
{
	uint64_t status = RMI_RETURN_STATUS(x0), index = RMI_RETURN_INDEX(x0);

	if ((x0 >> 16) != 0U || status > RMI_ERROR_RTT || (allowed & ST(status)) == 0U)
		stress_violation(c, "status %#llx is not one this call may return here",
				 (unsigned long long)x0);
	if (status == RMI_ERROR_RTT ? index < lo || index > hi : index != 0U)
		stress_violation(c, "status %#llx has an index outside [%u, %u]",
				 (unsigned long long)x0, lo, hi);
	return status;
}

/* The pool index of an output PA, which must name a pool granule. */
static unsigned int output_granule(const struct stress_cpu *c, uint64_t pa)
{
	int i = pool_index(pa);

	if (i < 0)
		stress_violation(c, "output %#llx is not a pool granule", (unsigned long long)pa);
	return (unsigned int)i;
}

/* ---- choosing arguments ---------------------------------------------------------- */

#define PICK_TRIES	32U	/* random starts pick_run() tries */
/*
 * Single granules come mostly from the lower half of the pool and runs for
 * RECs mostly from the upper half, so that runs of 17 free granules exist;
 * each may still land anywhere, so roles still collide on granules.
 */
#define POOL_HALF	(POOL_N / 2U)

/*
 * Mostly the first granule at or after a random point (in the lower half,
 * mostly) that the hints say is in state want; sometimes any granule, so
 * calls also name granules in the wrong state.
 */
static unsigned int pick(struct stress_cpu *c, enum granule_state want)
{
	unsigned int start = rnd(c, 4) != 0U ? rnd(c, POOL_HALF) : rnd(c, POOL_N);

	if (rnd(c, 8) == 0U)
		return start;
	for (unsigned int k = 0; k < POOL_N; k++) {
		unsigned int i = (start + k) % POOL_N;

		if (hint_state(i) == want)
			return i;
	}
	return start;
}

/* The first of n consecutive granules, all hinted in state want if one such run was found. */
static unsigned int pick_run(struct stress_cpu *c, enum granule_state want, unsigned int n)
{
	unsigned int i = 0;

	for (unsigned int t = 0; t < PICK_TRIES; t++) {
		unsigned int k = 0;

		i = n > 2U && rnd(c, 4) != 0U ? POOL_HALF + rnd(c, POOL_N - POOL_HALF - n + 1U)
					       : rnd(c, POOL_N - n + 1U);
		while (k < n && hint_state(i + k) == want)
			k++;
		if (k == n)
			break;
	}
	return i;
}

uint64_t stress_pick_page(struct stress_cpu *c)
{
	return l3_bases[rnd(c, NUM_PAR_L3_BASES)] + rnd(c, PAGES_PER_L3) * GRANULE_SIZE;
}

static uint64_t pick_ns_page(struct stress_cpu *c)
{
	return l3_bases[NUM_PAR_L3_BASES + rnd(c, NUM_L3_BASES - NUM_PAR_L3_BASES)] +
	       rnd(c, PAGES_PER_L3) * GRANULE_SIZE;
}

/* A structure level (2 or 3) and an IPA aligned to its parent's entry size. */
static unsigned int pick_table(struct stress_cpu *c, uint64_t *ipa)
{
	if (rnd(c, 3) == 0U) {
		*ipa = l2_bases[rnd(c, NUM_L2_BASES)];
		return 2;
	}
	*ipa = l3_bases[rnd(c, NUM_L3_BASES)];
	return 3;
}

/* ---- granules and realms ------------------------------------------------------------- */

/* GRANULE_DELEGATE (delegate) or GRANULE_UNDELEGATE of pool granule i. */
static void delegation_at(struct stress_cpu *c, unsigned int i, bool delegate)
{
	enum granule_state from = delegate ? GRANULE_STATE_UNDELEGATED : GRANULE_STATE_DELEGATED;
	enum granule_state to = delegate ? GRANULE_STATE_DELEGATED : GRANULE_STATE_UNDELEGATED;
	struct rmi_result r = stress_rmi(c, delegate ? RMI_GRANULE_DELEGATE : RMI_GRANULE_UNDELEGATE,
					 POOL_PA(i), 0, 0, 0, 0);

	if (expect(c, r.x[0], OK | INPUT, NO_RTT) == RMI_SUCCESS)
		ledger_move(c, i, from, to);
}

static void op_delegate(struct stress_cpu *c)
{
	delegation_at(c, pick(c, GRANULE_STATE_UNDELEGATED), true);
}

/* Delegates a run long enough for a REC and its aux granules (peers may take some first). */
static void delegation_run(struct stress_cpu *c)
{
	unsigned int first = pick_run(c, GRANULE_STATE_UNDELEGATED, 1U + RMI_REC_MAX_AUX);

	for (unsigned int i = first; i <= first + RMI_REC_MAX_AUX; i++)
		delegation_at(c, i, true);
}

static void op_delegate_run(struct stress_cpu *c)
{
	delegation_run(c);
}

static void op_undelegate(struct stress_cpu *c)
{
	delegation_at(c, pick(c, GRANULE_STATE_DELEGATED), false);
}

static void op_realm_create(struct stress_cpu *c)
{
	unsigned int rd = pick_run(c, GRANULE_STATE_DELEGATED, 2);
	struct rmi_realm_params *p = host_pa_ptr(c->realm_params);
	struct rmi_result r;

	memset(p, 0, sizeof(*p));
	p->s2sz = REALM_S2SZ;
	p->num_bps = 1;
	p->num_wps = 1;
	p->hash_algo = rnd(c, 2) == 0U ? RMI_HASH_SHA_256 : RMI_HASH_SHA_512;
	p->vmid = (uint16_t)rnd(c, REALM_VMIDS);
	p->rtt_base = POOL_PA(rd + 1U);
	p->rtt_level_start = REALM_SL;
	p->rtt_num_start = 1;
	r = stress_rmi(c, RMI_REALM_CREATE, POOL_PA(rd), c->realm_params, 0, 0, 0);
	if (expect(c, r.x[0], OK | INPUT, NO_RTT) == RMI_SUCCESS) {
		hint_rec_next_set(rd, 0);
		ledger_move(c, rd, GRANULE_STATE_DELEGATED, GRANULE_STATE_RD);
		ledger_move(c, rd + 1U, GRANULE_STATE_DELEGATED, GRANULE_STATE_RTT);
	}
}

static void realm_activate_at(struct stress_cpu *c, unsigned int rd)
{
	struct rmi_result r = stress_rmi(c, RMI_REALM_ACTIVATE, POOL_PA(rd), 0, 0, 0, 0);

	expect(c, r.x[0], OK | INPUT | REALM, NO_RTT);
}

static void op_realm_activate(struct stress_cpu *c)
{
	realm_activate_at(c, pick(c, GRANULE_STATE_RD));
}

static void realm_destroy_at(struct stress_cpu *c, unsigned int rd)
{
	struct rmi_result r = stress_rmi(c, RMI_REALM_DESTROY, POOL_PA(rd), 0, 0, 0, 0);

	if (expect(c, r.x[0], OK | INPUT | REALM, NO_RTT) != RMI_SUCCESS)
		return;
	if (rd + 1U >= POOL_N)
		stress_violation(c, "destroyed a realm no call created");
	ledger_move(c, rd, GRANULE_STATE_RD, GRANULE_STATE_DELEGATED);
	ledger_move(c, rd + 1U, GRANULE_STATE_RTT, GRANULE_STATE_DELEGATED);
}

/* Reads the RD's state without its lock (granule_pa_in_state) while peers change it. */
static void op_rec_aux_count(struct stress_cpu *c)
{
	unsigned int rd = pick(c, GRANULE_STATE_RD);
	struct rmi_result r = stress_rmi(c, RMI_REC_AUX_COUNT, POOL_PA(rd), 0, 0, 0, 0);

	if (expect(c, r.x[0], OK | INPUT, NO_RTT) == RMI_SUCCESS && r.x[1] != RMI_REC_AUX_COUNT_VALUE)
		stress_violation(c, "REC_AUX_COUNT gave %llu", (unsigned long long)r.x[1]);
}

static void op_realm_destroy(struct stress_cpu *c)
{
	realm_destroy_at(c, pick(c, GRANULE_STATE_RD));
}

/* ---- RECs ---------------------------------------------------------------------------- */

static uint64_t index_to_mpidr(unsigned int index)
{
	return (index & 0xFU) | ((uint64_t)(index >> 4) << 8);
}

static void rec_create_at(struct stress_cpu *c, unsigned int rd)
{
	unsigned int rec = pick_run(c, GRANULE_STATE_DELEGATED, 1U + RMI_REC_MAX_AUX);
	unsigned int index = hint_rec_next(rd);
	struct rmi_rec_params *p = host_pa_ptr(c->rec_params);
	struct rmi_result r;

	memset(p, 0, sizeof(*p));
	p->flags = rnd(c, 4) != 0U ? RMI_REC_FLAG_RUNNABLE : 0U;
	p->mpidr = index_to_mpidr(index);
	p->pc = 0x80000;
	p->num_aux = RMI_REC_AUX_COUNT_VALUE;
	for (unsigned int k = 0; k < RMI_REC_MAX_AUX; k++)
		p->aux[k] = POOL_PA(rec + 1U + k);
	r = stress_rmi(c, RMI_REC_CREATE, POOL_PA(rd), POOL_PA(rec), c->rec_params, 0, 0);
	if (expect(c, r.x[0], OK | INPUT | REALM, NO_RTT) != RMI_SUCCESS)
		return;
	hint_rec_next_set(rd, index + 1U);
	hint_rec_realm_set(rec, rd, index);
	ledger_move(c, rec, GRANULE_STATE_DELEGATED, GRANULE_STATE_REC);
	for (unsigned int k = 1; k <= RMI_REC_MAX_AUX; k++)
		ledger_move(c, rec + k, GRANULE_STATE_DELEGATED, GRANULE_STATE_REC_AUX);
}

static void op_rec_create(struct stress_cpu *c)
{
	rec_create_at(c, pick(c, GRANULE_STATE_RD));
}

/*
 * A realm with two RECs, then activated, so REC entries and PSCI requests
 * between RECs of one realm are frequent; peers may take its granules or
 * activate it first.
 */
static void op_realm_populate(struct stress_cpu *c)
{
	unsigned int rd = pick(c, GRANULE_STATE_RD);

	for (unsigned int k = 0; k < 2U; k++) {
		delegation_run(c);
		rec_create_at(c, rd);
	}
	realm_activate_at(c, rd);
}

static void op_rec_destroy(struct stress_cpu *c)
{
	unsigned int rec = pick(c, GRANULE_STATE_REC);
	struct rmi_result r = stress_rmi(c, RMI_REC_DESTROY, POOL_PA(rec), 0, 0, 0, 0);

	if (expect(c, r.x[0], OK | INPUT | REC, NO_RTT) != RMI_SUCCESS)
		return;
	if (rec + RMI_REC_MAX_AUX >= POOL_N)
		stress_violation(c, "destroyed a REC no call created");
	ledger_move(c, rec, GRANULE_STATE_REC, GRANULE_STATE_DELEGATED);
	for (unsigned int k = 1; k <= RMI_REC_MAX_AUX; k++)
		ledger_move(c, rec + k, GRANULE_STATE_REC_AUX, GRANULE_STATE_DELEGATED);
}

/* RTT_SET_RIPAS for the request the REC just made; it may race with a peer entering the REC. */
static void set_ripas(struct stress_cpu *c, unsigned int rec, const struct realm_plan *plan)
{
	unsigned int rd = hint_rec_realm(rec);
	struct rmi_result r = stress_rmi(c, RMI_RTT_SET_RIPAS, POOL_PA(rd), POOL_PA(rec),
					 plan->base, plan->top, 0);

	if (expect(c, r.x[0], OK | INPUT | REC | RTT, 1, 3) == RMI_SUCCESS &&
	    (r.x[1] <= plan->base || r.x[1] > plan->top || (r.x[1] & (GRANULE_SIZE - 1U)) != 0U))
		stress_violation(c, "RTT_SET_RIPAS out_top outside (base, top]");
}

/* PSCI_COMPLETE for the REC's request, with the target the hints name (or any REC). */
static void psci_complete(struct stress_cpu *c, unsigned int rec, const struct realm_plan *plan)
{
	int target = hint_find_rec(hint_rec_realm(rec), (unsigned int)plan->psci_target);
	uint64_t status = plan->psci_fid == PSCI_CPU_ON_64 && rnd(c, 2) == 0U ?
				  (uint64_t)PSCI_RET_DENIED : PSCI_RET_SUCCESS;
	struct rmi_result r;

	if (target < 0)
		target = (int)pick(c, GRANULE_STATE_REC);
	r = stress_rmi(c, RMI_PSCI_COMPLETE, POOL_PA(rec), POOL_PA(target), status, 0, 0);
	expect(c, r.x[0], OK | INPUT, NO_RTT);
}

static void op_rec_enter(struct stress_cpu *c)
{
	unsigned int rec = pick(c, GRANULE_STATE_REC);
	struct rmi_rec_run *run = host_pa_ptr(c->run);
	struct realm_plan plan;
	struct rmi_result r;

	memset(&run->enter, 0, sizeof(run->enter));
	if (rnd(c, 4) == 0U)
		run->enter.flags = REC_ENTER_FLAG_RIPAS_RESPONSE;	/* reject a RIPAS request */
	realm_play_plan(c);
	r = stress_rmi(c, RMI_REC_ENTER, POOL_PA(rec), c->run, 0, 0, 0);
	if (expect(c, r.x[0], OK | INPUT | REC | REALM, NO_RTT) != RMI_SUCCESS) {
		realm_play_check(c, false, &plan);
		return;
	}
	realm_play_check(c, true, &plan);
	if (plan.ripas_change && rnd(c, 4) != 0U)
		set_ripas(c, rec, &plan);
	if (plan.psci && rnd(c, 4) != 0U)
		psci_complete(c, rec, &plan);
}

/* ---- RTTs, RIPAS and DATA ------------------------------------------------------------ */

static void rtt_create_at(struct stress_cpu *c, unsigned int rd, uint64_t ipa, unsigned int level)
{
	unsigned int rtt = pick(c, GRANULE_STATE_DELEGATED);
	struct rmi_result r = stress_rmi(c, RMI_RTT_CREATE, POOL_PA(rd), POOL_PA(rtt), ipa, level, 0);

	if (expect(c, r.x[0], OK | INPUT | RTT, 1, level - 1U) == RMI_SUCCESS)
		ledger_move(c, rtt, GRANULE_STATE_DELEGATED, GRANULE_STATE_RTT);
}

static void op_rtt_create(struct stress_cpu *c)
{
	uint64_t ipa;
	unsigned int level = pick_table(c, &ipa);

	rtt_create_at(c, pick(c, GRANULE_STATE_RD), ipa, level);
}

/* RTT_DESTROY or RTT_FOLD: the child RTT named in x1 goes back to DELEGATED. */
static void rtt_remove_at(struct stress_cpu *c, uint64_t fid, unsigned int rd, uint64_t ipa,
			  unsigned int level)
{
	struct rmi_result r = stress_rmi(c, fid, POOL_PA(rd), ipa, level, 0, 0);

	if (expect(c, r.x[0], OK | INPUT | RTT, 1, level) != RMI_SUCCESS)
		return;
	if (fid == RMI_RTT_DESTROY && r.x[2] <= ipa)
		stress_violation(c, "RTT_DESTROY top %#llx not past ipa", (unsigned long long)r.x[2]);
	ledger_move(c, output_granule(c, r.x[1]), GRANULE_STATE_RTT, GRANULE_STATE_DELEGATED);
}

static void op_rtt_remove(struct stress_cpu *c, uint64_t fid)
{
	unsigned int rd = pick(c, GRANULE_STATE_RD);
	uint64_t ipa;
	unsigned int level = pick_table(c, &ipa);

	rtt_remove_at(c, fid, rd, ipa, level);
}

static void op_rtt_destroy(struct stress_cpu *c)
{
	op_rtt_remove(c, RMI_RTT_DESTROY);
}

static void op_rtt_fold(struct stress_cpu *c)
{
	op_rtt_remove(c, RMI_RTT_FOLD);
}

static void op_rtt_read_entry(struct stress_cpu *c)
{
	unsigned int rd = pick(c, GRANULE_STATE_RD), level = 1U + rnd(c, 3);
	/* Protected IPAs: an ASSIGNED entry's desc is then a DATA granule of the pool. */
	uint64_t ipa = level == 1U ? l2_bases[rnd(c, NUM_L2_BASES - 1U)] :
		       level == 2U ? l3_bases[rnd(c, NUM_PAR_L3_BASES)] : stress_pick_page(c);
	struct rmi_result r = stress_rmi(c, RMI_RTT_READ_ENTRY, POOL_PA(rd), ipa, level, 0, 0);

	if (expect(c, r.x[0], OK | INPUT, NO_RTT) != RMI_SUCCESS)
		return;
	if (r.x[1] < REALM_SL || r.x[1] > level || r.x[2] > RMI_TABLE || r.x[4] > RMI_DESTROYED ||
	    (r.x[2] == RMI_TABLE && r.x[1] == 3U) || (r.x[2] == RMI_UNASSIGNED && r.x[3] != 0U))
		stress_violation(c, "RTT_READ_ENTRY outputs do not describe an entry");
	if (r.x[2] != RMI_UNASSIGNED)
		output_granule(c, r.x[3]);	/* a TABLE's RTT or an ASSIGNED page's DATA */
}

static void init_ripas_at(struct stress_cpu *c, unsigned int rd, uint64_t base)
{
	uint64_t top = base + (1U + rnd(c, 3)) * GRANULE_SIZE;
	struct rmi_result r = stress_rmi(c, RMI_RTT_INIT_RIPAS, POOL_PA(rd), base, top, 0, 0);

	if (expect(c, r.x[0], OK | INPUT | REALM | RTT, 1, 3) == RMI_SUCCESS &&
	    (r.x[1] <= base || r.x[1] > top || (r.x[1] & (GRANULE_SIZE - 1U)) != 0U))
		stress_violation(c, "RTT_INIT_RIPAS out_top outside (base, top]");
}

static void op_init_ripas(struct stress_cpu *c)
{
	init_ripas_at(c, pick(c, GRANULE_STATE_RD), stress_pick_page(c));
}

static void data_create_at(struct stress_cpu *c, unsigned int rd, uint64_t ipa, bool unknown)
{
	unsigned int data = pick(c, GRANULE_STATE_DELEGATED);
	struct rmi_result r;
	uint64_t status;

	if (unknown) {
		r = stress_rmi(c, RMI_DATA_CREATE_UNKNOWN, POOL_PA(rd), POOL_PA(data), ipa, 0, 0);
		status = expect(c, r.x[0], OK | INPUT | RTT, 1, 3);
	} else {
		r = stress_rmi(c, RMI_DATA_CREATE, POOL_PA(rd), POOL_PA(data), ipa, c->src,
			       rnd(c, 2) == 0U ? RMI_NO_MEASURE_CONTENT : RMI_MEASURE_CONTENT);
		status = expect(c, r.x[0], OK | INPUT | REALM | RTT, 1, 3);
	}
	if (status == RMI_SUCCESS)
		ledger_move(c, data, GRANULE_STATE_DELEGATED, GRANULE_STATE_DATA);
}

static void op_data_create_measured(struct stress_cpu *c)
{
	data_create_at(c, pick(c, GRANULE_STATE_RD), stress_pick_page(c), false);
}

static void op_data_create_unknown(struct stress_cpu *c)
{
	data_create_at(c, pick(c, GRANULE_STATE_RD), stress_pick_page(c), true);
}

static void data_destroy_at(struct stress_cpu *c, unsigned int rd, uint64_t ipa)
{
	struct rmi_result r = stress_rmi(c, RMI_DATA_DESTROY, POOL_PA(rd), ipa, 0, 0, 0);

	if (expect(c, r.x[0], OK | INPUT | RTT, 1, 3) != RMI_SUCCESS)
		return;
	if (r.x[2] <= ipa)
		stress_violation(c, "DATA_DESTROY top %#llx not past ipa", (unsigned long long)r.x[2]);
	ledger_move(c, output_granule(c, r.x[1]), GRANULE_STATE_DATA, GRANULE_STATE_DELEGATED);
}

static void op_data_destroy(struct stress_cpu *c)
{
	data_destroy_at(c, pick(c, GRANULE_STATE_RD), stress_pick_page(c));
}

/* ---- Unprotected mappings -------------------------------------------------------- */

/* MemAttr 0b111 and S2AP read/write (ABI sheet 2.3) of this CPU's own NS granule. */
#define NS_DESC_ATTRS	((0x7ULL << 2) | (0x3ULL << 6))

static void map_at(struct stress_cpu *c, unsigned int rd, uint64_t ipa)
{
	struct rmi_result r = stress_rmi(c, RMI_RTT_MAP_UNPROTECTED, POOL_PA(rd), ipa, 3,
					 c->src | NS_DESC_ATTRS, 0);

	expect(c, r.x[0], OK | INPUT | RTT, 1, 3);
}

static void op_map_unprotected(struct stress_cpu *c)
{
	map_at(c, pick(c, GRANULE_STATE_RD), pick_ns_page(c));
}

static void unmap_at(struct stress_cpu *c, unsigned int rd, uint64_t ipa)
{
	struct rmi_result r = stress_rmi(c, RMI_RTT_UNMAP_UNPROTECTED, POOL_PA(rd), ipa, 3, 0, 0);

	if (expect(c, r.x[0], OK | INPUT | RTT, 1, 3) == RMI_SUCCESS && r.x[1] <= ipa)
		stress_violation(c, "RTT_UNMAP_UNPROTECTED top %#llx not past ipa",
				 (unsigned long long)r.x[1]);
}

static void op_unmap_unprotected(struct stress_cpu *c)
{
	unmap_at(c, pick(c, GRANULE_STATE_RD), pick_ns_page(c));
}

/*
 * Fills one realm's IPA region as a host builds a realm (tables, RIPAS,
 * DATA), racing peers that build or take apart the same realm.
 */
static void op_realm_build(struct stress_cpu *c)
{
	unsigned int rd = pick(c, GRANULE_STATE_RD), t = rnd(c, NUM_L3_BASES);

	rtt_create_at(c, rd, l2_bases[t / 2U], 2);
	rtt_create_at(c, rd, l3_bases[t], 3);
	if (t >= NUM_PAR_L3_BASES) {
		for (unsigned int p = 0; p < PAGES_PER_L3; p++)
			map_at(c, rd, l3_bases[t] + p * GRANULE_SIZE);
		return;
	}
	init_ripas_at(c, rd, l3_bases[t] + rnd(c, PAGES_PER_L3) * GRANULE_SIZE);
	for (unsigned int p = 0; p < PAGES_PER_L3; p++)
		data_create_at(c, rd, l3_bases[t] + p * GRANULE_SIZE, rnd(c, 2) == 0U);
}

/*
 * Takes one realm apart as a host would (DATA, level 3 and level 2 RTTs,
 * then the RD), each call racing whatever peers do to the same realm.
 */
static void op_realm_dismantle(struct stress_cpu *c)
{
	unsigned int rd = pick(c, GRANULE_STATE_RD);

	for (unsigned int t = 0; t < NUM_L3_BASES; t++) {
		for (unsigned int p = 0; p < PAGES_PER_L3; p++) {
			uint64_t ipa = l3_bases[t] + p * GRANULE_SIZE;

			if (ipa < UNPROT_BASE)
				data_destroy_at(c, rd, ipa);
			else
				unmap_at(c, rd, ipa);
		}
		rtt_remove_at(c, RMI_RTT_DESTROY, rd, l3_bases[t], 3);
	}
	for (unsigned int t = 0; t < NUM_L2_BASES; t++)
		rtt_remove_at(c, RMI_RTT_DESTROY, rd, l2_bases[t], 2);
	realm_destroy_at(c, rd);
}

/* ---- the mix ------------------------------------------------------------------------------ */

static const struct {
	void (*fn)(struct stress_cpu *c);
	unsigned int weight;
} ops[] = {
	{ op_delegate, 8 },	   { op_delegate_run, 3 },	   { op_undelegate, 3 },
	{ op_realm_create, 5 },	   { op_realm_activate, 2 },	   { op_realm_destroy, 4 },
	{ op_rec_create, 6 },	   { op_rec_destroy, 3 },	   { op_rec_enter, 12 },
	{ op_rtt_create, 6 },	   { op_rtt_destroy, 6 },	   { op_rtt_fold, 3 },
	{ op_rtt_read_entry, 4 },  { op_rec_aux_count, 2 },  { op_init_ripas, 4 },	   { op_data_create_measured, 4 },
	{ op_data_create_unknown, 4 }, { op_data_destroy, 6 },   { op_realm_dismantle, 2 },
	{ op_realm_build, 3 },	   { op_realm_populate, 2 },	   { op_map_unprotected, 4 },	   { op_unmap_unprotected, 3 },
};

void stress_random_op(struct stress_cpu *c)
{
	unsigned int total = 0, x;

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		total += ops[i].weight;
	x = rnd(c, total);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (x < ops[i].weight) {
			ops[i].fn(c);
			break;
		}
		x -= ops[i].weight;
	}
	c->ops++;
}
