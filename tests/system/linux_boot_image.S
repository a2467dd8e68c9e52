/*
 * A stand-in for a Linux kernel, for the Linux loader's system test: an arm64
 * Image (booting.rst header: text_offset 0, image_size 64 KiB, 4K pages) of
 * position-independent code that reports what a kernel would find at entry
 * through REALM_HC_VALUES, then calls PSCI SYSTEM_OFF:
 *   values[0] x0 (the DTB's IPA)     values[1] the DTB's first word (magic)
 *   values[2] x1 | x2 | x3 (0)       values[3] the DTB's second word (totalsize)
 *   values[4] the first 8 bytes of the initrd, on the page after image_size
 *   values[5] RSI_IPA_STATE_GET's status and values[6] the RIPAS of RAM's last
 *     page, 2 MiB - 4 KiB above the DTB (all RAM is RIPAS RAM before the entry)
 *   values[7] the first word of the image's bss (0: an unmeasured fresh page)
 */
#include <atoll/realm_image.h>
#include <atoll/rsi.h>
#include <atoll/smccc.h>

#define IMAGE_SIZE	0x10000
#define HOST_CALL_PAGE	0x8000		/* in the bss: faulted in by the host */

	.section .rodata.linux_boot_image, "a"
	.balign 4096
	.global linux_boot_image, linux_boot_image_end
linux_boot_image:
	b	entry			/* code0 */
	.word	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	IMAGE_SIZE		/* image_size */
	.quad	0xA			/* flags: LE, 4K pages, anywhere */
	.quad	0, 0, 0			/* res2..res4 */
	.word	0x644D5241		/* "ARM\x64" */
	.word	0			/* res5 */
entry:
	adr	x20, linux_boot_image
	add	x21, x20, #HOST_CALL_PAGE	/* RsiHostCall: imm, then gprs[] from +8 */
	str	x0, [x21, #8]
	ldr	w9, [x0]
	str	x9, [x21, #16]
	orr	x9, x1, x2
	orr	x9, x9, x3
	str	x9, [x21, #24]
	ldr	w9, [x0, #4]
	str	x9, [x21, #32]
	add	x9, x20, #IMAGE_SIZE
	ldr	x9, [x9]
	str	x9, [x21, #40]
	mov	x19, x0
	ldr	x0, =RSI_IPA_STATE_GET
	add	x1, x19, #0x1FF, lsl #12	/* RAM's last page: DTB + 2 MiB - 4 KiB */
	add	x2, x1, #0x1000
	smc	#0
	str	x0, [x21, #48]
	str	x2, [x21, #56]
	add	x9, x20, #0x9000
	ldr	x9, [x9]
	str	x9, [x21, #64]
	mov	x9, #REALM_HC_VALUES
	str	x9, [x21]
	ldr	x0, =RSI_HOST_CALL
	mov	x1, x21
	smc	#0
	ldr	x0, =PSCI_SYSTEM_OFF
	smc	#0
1:	b	1b
	.ltorg
	.balign 4096
linux_boot_image_end:
