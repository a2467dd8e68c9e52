/*
 * The realm host's own translation (host.h): NS-EL2 stage 1 with the MMU
 * and caches on, as a hypervisor runs. One level-1 table of 1 GiB blocks,
 * identity-mapped: the first GiB (flash, GIC, UART, virtio-mmio and the rest
 * of QEMU virt's devices) Device-nGnRnE and never executable, QEMU virt's
 * RAM region (1 GiB to 256 GiB) Normal write-back, inner shareable like the
 * RMM's view of the same memory, and the high device regions above it
 * Device again. 39-bit addresses cover every PA the host uses.
 */
#include "host.h"

#define L1_ENTRIES		512U
#define BLOCK_SHIFT		30	/* 1 GiB */
#define RAM_FIRST_BLOCK		1U	/* QEMU virt: RAM from 0x40000000 ... */
#define RAM_END_BLOCK		256U	/* ... up to 256 GiB */

#define DESC_BLOCK		1ULL
#define DESC_ATTR(i)		((uint64_t)(i) << 2)
#define DESC_SH_INNER		(3ULL << 8)
#define DESC_AP1_RES1		(1ULL << 6)	/* RES1 in the EL2 regime */
#define DESC_AF			(1ULL << 10)
#define DESC_XN			(1ULL << 54)
#define ATTR_DEVICE		0U	/* MAIR index 0: Device-nGnRnE (0x00) */
#define ATTR_NORMAL		1U	/* MAIR index 1: Normal, inner and outer write-back (0xFF) */
#define MAIR_VALUE		(0xFFULL << (8 * ATTR_NORMAL))

#define TCR_T0SZ		(64U - 39U)
#define TCR_IRGN0_WB		(1ULL << 8)
#define TCR_ORGN0_WB		(1ULL << 10)
#define TCR_SH0_INNER		(3ULL << 12)
#define TCR_PS_40BIT		(2ULL << 16)
#define TCR_RES1		((1ULL << 31) | (1ULL << 23))
#define TCR_VALUE		(TCR_T0SZ | TCR_IRGN0_WB | TCR_ORGN0_WB | TCR_SH0_INNER | \
				 TCR_PS_40BIT | TCR_RES1)

#define SCTLR_M			(1ULL << 0)
#define SCTLR_A			(1ULL << 1)
#define SCTLR_C			(1ULL << 2)
#define SCTLR_I			(1ULL << 12)

#define CACHE_LINE		64U	/* the smallest line of QEMU's CPUs; a smaller step only repeats lines */

static uint64_t l1_table[L1_ENTRIES] __attribute__((aligned(4096)));

void host_mmu_init(void)
{
	for (unsigned int i = 0; i < L1_ENTRIES; i++) {
		uint64_t block = (uint64_t)i << BLOCK_SHIFT;
		bool ram = i >= RAM_FIRST_BLOCK && i < RAM_END_BLOCK;

		l1_table[i] = block | DESC_BLOCK | DESC_AP1_RES1 | DESC_AF |
			      (ram ? DESC_ATTR(ATTR_NORMAL) | DESC_SH_INNER : DESC_ATTR(ATTR_DEVICE) | DESC_XN);
	}
	/*
	 * Written with the MMU off, so straight to memory: any line of it a
	 * cache still holds is invalidated (not cleaned, which could write a
	 * stale line over it), so that the cacheable table walks of every CPU
	 * see what was written.
	 */
	for (uintptr_t p = (uintptr_t)l1_table; p < (uintptr_t)(l1_table + L1_ENTRIES); p += CACHE_LINE)
		__asm__ volatile("dc ivac, %0" : : "r"(p) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
	host_mmu_enable();
}

void host_mmu_enable(void)
{
	uint64_t sctlr;

	__asm__ volatile("msr mair_el2, %0\n\tmsr tcr_el2, %1\n\tmsr ttbr0_el2, %2\n\t"
			 "isb\n\ttlbi alle2\n\tic iallu\n\tdsb nsh\n\tisb"
			 : : "r"(MAIR_VALUE), "r"(TCR_VALUE), "r"((uint64_t)(uintptr_t)l1_table)
			 : "memory");
	__asm__ volatile("mrs %0, sctlr_el2" : "=r"(sctlr));
	sctlr = (sctlr & ~SCTLR_A) | SCTLR_M | SCTLR_C | SCTLR_I;
	__asm__ volatile("msr sctlr_el2, %0\n\tisb" : : "r"(sctlr) : "memory");
}
