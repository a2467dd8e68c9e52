/*
 * Realm program of the REC_ENTER and RSI benchmarks (host/main/bench.c).
 * It runs at EL1 from IPA 0 with
 *   x1 = IPA of an RsiHostCall structure (in a RAM page),
 *   x2 = IPA of a 4 KB RAM page for RSI_REALM_CONFIG,
 *   x3 = n, the passes of phases 1 and 2.
 * Every pass of every phase is one trip to the host:
 *   1. n WFIs (the host enters with TRAP_WFI);
 *   2. n RSI_HOST_CALLs;
 *   3. for ever: RSI_MEASUREMENT_EXTEND, RSI_REALM_CONFIG, RSI_IPA_STATE_GET
 *      of the program's own page and a whole attestation token
 *      (ATTEST_TOKEN_INIT, then ATTEST_TOKEN_CONTINUE into the config page
 *      until done), each timed with CNTVCT_EL0 (one tick per instruction
 *      under -icount), and an empty timed region; then an RSI_HOST_CALL
 *      whose gprs[0..8] hand the host: extend ticks, config ticks,
 *      empty-region ticks, extend status, config status, token ticks,
 *      token status, IPA_STATE_GET ticks, IPA_STATE_GET status.
 * Each timed RSI call sits in a profile window (tools/profile.sh): a call of
 * prof_begin with x0 = its label (BENCH_PROF_* in bench.c), then of prof_end,
 * outside the timed region.
 * Position independent: the host copies it into a DATA page.
 */

/* Profile window labels of the realm's RSI calls (bench.c's enum bench_id). */
#define PROF_EXTEND	25
#define PROF_CONFIG	26
#define PROF_TOKEN	27
#define PROF_STATE_GET	30
#define PROF_TOKEN_FIRST 40	/* the first token after boot */

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

/* Opens the profile window label (clobbers x0 and x30). */
.macro prof_open label
	mov	x0, #\label
	bl	prof_begin
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
	mov	x13, #PROF_TOKEN_FIRST

3:	timed	x25
	prof_open PROF_EXTEND
	rsi_fid	x0, 0x193		/* RSI_MEASUREMENT_EXTEND: REM1, 64 bytes */
	mov	x1, #1
	mov	x2, #64
	timed	x26, smc #0
	mov	x28, x0
	bl	prof_end
	prof_open PROF_CONFIG
	rsi_fid	x0, 0x196		/* RSI_REALM_CONFIG */
	mov	x1, x21
	timed	x27, smc #0
	mov	x19, x0
	bl	prof_end
	prof_open PROF_STATE_GET
	rsi_fid	x0, 0x198		/* RSI_IPA_STATE_GET of this page */
	mov	x1, #0
	mov	x2, #4096
	timed	x16, smc #0
	mov	x18, x0
	bl	prof_end
	mov	x0, x13		/* PROF_TOKEN_FIRST, then PROF_TOKEN */
	bl	prof_begin
	mov	x13, #PROF_TOKEN
	timed	x17, bl token
	mov	x14, x0
	bl	prof_end
	stp	x26, x27, [x20, #8]
	stp	x25, x28, [x20, #24]
	stp	x19, x17, [x20, #40]
	stp	x14, x16, [x20, #56]
	str	x18, [x20, #72]
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

/* Profile window marks: the insnprof plugin watches these two addresses. */
prof_begin:
	ret
prof_end:
	ret
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

/*
 * Profile window marks of the host side (tools/profile.sh): the host calls
 * bench_prof_begin with x0 = a label (enum bench_id), then bench_prof_end.
 */
	.text
	.global bench_prof_begin, bench_prof_end
bench_prof_begin:
	ret
bench_prof_end:
	ret
