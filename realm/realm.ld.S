/*
 * Realm payload: a flat image linked at REALM_IMAGE_IPA, header first.
 * The file ends on a 4 KB boundary (the build pads it), then come bss and
 * the per-REC stacks: image_size and memory_size of the header.
 */
#include <atoll/realm_image.h>

#include "realm_layout.h"

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(realm_head)

/*
 * Each REC's stack: REALM_STACK_SIZE unless the payload defines the absolute
 * symbol realm_stack_size itself (REALM_STACK_SIZE_IS() in realm.h).
 */
PROVIDE(realm_stack_size = REALM_STACK_SIZE);

SECTIONS
{
	. = REALM_IMAGE_IPA;
	.text : {
		KEEP(*(.text.head))
		*(.text .text.*)
	}
	.rodata : {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__start_realm_tests = .;
		KEEP(*(realm_tests))
		__stop_realm_tests = .;
	}
	.data : { *(.data .data.*) }
	. = ALIGN(4096);
	__realm_image_end = .;
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(16);
		__bss_end = .;
	}
	.stacks (NOLOAD) : {
		. = ALIGN(4096);
		realm_stacks = .;
		. += realm_stack_size * REALM_MAX_CPUS;
	}
	. = ALIGN(4096);
	__realm_memory_end = .;
	__realm_image_size = __realm_image_end - REALM_IMAGE_IPA;
	__realm_memory_size = __realm_memory_end - REALM_IMAGE_IPA;
	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) }
}
