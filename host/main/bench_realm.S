/*
 * Realm program of the REC_ENTER and RSI benchmarks (host/main/bench.c).
 * It runs at EL1 from IPA 0 with
 *   x1 = IPA of an RsiHostCall structure (in a RAM page),
 *   x2 = IPA of a 4 KB RAM page for RSI_REALM_CONFIG,
 *   x3 = n, the passes of phases 1 and 2.
 * Every pass of every phase is one trip to the host:
 *   1. n WFIs (the host enters with TRAP_WFI);
 *   2. n RSI_HOST_CALLs;
 *   3. for ever: RSI_MEASUREMENT_EXTEND, RSI_REALM_CONFIG and a whole
 *      attestation token (ATTEST_TOKEN_INIT, then ATTEST_TOKEN_CONTINUE
 *      into the config page until done), each timed with CNTVCT_EL0 (one
 *      tick per instruction under -icount), and an empty timed region;
 *      then an RSI_HOST_CALL whose gprs[0..6] hand the host: extend ticks,
 *      config ticks, empty-region ticks, extend status, config status,
 *      token ticks, token status.
 * Position independent: the host copies it into a DATA page.
 */

/* reg = the SMC64 FID of RSI function number fnum. */
.macro rsi_fid reg, fnum
	movz	\reg, #\fnum
	movk	\reg, #0xC400, lsl #16
.endm

/* out = counter ticks across body, read as the host's timed SMC reads them. */
.macro timed out, body:vararg
	isb
	mrs	x23, cntvct_el0
	\body
	isb
	mrs	x24, cntvct_el0
	sub	\out, x24, x23
.endm

	.section .rodata.bench_realm, "a"
	.balign 8
	.global bench_realm_start, bench_realm_end
bench_realm_start:
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3
1:	wfi
	subs	x3, x3, #1
	b.ne	1b

2:	rsi_fid	x0, 0x199		/* RSI_HOST_CALL */
	mov	x1, x20
	smc	#0
	subs	x22, x22, #1
	b.ne	2b

3:	timed	x25
	rsi_fid	x0, 0x193		/* RSI_MEASUREMENT_EXTEND: REM1, 64 bytes */
	mov	x1, #1
	mov	x2, #64
	timed	x26, smc #0
	mov	x28, x0
	rsi_fid	x0, 0x196		/* RSI_REALM_CONFIG */
	mov	x1, x21
	timed	x27, smc #0
	mov	x19, x0
	timed	x17, bl token
	stp	x26, x27, [x20, #8]
	stp	x25, x28, [x20, #24]
	stp	x19, x17, [x20, #40]
	str	x0, [x20, #56]
	rsi_fid	x0, 0x199		/* RSI_HOST_CALL */
	mov	x1, x20
	smc	#0
	b	3b

/* A whole attestation token into the page at x21; x0 = the last status. */
token:	rsi_fid	x0, 0x194		/* RSI_ATTEST_TOKEN_INIT, any challenge */
	smc	#0
	cbnz	x0, 5f
	mov	x15, #0			/* bytes received so far */
4:	rsi_fid	x0, 0x195		/* RSI_ATTEST_TOKEN_CONTINUE */
	mov	x1, x21
	mov	x2, x15
	mov	x3, #4096
	sub	x3, x3, x15
	smc	#0
	add	x15, x15, x1
	cmp	x0, #3			/* RSI_INCOMPLETE: signing or bytes left */
	b.eq	4b
5:	ret
	.balign 8
bench_realm_end:

/*
 * Second program: completions only the host can give. It runs with
 *   x1 = IPA of a page (its level-3 RTT exists) whose RIPAS it toggles,
 *   x2 = MPIDR of REC 1 (created not runnable).
 * For ever: RSI_IPA_STATE_SET over that page (RAM, then EMPTY, ...), which
 * the host completes with RMI_RTT_SET_RIPAS, then PSCI AFFINITY_INFO for
 * REC 1, which the host completes with RMI_PSCI_COMPLETE.
 */
	.balign 8
	.global bench_completions_start, bench_completions_end
bench_completions_start:
	mov	x20, x1
	mov	x21, x2
	mov	x22, #1			/* RSI_RIPAS_RAM first */
6:	rsi_fid	x0, 0x197		/* RSI_IPA_STATE_SET */
	mov	x1, x20
	add	x2, x20, #4096
	mov	x3, x22
	mov	x4, #0
	smc	#0
	eor	x22, x22, #1
	movz	x0, #0x0004
	movk	x0, #0xC400, lsl #16	/* PSCI AFFINITY_INFO (SMC64) */
	mov	x1, x21
	mov	x2, #0
	smc	#0
	b	6b
	.balign 8
bench_completions_end:
