/* Stage-2 table entries, walks, unfold and fold (see rmm/s2tt.h for the encoding). */
#include <rmm/s2tt.h>

#include <stddef.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>

#define DESC_TYPE_MASK		3ULL
#define DESC_INVALID		0ULL
#define DESC_BLOCK		1ULL
#define DESC_TABLE_OR_PAGE	3ULL

#define SW_HIPAS_SHIFT		2
#define SW_HIPAS_MASK		(7ULL << SW_HIPAS_SHIFT)
#define SW_RIPAS_SHIFT		5
#define SW_RIPAS_MASK		(3ULL << SW_RIPAS_SHIFT)

/* Valid-entry attributes (HCR_EL2.FWB = 1). */
#define ATTR_MEMATTR_NORMAL_WB	(6ULL << 2)
#define ATTR_S2AP_RW		(3ULL << 6)
#define ATTR_SH_INNER		(3ULL << 8)
#define ATTR_AF			(1ULL << 10)
#define ATTR_XN			(2ULL << 53)	/* XN[1:0] = 0b10: no execution at EL1/EL0 */
#define ATTR_NS			(1ULL << 55)

static bool is_valid(uint64_t e)
{
	return (e & 1U) != 0U;
}

static uint64_t leaf_type(long level)
{
	return level == S2TT_PAGE_LEVEL ? DESC_TABLE_OR_PAGE : DESC_BLOCK;
}

enum s2tt_hipas s2tte_hipas(uint64_t e, long level)
{
	if (!is_valid(e))
		return (enum s2tt_hipas)((e & SW_HIPAS_MASK) >> SW_HIPAS_SHIFT);
	if ((e & DESC_TYPE_MASK) == DESC_TABLE_OR_PAGE && level < S2TT_PAGE_LEVEL)
		return HIPAS_TABLE;
	return (e & ATTR_NS) != 0U ? HIPAS_ASSIGNED_NS : HIPAS_ASSIGNED;
}

enum ripas s2tte_ripas(uint64_t e)
{
	if (is_valid(e))
		return RIPAS_RAM;	/* valid protected entries are RAM */
	return (enum ripas)((e & SW_RIPAS_MASK) >> SW_RIPAS_SHIFT);
}

/* An output address as the realm's format holds it (rmm/s2tt.h). */
static uint64_t oa_field(uint64_t pa, bool lpa2)
{
	if (!lpa2)
		return pa;
	return (pa & 0x0003FFFFFFFFF000ULL) | (((pa >> 50) & 3U) << 8);
}

bool s2tte_is_live(uint64_t e, long level)
{
	(void)level;
	/* Valid entries (ASSIGNED RAM, ASSIGNED_NS, TABLE) are live; of invalid ones, ASSIGNED. */
	return is_valid(e) ||
	       (e & SW_HIPAS_MASK) == ((uint64_t)HIPAS_ASSIGNED << SW_HIPAS_SHIFT);
}

uint64_t s2tte_unassigned(enum ripas ripas)
{
	return ((uint64_t)HIPAS_UNASSIGNED << SW_HIPAS_SHIFT) |
	       ((uint64_t)ripas << SW_RIPAS_SHIFT);
}

uint64_t s2tte_unassigned_ns(void)
{
	return (uint64_t)HIPAS_UNASSIGNED_NS << SW_HIPAS_SHIFT;
}

uint64_t s2tte_assigned(uint64_t pa, enum ripas ripas, long level, bool lpa2)
{
	/* With LPA2, VTCR_EL2.SH0 gives the shareability: bits [9:8] are OA[51:50]. */
	if (ripas == RIPAS_RAM)
		return oa_field(pa, lpa2) | ATTR_MEMATTR_NORMAL_WB | ATTR_S2AP_RW |
		       (lpa2 ? 0U : ATTR_SH_INNER) | ATTR_AF | leaf_type(level);
	/* Not accessible to the realm: invalid, but the RMM keeps the PA. */
	return oa_field(pa, lpa2) | ((uint64_t)HIPAS_ASSIGNED << SW_HIPAS_SHIFT) |
	       ((uint64_t)ripas << SW_RIPAS_SHIFT);
}

/* The host's desc is in the realm's format already (spec 2.3, RTT_MAP_UNPROTECTED). */
uint64_t s2tte_assigned_ns(uint64_t host_desc, long level, bool lpa2)
{
	return (host_desc & (s2tte_oa_bits(lpa2) | S2TTE_MEMATTR_MASK | S2TTE_S2AP_MASK)) |
	       ATTR_AF | ATTR_XN | ATTR_NS | leaf_type(level);
}

uint64_t s2tte_table(uint64_t pa, bool lpa2)
{
	return oa_field(pa, lpa2) | DESC_TABLE_OR_PAGE;
}

/*
 * Backstops against a geometry that slipped past REALM_CREATE: the start
 * level is one the architecture has and the IPA picks one of the realm's
 * root RTTs (past the last one, the walk would start in some other granule).
 */
static bool walk_start_valid(const struct s2tt_ctx *ctx, uint64_t ipa)
{
	if (ctx->start_level < S2TT_MIN_START_LEVEL_LPA2 || ctx->start_level > S2TT_PAGE_LEVEL ||
	    (ctx->start_level < S2TT_MIN_START_LEVEL && !ctx->lpa2))
		return false;
	return (ipa >> (s2tt_level_shift(ctx->start_level) + 9U)) < ctx->num_root;
}

bool s2tt_walk_lock(const struct s2tt_ctx *ctx, uint64_t ipa, long level, struct s2tt_walk *walk)
{
	struct granule *g;
	long l = ctx->start_level;
	uint64_t pa;

	if (!walk_start_valid(ctx, ipa))
		return false;
	/*
	 * Concatenated roots: the bits above the root level pick the table. A
	 * walk enters no granule that is not an RTT.
	 */
	pa = ctx->rtt_base + (ipa >> (s2tt_level_shift(l) + 9U)) * GRANULE_SIZE;
	g = granule_find_lock(pa, GRANULE_STATE_RTT);
	if (g == NULL)
		return false;
	for (;;) {
		uint64_t *table = granule_va_at(g, pa, GRANULE_STATE_RTT);
		unsigned int idx = (unsigned int)((ipa >> s2tt_level_shift(l)) & (S2TT_ENTRIES - 1U));
		uint64_t e = table[idx];
		struct granule *next;

		if (l == level || s2tte_hipas(e, l) != HIPAS_TABLE) {
			walk->g_table = g;
			walk->table = table;
			walk->level = l;
			walk->index = idx;
			walk->table_base = ipa & ~((s2tt_level_size(l) << 9) - 1U);
			return true;
		}
		/* Hand over hand: child, then release parent. */
		pa = s2tte_table_oa(e);
		next = granule_find_lock(pa, GRANULE_STATE_RTT);
		granule_unlock(g);
		if (next == NULL)
			return false;
		g = next;
		l++;
	}
}

/*
 * Non-live entries are exactly UNASSIGNED (HIPAS 0) and UNASSIGNED_NS
 * (HIPAS 2, bit 3): invalid, HIPAS bits 2 and 4 clear. So an entry is live
 * iff one of bits 0, 2, 4 is set, and eight entries can be tested at once.
 */
#define LIVE_BITS	((1ULL << 0) | (1ULL << 2) | (1ULL << 4))
_Static_assert(HIPAS_UNASSIGNED == 0 && HIPAS_UNASSIGNED_NS == 2 && HIPAS_ASSIGNED == 1,
	       "the LIVE_BITS test relies on these encodings");

static unsigned int next_live(const uint64_t *t, unsigned int i)
{
	for (; i + 8U <= S2TT_ENTRIES; i += 8U) {
		if (((t[i] | t[i + 1] | t[i + 2] | t[i + 3] | t[i + 4] | t[i + 5] | t[i + 6] |
		      t[i + 7]) & LIVE_BITS) != 0U)
			break;
	}
	for (; i < S2TT_ENTRIES; i++) {
		if ((t[i] & LIVE_BITS) != 0U)
			break;
	}
	return i;
}

/* The live entries among t[0..n). */
static unsigned int count_live(const uint64_t *t, unsigned int n)
{
	unsigned int live = 0;

	for (unsigned int i = 0; i < n; i++)
		live += (t[i] & LIVE_BITS) != 0U;
	return live;
}

/*
 * Below this index, counting the live entries before it is cheaper than
 * scanning the ones after it for the next (one step per entry against one
 * per eight, at about 4 and 20 instructions).
 */
#define COUNT_BEFORE_LIMIT	(S2TT_ENTRIES * 3U / 8U)

uint64_t s2tt_skip_non_live(const struct s2tt_walk *w, uint64_t ipa)
{
	/* Every live entry is counted: ASSIGNED and TABLE in refcount, ASSIGNED_NS in ns_refcount. */
	unsigned int live = w->g_table->refcount + w->g_table->ns_refcount;
	/* A level -1 table has 16 entries (the granule's others are never used, so zero). */
	unsigned int end = w->level < 0 ? S2TT_ENTRIES_LEVEL_MINUS_1 : S2TT_ENTRIES;
	unsigned int next;

	if (s2tte_is_live(w->table[w->index], w->level))
		return ipa;
	/* The counts say when nothing after this entry is live: no scan needed. */
	if (live == 0U ||
	    (w->index < COUNT_BEFORE_LIMIT && count_live(w->table, w->index) == live))
		return s2tt_entry_ipa(w, end);
	next = next_live(w->table, w->index + 1U);
	return s2tt_entry_ipa(w, next < end ? next : end);
}

/*
 * The first child entry for a parent entry, and how much each following one
 * adds: blocks split into entries whose output addresses step by the child
 * level's size; anything else is copied unchanged.
 */
static uint64_t unfold_first(uint64_t parent, long level, bool lpa2, uint64_t *stride)
{
	switch (s2tte_hipas(parent, level - 1)) {
	case HIPAS_ASSIGNED:
		*stride = s2tt_level_size(level);
		return s2tte_assigned(s2tte_oa(parent, lpa2), s2tte_ripas(parent), level, lpa2);
	case HIPAS_ASSIGNED_NS:
		*stride = s2tt_level_size(level);
		return s2tte_assigned_ns(parent, level, lpa2);
	case HIPAS_UNASSIGNED_NS:
		*stride = 0;
		return s2tte_unassigned_ns();
	default:
		*stride = 0;
		return s2tte_unassigned(s2tte_ripas(parent));
	}
}

/*
 * A block's entries step through its output addresses by adding to bits
 * [49:12] only: an aligned block never crosses a 2^50 boundary, so OA[51:50]
 * (bits [9:8] with LPA2) stays the block's.
 */
void s2tt_unfold(uint64_t *child, uint64_t parent, long level, bool lpa2)
{
	uint64_t stride, e = unfold_first(parent, level, lpa2, &stride);

	/* A new RTT was a DELEGATED, hence zeroed, granule: UNASSIGNED/EMPTY already. */
	if (e == 0U && stride == 0U)
		return;
	for (unsigned int i = 0; i < S2TT_ENTRIES; i++, e += stride)
		child[i] = e;
}

bool s2tt_fold(const uint64_t *child, long level, bool lpa2, uint64_t *folded, bool *needs_block)
{
	uint64_t first = child[0], e;
	enum s2tt_hipas h = s2tte_hipas(first, level);
	uint64_t stride;

	if (h == HIPAS_TABLE)
		return false;
	*needs_block = h == HIPAS_ASSIGNED || h == HIPAS_ASSIGNED_NS;
	/*
	 * Homogeneous means the entries are what unfolding the folded entry
	 * gives back: equal (UNASSIGNED with one RIPAS, UNASSIGNED_NS), or
	 * contiguous output addresses with identical attributes (blocks).
	 */
	stride = *needs_block ? s2tt_level_size(level) : 0U;
	e = first;
	for (unsigned int i = 1; i < S2TT_ENTRIES; i++) {
		e += stride;
		if (child[i] != e)
			return false;
	}
	if (!*needs_block) {
		*folded = first;
		return true;
	}
	/* The block's output address must be aligned to the parent's entry size. */
	if ((s2tte_oa(first, lpa2) & (s2tt_level_size(level - 1) - 1U)) != 0U)
		return false;
	if (h == HIPAS_ASSIGNED)
		*folded = s2tte_assigned(s2tte_oa(first, lpa2), s2tte_ripas(first), level - 1, lpa2);
	else
		*folded = s2tte_assigned_ns(first, level - 1, lpa2);
	return true;
}

unsigned int s2tt_count_refs(const uint64_t *table, long level)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < S2TT_ENTRIES; i++) {
		enum s2tt_hipas h = s2tte_hipas(table[i], level);

		n += h == HIPAS_ASSIGNED || h == HIPAS_TABLE;
	}
	return n;
}

/* Index of the first root entry at or above ipa (S2TT_ENTRIES if none). */
static unsigned int root_index_from(uint64_t ipa, uint64_t first_ipa, uint64_t size)
{
	uint64_t idx;

	if (ipa <= first_ipa)
		return 0;
	idx = (ipa - first_ipa + size - 1U) / size;
	return idx < S2TT_ENTRIES ? (unsigned int)idx : S2TT_ENTRIES;
}

void s2tt_init_root(uint64_t *root, unsigned int root_index, const struct s2tt_ctx *ctx)
{
	uint64_t size = s2tt_level_size(ctx->start_level);
	uint64_t first_ipa = (uint64_t)root_index * S2TT_ENTRIES * size;
	unsigned int from = root_index_from(1ULL << (ctx->s2sz - 1U), first_ipa, size);
	unsigned int to = root_index_from(1ULL << ctx->s2sz, first_ipa, size);

	/*
	 * The granule was DELEGATED, so zero: every entry is UNASSIGNED/EMPTY
	 * already, which is right for the protected half. Only the unprotected
	 * half needs writing; entries beyond 2^s2sz are never reached.
	 */
	for (unsigned int i = from; i < to; i++)
		root[i] = s2tte_unassigned_ns();
}

static bool counts_as_ref(uint64_t e, long level)
{
	enum s2tt_hipas h = s2tte_hipas(e, level);

	return h == HIPAS_ASSIGNED || h == HIPAS_TABLE;
}

static bool counts_as_ns_ref(uint64_t e, long level)
{
	return s2tte_hipas(e, level) == HIPAS_ASSIGNED_NS;
}

void s2tt_write_entry(struct s2tt_walk *w, unsigned int index, uint64_t e)
{
	uint64_t old = w->table[index];

	w->g_table->refcount += (uint32_t)counts_as_ref(e, w->level) -
				(uint32_t)counts_as_ref(old, w->level);
	w->g_table->ns_refcount += (uint16_t)((uint16_t)counts_as_ns_ref(e, w->level) -
					      (uint16_t)counts_as_ns_ref(old, w->level));
	/* Single-copy atomic: the table walker may be reading it. */
	__atomic_store_n(&w->table[index], e, __ATOMIC_RELEASE);
}
