#include <lib/format.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct out {
	format_putc_fn putc;
	void *ctx;
	int count;
};

static void emit(struct out *o, char c)
{
	o->putc(c, o->ctx);
	o->count++;
}

static void emit_number(struct out *o, uint64_t v, unsigned int base, bool upper, bool negative,
			unsigned int width, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	unsigned int n = 0;

	do {
		buf[n++] = digits[v % base];
		v /= base;
	} while (v != 0U);
	if (negative && pad == '0')
		emit(o, '-');
	while (width > n + (negative ? 1U : 0U)) {
		emit(o, pad);
		width--;
	}
	if (negative && pad != '0')
		emit(o, '-');
	while (n > 0U)
		emit(o, buf[--n]);
}

/* Reads an integer argument of the size the length modifier says. */
static uint64_t next_arg(va_list *ap, int longs, bool is_signed)
{
	if (longs > 0)
		return is_signed ? (uint64_t)va_arg(*ap, long) : va_arg(*ap, unsigned long);
	return is_signed ? (uint64_t)(int64_t)va_arg(*ap, int) : va_arg(*ap, unsigned int);
}

int format_vprint(format_putc_fn putc, void *ctx, const char *fmt, va_list ap_in)
{
	struct out o = { putc, ctx, 0 };
	va_list ap;

	va_copy(ap, ap_in);
	for (; *fmt != '\0'; fmt++) {
		unsigned int width = 0;
		bool left = false;
		char pad = ' ';
		int longs = 0;

		if (*fmt != '%') {
			emit(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '-') {
			left = true;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10U + (unsigned int)(*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			emit(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			unsigned int len = 0;

			if (s == NULL)
				s = "(null)";
			while (s[len] != '\0')
				len++;
			while (!left && width > len) {
				emit(&o, ' ');
				width--;
			}
			while (*s != '\0')
				emit(&o, *s++);
			while (left && width > len) {
				emit(&o, ' ');
				width--;
			}
			break;
		}
		case 'd':
		case 'i': {
			int64_t v = (int64_t)next_arg(&ap, longs, true);

			emit_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, false, v < 0, width, pad);
			break;
		}
		case 'u':
			emit_number(&o, next_arg(&ap, longs, false), 10, false, false, width, pad);
			break;
		case 'x':
		case 'X':
			emit_number(&o, next_arg(&ap, longs, false), 16, *fmt == 'X', false, width, pad);
			break;
		case 'p':
			emit(&o, '0');
			emit(&o, 'x');
			emit_number(&o, (uint64_t)(uintptr_t)va_arg(ap, void *), 16, false, false, width, pad);
			break;
		case '%':
			emit(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			emit(&o, '%');
			emit(&o, *fmt);
			break;
		}
	}
	va_end(ap);
	return o.count;
}

int format_print_to(format_putc_fn putc, void *ctx, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = format_vprint(putc, ctx, fmt, ap);
	va_end(ap);
	return n;
}
