/* A realm's RECs (vCPUs) and their aux granules. */
#include <string.h>

#include <atoll/rmi.h>

#include "builder/ledger.h"
#include "builder/realm.h"
#include "host.h"
#include "rmi/ns_buffer.h"
#include "rmi/report.h"

/* RmiRecMpidr of a REC index: Aff0 takes 4 bits, Aff1..Aff3 8 bits each. */
static uint64_t rec_mpidr(unsigned int index)
{
	return (index & 0xFU) | (uint64_t)((index >> 4) & 0xFFU) << 8 |
	       (uint64_t)((index >> 12) & 0xFFU) << 16 | (uint64_t)((index >> 20) & 0xFFU) << 24;
}

/* REC_AUX_COUNT depends only on the realm: ask once. */
static uint64_t query_aux_count(struct host_realm *r)
{
	struct rmi_ret ret;

	if (r->aux_count != 0U)
		return RMI_SUCCESS;
	ret = RMI_REPORTED(REC_AUX_COUNT, r->rd, 0, 0, 0, 0);
	if (ret.x[0] != RMI_SUCCESS)
		return ret.x[0];
	if (ret.x[1] > RMI_REC_MAX_AUX) {
		host_printf("realm: REC_AUX_COUNT %lu above %u\n", ret.x[1], RMI_REC_MAX_AUX);
		return RMI_ERROR_INPUT;
	}
	r->aux_count = (unsigned int)ret.x[1];
	return RMI_SUCCESS;
}

/* The REC and its aux granules are DELEGATED again. */
static void put_rec_granules(struct host_realm *r, uint64_t rec)
{
	struct host_ledger *l = &r->ledger;

	for (unsigned int i = 0; i < l->num_granules; i++) {
		if (l->granules[i].use == HOST_GRANULE_REC_AUX && l->granules[i].rec == rec)
			ledger_put(l, l->granules[i].pa);
	}
	ledger_put(&r->ledger, rec);
}

/* Claims the REC granule and its aux granules, filling the aux list of p. 0 on failure. */
static uint64_t take_rec_granules(struct host_realm *r, struct rmi_rec_params *p)
{
	uint64_t rec = ledger_take(&r->ledger, HOST_GRANULE_REC, 0, 0);

	if (rec == 0U)
		return 0;
	p->num_aux = r->aux_count;
	for (unsigned int i = 0; i < r->aux_count; i++) {
		p->aux[i] = ledger_take(&r->ledger, HOST_GRANULE_REC_AUX, rec, 0);
		if (p->aux[i] == 0U) {
			put_rec_granules(r, rec);
			return 0;
		}
	}
	return rec;
}

uint64_t host_realm_rec_create(struct host_realm *r, uint64_t pc, const uint64_t gprs[8],
			       bool runnable, uint64_t *rec)
{
	/* 4 KB: static rather than on the host's stack. */
	static struct rmi_rec_params p;
	uint64_t status = query_aux_count(r);

	if (status != RMI_SUCCESS)
		return status;
	memset(&p, 0, sizeof(p));
	p.flags = runnable ? RMI_REC_FLAG_RUNNABLE : 0U;
	p.mpidr = rec_mpidr(r->recs_created);
	p.pc = pc;
	for (unsigned int i = 0; gprs != NULL && i < RMI_REC_CREATE_GPRS; i++)
		p.gprs[i] = gprs[i];
	*rec = take_rec_granules(r, &p);
	if (*rec == 0U)
		return RMI_ERROR_INPUT;
	rmi_ns_write(r->params, &p, sizeof(p));
	status = RMI_REPORTED(REC_CREATE, r->rd, *rec, r->params, 0, 0).x[0];
	if (status != RMI_SUCCESS)
		put_rec_granules(r, *rec);
	else
		r->recs_created++;
	return status;
}

uint64_t host_realm_rec_destroy(struct host_realm *r, uint64_t rec)
{
	uint64_t status = RMI_REPORTED(REC_DESTROY, rec, 0, 0, 0, 0).x[0];

	if (status == RMI_SUCCESS)
		put_rec_granules(r, rec);
	return status;
}
