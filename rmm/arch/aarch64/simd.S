/*
 * FP/SIMD and SVE register files to and from memory. The RMM itself is
 * built for general registers only; these routines move whole register
 * files for the world switch and around the RMM's own use of the SHA
 * instructions.
 */
	.arch armv8.4-a+sve
	.section .text

/* void fp_save(struct rec_fpregs *), fp_restore(const struct rec_fpregs *) */
	.global fp_save
fp_save:
	stp	q0, q1, [x0, #0]
	stp	q2, q3, [x0, #32]
	stp	q4, q5, [x0, #64]
	stp	q6, q7, [x0, #96]
	stp	q8, q9, [x0, #128]
	stp	q10, q11, [x0, #160]
	stp	q12, q13, [x0, #192]
	stp	q14, q15, [x0, #224]
	stp	q16, q17, [x0, #256]
	stp	q18, q19, [x0, #288]
	stp	q20, q21, [x0, #320]
	stp	q22, q23, [x0, #352]
	stp	q24, q25, [x0, #384]
	stp	q26, q27, [x0, #416]
	stp	q28, q29, [x0, #448]
	stp	q30, q31, [x0, #480]
	mrs	x1, fpsr
	mrs	x2, fpcr
	add	x3, x0, #512
	stp	x1, x2, [x3]
	ret

	.global fp_restore
fp_restore:
	ldp	q0, q1, [x0, #0]
	ldp	q2, q3, [x0, #32]
	ldp	q4, q5, [x0, #64]
	ldp	q6, q7, [x0, #96]
	ldp	q8, q9, [x0, #128]
	ldp	q10, q11, [x0, #160]
	ldp	q12, q13, [x0, #192]
	ldp	q14, q15, [x0, #224]
	ldp	q16, q17, [x0, #256]
	ldp	q18, q19, [x0, #288]
	ldp	q20, q21, [x0, #320]
	ldp	q22, q23, [x0, #352]
	ldp	q24, q25, [x0, #384]
	ldp	q26, q27, [x0, #416]
	ldp	q28, q29, [x0, #448]
	ldp	q30, q31, [x0, #480]
	add	x3, x0, #512
	ldp	x1, x2, [x3]
	msr	fpsr, x1
	msr	fpcr, x2
	ret

/*
 * void sve_save(void *buf) / sve_restore(const void *buf): the same into one
 * contiguous buffer (Z0-Z31, then P0-P15 and FFR at buf + 32 * VL), plus
 * FPSR/FPCR in the 16 bytes before buf. sve_save_zp / sve_restore_zp leave
 * FFR out (streaming mode without FEAT_SME_FA64).
 */
.macro sve_buf_save
	mrs	x2, fpsr
	mrs	x3, fpcr
	stp	x2, x3, [x0, #-16]
	addvl	x1, x0, #16
	addvl	x2, x0, #31
	addvl	x2, x2, #1
.endm

.macro sve_buf_restore
	ldp	x2, x3, [x0, #-16]
	msr	fpsr, x2
	msr	fpcr, x3
	addvl	x1, x0, #16
	addvl	x2, x0, #31
	addvl	x2, x2, #1
.endm

	.global sve_save
sve_save:
	sve_buf_save
	b	sve_regs_store

	.global sve_save_zp
sve_save_zp:
	sve_buf_save
	b	sve_zp_store

	.global sve_restore
sve_restore:
	sve_buf_restore
	b	sve_regs_load

	.global sve_restore_zp
sve_restore_zp:
	sve_buf_restore
	b	sve_zp_load

/* void sve_clear_predicates(void): P0-P15 and FFR all false. */
	.global sve_clear_predicates
sve_clear_predicates:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	pfalse	p\n\().b
	.endr
	wrffr	p0.b
	ret
