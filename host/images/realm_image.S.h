/*
 * realm_image NAME: embeds build/realm-NAME.bin as realm_image_NAME ..
 * realm_image_NAME_end, on a granule boundary, so that the loader hands the
 * RMM its pages as DATA_CREATE sources directly.
 */
.macro realm_image name
	.section .rodata.realm_image_\name, "a"
	.balign 4096
	.global realm_image_\name
realm_image_\name:
	.incbin "realm-\name\().bin"
	.global realm_image_\name\()_end
realm_image_\name\()_end:
.endm
