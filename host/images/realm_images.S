/*
 * The realm payloads (mk/realm.mk) embedded in a host image. Each starts on
 * a granule boundary, so the loader hands the RMM its pages as DATA_CREATE
 * sources directly; host/realm_images.h declares them.
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

	realm_image hello
	realm_image rsi_tests
	realm_image sve
	realm_image pmu
