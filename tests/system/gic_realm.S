/*
 * A position-independent realm program for the GIC state tests: a loop that
 * reads a command from its emulated MMIO page (x7), runs it on the realm's
 * virtual CPU interface and writes the result back there. The realm's
 * ICC_ accesses reach the ICV_ registers (HCR_EL2.IMO/FMO), that is the
 * REC's ICH_VMCR_EL2, its active priorities and the host's list registers.
 *
 * A command is op << 32 | arg (gic_state.h):
 *   GET  result: PMR [7:0], BPR1 [10:8], CTLR.{CBPR,EOImode} [17:16], IGRPEN1 [24]
 *   SET  the same fields from arg; result 0
 *   ACK  result: ICC_IAR1_EL1 (the INTID acknowledged, 1023 if none)
 *   EOI  ICC_EOIR1_EL1 = arg; result 0
 *   RPR  result: ICC_RPR_EL1 (the running priority)
 */
#include "gic_state.h"

	.section .rodata
	.balign 4
	.global gic_realm_start, gic_realm_end
gic_realm_start:
1:	ldr	x0, [x7]		/* exit: the next command */
	lsr	x1, x0, #32
	mov	w0, w0
	mov	x2, #0
	cmp	x1, #GIC_OP_GET
	b.ne	2f
	mrs	x2, icc_pmr_el1
	and	x2, x2, #0xFF
	mrs	x3, icc_bpr1_el1
	bfi	x2, x3, #8, #3
	mrs	x3, icc_ctlr_el1
	bfi	x2, x3, #16, #2
	mrs	x3, icc_igrpen1_el1
	bfi	x2, x3, #24, #1
	b	9f
2:	cmp	x1, #GIC_OP_SET
	b.ne	3f
	ubfx	x3, x0, #0, #8
	msr	icc_pmr_el1, x3
	ubfx	x3, x0, #16, #2
	msr	icc_ctlr_el1, x3	/* CBPR before BPR1: it decides what BPR1 is */
	ubfx	x3, x0, #8, #3
	msr	icc_bpr1_el1, x3
	ubfx	x3, x0, #24, #1
	msr	icc_igrpen1_el1, x3
	b	9f
3:	cmp	x1, #GIC_OP_ACK
	b.ne	4f
	mrs	x2, icc_iar1_el1
	b	9f
4:	cmp	x1, #GIC_OP_EOI
	b.ne	5f
	msr	icc_eoir1_el1, x0
	b	9f
5:	mrs	x2, icc_rpr_el1
9:	isb
	str	x2, [x7]		/* exit: the result */
	b	1b
gic_realm_end:
