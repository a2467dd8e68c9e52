/* Saving the normal world's FP/SIMD/SVE registers around their use at R-EL2, and a REC's. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <rmm/rec.h>

/* fp_only: the SMCCC SVE hint (only the FP/SIMD part of the NS state is live). */
void simd_save_ns(bool fp_only);
void simd_restore_ns(void);

void fp_save(struct rec_fpregs *fp);
void fp_restore(const struct rec_fpregs *fp);

/* An SVE realm's Z/P/FFR at its vector length (ZCR_EL2 set from it) and its ZCR_EL1. */
void simd_rec_sve_load(const struct rec *rec);
void simd_rec_sve_save(struct rec *rec);

/*
 * A REC's FP/SIMD registers, or an SVE realm's SVE registers, in place of
 * the normal world's (saved before, with simd_save_ns()); and back. The
 * flag is tested here so that a realm without SVE pays nothing for it.
 */
static inline void simd_rec_load(const struct rec *rec)
{
	if (rec->cpu.sve)
		simd_rec_sve_load(rec);
	else
		fp_restore(&rec->fp);
}

static inline void simd_rec_save(struct rec *rec)
{
	if (rec->cpu.sve)
		simd_rec_sve_save(rec);
	else
		fp_save(&rec->fp);
}

/* The longest SVE vector length R-EL2 can set (VL/128 - 1); 0 without SVE. */
unsigned int simd_max_sve_vl(void);
