/* System register access for the aarch64 arch layer only. */
#pragma once

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
#define ID_AA64DFR0_PMSVER_SHIFT	32
#define ID_AA64DFR0_TRACEFILT_SHIFT	40

/* CPTR_EL2 in its HCR_EL2.E2H = 0 layout. */
#define CPTR_EL2_RES1		0x22FFULL	/* bits 7:0, 9 and 13 */
#define CPTR_EL2_TZ		(1ULL << 8)	/* SVE; RES1 without FEAT_SVE */
#define CPTR_EL2_TSM		(1ULL << 12)	/* SME; RES1 without FEAT_SME */
#define CPTR_EL2_TTA		(1ULL << 20)	/* trace unit registers */
/* The RMM's own: FP/SIMD and SVE usable (to save register files); SME and trace trapped. */
#define CPTR_EL2_RMM		(CPTR_EL2_RES1 | CPTR_EL2_TSM | CPTR_EL2_TTA)

/* MDCR_EL2 trap bits. */
#define MDCR_EL2_TPMCR		(1ULL << 5)
#define MDCR_EL2_TPM		(1ULL << 6)
#define MDCR_EL2_TDA		(1ULL << 9)
#define MDCR_EL2_TDOSA		(1ULL << 10)
#define MDCR_EL2_TDRA		(1ULL << 11)
#define MDCR_EL2_TPMS		(1ULL << 14)	/* FEAT_SPE */
#define MDCR_EL2_TTRF		(1ULL << 19)	/* FEAT_TRF */
