/* Console output on UART0, shared by every host CPU. */
#include <stdarg.h>
#include <stddef.h>

#include <lib/format.h>
#include <lib/pl011.h>

#include "host.h"

static void console_putc(char c, void *ctx)
{
	(void)ctx;
	if (c == '\n')
		pl011_putc(HOST_UART_BASE, '\r');
	pl011_putc(HOST_UART_BASE, c);
}

void host_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	format_vprint(console_putc, NULL, fmt, ap);
	va_end(ap);
}
