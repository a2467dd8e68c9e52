/*
 * RMI_RTT_INIT_RIPAS and RMI_RTT_SET_RIPAS. Both process consecutive entries
 * of the one RTT where the walk from `base` stops, while each entry lies
 * wholly below `top`.
 */
#include <rmm/rmi.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/measure.h>
#include <rmm/realm.h>
#include <rmm/rec.h>
#include <rmm/s2tt.h>

static bool granule_aligned(uint64_t addr)
{
	return (addr & (GRANULE_SIZE - 1U)) == 0U;
}

/* Entry `i` of the walked RTT, if it ends at or below top. */
static bool entry_below_top(const struct s2tt_walk *w, unsigned int i, uint64_t top)
{
	return i < S2TT_ENTRIES && s2tt_entry_ipa(w, i + 1U) <= top;
}

static uint64_t init_ripas_walk(struct rd *rd, uint64_t base, uint64_t top, uint64_t *out_top)
{
	struct s2tt_walk w;
	unsigned int i;
	uint64_t status = RMI_SUCCESS;

	if (!s2tt_walk_lock(&rd->s2, base, S2TT_PAGE_LEVEL, &w))
		return RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
	if (!ipa_aligned(base, w.level)) {
		status = RMI_STATUS(RMI_ERROR_RTT, w.level);
		goto out;
	}
	for (i = w.index; entry_below_top(&w, i, top); i++) {
		uint64_t e = w.table[i];

		if (s2tte_hipas(e, w.level) != HIPAS_UNASSIGNED || s2tte_ripas(e) == RIPAS_DESTROYED)
			break;
		s2tt_write_entry(&w, i, s2tte_unassigned(RIPAS_RAM));
		measure_rim_ripas(rd->algo, rd->rim, s2tt_entry_ipa(&w, i),
				  s2tt_entry_ipa(&w, i + 1U));
	}
	if (i == w.index)
		status = RMI_STATUS(RMI_ERROR_RTT, w.level);
	else
		*out_top = s2tt_entry_ipa(&w, i);
out:
	granule_unlock(w.g_table);
	return status;
}

void rmi_rtt_init_ripas(const uint64_t *args, struct rmi_result *res)
{
	uint64_t base = args[1], top = args[2];
	struct granule *g_rd;
	struct rd *rd;

	res->x[0] = RMI_ERROR_INPUT;
	if (top <= base)
		return;
	g_rd = granule_find_lock(args[0], GRANULE_STATE_RD);
	if (g_rd == NULL)
		return;
	rd = rd_from_granule(g_rd);
	if (!granule_aligned(base) || !granule_aligned(top) || !ipa_in_par(rd, base) ||
	    !ipa_in_par(rd, top - GRANULE_SIZE))
		res->x[0] = RMI_ERROR_INPUT;
	else if (rd->state != REALM_NEW)
		res->x[0] = RMI_ERROR_REALM;
	else
		res->x[0] = init_ripas_walk(rd, base, top, &res->x[1]);
	granule_unlock(g_rd);
}

/* New entry for a SET_RIPAS step, or false where processing stops. */
static bool set_ripas_entry(uint64_t e, long level, bool lpa2, const struct rec_ripas_request *req,
			    uint64_t *out)
{
	enum s2tt_hipas h = s2tte_hipas(e, level);
	enum ripas cur = s2tte_ripas(e);

	if (h != HIPAS_UNASSIGNED && h != HIPAS_ASSIGNED)
		return false;
	if (cur == RIPAS_DESTROYED && !req->change_destroyed)
		return false;
	if (h == HIPAS_UNASSIGNED)
		*out = s2tte_unassigned(req->value);
	else
		*out = s2tte_assigned(s2tte_oa(e, lpa2), req->value, level, lpa2);
	return true;
}

static uint64_t set_ripas_walk(struct rd *rd, struct rec *rec, uint64_t base, uint64_t top,
			       uint64_t *out_top)
{
	struct s2tt_walk w;
	unsigned int i;
	uint64_t status = RMI_SUCCESS, e;

	if (!s2tt_walk_lock(&rd->s2, base, S2TT_PAGE_LEVEL, &w))
		return RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
	if (!ipa_aligned(base, w.level)) {
		status = RMI_STATUS(RMI_ERROR_RTT, w.level);
		goto out;
	}
	for (i = w.index; entry_below_top(&w, i, top); i++) {
		if (!set_ripas_entry(w.table[i], w.level, rd->s2.lpa2, &rec->ripas, &e))
			break;
		if (e != w.table[i]) {
			/* A RAM page leaving the realm must not stay in the TLB. */
			bool was_mapped = (w.table[i] & 1U) != 0U;

			s2tt_write_entry(&w, i, e);
			if (was_mapped)
				arch_tlbi_realm_ipa(rd->s2.vmid, s2tt_entry_ipa(&w, i));
		}
	}
	if (i == w.index) {
		status = RMI_STATUS(RMI_ERROR_RTT, w.level);
	} else {
		*out_top = s2tt_entry_ipa(&w, i);
		rec->ripas.addr = *out_top;
	}
out:
	granule_unlock(w.g_table);
	return status;
}

void rmi_rtt_set_ripas(const uint64_t *args, struct rmi_result *res)
{
	struct granule_lock_req locks[2] = { { args[0], GRANULE_STATE_RD, NULL },
					     { args[1], GRANULE_STATE_REC, NULL } };
	uint64_t base = args[2], top = args[3];
	struct rec *rec;
	struct rd *rd;

	res->x[0] = RMI_ERROR_INPUT;
	if (top <= base || !granule_aligned(top))
		return;
	if (!granules_lock_all(locks, 2))
		return;
	rd = rd_from_granule(granules_locked_at(locks, 2, args[0]));
	rec = rec_from_granule(granules_locked_at(locks, 2, args[1]));
	if (rec_is_running(rec) || rec->rd_pa != args[0])
		res->x[0] = RMI_ERROR_REC;
	else if (!rec->ripas.pending || base != rec->ripas.addr || top > rec->ripas.top)
		res->x[0] = RMI_ERROR_INPUT;
	else
		res->x[0] = set_ripas_walk(rd, rec, base, top, &res->x[1]);
	granules_unlock_all(locks, 2);
}
