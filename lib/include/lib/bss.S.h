/* Start-up code shared by the bare-metal images (realm host, realm payloads). */
#pragma once

/* Zeroes [__bss_start, __bss_end), both 8-byte aligned, with x0 and x1. */
.macro clear_bss
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
0:	cmp	x0, x1
	b.hs	1f
	str	xzr, [x0], #8
	b	0b
1:
.endm
