/* Invariant checker for the RMM's state on the host build (see invariants.h). */
#include "invariants.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rmm/granule.h>
#include <rmm/realm.h>
#include <rmm/rec.h>
#include <rmm/s2tt.h>

#include "harness.h"

/* The call being checked, named in every report (per thread: tests/stress checks calls on each CPU). */
static _Thread_local struct {
	bool valid;
	uint64_t fid;
	uint64_t args[5];
	uint64_t x0;
} call;

static const uint8_t zero_granule[GRANULE_SIZE];

static const char *state_name(unsigned int s)
{
	static const char *const names[] = { "UNDELEGATED", "DELEGATED", "RD", "REC",
					     "REC_AUX", "DATA", "RTT" };

	return s < sizeof(names) / sizeof(names[0]) ? names[s] : "(invalid)";
}

static const char *call_name(void)
{
	const struct rmi_command *cmd = rmi_command_lookup(call.fid);

	return cmd != NULL ? cmd->name : "?";
}

static void report_call(void)
{
	if (!call.valid)
		return;
	fprintf(stderr, "  after %s(%#llx, %#llx, %#llx, %#llx, %#llx) returned x0 = %#llx\n",
		call_name(), (unsigned long long)call.args[0],
		(unsigned long long)call.args[1], (unsigned long long)call.args[2],
		(unsigned long long)call.args[3], (unsigned long long)call.args[4],
		(unsigned long long)call.x0);
}

__attribute__((format(printf, 1, 2))) static _Noreturn void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("INVARIANT VIOLATED: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	report_call();
	abort();
}

#define PA(x)	((unsigned long long)(x))

/* ---- per-granule ----------------------------------------------------------- */

void inv_pool_bind(const struct inv_pool *pool)
{
	for (unsigned int i = 0; i < pool->n; i++) {
		pool->g[i] = granule_find(pool->pa[i]);
		if (pool->g[i] == NULL)
			fail("pool granule %#llx is not tracked", PA(pool->pa[i]));
	}
}

/* Checks that need only the granule itself. */
static void check_granule(const struct inv_pool *pool, unsigned int i, const struct granule *g)
{
	uint64_t pa = pool->pa[i];
	enum host_pas pas = host_gpt_get(pa);

	if (g->state > GRANULE_STATE_RTT)
		fail("granule %#llx has state value %u", PA(pa), g->state);
	if (g->lock != 0U)
		fail("granule %#llx (%s) is still locked", PA(pa), state_name(g->state));
	/* The granule table and the GPT must never disagree (spec 2.2). */
	if ((g->state == GRANULE_STATE_UNDELEGATED) != (pas == HOST_PAS_NS) ||
	    (g->state != GRANULE_STATE_UNDELEGATED && pas != HOST_PAS_REALM))
		fail("granule %#llx is %s but its GPT entry is %d", PA(pa), state_name(g->state),
		     (int)pas);
	if (g->state == GRANULE_STATE_DELEGATED &&
	    memcmp(host_pa_ptr(pa), zero_granule, GRANULE_SIZE) != 0)
		fail("DELEGATED granule %#llx is not all zero", PA(pa));
	/* Only RTTs (live entries) and RDs (RECs) count references. */
	if ((g->refcount != 0U && g->state != GRANULE_STATE_RTT && g->state != GRANULE_STATE_RD) ||
	    (g->ns_refcount != 0U && g->state != GRANULE_STATE_RTT))
		fail("%s granule %#llx has refcount %u, ns_refcount %u", state_name(g->state), PA(pa),
		     g->refcount, g->ns_refcount);
}

/* ---- references from RDs, RTTs and RECs ------------------------------------ */

struct scan {
	const struct inv_pool *pool;
	struct granule *const *g;		/* pool->g */
	uint64_t plain_par, plain_ns;		/* the entries most tables are full of */
	uint8_t refs[INV_MAX_POOL];	/* as a root RTT, a TABLE target or ASSIGNED output */
	uint8_t aux_owners[INV_MAX_POOL];
	uint32_t recs[INV_MAX_POOL];	/* RECs whose rd_pa is this granule */
	uint8_t realm;			/* NO_OWNER, or the RD being scanned (its pool index + 1) */
	uint8_t owner[INV_MAX_POOL];	/* the realm each object belongs to, in the same form */
};

#define NO_OWNER	0U

/* The last full scan: owners as of the last state that passed the checks. */
static struct scan scan;

static int pool_index(const struct inv_pool *pool, uint64_t pa)
{
	for (unsigned int i = 0; i < pool->n; i++) {
		if (pool->pa[i] == pa)
			return (int)i;
	}
	return -1;
}

/* The pool index of pa, which `what` expects in state want. */
static unsigned int expect_state(const struct scan *s, uint64_t pa, enum granule_state want,
				 const char *what)
{
	int i = pool_index(s->pool, pa);
	const struct granule *g;

	if (i < 0)
		fail("%s %#llx is outside the pool (or not a granule)", what, PA(pa));
	g = s->g[i];
	if (g->state != want)
		fail("%s %#llx is %s, not %s", what, PA(pa), state_name(g->state), state_name(want));
	return (unsigned int)i;
}

/* Records one reference to pa from a stage-2 table or an RD. */
static void add_ref(struct scan *s, uint64_t pa, enum granule_state want, const char *what)
{
	unsigned int i = expect_state(s, pa, want, what);

	if (s->refs[i]++ != 0U)
		fail("%s %#llx is referenced twice", what, PA(pa));
	s->owner[i] = s->realm;
}

/* ---- stage-2 tables --------------------------------------------------------- */

struct realm_view {
	uint64_t rd_pa;
	uint64_t par_end;	/* end of the protected half */
	uint64_t ipa_end;	/* 2^s2sz */
	bool lpa2;		/* its entries' format */
};

static void check_table(struct scan *s, const struct realm_view *r, uint64_t pa, long level,
			uint64_t base);

/* An ASSIGNED entry: the granules it maps are DATA, each mapped once. */
static void check_assigned(struct scan *s, uint64_t e, long level, uint64_t ipa, bool lpa2)
{
	uint64_t oa = s2tte_oa(e, lpa2), size = s2tt_level_size(level);

	if ((oa & (size - 1U)) != 0U)
		fail("ASSIGNED entry %#llx at level %ld (IPA %#llx) has an unaligned OA", PA(e), level,
		     PA(ipa));
	/* A valid protected mapping is RAM; an invalid one must not claim RAM. */
	if ((e & 1U) == 0U && s2tte_ripas(e) == RIPAS_RAM)
		fail("ASSIGNED entry %#llx (IPA %#llx) is RIPAS RAM but not mapped", PA(e), PA(ipa));
	for (uint64_t off = 0; off < size; off += GRANULE_SIZE)
		add_ref(s, oa + off, GRANULE_STATE_DATA, "ASSIGNED output address");
}

/* HIPAS and RIPAS an entry may have, given the half of the IPA space it covers. */
static void check_entry_kind(uint64_t e, enum s2tt_hipas h, long level, uint64_t ipa, bool par,
			     bool lpa2)
{
	bool ns = h == HIPAS_UNASSIGNED_NS || h == HIPAS_ASSIGNED_NS;

	if (h > HIPAS_TABLE)
		fail("entry %#llx at level %ld (IPA %#llx) does not decode", PA(e), level, PA(ipa));
	if (h != HIPAS_TABLE && ns == par)
		fail("entry %#llx at level %ld (IPA %#llx): HIPAS %d in the %s half", PA(e), level,
		     PA(ipa), (int)h, par ? "protected" : "unprotected");
	if (!ns && h != HIPAS_TABLE && s2tte_ripas(e) > RIPAS_DESTROYED)
		fail("entry %#llx (IPA %#llx) has RIPAS %d", PA(e), PA(ipa), (int)s2tte_ripas(e));
	if ((h == HIPAS_ASSIGNED || h == HIPAS_ASSIGNED_NS) && level < S2TT_MIN_BLOCK_LEVEL)
		fail("block entry %#llx at level %ld (IPA %#llx)", PA(e), level, PA(ipa));
	if (h == HIPAS_ASSIGNED_NS && (s2tte_oa(e, lpa2) & (s2tt_level_size(level) - 1U)) != 0U)
		fail("ASSIGNED_NS entry %#llx at level %ld has an unaligned OA", PA(e), level);
}

/* Checks one entry; returns its HIPAS, for the RTT's counts. */
static enum s2tt_hipas check_entry(struct scan *s, const struct realm_view *r, uint64_t e,
				   long level, uint64_t ipa)
{
	enum s2tt_hipas h = s2tte_hipas(e, level);

	/*
	 * Root entries beyond 2^s2sz exist only because the root is a whole
	 * table: no walk reaches them (every command bounds the IPA first), so
	 * their state is free, but a live one would hold a reference for good.
	 */
	if (ipa >= r->ipa_end) {
		if (h > HIPAS_TABLE || s2tte_is_live(e, level))
			fail("entry %#llx at level %ld covers IPA %#llx beyond 2^s2sz", PA(e),
			     level, PA(ipa));
		return h;
	}
	check_entry_kind(e, h, level, ipa, ipa < r->par_end, r->lpa2);
	if (h == HIPAS_ASSIGNED) {
		check_assigned(s, e, level, ipa, r->lpa2);
	} else if (h == HIPAS_TABLE) {
		add_ref(s, s2tte_table_oa(e), GRANULE_STATE_RTT, "TABLE entry target");
		check_table(s, r, s2tte_table_oa(e), level + 1, ipa);
	}
	return h;
}

static void check_table(struct scan *s, const struct realm_view *r, uint64_t pa, long level,
			uint64_t base)
{
	const uint64_t *t = host_pa_ptr(pa);
	const struct granule *g = s->g[pool_index(s->pool, pa)];
	unsigned int refs = 0, ns_refs = 0;

	for (unsigned int i = 0; i < S2TT_ENTRIES; i++) {
		uint64_t ipa = base + (uint64_t)i * s2tt_level_size(level);
		enum s2tt_hipas h;

		/* Fast path, as this runs after every call: plain UNASSIGNED entries are fine. */
		if (t[i] == (ipa < r->par_end ? s->plain_par : s->plain_ns))
			continue;
		h = check_entry(s, r, t[i], level, ipa);
		refs += h == HIPAS_ASSIGNED || h == HIPAS_TABLE;
		ns_refs += h == HIPAS_ASSIGNED_NS;
	}
	/* refs counts what s2tt_count_refs() counts; it is called only to report. */
	if (g->refcount != refs || g->ns_refcount != ns_refs)
		fail("RTT %#llx (level %ld, realm %#llx) has refcount %u, ns_refcount %u, but %u "
		     "ASSIGNED/TABLE entries (s2tt_count_refs: %u), %u ASSIGNED_NS", PA(pa), level,
		     PA(r->rd_pa), g->refcount, g->ns_refcount, refs, s2tt_count_refs(t, level),
		     ns_refs);
}

/* ---- realms and RECs ---------------------------------------------------------- */

static void check_rd_fields(uint64_t pa, const struct rd *rd)
{
	if (rd->state > REALM_SYSTEM_OFF)
		fail("RD %#llx has realm state %d", PA(pa), (int)rd->state);
	if (rd->s2.start_level < 0 || rd->s2.start_level > 3 || rd->s2.num_root < 1U ||
	    rd->s2.num_root > REALM_MAX_ROOT_RTTS || rd->s2.s2sz < 32U || rd->s2.s2sz > 48U)
		fail("RD %#llx has geometry sl %ld, %u roots, s2sz %u", PA(pa), rd->s2.start_level,
		     rd->s2.num_root, rd->s2.s2sz);
}

static void check_realm(struct scan *s, uint64_t pa)
{
	const struct rd *rd = host_pa_ptr(pa);
	struct realm_view r;
	uint64_t root_span;

	check_rd_fields(pa, rd);
	s->realm = (uint8_t)(pool_index(s->pool, pa) + 1);
	s->owner[s->realm - 1U] = s->realm;
	r = (struct realm_view){ pa, 1ULL << (rd->s2.s2sz - 1U), 1ULL << rd->s2.s2sz, rd->s2.lpa2 };
	root_span = S2TT_ENTRIES * s2tt_level_size(rd->s2.start_level);
	for (unsigned int i = 0; i < rd->s2.num_root; i++) {
		uint64_t root = rd->s2.rtt_base + i * GRANULE_SIZE;

		add_ref(s, root, GRANULE_STATE_RTT, "root RTT");
		check_table(s, &r, root, rd->s2.start_level, i * root_span);
	}
}

static void check_rec(struct scan *s, uint64_t pa)
{
	const struct rec *rec = host_pa_ptr(pa);
	unsigned int rd;

	/* Nothing runs a REC on the host build between calls. */
	if (rec->state != REC_READY)
		fail("REC %#llx is not READY between calls", PA(pa));
	rd = expect_state(s, rec->rd_pa, GRANULE_STATE_RD, "REC's RD");
	s->recs[rd]++;
	s->owner[pool_index(s->pool, pa)] = (uint8_t)(rd + 1U);
	if (rec->num_aux > RMI_REC_MAX_AUX)
		fail("REC %#llx has %llu aux granules", PA(pa), (unsigned long long)rec->num_aux);
	for (unsigned int i = 0; i < rec->num_aux; i++) {
		unsigned int j = expect_state(s, rec->aux[i], GRANULE_STATE_REC_AUX, "REC aux granule");

		if (s->aux_owners[j]++ != 0U)
			fail("aux granule %#llx belongs to two RECs (or twice to one)", PA(rec->aux[i]));
		s->owner[j] = (uint8_t)(rd + 1U);
	}
}

/* VMIDs the bitmap check probes: those the fuzzer picks (0..7, byte and u16 edges). */
static const uint16_t probe_vmids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 0xFF, 0x100, 0xFFFE, 0xFFFF };

static bool vmid_live(const struct inv_pool *pool, uint16_t vmid)
{
	for (unsigned int i = 0; i < pool->n; i++) {
		if (pool->g[i]->state == GRANULE_STATE_RD &&
		    ((const struct rd *)host_pa_ptr(pool->pa[i]))->s2.vmid == vmid)
			return true;
	}
	return false;
}

/*
 * The RMM's VMID bitmap agrees with the live realms: a probe reserves (and
 * frees again) each probed VMID no live realm uses, and fails for each one
 * in use. A leaked VMID would make REALM_CREATE fail for good.
 */
static void check_vmid_bitmap(const struct inv_pool *pool)
{
	for (unsigned int i = 0; i < sizeof(probe_vmids) / sizeof(probe_vmids[0]); i++) {
		bool live = vmid_live(pool, probe_vmids[i]), free = vmid_reserve(probe_vmids[i]);

		if (free)
			vmid_release(probe_vmids[i]);
		if (free == live)
			fail("VMID %u is %s, but %s live realm uses it", probe_vmids[i],
			     free ? "free" : "reserved", live ? "a" : "no");
	}
}

/* Two live realms never share a VMID (it tags their TLB entries). */
static void check_vmids(const struct scan *s)
{
	const struct inv_pool *pool = s->pool;

	for (unsigned int i = 0; i < pool->n; i++) {
		if (s->g[i]->state != GRANULE_STATE_RD)
			continue;
		for (unsigned int j = i + 1U; j < pool->n; j++) {
			if (s->g[j]->state == GRANULE_STATE_RD &&
			    ((const struct rd *)host_pa_ptr(pool->pa[i]))->s2.vmid ==
				    ((const struct rd *)host_pa_ptr(pool->pa[j]))->s2.vmid)
				fail("realms %#llx and %#llx share a VMID", PA(pool->pa[i]),
				     PA(pool->pa[j]));
		}
	}
}

/* After the scan: every RTT/DATA referenced once, aux owned once, RD refcount = RECs. */
static void check_counts(const struct scan *s, unsigned int i)
{
	uint64_t pa = s->pool->pa[i];
	const struct granule *g = s->g[i];

	if ((g->state == GRANULE_STATE_RTT || g->state == GRANULE_STATE_DATA) && s->refs[i] == 0U)
		fail("%s granule %#llx is not referenced by any realm (leaked)", state_name(g->state),
		     PA(pa));
	if (g->state == GRANULE_STATE_REC_AUX && s->aux_owners[i] != 1U)
		fail("REC_AUX granule %#llx has %u owning RECs", PA(pa), s->aux_owners[i]);
	if (g->state == GRANULE_STATE_RD && g->refcount != s->recs[i])
		fail("RD %#llx has refcount %u but %u RECs", PA(pa), g->refcount, s->recs[i]);
}

/* What the structural checks do not read: locks, the GPT, DELEGATED contents, VMIDs. */
static void check_granules(const struct inv_pool *pool)
{
	for (unsigned int i = 0; i < pool->n; i++)
		check_granule(pool, i, pool->g[i]);
	check_vmid_bitmap(pool);
}

void inv_check_state(const struct inv_pool *pool)
{
	struct scan *s = &scan;

	memset(s, 0, sizeof(*s));
	s->pool = pool;
	s->plain_par = s2tte_unassigned(RIPAS_EMPTY);
	s->plain_ns = s2tte_unassigned_ns();
	s->g = pool->g;
	check_granules(pool);
	for (unsigned int i = 0; i < pool->n; i++) {
		enum granule_state st = s->g[i]->state;

		if (st == GRANULE_STATE_RD)
			check_realm(s, pool->pa[i]);
		else if (st == GRANULE_STATE_REC)
			check_rec(s, pool->pa[i]);
	}
	check_vmids(s);
	for (unsigned int i = 0; i < pool->n; i++)
		check_counts(s, i);
}

/* ---- calls ---------------------------------------------------------------------- */

/*
 * Granules whose contents a snapshot keeps. NS contents are the host's;
 * DELEGATED ones are zero before and after (check_granule), so equal.
 */
static bool holds_object(unsigned int state)
{
	return state != GRANULE_STATE_UNDELEGATED && state != GRANULE_STATE_DELEGATED;
}

void inv_snapshot_take(const struct inv_pool *pool, struct inv_snapshot *snap)
{
	for (unsigned int i = 0; i < pool->n; i++) {
		const struct granule *g = pool->g[i];

		snap->state[i] = g->state;
		snap->owner[i] = scan.owner[i];
		snap->refcount[i] = g->refcount;
		snap->ns_refcount[i] = g->ns_refcount;
		if (holds_object(g->state))
			memcpy(snap->content[i], host_pa_ptr(pool->pa[i]), GRANULE_SIZE);
	}
	host_access_log_start();
}

/* x0 = (index << 8) | status; index 0 except for RTT (the level) and REC_ENTER's REALM. */
static void check_status(uint64_t fid, uint64_t x0)
{
	uint64_t status = RMI_RETURN_STATUS(x0), index = RMI_RETURN_INDEX(x0);
	uint64_t max_index = 0;

	if (status == RMI_ERROR_RTT)
		max_index = S2TT_PAGE_LEVEL;
	else if (status == RMI_ERROR_REALM && fid == RMI_REC_ENTER)
		max_index = 1;
	if ((x0 >> 16) != 0U || status > RMI_ERROR_RTT || index > max_index)
		fail("malformed status word %#llx", PA(x0));
}

/* Index of the first pool granule the call changed, or -1. */
static int first_change(const struct inv_pool *pool, const struct inv_snapshot *before)
{
	for (unsigned int i = 0; i < pool->n; i++) {
		const struct granule *g = pool->g[i];

		if (g->state != before->state[i] || g->refcount != before->refcount[i] ||
		    g->ns_refcount != before->ns_refcount[i] ||
		    (holds_object(before->state[i]) &&
		     memcmp(host_pa_ptr(pool->pa[i]), before->content[i], GRANULE_SIZE) != 0))
			return (int)i;
	}
	return -1;
}

/* A failed command changes no state (spec 1.4). */
static _Noreturn void fail_changed(const struct inv_pool *pool, const struct inv_snapshot *before,
				   unsigned int i)
{
	const struct granule *g = pool->g[i];

	fail("failed call changed granule %#llx: %s/%u/%u -> %s/%u/%u (state/refcount/ns_refcount)%s",
	     PA(pool->pa[i]), state_name(before->state[i]), before->refcount[i],
	     before->ns_refcount[i], state_name(g->state), g->refcount, g->ns_refcount,
	     g->state == before->state[i] && g->refcount == before->refcount[i] &&
	     g->ns_refcount == before->ns_refcount[i] ? ", contents" : "");
}

/* ---- what a call touched -------------------------------------------------------- */

static bool in_rmm_region(uint64_t pa)
{
	return pa >= HOST_RMM_BASE && pa < HOST_SHARED_BUF + GRANULE_SIZE;
}

/*
 * Every granule the call mapped is one the RMM may map at all: tracked, not
 * the RMM's own memory, and held by the RMM (not UNDELEGATED) before or after
 * the call; NS memory is reached only through the NS PAS (arch_ns_read/write).
 * Whatever the RMM holds is in the pool (invariants.h), so a mapped granule
 * outside it is UNDELEGATED.
 */
/* The checks of check_mapped() that need no snapshot; the pool index of each mapped granule. */
static void check_mapped_in_pool(const struct inv_pool *pool, int index[HOST_ACCESS_MAX])
{
	const struct host_access_log *l = &host_access_log;

	if (l->overflow)
		fail("%s mapped more than %u granules or made more than %u NS writes", call_name(),
		     HOST_ACCESS_MAX, HOST_ACCESS_MAX);
	for (unsigned int k = 0; k < l->num_mapped; k++) {
		uint64_t pa = l->mapped[k];
		int i = pool_index(pool, pa);

		if (in_rmm_region(pa))
			fail("%s mapped granule %#llx, the RMM's own memory [%#llx, %#llx)", call_name(),
			     PA(pa), PA(HOST_RMM_BASE), PA(HOST_SHARED_BUF + GRANULE_SIZE));
		if (granule_find(pa) == NULL)
			fail("%s mapped %#llx, which is not a tracked granule", call_name(), PA(pa));
		if (i < 0)
			fail("%s mapped granule %#llx, UNDELEGATED (no granule the harness named)",
			     call_name(), PA(pa));
		index[k] = i;
	}
}

void inv_check_mapped(const struct inv_pool *pool, uint64_t fid, const uint64_t args[5],
		      const struct rmi_result *res)
{
	int index[HOST_ACCESS_MAX];

	call.valid = true;
	call.fid = fid;
	memcpy(call.args, args, sizeof(call.args));
	call.x0 = res->x[0];
	check_mapped_in_pool(pool, index);
	call.valid = false;
}

static void check_mapped(const struct inv_pool *pool, const struct inv_snapshot *before)
{
	const struct host_access_log *l = &host_access_log;
	int index[HOST_ACCESS_MAX];

	check_mapped_in_pool(pool, index);
	for (unsigned int k = 0; k < l->num_mapped; k++) {
		uint64_t pa = l->mapped[k];
		int i = index[k];

		if (before->state[i] == GRANULE_STATE_UNDELEGATED &&
		    pool->g[i]->state == GRANULE_STATE_UNDELEGATED)
			fail("%s mapped granule %#llx, UNDELEGATED before and after the call",
			     call_name(), PA(pa));
	}
}

static void check_not_secret(uint64_t w, const char *where, uint64_t at)
{
	if (host_rmm_secret_word(w))
		fail("%s leaked %#llx, a word of the RMM's own memory, in %s %#llx", call_name(),
		     PA(w), where, PA(at));
}

/*
 * Nothing the host gets back (x1..x4, NS memory the RMM wrote) holds a word
 * the platform planted in the RMM's region, and no planted word changed.
 */
static void check_secrets(const struct rmi_result *res)
{
	const struct host_access_log *l = &host_access_log;
	uint64_t changed = host_rmm_region_changed();

	for (unsigned int r = 1; r < 5; r++)
		check_not_secret(res->x[r], "register x", r);
	for (unsigned int k = 0; k < l->num_ns_writes; k++) {
		for (uint64_t off = 0; off < l->ns_write[k].len; off += 8U) {
			uint64_t w;

			memcpy(&w, host_pa_ptr(l->ns_write[k].pa + off), sizeof(w));
			check_not_secret(w, "NS memory at", l->ns_write[k].pa + off);
		}
	}
	if (changed != 0U)
		fail("%s changed the RMM's own memory at %#llx", call_name(), PA(changed));
}

/* The realm pa belongs to in owner[] (its RD's pool index + 1), or NO_OWNER. */
static uint8_t owner_of(const struct inv_pool *pool, uint64_t pa, const uint8_t *owner)
{
	int i = pool_index(pool, pa);

	return i >= 0 ? owner[i] : (uint8_t)NO_OWNER;
}

static uint64_t owner_pa(const struct inv_pool *pool, uint8_t owner)
{
	return owner != NO_OWNER ? pool->pa[owner - 1U] : 0U;
}

/*
 * A call maps only granules the host named in it (any argument), or objects
 * of the realm its first argument (rd, or the REC) belongs to before or
 * after it: a walk never strays into another realm's tables or data, or
 * into a granule that is nobody's. Owners come from the structural scan.
 */
static void check_owners(const struct inv_pool *pool, const uint64_t args[5],
			 const struct inv_snapshot *before)
{
	const struct host_access_log *l = &host_access_log;
	uint8_t r0 = owner_of(pool, args[0], before->owner), r1 = owner_of(pool, args[0], scan.owner);

	for (unsigned int k = 0; k < l->num_mapped; k++) {
		uint64_t pa = l->mapped[k];
		unsigned int i = (unsigned int)pool_index(pool, pa);	/* check_mapped: in the pool */
		bool ok = false;

		for (unsigned int a = 0; a < 5U; a++)
			ok |= args[a] == pa;
		for (unsigned int j = 0; j < 2U; j++) {
			uint8_t o = j == 0U ? before->owner[i] : scan.owner[i];

			ok |= o != NO_OWNER && (o == r0 || o == r1);
		}
		if (!ok)
			fail("%s mapped granule %#llx (%s before, %s after; of realm %#llx before, "
			     "%#llx after), which it does not name and which is not of realm %#llx/%#llx "
			     "(of its first argument; 0: none)", call_name(), PA(pa),
			     state_name(before->state[i]), state_name(pool->g[i]->state),
			     PA(owner_pa(pool, before->owner[i])), PA(owner_pa(pool, scan.owner[i])),
			     PA(owner_pa(pool, r0)), PA(owner_pa(pool, r1)));
	}
}

void inv_check_call(const struct inv_pool *pool, uint64_t fid, const uint64_t args[7],
		    const struct rmi_result *res, const struct inv_snapshot *before)
{
	int changed;

	call.valid = true;
	call.fid = fid;
	memcpy(call.args, args, sizeof(call.args));
	call.x0 = res->x[0];
	check_status(fid, res->x[0]);
	check_mapped(pool, before);
	check_secrets(res);
	changed = first_change(pool, before);
	if (changed >= 0 && res->x[0] != RMI_SUCCESS)
		fail_changed(pool, before, (unsigned int)changed);
	if (changed >= 0) {
		inv_check_state(pool);
	} else {
		/*
		 * The structural checks read only what the snapshot holds, which is
		 * as it was when they last passed; what it does not hold is checked.
		 */
		check_granules(pool);
	}
	check_owners(pool, args, before);	/* needs the owners after the call: the scan above */
	call.valid = false;
}
