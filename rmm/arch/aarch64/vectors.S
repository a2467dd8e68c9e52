/*
 * R-EL2 exception vectors. Every exception taken at R-EL2 goes to
 * rmm_exception() with a full register frame; it either resumes (a fault in
 * an NS copy routine) or reports the syndrome and stops. Exceptions from a
 * realm (lower EL, AArch64) return to the world switch in run.S with the
 * kind 0 sync, 1 IRQ, 2 FIQ, 3 SError.
 */
#include <lib/exception_frame.S.h>

	.section .text
	.balign 0x800
	.global rmm_vectors
rmm_vectors:
	.irp kind, 0, 1, 2, 3, 4, 5, 6, 7
	exc_vector \kind, exception_common
	.endr
	/* Lower EL, AArch64: the realm stopped; back to realm_enter's caller. */
	.irp kind, 0, 1, 2, 3
	.balign 0x80
	stp	x0, x1, [sp, #-16]!
	mov	x0, #\kind
	b	realm_exit_vector
	.endr
	.irp kind, 12, 13, 14, 15
	exc_vector \kind, exception_common
	.endr

exception_common:
	exc_frame_save
	mov	x1, sp		/* x0 = vector kind, x1 = frame */
	bl	rmm_exception
	exc_frame_restore_eret
