/*
 * FP/SIMD register patterns for the state-preservation tests: the host
 * fills its own V registers, makes RMI calls, and checks nothing changed.
 */
	.section .text

/* void host_fp_fill(uint64_t seed): Vn = { seed + n, ~(seed + n) } */
	.global host_fp_fill
host_fp_fill:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x0, #\n
	mvn	x2, x1
	fmov	d\n, x1
	ins	v\n\().d[1], x2
	.endr
	ret

/* uint64_t host_fp_mismatches(uint64_t seed): how many Vn differ from host_fp_fill(seed). */
	.global host_fp_mismatches
host_fp_mismatches:
	mov	x3, #0
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x0, #\n
	mvn	x2, x1
	fmov	x4, d\n
	mov	x5, v\n\().d[1]
	cmp	x4, x1
	ccmp	x5, x2, #0, eq
	cinc	x3, x3, ne
	.endr
	mov	x0, x3
	ret

/*
 * The realm program: counts in x11 and in d5, writing both to MMIO at x7.
 * Between the two it makes an RSI call the RMM answers with the SHA
 * instructions (MEASUREMENT_EXTEND of REM0), so d5 must survive the RMM's
 * own use of the SIMD registers as well as the exits to the host.
 */
	.section .rodata
	.balign 4
	.global fp_realm_start, fp_realm_end
fp_realm_start:
	mov	x1, #(3 << 20)		/* CPACR_EL1.FPEN: FP/SIMD at EL1 */
	msr	cpacr_el1, x1
	isb
	fmov	d5, xzr
	mov	x11, #0
1:	add	x11, x11, #1
	fmov	x12, d5
	add	x12, x12, #2
	fmov	d5, x12
	movz	x0, #0x0193
	movk	x0, #0xC400, lsl #16	/* RSI_MEASUREMENT_EXTEND */
	mov	x1, #1			/* REM0 */
	mov	x2, #8
	mov	x3, x11
	smc	#0
	fmov	x12, d5
	str	x11, [x7]
	str	x12, [x7]
	b	1b
fp_realm_end:
