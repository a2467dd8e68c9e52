/*
 * The simulator's built-in realm: make run's hello payload (mk/realm.mk),
 * so a sim token's RIM is that of build/realm-hello.bin.
 */
	.section .rodata.sim_hello_image, "a"
	.balign 4096
	.global sim_hello_image
	.hidden sim_hello_image
sim_hello_image:
	.incbin SIM_REALM_IMAGE
	.global sim_hello_image_end
	.hidden sim_hello_image_end
sim_hello_image_end:

	.section .note.GNU-stack, "", @progbits
