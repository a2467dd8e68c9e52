/* The small model's weights file, embedded in the realm image (4-byte aligned, as ml_model_load() wants). */
	.section .rodata.ml_model_blob, "a"
	.balign 16
	.global ml_model_blob
ml_model_blob:
	.incbin "model.atml"
	.global ml_model_blob_end
ml_model_blob_end:
