/*
 * The stress test's realm program (position independent, run by
 * builder/program_realm.c with x7 = an emulated MMIO address): counts its
 * loop in x5, makes an RSI call the RMM answers itself, and reports the count
 * with a store to x7, an emulated MMIO write the host sees in exit gprs[0].
 */
	.section .rodata
	.balign 4
	.global stress_realm_start, stress_realm_end
stress_realm_start:
	mov	x5, #1
1:	movz	w0, #0x0190		/* RSI_VERSION, 0xC4000190 */
	movk	w0, #0xC400, lsl #16
	mov	x1, #0x10000		/* asks for 1.0 */
	smc	#0
	str	x5, [x7]
	add	x5, x5, #1
	b	1b
stress_realm_end:
