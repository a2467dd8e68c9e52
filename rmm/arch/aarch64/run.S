/*
 * The world switch's register part. realm_enter() saves the RMM's
 * callee-saved registers on its stack, loads the realm's x0..x30, PC and
 * PSTATE from struct rec_regs and erets. A lower-EL exception comes back
 * through realm_exit_vector (rmm_vectors entries 8..11), which saves the
 * realm's registers into the same struct rec_regs and returns from
 * realm_enter() with the vector kind.
 */
#define REGS_PC		(31 * 8)
#define FRAME		112	/* x19..x30 and the rec_regs pointer */

	.section .text
	.global realm_enter
realm_enter:
	sub	sp, sp, #FRAME
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	str	x0, [sp, #96]
	ldp	x1, x2, [x0, #REGS_PC]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
	eret
	dsb	nsh		/* no speculation past the eret */
	isb

/* Entered from the vector with x0 = kind and the realm's x0/x1 pushed on the stack. */
	.global realm_exit_vector
realm_exit_vector:
	stp	x2, x3, [sp, #-16]!
	ldr	x2, [sp, #32 + 96]	/* the rec_regs pointer in realm_enter's frame */
	stp	x4, x5, [x2, #32]
	stp	x6, x7, [x2, #48]
	stp	x8, x9, [x2, #64]
	stp	x10, x11, [x2, #80]
	stp	x12, x13, [x2, #96]
	stp	x14, x15, [x2, #112]
	stp	x16, x17, [x2, #128]
	stp	x18, x19, [x2, #144]
	stp	x20, x21, [x2, #160]
	stp	x22, x23, [x2, #176]
	stp	x24, x25, [x2, #192]
	stp	x26, x27, [x2, #208]
	stp	x28, x29, [x2, #224]
	str	x30, [x2, #240]
	ldp	x4, x5, [sp], #16	/* realm x2, x3 */
	stp	x4, x5, [x2, #16]
	ldp	x4, x5, [sp], #16	/* realm x0, x1 */
	stp	x4, x5, [x2, #0]
	mrs	x4, elr_el2
	mrs	x5, spsr_el2
	stp	x4, x5, [x2, #REGS_PC]
	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	add	sp, sp, #FRAME
	ret

