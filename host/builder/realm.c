/* Realm lifecycle on the NS host: parameters, REALM_CREATE/ACTIVATE/DESTROY, teardown. */
#include <stddef.h>
#include <string.h>

#include <atoll/rmi.h>

#include "builder/ledger.h"
#include "builder/realm.h"
#include "host.h"
#include "rmi/ns_buffer.h"
#include "rmi/report.h"

/* VMIDs must be unique among live realms; 8 bits is the smallest VMID size. */
#define VMID_LIMIT	256U

static uint16_t next_vmid = 1;

static unsigned int feature_field(uint64_t feat0, unsigned int shift, unsigned int bits)
{
	return (unsigned int)((feat0 >> shift) & ((1ULL << bits) - 1U));
}

void host_realm_params_init(struct rmi_realm_params *p, unsigned int s2sz, int level_start)
{
	uint64_t feat0 = RMI_REPORTED(FEATURES, 0, 0, 0, 0, 0).x[1];

	memset(p, 0, sizeof(*p));
	p->s2sz = s2sz;
	p->hash_algo = RMI_HASH_SHA_256;
	/* The RMM accepts 1 up to the CPU's maximum (the "minus one" encoding). */
	p->num_bps = feature_field(feat0, RMI_FEAT0_NUM_BPS_SHIFT, 6);
	p->num_wps = feature_field(feat0, RMI_FEAT0_NUM_WPS_SHIFT, 6);
	p->rtt_level_start = level_start;
	p->vmid = next_vmid;
	next_vmid = (uint16_t)(next_vmid % (VMID_LIMIT - 1U) + 1U);
}

unsigned int host_realm_root_rtts(unsigned int s2sz, int level_start)
{
	/* One table per level from the start down to 3 resolves 9 bits each, plus the page offset. */
	unsigned int one_table_bits = 9U * (unsigned int)(3 - level_start) + 21U;

	return s2sz <= one_table_bits ? 1U : 1U << (s2sz - one_table_bits);
}

/* The RD and root RTTs are DELEGATED again. */
static void put_realm_granules(struct host_realm *r)
{
	ledger_put(&r->ledger, r->rd);
	for (unsigned int i = 0; i < r->num_root_rtts; i++)
		ledger_put(&r->ledger, r->rtt_base + i * GRANULE_SIZE);
}

uint64_t host_realm_create(struct host_realm *r, const struct rmi_realm_params *params)
{
	return host_realm_create_in(r, params, r->ledger_storage, HOST_REALM_MAX_GRANULES);
}

uint64_t host_realm_create_in(struct host_realm *r, const struct rmi_realm_params *params,
			      struct host_granule *storage, unsigned int capacity)
{
	/* 4 KB: static rather than on the host's stack. */
	static struct rmi_realm_params p;
	uint64_t status;

	/* The realm's own ledger storage needs no clearing: entries are written as added. */
	memset(r, 0, offsetof(struct host_realm, ledger_storage));
	ledger_init(&r->ledger, storage, capacity);
	r->params = host_alloc_granule();
	r->s2sz = params->s2sz;
	r->level_start = (int)params->rtt_level_start;
	r->num_root_rtts = host_realm_root_rtts(params->s2sz, r->level_start);
	r->rd = ledger_take(&r->ledger, HOST_GRANULE_RD, 0, 0);
	/* Concatenated root tables are contiguous and aligned to their total size. */
	r->rtt_base = ledger_add_contiguous(&r->ledger, r->num_root_rtts);
	if (r->rd == 0U || r->rtt_base == 0U) {
		if (r->rd != 0U)
			ledger_put(&r->ledger, r->rd);
		return RMI_ERROR_INPUT;
	}
	for (unsigned int i = 0; i < r->num_root_rtts; i++)
		ledger_set(&r->ledger, r->rtt_base + i * GRANULE_SIZE, HOST_GRANULE_ROOT_RTT, 0,
			   r->level_start);

	p = *params;
	p.rtt_base = r->rtt_base;
	p.rtt_num_start = r->num_root_rtts;
	rmi_ns_write(r->params, &p, sizeof(p));
	status = RMI_REPORTED(REALM_CREATE, r->rd, r->params, 0, 0, 0).x[0];
	if (status != RMI_SUCCESS)
		put_realm_granules(r);
	return status;
}

uint64_t host_realm_activate(struct host_realm *r)
{
	return RMI_REPORTED(REALM_ACTIVATE, r->rd, 0, 0, 0, 0).x[0];
}

uint64_t host_realm_destroy(struct host_realm *r)
{
	uint64_t status = RMI_REPORTED(REALM_DESTROY, r->rd, 0, 0, 0, 0).x[0];

	if (status == RMI_SUCCESS)
		put_realm_granules(r);
	return status;
}

uint64_t host_realm_release(struct host_realm *r)
{
	return ledger_release(&r->ledger);
}

uint64_t host_realm_spare_granule(struct host_realm *r)
{
	return ledger_add_new(&r->ledger, HOST_GRANULE_SPARE);
}

uint64_t host_realm_reserve(struct host_realm *r, unsigned int n)
{
	return ledger_add_contiguous(&r->ledger, n);
}

/* Destroys every object of the ledger with this use (at this level, for RTTs). */
static uint64_t destroy_each(struct host_realm *r, enum host_granule_use use, int level)
{
	for (unsigned int i = 0; i < r->ledger.num_granules; i++) {
		const struct host_granule *g = &r->ledger.granules[i];
		uint64_t status = RMI_SUCCESS;

		if (g->use != use || (use == HOST_GRANULE_RTT && g->level != level))
			continue;
		if (use == HOST_GRANULE_REC)
			status = host_realm_rec_destroy(r, g->pa);
		else if (use == HOST_GRANULE_DATA)
			status = host_realm_data_destroy(r, g->ipa, NULL);
		else
			status = host_realm_rtt_destroy(r, g->ipa, level, NULL);
		if (status != RMI_SUCCESS)
			return status;
	}
	return RMI_SUCCESS;
}

uint64_t host_realm_destroy_contents(struct host_realm *r)
{
	/* RECs and DATA first: a table can only go once nothing below it is assigned. */
	uint64_t status = destroy_each(r, HOST_GRANULE_REC, 0);

	if (status == RMI_SUCCESS)
		status = destroy_each(r, HOST_GRANULE_DATA, 0);
	for (int level = 3; level > r->level_start && status == RMI_SUCCESS; level--)
		status = destroy_each(r, HOST_GRANULE_RTT, level);
	return status;
}

uint64_t host_realm_teardown(struct host_realm *r)
{
	uint64_t status = host_realm_destroy_contents(r);

	if (status == RMI_SUCCESS)
		status = host_realm_destroy(r);
	if (status == RMI_SUCCESS)
		status = host_realm_release(r);
	return status;
}
