/*
 * RMI_RTT_CREATE, RMI_RTT_DESTROY, RMI_RTT_FOLD and RMI_RTT_READ_ENTRY.
 * Lock order: RD, then the RTTs of the walk (root to leaf, hand over hand),
 * then the child RTT.
 */
#include <rmm/rmi.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/realm.h>
#include <rmm/s2tt.h>

#define PA_LIMIT_NO_LPA2	(1ULL << 48)	/* RTT PAs of realms without LPA2 */

/* RTT_CREATE/DESTROY/FOLD step 2: level in [start + 1, 3], ipa in range and aligned to level - 1. */
static bool structure_args_valid(const struct rd *rd, uint64_t ipa, int64_t level)
{
	return level > rd->s2.start_level && level <= S2TT_PAGE_LEVEL && ipa_in_range(rd, ipa) &&
	       ipa_aligned(ipa, level - 1);
}

static uint64_t rtt_error(long level)
{
	return RMI_STATUS(RMI_ERROR_RTT, level);
}

void rmi_rtt_create(const uint64_t *args, struct rmi_result *res)
{
	struct granule_lock_req locks[2] = { { args[0], GRANULE_STATE_RD, NULL },
					     { args[1], GRANULE_STATE_DELEGATED, NULL } };
	uint64_t ipa = args[2];
	int64_t level = (int64_t)args[3];
	struct granule *g_rd, *g_rtt;
	struct s2tt_walk w;
	struct rd *rd;
	uint64_t parent;

	if (!granules_lock_all(locks, 2)) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	g_rd = granules_locked_at(locks, 2, args[0]);
	g_rtt = granules_locked_at(locks, 2, args[1]);
	rd = rd_from_granule(g_rd);
	if (!structure_args_valid(rd, ipa, level) || (!rd->s2.lpa2 && args[1] >= PA_LIMIT_NO_LPA2)) {
		res->x[0] = RMI_ERROR_INPUT;
		goto out;
	}
	if (!s2tt_walk_lock(&rd->s2, ipa, level - 1, &w)) {
		res->x[0] = RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
		goto out;
	}
	if (w.level < level - 1) {
		res->x[0] = rtt_error(w.level);
	} else if (s2tte_hipas(*s2tt_walk_entry(&w), w.level) == HIPAS_TABLE) {
		res->x[0] = rtt_error(level - 1);
	} else {
		parent = *s2tt_walk_entry(&w);
		s2tt_unfold(granule_va(g_rtt, GRANULE_STATE_DELEGATED), parent, level, rd->s2.lpa2);
		/* Only an ASSIGNED block unfolds into ASSIGNED entries: all 512 of them. */
		g_rtt->refcount = s2tte_hipas(parent, w.level) == HIPAS_ASSIGNED ? S2TT_ENTRIES : 0U;
		g_rtt->ns_refcount =
			s2tte_hipas(parent, w.level) == HIPAS_ASSIGNED_NS ? S2TT_ENTRIES : 0U;
		granule_set_state_locked(g_rtt, GRANULE_STATE_RTT);
		if (s2tte_hipas(parent, w.level) == HIPAS_ASSIGNED ||
		    s2tte_hipas(parent, w.level) == HIPAS_ASSIGNED_NS) {
			/* Break before make: a valid block is replaced by a table. */
			s2tt_write_entry(&w, w.index, s2tte_unassigned(RIPAS_EMPTY));
			arch_tlbi_realm_ipa(rd->s2.vmid, ipa);
		}
		s2tt_write_entry(&w, w.index, s2tte_table(args[1], rd->s2.lpa2));
		res->x[0] = RMI_SUCCESS;
	}
	granule_unlock(w.g_table);
out:
	granules_unlock_all(locks, 2);
}

/* An RTT, its parent table and the RD, locked, for RTT_DESTROY and RTT_FOLD. */
struct rtt_child {
	struct granule *g_rd;
	struct rd *rd;
	struct s2tt_walk parent;
	struct granule *g_child;
};

/*
 * Steps 1 to 3 of RTT_DESTROY and RTT_FOLD: rd, level and ipa, then a walk
 * to the TABLE entry at level - 1, whose child is locked (hand over hand).
 * On failure sets x0 (and x2 = top for RTT_DESTROY) and leaves nothing locked.
 */
static bool rtt_child_lock(const uint64_t *args, bool report_top, struct rtt_child *c,
			   struct rmi_result *res)
{
	uint64_t ipa = args[1];
	int64_t level = (int64_t)args[2];

	c->g_rd = granule_find_lock(args[0], GRANULE_STATE_RD);
	if (c->g_rd == NULL) {
		res->x[0] = RMI_ERROR_INPUT;
		return false;
	}
	c->rd = rd_from_granule(c->g_rd);
	if (!structure_args_valid(c->rd, ipa, level)) {
		res->x[0] = RMI_ERROR_INPUT;
		granule_unlock(c->g_rd);
		return false;
	}
	if (!s2tt_walk_lock(&c->rd->s2, ipa, level - 1, &c->parent)) {
		res->x[0] = RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
		granule_unlock(c->g_rd);
		return false;
	}
	if (c->parent.level < level - 1 ||
	    s2tte_hipas(*s2tt_walk_entry(&c->parent), c->parent.level) != HIPAS_TABLE) {
		res->x[0] = rtt_error(c->parent.level);
		if (report_top)
			res->x[2] = s2tt_skip_non_live(&c->parent, ipa);
		granule_unlock(c->parent.g_table);
		granule_unlock(c->g_rd);
		return false;
	}
	c->g_child = granule_find(s2tte_table_oa(*s2tt_walk_entry(&c->parent)));
	granule_lock(c->g_child);
	return true;
}

static void rtt_child_unlock(struct rtt_child *c)
{
	granule_unlock(c->g_child);
	granule_unlock(c->parent.g_table);
	granule_unlock(c->g_rd);
}

void rmi_rtt_destroy(const uint64_t *args, struct rmi_result *res)
{
	uint64_t ipa = args[1];
	int64_t level = (int64_t)args[2];
	struct rtt_child c;

	if (!rtt_child_lock(args, true, &c, res))
		return;
	if (c.g_child->refcount != 0U) {
		res->x[0] = rtt_error(level);
		res->x[2] = ipa;
	} else {
		s2tt_write_entry(&c.parent, c.parent.index,
				 ipa_in_par(c.rd, ipa) ? s2tte_unassigned(RIPAS_DESTROYED)
						       : s2tte_unassigned_ns());
		/* The child may have held valid unprotected mappings. */
		arch_tlbi_realm_all(c.rd->s2.vmid);
		res->x[1] = granule_addr(c.g_child);
		granule_scrub_to_delegated(c.g_child, GRANULE_STATE_RTT);
		res->x[0] = RMI_SUCCESS;
		res->x[2] = s2tt_skip_non_live(&c.parent, ipa);
	}
	rtt_child_unlock(&c);
}

void rmi_rtt_fold(const uint64_t *args, struct rmi_result *res)
{
	int64_t level = (int64_t)args[2];
	struct rtt_child c;
	uint64_t folded;
	bool needs_block;

	if (!rtt_child_lock(args, false, &c, res))
		return;
	if (!s2tt_fold(granule_va(c.g_child, GRANULE_STATE_RTT), level, c.rd->s2.lpa2, &folded,
		       &needs_block)) {
		res->x[0] = rtt_error(level);
	} else if (needs_block && level - 1 < S2TT_MIN_BLOCK_LEVEL) {
		res->x[0] = rtt_error(level - 1);
	} else {
		/* Break before make: the table entry goes invalid before the block appears. */
		s2tt_write_entry(&c.parent, c.parent.index, s2tte_unassigned(RIPAS_EMPTY));
		/*
		 * Any page of the folded table, and the walk through it, may be
		 * cached: invalidate the realm's whole VMID (a level 2 table
		 * covers 2^18 pages, too many to invalidate one by one).
		 */
		arch_tlbi_realm_all(c.rd->s2.vmid);
		s2tt_write_entry(&c.parent, c.parent.index, folded);
		res->x[1] = granule_addr(c.g_child);
		granule_scrub_to_delegated(c.g_child, GRANULE_STATE_RTT);
		res->x[0] = RMI_SUCCESS;
	}
	rtt_child_unlock(&c);
}

/* RMI_RTT_READ_ENTRY outputs for the entry a walk stopped at. */
static void read_entry_outputs(const struct s2tt_walk *w, bool lpa2, struct rmi_result *res)
{
	uint64_t e = *s2tt_walk_entry(w);

	res->x[1] = (uint64_t)w->level;
	res->x[3] = 0;
	res->x[4] = RMI_EMPTY;
	switch (s2tte_hipas(e, w->level)) {
	case HIPAS_UNASSIGNED:
		res->x[2] = RMI_UNASSIGNED;
		res->x[4] = s2tte_ripas(e);
		break;
	case HIPAS_ASSIGNED:
		res->x[2] = RMI_ASSIGNED;
		res->x[3] = s2tte_oa(e, lpa2);
		res->x[4] = s2tte_ripas(e);
		break;
	case HIPAS_ASSIGNED_NS:
		res->x[2] = RMI_ASSIGNED;
		/* The bits the host passed to MAP_UNPROTECTED, OA[51:50] in [9:8] with LPA2. */
		res->x[3] = e & (s2tte_oa_bits(lpa2) | S2TTE_MEMATTR_MASK | S2TTE_S2AP_MASK);
		break;
	case HIPAS_TABLE:
		res->x[2] = RMI_TABLE;
		res->x[3] = s2tte_table_oa(e);
		break;
	default:
		res->x[2] = RMI_UNASSIGNED;
		break;
	}
}

void rmi_rtt_read_entry(const uint64_t *args, struct rmi_result *res)
{
	struct granule *g_rd = granule_find_lock(args[0], GRANULE_STATE_RD);
	uint64_t ipa = args[1];
	int64_t level = (int64_t)args[2];
	struct s2tt_walk w;
	struct rd *rd;

	if (g_rd == NULL) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	rd = rd_from_granule(g_rd);
	if (level < rd->s2.start_level || level > S2TT_PAGE_LEVEL || !ipa_in_range(rd, ipa) ||
	    !ipa_aligned(ipa, level)) {
		res->x[0] = RMI_ERROR_INPUT;
	} else if (!s2tt_walk_lock(&rd->s2, ipa, level, &w)) {
		res->x[0] = RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
	} else {
		read_entry_outputs(&w, rd->s2.lpa2, res);
		granule_unlock(w.g_table);
		res->x[0] = RMI_SUCCESS;
	}
	granule_unlock(g_rd);
}
