/*
 * The SVE register file to and from memory at the current vector length
 * (lib/sve_regs.h): the RMM's world switch, and the system tests that check
 * it from both sides. The _zp variants leave FFR out, for streaming mode
 * without FEAT_SME_FA64, where FFR does not exist for software.
 */
	.arch armv8.4-a+sve
	.section .text

.macro z_regs op
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	\op	z\n, [x0, #\n, mul vl]
	.endr
	.irp n, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	\op	z\n, [x1, #(\n - 16), mul vl]
	.endr
.endm

.macro p_regs op
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	\op	p\n, [x2, #\n, mul vl]
	.endr
.endm

	.global sve_regs_store
sve_regs_store:
	z_regs	str
	p_regs	str
	rdffr	p0.b
	str	p0, [x2, #16, mul vl]
	ret

	.global sve_zp_store
sve_zp_store:
	z_regs	str
	p_regs	str
	ret

	.global sve_regs_load
sve_regs_load:
	ldr	p0, [x2, #16, mul vl]
	wrffr	p0.b
	/* fall through */
	.global sve_zp_load
sve_zp_load:
	p_regs	ldr
	z_regs	ldr
	ret

/* uint64_t sve_vl_bytes(void): the current vector length in bytes. */
	.global sve_vl_bytes
sve_vl_bytes:
	rdvl	x0, #1
	ret
