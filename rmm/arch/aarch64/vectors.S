/*
 * R-EL2 exception vectors. Every exception taken at R-EL2 goes to
 * rmm_exception() with a full register frame; it either resumes (a fault in
 * an NS copy routine) or reports the syndrome and stops. Realm (lower EL)
 * exceptions are reported the same way until the world switch handles them.
 */
#include <lib/exception_frame.S.h>

	.section .text
	.balign 0x800
	.global rmm_vectors
rmm_vectors:
	exc_vector_table exception_common

exception_common:
	exc_frame_save
	mov	x1, sp		/* x0 = vector kind, x1 = frame */
	bl	rmm_exception
	exc_frame_restore_eret
