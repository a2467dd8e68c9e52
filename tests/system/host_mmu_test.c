/*
 * The realm host runs as a hypervisor does (host/mmu.c): MMU and caches on
 * at NS-EL2 on every CPU, RAM Normal memory (an unaligned load works; on
 * Device memory, or with the MMU off, it is an alignment fault), the device
 * region Device memory (an unaligned load there faults).
 */
#include <stddef.h>

#include "host.h"
#include "test.h"

#define SCTLR_M		(1ULL << 0)
#define SCTLR_C		(1ULL << 2)
#define SCTLR_I		(1ULL << 12)
#define SCTLR_ON	(SCTLR_M | SCTLR_C | SCTLR_I)
#define ESR_EC(esr)	(((esr) >> 26) & 0x3FU)
#define ESR_DFSC(esr)	((esr) & 0x3FU)
#define EC_DABORT_CUR	0x25U
#define DFSC_ALIGNMENT	0x21U
#define GICD_TYPER	0x08000004ULL	/* a Device register, read 4 bytes at 2 past it */

static uint64_t sctlr_el2(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, sctlr_el2" : "=r"(v));
	return v;
}

/* An 8-byte load from an odd address: true unless it took an alignment fault. */
static bool unaligned_load_works(uintptr_t addr, uint64_t *value)
{
	struct host_fault f;
	uint64_t v = 0;

	host_fault_expect();
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
	f = host_fault_end();
	*value = v;
	return !(f.taken && ESR_EC(f.esr) == EC_DABORT_CUR && ESR_DFSC(f.esr) == DFSC_ALIGNMENT);
}

static volatile uint64_t secondary_sctlr;

static void read_sctlr(void *arg)
{
	(void)arg;
	secondary_sctlr = sctlr_el2();
}

TEST(host_runs_with_mmu_and_caches_on)
{
	static volatile uint8_t buf[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	uint64_t v = 0;

	CHECK_EQ(sctlr_el2() & SCTLR_ON, SCTLR_ON);
	CHECK(unaligned_load_works((uintptr_t)&buf[3], &v));
	CHECK_EQ(v, 0x0A09080706050403ULL);
	CHECK(!unaligned_load_works(GICD_TYPER + 2U, &v));
	CHECK(host_run_on_cpu(1, read_sctlr, NULL));
	CHECK_EQ(secondary_sctlr & SCTLR_ON, SCTLR_ON);
}
