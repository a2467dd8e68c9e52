/*
 * void host_clobber_regs(uint64_t seed): x0..x18 and v0..v31 get values
 * derived from seed. Tests call it between REC_ENTERs so that nothing the
 * host leaves in its registers can pass for a realm's register. The host is
 * built without FP/SIMD code, so the callee-saved d8..d15 hold nothing of
 * its own.
 */
	.arch_extension fp
	.arch_extension simd
	.section .text
	.global host_clobber_regs
host_clobber_regs:
	.irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18
	eor	x\n, x0, #(1 << \n)
	.endr
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	dup	v\n\().2d, x1
	add	x1, x1, #1
	.endr
	mvn	x0, x0
	ret
