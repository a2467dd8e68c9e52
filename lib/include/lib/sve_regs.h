/* Moving the whole SVE register file (lib/sve_regs.S); the caller has SVE enabled. */
#pragma once

#include <stdint.h>

/*
 * At the current vector length VL (bytes): Z0-Z15 at z_lo (16 * VL bytes),
 * Z16-Z31 at z_hi, P0-P15 then FFR at p_ffr (17 * VL / 8 bytes). The three
 * parts need not be contiguous.
 */
void sve_regs_store(void *z_lo, void *z_hi, void *p_ffr);
void sve_regs_load(const void *z_lo, const void *z_hi, const void *p_ffr);
/* The same without FFR (streaming mode without FEAT_SME_FA64); p_ffr's last VL / 8 bytes unused. */
void sve_zp_store(void *z_lo, void *z_hi, void *p_ffr);
void sve_zp_load(const void *z_lo, const void *z_hi, const void *p_ffr);

/* The current vector length in bytes (RDVL). */
uint64_t sve_vl_bytes(void);

/* Room for the whole file at the architectural maximum, 2048-bit vectors. */
#define SVE_REGS_MAX_VL		256U
#define SVE_REGS_MAX_SIZE	(32U * SVE_REGS_MAX_VL + 17U * (SVE_REGS_MAX_VL / 8U))
