/*
 * snprintf and vsnprintf on lib/format.c for freestanding code that is also
 * built for hosted C (libatoll-realm.a, mbedTLS): output truncated to the
 * buffer, always NUL-terminated, the untruncated length returned.
 */
#include <stddef.h>
#include <stdio.h>

#include <lib/format.h>

struct buffer {
	char *p;
	size_t cap;
	size_t len;
};

static void put(char c, void *ctx)
{
	struct buffer *b = ctx;

	if (b->len + 1U < b->cap)
		b->p[b->len] = c;
	b->len++;
}

int vsnprintf(char *restrict out, size_t cap, const char *restrict fmt, va_list ap)
{
	struct buffer b = { out, cap, 0 };
	int n = format_vprint(put, &b, fmt, ap);

	if (cap != 0U)
		out[b.len < cap ? b.len : cap - 1U] = '\0';
	return n;
}

int snprintf(char *restrict out, size_t cap, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	return n;
}
