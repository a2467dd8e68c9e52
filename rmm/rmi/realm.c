/* RMI_REALM_CREATE, RMI_REALM_ACTIVATE, RMI_REALM_DESTROY, RMI_REC_AUX_COUNT. */
#include <rmm/rmi.h>

#include <string.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/measure.h>
#include <rmm/realm.h>

/* The RmiRealmParams fields the RMM uses: everything but the padding. */
static bool read_realm_params(uint64_t pa, struct rmi_realm_params *p)
{
	memset(p, 0, sizeof(*p));
	return realm_read_ns_granule_param(pa, p, 0, 0x38) &&
	       realm_read_ns_granule_param(pa, p, 0x400, sizeof(p->rpv)) &&
	       realm_read_ns_granule_param(pa, p, 0x800, 0x20);
}

static void realm_init(struct rd *rd, const struct rmi_realm_params *p)
{
	memset(rd, 0, sizeof(*rd));
	rd->state = REALM_NEW;
	rd->s2.rtt_base = p->rtt_base;
	rd->s2.start_level = (long)p->rtt_level_start;
	rd->s2.num_root = p->rtt_num_start;
	rd->s2.s2sz = p->s2sz;
	rd->s2.vmid = p->vmid;
	rd->s2.lpa2 = (p->flags & RMI_REALM_FLAG_LPA2) != 0U;
	rd->flags = p->flags;
	rd->algo = (enum measure_algo)p->hash_algo;
	rd->num_bps = (uint8_t)p->num_bps;	/* validated: at most NUM_BPS */
	rd->num_wps = (uint8_t)p->num_wps;
	/* Validated against feature register 0 when their flag is set; ignored otherwise. */
	rd->cpu.sve = (p->flags & RMI_REALM_FLAG_SVE) != 0U;
	rd->cpu.sve_vl = rd->cpu.sve ? (uint8_t)p->sve_vl : 0U;
	rd->cpu.pmu = (p->flags & RMI_REALM_FLAG_PMU) != 0U;
	rd->cpu.pmu_num_ctrs = rd->cpu.pmu ? (uint8_t)p->pmu_num_ctrs : 0U;
	memcpy(rd->rpv, p->rpv, sizeof(rd->rpv));
	measure_rim_init(rd->algo, p, rd->rim);
}

void rmi_realm_create(const uint64_t *args, struct rmi_result *res)
{
	struct granule_lock_req locks[1 + REALM_MAX_ROOT_RTTS];
	struct rmi_realm_params p;
	uint64_t rd_pa = args[0];
	unsigned int n;

	res->x[0] = RMI_ERROR_INPUT;	/* every failure of REALM_CREATE is INPUT */
	if (!read_realm_params(args[1], &p) || !realm_params_valid(&p) || !vmid_in_range(p.vmid))
		return;
	if (rd_pa >= p.rtt_base && rd_pa - p.rtt_base < (uint64_t)p.rtt_num_start * GRANULE_SIZE)
		return;

	locks[0] = (struct granule_lock_req){ rd_pa, GRANULE_STATE_DELEGATED, NULL };
	for (n = 0; n < p.rtt_num_start; n++)
		locks[1 + n] = (struct granule_lock_req){ p.rtt_base + n * GRANULE_SIZE,
							  GRANULE_STATE_DELEGATED, NULL };
	n = 1U + p.rtt_num_start;
	if (!granules_lock_all(locks, n))
		return;
	/* The last check that can fail, so the VMID is only taken on success. */
	if (!vmid_reserve(p.vmid)) {
		granules_unlock_all(locks, n);
		return;
	}

	for (unsigned int i = 0; i < n; i++) {
		struct granule *g = locks[i].g;

		if (locks[i].pa == rd_pa) {
			granule_set_state_locked(g, GRANULE_STATE_RD);
			realm_init(rd_from_granule(g), &p);
		} else {
			struct s2tt_ctx ctx = { p.rtt_base, (long)p.rtt_level_start,
						p.rtt_num_start, p.s2sz, p.vmid,
						(p.flags & RMI_REALM_FLAG_LPA2) != 0U };

			s2tt_init_root(granule_va(g, GRANULE_STATE_DELEGATED),
				       (unsigned int)((locks[i].pa - p.rtt_base) / GRANULE_SIZE), &ctx);
			granule_set_state_locked(g, GRANULE_STATE_RTT);
		}
	}
	granules_unlock_all(locks, n);
	res->x[0] = RMI_SUCCESS;
}

void rmi_realm_activate(const uint64_t *args, struct rmi_result *res)
{
	struct granule *g_rd = granule_find_lock(args[0], GRANULE_STATE_RD);
	struct rd *rd;

	if (g_rd == NULL) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	rd = rd_from_granule(g_rd);
	if (rd->state != REALM_NEW) {
		res->x[0] = RMI_ERROR_REALM;
	} else {
		/* REC_ENTER reads it without the RD lock (rmm/realm.h). */
		__atomic_store_n(&rd->state, REALM_ACTIVE, __ATOMIC_RELEASE);
		res->x[0] = RMI_SUCCESS;
	}
	granule_unlock(g_rd);
}

/* Live: a REC exists, or a root RTT holds an ASSIGNED or TABLE entry. */
static bool realm_is_live(struct granule *g_rd, const struct rd *rd)
{
	if (__atomic_load_n(&g_rd->refcount, __ATOMIC_ACQUIRE) != 0U)
		return true;
	for (unsigned int i = 0; i < rd->s2.num_root; i++) {
		if (granule_find(rd->s2.rtt_base + i * GRANULE_SIZE)->refcount != 0U)
			return true;
	}
	return false;
}

void rmi_realm_destroy(const uint64_t *args, struct rmi_result *res)
{
	struct granule *g_rd = granule_find_lock(args[0], GRANULE_STATE_RD);
	struct rd *rd;
	uint16_t vmid;

	if (g_rd == NULL) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	rd = rd_from_granule(g_rd);
	/* Root refcounts change only under their own lock; RD lock first, then roots. */
	for (unsigned int i = 0; i < rd->s2.num_root; i++)
		granule_lock(granule_find(rd->s2.rtt_base + i * GRANULE_SIZE));
	if (realm_is_live(g_rd, rd)) {
		res->x[0] = RMI_ERROR_REALM;
	} else {
		/* Unprotected mappings may still be cached: drop the VMID's TLB entries. */
		arch_tlbi_realm_all(rd->s2.vmid);
		for (unsigned int i = 0; i < rd->s2.num_root; i++)
			granule_scrub_to_delegated(granule_find(rd->s2.rtt_base + i * GRANULE_SIZE),
						   GRANULE_STATE_RTT);
		res->x[0] = RMI_SUCCESS;
	}
	for (unsigned int i = 0; i < rd->s2.num_root; i++)
		granule_unlock(granule_find(rd->s2.rtt_base + i * GRANULE_SIZE));
	if (res->x[0] == RMI_SUCCESS) {
		vmid = rd->s2.vmid;
		granule_scrub_to_delegated(g_rd, GRANULE_STATE_RD);
		vmid_release(vmid);
	}
	granule_unlock(g_rd);
}

void rmi_rec_aux_count(const uint64_t *args, struct rmi_result *res)
{
	if (!granule_pa_in_state(args[0], GRANULE_STATE_RD)) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	res->x[0] = RMI_SUCCESS;
	res->x[1] = RMI_REC_AUX_COUNT_VALUE;
}
