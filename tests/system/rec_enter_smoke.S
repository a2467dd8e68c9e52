/*
 * A tiny position-independent realm program for the REC_ENTER smoke test.
 * x7 = an Unprotected IPA (emulated MMIO) given through RmiRecParams.gprs.
 */
	.section .rodata
	.balign 4
	.global rec_enter_smoke_start, rec_enter_smoke_end
rec_enter_smoke_start:
	movz	x0, #0x0190
	movk	x0, #0xC400, lsl #16	/* RSI_VERSION */
	mov	x1, #0x10000
	smc	#0
	str	x0, [x7]		/* exit 1: write of the status */
	str	x1, [x7]		/* exit 2: write of the lower version */
	ldr	x2, [x7]		/* exit 3: read, value from the host */
	add	x2, x2, #1
	str	x2, [x7]		/* exit 4: write of that value + 1 */
	mrs	x3, id_aa64pfr0_el1	/* trapped and emulated by the RMM */
	str	x3, [x7]		/* exit 5: the realm's view of it */
	movz	x0, #0x0008
	movk	x0, #0x8400, lsl #16	/* PSCI SYSTEM_OFF */
	smc	#0			/* exit 6: PSCI */
	b	.
rec_enter_smoke_end:
