/* Lower-case hex (see hex.h). */
#include "hex.h"

int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

long hex_decode(const char *s, size_t len, uint8_t *out, size_t cap)
{
	if (len % 2U != 0U || len / 2U > cap)
		return -1;
	for (size_t i = 0; i < len / 2U; i++) {
		int hi = hex_nibble(s[2U * i]), lo = hex_nibble(s[2U * i + 1U]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (long)(len / 2U);
}
