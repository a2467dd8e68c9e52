/*
 * NS-EL2 entry of the realm host (BL33, loaded at 0x60000000, MMU off until
 * host_mmu_init() or host_mmu_enable() turns it on).
 * The boot CPU enters at host_entry; CPUs started with PSCI CPU_ON enter at
 * host_secondary_entry with x0 = their CPU number (the context ID).
 */
#include <lib/bss.S.h>
#include <lib/exception_frame.S.h>

#define HOST_STACK_SIZE	0x4000

	.section .text.entry, "ax"
	.global host_entry
host_entry:
	msr	daifset, #0xf
	clear_bss
	mov	x0, #0
	bl	set_stack_and_vectors
	bl	host_mmu_init
	bl	host_main
	b	.

	.global host_secondary_entry
host_secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	bl	set_stack_and_vectors
	bl	host_mmu_enable
	mov	x0, x19
	bl	host_secondary_main
	b	.

/* x0 = CPU number: sp = top of that CPU's stack. Clobbers x0..x3. */
set_stack_and_vectors:
	adrp	x1, host_stacks
	add	x1, x1, :lo12:host_stacks
	mov	x2, #HOST_STACK_SIZE
	madd	x1, x0, x2, x1
	add	sp, x1, x2
	adr	x3, host_vectors
	msr	vbar_el2, x3
	isb
	ret

/* void host_smc(uint64_t regs[8]): SMC with x0..x7 in and out. */
	.section .text
	smc_regs_function host_smc
