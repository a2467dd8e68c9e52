/*
 * A small printf for freestanding code (RMM, realm host, realm payloads).
 * Supports %c %s %d %i %u %x %X %p with l/ll/z modifiers, '0' and '-' (strings only) flags
 * and width.
 */
#pragma once

#include <stdarg.h>

typedef void (*format_putc_fn)(char c, void *ctx);

int format_vprint(format_putc_fn putc, void *ctx, const char *fmt, va_list ap);

__attribute__((format(printf, 3, 4))) int format_print_to(format_putc_fn putc, void *ctx,
							const char *fmt, ...);
