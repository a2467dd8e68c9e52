/*
 * Stage-2 TLB invalidation by VMID. TLBI IPAS2E1IS and VMALLE1IS act on the
 * VMID in VTTBR_EL2, so the target realm's VMID is installed for the
 * operation and the previous value put back.
 */
#include <rmm/arch.h>

#include "sysreg.h"

#define VTTBR_VMID_SHIFT	48

static uint64_t switch_vmid(uint16_t vmid)
{
	uint64_t old = read_sysreg(vttbr_el2);

	write_sysreg(vttbr_el2, (uint64_t)vmid << VTTBR_VMID_SHIFT);
	isb();
	return old;
}

static void restore_vmid(uint64_t old)
{
	write_sysreg(vttbr_el2, old);
	isb();
}

void arch_tlbi_realm_ipa(uint16_t vmid, uint64_t ipa)
{
	uint64_t old = switch_vmid(vmid);

	dsb(ishst);
	__asm__ volatile("tlbi ipas2e1is, %0" : : "r"(ipa >> 12) : "memory");
	dsb(ish);
	/* Stage-1 walks cached through the old mapping go as well. */
	__asm__ volatile("tlbi vmalle1is" ::: "memory");
	dsb(ish);
	restore_vmid(old);
}

void arch_tlbi_realm_all(uint16_t vmid)
{
	uint64_t old = switch_vmid(vmid);

	dsb(ishst);
	__asm__ volatile("tlbi vmalls12e1is" ::: "memory");
	dsb(ish);
	restore_vmid(old);
}
