/*
 * Stage-2 translation tables (RTTs) in the architectural VMSAv8-64 format,
 * 4 KB granules, levels 0..3 (-1 with LPA2). The hardware walks valid
 * entries; invalid entries carry the RMM's HIPAS and RIPAS in software bits:
 *   bits [1:0]  0b00 invalid, 0b01 block, 0b11 table (levels 0-2) or page (3)
 *   invalid:    HIPAS in [4:2], RIPAS in [6:5], OA kept as in valid ones when ASSIGNED
 *   valid:      ASSIGNED with RIPAS RAM (NS = 0) or ASSIGNED_NS (NS = 1)
 *   OA:         [47:12]; for an LPA2 realm (VTCR_EL2.DS = 1) [49:12] and
 *               OA[51:50] in [9:8], where the others have the shareability
 * An all-zero entry is UNASSIGNED with RIPAS EMPTY, so a zeroed RTT is
 * ready to use for protected IPAs.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <rmm/granule.h>

#define S2TT_ENTRIES		512U
#define S2TT_ENTRIES_LEVEL_MINUS_1	16U	/* the LPA2 root: IPA bits 51:48 */
#define S2TT_MIN_START_LEVEL	0	/* without LPA2 */
#define S2TT_MIN_START_LEVEL_LPA2	(-1)	/* a root of 16 entries */
#define S2TT_MIN_BLOCK_LEVEL	1
#define S2TT_PAGE_LEVEL		3

enum s2tt_hipas {
	HIPAS_UNASSIGNED = 0,
	HIPAS_ASSIGNED,
	HIPAS_UNASSIGNED_NS,
	HIPAS_ASSIGNED_NS,
	HIPAS_TABLE,
};

enum ripas {
	RIPAS_EMPTY = 0,
	RIPAS_RAM = 1,
	RIPAS_DESTROYED = 2,
};

/* Bits the host may set in RTT_MAP_UNPROTECTED's desc (MemAttr, S2AP). */
#define S2TTE_MEMATTR_MASK	(7ULL << 2)
#define S2TTE_S2AP_MASK		(3ULL << 6)
#define S2TTE_OA_MASK		0x0000FFFFFFFFF000ULL
#define S2TTE_OA_MASK_LPA2	(0x0003FFFFFFFFF000ULL | (3ULL << 8))	/* as encoded */

/* The bits of an entry that hold its output address, in the realm's format. */
static inline uint64_t s2tte_oa_bits(bool lpa2)
{
	return lpa2 ? S2TTE_OA_MASK_LPA2 : S2TTE_OA_MASK;
}

static inline unsigned int s2tt_level_shift(long level)
{
	return 12U + 9U * (unsigned int)(3 - level);
}

static inline uint64_t s2tt_level_size(long level)
{
	return 1ULL << s2tt_level_shift(level);
}

/* Decoding. */
enum s2tt_hipas s2tte_hipas(uint64_t e, long level);
enum ripas s2tte_ripas(uint64_t e);
static inline uint64_t s2tte_oa(uint64_t e, bool lpa2)
{
	if (!lpa2)
		return e & S2TTE_OA_MASK;
	return (e & 0x0003FFFFFFFFF000ULL) | ((e & (3ULL << 8)) << 42);
}

/*
 * The next-level RTT of a TABLE entry, in either format: a table entry has
 * no shareability bits, and without LPA2 its bits [49:48] and [9:8] are 0
 * (RTTs of such realms lie below 2^48). So walks need not know the format.
 */
static inline uint64_t s2tte_table_oa(uint64_t e)
{
	return s2tte_oa(e, true);
}
bool s2tte_is_live(uint64_t e, long level);	/* ASSIGNED, ASSIGNED_NS or TABLE */

/* Encoding. */
uint64_t s2tte_unassigned(enum ripas ripas);
uint64_t s2tte_unassigned_ns(void);
uint64_t s2tte_assigned(uint64_t pa, enum ripas ripas, long level, bool lpa2);
uint64_t s2tte_assigned_ns(uint64_t host_desc, long level, bool lpa2);
uint64_t s2tte_table(uint64_t pa, bool lpa2);

/* The realm geometry a walk needs (copied from the RD). */
struct s2tt_ctx {
	uint64_t rtt_base;	/* first root RTT */
	long start_level;
	unsigned int num_root;
	unsigned int s2sz;
	uint16_t vmid;
	bool lpa2;		/* the LPA2 format (RmiRealmParams flag LPA2) */
};

/*
 * Result of a walk: the RTT where it stopped (locked), its level, the
 * index of the entry covering the IPA and the IPA range that RTT covers.
 */
struct s2tt_walk {
	struct granule *g_table;
	uint64_t *table;
	long level;
	unsigned int index;
	uint64_t table_base;
};

/*
 * Walks from the root towards `level`, locking hand over hand, and stops at
 * the first entry that is not TABLE. The caller holds the RD lock, and must
 * unlock walk->g_table. Returns false, with nothing locked, if the walk
 * would leave the realm's tables: a start level or root index outside the
 * realm's geometry, or a granule on the way that is not an RTT. Neither
 * happens for a consistent realm; the caller stops the command.
 */
bool s2tt_walk_lock(const struct s2tt_ctx *ctx, uint64_t ipa, long level,
		    struct s2tt_walk *walk) __attribute__((warn_unused_result));

/* Entry the walk stopped at. */
static inline uint64_t *s2tt_walk_entry(const struct s2tt_walk *w)
{
	return &w->table[w->index];
}

/* IPA of entry `index` of the table in a walk. */
static inline uint64_t s2tt_entry_ipa(const struct s2tt_walk *w, unsigned int index)
{
	return w->table_base + (uint64_t)index * s2tt_level_size(w->level);
}

/*
 * The `top` output: ipa if the entry covering it is live, otherwise the
 * base of the next live entry in the same table, or the table's end.
 */
uint64_t s2tt_skip_non_live(const struct s2tt_walk *w, uint64_t ipa);

/* Fills a new RTT at `level` with the unfolded contents of parent entry `parent`. */
void s2tt_unfold(uint64_t *child, uint64_t parent, long level, bool lpa2);

/*
 * If the RTT at `level` is homogeneous, returns true with the parent entry
 * that replaces it in *folded. *needs_block is set when that entry is a
 * block (ASSIGNED/ASSIGNED_NS), which needs the parent level to be >= 1.
 */
bool s2tt_fold(const uint64_t *child, long level, bool lpa2, uint64_t *folded, bool *needs_block);

/* Number of live protected children (ASSIGNED or TABLE) of an RTT: its refcount. */
unsigned int s2tt_count_refs(const uint64_t *table, long level);

/* Initial root entries of a new realm: PAR UNASSIGNED/EMPTY, the rest UNASSIGNED_NS. */
void s2tt_init_root(uint64_t *root, unsigned int root_index, const struct s2tt_ctx *ctx);

/*
 * Writes entry `index` of the walked (locked) RTT and keeps its granule's
 * refcount equal to the number of ASSIGNED and TABLE entries.
 */
void s2tt_write_entry(struct s2tt_walk *w, unsigned int index, uint64_t e);
