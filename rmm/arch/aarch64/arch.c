/* rmm/arch.h for the real machine: EL3 calls, memory views, CPU features. */
#include <rmm/arch.h>

#include <string.h>

#include <atoll/el3.h>
#include <atoll/rmi.h>
#include <lib/pl011.h>

#include "cpu_features.h"
#include "gic.h"
#include "mmu.h"
#include "simd.h"
#include "smc.h"
#include "sysreg.h"

bool ns_copy_words(void *dst, const void *src, size_t len);
bool ns_move_words(void *dst, void *src, size_t len);

uint64_t rmm_console_base;

static int64_t el3_call1(uint64_t fid, uint64_t arg)
{
	struct smc_regs r = { { fid, arg } };

	rmm_smc(&r);
	return (int64_t)r.x[0];
}

int64_t arch_el3_gtsi_delegate(uint64_t pa)
{
	return el3_call1(RMM_GTSI_DELEGATE, pa);
}

int64_t arch_el3_gtsi_undelegate(uint64_t pa)
{
	return el3_call1(RMM_GTSI_UNDELEGATE, pa);
}

static unsigned int pa_bits_from_parange(uint64_t parange)
{
	static const unsigned int bits[] = { 32, 36, 40, 42, 44, 48, 52 };

	return parange < 7U ? bits[parange] : 48U;
}

uint64_t arch_dram_pa_limit(void)
{
	/*
	 * The map holds tracked DRAM twice: identity mapped below the NS window,
	 * and again inside the window, which takes the rest of the VA range.
	 */
	uint64_t map_limit = mmu_ns_window_va(0);
	uint64_t pa_limit = 1ULL << pa_bits_from_parange(read_sysreg(id_aa64mmfr0_el1) & 0xFU);

	return map_limit < pa_limit ? map_limit : pa_limit;
}

void *arch_granule_va(uint64_t pa)
{
	/* Tracked DRAM and the shared buffer are identity mapped in the Realm PAS. */
	return (void *)pa;
}

void arch_granule_zero(void *va)
{
	/* DC ZVA with the block size the CPU reports (DCZID_EL0.BS, in words). */
	uint64_t block = 4UL << (read_sysreg(dczid_el0) & 0xFU);
	uintptr_t p = (uintptr_t)va, end = p + GRANULE_SIZE;

	if (block <= GRANULE_SIZE / 4U) {
		/* Four blocks a step: this runs on every delegate and scrub. */
		for (; p < end; p += 4U * block) {
			__asm__ volatile("dc zva, %0" : : "r"(p) : "memory");
			__asm__ volatile("dc zva, %0" : : "r"(p + block) : "memory");
			__asm__ volatile("dc zva, %0" : : "r"(p + 2U * block) : "memory");
			__asm__ volatile("dc zva, %0" : : "r"(p + 3U * block) : "memory");
		}
		return;
	}
	for (; p < end; p += block)
		__asm__ volatile("dc zva, %0" : : "r"(p) : "memory");
}

bool arch_ns_read(void *dst, uint64_t ns_pa, size_t len)
{
	if (!mmu_ns_window_covers(ns_pa, len))
		return false;
	return ns_copy_words(dst, (const void *)mmu_ns_window_va(ns_pa), len);
}

bool arch_ns_write(uint64_t ns_pa, const void *src, size_t len)
{
	if (!mmu_ns_window_covers(ns_pa, len))
		return false;
	return ns_copy_words((void *)mmu_ns_window_va(ns_pa), src, len);
}

bool arch_ns_write_ranges_clear(uint64_t ns_pa, void *src, const struct arch_ns_range *ranges,
				unsigned int n)
{
	uint8_t *s = src;
	uintptr_t va = mmu_ns_window_va(ns_pa);
	bool ok = n > 0U &&
		  mmu_ns_window_covers(ns_pa, (size_t)ranges[n - 1U].off + ranges[n - 1U].len);

	for (unsigned int i = 0; i < n; i++) {
		if (ok)
			ok = ns_move_words((void *)(va + ranges[i].off), s + ranges[i].off,
					   ranges[i].len);
		if (!ok)
			memset(s + ranges[i].off, 0, ranges[i].len);
	}
	return ok;
}

unsigned int arch_cpu_index(void)
{
	return (unsigned int)read_sysreg(tpidr_el2);
}

/* Read once at cold boot: REC_ENTER checks its list registers against them. */
static struct arch_features boot_features;

const struct arch_features *arch_features(void)
{
	return &boot_features;
}

void arch_features_init(void)
{
	struct arch_features *out = &boot_features;
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);

	out->pa_bits = pa_bits_from_parange(mmfr0 & 0xFU);
	out->num_bps = (unsigned int)((dfr0 >> 12) & 0xFU);
	out->num_wps = (unsigned int)((dfr0 >> 20) & 0xFU);
	gic_get_features(out);
	/* VMIDBits lives in ID_AA64MMFR1_EL1[7:4]. */
	out->vmid_bits = ((read_sysreg(id_aa64mmfr1_el1) >> 4) & 0xFU) == 2U ? 16U : 8U;
}

/* TGran4 0b0001 (52-bit with 4 KB pages), TGran4_2 0b0011 or 0b0000 ("as TGran4"). */
static bool lpa2_at_both_stages(uint64_t mmfr0)
{
	unsigned int tgran4_2 = ID_FIELD(mmfr0, ID_AA64MMFR0_TGRAN4_2_SHIFT);

	return ID_FIELD(mmfr0, ID_AA64MMFR0_TGRAN4_SHIFT) == 1U && (tgran4_2 == 3U || tgran4_2 == 0U);
}

void arch_get_realm_features(struct arch_realm_features *out)
{
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
	unsigned int pmuver = ID_FIELD(dfr0, ID_AA64DFR0_PMUVER_SHIFT);

	out->sve = ID_FIELD(read_sysreg(id_aa64pfr0_el1), ID_AA64PFR0_SVE_SHIFT) != 0U;
	out->sve_vl = simd_max_sve_vl();
	/* PMUv3 (an IMPLEMENTATION DEFINED PMU is not one a realm could use). */
	out->pmu = pmuver != 0U && pmuver != ID_PMUVER_IMPDEF;
	out->pmu_num_ctrs = out->pmu ? (unsigned int)((read_sysreg(pmcr_el0) >> 11) & 0x1FU) : 0U;
	out->pmu_hpmn0 = ID_FIELD(dfr0, ID_AA64DFR0_HPMN0_SHIFT) != 0U;
	out->lpa2 = lpa2_at_both_stages(read_sysreg(id_aa64mmfr0_el1));
}

void arch_console_putc(char c)
{
	if (rmm_console_base == 0U)
		return;
	if (c == '\n')
		pl011_putc(rmm_console_base, '\r');
	pl011_putc(rmm_console_base, c);
}

_Noreturn void arch_panic(void)
{
	for (;;)
		__asm__ volatile("wfe");
}
