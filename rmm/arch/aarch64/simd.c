/*
 * The normal world's FP/SIMD/SVE registers are live while the RMM runs
 * (EL3 does not switch them). Whenever the RMM or a realm is about to use
 * the SIMD registers, the whole NS register file is saved first: with SVE,
 * writing a V register clears the upper bits of the Z register, so the Z,
 * P and FFR registers are saved at the maximum vector length.
 */
#include "simd.h"

#include <rmm/arch.h>
#include <rmm/limits.h>
#include <rmm/rec.h>

#include "sysreg.h"

void fp_save(struct rec_fpregs *fp);
void fp_restore(const struct rec_fpregs *fp);
void sve_save(void *buf);
void sve_restore(const void *buf);

#define SVE_MAX_VL_BYTES	256U	/* 2048-bit vectors, the architectural maximum */
#define SVE_SAVE_SIZE		(16U + 32U * SVE_MAX_VL_BYTES + 17U * (SVE_MAX_VL_BYTES / 8U))
#define ZCR_LEN_MAX		0xFULL
#define CPTR_EL2_TZ		(1ULL << 8)
#define CPTR_EL2_TFP		(1ULL << 10)

/* Per CPU; outside .bss: the contents are always written before they are read. */
static struct ns_simd {
	uint8_t sve[SVE_SAVE_SIZE] __attribute__((aligned(16)));
	struct rec_fpregs fp;
	uint64_t zcr_el2;
	uint64_t cptr_el2;
	uint32_t depth;
} ns_simd[RMM_MAX_CPUS] __attribute__((section(".simd_save")));

static bool have_sve(void)
{
	return ((read_sysreg(id_aa64pfr0_el1) >> 32) & 0xFU) != 0U;
}

void simd_save_ns(void)
{
	struct ns_simd *s = &ns_simd[arch_cpu_index()];

	/* Nested users (a realm run inside nothing else, hashing) save once. */
	if (s->depth++ != 0U)
		return;
	s->cptr_el2 = read_sysreg(cptr_el2);
	write_sysreg(cptr_el2, s->cptr_el2 & ~(CPTR_EL2_TZ | CPTR_EL2_TFP));
	isb();
	if (have_sve()) {
		s->zcr_el2 = read_sysreg(S3_4_C1_C2_0);		/* ZCR_EL2 */
		write_sysreg(S3_4_C1_C2_0, ZCR_LEN_MAX);
		isb();
		sve_save(s->sve + 16U);
	} else {
		fp_save(&s->fp);
	}
}

void simd_restore_ns(void)
{
	struct ns_simd *s = &ns_simd[arch_cpu_index()];

	if (--s->depth != 0U)
		return;
	write_sysreg(cptr_el2, s->cptr_el2 & ~(CPTR_EL2_TZ | CPTR_EL2_TFP));
	isb();
	if (have_sve()) {
		write_sysreg(S3_4_C1_C2_0, ZCR_LEN_MAX);
		isb();
		sve_restore(s->sve + 16U);
		write_sysreg(S3_4_C1_C2_0, s->zcr_el2);
	} else {
		fp_restore(&s->fp);
	}
	write_sysreg(cptr_el2, s->cptr_el2);
	isb();
}

void arch_simd_begin(void)
{
	simd_save_ns();
}

void arch_simd_end(void)
{
	simd_restore_ns();
}
