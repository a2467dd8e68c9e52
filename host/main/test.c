/* Test image main: runs every registered system test, then powers off. */
#include <stdarg.h>

#include <lib/format.h>

#include "../test.h"

extern const struct host_test __start_host_tests[], __stop_host_tests[];

static int current_failed;
static char reason[256];

struct reason_buf {
	unsigned int len;
};

static void reason_putc(char c, void *ctx)
{
	struct reason_buf *b = ctx;

	if (b->len + 1U < sizeof(reason))
		reason[b->len++] = c;
	reason[b->len] = '\0';
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	struct reason_buf b = { 0 };
	va_list ap;

	if (current_failed)
		return;
	current_failed = 1;
	format_print_to(reason_putc, &b, "%s:%d: ", file, line);
	va_start(ap, fmt);
	format_vprint(reason_putc, &b, fmt, ap);
	va_end(ap);
}

int test_failed(void)
{
	return current_failed;
}

_Noreturn void host_main(void)
{
	unsigned int passed = 0, failed = 0;

	host_printf("HOST: Atoll realm host, system tests\n");
	for (const struct host_test *t = __start_host_tests; t < __stop_host_tests; t++) {
		current_failed = 0;
		t->fn();
		if (current_failed) {
			failed++;
			host_printf("FAIL %s: %s\n", t->name, reason);
		} else {
			passed++;
			host_printf("PASS %s\n", t->name);
		}
	}
	host_printf("system: %u passed, %u failed\n", passed, failed);
	psci_system_off();
}
