/* The C library string functions freestanding code (and GCC's code generation) needs. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 32 bytes a step once aligned: the compiler turns these into paired stores. */
static void store_words(uint64_t *d, uint64_t w, size_t words)
{
	for (; words >= 4U; words -= 4U, d += 4) {
		d[0] = w;
		d[1] = w;
		d[2] = w;
		d[3] = w;
	}
	while (words-- > 0U)
		*d++ = w;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	/* Word stores once aligned: the RMM clears large tables and buffers. */
	while (n > 0U && ((uintptr_t)d & 7U) != 0U) {
		*d++ = (uint8_t)c;
		n--;
	}
	store_words((uint64_t *)(void *)d, (uint8_t)c * 0x0101010101010101ULL, n / 8U);
	d += n & ~(size_t)7U;
	for (n &= 7U; n > 0U; n--)
		*d++ = (uint8_t)c;
	return dst;
}

static void copy_words(uint64_t *restrict d, const uint64_t *restrict s, size_t words)
{
	for (; words >= 4U; words -= 4U, d += 4, s += 4) {
		d[0] = s[0];
		d[1] = s[1];
		d[2] = s[2];
		d[3] = s[3];
	}
	while (words-- > 0U)
		*d++ = *s++;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	/* Word copies when both sides share an alignment (strict alignment: MMU-off code). */
	if ((((uintptr_t)d ^ (uintptr_t)s) & 7U) == 0U) {
		while (n > 0U && ((uintptr_t)d & 7U) != 0U) {
			*d++ = *s++;
			n--;
		}
		copy_words((uint64_t *)(void *)d, (const uint64_t *)(const void *)s, n / 8U);
		d += n & ~(size_t)7U;
		s += n & ~(size_t)7U;
		n &= 7U;
	}
	while (n-- > 0U)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n-- > 0U)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (size_t i = 0; i < n; i++) {
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	}
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
		if (a[i] == '\0')
			return 0;
	}
	return 0;
}

/* GCC's builtin strncmp may become strcmp when one side is a short literal. */
int strcmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		if (*a == '\0')
			return 0;
	}
}
