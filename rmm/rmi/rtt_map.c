/* RMI_RTT_MAP_UNPROTECTED and RMI_RTT_UNMAP_UNPROTECTED. */
#include <rmm/rmi.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/realm.h>
#include <rmm/s2tt.h>

#define MEMATTR_RESERVED	(4ULL << 2)

static bool map_level_valid(int64_t level)
{
	return level >= S2TT_MIN_BLOCK_LEVEL && level <= S2TT_PAGE_LEVEL;
}

/*
 * Only MemAttr (not the reserved 0b100), S2AP and an aligned OA: below 2^48,
 * or for an LPA2 realm below 2^52 with OA[51:50] in bits [9:8].
 */
static bool host_desc_valid(uint64_t desc, int64_t level, bool lpa2)
{
	uint64_t allowed = s2tte_oa_bits(lpa2) | S2TTE_MEMATTR_MASK | S2TTE_S2AP_MASK;

	if ((desc & ~allowed) != 0U)
		return false;
	if ((desc & S2TTE_MEMATTR_MASK) == MEMATTR_RESERVED)
		return false;
	return (s2tte_oa(desc, lpa2) & (s2tt_level_size(level) - 1U)) == 0U;
}

/* Steps shared by MAP and UNMAP: level, rd, ipa bound and alignment, unprotected. */
static struct granule *lock_rd_for_unprotected(uint64_t rd_pa, uint64_t ipa, int64_t level,
					       const uint64_t *desc, struct rmi_result *res)
{
	struct granule *g_rd;
	struct rd *rd;

	res->x[0] = RMI_ERROR_INPUT;
	if (!map_level_valid(level))
		return NULL;
	g_rd = granule_find_lock(rd_pa, GRANULE_STATE_RD);
	if (g_rd == NULL)
		return NULL;
	rd = rd_from_granule(g_rd);
	if ((desc != NULL && !host_desc_valid(*desc, level, rd->s2.lpa2)) || level < rd->s2.start_level ||
	    !ipa_in_range(rd, ipa) || !ipa_aligned(ipa, level) || ipa_in_par(rd, ipa)) {
		granule_unlock(g_rd);
		return NULL;
	}
	return g_rd;
}

void rmi_rtt_map_unprotected(const uint64_t *args, struct rmi_result *res)
{
	int64_t level = (int64_t)args[2];
	struct granule *g_rd = lock_rd_for_unprotected(args[0], args[1], level, &args[3], res);
	struct s2tt_walk w;

	if (g_rd == NULL)
		return;
	if (!s2tt_walk_lock(&rd_from_granule(g_rd)->s2, args[1], level, &w)) {
		res->x[0] = RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
		granule_unlock(g_rd);
		return;
	}
	if (w.level < level) {
		res->x[0] = RMI_STATUS(RMI_ERROR_RTT, w.level);
	} else if (s2tte_hipas(*s2tt_walk_entry(&w), w.level) != HIPAS_UNASSIGNED_NS) {
		res->x[0] = RMI_STATUS(RMI_ERROR_RTT, level);
	} else {
		s2tt_write_entry(&w, w.index,
				 s2tte_assigned_ns(args[3], level, rd_from_granule(g_rd)->s2.lpa2));
		res->x[0] = RMI_SUCCESS;
	}
	granule_unlock(w.g_table);
	granule_unlock(g_rd);
}

void rmi_rtt_unmap_unprotected(const uint64_t *args, struct rmi_result *res)
{
	int64_t level = (int64_t)args[2];
	struct granule *g_rd = lock_rd_for_unprotected(args[0], args[1], level, NULL, res);
	struct s2tt_walk w;
	struct rd *rd;

	if (g_rd == NULL)
		return;
	rd = rd_from_granule(g_rd);
	if (!s2tt_walk_lock(&rd->s2, args[1], level, &w)) {
		res->x[0] = RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
		granule_unlock(g_rd);
		return;
	}
	if (w.level < level || s2tte_hipas(*s2tt_walk_entry(&w), w.level) != HIPAS_ASSIGNED_NS) {
		res->x[0] = RMI_STATUS(RMI_ERROR_RTT, w.level);
	} else {
		s2tt_write_entry(&w, w.index, s2tte_unassigned_ns());
		arch_tlbi_realm_ipa(rd->s2.vmid, args[1]);
		res->x[0] = RMI_SUCCESS;
	}
	res->x[1] = s2tt_skip_non_live(&w, args[1]);
	granule_unlock(w.g_table);
	granule_unlock(g_rd);
}
