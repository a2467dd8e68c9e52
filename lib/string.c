/* The C library string functions freestanding code (and GCC's code generation) needs. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	/* Word stores once aligned: the RMM clears large tables at boot. */
	while (n > 0U && ((uintptr_t)d & 7U) != 0U) {
		*d++ = (uint8_t)c;
		n--;
	}
	if (n >= 8U) {
		uint64_t w = (uint8_t)c * 0x0101010101010101ULL;

		for (; n >= 8U; n -= 8U, d += 8)
			*(uint64_t *)(void *)d = w;
	}
	while (n-- > 0U)
		*d++ = (uint8_t)c;
	return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 7U) == 0U) {
		for (; n >= 8U; n -= 8U, d += 8, s += 8)
			*(uint64_t *)(void *)d = *(const uint64_t *)(const void *)s;
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
