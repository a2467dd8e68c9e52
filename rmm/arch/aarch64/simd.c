/*
 * The normal world's FP/SIMD/SVE registers are live while the RMM runs
 * (EL3 does not switch them). Whenever the RMM or a realm is about to use
 * the SIMD registers, the NS register file is saved first: with SVE,
 * writing a V register clears the upper bits of the Z register, so the Z,
 * P and FFR registers are saved at the maximum vector length, unless the
 * RMI call carried the SMCCC SVE hint (no live SVE state beyond FP/SIMD):
 * then only the FP/SIMD part is kept, and at the end the rest is zero
 * (V writes clear the Z registers' upper bits; predicates are cleared when
 * an SVE realm ran), so none of a realm's values reach the normal world.
 *
 * An SVE realm's own Z/P/FFR registers live in REC aux granules
 * (rmm/rec.h) and move at its vector length, which ZCR_EL2 enforces.
 *
 * A normal world in SME streaming mode (PSTATE.SM, which no exception
 * changes) would leave the RMM and the realm in it too: FP/SIMD and SVE
 * instructions trap there (CPTR_EL2.TSM), and the live Z/P/FFR are the
 * streaming ones, at the streaming length (SMCR_EL2, which EL3 shares
 * between the worlds like ZCR_EL2). So they are saved at that length first
 * (FFR only where SMCR_EL2.FA64 makes it accessible), streaming mode is left
 * for the command, and entered again at the end before they are put back.
 */
#include "simd.h"

#include <lib/sve_regs.h>
#include <rmm/arch.h>
#include <rmm/limits.h>
#include <rmm/rec.h>

#include "sysreg.h"

void sve_save(void *buf);
void sve_restore(const void *buf);
void sve_save_zp(void *buf);
void sve_restore_zp(const void *buf);
void sve_clear_predicates(void);

#define SVE_MAX_VL_BYTES	256U	/* 2048-bit vectors, the architectural maximum */
#define SVE_SAVE_SIZE		(16U + 32U * SVE_MAX_VL_BYTES + 17U * (SVE_MAX_VL_BYTES / 8U))
#define ZCR_LEN_MAX		0xFULL
#define CPTR_EL2_TFP		(1ULL << 10)
#define write_zcr_el2(v)	write_sysreg(S3_4_C1_C2_0, v)
#define read_zcr_el2()		read_sysreg(S3_4_C1_C2_0)
#define write_zcr_el1(v)	write_sysreg(S3_0_C1_C2_0, v)
#define read_zcr_el1()		read_sysreg(S3_0_C1_C2_0)
#define read_svcr()		read_sysreg(S3_3_C4_C2_2)
#define read_smcr_el2()		read_sysreg(S3_4_C1_C2_6)
#define SVCR_SM			1ULL
#define SMCR_FA64		(1ULL << 31)

/* Per CPU; outside .bss: the contents are always written before they are read. */
static struct ns_simd {
	uint8_t sve[SVE_SAVE_SIZE] __attribute__((aligned(16)));
	struct rec_fpregs fp;
	uint64_t zcr_el2;
	uint64_t zcr_el1;
	uint64_t cptr_el2;
	uint32_t depth;
	bool full_sve;		/* sve[] holds the whole SVE state (no hint) */
	bool streaming;		/* sve[] holds the streaming state: PSTATE.SM was 1 */
	bool streaming_ffr;	/* ... with FFR (SMCR_EL2.FA64) */
	bool realm_sve;		/* an SVE realm ran since the save */
} ns_simd[RMM_MAX_CPUS] __attribute__((section(".simd_save")));

static bool have_sve(void)
{
	return ((read_sysreg(id_aa64pfr0_el1) >> 32) & 0xFU) != 0U;
}

static bool have_sme(void)
{
	return ID_FIELD(read_sysreg(id_aa64pfr1_el1), ID_AA64PFR1_SME_SHIFT) != 0U;
}

/* CPTR_EL2 with no SIMD trap, for the save and restore (SME is not trapped for the RMM). */
static uint64_t cptr_el2_simd_open(uint64_t cptr)
{
	return cptr & ~(CPTR_EL2_TZ | CPTR_EL2_TFP);
}

/* With SME usable at EL2 (CPTR_EL2.TSM clear): the normal world's streaming state, then SM 0. */
static void streaming_save(struct ns_simd *s)
{
	s->streaming_ffr = (read_smcr_el2() & SMCR_FA64) != 0U;
	if (s->streaming_ffr)
		sve_save(s->sve + 16U);
	else
		sve_save_zp(s->sve + 16U);
	__asm__ volatile(".arch_extension sme\n\tsmstop sm\n\tisb" ::: "memory");
}

/* Streaming mode entered again (its registers then zero), and the normal world's put back. */
static void streaming_restore(const struct ns_simd *s)
{
	__asm__ volatile(".arch_extension sme\n\tsmstart sm\n\tisb" ::: "memory");
	if (s->streaming_ffr)
		sve_restore(s->sve + 16U);
	else
		sve_restore_zp(s->sve + 16U);
}

void simd_save_ns(bool fp_only)
{
	struct ns_simd *s = &ns_simd[arch_cpu_index()];

	/* Nested users (a realm run inside nothing else, hashing) save once. */
	if (s->depth++ != 0U)
		return;
	s->cptr_el2 = read_sysreg(cptr_el2);
	s->realm_sve = false;
	s->full_sve = false;
	write_sysreg(cptr_el2, cptr_el2_simd_open(s->cptr_el2));
	isb();
	s->streaming = have_sme() && (read_svcr() & SVCR_SM) != 0U;
	if (s->streaming)
		streaming_save(s);
	if (!have_sve()) {
		if (!s->streaming)
			fp_save(&s->fp);
		return;
	}
	s->zcr_el2 = read_zcr_el2();
	write_zcr_el2(ZCR_LEN_MAX);
	isb();
	/* Out of streaming mode every register is zero: nothing more to keep. */
	if (s->streaming)
		return;
	if (fp_only) {
		fp_save(&s->fp);
		return;
	}
	s->full_sve = true;
	sve_save(s->sve + 16U);
}

void simd_restore_ns(void)
{
	struct ns_simd *s = &ns_simd[arch_cpu_index()];

	if (--s->depth != 0U)
		return;
	write_sysreg(cptr_el2, cptr_el2_simd_open(s->cptr_el2));
	isb();
	if (!have_sve()) {
		if (!s->streaming)
			fp_restore(&s->fp);
	} else if (s->streaming) {
		write_zcr_el2(s->zcr_el2);
	} else {
		/* At the longest length: the restore (or the V writes) cover every bit. */
		write_zcr_el2(ZCR_LEN_MAX);
		isb();
		if (s->full_sve) {
			sve_restore(s->sve + 16U);
		} else {
			if (s->realm_sve)
				sve_clear_predicates();
			fp_restore(&s->fp);
		}
		write_zcr_el2(s->zcr_el2);
	}
	if (s->streaming)
		streaming_restore(s);
	write_sysreg(cptr_el2, s->cptr_el2);
	isb();
}

void arch_simd_begin(bool ns_fp_only)
{
	simd_save_ns(ns_fp_only);
}

void arch_simd_end(void)
{
	simd_restore_ns();
}

/* The REC's three aux granules of SVE state (rmm/rec.h). */
static void *sve_part(const struct rec *rec, unsigned int aux)
{
	return arch_granule_va(rec->aux[aux]);
}

static void rec_sve_regs_save(struct rec *rec)
{
	sve_regs_store(sve_part(rec, REC_AUX_SVE_Z_LO), sve_part(rec, REC_AUX_SVE_Z_HI),
		       sve_part(rec, REC_AUX_SVE_P));
	rec->fp.fpsr = read_sysreg(fpsr);
	rec->fp.fpcr = read_sysreg(fpcr);
}

static void rec_sve_regs_restore(const struct rec *rec)
{
	sve_regs_load(sve_part(rec, REC_AUX_SVE_Z_LO), sve_part(rec, REC_AUX_SVE_Z_HI),
			  sve_part(rec, REC_AUX_SVE_P));
	write_sysreg(fpsr, rec->fp.fpsr);
	write_sysreg(fpcr, rec->fp.fpcr);
}

void simd_rec_sve_load(const struct rec *rec)
{
	struct ns_simd *s = &ns_simd[arch_cpu_index()];

	s->realm_sve = true;
	s->zcr_el1 = read_zcr_el1();
	/* The realm's vector length, which its own ZCR_EL1 can only shorten. */
	write_zcr_el2(rec->cpu.sve_vl);
	isb();
	rec_sve_regs_restore(rec);
	write_zcr_el1(rec->zcr_el1);
}

void simd_rec_sve_save(struct rec *rec)
{
	rec_sve_regs_save(rec);
	rec->zcr_el1 = read_zcr_el1();
	write_zcr_el1(ns_simd[arch_cpu_index()].zcr_el1);
}

void arch_rec_simd_begin(struct rec *rec)
{
	if (rec->cpu.sve)
		rec_sve_regs_save(rec);
	else
		fp_save(&rec->fp);
}

void arch_rec_simd_end(const struct rec *rec)
{
	if (rec->cpu.sve)
		rec_sve_regs_restore(rec);
	else
		fp_restore(&rec->fp);
}

unsigned int simd_max_sve_vl(void)
{
	uint64_t zcr, vl;

	if (!have_sve())
		return 0;
	zcr = read_zcr_el2();
	write_zcr_el2(ZCR_LEN_MAX);
	isb();
	vl = sve_vl_bytes();
	write_zcr_el2(zcr);
	isb();
	return (unsigned int)(vl / 16U - 1U);
}
