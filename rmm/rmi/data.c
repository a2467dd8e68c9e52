/*
 * RMI_DATA_CREATE, RMI_DATA_CREATE_UNKNOWN, RMI_DATA_DESTROY.
 * Lock order: RD and the data granule (ascending PA), then the walk's RTTs.
 */
#include <rmm/rmi.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/measure.h>
#include <rmm/realm.h>
#include <rmm/s2tt.h>

#define PA_LIMIT_NO_LPA2	(1ULL << 48)	/* DATA PAs of realms without LPA2 */

static bool data_ipa_valid(const struct rd *rd, uint64_t ipa)
{
	return ipa_in_par(rd, ipa) && ipa_aligned(ipa, S2TT_PAGE_LEVEL);
}

/*
 * Shared part of DATA_CREATE and DATA_CREATE_UNKNOWN: steps 3 to 8. On
 * success the RD, data granule and level-3 RTT stay locked in *locks / *w.
 */
static uint64_t data_create_prepare(const uint64_t *args, bool need_new,
				    struct granule_lock_req locks[2], struct rd **rd_out,
				    struct s2tt_walk *w)
{
	uint64_t ipa = args[2];
	struct rd *rd;

	locks[0] = (struct granule_lock_req){ args[0], GRANULE_STATE_RD, NULL };
	locks[1] = (struct granule_lock_req){ args[1], GRANULE_STATE_DELEGATED, NULL };
	if (!granules_lock_all(locks, 2))
		return RMI_ERROR_INPUT;
	rd = rd_from_granule(granules_locked_at(locks, 2, args[0]));
	if (need_new && rd->state != REALM_NEW)
		goto fail_unlock;
	if (!data_ipa_valid(rd, ipa) || (!rd->s2.lpa2 && args[1] >= PA_LIMIT_NO_LPA2)) {
		granules_unlock_all(locks, 2);
		return RMI_ERROR_INPUT;
	}
	if (!s2tt_walk_lock(&rd->s2, ipa, S2TT_PAGE_LEVEL, w)) {
		granules_unlock_all(locks, 2);
		return RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
	}
	if (w->level < S2TT_PAGE_LEVEL ||
	    s2tte_hipas(*s2tt_walk_entry(w), w->level) != HIPAS_UNASSIGNED) {
		uint64_t status = RMI_STATUS(RMI_ERROR_RTT, w->level);

		granule_unlock(w->g_table);
		granules_unlock_all(locks, 2);
		return status;
	}
	*rd_out = rd;
	return RMI_SUCCESS;
fail_unlock:
	granules_unlock_all(locks, 2);
	return RMI_ERROR_REALM;
}

void rmi_data_create(const uint64_t *args, struct rmi_result *res)
{
	struct granule_lock_req locks[2];
	uint64_t flags = args[4], src = args[3];
	struct granule *g_data;
	struct s2tt_walk w;
	struct rd *rd;

	if (flags != RMI_NO_MEASURE_CONTENT && flags != RMI_MEASURE_CONTENT) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	if (!granule_pa_in_state(src, GRANULE_STATE_UNDELEGATED)) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	res->x[0] = data_create_prepare(args, true, locks, &rd, &w);
	if (res->x[0] != RMI_SUCCESS)
		return;
	g_data = granules_locked_at(locks, 2, args[1]);
	if (!arch_ns_read(granule_va(g_data, GRANULE_STATE_DELEGATED), src, GRANULE_SIZE)) {
		/* Leave the granule as it was: DELEGATED and zero. */
		arch_granule_zero(granule_va(g_data, GRANULE_STATE_DELEGATED));
		res->x[0] = RMI_ERROR_INPUT;
	} else {
		measure_rim_data(rd->algo, rd->rim, args[2], flags,
				 granule_va(g_data, GRANULE_STATE_DELEGATED));
		s2tt_write_entry(&w, w.index, s2tte_assigned(args[1], RIPAS_RAM, S2TT_PAGE_LEVEL, rd->s2.lpa2));
		granule_set_state_locked(g_data, GRANULE_STATE_DATA);
	}
	granule_unlock(w.g_table);
	granules_unlock_all(locks, 2);
}

void rmi_data_create_unknown(const uint64_t *args, struct rmi_result *res)
{
	struct granule_lock_req locks[2];
	struct s2tt_walk w;
	struct rd *rd;
	uint64_t *e;

	res->x[0] = data_create_prepare(args, false, locks, &rd, &w);
	if (res->x[0] != RMI_SUCCESS)
		return;
	e = s2tt_walk_entry(&w);
	/* The entry keeps its RIPAS; it is mapped only if that is RAM. */
	s2tt_write_entry(&w, w.index, s2tte_assigned(args[1], s2tte_ripas(*e), S2TT_PAGE_LEVEL,
						     rd->s2.lpa2));
	granule_set_state_locked(granules_locked_at(locks, 2, args[1]), GRANULE_STATE_DATA);
	granule_unlock(w.g_table);
	granules_unlock_all(locks, 2);
}

void rmi_data_destroy(const uint64_t *args, struct rmi_result *res)
{
	struct granule *g_rd = granule_find_lock(args[0], GRANULE_STATE_RD);
	uint64_t ipa = args[1];
	struct granule *g_data;
	struct s2tt_walk w;
	enum ripas ripas;
	struct rd *rd;
	uint64_t e;

	if (g_rd == NULL) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	rd = rd_from_granule(g_rd);
	if (!data_ipa_valid(rd, ipa)) {
		res->x[0] = RMI_ERROR_INPUT;
		granule_unlock(g_rd);
		return;
	}
	if (!s2tt_walk_lock(&rd->s2, ipa, S2TT_PAGE_LEVEL, &w)) {
		res->x[0] = RMI_ERROR_INPUT;	/* the realm's tables are not consistent */
		granule_unlock(g_rd);
		return;
	}
	e = *s2tt_walk_entry(&w);
	if (w.level < S2TT_PAGE_LEVEL || s2tte_hipas(e, w.level) != HIPAS_ASSIGNED) {
		res->x[0] = RMI_STATUS(RMI_ERROR_RTT, w.level);
	} else if ((g_data = granule_find_lock(s2tte_oa(e, rd->s2.lpa2), GRANULE_STATE_DATA)) == NULL) {
		res->x[0] = RMI_ERROR_INPUT;	/* the entry maps no DATA granule: inconsistent */
	} else {
		ripas = s2tte_ripas(e);
		/* RAM the host takes away becomes DESTROYED, so the realm notices. */
		s2tt_write_entry(&w, w.index,
				 s2tte_unassigned(ripas == RIPAS_RAM ? RIPAS_DESTROYED : ripas));
		arch_tlbi_realm_ipa(rd->s2.vmid, ipa);
		granule_scrub_to_delegated(g_data, GRANULE_STATE_DATA);
		granule_unlock(g_data);
		res->x[0] = RMI_SUCCESS;
		res->x[1] = s2tte_oa(e, rd->s2.lpa2);
	}
	res->x[2] = s2tt_skip_non_live(&w, ipa);
	granule_unlock(w.g_table);
	granule_unlock(g_rd);
}
