/*
 * Run image main (`atoll run IMAGE`, docs/cli.md): the realm image that
 * QEMU's loader put into NS memory, with the record of its parameters
 * (include/atoll/run_record.h), loaded into a realm the way every launcher
 * program loads payloads (measured, so `atoll measure IMAGE` gives its RIM)
 * and run, its console on ours, until it powers off or fails. A token the
 * realm hands over is printed for `atoll token extract`.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <atoll/rmi.h>
#include <atoll/run_record.h>

#include "../host.h"
#include "../builder/realm_vm.h"
#include "../rmi/report.h"
#include "../run/realm_run.h"
#include "../run/token_print.h"

static struct realm_vm vm;

/* The record's fields, or NULL after saying what is wrong with it. */
static const struct atoll_run_record *read_record(void)
{
	const struct atoll_run_record *r = (const void *)(uintptr_t)ATOLL_RUN_RECORD_PA;

	if (memcmp(r->magic, ATOLL_RUN_MAGIC, sizeof(r->magic)) != 0) {
		host_printf("HOST: run: no image record at %lx (QEMU's loader)\n",
			    (uint64_t)ATOLL_RUN_RECORD_PA);
		return NULL;
	}
	if (r->version != ATOLL_RUN_VERSION) {
		host_printf("HOST: run: image record of version %u, not %u\n", r->version,
			    ATOLL_RUN_VERSION);
		return NULL;
	}
	if (r->image_pa != ATOLL_RUN_IMAGE_PA || r->image_size == 0U ||
	    r->image_size > ATOLL_RUN_IMAGE_MAX) {
		host_printf("HOST: run: image of %lu bytes at %lx: not where the record may put one\n",
			    r->image_size, r->image_pa);
		return NULL;
	}
	return r;
}

static bool run(const struct atoll_run_record *r)
{
	const struct realm_vm_config cfg = {
		.name = "realm", .s2sz = r->s2sz, .level_start = r->s2sz > 43U ? 0 : 1,
		.num_recs = r->num_recs, .hash_algo = (uint8_t)r->hash_algo,
		.num_bps = r->num_bps, .num_wps = r->num_wps,
	};
	const struct realm_image_blob image = {
		(const char *)(uintptr_t)r->image_pa,
		(const char *)(uintptr_t)(r->image_pa + r->image_size),
	};
	enum realm_vm_state state;
	uint64_t st;

	host_printf("HOST: run: image of %lu bytes, s2sz %u, %s, %u REC%s\n", r->image_size,
		    r->s2sz, r->hash_algo == RMI_HASH_SHA_512 ? "sha-512" : "sha-256", r->num_recs,
		    r->num_recs == 1U ? "" : "s");
	st = realm_vm_load(&vm, &cfg, image);
	host_printf("HOST: run: realm loaded (measured image, RECs, activated) -> %s\n",
		    host_rmi_status_name(st));
	if (st != RMI_SUCCESS)
		return false;
	state = realm_vm_run(&vm);
	realm_vm_print_stats(&vm);
	realm_vm_print_token(&vm);
	st = realm_vm_destroy(&vm);
	host_printf("HOST: run: realm %s; teardown -> %s\n",
		    state == REALM_VM_SYSTEM_OFF ? "powered off" : "stopped without powering off",
		    host_rmi_status_name(st));
	return state == REALM_VM_SYSTEM_OFF && st == RMI_SUCCESS;
}

_Noreturn void host_main(void)
{
	const struct atoll_run_record *r;

	host_printf("HOST: Atoll realm host (NS-EL2), run image\n");
	r = read_record();
	host_printf("HOST: run %s\n", r != NULL && run(r) ? "complete" : "FAILED");
	psci_system_off();
}
