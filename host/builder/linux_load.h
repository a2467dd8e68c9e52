/*
 * Loading a Linux realm guest (docs/linux-realm.md): an arm64 Image, an
 * initrd and the DTB the launcher writes, in RAM laid out by
 * host/linux/linux_image.h, populated in a fixed order so that the RIM is
 * reproducible: RTTs down to level 2 over RAM, RTT_INIT_RIPAS over all of
 * RAM (before Linux runs, all its DT memory must be RIPAS RAM), measured
 * DATA for the Image, the initrd and the DTB in ascending IPA order, the
 * RECs (REC 0 at the Image's first byte with x0 = the DTB), REALM_ACTIVATE.
 * The rest of RAM is faulted in as the guest touches it (run/).
 */
#pragma once

#include <stdint.h>

#include "builder/realm_vm.h"

struct linux_vm_config {
	struct realm_vm_config vm;	/* name, s2sz, level_start, num_recs, hash, RPV */
	uint64_t ram_size;
	const char *bootargs;
};

/* The images in NS memory, each page aligned. */
struct linux_vm_images {
	const void *kernel;
	uint64_t kernel_size;
	const void *initrd;		/* NULL: none */
	uint64_t initrd_size;
};

/*
 * Builds and activates the guest, with the realm's ledger in storage of
 * capacity entries (the Image alone needs one entry per 4 KB page). Returns
 * the first failing RMI status, or RMI_ERROR_INPUT for parts the checks
 * refuse (the reason is printed, nothing is delegated); after a failure
 * whatever was built is torn down again.
 */
uint64_t linux_vm_load(struct realm_vm *vm, const struct linux_vm_config *cfg,
		       const struct linux_vm_images *img, struct host_granule *storage,
		       unsigned int capacity);

/* The layout of the guest linux_vm_load() built last (for tests and reports). */
const struct linux_layout *linux_vm_layout(void);
