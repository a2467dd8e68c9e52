/* Start-up code shared by the bare-metal images (RMM, realm host, realm payloads). */
#pragma once

/*
 * Zeroes [__bss_start, __bss_end), both 8-byte aligned, with x0 and x1.
 * Its labels are unique per use, so the caller's numeric labels are safe.
 */
.macro clear_bss
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
.Lclear_bss_loop\@:
	cmp	x0, x1
	b.hs	.Lclear_bss_done\@
	str	xzr, [x0], #8
	b	.Lclear_bss_loop\@
.Lclear_bss_done\@:
.endm
