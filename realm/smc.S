/*
 * void realm_smc_all_regs(uint64_t regs[31]): SMC with every general
 * register x0..x30 loaded from regs and stored back afterwards, so that a
 * test sees what the call did to each of them. The caller's x19..x30 come
 * back as they were.
 */
	.section .text
	.global realm_smc_all_regs
realm_smc_all_regs:
	stp	x29, x30, [sp, #-16]!
	stp	x27, x28, [sp, #-16]!
	stp	x25, x26, [sp, #-16]!
	stp	x23, x24, [sp, #-16]!
	stp	x21, x22, [sp, #-16]!
	stp	x19, x20, [sp, #-16]!
	str	x0, [sp, #-16]!
	mov	x30, x0
	ldp	x0, x1, [x30, #0]
	ldp	x2, x3, [x30, #16]
	ldp	x4, x5, [x30, #32]
	ldp	x6, x7, [x30, #48]
	ldp	x8, x9, [x30, #64]
	ldp	x10, x11, [x30, #80]
	ldp	x12, x13, [x30, #96]
	ldp	x14, x15, [x30, #112]
	ldp	x16, x17, [x30, #128]
	ldp	x18, x19, [x30, #144]
	ldp	x20, x21, [x30, #160]
	ldp	x22, x23, [x30, #176]
	ldp	x24, x25, [x30, #192]
	ldp	x26, x27, [x30, #208]
	ldp	x28, x29, [x30, #224]
	ldr	x30, [x30, #240]
	smc	#0
	/* x30 after the call goes to the stack; x30 then points at regs again. */
	str	x30, [sp, #-16]!
	ldr	x30, [sp, #16]
	stp	x0, x1, [x30, #0]
	stp	x2, x3, [x30, #16]
	stp	x4, x5, [x30, #32]
	stp	x6, x7, [x30, #48]
	stp	x8, x9, [x30, #64]
	stp	x10, x11, [x30, #80]
	stp	x12, x13, [x30, #96]
	stp	x14, x15, [x30, #112]
	stp	x16, x17, [x30, #128]
	stp	x18, x19, [x30, #144]
	stp	x20, x21, [x30, #160]
	stp	x22, x23, [x30, #176]
	stp	x24, x25, [x30, #192]
	stp	x26, x27, [x30, #208]
	stp	x28, x29, [x30, #224]
	ldr	x0, [sp], #16
	str	x0, [x30, #240]
	add	sp, sp, #16
	ldp	x19, x20, [sp], #16
	ldp	x21, x22, [sp], #16
	ldp	x23, x24, [sp], #16
	ldp	x25, x26, [sp], #16
	ldp	x27, x28, [sp], #16
	ldp	x29, x30, [sp], #16
	ret

/*
 * void realm_fp_fill(uint64_t seed) and uint64_t realm_fp_check(uint64_t
 * seed): v<n> = {seed + 2n, seed + 2n + 1}; check returns a mask with bit
 * n set for each v<n> that differs. Payloads are built without FP/SIMD
 * code, so these are the only users of the registers.
 */
	.arch_extension fp
	.arch_extension simd
	.global realm_fp_fill
realm_fp_fill:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x0, #(2 * \n)
	add	x2, x1, #1
	fmov	d\n, x1
	fmov	v\n\().d[1], x2
	.endr
	ret

	.global realm_fp_check
realm_fp_check:
	mov	x3, #0
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x0, #(2 * \n)
	fmov	x2, d\n
	cmp	x1, x2
	add	x1, x1, #1
	fmov	x2, v\n\().d[1]
	ccmp	x1, x2, #0, eq
	cset	x4, ne
	orr	x3, x3, x4, lsl #\n
	.endr
	mov	x0, x3
	ret
