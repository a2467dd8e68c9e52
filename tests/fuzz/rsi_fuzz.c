/*
 * libFuzzer harness for realm-side call sequences on the host build
 * (rsi_fuzz.h has the input format). Each input gets a freshly booted RMM
 * and an activated realm with one to four RECs and a few pages in every
 * RIPAS state; the records then play the realm (rsi_calls.c, inside
 * REC_ENTER) and the host: entries with their flags and RmiRecRun values,
 * RTT_SET_RIPAS, PSCI_COMPLETE with good and bad targets, and RMI commands
 * between runs.
 *
 * After every RMI call: the RMI fuzzer's invariant checker (invariants.h),
 * the exact status the spec gives where the harness can know it, that
 * RIPAS changed only where the call may change it, that the realm's
 * memory and measurements changed only as the realm's calls say, and after
 * REC_ENTER every byte of RmiRecExit against the exit the realm's last
 * action asked for. Any violation aborts with a message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atoll/el3.h>
#include <atoll/smccc.h>
#include <rmm/granule.h>
#include <rmm/realm.h>
#include <rmm/rec.h>
#include <rmm/rmi.h>

#include "harness.h"
#include "invariants.h"
#include "machine.h"
#include "rsi_fuzz.h"

#define ULL(x)		((unsigned long long)(x))
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))
#define PICK(b, table)	((table)[(b) % ARRAY_LEN(table)])

/* A 64 MiB bank, as the RMI fuzzer uses: cold boot clears the granule table for it. */
#define BANK_BASE	0x40000000ULL
#define BANK_SIZE	0x04000000ULL

/* Pool granules for the RMM, then NS granules the host keeps (RmiRecRun, parameters). */
#define POOL_BASE	0x42000000ULL
#define POOL_SIZE	120U
#define RUN		(POOL_BASE + POOL_SIZE * GRANULE_SIZE)
#define PARAMS		(RUN + GRANULE_SIZE)
#define SRC		(PARAMS + GRANULE_SIZE)
#define NS_PAGE		(SRC + GRANULE_SIZE)
#define CHECKED		(POOL_SIZE + 4U)
#define ROOTS_AT	8U	/* pool index of the root RTTs: aligned for up to 8 */
#define SPARES		24U	/* the last pool granules: the host's for RTT and DATA commands */
#define SPARES_DELEGATED 8U	/* of them delegated by the set-up */

_Static_assert(CHECKED <= INV_MAX_POOL, "the invariant checker sees every granule");

struct rf_world rf;
struct rf_input rf_in;

static uint64_t pool_pa[CHECKED];
static struct granule *pool_g[CHECKED];
static const struct inv_pool pool = { pool_pa, pool_g, CHECKED };
static unsigned int next_granule;

/* ---- input -------------------------------------------------------------------------- */

uint8_t rf_byte(size_t off, unsigned int i)
{
	return off + i < rf_in.size ? rf_in.data[off + i] : 0U;
}

bool rf_more(void)
{
	return rf_in.next < rf_in.size && rf_in.next < (size_t)RF_MAX_RECORDS * RF_RECORD;
}

static const char *rmi_name(uint64_t fid)
{
	const struct rmi_command *c = rmi_command_lookup(fid);

	return c != NULL ? c->name : "?";
}

/* ---- tracing and failures ----------------------------------------------------------------------- */

bool rf_tracing;

void rf_trace_line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void rf_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("RSI INVARIANT VIOLATED: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n  at input record %zu (offset %#zx after the header)\n",
		rf_in.next / RF_RECORD, rf_in.next);
	abort();
}

/* ---- RMI calls ------------------------------------------------------------------------ */


/*
 * One RMI call with the RMI fuzzer's invariants around it, and the realm
 * checks every call gets: memory and measurements only as the model says,
 * RIPAS changed only in [base, top) to value (top = base: nowhere).
 */
struct ripas_rule {
	uint64_t base, top;
	unsigned int value;
	bool destroyed;
};

static struct rf_ripas_map ripas_before;

/* The host's RMI calls by command and status (RSI_FUZZ_STATS). */
#define RMI_FIRST	0xC4000150U
#define RMI_COUNT	0x1AU
static unsigned long rmi_stats[RMI_COUNT][RMI_ERROR_RTT + 2U];

static void print_rmi_stats(void)
{
	fprintf(stderr, "%-26s %9s %9s %9s %9s %9s %9s\n", "host call", "SUCCESS", "INPUT", "REALM",
		"REC", "RTT", "other");
	for (unsigned int c = 0; c < RMI_COUNT; c++) {
		unsigned long *n = rmi_stats[c];

		if (n[0] + n[1] + n[2] + n[3] + n[4] + n[5] == 0U)
			continue;
		fprintf(stderr, "%-26s %9lu %9lu %9lu %9lu %9lu %9lu\n", rmi_name(RMI_FIRST + c), n[0],
			n[1], n[2], n[3], n[4], n[5]);
	}
}

static struct rmi_result rmi(uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
			     uint64_t a4)
{
	static struct inv_snapshot snap;
	uint64_t args[7] = { a0, a1, a2, a3, a4, 0, 0 };
	struct rmi_result res;

	rf_ripas_snapshot(&ripas_before);
	inv_snapshot_take(&pool, &snap);
	rmi_dispatch(fid, args, &res);
	inv_check_call(&pool, fid, args, &res, &snap);
	if (fid - RMI_FIRST < RMI_COUNT)
		rmi_stats[fid - RMI_FIRST][RMI_RETURN_STATUS(res.x[0]) <= RMI_ERROR_RTT
						   ? RMI_RETURN_STATUS(res.x[0]) : RMI_ERROR_RTT + 1U]++;
	rf_trace("  %s(%#llx, %#llx, %#llx, %#llx) -> %#llx, x1 %#llx", rmi_name(fid), ULL(a0),
		 ULL(a1), ULL(a2), ULL(a3), ULL(res.x[0]), ULL(res.x[1]));
	return res;
}

static void after_rmi(uint64_t fid, const struct ripas_rule *rule)
{
	char what[64];

	snprintf(what, sizeof(what), "%s", rmi_name(fid));
	rf_ripas_check(&ripas_before, rule->base, rule->top, rule->value, rule->destroyed, what);
	rf_check_pages(what);
	rf_check_measurements(what);
}

static void expect_status(uint64_t fid, uint64_t got, uint64_t want)
{
	if (got != want)
		rf_fail("%s returned %#llx, the spec says %#llx", rmi_name(fid), ULL(got), ULL(want));
}

/* ---- the realm's set-up ------------------------------------------------------------------ */

static void setup_call(uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
		       uint64_t a4)
{
	uint64_t args[7] = { a0, a1, a2, a3, a4, 0, 0 };
	struct rmi_result res;

	rmi_dispatch(fid, args, &res);
	if (res.x[0] != RMI_SUCCESS)
		rf_fail("set-up: %s(%#llx, %#llx, %#llx, %#llx) failed: %#llx", rmi_name(fid), ULL(a0),
			ULL(a1), ULL(a2), ULL(a3), ULL(res.x[0]));
}

static uint64_t delegated(void)
{
	uint64_t pa = pool_pa[next_granule++];

	setup_call(RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0);
	return pa;
}

static const struct {
	unsigned int s2sz;
	long sl;
	unsigned int roots;
} geometries[RF_NUM_GEOMETRIES] = { { 40, 1, 2 }, { 48, 0, 1 }, { 33, 2, 8 } };

static void create_realm(uint8_t cfg, uint8_t geo)
{
	struct rmi_realm_params *p = host_pa_ptr(PARAMS);
	uint64_t roots;

	rf.s2sz = geometries[geo % RF_NUM_GEOMETRIES].s2sz;
	rf.start_level = geometries[geo % RF_NUM_GEOMETRIES].sl;
	rf.num_roots = geometries[geo % RF_NUM_GEOMETRIES].roots;
	rf.par = 1ULL << (rf.s2sz - 1U);
	rf.algo = (cfg & RF_CFG_SHA512) != 0U ? RMI_HASH_SHA_512 : RMI_HASH_SHA_256;
	rf.rd = delegated();
	next_granule = ROOTS_AT;
	roots = pool_pa[ROOTS_AT];
	for (unsigned int i = 0; i < rf.num_roots; i++)
		(void)delegated();
	memset(p, 0, sizeof(*p));
	p->s2sz = rf.s2sz;
	p->num_bps = p->num_wps = 1;
	p->hash_algo = rf.algo;
	for (unsigned int i = 0; i < sizeof(p->rpv); i++)
		p->rpv[i] = rf.rpv[i] = (uint8_t)(0x5C ^ i);
	p->vmid = 1;
	p->rtt_base = roots;
	p->rtt_level_start = rf.start_level;
	p->rtt_num_start = rf.num_roots;
	setup_call(RMI_REALM_CREATE, rf.rd, PARAMS, 0, 0, 0);
	rf.realm_alive = true;
}

static void data_create(uint64_t ipa, uint8_t fill, bool measured)
{
	memset(host_pa_ptr(SRC), fill, GRANULE_SIZE);
	setup_call(RMI_DATA_CREATE, rf.rd, delegated(), ipa, SRC,
		   measured ? RMI_MEASURE_CONTENT : RMI_NO_MEASURE_CONTENT);
}

/* The pages of rsi_fuzz.h, all under one level 3 RTT. */
static void create_memory(void)
{
	for (long l = rf.start_level + 1; l <= 3; l++)
		setup_call(RMI_RTT_CREATE, rf.rd, delegated(), RF_MEM_BASE & ~(s2tt_level_size(l - 1) - 1U),
			   (uint64_t)l, 0);
	for (unsigned int i = RF_P_RAM0; i <= RF_P_RAM3; i++)
		data_create(RF_PAGE(i), (uint8_t)(0xA0 + i), i == RF_P_RAM0);
	setup_call(RMI_RTT_INIT_RIPAS, rf.rd, RF_PAGE(RF_P_RAM_UNMAPPED),
		   RF_PAGE(RF_P_RAM_UNMAPPED2 + 1), 0, 0);
	setup_call(RMI_DATA_CREATE_UNKNOWN, rf.rd, delegated(), RF_PAGE(RF_P_ASSIGNED_EMPTY), 0, 0);
	data_create(RF_PAGE(RF_P_DESTROYED), 0, false);
	setup_call(RMI_DATA_DESTROY, rf.rd, RF_PAGE(RF_P_DESTROYED), 0, 0, 0);
}

static void create_recs(uint8_t cfg)
{
	for (unsigned int i = 0; i < rf.num_recs; i++) {
		struct rmi_rec_params *p = host_pa_ptr(PARAMS);
		struct rf_rec *r = &rf.rec[i];

		memset(p, 0, sizeof(*p));
		r->runnable = i == 0U || (cfg & RF_CFG_RUNNABLE) != 0U;
		p->flags = r->runnable ? RMI_REC_FLAG_RUNNABLE : 0U;
		p->mpidr = i;		/* index i < 16: Aff0 */
		p->pc = 0x80000;
		p->num_aux = RMI_REC_AUX_COUNT_VALUE;
		r->pa = delegated();
		for (unsigned int a = 0; a < RMI_REC_AUX_COUNT_VALUE; a++)
			p->aux[a] = delegated();
		setup_call(RMI_REC_CREATE, rf.rd, r->pa, PARAMS, 0, 0);
		r->alive = true;
	}
}

static void boot(const uint8_t *hdr, size_t len)
{
	uint8_t cfg = len > 1 ? hdr[1] : 0U, geo = len > 2 ? hdr[2] : 0U;

	fuzz_machine_reset(pool_pa, CHECKED, POOL_BASE);
	memset(&rf, 0, sizeof(rf));
	rf.running = -1;
	rf.rak = (cfg & RF_CFG_NO_RAK) == 0U;
	rf.vhuks = (cfg & RF_CFG_NO_VHUKS) == 0U;
	host_el3_attest.realm_key_error = rf.rak ? 0 : E_RMM_UNK;
	host_el3_attest.vhuk_error = rf.vhuks ? 0 : E_RMM_UNK;
	host_set_irq_pending(false);
	host_realm_script(rf_realm_step, NULL);
	rf_calls_reset();
	fuzz_machine_boot(&pool, BANK_BASE, BANK_SIZE);

	next_granule = 0;
	rf.num_recs = 1U + (len > 0 ? hdr[0] : 0U) % RF_MAX_RECS;
	create_realm(cfg, geo);
	create_memory();
	create_recs(cfg);
	if (next_granule > POOL_SIZE - SPARES)
		rf_fail("set-up: the pool is too small");
	next_granule = POOL_SIZE - SPARES;
	for (unsigned int i = 0; i < SPARES_DELEGATED; i++)
		(void)delegated();
	setup_call(RMI_REALM_ACTIVATE, rf.rd, 0, 0, 0, 0);
	memcpy(rf.rim, ((const struct rd *)host_pa_ptr(rf.rd))->rim, sizeof(rf.rim));
	inv_check_state(&pool);
	rf_check_pages("set-up");
}

/* ---- REC_ENTER ---------------------------------------------------------------------------- */

#define GIC_HCR_ALLOWED	((0x7FULL << 1) | (1ULL << 14))
#define LR_PENDING	(1ULL << 62)
#define LR_HW		(1ULL << 61)

/* RmiRecEnter's GIC fields (byte: 0..4 none, 5 one valid LR, 6.. invalid); whether valid. */
static bool fill_gic(struct rmi_rec_enter *e, uint8_t b)
{
	memset(e->gicv3_lrs, 0, sizeof(e->gicv3_lrs));
	e->gicv3_hcr = (b & 0x80U) ? (1ULL << 1 | 1ULL << 14) : 0U;	/* UIE, TDIR */
	switch (b & 7U) {
	case 5:
		e->gicv3_lrs[0] = LR_PENDING | 0xA0ULL << 48 | 27U;
		return true;
	case 6:
		e->gicv3_lrs[1] = LR_PENDING | LR_HW | 27U;
		return false;
	case 7:
		e->gicv3_hcr |= (b & 0x40U) ? 1ULL << 8 : 1ULL << 20;
		return false;
	default:
		return true;
	}
}

/* The run granule: RmiRecRun, or from 0xF0 one REC_ENTER must refuse. */
static uint64_t pick_run(uint8_t b)
{
	const uint64_t bad[] = { RUN + 0x800, pool_pa[ROOTS_AT + 12U], 0, rf.rd, HOST_RMM_BASE,
				 BANK_BASE + BANK_SIZE };

	return b < 0xF0 ? RUN : PICK(b, bad);
}

/* REC_ENTER's status as the spec orders its checks (2.4, steps 1-11). */
static uint64_t enter_status(unsigned int i, uint64_t run_pa, uint64_t flags, bool gic_ok)
{
	const struct rf_rec *r = &rf.rec[i];

	if (run_pa != RUN)
		return RMI_ERROR_INPUT;
	if (!r->alive)
		return RMI_ERROR_INPUT;
	if (rf.system_off)
		return RMI_STATUS(RMI_ERROR_REALM, 1U);
	if (!r->runnable || r->psci_pending)
		return RMI_ERROR_REC;
	if (!gic_ok)
		return RMI_ERROR_REC;
	if ((flags & REC_ENTER_FLAG_INJECT_SEA) != 0U && !r->last_unprot_abort)
		return RMI_ERROR_REC;
	if ((flags & REC_ENTER_FLAG_EMULATED_MMIO) != 0U && (flags & REC_ENTER_FLAG_INJECT_SEA) == 0U &&
	    !r->last_emulatable)
		return RMI_ERROR_REC;
	return RMI_SUCCESS;
}

/* Every byte of RmiRecExit: what the exit asked for, the host's GIC state back, the rest 0. */
static void check_exit(unsigned int i, const struct rmi_rec_exit *got, const struct rmi_rec_enter *in)
{
	static struct rmi_rec_exit want;
	const struct rmi_rec_exit *e = rf_expected_exit(i, got);
	const uint8_t *g = (const uint8_t *)got, *w = (const uint8_t *)&want;
	unsigned int off = 0;

	want = *e;
	want.gicv3_hcr = in->gicv3_hcr;
	memcpy(want.gicv3_lrs, in->gicv3_lrs, sizeof(want.gicv3_lrs));
	want.gicv3_vmcr = got->gicv3_vmcr;	/* the REC's own, kept from run to run */
	if (memcmp(got, &want, sizeof(want)) == 0)
		return;
	while (g[off] == w[off])
		off++;
	off &= ~7U;
	rf_fail("REC %u: RmiRecExit (reason %llu) has %#llx at +%#x, expected %#llx (exit reason %llu)",
		i, ULL(got->exit_reason), ULL(*(const uint64_t *)(g + off)), off,
		ULL(*(const uint64_t *)(w + off)), ULL(want.exit_reason));
}

/* What the host does with an exit it has seen: the model's side effects. */
static void after_exit(unsigned int i, const struct rmi_rec_exit *exit)
{
	struct rf_rec *r = &rf.rec[i];

	if (exit->exit_reason == RMI_EXIT_PSCI && (r->call.call == RC_SYSTEM_OFF ||
						   r->call.call == RC_SYSTEM_RESET))
		r->call.active = false;	/* never resumed */
}

/* Whether REC i would run if entered now with no flags (the model's view). */
static bool enterable(unsigned int i)
{
	return enter_status(i, RUN, 0, true) == RMI_SUCCESS && rf.realm_alive;
}

int rf_realm_rec(uint8_t b)
{
	unsigned int j = b % rf.num_recs;

	if ((int)j == rf.running || enterable(j))
		return (int)j;
	if (rf.running >= 0)
		return rf.running;
	for (unsigned int k = 0; k < rf.num_recs; k++) {
		if (enterable(k))
			return (int)k;
	}
	return -1;
}

static void enter(unsigned int i, uint64_t flags, const uint8_t *b)
{
	static const uint8_t none[RF_RECORD];
	struct rmi_rec_run *run = host_pa_ptr(RUN);
	uint64_t run_pa, want;
	struct rmi_result res;
	bool gic_ok;

	if (b == NULL)
		b = none;
	memset(&run->enter, 0, sizeof(run->enter));
	run->enter.flags = flags;
	for (unsigned int g = 0; g < RMI_REC_RUN_GPRS; g++)
		run->enter.gprs[g] = b[3] < 0x80 ? 0x4E53000000000000ULL | (uint64_t)b[3] << 8 | g
						 : ~0ULL << (b[3] & 63U);
	gic_ok = fill_gic(&run->enter, b[4]);
	run_pa = pick_run(b[5]);
	if (b != none) {
		rf.irq_pending = (b[6] & 1U) != 0U;
		host_set_irq_pending(rf.irq_pending);
	}
	want = enter_status(i, run_pa, flags, gic_ok);
	rf.completion_abort = false;
	if (want == RMI_SUCCESS)
		rf_entry_completes(i, flags, run->enter.gprs);
	rf.step_irq = false;
	rf.expect_set = rf.completion_abort;	/* rf_entry_completes set it with the exit */
	rf.running = (int)i;
	res = rmi(RMI_REC_ENTER, rf.rec[i].pa, run_pa, 0, 0, 0);
	rf.running = -1;
	expect_status(RMI_REC_ENTER, res.x[0], want);
	after_rmi(RMI_REC_ENTER, &(struct ripas_rule){ 0 });
	if (want != RMI_SUCCESS)
		return;
	if (run_pa == RUN) {
		rf_trace("  exit %llu esr %#llx hpfar %#llx gprs[0] %#llx", ULL(run->exit.exit_reason),
			 ULL(run->exit.esr), ULL(run->exit.hpfar), ULL(run->exit.gprs[0]));
		check_exit(i, &run->exit, &run->enter);
		after_exit(i, &run->exit);
	}
}

/* ---- the host's other answers -------------------------------------------------------------- */

static void host_set_ripas(unsigned int i, const uint8_t *b)
{
	unsigned int j = b[2] < 0xC0 ? i : (i + 1U) % rf.num_recs;
	struct rf_rec *r = &rf.rec[j];
	uint64_t progress = r->ripas_progress, req_top = r->ripas_top, base, top, want;
	const uint64_t bases[] = { progress + GRANULE_SIZE, progress - GRANULE_SIZE, r->ripas_base,
				   0, progress + 0x800, RF_PAGE(0) };
	struct rmi_result res;

	base = b[3] < 0xC0 ? progress : PICK(b[3], bases);
	if (b[4] < 0x80)
		top = req_top;
	else if (b[4] < 0xC0)
		top = base + ((b[4] & 7U) + 1U) * GRANULE_SIZE;
	else
		top = PICK(b[4], ((const uint64_t[]){ req_top + GRANULE_SIZE, req_top - 0x800, base,
						       ~0xFFFULL, base + (1ULL << 30) }));
	if (top <= base || (top & (GRANULE_SIZE - 1U)) != 0U || !r->alive || !rf.realm_alive)
		want = RMI_ERROR_INPUT;
	else if (!r->ripas_pending || base != progress || top > req_top)
		want = RMI_ERROR_INPUT;
	else
		want = ~0ULL;	/* SUCCESS, or an RTT error of the walk */
	res = rmi(RMI_RTT_SET_RIPAS, rf.rd, r->pa, base, top, 0);
	if (want != ~0ULL)
		expect_status(RMI_RTT_SET_RIPAS, res.x[0], want);
	else if (res.x[0] != RMI_SUCCESS && RMI_RETURN_STATUS(res.x[0]) != RMI_ERROR_RTT)
		rf_fail("RTT_SET_RIPAS of a pending request returned %#llx", ULL(res.x[0]));
	if (res.x[0] != RMI_SUCCESS) {
		after_rmi(RMI_RTT_SET_RIPAS, &(struct ripas_rule){ 0 });
		return;
	}
	if (res.x[1] <= base || res.x[1] > top)
		rf_fail("RTT_SET_RIPAS [%#llx, %#llx) returned out_top %#llx", ULL(base), ULL(top),
			ULL(res.x[1]));
	after_rmi(RMI_RTT_SET_RIPAS, &(struct ripas_rule){ base, res.x[1], (unsigned int)r->ripas_value,
							   r->ripas_change_destroyed });
	if (!rf_ripas_uniform(base, res.x[1], (unsigned int)r->ripas_value))
		rf_fail("RTT_SET_RIPAS [%#llx, %#llx) gave out_top %#llx, but not all of it is RIPAS %llu",
			ULL(base), ULL(top), ULL(res.x[1]), ULL(r->ripas_value));
	r->ripas_progress = res.x[1];
}

static void host_psci_complete(unsigned int i, const uint8_t *b)
{
	static const int64_t statuses[] = { 0, 0, PSCI_RET_DENIED, PSCI_RET_NOT_SUPPORTED,
					    PSCI_RET_INVALID_PARAMS, 1, PSCI_RET_ALREADY_ON, 0x7FFFFFFF };
	struct rf_rec *c = &rf.rec[i];
	unsigned int t = b[2] < 0xC0 && c->psci_pending && c->psci_target < rf.num_recs
				 ? (unsigned int)c->psci_target : b[2] % rf.num_recs;
	struct rf_rec *tr = &rf.rec[t];
	int64_t status = PICK(b[3], statuses), result;
	bool cpu_on = c->psci_fid == PSCI_CPU_ON_32 || c->psci_fid == PSCI_CPU_ON_64;
	uint64_t want = RMI_ERROR_INPUT;
	struct rmi_result res;

	if (!c->alive || !tr->alive || t == i || !c->psci_pending || c->psci_target != t)
		want = RMI_ERROR_INPUT;
	else if (cpu_on && (status != 0 && status != PSCI_RET_DENIED))
		want = RMI_ERROR_INPUT;
	else if (!cpu_on && status != 0)
		want = RMI_ERROR_INPUT;
	else if (cpu_on && status == PSCI_RET_DENIED && tr->runnable)
		want = RMI_ERROR_INPUT;
	else
		want = RMI_SUCCESS;
	res = rmi(RMI_PSCI_COMPLETE, c->pa, tr->pa, (uint64_t)status, 0, 0);
	expect_status(RMI_PSCI_COMPLETE, res.x[0], want);
	after_rmi(RMI_PSCI_COMPLETE, &(struct ripas_rule){ 0 });
	if (want != RMI_SUCCESS)
		return;
	if (!cpu_on)
		result = tr->runnable ? 0 : 1;
	else if (tr->runnable)
		result = PSCI_RET_ALREADY_ON;
	else if (status == PSCI_RET_DENIED)
		result = PSCI_RET_DENIED;
	else
		result = PSCI_RET_SUCCESS;
	if (cpu_on && result == PSCI_RET_SUCCESS) {
		tr->runnable = true;
		tr->reset_pending = true;
		tr->reset_entry = c->psci_entry;
		tr->reset_context = c->psci_context;
		tr->ripas_pending = tr->host_call_pending = false;
		tr->last_unprot_abort = tr->last_emulatable = false;
	}
	c->psci_pending = false;
	rf_psci_completed(i, result);
}

/* An IPA for the host's RTT and DATA commands, aligned to level. */
static uint64_t host_ipa(uint8_t b, long level)
{
	uint64_t size = s2tt_level_size(level < 0 ? 0 : level), ipa;
	const uint64_t odd[] = { rf.par, rf.par + RF_MEM_BASE, rf.par << 1, 0, 1ULL << 30,
				 rf.par - size, RF_MEM_BASE + 0x800 };

	ipa = b < 0xC0 ? RF_PAGE(b % (RF_NUM_PAGES + 2U)) : PICK(b, odd);
	return ipa & ~(size - 1U);
}

static void host_rmi(unsigned int i, const uint8_t *b)
{
	static const uint64_t fids[RR_NUM] = {
		RMI_DATA_DESTROY, RMI_DATA_CREATE_UNKNOWN, RMI_RTT_CREATE, RMI_RTT_DESTROY,
		RMI_RTT_FOLD, RMI_RTT_READ_ENTRY, RMI_RTT_MAP_UNPROTECTED, RMI_RTT_UNMAP_UNPROTECTED,
		RMI_REC_DESTROY, RMI_REALM_DESTROY, RMI_RTT_INIT_RIPAS, RMI_GRANULE_DELEGATE,
		RMI_GRANULE_UNDELEGATE,
	};
	enum rf_rmi cmd = (enum rf_rmi)(b[2] % RR_NUM);
	long level = 1 + (long)(b[4] % 3U);
	uint64_t fid = fids[cmd], ipa = host_ipa(b[3], cmd == RR_DATA_DESTROY ||
						   cmd == RR_DATA_CREATE_UNKNOWN ? 3 : level);
	uint64_t spare = pool_pa[POOL_SIZE - SPARES + b[5] % SPARES];
	struct ripas_rule rule = { 0 };
	struct rmi_result res;

	switch (cmd) {
	case RR_DATA_DESTROY:
		res = rmi(fid, rf.rd, ipa, 0, 0, 0);
		rule = (struct ripas_rule){ ipa, ipa + GRANULE_SIZE, RSI_RIPAS_DESTROYED, false };
		break;
	case RR_DATA_CREATE_UNKNOWN:
	case RR_RTT_CREATE:
		res = cmd == RR_RTT_CREATE
			      ? rmi(fid, rf.rd, spare, host_ipa(b[3], level - 1), (uint64_t)level, 0)
			      : rmi(fid, rf.rd, spare, ipa, 0, 0);
		break;
	case RR_RTT_DESTROY:
		ipa = host_ipa(b[3], level - 1);
		res = rmi(fid, rf.rd, ipa, (uint64_t)level, 0, 0);
		rule = (struct ripas_rule){ ipa, ipa + s2tt_level_size(level - 1), RSI_RIPAS_DESTROYED,
					    true };
		break;
	case RR_RTT_FOLD:
		res = rmi(fid, rf.rd, host_ipa(b[3], level - 1), (uint64_t)level, 0, 0);
		break;
	case RR_RTT_READ_ENTRY:
	case RR_UNMAP_UNPROTECTED:
		res = rmi(fid, rf.rd, ipa, (uint64_t)level, 0, 0);
		break;
	case RR_MAP_UNPROTECTED:
		res = rmi(fid, rf.rd, ipa, (uint64_t)level, NS_PAGE & ~(s2tt_level_size(level) - 1U), 0);
		break;
	case RR_REC_DESTROY:
		res = rmi(fid, rf.rec[i].pa, 0, 0, 0, 0);
		if (res.x[0] == RMI_SUCCESS)
			rf.rec[i].alive = false;
		break;
	case RR_REALM_DESTROY:
		res = rmi(fid, rf.rd, 0, 0, 0, 0);
		break;
	case RR_INIT_RIPAS:
		/* Spec 2.4: the range is checked (INPUT) before the realm's state (REALM: not NEW). */
		res = rmi(fid, rf.rd, ipa, ipa + GRANULE_SIZE, 0, 0);
		expect_status(fid, res.x[0], rf.realm_alive && ipa < rf.par ? RMI_ERROR_REALM
									   : RMI_ERROR_INPUT);
		break;
	default:
		res = rmi(fid, spare, 0, 0, 0, 0);
		break;
	}
	if (res.x[0] != RMI_SUCCESS)
		rule = (struct ripas_rule){ 0 };
	if (cmd == RR_REALM_DESTROY && res.x[0] == RMI_SUCCESS) {
		/* The realm is gone whole: no IPA of it has a RIPAS any more (rf_ripas_check's 3). */
		rule = (struct ripas_rule){ .base = 0, .top = rf.par, .value = 3U, .destroyed = true };
		rf.realm_alive = false;
		for (unsigned int k = 0; k < rf.num_recs; k++)
			rf.rec[k].alive = false;
	}
	after_rmi(fid, &rule);
}

/* ---- the fuzz target ------------------------------------------------------------------------ */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rf_tracing = getenv("RSI_FUZZ_TRACE") != NULL;
	if (getenv("RSI_FUZZ_STATS") != NULL) {
		atexit(print_rmi_stats);
		atexit(rf_print_stats);
	}
	if (getenv("RSI_FUZZ_WRITE_SEEDS") != NULL)
		exit(rf_write_seeds(getenv("RSI_FUZZ_WRITE_SEEDS")) ? 0 : 1);
	return 0;
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	boot(data, size);
	rf_in = (struct rf_input){ data + RF_RECORD, size > RF_RECORD ? size - RF_RECORD : 0U, 0 };
	while (rf_more()) {
		size_t at = rf_in.next;
		uint8_t b[RF_RECORD];
		unsigned int i;

		for (unsigned int k = 0; k < RF_RECORD; k++)
			b[k] = rf_byte(at, k);
		i = b[1] % rf.num_recs;
		switch (b[0] % RF_NUM_ACTIONS) {
		case RF_REALM_CALL:
		case RF_REALM_MMIO: {
			/* The realm acts only when the host runs it: enter its REC first. */
			int r = rf_realm_rec(b[1]);

			if (r >= 0)
				enter((unsigned int)r, 0, NULL);
			if (rf_in.next == at)
				rf_in.next += RF_RECORD;	/* it could not run */
			continue;
		}
		case RF_HOST_ENTER:
			rf_in.next += RF_RECORD;
			enter(i, (b[2] & 0x1FU) | (b[2] & 0x20U ? 1ULL << 63 : 0U), b);
			continue;
		case RF_HOST_SET_RIPAS:
			rf_in.next += RF_RECORD;
			host_set_ripas(i, b);
			continue;
		case RF_HOST_PSCI_COMPLETE:
			rf_in.next += RF_RECORD;
			host_psci_complete(i, b);
			continue;
		case RF_HOST_RMI:
			rf_in.next += RF_RECORD;
			host_rmi(i, b);
			continue;
		default:
			rf_in.next += RF_RECORD;
			continue;
		}
	}
	/* Every call made gets checked: run each REC that still owes its results once more. */
	for (unsigned int i = 0; i < rf.num_recs; i++) {
		if (rf.rec[i].call.active && enterable(i))
			enter(i, 0, NULL);
	}
	return 0;
}
