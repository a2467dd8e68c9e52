/*
 * Timed SMC: the cost of one call read from CNTPCT_EL0 just before and just
 * after the SMC instruction. Under `-icount shift=0` the counter ticks once
 * per instruction, so the difference is the instructions EL3 and the RMM
 * executed, plus the fixed cost of the timed region itself, which
 * host_smc_timed_empty() measures with the SMC left out.
 */

/*
 * Timed region: isb so that the counter is read in program order, then
 * the read. x19 holds the start across the SMC: SMCCC preserves x18-x30.
 */
.macro timed_region body:vararg
	isb
	mrs	x19, cntpct_el0
	\body
	isb
	mrs	x9, cntpct_el0
.endm

/* uint64_t host_smc_timed(uint64_t regs[8]): as host_smc, returning the ticks. */
	.section .text
	.global host_smc_timed
host_smc_timed:
	stp	x0, x19, [sp, #-16]!
	mov	x8, x0
	ldp	x0, x1, [x8, #0]
	ldp	x2, x3, [x8, #16]
	ldp	x4, x5, [x8, #32]
	ldp	x6, x7, [x8, #48]
	timed_region smc #0
	ldr	x8, [sp]
	stp	x0, x1, [x8, #0]
	stp	x2, x3, [x8, #16]
	stp	x4, x5, [x8, #32]
	stp	x6, x7, [x8, #48]
	sub	x0, x9, x19
	ldr	x19, [sp, #8]
	add	sp, sp, #16
	ret

/* uint64_t host_smc_timed_empty(void): the ticks of the timed region alone. */
	.global host_smc_timed_empty
host_smc_timed_empty:
	str	x19, [sp, #-16]!
	timed_region
	sub	x0, x9, x19
	ldr	x19, [sp], #16
	ret
