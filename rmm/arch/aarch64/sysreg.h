/* System register access for the aarch64 arch layer only. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define read_sysreg(reg) ({ \
	uint64_t v_; \
	__asm__ volatile("mrs %0, " #reg : "=r"(v_)); \
	v_; \
})

#define write_sysreg(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)))

#define isb()		__asm__ volatile("isb" ::: "memory")
#define dsb(opt)	__asm__ volatile("dsb " #opt ::: "memory")

/* ESR_EL2 fields. */
#define ESR_EC_SHIFT		26
#define ESR_EC(esr)		(((esr) >> ESR_EC_SHIFT) & 0x3FU)
#define ESR_EC_DABORT_CUR	0x25U
#define ESR_ISS_DFSC(esr)	((esr) & 0x3FU)

/* ID register fields (4 bits, unsigned) the trap settings depend on. */
#define ID_FIELD(reg, shift)		(((reg) >> (shift)) & 0xFU)
#define ID_AA64PFR0_RAS_SHIFT		28
#define ID_AA64PFR0_SVE_SHIFT		32
#define ID_AA64MMFR1_HCX_SHIFT		40
#define ID_AA64MMFR0_TGRAN4_SHIFT	28
#define ID_AA64MMFR0_TGRAN4_2_SHIFT	40
#define ID_AA64ISAR0_SHA2_SHIFT		12	/* 1: SHA256, 2: SHA256 and SHA512 */
#define ID_AA64ISAR0_SHA3_SHIFT		32
#define ID_AA64ISAR2_MOPS_SHIFT		16
#define ID_AA64DFR0_PMUVER_SHIFT	8
#define ID_AA64DFR0_PMSVER_SHIFT	32
#define ID_AA64DFR0_TRACEFILT_SHIFT	40
#define ID_AA64DFR0_HPMN0_SHIFT		60
#define ID_PMUVER_V3P1			4U
#define ID_PMUVER_V3P5			6U
#define ID_PMUVER_IMPDEF		0xFU

/* CPTR_EL2 in its HCR_EL2.E2H = 0 layout. */
#define CPTR_EL2_RES1		0x22FFULL	/* bits 7:0, 9 and 13 */
#define CPTR_EL2_TZ		(1ULL << 8)	/* SVE; RES1 without FEAT_SVE */
#define CPTR_EL2_TSM		(1ULL << 12)	/* SME; RES1 without FEAT_SME */
#define CPTR_EL2_TTA		(1ULL << 20)	/* trace unit registers */
/* A realm's base: FP/SIMD and SVE usable; SME and trace trapped (realm_run.c adds TZ). */
#define CPTR_EL2_REALM_BASE	(CPTR_EL2_RES1 | CPTR_EL2_TSM | CPTR_EL2_TTA)
#define ID_AA64PFR1_SME_SHIFT	24

/*
 * The RMM's own: FP/SIMD and SVE usable (to save register files), trace
 * trapped; SME too where it exists (TSM is RES1 otherwise): a normal world
 * in streaming mode then keeps its streaming vector length at R-EL2, where
 * a trap would make it 128 bits and narrow the host's Z and P registers on
 * every RMI call (simd.c saves them and leaves streaming mode).
 */
static inline uint64_t cptr_el2_rmm(void)
{
	bool sme = ID_FIELD(read_sysreg(id_aa64pfr1_el1), ID_AA64PFR1_SME_SHIFT) != 0U;

	return CPTR_EL2_REALM_BASE & ~(sme ? CPTR_EL2_TSM : 0U);
}

/* MDCR_EL2. HPMN (bits 4:0) and HPME (bit 7) stay 0 for the RMM: see mdcr_el2_rmm(). */
#define MDCR_EL2_HPMN_MASK	0x1FULL
#define MDCR_EL2_TPMCR		(1ULL << 5)
#define MDCR_EL2_TPM		(1ULL << 6)
#define MDCR_EL2_TDA		(1ULL << 9)
#define MDCR_EL2_TDOSA		(1ULL << 10)
#define MDCR_EL2_TDRA		(1ULL << 11)
#define MDCR_EL2_TPMS		(1ULL << 14)	/* FEAT_SPE */
#define MDCR_EL2_HPMD		(1ULL << 17)	/* FEAT_PMUv3p1 */
#define MDCR_EL2_TTRF		(1ULL << 19)	/* FEAT_TRF */
#define MDCR_EL2_HCCD		(1ULL << 23)	/* FEAT_PMUv3p5 */

/*
 * MDCR_EL2 whenever the RMM runs, from boot on and while a realm is loaded
 * (the RMM handles its exits): the normal world's PMU counts nothing at
 * R-EL2. HPMN 0 with HPME 0 disables every event counter where FEAT_HPMN0
 * exists; HPMD prohibits the first range, which HPMN 0 does not empty
 * without FEAT_HPMN0; HCCD stops the cycle counter, which neither governs.
 * HPMD and HCCD are RES0 without their PMU version, so set only with it.
 */
static inline uint64_t mdcr_el2_rmm(uint64_t id_aa64dfr0)
{
	unsigned int pmuver = ID_FIELD(id_aa64dfr0, ID_AA64DFR0_PMUVER_SHIFT);
	uint64_t mdcr = 0;

	if (pmuver == ID_PMUVER_IMPDEF)
		return 0;
	if (pmuver >= ID_PMUVER_V3P1)
		mdcr |= MDCR_EL2_HPMD;
	if (pmuver >= ID_PMUVER_V3P5)
		mdcr |= MDCR_EL2_HCCD;
	return mdcr;
}
