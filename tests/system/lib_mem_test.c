/*
 * System test of lib/mem.S, the memcpy and memset every freestanding image
 * links: every length up to 140 at every pair of alignments, against a byte
 * loop, with the bytes around the destination checked untouched.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "test.h"

#define MEM_MAX_LEN	140U
#define MEM_GUARD	16U
#define MEM_FILL	0xEEU

static uint8_t mem_src[MEM_MAX_LEN + 16U];
static _Alignas(16) uint8_t mem_dst[MEM_GUARD + 16U + MEM_MAX_LEN + MEM_GUARD];

/* Called through these, so the compiler cannot inline or elide them. */
static void *(*volatile copy_fn)(void *, const void *, size_t) = memcpy;
static void *(*volatile set_fn)(void *, int, size_t) = memset;

/* Only [off, off + n) may differ from MEM_FILL, and there it must be want(i). */
static int dst_wrong(size_t off, size_t n, const uint8_t *want, int c)
{
	for (size_t i = 0; i < sizeof(mem_dst); i++) {
		uint8_t expect = MEM_FILL;

		if (i >= off && i < off + n)
			expect = want != NULL ? want[i - off] : (uint8_t)c;
		if (mem_dst[i] != expect)
			return 1;
	}
	return 0;
}

static void dst_fill(void)
{
	for (size_t i = 0; i < sizeof(mem_dst); i++)
		mem_dst[i] = MEM_FILL;
}

TEST(lib_memcpy_every_length_and_alignment)
{
	for (size_t i = 0; i < sizeof(mem_src); i++)
		mem_src[i] = (uint8_t)(7U * i + 1U);
	for (size_t so = 0; so < 16U; so++)
		for (size_t d = 0; d < 16U; d++)
			for (size_t n = 0; n <= MEM_MAX_LEN; n++) {
				size_t off = MEM_GUARD + d;

				dst_fill();
				CHECK(copy_fn(mem_dst + off, mem_src + so, n) == mem_dst + off);
				if (dst_wrong(off, n, mem_src + so, 0)) {
					test_fail(__FILE__, __LINE__, "memcpy src+%lu dst+%lu len %lu",
						  (unsigned long)so, (unsigned long)d, (unsigned long)n);
					return;
				}
			}
}

TEST(lib_memset_every_length_and_alignment)
{
	for (size_t d = 0; d < 16U; d++)
		for (size_t n = 0; n <= MEM_MAX_LEN; n++) {
			size_t off = MEM_GUARD + d;

			dst_fill();
			/* Only the low byte of c counts. */
			CHECK(set_fn(mem_dst + off, 0x1A5, n) == mem_dst + off);
			if (dst_wrong(off, n, NULL, 0xA5)) {
				test_fail(__FILE__, __LINE__, "memset dst+%lu len %lu",
					  (unsigned long)d, (unsigned long)n);
				return;
			}
		}
}
