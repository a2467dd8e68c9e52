/* R-EL1 exception vectors: everything goes to realm_exception() with a frame. */
#include <lib/exception_frame.S.h>

	.section .text
	.balign 0x800
	.global realm_vectors
realm_vectors:
	exc_vector_table realm_exception_common

realm_exception_common:
	exc_frame_save el=1
	mov	x1, sp		/* x0 = vector kind, x1 = frame */
	bl	realm_exception
	exc_frame_restore_eret el=1
