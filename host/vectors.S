/* NS-EL2 exception vectors: everything goes to host_exception() with a frame. */
#include <lib/exception_frame.S.h>

	.section .text
	.balign 0x800
	.global host_vectors
host_vectors:
	exc_vector_table host_exception_common

host_exception_common:
	exc_frame_save
	mov	x1, sp		/* x0 = vector kind, x1 = frame */
	bl	host_exception
	exc_frame_restore_eret
