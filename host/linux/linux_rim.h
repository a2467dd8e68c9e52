/*
 * The RIM of a Linux realm guest, predicted from the parts alone (the
 * Image, the initrd, RAM size, REC count, bootargs and the realm's measured
 * parameters), replaying with verify/expected_rim.h the measured steps
 * linux_vm_load() (builder/linux_load.h) takes, in its order:
 * REALM_CREATE; RTT_INIT_RIPAS over RAM, one descriptor per 2 MiB (the
 * loader's RTTs stop at level 2); measured DATA for the Image's file
 * pages, the initrd's and the DTB's (each last page zero after the end);
 * the RECs (REC 0 runnable at the Image's first byte, x0 = the DTB's IPA).
 * No RMI: the launcher and build/linux-check (x86, before QEMU) share it.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "verify/expected_rim.h"

/* What the loader is given and what the RIM depends on. */
struct linux_rim_input {
	struct realm_measured_params params;
	unsigned int num_recs;
	uint64_t ram_size;
	const char *bootargs;
	const void *kernel;
	uint64_t kernel_size;
	const void *initrd;		/* NULL: none */
	uint64_t initrd_size;
};

/* The size of one RTT_INIT_RIPAS descriptor: a level-2 entry. */
#define LINUX_RIPAS_BLOCK	(2ULL << 20)

/*
 * The RIM the RMM will compute for in. False, with *why saying what the
 * loader would refuse (kernel, layout, DTB, REC count, hash), otherwise.
 */
bool linux_rim_predict(const struct linux_rim_input *in, struct rim_calc *out, const char **why);
