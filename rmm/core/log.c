#include <rmm/log.h>

#include <stdarg.h>

#include <lib/format.h>
#include <rmm/arch.h>
#include <rmm/spinlock.h>

static spinlock_t log_lock;

static void log_putc(char c, void *ctx)
{
	(void)ctx;
	arch_console_putc(c);
}

void rmm_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	spinlock_acquire(&log_lock);
	format_vprint(log_putc, NULL, fmt, ap);
	spinlock_release(&log_lock);
	va_end(ap);
}
