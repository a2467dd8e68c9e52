/* Realms running a program blob (program_realm.h). */
#include "builder/program_realm.h"

#include <atoll/rmi.h>

#include "host.h"

/* The program into the NS page dst, zero-padded to the page (a byte-wise copy: Device memory). */
static void copy_program(uint64_t dst, const char *start, const char *end)
{
	uint64_t len = (uint64_t)(end - start);

	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8) {
		uint64_t v = 0;

		for (unsigned int b = 0; b < 8 && off + b < len; b++)
			v |= (uint64_t)(uint8_t)start[off + b] << (8 * b);
		mmio_write64(dst + off, v);
	}
}

uint64_t program_realm_create(struct host_realm *r, const char *start, const char *end,
			      uint64_t *rec)
{
	uint64_t gprs[8] = { [7] = PROGRAM_REALM_MMIO_IPA };
	uint64_t src = host_alloc_granule();
	struct rmi_realm_params p;
	uint64_t status;

	copy_program(src, start, end);
	host_realm_params_init(&p, PROGRAM_REALM_S2SZ, 0);
	status = host_realm_create(r, &p);
	if (status == RMI_SUCCESS)
		status = host_realm_rtt_create_to(r, PROGRAM_REALM_IPA, 3);
	if (status == RMI_SUCCESS)
		status = host_realm_init_ripas(r, PROGRAM_REALM_IPA,
					       PROGRAM_REALM_IPA + GRANULE_SIZE);
	if (status == RMI_SUCCESS)
		status = host_realm_data_create(r, PROGRAM_REALM_IPA, src, true);
	if (status == RMI_SUCCESS)
		status = host_realm_rec_create(r, PROGRAM_REALM_IPA, gprs, true, rec);
	if (status == RMI_SUCCESS)
		status = host_realm_activate(r);
	return status;
}
