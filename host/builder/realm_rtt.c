/* A realm's RTTs seen from the host: tables, entries, RIPAS and unprotected mappings. */
#include <stddef.h>

#include <atoll/rmi.h>

#include "builder/ledger.h"
#include "builder/realm.h"
#include "host.h"
#include "rmi/report.h"

/* Base of the range that the table at level covering ipa maps (one parent entry). */
static uint64_t table_base(uint64_t ipa, int level)
{
	return ipa & ~(host_rtt_entry_size(level - 1) - 1U);
}

uint64_t host_realm_rtt_create(struct host_realm *r, uint64_t ipa, int level)
{
	uint64_t base = table_base(ipa, level);
	uint64_t rtt = ledger_take(&r->ledger, HOST_GRANULE_RTT, base, level);
	uint64_t status;

	if (rtt == 0U)
		return RMI_ERROR_INPUT;
	status = RMI_REPORTED(RTT_CREATE, r->rd, rtt, base, (uint64_t)level, 0).x[0];
	if (status != RMI_SUCCESS)
		ledger_put(&r->ledger, rtt);
	return status;
}

uint64_t host_realm_rtt_create_to(struct host_realm *r, uint64_t ipa, int level)
{
	for (int l = r->level_start + 1; l <= level; l++) {
		uint64_t status;

		if (ledger_find_rtt(&r->ledger, table_base(ipa, l), l) != NULL)
			continue;
		status = host_realm_rtt_create(r, ipa, l);
		if (status != RMI_SUCCESS)
			return status;
	}
	return RMI_SUCCESS;
}

uint64_t host_realm_rtt_destroy(struct host_realm *r, uint64_t ipa, int level, uint64_t *top)
{
	struct rmi_ret ret = RMI_REPORTED(RTT_DESTROY, r->rd, table_base(ipa, level),
				       (uint64_t)level, 0, 0);

	if (top != NULL)
		*top = ret.x[2];
	/* x1 names the table the RMM gave back: trust it over our own idea of it. */
	if (ret.x[0] == RMI_SUCCESS)
		ledger_put(&r->ledger, ret.x[1]);
	return ret.x[0];
}

uint64_t host_realm_rtt_fold(struct host_realm *r, uint64_t ipa, int level)
{
	struct rmi_ret ret = RMI_REPORTED(RTT_FOLD, r->rd, table_base(ipa, level), (uint64_t)level,
				       0, 0);

	if (ret.x[0] == RMI_SUCCESS)
		ledger_put(&r->ledger, ret.x[1]);
	return ret.x[0];
}

uint64_t host_realm_read_entry(struct host_realm *r, uint64_t ipa, int level,
			       struct host_rtt_entry *e)
{
	uint64_t aligned = ipa & ~(host_rtt_entry_size(level) - 1U);
	struct rmi_ret ret = RMI_REPORTED(RTT_READ_ENTRY, r->rd, aligned, (uint64_t)level, 0, 0);

	if (ret.x[0] == RMI_SUCCESS) {
		e->walk_level = (int)(int64_t)ret.x[1];
		e->state = ret.x[2];
		e->desc = ret.x[3];
		e->ripas = ret.x[4];
	}
	return ret.x[0];
}

uint64_t host_realm_init_ripas(struct host_realm *r, uint64_t base, uint64_t top)
{
	/* Each call covers consecutive entries of one table; go on from where it stopped. */
	while (base < top) {
		struct rmi_ret ret = RMI_REPORTED(RTT_INIT_RIPAS, r->rd, base, top, 0, 0);

		if (ret.x[0] != RMI_SUCCESS)
			return ret.x[0];
		if (ret.x[1] <= base) {
			host_printf("realm: RTT_INIT_RIPAS(%lx, %lx) made no progress\n", base, top);
			return RMI_ERROR_INPUT;
		}
		base = ret.x[1];
	}
	return RMI_SUCCESS;
}

uint64_t host_realm_map_unprotected(struct host_realm *r, uint64_t ipa, int level, uint64_t desc)
{
	return RMI_REPORTED(RTT_MAP_UNPROTECTED, r->rd, ipa, (uint64_t)level, desc, 0).x[0];
}

uint64_t host_realm_unmap_unprotected(struct host_realm *r, uint64_t ipa, int level,
				      uint64_t *top)
{
	struct rmi_ret ret = RMI_REPORTED(RTT_UNMAP_UNPROTECTED, r->rd, ipa, (uint64_t)level, 0, 0);

	if (top != NULL)
		*top = ret.x[1];
	return ret.x[0];
}
