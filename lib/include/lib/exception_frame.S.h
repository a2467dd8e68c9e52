/*
 * Assembler macros shared by the EL2 images (RMM at R-EL2, realm host at
 * NS-EL2) and the realm payloads (R-EL1, `el=1`): exception frames and an
 * SMC that takes and returns x0..x7 through memory. Frame layout: x0..x30,
 * sp slot, ELR, SPSR, ESR, FAR.
 */
#pragma once

#define EXC_FRAME_SIZE	(36 * 8)

/* One vector entry: open the frame, save x0/x1, x0 = kind, go to \handler_common. */
.macro exc_vector kind, handler_common
	.balign 0x80
	sub	sp, sp, #EXC_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	b	\handler_common
.endm

/* Saves x2..x30 and the ELn syndrome registers; x0/x1 are already saved. */
.macro exc_frame_save el=2
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	add	x1, sp, #EXC_FRAME_SIZE
	stp	x30, x1, [sp, #240]
	mrs	x1, elr_el\el
	mrs	x2, spsr_el\el
	stp	x1, x2, [sp, #256]
	mrs	x1, esr_el\el
	mrs	x2, far_el\el
	stp	x1, x2, [sp, #272]
.endm

/* Restores everything (ELR/SPSR possibly changed by the handler) and returns. */
.macro exc_frame_restore_eret el=2
	ldp	x1, x2, [sp, #256]
	msr	elr_el\el, x1
	msr	spsr_el\el, x2
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #EXC_FRAME_SIZE
	eret
.endm

/* The 16 vector entries of a vector table, all to \handler_common. */
.macro exc_vector_table handler_common
	.irp kind, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	exc_vector \kind, \handler_common
	.endr
.endm

/* Defines `name(uint64_t regs[8])`: SMC with regs[0..7] in and out. */
.macro smc_regs_function name
	.global \name
\name:
	str	x0, [sp, #-16]!
	mov	x8, x0
	ldp	x0, x1, [x8, #0]
	ldp	x2, x3, [x8, #16]
	ldp	x4, x5, [x8, #32]
	ldp	x6, x7, [x8, #48]
	smc	#0
	ldr	x8, [sp], #16
	stp	x0, x1, [x8, #0]
	stp	x2, x3, [x8, #16]
	stp	x4, x5, [x8, #32]
	stp	x6, x7, [x8, #48]
	ret
.endm
