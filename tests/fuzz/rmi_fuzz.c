/*
 * libFuzzer harness for the RMI on the host build. Each input is a sequence
 * of RMI calls run against a freshly booted RMM; the invariant checker
 * (invariants.h) runs after every call and abort()s on a violation.
 *
 * Arguments are biased towards valid values, or random inputs would almost
 * never get past the first argument check: granules come from a pool of 64
 * NS granules (often "the n-th pool granule in the state this argument
 * needs"), plus a few invalid addresses; IPAs and levels come from small sets
 * of aligned values. The parameter granules are filled field by field, each
 * field from its own byte: the valid value, or a boundary one (rmi_fuzz.h),
 * so that any combination of bad fields is one input away.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atoll/el3.h>
#include <atoll/rmi.h>
#include <rmm/granule.h>
#include <rmm/realm.h>
#include <rmm/rmi.h>

#include "harness.h"
#include "invariants.h"
#include "machine.h"
#include "rmi_fuzz.h"

/*
 * A 64 MiB DRAM bank rather than QEMU's 3 GiB: cold boot clears the granule
 * table in proportion to the bank, and runs once per input.
 */
#define BANK_BASE	0x40000000ULL
#define BANK_SIZE	0x04000000ULL
#define BANK_END	(BANK_BASE + BANK_SIZE)

/* 64 pool granules, then the parameter and source granules the harness fills. */
#define POOL_BASE	0x42000000ULL
#define POOL_SIZE	64U
#define REALM_PARAMS	(POOL_BASE + POOL_SIZE * GRANULE_SIZE)
#define REC_PARAMS	(REALM_PARAMS + GRANULE_SIZE)
#define DATA_SRC	(REC_PARAMS + GRANULE_SIZE)
#define CHECKED		(POOL_SIZE + 3U)	/* all of the above are checked */
#define REGION_SIZE	(CHECKED * GRANULE_SIZE)

/* Calls per input, which bounds its run time (tools/fuzz.sh: -max_len=1024). */
#define MAX_CALLS	64U

static uint64_t pool_pa[CHECKED];
static struct granule *pool_g[CHECKED];	/* their granule table entries */
static const struct inv_pool pool = { pool_pa, pool_g, CHECKED };

/*
 * Unaligned; untracked: past the bank (NS memory all the same), past the
 * emulated memory (any access aborts), below DRAM; tracked, but the RMM's own
 * (its image, and the granule holding its key: harness.h).
 */
static const uint64_t invalid_pa[] = {
	POOL_BASE + 0x800, BANK_END, HOST_PA_END, 0x3FFFF000ULL, HOST_RMM_BASE, HOST_RMM_SECRET,
};

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- reading the input ------------------------------------------------------ */

struct input {
	const uint8_t *p;	/* the next byte, n of them left */
	size_t n;
	const uint8_t *record;	/* the whole record, len bytes of it in the input */
	size_t len;
};

/* Past the end of a record every byte reads as 0, which always picks a valid choice. */
static uint8_t in_u8(struct input *in)
{
	if (in->n == 0U)
		return 0;
	in->n--;
	return *in->p++;
}

/* The byte at offset off of the record (enum fuzz_realm_byte, fuzz_rec_byte), 0 past the end. */
static uint8_t in_at(const struct input *in, unsigned int off)
{
	return off < in->len ? in->record[off] : 0U;
}

/* ---- granules ----------------------------------------------------------------- */

static enum granule_state pool_state(unsigned int i)
{
	return (enum granule_state)pool_g[i]->state;
}

/* State of any address (UNDELEGATED for what is not tracked). */
static enum granule_state state_of(uint64_t pa)
{
	if (pa >= POOL_BASE && pa < POOL_BASE + REGION_SIZE && (pa & (GRANULE_SIZE - 1U)) == 0U)
		return pool_state((unsigned int)((pa - POOL_BASE) / GRANULE_SIZE));
	return GRANULE_STATE_UNDELEGATED;
}

/* Index of the n-th pool granule (cyclically) in state want, or -1 if there is none. */
static int nth_in_state(unsigned int n, enum granule_state want)
{
	unsigned int count = 0;

	for (unsigned int i = 0; i < POOL_SIZE; i++)
		count += pool_state(i) == want;
	if (count == 0U)
		return -1;
	n %= count;
	for (unsigned int i = 0; i < POOL_SIZE; i++) {
		if (pool_state(i) == want && n-- == 0U)
			return (int)i;
	}
	return -1;
}

/* Any pool granule, or from 0xF8 an invalid address. */
static uint64_t raw_granule(uint8_t b)
{
	if (b < 0xF8)
		return pool_pa[b % POOL_SIZE];
	return invalid_pa[b % ARRAY_LEN(invalid_pa)];
}

/* The n-th pool granule in state want (the n-th of all if there is none, or want is 7). */
static uint64_t pool_granule_in(unsigned int n, unsigned int want)
{
	int i = want <= GRANULE_STATE_RTT ? nth_in_state(n, (enum granule_state)want) : -1;

	return i >= 0 ? pool_pa[i] : pool_pa[n % POOL_SIZE];
}

/* A granule argument: mostly one in the state the command wants, sometimes any or invalid. */
static uint64_t granule_choice(uint8_t b, enum granule_state want)
{
	int i;

	if (b < 0xC0) {
		i = nth_in_state(b, want);
		if (i >= 0)
			return pool_pa[i];
	}
	return raw_granule(b);
}

static uint64_t pick_granule(struct input *in, enum granule_state want)
{
	return granule_choice(in_u8(in), want);
}

/* A parameter pointer: the harness's own granule, or rarely a pool/invalid one. */
static uint64_t params_choice(uint8_t b, uint64_t own)
{
	return b < 0xF0 ? own : raw_granule(b);
}

/* ---- IPAs and levels -------------------------------------------------------------- */

static long pick_level(struct input *in)
{
	return (long)(in_u8(in) % 6U) - 1;	/* -1..4: valid, and just outside, for every command */
}

/* The realm's IPA width if rd is a live realm, else a plausible one. */
static unsigned int realm_s2sz(uint64_t rd)
{
	if (state_of(rd) == GRANULE_STATE_RD)
		return ((const struct rd *)host_pa_ptr(rd))->s2.s2sz;
	return 40U;
}

static uint64_t level_size(long level)
{
	return level >= -1 && level <= 3 ? s2tt_level_size(level) : GRANULE_SIZE;
}

/*
 * An IPA aligned to the entry size of `align` in either half of a 2^s2sz
 * space; small multiples keep the calls of one input on the same tables.
 * One in four is unusual: misaligned, just out of range, huge, or at the
 * top or the middle of a half (under the last of concatenated roots).
 */
static uint64_t pick_ipa(struct input *in, unsigned int s2sz, long align)
{
	static const uint64_t mult[] = { 0, 1, 2, 511 };
	uint8_t b = in_u8(in);
	uint64_t size = level_size(align), k = mult[(b >> 4) & 3U], par = 1ULL << (s2sz - 1U);

	switch (b >> 6) {
	case 0:
	case 1:
		return k * size;
	case 2:
		return par + k * size;
	default:
		break;
	}
	switch (b & 7U) {
	case 0:
		return k * size + size / 2U;
	case 1:
		return 1ULL << s2sz;
	case 2:
		return (1ULL << s2sz) - size;
	case 3:
		return ~0xFFFULL;
	case 4:
		return par - size;
	case 5:
		return par / 2U + k * size;
	case 6:
		return 1ULL << 48;
	default:
		return par + par / 2U + k * size;
	}
}

/* ---- parameter granules ---------------------------------------------------------- */

/*
 * Which of n boundary values an odd byte (>= FUZZ_ODD) picks: from
 * FUZZ_ODD_FIRST on always the first, the one that matters most (0 for
 * counts and addresses), so that two or three fields at their edge at once
 * are not rare.
 */
static unsigned int odd_index(uint8_t b, unsigned int n)
{
	return b >= FUZZ_ODD_FIRST ? 0U : (unsigned int)(b - FUZZ_ODD) % n;
}

/* The valid value, or from FUZZ_ODD on one of the n boundary values in odd[]. */
static uint64_t odd_or(uint8_t b, uint64_t valid, const uint64_t *odd, size_t n)
{
	return b < FUZZ_ODD ? valid : odd[odd_index(b, (unsigned int)n)];
}

#define ODD_OR(b, valid, odd)	odd_or((b), (valid), (odd), ARRAY_LEN(odd))

/* A field of feature register 0: the limits the RMM advertises, so the boundaries follow it. */
static uint64_t feat0(unsigned int shift, unsigned int bits)
{
	return (rmi_feature_register0() >> shift) & ((1ULL << bits) - 1U);
}

/* A count up to max: 0, 1, the maximum, just past it, the ends of a u8 and a u32. */
static uint64_t pick_count(uint8_t b, uint64_t valid, uint64_t max)
{
	const uint64_t odd[] = { 0, 1, max, max + 1U, 63, 64, 0xFF, 0x100, 0xFFFFFFFF };

	return ODD_OR(b, valid, odd);
}

/*
 * Every legal (s2sz, start level, root RTTs) for a 48-bit PA, 4 KB granules,
 * no LPA2 (spec 2.4); the first 13 keep the indices older seeds use.
 */
static const struct {
	uint8_t s2sz;
	int8_t sl;
	uint8_t roots;
} geometries[] = {
	{ 40, 0, 1 }, { 44, 0, 1 }, { 48, 0, 1 }, { 32, 1, 1 }, { 36, 1, 1 },
	{ 39, 1, 1 }, { 40, 1, 2 }, { 41, 1, 4 }, { 42, 1, 8 }, { 43, 1, 16 },
	{ 32, 2, 4 }, { 33, 2, 8 }, { 34, 2, 16 },
	{ 41, 0, 1 }, { 42, 0, 1 }, { 43, 0, 1 }, { 45, 0, 1 }, { 46, 0, 1 }, { 47, 0, 1 },
	{ 33, 1, 1 }, { 34, 1, 1 }, { 35, 1, 1 }, { 37, 1, 1 }, { 38, 1, 1 },
};

/*
 * First granule of a run of n DELEGATED pool granules aligned to n granules
 * (as concatenated roots must be), none of them rd: the k-th such run.
 */
static uint64_t delegated_run(unsigned int k, unsigned int n, uint64_t rd)
{
	unsigned int found = 0;

	for (unsigned int pass = 0; pass < 2U; pass++) {
		for (unsigned int i = 0; i + n <= POOL_SIZE; i += n) {
			unsigned int j = 0;

			while (j < n && pool_state(i + j) == GRANULE_STATE_DELEGATED &&
			       pool_pa[i + j] != rd)
				j++;
			if (j == n && (pass == 1U || found++ == k))
				return pool_pa[i];
		}
	}
	return pool_pa[k % POOL_SIZE];
}

/* rtt_base: roots for the geometry, a granule in some state, or an odd address (rmi_fuzz.h). */
static uint64_t pick_rtt_base(uint8_t b, unsigned int roots, uint64_t rd)
{
	uint64_t run = delegated_run(b, roots, rd);
	const uint64_t odd[] = {
		0, run + 0x800, run + GRANULE_SIZE, run - GRANULE_SIZE, rd, rd + GRANULE_SIZE,
		BANK_END - GRANULE_SIZE, BANK_END, HOST_PA_END, 0x3FFFF000ULL, HOST_RMM_BASE,
		HOST_RMM_SECRET, 1ULL << 48, ~0xFFFULL,
	};

	if (b < 0xC0)
		return run;
	if (b < FUZZ_ODD)
		return pool_granule_in(b & 1U, (b >> 1) & 7U);
	return odd[odd_index(b, ARRAY_LEN(odd))];
}

static uint64_t fill_realm_params(const struct input *in, uint64_t rd)
{
	static const uint64_t flags[] = {
		RMI_REALM_FLAG_LPA2, RMI_REALM_FLAG_SVE, RMI_REALM_FLAG_PMU, 1ULL << 3,
		RMI_REALM_FLAG_LPA2 | RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU, 1ULL << 63, ~0ULL,
	};
	static const uint64_t levels[] = {
		(uint64_t)-1, (uint64_t)-2, 0, 1, 2, 3, 4, INT64_MAX, (uint64_t)INT64_MIN, 1ULL << 32,
	};
	static const uint64_t roots[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 0x80000000, 0xFFFFFFFF,
	};
	static const uint64_t hashes[] = { 2, 3, 0x80, 0xFF };
	static const uint64_t vmids[] = { 0xFFFF, 4, 7, 0xFF, 0x100, 0xFFFE };
	struct rmi_realm_params *p = host_pa_ptr(REALM_PARAMS);
	unsigned int geo = in_at(in, FR_GEOMETRY) % ARRAY_LEN(geometries);
	uint8_t hash = in_at(in, FR_HASH), vmid = in_at(in, FR_VMID);
	uint64_t max_s2sz = feat0(RMI_FEAT0_S2SZ_SHIFT, 8);
	const uint64_t s2sz[] = {
		0, 1, 31, 32, 33, 34, 35, 39, 40, 43, 44, 47, max_s2sz, max_s2sz + 1U, 52, 64,
		0xFF, 0xFFFFFFFF,
	};

	memset(p, 0, sizeof(*p));
	p->flags = ODD_OR(in_at(in, FR_FLAGS), 0, flags);
	p->s2sz = (uint32_t)ODD_OR(in_at(in, FR_S2SZ), geometries[geo].s2sz, s2sz);
	p->sve_vl = (uint32_t)pick_count(in_at(in, FR_SVE_VL), 0,
					 feat0(RMI_FEAT0_SVE_VL_SHIFT, 4));
	p->num_bps = (uint32_t)pick_count(in_at(in, FR_NUM_BPS), 1,
					  feat0(RMI_FEAT0_NUM_BPS_SHIFT, 6));
	p->num_wps = (uint32_t)pick_count(in_at(in, FR_NUM_WPS), 1,
					  feat0(RMI_FEAT0_NUM_WPS_SHIFT, 6));
	p->pmu_num_ctrs = (uint32_t)pick_count(in_at(in, FR_PMU_CTRS), 0,
					       feat0(RMI_FEAT0_PMU_NUM_CTRS_SHIFT, 5));
	p->hash_algo = (uint8_t)ODD_OR(hash, hash & 1U, hashes);
	memset(p->rpv, in_at(in, FR_RPV), sizeof(p->rpv));
	p->vmid = (uint16_t)ODD_OR(vmid, vmid & 3U, vmids);	/* few VMIDs, so they collide */
	p->rtt_base = pick_rtt_base(in_at(in, FR_RTT_BASE), geometries[geo].roots, rd);
	p->rtt_level_start = (int64_t)ODD_OR(in_at(in, FR_LEVEL), (uint64_t)geometries[geo].sl,
					     levels);
	p->rtt_num_start = (uint32_t)ODD_OR(in_at(in, FR_ROOTS), geometries[geo].roots, roots);
	return params_choice(in_at(in, FR_PARAMS), REALM_PARAMS);
}

/* RmiRecMpidr for REC index idx (Aff0 holds 4 bits, the rest 8). */
static uint64_t index_to_mpidr(uint64_t idx)
{
	return (idx & 0xFU) | (((idx >> 4) & 0xFFU) << 8) | (((idx >> 12) & 0xFFU) << 16) |
	       (((idx >> 20) & 0xFFU) << 24);
}

/* The next REC's MPIDR, or one off in an index, a field or a reserved bit (rmi_fuzz.h). */
static uint64_t pick_mpidr(const struct input *in, uint64_t rd)
{
	uint8_t b = in_at(in, FC_MPIDR), v = in_at(in, FC_MPIDR_VALUE);
	uint64_t idx = 0, next;

	if (state_of(rd) == GRANULE_STATE_RD)
		idx = ((const struct rd *)host_pa_ptr(rd))->next_rec_index;
	next = index_to_mpidr(idx);
	if (b < FUZZ_ODD)
		return next;
	switch (odd_index(b, 8)) {
	case 0:
		return index_to_mpidr(idx + 1U + (v & 7U));
	case 1:
		return index_to_mpidr(v);
	case 2:
		return (next & ~0xFFULL) | v;	/* Aff0 is bits 3:0; 7:4 are reserved */
	case 3:
		return (next & ~0xFF00ULL) | (uint64_t)v << 8;
	case 4:
		return (next & ~0xFF0000ULL) | (uint64_t)v << 16;
	case 5:
		return (next & ~0xFF000000ULL) | (uint64_t)v << 24;
	case 6:
		return next | 1ULL << (v & 63U);
	default:
		return v < 0x80 ? 0xFFFFFF0FULL : ~0ULL;
	}
}

/* 16 distinct DELEGATED pool granules other than rd and rec, from offset `start`. */
static unsigned int pick_aux_delegated(uint64_t *aux, unsigned int start, uint64_t rd,
				       uint64_t rec)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < POOL_SIZE && n < RMI_REC_MAX_AUX; i++) {
		uint64_t pa = pool_pa[(start + i) % POOL_SIZE];

		if (pool_state((start + i) % POOL_SIZE) == GRANULE_STATE_DELEGATED && pa != rd &&
		    pa != rec)
			aux[n++] = pa;
	}
	return n;
}

/* Replaces aux[at mod 16] by something it must not be (rmi_fuzz.h), if kind says so. */
static void corrupt_aux(uint64_t *aux, uint8_t kind, uint8_t at, uint64_t rd, uint64_t rec)
{
	static const uint8_t states[] = {
		GRANULE_STATE_UNDELEGATED, GRANULE_STATE_RD, GRANULE_STATE_REC,
		GRANULE_STATE_REC_AUX, GRANULE_STATE_DATA, GRANULE_STATE_RTT,
	};
	uint64_t *e = &aux[at & 15U];
	unsigned int k;

	if (kind < FUZZ_ODD)
		return;
	k = odd_index(kind, 12);
	if (k == 0U)
		*e = aux[(at + 1U + (at >> 4)) & 15U];
	else if (k == 1U)
		*e = rd;
	else if (k == 2U)
		*e = rec;
	else if (k < 9U)
		*e = pool_granule_in(at >> 4, states[k - 3U]);
	else if (k == 9U)
		*e += 0x800;
	else if (k == 10U)
		*e = invalid_pa[(at >> 4) % ARRAY_LEN(invalid_pa)];
	else
		*e = 0;
}

static void fill_aux(const struct input *in, struct rmi_rec_params *p, uint64_t rd, uint64_t rec)
{
	static const uint64_t counts[] = {
		0, 1, RMI_REC_AUX_COUNT_VALUE - 1U, RMI_REC_AUX_COUNT_VALUE + 1U, RMI_REC_MAX_AUX,
		RMI_REC_MAX_AUX + 1U, 0xFFFFFFFF, 1ULL << 32, ~0ULL,
		RMI_REC_AUX_COUNT_VALUE | 1ULL << 32,
	};
	uint8_t b = in_at(in, FC_AUX);
	unsigned int n = b < FUZZ_ODD ? pick_aux_delegated(p->aux, b, rd, rec) : 0U;

	for (; n < RMI_REC_MAX_AUX; n++)
		p->aux[n] = raw_granule((uint8_t)(b + n));
	corrupt_aux(p->aux, in_at(in, FC_BAD), in_at(in, FC_BAD_AT), rd, rec);
	corrupt_aux(p->aux, in_at(in, FC_BAD2), in_at(in, FC_BAD2_AT), rd, rec);
	p->num_aux = ODD_OR(in_at(in, FC_NUM_AUX), RMI_REC_AUX_COUNT_VALUE, counts);
}

static uint64_t fill_rec_params(const struct input *in, uint64_t rd, uint64_t rec)
{
	static const uint64_t flags[] = { 2, 3, 1ULL << 63, ~0ULL };
	static const uint64_t pcs[] = { 0, 1, 4, ~3ULL, ~0ULL, 1ULL << 48, 1ULL << 63 };
	static const uint64_t gprs[] = { ~0ULL, 0, 1, 1ULL << 63, INT64_MAX };
	struct rmi_rec_params *p = host_pa_ptr(REC_PARAMS);
	uint8_t f = in_at(in, FC_FLAGS), pc = in_at(in, FC_PC), g = in_at(in, FC_GPRS);

	memset(p, 0, sizeof(*p));
	p->flags = ODD_OR(f, (f & 3U) != 0U ? RMI_REC_FLAG_RUNNABLE : 0U, flags);
	p->mpidr = pick_mpidr(in, rd);
	p->pc = ODD_OR(pc, 0x80000ULL + (pc & 0xF0U), pcs);
	for (unsigned int i = 0; i < RMI_REC_CREATE_GPRS; i++)
		p->gprs[i] = ODD_OR(g, (uint64_t)g + i, gprs);
	fill_aux(in, p, rd, rec);
	return params_choice(in_at(in, FC_PARAMS), REC_PARAMS);
}

/* ---- commands ----------------------------------------------------------------------- */

struct rd_args {
	uint64_t rd;
	unsigned int s2sz;
};

static struct rd_args pick_rd(struct input *in)
{
	uint64_t rd = pick_granule(in, GRANULE_STATE_RD);

	return (struct rd_args){ rd, realm_s2sz(rd) };
}

static void args_version(struct input *in, uint64_t *a)
{
	uint8_t b = in_u8(in);

	a[0] = b < 0xC0 ? RMI_ABI_VERSION : (uint64_t)b << 12;
}

static void args_features(struct input *in, uint64_t *a)
{
	uint8_t b = in_u8(in);

	a[0] = b < 0xF0 ? b % 3U : ~0ULL << (b & 63U);
}

static void args_delegate(struct input *in, uint64_t *a)
{
	a[0] = pick_granule(in, GRANULE_STATE_UNDELEGATED);
}

static void args_undelegate(struct input *in, uint64_t *a)
{
	a[0] = pick_granule(in, GRANULE_STATE_DELEGATED);
}

static void args_rd_only(struct input *in, uint64_t *a)
{
	a[0] = pick_granule(in, GRANULE_STATE_RD);
}

static void args_realm_create(struct input *in, uint64_t *a)
{
	a[0] = granule_choice(in_at(in, FR_RD), GRANULE_STATE_DELEGATED);
	a[1] = fill_realm_params(in, a[0]);
}

static void args_rec_create(struct input *in, uint64_t *a)
{
	a[0] = granule_choice(in_at(in, FC_RD), GRANULE_STATE_RD);
	a[1] = granule_choice(in_at(in, FC_REC), GRANULE_STATE_DELEGATED);
	a[2] = fill_rec_params(in, a[0], a[1]);
}

static void args_rec_destroy(struct input *in, uint64_t *a)
{
	a[0] = pick_granule(in, GRANULE_STATE_REC);
}

/* rd, ipa, level, with ipa aligned to the entry size of level + delta. */
static void pick_rd_ipa_level(struct input *in, uint64_t *a, long delta)
{
	struct rd_args r = pick_rd(in);
	long level = pick_level(in);

	a[0] = r.rd;
	a[1] = pick_ipa(in, r.s2sz, level + delta);
	a[2] = (uint64_t)level;
}

/* RTT_DESTROY and RTT_FOLD name the entry at level - 1 that points to the RTT. */
static void args_rtt_structure(struct input *in, uint64_t *a)
{
	pick_rd_ipa_level(in, a, -1);
}

static void args_rtt_create(struct input *in, uint64_t *a)
{
	struct rd_args r = pick_rd(in);
	long level = pick_level(in);

	a[0] = r.rd;
	a[1] = pick_granule(in, GRANULE_STATE_DELEGATED);
	a[2] = pick_ipa(in, r.s2sz, level - 1);
	a[3] = (uint64_t)level;
}

/* READ_ENTRY, MAP/UNMAP_UNPROTECTED name the entry at level. */
static void args_rtt_entry(struct input *in, uint64_t *a)
{
	pick_rd_ipa_level(in, a, 0);
}

/* MemAttr (0b100 reserved), S2AP and an OA aligned to level; sometimes a forbidden bit. */
static uint64_t pick_desc(struct input *in, long level)
{
	uint8_t b = in_u8(in), c = in_u8(in);
	uint64_t desc = 0x80000000ULL + (uint64_t)(c & 3U) * level_size(level);

	desc |= (uint64_t)(b & 7U) << 2 | (uint64_t)((b >> 3) & 3U) << 6;
	if (b >= 0xE0)
		desc |= 1ULL << ((c >> 2) & 63U);
	return desc;
}

static void args_map_unprotected(struct input *in, uint64_t *a)
{
	args_rtt_entry(in, a);
	a[3] = pick_desc(in, (long)a[2]);
}

/*
 * base aligned to the entries of a level (mostly 3; 1 and 0 for walks that
 * stop high), top a few entries further, sometimes wrong. A whole table
 * (512) is rare: INIT_RIPAS then hashes 512 RIPAS descriptors into the RIM.
 */
static void pick_range(struct input *in, unsigned int s2sz, uint64_t *base, uint64_t *top)
{
	static const long level[] = { 3, 3, 3, 3, 2, 2, 1, 0 };
	static const uint64_t count[] = { 1, 2, 3, 4, 16, 64, 511, 512 };
	uint8_t b = in_u8(in), bad = in_u8(in);
	long l = level[b & 7U];

	*base = pick_ipa(in, s2sz, l);
	*top = *base + count[(b >> 3) & 7U] * level_size(l);
	if (bad >= 0xE0)
		*top = (bad & 1U) ? *base : *top + 0x800;
}

static void args_init_ripas(struct input *in, uint64_t *a)
{
	struct rd_args r = pick_rd(in);

	a[0] = r.rd;
	pick_range(in, r.s2sz, &a[1], &a[2]);
}

static void args_set_ripas(struct input *in, uint64_t *a)
{
	struct rd_args r = pick_rd(in);

	a[0] = r.rd;
	a[1] = pick_granule(in, GRANULE_STATE_REC);
	pick_range(in, r.s2sz, &a[2], &a[3]);
}

static void args_data_create_unknown(struct input *in, uint64_t *a)
{
	struct rd_args r = pick_rd(in);

	a[0] = r.rd;
	a[1] = pick_granule(in, GRANULE_STATE_DELEGATED);
	a[2] = pick_ipa(in, r.s2sz, 3);
}

static void args_data_create(struct input *in, uint64_t *a)
{
	uint8_t b;

	args_data_create_unknown(in, a);
	b = in_u8(in);
	memset(host_pa_ptr(DATA_SRC), b, GRANULE_SIZE);
	a[3] = b < 0xF0 ? DATA_SRC : raw_granule(b);
	a[4] = b < 0xF8 ? (b & 1U) : 2U;	/* NO_MEASURE_CONTENT, MEASURE_CONTENT, invalid */
}

static void args_data_destroy(struct input *in, uint64_t *a)
{
	struct rd_args r = pick_rd(in);

	a[0] = r.rd;
	a[1] = pick_ipa(in, r.s2sz, 3);
}

static void args_psci_complete(struct input *in, uint64_t *a)
{
	static const int64_t status[] = { 0, -3, -1, -2 };

	a[0] = pick_granule(in, GRANULE_STATE_REC);
	a[1] = pick_granule(in, GRANULE_STATE_REC);
	a[2] = (uint64_t)status[in_u8(in) & 3U];
}

/* Indexed by the first byte of each call (modulo FUZZ_NUM_COMMANDS). */
static const struct {
	uint64_t fid;
	void (*args)(struct input *in, uint64_t *a);
} commands[FUZZ_NUM_COMMANDS] = {
	[FUZZ_NOP] = { 0, NULL },
	[FUZZ_VERSION] = { RMI_VERSION, args_version },
	[FUZZ_FEATURES] = { RMI_FEATURES, args_features },
	[FUZZ_DELEGATE] = { RMI_GRANULE_DELEGATE, args_delegate },
	[FUZZ_UNDELEGATE] = { RMI_GRANULE_UNDELEGATE, args_undelegate },
	[FUZZ_REALM_CREATE] = { RMI_REALM_CREATE, args_realm_create },
	[FUZZ_REALM_ACTIVATE] = { RMI_REALM_ACTIVATE, args_rd_only },
	[FUZZ_REALM_DESTROY] = { RMI_REALM_DESTROY, args_rd_only },
	[FUZZ_REC_CREATE] = { RMI_REC_CREATE, args_rec_create },
	[FUZZ_REC_DESTROY] = { RMI_REC_DESTROY, args_rec_destroy },
	[FUZZ_REC_AUX_COUNT] = { RMI_REC_AUX_COUNT, args_rd_only },
	[FUZZ_RTT_CREATE] = { RMI_RTT_CREATE, args_rtt_create },
	[FUZZ_RTT_DESTROY] = { RMI_RTT_DESTROY, args_rtt_structure },
	[FUZZ_RTT_FOLD] = { RMI_RTT_FOLD, args_rtt_structure },
	[FUZZ_RTT_READ_ENTRY] = { RMI_RTT_READ_ENTRY, args_rtt_entry },
	[FUZZ_RTT_INIT_RIPAS] = { RMI_RTT_INIT_RIPAS, args_init_ripas },
	[FUZZ_RTT_SET_RIPAS] = { RMI_RTT_SET_RIPAS, args_set_ripas },
	[FUZZ_RTT_MAP_UNPROTECTED] = { RMI_RTT_MAP_UNPROTECTED, args_map_unprotected },
	[FUZZ_RTT_UNMAP_UNPROTECTED] = { RMI_RTT_UNMAP_UNPROTECTED, args_rtt_entry },
	[FUZZ_DATA_CREATE] = { RMI_DATA_CREATE, args_data_create },
	[FUZZ_DATA_CREATE_UNKNOWN] = { RMI_DATA_CREATE_UNKNOWN, args_data_create_unknown },
	[FUZZ_DATA_DESTROY] = { RMI_DATA_DESTROY, args_data_destroy },
	[FUZZ_PSCI_COMPLETE] = { RMI_PSCI_COMPLETE, args_psci_complete },
};

/* ---- the fuzz target ------------------------------------------------------------------ */

/* Results per command and status, printed at exit when RMI_FUZZ_STATS is set. */
static unsigned long stats[FUZZ_NUM_COMMANDS][RMI_ERROR_RTT + 1U];

static void print_stats(void)
{
	static const char *const names[] = { "SUCCESS", "INPUT", "REALM", "REC", "RTT" };

	for (unsigned int c = FUZZ_NOP + 1U; c < FUZZ_NUM_COMMANDS; c++) {
		fprintf(stderr, "%-28s", rmi_command_lookup(commands[c].fid)->name);
		for (unsigned int st = 0; st <= RMI_ERROR_RTT; st++)
			fprintf(stderr, " %s %-8lu", names[st], stats[c][st]);
		fputc('\n', stderr);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (getenv("RMI_FUZZ_STATS") != NULL)
		atexit(print_stats);
	if (getenv("RMI_FUZZ_WRITE_SEEDS") != NULL)
		exit(fuzz_write_seeds(getenv("RMI_FUZZ_WRITE_SEEDS")) ? 0 : 1);
	return 0;
}

/* One call from one record of the input. */
static void run_one(struct input *rec)
{
	static struct inv_snapshot before;
	unsigned int c = in_u8(rec) % FUZZ_NUM_COMMANDS;
	uint64_t args[7] = { 0 };
	struct rmi_result res;

	if (c == FUZZ_NOP)
		return;
	commands[c].args(rec, args);
	inv_snapshot_take(&pool, &before);
	rmi_dispatch(commands[c].fid, args, &res);
	inv_check_call(&pool, commands[c].fid, args, &res, &before);
	stats[c][RMI_RETURN_STATUS(res.x[0])]++;	/* the status is checked: <= RTT */
}

/*
 * A fresh machine and a cold-booted RMM, as unit_boot_rmm does. After the
 * first input only the region the harness names is reset: every granule
 * the RMM is given, and so every one it can write or delegate, lies there.
 */
static void boot(void)
{
	fuzz_machine_reset(pool_pa, CHECKED, POOL_BASE);
	/*
	 * EL3 refuses the attestation key: deriving its public half is a P-384
	 * scalar multiplication (milliseconds under ASan) in every cold boot,
	 * and no RMI command uses it.
	 */
	host_el3_attest.realm_key_error = E_RMM_UNK;
	fuzz_machine_boot(&pool, BANK_BASE, BANK_SIZE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	boot();
	inv_check_state(&pool);
	for (size_t off = 0; off < size && off / FUZZ_RECORD < MAX_CALLS; off += FUZZ_RECORD) {
		size_t len = size - off < FUZZ_RECORD ? size - off : FUZZ_RECORD;
		struct input rec = { data + off, len, data + off, len };

		run_one(&rec);
	}
	return 0;
}
