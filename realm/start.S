/*
 * Realm payload entry (R-EL1, MMU off): the image header of
 * include/atoll/realm_image.h, the boot REC's entry and the entry of RECs
 * started with PSCI CPU_ON (x0 = context_id). With the MMU off every data
 * access is Device memory, so nothing here or in C may be unaligned.
 */
#include <atoll/realm_image.h>
#include <lib/bss.S.h>

#include "realm_layout.h"

	.section .text.head, "ax"
	.global realm_head
realm_head:
	b	realm_entry
	.word	0
	.ascii	"ATOLLRLM"
	.word	REALM_IMAGE_VERSION
	.word	REALM_IMAGE_HEADER_SIZE
	.quad	__realm_image_size
	.quad	__realm_memory_size
	.quad	realm_entry - realm_head
	.quad	0, 0

	.section .text
realm_entry:
	msr	daifset, #0xf
	bl	cpu_setup
	/* bss: the host loads it from zero pages, but do not rely on the loader. */
	clear_bss
	bl	realm_start
	b	.

	.global realm_secondary_entry
realm_secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	bl	cpu_setup
	mov	x0, x19
	bl	realm_secondary_start
	b	.

/*
 * sp = top of this REC's stack (by MPIDR_EL1.Aff0; realm_stack_size bytes
 * each, see realm.ld.S), VBAR_EL1 = the vectors,
 * FP/SIMD untrapped. A REC without a stack switches itself off.
 */
cpu_setup:
	mrs	x0, mpidr_el1
	and	x0, x0, #0xf
	cmp	x0, #REALM_MAX_CPUS
	b.hs	no_stack
	adrp	x1, realm_stacks
	add	x1, x1, :lo12:realm_stacks
	ldr	x2, =realm_stack_size
	madd	x1, x0, x2, x1
	add	sp, x1, x2
	adr	x3, realm_vectors
	msr	vbar_el1, x3
	mov	x3, #(3 << 20)		/* CPACR_EL1.FPEN: FP/SIMD for EL1 and EL0 */
	msr	cpacr_el1, x3
	isb
	ret

no_stack:
	ldr	x0, =0x84000002		/* PSCI CPU_OFF */
	smc	#0
	b	.
