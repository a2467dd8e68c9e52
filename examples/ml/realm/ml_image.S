/*
 * The ml_infer realm payload, embedded in the system-test host image only (so
 * that other host images, make run's included, need no trained model). On a
 * granule boundary, as the loader wants DATA_CREATE sources.
 */
	.section .rodata.realm_image_ml_infer, "a"
	.balign 4096
	.global realm_image_ml_infer
realm_image_ml_infer:
	.incbin "realm-ml_infer.bin"
	.global realm_image_ml_infer_end
realm_image_ml_infer_end:
