/* A realm's DATA granules: protected memory the host fills before activation. */
#include <stddef.h>

#include <atoll/rmi.h>

#include "builder/ledger.h"
#include "builder/realm.h"
#include "host.h"
#include "rmi/report.h"

/* DATA_CREATE (known) or DATA_CREATE_UNKNOWN into a granule of the ledger. */
static uint64_t data_create(struct host_realm *r, uint64_t ipa, bool known, uint64_t src,
			    bool measure)
{
	uint64_t data = ledger_take(&r->ledger, HOST_GRANULE_DATA, ipa, 3);
	uint64_t status;

	if (data == 0U)
		return RMI_ERROR_INPUT;
	if (known)
		status = RMI_REPORTED(DATA_CREATE, r->rd, data, ipa, src,
				   measure ? RMI_MEASURE_CONTENT : RMI_NO_MEASURE_CONTENT).x[0];
	else
		status = RMI_REPORTED(DATA_CREATE_UNKNOWN, r->rd, data, ipa, 0, 0).x[0];
	if (status != RMI_SUCCESS)
		ledger_put(&r->ledger, data);
	return status;
}

uint64_t host_realm_data_create(struct host_realm *r, uint64_t ipa, uint64_t src, bool measure)
{
	return data_create(r, ipa, true, src, measure);
}

uint64_t host_realm_data_create_unknown(struct host_realm *r, uint64_t ipa)
{
	return data_create(r, ipa, false, 0, false);
}

uint64_t host_realm_data_load(struct host_realm *r, uint64_t ipa, uint64_t src,
			      unsigned int pages, bool measure)
{
	const uint64_t l3_span = host_rtt_entry_size(2);	/* what one level-3 table maps */

	for (unsigned int i = 0; i < pages; i++) {
		uint64_t off = (uint64_t)i * GRANULE_SIZE;
		uint64_t status = RMI_SUCCESS;

		/* The walk changes only where a new level-3 table starts. */
		if (i == 0U || ((ipa + off) & (l3_span - 1U)) == 0U)
			status = host_realm_rtt_create_to(r, ipa + off, 3);
		if (status == RMI_SUCCESS)
			status = host_realm_data_create(r, ipa + off, src + off, measure);
		if (status != RMI_SUCCESS)
			return status;
	}
	return RMI_SUCCESS;
}

uint64_t host_realm_data_destroy(struct host_realm *r, uint64_t ipa, uint64_t *top)
{
	struct rmi_ret ret = RMI_REPORTED(DATA_DESTROY, r->rd, ipa, 0, 0, 0);

	if (top != NULL)
		*top = ret.x[2];
	/* x1 names the granule the RMM scrubbed and gave back. */
	if (ret.x[0] == RMI_SUCCESS)
		ledger_put(&r->ledger, ret.x[1]);
	return ret.x[0];
}
