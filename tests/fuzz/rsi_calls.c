/*
 * The realm side of the RSI fuzzer: the step function that plays the
 * realm inside REC_ENTER, the calls it makes from the input (arguments
 * biased to boundaries) and what the specification says each call must
 * give back (shared/spec/rmm-1.0-abi.md section 4, not rmm/): the return
 * code, the output registers and that no other register changes, the exit
 * the call causes, and the memory and measurements it may change.
 *
 * A call's results are checked when its REC next runs (the step function
 * sees the registers the RMM left), whether the RMM answered it at once or
 * the host completed it in between.
 */
#include <stdio.h>
#include <string.h>

#include <atoll/smccc.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include <rmm/arch.h>
#include <rmm/realm.h>
#include <rmm/rec.h>

#include "harness.h"
#include "rsi_fuzz.h"

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))
#define ULL(x)		((unsigned long long)(x))

#define ESR_SMC		((0x17ULL << 26) | (1ULL << 25))
#define ESR_HVC		((0x16ULL << 26) | (1ULL << 25))
#define EC_DABT_LOWER	0x24ULL
#define ESR_IL		(1ULL << 25)
#define ESR_ISV		(1ULL << 24)
#define ESR_SSE		(1ULL << 21)
#define ESR_SF		(1ULL << 15)
#define ESR_WNR		(1ULL << 6)
#define FSC_TRANS(l)	(0x04ULL + (uint64_t)(l))
/* What the host sees of an emulatable abort, and of any other (spec 3.4). */
#define ESR_MMIO_KEEP	((0x3FULL << 26) | ESR_ISV | (3ULL << 22) | ESR_SF | ESR_WNR | (3ULL << 11) | \
			 (1ULL << 10) | (1ULL << 9) | 0x3FULL)
#define ESR_ABORT_KEEP	((0x3FULL << 26) | (3ULL << 11) | (1ULL << 10) | (1ULL << 9) | 0x3FULL)

#define PSTATE_EL1H_DAIF	0x3C5ULL
#define TOKEN_MAX		RSI_ATTEST_TOKEN_MAX_SIZE

/* Output registers x0..xn of each call: the rest must keep their values. */
#define OUT(n)		((1U << ((n) + 1U)) - 1U)

static const char *const call_names[RC_NUM_CALLS] = {
	"RSI_VERSION", "RSI_FEATURES", "RSI_MEASUREMENT_READ", "RSI_MEASUREMENT_EXTEND",
	"RSI_ATTEST_TOKEN_INIT", "RSI_ATTEST_TOKEN_CONTINUE", "RSI_REALM_CONFIG",
	"RSI_IPA_STATE_SET", "RSI_IPA_STATE_GET", "RSI_HOST_CALL", "RSI_ATOLL_SEALING_KEY",
	"SMCCC_VERSION", "PSCI_VERSION", "PSCI_FEATURES", "PSCI_CPU_SUSPEND", "PSCI_CPU_OFF",
	"PSCI_CPU_ON", "PSCI_AFFINITY_INFO", "PSCI_SYSTEM_OFF", "PSCI_SYSTEM_RESET",
	"another PSCI FID", "an unknown FID",
};

const char *rf_call_name(enum rf_call c)
{
	return c < RC_NUM_CALLS ? call_names[c] : "a data abort";
}

/* ---- argument choices ------------------------------------------------------------------ */

#define PICK(b, table)	((table)[(b) % ARRAY_LEN(table)])

/* A page of the realm's memory (rsi_fuzz.h), mostly; from 0xA0 an IPA at some edge. */
static uint64_t pick_ipa(uint8_t b)
{
	const uint64_t odd[] = {
		RF_PAGE(0) + 0x800, RF_PAGE(1) + 0x100, RF_PAGE(0) + 8, RF_PAGE(2) + 1,
		rf.par - 0x1000, rf.par, (rf.par << 1) - 0x1000, rf.par << 1, 1ULL << 63 | RF_PAGE(0),
		~0xFFFULL, 0, 1ULL << 48, RF_PAGE(0) | 1ULL << 32, rf.par | RF_PAGE(0),
		rf.par - 0x800,
	};

	return b < 0xA0 ? RF_PAGE(b % RF_NUM_PAGES) : PICK(b - 0xA0U, odd);
}

/* An RsiHostCall address: 256-byte slots of the pages, then edges. */
static uint64_t pick_host_call(uint8_t b, uint8_t slot)
{
	if (b < 0xA0)
		return RF_PAGE(b % RF_NUM_PAGES) + (slot & 0xFU) * 0x100U;
	return pick_ipa(b) + (slot & 0x10U ? 0x80U : 0U);
}

/*
 * A range [base, top) of the realm's pages, or from 0xA0 a pair at some
 * edge: around the end of PAR, empty, reversed, unaligned, wrapping, huge.
 */
static void pick_range(uint8_t b, uint8_t c, uint64_t *base, uint64_t *top)
{
	static const uint64_t counts[] = { 1, 2, 4, 8, 16, 512, 0, 1ULL << 20 };
	const uint64_t p = rf.par, k = 0x1000, m = RF_PAGE(0);
	const uint64_t odd[][2] = {
		{ p - k, p }, { p - k, p + k }, { p - 2 * k, p }, { 0, p }, { p, p + k }, { m, m },
		{ m + k, m }, { m, m + 0x800 }, { m + 0x800, m + 2 * k }, { ~0xFFFULL, k }, { p - k, 0 },
		{ m, ~0xFFFULL }, { 1ULL << 63 | m, 1ULL << 63 | (m + 2 * k) }, { m, 1ULL << 48 },
		{ m, m + (1ULL << 32) }, { p - k, p - k + (1ULL << 63) },
	};

	if (b >= 0xA0) {
		*base = odd[(b - 0xA0U) % ARRAY_LEN(odd)][0];
		*top = odd[(b - 0xA0U) % ARRAY_LEN(odd)][1];
		return;
	}
	*base = RF_PAGE(b % RF_NUM_PAGES);
	*top = c < 0xC0 ? *base + PICK(c, counts) * GRANULE_SIZE : pick_ipa(c);
}

/* Sizes and offsets of token pieces and measurement data. */
static const uint64_t sizes[] = {
	64, 0, 1, 32, 63, 65, 128, 4095, 4096, 4097, ~0ULL, 1ULL << 63, 1ULL << 32, 0x800, 256,
};
static const uint64_t offsets[] = {
	0, 0, 0, 1, 64, 0x800, 4095, 4096, 4097, ~0ULL, 1ULL << 63, 1ULL << 32 | 0x10,
};

/* A 64-bit value: plain, or one whose upper half an SMC32 call must ignore. */
static uint64_t pick_u64(uint8_t b, uint64_t plain)
{
	const uint64_t odd[] = {
		plain | 0xDEAD000000000000ULL, plain | 1ULL << 32, ~0ULL, 0, 1ULL << 63, plain + 1U,
	};

	return b < 0x80 ? plain : PICK(b, odd);
}

/* A PSCI target: the MPIDR of REC b mod 8 (some do not exist), or one with bad bits. */
static uint64_t pick_mpidr(uint8_t b)
{
	uint64_t idx = b & 7U, m = idx;	/* Aff0 holds index bits 3:0 */
	const uint64_t odd[] = {
		m | 0x10, m | 1ULL << 31, m | 1ULL << 32, m | 0x100, m | 1ULL << 40, ~0ULL,
		m | 0xFFFF0000000000ULL,
	};

	return b < 0xC0 ? m : PICK(b, odd);
}

/* ---- the model's view of a target ------------------------------------------------------ */

/* A PSCI MPIDR (MPIDR_EL1 layout) as a REC index, or -1 (spec 2.2: REC index / MPIDR). */
static long target_index(uint64_t mpidr, unsigned int num_created)
{
	uint64_t idx;

	if ((mpidr & ~0xFF00FFFFFFULL) != 0U || (mpidr & 0xF0U) != 0U)
		return -1;
	idx = (mpidr & 0xFU) | ((mpidr >> 8) & 0xFFU) << 4 | ((mpidr >> 16) & 0xFFU) << 12 |
	      ((mpidr >> 32) & 0xFFU) << 20;
	return idx < num_created ? (long)idx : -1;
}

/* ---- measurements ----------------------------------------------------------------------- */

static unsigned int digest_size(void)
{
	return rf.algo == RMI_HASH_SHA_512 ? 64U : 32U;
}

/* The spec's REM extension: REM = H(REM[0..digest) || data[0..size)). */
static void model_extend(uint8_t rem[64], const uint64_t *x3, uint64_t size)
{
	uint8_t in[128], out[64] = { 0 };
	unsigned int d = digest_size();

	memcpy(in, rem, d);
	memcpy(in + d, x3, (size_t)size);
	if (d == 64U)
		(void)mbedtls_sha512(in, d + (size_t)size, out, 0);
	else
		(void)mbedtls_sha256(in, d + (size_t)size, out, 0);
	memcpy(rem, out, 64);
}

/* Measurements change only through MEASUREMENT_EXTEND, as the model says. */
void rf_check_measurements(const char *what)
{
	const struct rd *rd;

	if (!rf.realm_alive)
		return;
	rd = host_pa_ptr(rf.rd);
	if (memcmp(rd->rim, rf.rim, sizeof(rf.rim)) != 0)
		rf_fail("%s changed the RIM of an active realm", what);
	for (unsigned int i = 0; i < 4; i++) {
		if (memcmp(rd->rem[i], rf.rem[i], sizeof(rf.rem[i])) != 0)
			rf_fail("%s left REM%u different from what the extensions give", what, i);
	}
}

/* ---- the realm's own memory -------------------------------------------------------------- */

/* The realm writes len bytes at ipa, if the page is mapped; the model follows. */
static void realm_write(uint64_t ipa, const void *src, size_t len)
{
	long level;
	uint64_t pa;
	unsigned int page = (unsigned int)((ipa - RF_MEM_BASE) / GRANULE_SIZE);

	if (ipa < RF_MEM_BASE || page >= RF_NUM_PAGES ||
	    rf_view_page(ipa & ~(GRANULE_SIZE - 1U), &level, &pa) != RF_MAPPED)
		return;
	memcpy((uint8_t *)host_pa_ptr(pa) + (ipa & (GRANULE_SIZE - 1U)), src, len);
	if (rf.page_known[page])
		memcpy(rf.page[page] + (ipa & (GRANULE_SIZE - 1U)), src, len);
}

/* The model's copy of realm memory at ipa (the page must be known). */
static uint8_t *model_at(uint64_t ipa)
{
	unsigned int page = (unsigned int)((ipa - RF_MEM_BASE) / GRANULE_SIZE);

	if (ipa < RF_MEM_BASE || page >= RF_NUM_PAGES || !rf.page_known[page])
		return NULL;
	return rf.page[page] + (ipa & (GRANULE_SIZE - 1U));
}

/* ---- checking a call's results -------------------------------------------------------- */

static unsigned int rec_of(const struct rec_regs *regs)
{
	for (unsigned int i = 0; i < rf.num_recs; i++) {
		if (rf.rec[i].alive && host_pa_ptr(rf.rec[i].pa) == (const void *)regs)
			return i;
	}
	rf_fail("REC_ENTER ran a REC the harness does not know");
}

static const char *reg_fmt(const struct rf_pending *p)
{
	static char buf[96];

	snprintf(buf, sizeof(buf), "%s (FID %#x, x1 %#llx, x2 %#llx, x3 %#llx)",
		 rf_call_name(p->call), p->fid, ULL(p->regs[1]), ULL(p->regs[2]),
		 ULL(p->regs[3]));
	return buf;
}

static void check_regs(unsigned int i, const struct rf_pending *p, const struct rec_regs *now)
{
	const struct rec *rec = host_pa_ptr(rf.rec[i].pa);

	for (unsigned int r = 0; r < 31; r++) {
		if ((p->outputs & (1U << r)) == 0U && now->x[r] != p->regs[r])
			rf_fail("REC %u: %s changed x%u from %#llx to %#llx, not one of its outputs", i,
				reg_fmt(p), r, ULL(p->regs[r]), ULL(now->x[r]));
		if ((p->known & (1U << r)) != 0U && now->x[r] != p->want[r])
			rf_fail("REC %u: %s gave x%u = %#llx, the spec says %#llx", i, reg_fmt(p), r,
				ULL(now->x[r]), ULL(p->want[r]));
	}
	if ((p->outputs & 1U) != 0U && (p->known & 1U) == 0U &&
	    (now->x[0] > 31U || (p->x0_allowed & (1U << now->x[0])) == 0U))
		rf_fail("REC %u: %s returned x0 = %#llx, which the spec does not allow for it", i,
			reg_fmt(p), ULL(now->x[0]));
	if (p->injected) {
		/* An exception taken to EL1h: the vector for the current EL with SP_ELx. */
		if (now->pc != rec->el1.vbar_el1 + 0x200U || (now->pstate & 0x3CFU) != PSTATE_EL1H_DAIF)
			rf_fail("REC %u: after %s the REC is at pc %#llx, PSTATE %#llx, not at its "
				"synchronous exception vector", i, reg_fmt(p), ULL(now->pc),
				ULL(now->pstate));
		return;
	}
	if (now->pc != p->pc + (p->replay ? 0U : 4U) || now->pstate != p->pstate)
		rf_fail("REC %u: after %s pc %#llx -> %#llx, PSTATE %#llx -> %#llx (expected pc + %u)",
			i, reg_fmt(p), ULL(p->pc), ULL(now->pc), ULL(p->pstate), ULL(now->pstate),
			p->replay ? 0U : 4U);
}

/* The model takes the bytes [ipa, ipa + len) of a mapped page as they now are. */
static void model_accept(uint64_t ipa, uint64_t len)
{
	uint8_t *m = model_at(ipa);
	long level;
	uint64_t pa;

	if (m == NULL || rf_view_page(ipa & ~(GRANULE_SIZE - 1U), &level, &pa) != RF_MAPPED)
		return;
	memcpy(m, (uint8_t *)host_pa_ptr(pa) + (ipa & (GRANULE_SIZE - 1U)), (size_t)len);
}

/* Sealing keys seen in this input, by (flags, svn): the same inputs give the same key. */
static struct {
	uint64_t flags, svn, key[4];
} keys[8];
static unsigned int num_keys;

void rf_calls_reset(void)
{
	num_keys = 0;
}

static void check_sealing_key(unsigned int i, const struct rf_pending *p, const struct rec_regs *now)
{
	const uint64_t *key = &now->x[1];

	if (now->x[0] != RSI_SUCCESS)
		return;
	if ((key[0] | key[1] | key[2] | key[3]) == 0U)
		rf_fail("REC %u: RSI_ATOLL_SEALING_KEY succeeded with an all-zero key", i);
	for (unsigned int k = 0; k < num_keys; k++) {
		if (keys[k].flags != p->regs[1] || keys[k].svn != p->regs[2])
			continue;
		if (memcmp(keys[k].key, key, sizeof(keys[k].key)) != 0)
			rf_fail("REC %u: RSI_ATOLL_SEALING_KEY gave two keys for flags %#llx, svn %#llx", i,
				ULL(p->regs[1]), ULL(p->regs[2]));
		return;
	}
	if (num_keys < ARRAY_LEN(keys)) {
		keys[num_keys].flags = p->regs[1];
		keys[num_keys].svn = p->regs[2];
		memcpy(keys[num_keys++].key, key, sizeof(keys[0].key));
	}
}

/* What the token calls left, for the model's token state. */
static void check_token(unsigned int i, const struct rf_pending *p, const struct rec_regs *now)
{
	struct rf_rec *r = &rf.rec[i];

	if (p->call == RC_TOKEN_INIT) {
		if (now->x[0] == RSI_SUCCESS && now->x[1] != TOKEN_MAX)
			rf_fail("REC %u: ATTEST_TOKEN_INIT gave x1 = %#llx, not the token's bound %u", i,
				ULL(now->x[1]), TOKEN_MAX);
		r->token = now->x[0] == RSI_SUCCESS ? RT_SIGNING : RT_IDLE;
		r->token_read = 0;
		return;
	}
	if (now->x[0] == RSI_ERROR_UNKNOWN) {
		r->token = RT_IDLE;
		return;
	}
	if (now->x[0] != RSI_SUCCESS && now->x[0] != RSI_INCOMPLETE) {
		/* INPUT or STATE: a signature in progress may have been finished first. */
		if (r->token == RT_SIGNING && now->x[0] == RSI_ERROR_INPUT && p->buffer != ~0ULL)
			r->token = RT_READING;
		return;
	}
	if (now->x[0] == RSI_INCOMPLETE && now->x[1] == 0U && p->may_yield && !p->replay)
		return;		/* gave way to the host's interrupt, or a piece of size 0 */
	if (now->x[1] > p->regs[3] || r->token_read + now->x[1] > TOKEN_MAX)
		rf_fail("REC %u: ATTEST_TOKEN_CONTINUE handed out %#llx bytes (asked for %#llx, %u "
			"before)", i, ULL(now->x[1]), ULL(p->regs[3]), r->token_read);
	model_accept(p->buffer, now->x[1]);	/* only the piece's bytes may change */
	r->token_read += (unsigned int)now->x[1];
	r->token = RT_READING;
	if (now->x[0] == RSI_SUCCESS) {
		if (r->token_read == 0U)
			rf_fail("REC %u: ATTEST_TOKEN_CONTINUE succeeded without handing out a token", i);
		r->token = RT_IDLE;
	}
}

/*
 * How each call ended, per call, printed at exit when RSI_FUZZ_STATS is
 * set: by x0 when its REC next ran, and how many exited to the host (CPU_OFF
 * and SYSTEM_OFF never run on, so they count only there).
 */
enum { ST_X0 = 5, ST_OTHER = ST_X0, ST_EXITED, ST_REPLAYED, ST_INJECTED, ST_NUM };
static unsigned long stats[RC_NUM_CALLS + 1U][ST_NUM];

void rf_print_stats(void)
{
	static const char *const cols[ST_NUM] = { "x0=0", "1", "2", "3", "4", "other", "exited",
						  "replayed", "injected" };

	fprintf(stderr, "%-26s", "realm call");
	for (unsigned int c = 0; c < ST_NUM; c++)
		fprintf(stderr, " %9s", cols[c]);
	fputc('\n', stderr);
	for (unsigned int k = 0; k <= RC_NUM_CALLS; k++) {
		fprintf(stderr, "%-26s", rf_call_name((enum rf_call)k));
		for (unsigned int c = 0; c < ST_NUM; c++)
			fprintf(stderr, " %9lu", stats[k][c]);
		fputc('\n', stderr);
	}
}

static void count(const struct rf_pending *p, const struct rec_regs *now)
{
	unsigned int col = now->x[0] < ST_X0 ? (unsigned int)now->x[0] : ST_OTHER;

	if (p->injected)
		col = ST_INJECTED;
	else if (p->replay)
		col = ST_REPLAYED;
	stats[p->call][col]++;
}

void rf_check_call(unsigned int i, const struct rec_regs *now)
{
	struct rf_pending *p = &rf.rec[i].call;

	if (!p->active)
		return;
	count(p, now);
	rf_trace("    REC %u %s -> x0 %#llx x1 %#llx x2 %#llx x3 %#llx pc %+lld%s", i, reg_fmt(p),
		 ULL(now->x[0]), ULL(now->x[1]), ULL(now->x[2]), ULL(now->x[3]),
		 (long long)(now->pc - p->pc), p->injected ? " (injected)" : "");
	check_regs(i, p, now);
	p->active = false;
	if (p->injected)
		return;		/* an HVC: no call was made */
	if (p->replay) {
		/* An emulated abort for the buffer: the signature (step 3) was finished first. */
		if (p->call == RC_TOKEN_CONTINUE && rf.rec[i].token == RT_SIGNING)
			rf.rec[i].token = RT_READING;
		return;
	}
	if (p->call == RC_TOKEN_INIT || p->call == RC_TOKEN_CONTINUE)
		check_token(i, p, now);
	else if (p->call == RC_SEALING_KEY)
		check_sealing_key(i, p, now);
}

/* ---- making a call -------------------------------------------------------------------- */

static void expect_exit(uint64_t reason)
{
	memset(&rf.expect, 0, sizeof(rf.expect));
	rf.expect.exit_reason = reason;
	rf.expect_set = true;
}

static void want(struct rf_pending *p, unsigned int reg, uint64_t v)
{
	p->known |= 1U << reg;
	p->want[reg] = v;
}

static void allow(struct rf_pending *p, uint64_t status)
{
	p->x0_allowed |= 1U << status;
}

/* The emulated data abort for an RSI buffer the RMM cannot reach (spec 3.4): the SMC replays. */
static void expect_emulated_abort(struct rf_pending *p, uint64_t ipa, long level)
{
	expect_exit(RMI_EXIT_SYNC);
	rf.expect.esr = (EC_DABT_LOWER << 26) | FSC_TRANS(level);
	rf.expect.hpfar = ipa >> 8;
	p->to_host = true;
	p->replay = true;
	p->outputs = 0;
}

/*
 * A call with a buffer page: EMPTY gives ERROR_INPUT, not mapped an
 * emulated abort; true if mapped (the call goes on).
 */
static bool buffer_page(struct rf_pending *p, uint64_t ipa)
{
	long level;
	uint64_t pa;

	switch (rf_view_page(ipa & ~(GRANULE_SIZE - 1U), &level, &pa)) {
	case RF_MAPPED:
		return true;
	case RF_EMPTY:
		want(p, 0, RSI_ERROR_INPUT);
		return false;
	default:
		expect_emulated_abort(p, ipa, level);
		return false;
	}
}

static void call_measurement(struct rf_pending *p, const struct rec_regs *regs)
{
	uint64_t index = regs->x[1], size = regs->x[2];

	if (p->call == RC_MEAS_READ) {
		p->outputs = OUT(8);
		if (index > 4U) {
			want(p, 0, RSI_ERROR_INPUT);
			return;
		}
		want(p, 0, RSI_SUCCESS);
		for (unsigned int r = 0; r < 8; r++) {
			uint64_t v;

			memcpy(&v, (index == 0U ? rf.rim : rf.rem[index - 1U]) + 8U * r, sizeof(v));
			want(p, r + 1U, v);
		}
		return;
	}
	p->outputs = OUT(0);
	if (index == 0U || index > 4U || size > 64U) {
		want(p, 0, RSI_ERROR_INPUT);
		return;
	}
	want(p, 0, RSI_SUCCESS);
	model_extend(rf.rem[index - 1U], &regs->x[3], size);
}

static void call_token(unsigned int i, struct rf_pending *p, const struct rec_regs *regs)
{
	struct rf_rec *r = &rf.rec[i];
	uint64_t addr = regs->x[1], offset = regs->x[2], size = regs->x[3];

	p->outputs = OUT(1);
	p->buffer = ~0ULL;
	if (p->call == RC_TOKEN_INIT) {
		allow(p, RSI_ERROR_UNKNOWN);
		if (rf.rak)
			allow(p, RSI_SUCCESS);
		return;
	}
	if ((addr & (GRANULE_SIZE - 1U)) != 0U || offset >= TOKEN_MAX || size > TOKEN_MAX - offset ||
	    addr >= rf.par) {
		want(p, 0, RSI_ERROR_INPUT);
		return;
	}
	if (r->token == RT_IDLE) {
		want(p, 0, RSI_ERROR_STATE);
		return;
	}
	/* Signing may fail (attestation unavailable) or give way to a pending host IRQ. */
	allow(p, RSI_ERROR_UNKNOWN);
	p->may_yield = r->token == RT_SIGNING && rf.irq_pending;
	if (!buffer_page(p, addr))
		return;
	p->buffer = addr + offset;
	if (size == 0U) {
		want(p, 0, RSI_INCOMPLETE);
		want(p, 1, 0);
		return;
	}
	allow(p, RSI_SUCCESS);
	allow(p, RSI_INCOMPLETE);
}

/* RsiRealmConfig as the spec lays it out, for the model's page. */
static void call_realm_config(struct rf_pending *p, const struct rec_regs *regs)
{
	uint64_t addr = regs->x[1];
	uint8_t *m;

	p->outputs = OUT(0);
	if ((addr & (GRANULE_SIZE - 1U)) != 0U || addr >= rf.par) {
		want(p, 0, RSI_ERROR_INPUT);
		return;
	}
	if (!buffer_page(p, addr))
		return;
	want(p, 0, RSI_SUCCESS);
	m = model_at(addr);
	if (m != NULL) {
		uint64_t width = rf.s2sz, algo = rf.algo;

		memset(m, 0, GRANULE_SIZE);
		memcpy(m, &width, sizeof(width));
		memcpy(m + 8, &algo, sizeof(algo));
		memcpy(m + 0x200, rf.rpv, sizeof(rf.rpv));
	}
}

static bool range_in_par(uint64_t base, uint64_t top)
{
	return ((base | top) & (GRANULE_SIZE - 1U)) == 0U && top > base && base < rf.par &&
	       top - GRANULE_SIZE < rf.par;
}

static void call_ipa_state(unsigned int i, struct rf_pending *p, const struct rec_regs *regs)
{
	struct rf_rec *r = &rf.rec[i];
	uint64_t base = regs->x[1], top = regs->x[2], ripas = regs->x[3];

	p->outputs = OUT(2);
	if (!range_in_par(base, top) || (p->call == RC_IPA_STATE_SET && ripas > RSI_RIPAS_RAM)) {
		want(p, 0, RSI_ERROR_INPUT);
		return;
	}
	if (p->call == RC_IPA_STATE_GET) {
		unsigned int got;

		want(p, 0, RSI_SUCCESS);
		want(p, 1, rf_view_state_get_top(base, top, &got));
		want(p, 2, got);
		return;
	}
	expect_exit(RMI_EXIT_RIPAS_CHANGE);
	rf.expect.ripas_base = base;
	rf.expect.ripas_top = top;
	rf.expect.ripas_value = ripas;
	p->to_host = true;
	r->ripas_pending = true;
	r->ripas_base = r->ripas_progress = base;
	r->ripas_top = top;
	r->ripas_value = ripas;
	r->ripas_change_destroyed = (regs->x[4] & RSI_CHANGE_DESTROYED) != 0U;
}

/* The realm fills its RsiHostCall (if the page is mapped and the input says so), then calls. */
static void call_host(unsigned int i, struct rf_pending *p, const struct rec_regs *regs,
		      const uint8_t *b)
{
	uint64_t addr = regs->x[1];
	const uint8_t *m;

	p->outputs = OUT(0);
	if ((addr & 0xFFU) != 0U || addr >= rf.par) {
		want(p, 0, RSI_ERROR_INPUT);
		return;
	}
	if ((b[6] & 1U) != 0U) {
		struct rsi_host_call hc = { .imm = (uint16_t)(b[7] | b[8] << 8) };

		for (unsigned int g = 0; g < RSI_HOST_CALL_GPRS; g++)
			hc.gprs[g] = 0x4843000000000000ULL | (uint64_t)b[9] << 16 | g;
		realm_write(addr, &hc, sizeof(hc));
	}
	if (!buffer_page(p, addr))
		return;
	m = model_at(addr);
	if (m == NULL)
		rf_fail("REC %u: host call structure at %#llx outside the tracked pages", i, ULL(addr));
	expect_exit(RMI_EXIT_HOST_CALL);
	rf.expect.imm = (uint16_t)(m[0] | m[1] << 8);
	memcpy(rf.expect.gprs, m + 8, sizeof(uint64_t) * RSI_HOST_CALL_GPRS);
	p->to_host = true;
	rf.rec[i].host_call_pending = true;
	rf.rec[i].host_call_ipa = addr;
}

static void call_sealing(struct rf_pending *p, const struct rec_regs *regs)
{
	p->outputs = OUT(4);
	if ((regs->x[1] & ~RSI_SEALING_KEY_FLAGS_VALID) != 0U || !rf.vhuks) {
		want(p, 0, (regs->x[1] & ~RSI_SEALING_KEY_FLAGS_VALID) != 0U ? RSI_ERROR_INPUT
									 : RSI_ERROR_UNKNOWN);
		for (unsigned int r = 1; r <= 4; r++)
			want(p, r, 0);
		return;
	}
	want(p, 0, RSI_SUCCESS);
}

/* ---- PSCI ------------------------------------------------------------------------------ */

static bool smc64(uint32_t fid)
{
	return (fid & SMCCC_SMC64) != 0U;
}

/* Argument r of a PSCI call: SMC32 calls pass W registers. */
static uint64_t psci_arg(const struct rf_pending *p, const struct rec_regs *regs, unsigned int r)
{
	return smc64(p->fid) ? regs->x[r] : (uint32_t)regs->x[r];
}

static bool psci_feature(uint64_t fid)
{
	static const uint32_t supported[] = {
		PSCI_CPU_SUSPEND_32, PSCI_CPU_SUSPEND_64, PSCI_CPU_OFF, PSCI_CPU_ON_32,
		PSCI_CPU_ON_64, PSCI_AFFINITY_INFO_32, PSCI_AFFINITY_INFO_64, PSCI_SYSTEM_OFF,
		PSCI_SYSTEM_RESET, PSCI_FEATURES, SMCCC_VERSION_FID,
	};

	for (unsigned int k = 0; k < ARRAY_LEN(supported); k++) {
		if (fid == supported[k])
			return true;
	}
	return false;
}

static void expect_psci_exit(struct rf_pending *p, uint64_t target)
{
	expect_exit(RMI_EXIT_PSCI);
	rf.expect.gprs[0] = p->fid;
	rf.expect.gprs[1] = target;
	p->to_host = true;
}

/* CPU_ON and AFFINITY_INFO: answered at once, or the host completes them. */
static void call_psci_target(unsigned int i, struct rf_pending *p, const struct rec_regs *regs)
{
	struct rf_rec *r = &rf.rec[i];
	uint64_t mpidr = psci_arg(p, regs, 1);
	long target = target_index(mpidr, rf.num_recs);

	p->outputs = OUT(0);
	if (p->call == RC_CPU_ON && psci_arg(p, regs, 2) >= rf.par) {
		want(p, 0, (uint64_t)PSCI_RET_INVALID_ADDRESS);
		return;
	}
	if (target < 0 || (p->call == RC_AFFINITY_INFO && psci_arg(p, regs, 2) != 0U)) {
		want(p, 0, (uint64_t)PSCI_RET_INVALID_PARAMS);
		return;
	}
	if ((unsigned int)target == i) {
		want(p, 0, p->call == RC_CPU_ON ? (uint64_t)PSCI_RET_ALREADY_ON : 0U);
		return;
	}
	expect_psci_exit(p, mpidr);
	p->outputs = OUT(3);
	r->psci_pending = true;
	r->psci_fid = p->fid;
	r->psci_target = (uint64_t)target;
	r->psci_entry = psci_arg(p, regs, 2);
	r->psci_context = psci_arg(p, regs, 3);
}

static void call_psci(unsigned int i, struct rf_pending *p, const struct rec_regs *regs)
{
	p->outputs = OUT(0);
	switch (p->call) {
	case RC_SMCCC_VERSION:
		want(p, 0, 0x10002);
		break;
	case RC_PSCI_VERSION:
		want(p, 0, 0x10001);
		break;
	case RC_PSCI_FEATURES:
		want(p, 0, psci_feature(psci_arg(p, regs, 1)) ? 0U : (uint64_t)PSCI_RET_NOT_SUPPORTED);
		break;
	case RC_CPU_SUSPEND:
		want(p, 0, PSCI_RET_SUCCESS);
		expect_psci_exit(p, 0);
		break;
	case RC_CPU_OFF:
		want(p, 0, PSCI_RET_SUCCESS);
		expect_psci_exit(p, 0);
		rf.rec[i].runnable = false;
		break;
	case RC_CPU_ON:
	case RC_AFFINITY_INFO:
		call_psci_target(i, p, regs);
		break;
	case RC_SYSTEM_OFF:
	case RC_SYSTEM_RESET:
		expect_psci_exit(p, 0);
		rf.system_off = true;
		break;
	default:
		want(p, 0, SMC_NOT_SUPPORTED);	/* PSCI's NOT_SUPPORTED is the same -1 */
		break;
	}
}

/* ---- the calls' FIDs and arguments ----------------------------------------------------- */

static uint32_t call_fid(enum rf_call c, uint8_t wide, uint8_t pick)
{
	static const uint32_t rsi[] = {
		RSI_VERSION, RSI_FEATURES, RSI_MEASUREMENT_READ, RSI_MEASUREMENT_EXTEND,
		RSI_ATTEST_TOKEN_INIT, RSI_ATTEST_TOKEN_CONTINUE, RSI_REALM_CONFIG, RSI_IPA_STATE_SET,
		RSI_IPA_STATE_GET, RSI_HOST_CALL, RSI_ATOLL_SEALING_KEY,
	};
	/* PSCI function numbers the RMM does not implement, in both widths. */
	static const uint32_t psci_other[] = {
		0x84000005, 0x84000006, 0x84000007, 0x8400000B, 0x84000012, 0x84000014, 0x8400001F,
		0xC4000000, 0xC4000002, 0xC4000005, 0xC4000008, 0xC400000A, 0xC400001F,
	};
	static const uint32_t unknown[] = {
		0xC400019A, 0xC40001AF, 0xC7000190, 0xC7000192, 0x80000001, 0x8400018F, 0xC400015C,
		0xC40001B0, 0xC4000020, 0, 0xFFFFFFFF, 0x84000190, 0x87000191,
	};

	if (c < ARRAY_LEN(rsi))
		return rsi[c];
	switch (c) {
	case RC_SMCCC_VERSION:
		return SMCCC_VERSION_FID;
	case RC_PSCI_VERSION:
		return PSCI_VERSION;
	case RC_PSCI_FEATURES:
		return PSCI_FEATURES;
	case RC_CPU_SUSPEND:
		return wide ? PSCI_CPU_SUSPEND_64 : PSCI_CPU_SUSPEND_32;
	case RC_CPU_OFF:
		return PSCI_CPU_OFF;
	case RC_CPU_ON:
		return wide ? PSCI_CPU_ON_64 : PSCI_CPU_ON_32;
	case RC_AFFINITY_INFO:
		return wide ? PSCI_AFFINITY_INFO_64 : PSCI_AFFINITY_INFO_32;
	case RC_SYSTEM_OFF:
		return PSCI_SYSTEM_OFF;
	case RC_SYSTEM_RESET:
		return PSCI_SYSTEM_RESET;
	case RC_PSCI_OTHER:
		return PICK(pick, psci_other);
	default:
		return PICK(pick, unknown);
	}
}

/* Bytes 4.. of the record as the call's arguments (x1..x10). */
static void call_args(enum rf_call c, const uint8_t *b, uint64_t *x)
{
	static const uint64_t versions[] = {
		RSI_ABI_VERSION, RSI_ABI_VERSION, 0x10001, 0x20000, 0, 0x10000 | 1ULL << 32, ~0ULL,
	};
	static const uint64_t indices[] = { 0, 1, 2, 3, 4, 5, ~0ULL, 1ULL << 32 | 1, 1ULL << 63 };
	static const uint64_t ripas[] = { RSI_RIPAS_RAM, RSI_RIPAS_EMPTY, RSI_RIPAS_DESTROYED, 3,
					  1ULL << 32 | 1, ~0ULL };
	static const uint64_t flags[] = { 0, 1, 2, 3, 4, 1ULL << 63, ~0ULL, 1ULL << 32 };
	static const uint64_t features[] = {
		PSCI_CPU_ON_64, PSCI_CPU_OFF, PSCI_VERSION, PSCI_FEATURES, SMCCC_VERSION_FID,
		PSCI_SYSTEM_RESET, 0x84000005, 0xC4000002, RSI_VERSION, 0,
		PSCI_CPU_OFF | 1ULL << 32, PSCI_CPU_SUSPEND_32 | 0xFFFF00000000ULL, PSCI_AFFINITY_INFO_64,
	};

	switch (c) {
	case RC_VERSION:
	case RC_FEATURES:
		x[1] = c == RC_VERSION ? PICK(b[4], versions) : PICK(b[4], indices);
		break;
	case RC_MEAS_READ:
	case RC_MEAS_EXTEND:
		x[1] = PICK(b[4], indices);
		if (b[4] < 0x80 && c == RC_MEAS_EXTEND)
			x[1] = 1U + b[4] % 4U;	/* a REM, mostly */
		x[2] = PICK(b[5], sizes);
		for (unsigned int r = 3; r <= 10; r++)
			x[r] = 0x0101010101010101ULL * (uint8_t)(b[6] + r) ^ (uint64_t)b[7] << 8 * (r - 3);
		break;
	case RC_TOKEN_INIT:
		for (unsigned int r = 1; r <= 8; r++)
			x[r] = 0x9E3779B97F4A7C15ULL * (b[4] + r);
		break;
	case RC_TOKEN_CONTINUE:
	case RC_REALM_CONFIG:
		x[1] = pick_ipa(b[4]);
		x[2] = PICK(b[5], offsets);
		x[3] = b[6] < 0x80 ? TOKEN_MAX - x[2] % TOKEN_MAX : PICK(b[6], sizes);
		break;
	case RC_IPA_STATE_SET:
	case RC_IPA_STATE_GET:
		pick_range(b[4], b[5], &x[1], &x[2]);
		x[3] = PICK(b[6], ripas);
		x[4] = PICK(b[7], flags);
		break;
	case RC_HOST_CALL:
		x[1] = pick_host_call(b[4], b[5]);
		break;
	case RC_SEALING_KEY:
		x[1] = PICK(b[4], flags);
		x[2] = pick_u64(b[5], b[6]);
		break;
	case RC_PSCI_FEATURES:
		x[1] = PICK(b[4], features);
		break;
	case RC_CPU_ON:
	case RC_AFFINITY_INFO:
		x[1] = pick_mpidr(b[4]);
		x[2] = c == RC_CPU_ON ? pick_u64(b[5], 0x80000U + (b[5] & 0x70U) * 0x100U)
				      : pick_u64(b[5], 0);
		x[3] = pick_u64(b[6], 0xC0DE0000U | b[6]);
		break;
	default:
		x[1] = pick_u64(b[4], b[4]);
		break;
	}
}

/* ---- data aborts ------------------------------------------------------------------------ */

/*
 * A data abort (RF_REALM_MMIO): byte 2 bits 1:0 where (0 Unprotected with
 * a valid syndrome, 1 Unprotected without, 2 a Protected page, 3 beyond
 * 2^s2sz), bits 3:2 SAS, 4 WnR, 5 SSE, 6 SF; byte 3 SRT (bits 4:0) and
 * the page (bits 7:5); byte 4 the offset in the page.
 */
static void make_abort(unsigned int i, struct rf_pending *p, struct rec_regs *regs,
		       const uint8_t *b, struct realm_exit_syndrome *out)
{
	static const unsigned int protected_pages[] = {
		RF_P_RAM_UNMAPPED, RF_P_EMPTY, RF_P_DESTROYED, RF_P_ASSIGNED_EMPTY, RF_P_RAM_UNMAPPED2,
		RF_P_EMPTY2, RF_P_RAM0, RF_P_DESTROYED,
	};
	unsigned int kind = b[2] & 3U, rt = b[3] & 0x1FU, sas = (b[2] >> 2) & 3U;
	uint64_t off = b[4] & ~((1U << sas) - 1U) & 0xFFFU, ipa, esr, pa;
	long level;

	p->call = RC_NUM_CALLS;
	p->outputs = 0;
	if (kind == 2U)
		ipa = RF_PAGE(protected_pages[b[3] >> 5]) + off;
	else if (kind == 3U)
		ipa = (rf.par << 1) + RF_PAGE(b[3] >> 5) + off;
	else
		ipa = rf.par + RF_PAGE(b[3] >> 5) + off;
	esr = (EC_DABT_LOWER << 26) | ESR_IL | FSC_TRANS(3) | (uint64_t)sas << 22 |
	      (uint64_t)rt << 16 | ((b[2] & 0x10U) ? ESR_WNR : 0U) | ((b[2] & 0x20U) ? ESR_SSE : 0U) |
	      ((b[2] & 0x40U) ? ESR_SF : 0U) | (kind == 0U ? ESR_ISV : 0U);
	*out = (struct realm_exit_syndrome){ REALM_EXC_SYNC, esr, ipa, (ipa >> 12) << 4 };
	p->mmio_ipa = ipa;
	if (kind == 3U || (kind == 2U && rf_view_page(ipa & ~0xFFFULL, &level, &pa) == RF_EMPTY)) {
		p->injected = true;	/* an SEA, no exit */
		return;
	}
	expect_exit(RMI_EXIT_SYNC);
	rf.expect.hpfar = (ipa >> 12) << 4;
	p->to_host = true;
	p->replay = true;	/* until the host completes it */
	if (kind == 0U) {
		unsigned int bits = 8U << sas;
		uint64_t v = rt == 31U ? 0U : regs->x[rt];

		rf.expect.esr = esr & ESR_MMIO_KEEP;
		rf.expect.far = ipa & 0xFFFU;
		if ((esr & ESR_WNR) != 0U)
			rf.expect.gprs[0] = bits == 64U ? v : v & ((1ULL << bits) - 1U);
	} else {
		rf.expect.esr = esr & ESR_ABORT_KEEP;
	}
	rf.rec[i].last_unprot_abort = kind < 2U;
	rf.rec[i].last_emulatable = kind == 0U;
	rf.rec[i].last_mmio_esr = esr;
}

/* ---- the step function --------------------------------------------------------------------- */

static void make_call(unsigned int i, struct rf_pending *p, struct rec_regs *regs,
		      const uint8_t *b, struct realm_exit_syndrome *out)
{
	enum rf_call c = (enum rf_call)(b[2] % RC_NUM_CALLS);
	uint32_t fid = call_fid(c, b[4] & 0x80U, b[5]);
	uint64_t x0 = fid;

	p->call = c;
	call_args(c, b, regs->x);
	switch (b[3] & 7U) {
	case 1:
		x0 |= 0xDEADBEEF00000000ULL;	/* SMCCC: only W0 names the function */
		break;
	case 2:
		x0 |= SMCCC_SVE_HINT;
		break;
	case 3:
		x0 |= 0x1234567800000000ULL | SMCCC_SVE_HINT;
		break;
	default:
		break;
	}
	regs->x[0] = x0;
	p->fid = fid;
	memcpy(p->regs, regs->x, sizeof(p->regs));
	p->pc = regs->pc;
	p->pstate = regs->pstate;
	*out = (struct realm_exit_syndrome){ REALM_EXC_SYNC, ESR_SMC, 0, 0 };
	if ((b[3] & 7U) == 4U) {
		/* HVC is no RSI conduit: UNDEFINED, and no register changes. */
		out->esr = ESR_HVC;
		p->injected = true;
		p->outputs = 0;
		return;
	}
	if (c <= RC_TOKEN_CONTINUE && c >= RC_TOKEN_INIT)
		call_token(i, p, regs);
	else if (c == RC_MEAS_READ || c == RC_MEAS_EXTEND)
		call_measurement(p, regs);
	else if (c == RC_REALM_CONFIG)
		call_realm_config(p, regs);
	else if (c == RC_IPA_STATE_SET || c == RC_IPA_STATE_GET)
		call_ipa_state(i, p, regs);
	else if (c == RC_HOST_CALL)
		call_host(i, p, regs, b);
	else if (c == RC_SEALING_KEY)
		call_sealing(p, regs);
	else if (c == RC_VERSION) {
		p->outputs = OUT(2);
		want(p, 0, regs->x[1] == RSI_ABI_VERSION ? RSI_SUCCESS : RSI_ERROR_INPUT);
		want(p, 1, RSI_ABI_VERSION);
		want(p, 2, RSI_ABI_VERSION);
	} else if (c == RC_FEATURES) {
		p->outputs = OUT(1);
		want(p, 0, RSI_SUCCESS);
		want(p, 1, 0);
	} else {
		call_psci(i, p, regs);
	}
}

/* Registers the realm does not pass: recognisable, so a change shows. */
static void fill_registers(struct rec_regs *regs, unsigned int step)
{
	for (unsigned int r = 11; r < 31; r++)
		regs->x[r] = 0xA770000000000000ULL | (uint64_t)r << 40 | step;
}

void rf_realm_step(struct rec_regs *regs, struct realm_exit_syndrome *out, void *arg)
{
	static unsigned int steps;
	unsigned int i = rec_of(regs);
	struct rf_rec *r = &rf.rec[i];
	struct rf_pending *p = &r->call;
	uint8_t b[RF_RECORD];

	(void)arg;
	if (r->reset_pending) {
		/* CPU_ON reset it (spec 2.4 PSCI_COMPLETE): whatever it did before is gone. */
		if (regs->pc != r->reset_entry || regs->x[0] != r->reset_context ||
		    regs->pstate != PSTATE_EL1H_DAIF)
			rf_fail("REC %u after CPU_ON: pc %#llx, x0 %#llx, PSTATE %#llx; expected pc %#llx, "
				"x0 %#llx, EL1h with DAIF masked", i, ULL(regs->pc), ULL(regs->x[0]),
				ULL(regs->pstate), ULL(r->reset_entry), ULL(r->reset_context));
		r->reset_pending = false;
		p->active = false;
	}
	if (p->active && p->to_host && !p->exited)
		rf_fail("REC %u: %s should have exited to the host, but the REC ran on", i, reg_fmt(p));
	rf_check_call(i, regs);
	rf_check_pages("a realm call");
	rf_check_measurements("a realm call");
	rf.expect_set = false;
	rf.step_irq = false;
	if (!rf_more() || rf_realm_rec(rf_byte(rf_in.next, 1)) != (int)i ||
	    (rf_byte(rf_in.next, 0) % RF_NUM_ACTIONS != RF_REALM_CALL &&
	     rf_byte(rf_in.next, 0) % RF_NUM_ACTIONS != RF_REALM_MMIO)) {
		/* The realm has nothing more to do here: the host takes over. */
		*out = (struct realm_exit_syndrome){ .kind = REALM_EXC_IRQ };
		expect_exit(RMI_EXIT_IRQ);
		rf.step_irq = true;
		return;
	}
	for (unsigned int k = 0; k < RF_RECORD; k++)
		b[k] = rf_byte(rf_in.next, k);
	rf_in.next += RF_RECORD;
	memset(p, 0, sizeof(*p));
	p->active = true;
	fill_registers(regs, ++steps);
	if (b[0] % RF_NUM_ACTIONS == RF_REALM_MMIO) {
		memcpy(p->regs, regs->x, sizeof(p->regs));
		p->pc = regs->pc;
		p->pstate = regs->pstate;
		make_abort(i, p, regs, b, out);
		return;
	}
	make_call(i, p, regs, b, out);
}

/* ---- what the host's side completes ------------------------------------------------------ */

const struct rmi_rec_exit *rf_expected_exit(unsigned int i, const struct rmi_rec_exit *exit)
{
	struct rf_pending *p = &rf.rec[i].call;

	if (rf.step_irq || rf.completion_abort)
		return &rf.expect;
	if (!p->active)
		rf_fail("REC %u exited with reason %llu, but no realm action of it asked for that", i,
			ULL(exit->exit_reason));
	if (p->may_yield && exit->exit_reason == RMI_EXIT_IRQ) {
		/* Signing gave way to the host's interrupt: INCOMPLETE with nothing handed out. */
		p->known = 0;
		p->x0_allowed = 0;
		p->outputs = OUT(1);
		want(p, 0, RSI_INCOMPLETE);
		want(p, 1, 0);
		p->replay = false;
		p->buffer = ~0ULL;
		p->exited = true;
		stats[p->call][ST_EXITED]++;
		expect_exit(RMI_EXIT_IRQ);
		return &rf.expect;
	}
	if (!p->to_host)
		rf_fail("REC %u: %s exited to the host with reason %llu; the RMM must answer it itself",
			i, reg_fmt(p), ULL(exit->exit_reason));
	if (!rf.expect_set)
		rf_fail("REC %u: %s: no exit expected", i, reg_fmt(p));
	p->exited = true;
	stats[p->call][ST_EXITED]++;
	return &rf.expect;
}

void rf_psci_completed(unsigned int i, int64_t result)
{
	struct rf_pending *p = &rf.rec[i].call;

	p->outputs = OUT(3);
	want(p, 0, (uint64_t)result);
	for (unsigned int r = 1; r <= 3; r++)
		want(p, r, 0);
}

/* An emulated MMIO read's value in Rt (spec 3.4): sign-extended with SSE, 32 bits without SF. */
static uint64_t mmio_read_value(uint64_t esr, uint64_t v)
{
	unsigned int bits = 8U << ((esr >> 22) & 3U);

	if (bits < 64U) {
		v &= (1ULL << bits) - 1U;
		if ((esr & ESR_SSE) != 0U && (v >> (bits - 1U)) != 0U)
			v |= ~((1ULL << bits) - 1U);
	}
	return (esr & ESR_SF) != 0U ? v : v & 0xFFFFFFFFULL;
}

static void complete_abort(struct rf_rec *r, struct rf_pending *p, uint64_t flags,
			   const uint64_t *gprs)
{
	unsigned int rt = (unsigned int)((r->last_mmio_esr >> 16) & 0x1FU);

	if ((flags & REC_ENTER_FLAG_INJECT_SEA) != 0U) {
		p->injected = true;
	} else if ((flags & REC_ENTER_FLAG_EMULATED_MMIO) != 0U) {
		p->replay = false;
		if ((r->last_mmio_esr & ESR_WNR) == 0U && rt != 31U) {
			p->outputs |= 1U << rt;
			want(p, rt, mmio_read_value(r->last_mmio_esr, gprs[0]));
		}
	}
}

static void complete_host_call(unsigned int i, struct rf_pending *p, const uint64_t *gprs)
{
	struct rf_rec *r = &rf.rec[i];
	uint64_t ipa = r->host_call_ipa;
	long level;
	uint64_t pa;
	uint8_t *m;

	switch (rf_view_page(ipa & ~(GRANULE_SIZE - 1U), &level, &pa)) {
	case RF_UNMAPPED:
		/* The results cannot be written: an emulated abort, and the call stays open. */
		expect_exit(RMI_EXIT_SYNC);
		rf.expect.esr = (EC_DABT_LOWER << 26) | FSC_TRANS(level);
		rf.expect.hpfar = ipa >> 8;
		rf.completion_abort = true;
		return;
	case RF_MAPPED:
		m = model_at(ipa);
		if (m != NULL)
			memcpy(m + 8, gprs, sizeof(uint64_t) * RSI_HOST_CALL_GPRS);
		break;
	default:
		break;	/* RIPAS EMPTY now: the results are dropped */
	}
	want(p, 0, RSI_SUCCESS);
	r->host_call_pending = false;
}

void rf_entry_completes(unsigned int i, uint64_t flags, const uint64_t *gprs)
{
	struct rf_rec *r = &rf.rec[i];
	struct rf_pending *p = &r->call;

	rf.completion_abort = false;
	if (p->active && p->call == RC_NUM_CALLS && p->to_host)
		complete_abort(r, p, flags, gprs);
	if (r->ripas_pending) {
		bool reject = (flags & REC_ENTER_FLAG_RIPAS_RESPONSE) != 0U &&
			      r->ripas_value == RSI_RIPAS_RAM && r->ripas_progress < r->ripas_top;

		want(p, 0, RSI_SUCCESS);
		want(p, 1, r->ripas_progress);
		want(p, 2, reject ? RSI_REJECT : RSI_ACCEPT);
		r->ripas_pending = false;
	}
	if (r->host_call_pending)
		complete_host_call(i, p, gprs);
	r->last_unprot_abort = r->last_emulatable = false;
}
