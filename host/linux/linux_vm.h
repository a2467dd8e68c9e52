/*
 * The machine a Linux realm guest sees (docs/linux-realm.md): QEMU virt's
 * layout in the protected half of the IPA space, so nothing in a stock
 * kernel is surprised. Devices sit at protected IPAs that stay RIPAS EMPTY
 * and unmapped; Linux reaches them through the unprotected alias (| T).
 */
#pragma once

#include <stdint.h>

#define LINUX_GICD_BASE		0x08000000ULL
#define LINUX_GICD_SIZE		0x10000ULL
#define LINUX_GICR_BASE		0x080A0000ULL
#define LINUX_GICR_STRIDE	0x20000ULL	/* RD frame + SGI frame per vCPU */
#define LINUX_PL011_BASE	0x09000000ULL
#define LINUX_PL011_SIZE	0x1000ULL
#define LINUX_PL011_SPI		1U		/* INTID 33 */
#define LINUX_RAM_BASE		0x40000000ULL
#define LINUX_APB_CLOCK_HZ	24000000U
#define LINUX_MAX_CPUS		8U

/*
 * The measured realm parameters of the guest `make run-linux` boots (SHA-256,
 * no SVE or PMU): fixed rather than the platform's maximum from
 * RMI_FEATURES, so that its RIM is known before the boot (linux_rim.h).
 */
#define LINUX_REALM_S2SZ	40U
#define LINUX_REALM_BPS		2U	/* breakpoints and watchpoints: any Armv8 CPU has 2 */
#define LINUX_REALM_WPS		2U

/*
 * What tools/linux-run.sh has QEMU's loader put in NS memory for the
 * launcher, and build/linux-check reads the same values from its command
 * line: "LNUXARTS", then little-endian u64s (kernel PA and size, initrd PA
 * and size, RAM bytes, RECs), then the bootargs, NUL-terminated.
 */
#define LINUX_PARTS_MAGIC	0x5354524158554E4CULL	/* "LNUXARTS" */
#define LINUX_PARTS_BOOTARGS	56U	/* offset of the bootargs */
#define LINUX_BOOTARGS_MAX	512U	/* with the NUL */

/* What the device tree describes of one guest. */
struct linux_vm_desc {
	uint64_t ram_size;		/* protected RAM from LINUX_RAM_BASE */
	unsigned int num_cpus;		/* RECs, index i with MPIDR linux_vm_mpidr(i) */
	uint64_t initrd_start;		/* IPA; end exclusive; both 0: no initrd */
	uint64_t initrd_end;
	const char *bootargs;
};

/* The MPIDR affinity of REC index i as REC_CREATE gives it: Aff0 = i % 16, Aff1 = i / 16. */
static inline uint64_t linux_vm_mpidr(unsigned int i)
{
	return ((uint64_t)(i / 16U) << 8) | (i % 16U);
}
