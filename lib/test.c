/* The test runner behind lib/test.h: one test at a time, first failure kept. */
#include <lib/test.h>

#include <stdarg.h>

#include <lib/format.h>

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

struct test_totals test_run_all(const struct test_case *first, const struct test_case *last,
				const char *suite, test_print_fn print)
{
	struct test_totals t = { 0, 0 };

	for (const struct test_case *c = first; c < last; c++) {
		current_failed = 0;
		c->fn();
		if (current_failed) {
			t.failed++;
			print("FAIL %s: %s\n", c->name, reason);
		} else {
			t.passed++;
			print("PASS %s\n", c->name);
		}
	}
	print("%s: %u passed, %u failed\n", suite, t.passed, t.failed);
	return t;
}
