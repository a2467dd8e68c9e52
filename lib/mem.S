/*
 * memcpy and memset for the freestanding AArch64 images (the RMM, the realm
 * host, realm payloads), in load/store pairs: 32 bytes a step, then 16, 8
 * and single bytes. Short runs matter as much as long ones: mbedTLS copies
 * and clears 48-byte limb arrays thousands of times a signature, so the
 * word-aligned path has no set-up at all. Pairs are used only at 8-byte
 * aligned addresses (code that runs with the MMU off has strict alignment);
 * other copies go a byte at a time until both sides are aligned, or all the
 * way if they never will be.
 */
	.text

/* void *memcpy(void *dst, const void *src, size_t n) */
	.global	memcpy
	.type	memcpy, %function
	.balign	16
memcpy:
	mov	x3, x0				/* x3: the next byte to store; x0 is returned */
	orr	x4, x0, x1
	tst	x4, #7
	b.ne	.Lcpy_unaligned
.Lcpy_words:
	subs	x2, x2, #32			/* from here the low 5 bits of x2 are those of n */
	b.lo	.Lcpy_tail
.Lcpy_32:
	ldp	x4, x5, [x1]
	ldp	x6, x7, [x1, #16]
	add	x1, x1, #32
	subs	x2, x2, #32
	stp	x4, x5, [x3]
	stp	x6, x7, [x3, #16]
	add	x3, x3, #32
	b.hs	.Lcpy_32
.Lcpy_tail:
	tbz	x2, #4, 1f
	ldp	x4, x5, [x1], #16
	stp	x4, x5, [x3], #16
1:	tbz	x2, #3, 2f
	ldr	x4, [x1], #8
	str	x4, [x3], #8
2:	ands	x2, x2, #7
	b.eq	4f
3:	ldrb	w4, [x1], #1
	subs	x2, x2, #1
	strb	w4, [x3], #1
	b.ne	3b
4:	ret
.Lcpy_unaligned:
	cbz	x2, 4b
	eor	x4, x0, x1
	tst	x4, #7
	b.ne	3b				/* never both aligned: bytes */
5:	ldrb	w4, [x1], #1			/* the same misalignment: bytes up to a word */
	subs	x2, x2, #1
	strb	w4, [x3], #1
	b.eq	4b
	tst	x3, #7
	b.ne	5b
	b	.Lcpy_words
	.size	memcpy, . - memcpy

/* void *memset(void *dst, int c, size_t n) */
	.global	memset
	.type	memset, %function
	.balign	16
memset:
	mov	x3, x0
	and	x1, x1, #0xff
	mov	x4, #0x0101010101010101
	mul	x1, x1, x4			/* the byte in every lane */
	tst	x3, #7
	b.eq	.Lset_words
6:	cbz	x2, 9f				/* bytes up to a word */
	strb	w1, [x3], #1
	sub	x2, x2, #1
	tst	x3, #7
	b.ne	6b
.Lset_words:
	subs	x2, x2, #32
	b.lo	.Lset_tail
.Lset_32:
	stp	x1, x1, [x3]
	stp	x1, x1, [x3, #16]
	add	x3, x3, #32
	subs	x2, x2, #32
	b.hs	.Lset_32
.Lset_tail:
	tbz	x2, #4, 7f
	stp	x1, x1, [x3], #16
7:	tbz	x2, #3, 8f
	str	x1, [x3], #8
8:	ands	x2, x2, #7
	b.eq	9f
10:	strb	w1, [x3], #1
	subs	x2, x2, #1
	b.ne	10b
9:	ret
	.size	memset, . - memset
