/*
 * R-EL2 entry. TF-A enters here on every CPU with the MMU and caches off:
 * cold boot x0 = CPU index, x1 = interface version, x2 = CPU count,
 * x3 = shared buffer; warm boot x0 = CPU index, x1..x3 = 0.
 * The first CPU to arrive is the cold-boot CPU.
 */
#include <lib/bss.S.h>
#include <lib/exception_frame.S.h>

#include "asm.h"

	.section .text.entry, "ax"
	.global rmm_entry
rmm_entry:
	msr	daifset, #0xf
	isb
	mrs	x23, cntpct_el0		/* boot cost is reported from here */
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3

	/* Pick this CPU's stack; out-of-range indices share a spare one. */
	mov	x4, #RMM_MAX_CPUS
	cmp	x0, x4
	csel	x4, x0, x4, lo
	adrp	x5, rmm_stacks
	add	x5, x5, :lo12:rmm_stacks
	mov	x6, #RMM_STACK_SIZE
	madd	x5, x4, x6, x5
	add	sp, x5, x6
	msr	tpidr_el2, x4

	adr	x7, rmm_vectors
	msr	vbar_el2, x7
	isb

	adrp	x8, rmm_cold_boot_done
	ldr	w9, [x8, :lo12:rmm_cold_boot_done]
	cbnz	w9, 1f

	/* Cold boot: clear .bss (the stacks, one of which is in use, are not in it). */
	clear_bss
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	mov	x3, x22
	mov	x4, x23
	bl	rmm_cold_boot		/* does not return */

1:	mov	x0, x19
	bl	rmm_warm_boot		/* does not return */
	b	.

/* void rmm_smc(struct smc_regs *regs): SMC with regs->x[0..7] in and out. */
	.section .text
	smc_regs_function rmm_smc

/*
 * bool ns_copy_words(void *dst, const void *src, size_t len): copies len bytes
 * (a multiple of 8) where one side is the NS window, 16 bytes a step and a
 * last 8 if len is an odd number of words.
 * bool ns_move_words(void *dst, void *src, size_t len): the same into the NS
 * window, zeroing src as it goes.
 * A fault inside [ns_access_start, ns_access_end) resumes at ns_access_fault
 * (see exception.c), which returns false.
 */
/* The copy loop of both: 16 bytes a step, then a last 8; clear=1 zeroes the source. */
.macro ns_copy_body clear, tail
	subs	x2, x2, #16
	b.lo	\tail\()f
.if \clear
1:	ldp	x3, x4, [x1]
	stp	x3, x4, [x0], #16
	stp	xzr, xzr, [x1], #16
.else
1:	ldp	x3, x4, [x1], #16
	stp	x3, x4, [x0], #16
.endif
	subs	x2, x2, #16
	b.hs	1b
\tail:	tbz	x2, #3, ns_access_end
	ldr	x3, [x1]
	str	x3, [x0]
.if \clear
	str	xzr, [x1]
.endif
.endm

	.global ns_copy_words
	.global ns_move_words
	.global ns_access_start
	.global ns_access_end
	.global ns_access_fault
ns_copy_words:
ns_access_start:
	ns_copy_body 0, 5
	b	ns_access_end
ns_move_words:
	ns_copy_body 1, 6
ns_access_end:
	mov	x0, #1
	ret
ns_access_fault:
	mov	x0, #0
	ret
