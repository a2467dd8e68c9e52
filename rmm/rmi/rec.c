/*
 * RMI_REC_CREATE, RMI_REC_DESTROY and RMI_PSCI_COMPLETE.
 * Lock order: the named granules (REC, RD, aux) in ascending PA order.
 */
#include <rmm/rmi.h>

#include <string.h>

#include <atoll/rmi.h>
#include <atoll/smccc.h>
#include <rmm/granule.h>
#include <rmm/measure.h>
#include <rmm/realm.h>
#include <rmm/rec.h>

static bool read_rec_params(uint64_t pa, struct rmi_rec_params *p)
{
	memset(p, 0, sizeof(*p));
	return realm_read_ns_granule_param(pa, p, 0, 8) &&
	       realm_read_ns_granule_param(pa, p, 0x100, 8) &&
	       realm_read_ns_granule_param(pa, p, 0x200, 8) &&
	       realm_read_ns_granule_param(pa, p, 0x300, sizeof(p->gprs)) &&
	       realm_read_ns_granule_param(pa, p, 0x800, 8 + sizeof(p->aux));
}

/* REC_CREATE steps 5 to 8, with the RD locked. */
static uint64_t rec_create_check(const struct granule *g_rd, const struct rd *rd,
				 const struct rmi_rec_params *p)
{
	/* REC_DESTROY lowers it without the RD lock. */
	if (__atomic_load_n(&g_rd->refcount, __ATOMIC_RELAXED) >= REALM_MAX_RECS)
		return RMI_ERROR_REALM;
	if (rd->state != REALM_NEW)
		return RMI_ERROR_REALM;
	if (!rec_mpidr_valid(p->mpidr) || rec_mpidr_to_index(p->mpidr) != rd->next_rec_index)
		return RMI_ERROR_INPUT;
	if (p->num_aux != RMI_REC_AUX_COUNT_VALUE)
		return RMI_ERROR_INPUT;
	return RMI_SUCCESS;
}

static void rec_init(struct rec *rec, uint64_t rd_pa, const struct rd *rd,
		     const struct rmi_rec_params *p)
{
	/* Zero too: the GIC CPU interface as at reset (all masked, no active priorities). */
	memset(rec, 0, sizeof(*rec));
	rec->state = REC_READY;
	rec->runnable = (p->flags & RMI_REC_FLAG_RUNNABLE) != 0U;
	rec->rd_pa = rd_pa;
	rec->cpu = rd->cpu;
	rec->mpidr = p->mpidr;
	rec->index = rec_mpidr_to_index(p->mpidr);
	rec_reset_cpu(rec, p->pc);
	memcpy(rec->regs.x, p->gprs, sizeof(p->gprs));
	rec->num_aux = p->num_aux;
	memcpy(rec->aux, p->aux, p->num_aux * sizeof(p->aux[0]));
}

void rmi_rec_create(const uint64_t *args, struct rmi_result *res)
{
	struct granule_lock_req locks[2 + RMI_REC_MAX_AUX];
	uint64_t rd_pa = args[0], rec_pa = args[1];
	struct rmi_rec_params p;
	struct granule *g_rd, *g_rec;
	unsigned int n = 0;
	struct rd *rd;

	res->x[0] = RMI_ERROR_INPUT;
	if (!read_rec_params(args[2], &p) || p.num_aux > RMI_REC_MAX_AUX)
		return;
	for (; n < p.num_aux; n++)
		locks[n] = (struct granule_lock_req){ p.aux[n], GRANULE_STATE_DELEGATED, NULL };
	locks[n++] = (struct granule_lock_req){ rec_pa, GRANULE_STATE_DELEGATED, NULL };
#ifndef RMM_TEST_NO_REC_CREATE_RD_LOCK
	locks[n++] = (struct granule_lock_req){ rd_pa, GRANULE_STATE_RD, NULL };
	if (!granules_lock_all(locks, n))
		return;
	g_rd = granules_locked_at(locks, n, rd_pa);
#else
	/*
	 * A deliberately broken build (tests/stress, mk/stress.mk): the RD is
	 * checked and changed without its lock, which the stress test must catch.
	 */
	if (!granule_pa_in_state(rd_pa, GRANULE_STATE_RD) || rd_pa == rec_pa ||
	    !granules_lock_all(locks, n))
		return;
	g_rd = granule_find(rd_pa);
#endif
	g_rec = granules_locked_at(locks, n, rec_pa);
	rd = rd_from_granule(g_rd);
	res->x[0] = rec_create_check(g_rd, rd, &p);
	if (res->x[0] == RMI_SUCCESS) {
		granule_set_state_locked(g_rec, GRANULE_STATE_REC);
		rec_init(rec_from_granule(g_rec), rd_pa, rd, &p);
		if ((p.flags & RMI_REC_FLAG_RUNNABLE) != 0U)
			measure_rim_rec(rd->algo, rd->rim, &p);
		for (unsigned int i = 0; i < p.num_aux; i++)
			granule_set_state_locked(granules_locked_at(locks, n, p.aux[i]),
						 GRANULE_STATE_REC_AUX);
		rd->next_rec_index++;
		__atomic_add_fetch(&g_rd->refcount, 1U, __ATOMIC_RELEASE);
	}
	granules_unlock_all(locks, n);
}

void rmi_rec_destroy(const uint64_t *args, struct rmi_result *res)
{
	struct granule *g_rec = granule_find_lock(args[0], GRANULE_STATE_REC);
	struct rec *rec;
	uint64_t rd_pa;

	if (g_rec == NULL) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	rec = rec_from_granule(g_rec);
	if (rec_is_running(rec)) {
		granule_unlock(g_rec);
		res->x[0] = RMI_ERROR_REC;
		return;
	}
	/* Aux granules are reachable only through their (locked) REC. */
	for (unsigned int i = 0; i < rec->num_aux; i++) {
		struct granule *g_aux = granule_find(rec->aux[i]);

		granule_lock(g_aux);
		granule_scrub_to_delegated(g_aux, GRANULE_STATE_REC_AUX);
		granule_unlock(g_aux);
	}
	rd_pa = rec->rd_pa;
	granule_scrub_to_delegated(g_rec, GRANULE_STATE_REC);
	granule_unlock(g_rec);
	/* The RD cannot go while this REC held a reference; no RD lock needed. */
	__atomic_sub_fetch(&granule_find(rd_pa)->refcount, 1U, __ATOMIC_RELEASE);
	res->x[0] = RMI_SUCCESS;
}

/* PSCI_COMPLETE steps 4 to 10 with both RECs locked; returns the status. */
static uint64_t psci_complete_check(const struct rec *caller, const struct rec *target,
				    int64_t status)
{
	const struct rec_psci_request *req = &caller->psci;
	bool cpu_on = req->fid == PSCI_CPU_ON_32 || req->fid == PSCI_CPU_ON_64;

	if (rec_is_running(caller) || !req->pending)
		return RMI_ERROR_INPUT;
	if (target->rd_pa != caller->rd_pa)
		return RMI_ERROR_INPUT;
	if (target->mpidr != rec_psci_mpidr_to_rec_mpidr(req->target_mpidr))
		return RMI_ERROR_INPUT;
	if (cpu_on && status != PSCI_RET_SUCCESS && status != PSCI_RET_DENIED)
		return RMI_ERROR_INPUT;
	if (!cpu_on && status != PSCI_RET_SUCCESS)
		return RMI_ERROR_INPUT;
	if (cpu_on && status == PSCI_RET_DENIED && target->runnable)
		return RMI_ERROR_INPUT;
	return RMI_SUCCESS;
}

/* The PSCI result the calling REC sees in x0 at its next entry. */
static int64_t psci_complete_apply(struct rec *caller, struct rec *target, int64_t status)
{
	bool target_on = rec_is_running(target) || target->runnable;

	if (caller->psci.fid != PSCI_CPU_ON_32 && caller->psci.fid != PSCI_CPU_ON_64)
		return target_on ? 0 : 1;	/* AFFINITY_INFO: ON 0, OFF 1 */
	if (target_on)
		return PSCI_RET_ALREADY_ON;
	if (status == PSCI_RET_DENIED)
		return PSCI_RET_DENIED;
	rec_reset_cpu_like(target, caller->psci.entry, caller);
	target->regs.x[0] = caller->psci.context;
	target->runnable = true;
	return PSCI_RET_SUCCESS;
}

void rmi_psci_complete(const uint64_t *args, struct rmi_result *res)
{
	struct granule_lock_req locks[2] = { { args[0], GRANULE_STATE_REC, NULL },
					     { args[1], GRANULE_STATE_REC, NULL } };
	struct rec *caller, *target;
	int64_t status = (int64_t)args[2];

	res->x[0] = RMI_ERROR_INPUT;
	if ((args[0] & (GRANULE_SIZE - 1U)) != 0U || (args[1] & (GRANULE_SIZE - 1U)) != 0U)
		return;
	if (!granules_lock_all(locks, 2))
		return;
	caller = rec_from_granule(granules_locked_at(locks, 2, args[0]));
	target = rec_from_granule(granules_locked_at(locks, 2, args[1]));
	res->x[0] = psci_complete_check(caller, target, status);
	if (res->x[0] == RMI_SUCCESS) {
		caller->regs.x[0] = (uint64_t)psci_complete_apply(caller, target, status);
		caller->regs.x[1] = caller->regs.x[2] = caller->regs.x[3] = 0;
		caller->psci.pending = false;
	}
	granules_unlock_all(locks, 2);
}
