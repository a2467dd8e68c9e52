/*
 * The realm console: byte stores to an Unprotected IPA the host leaves
 * unmapped, so each one is an emulated MMIO write the host prints. Where
 * that IPA is depends on the IPA width, which RSI_REALM_CONFIG tells.
 */
#include <stdarg.h>
#include <stddef.h>

#include <atoll/realm_image.h>
#include <lib/format.h>

#include "realm.h"
#include "runtime.h"
#include "rsi.h"

static struct rsi_realm_config config __attribute__((aligned(4096)));
static uint64_t console_ipa;

bool realm_console_init(void)
{
	if (rsi_realm_config((uint64_t)(uintptr_t)&config) != RSI_SUCCESS)
		return false;
	console_ipa = realm_unprotected_base() + REALM_CONSOLE_OFFSET;
	return true;
}

unsigned int realm_ipa_width(void)
{
	return (unsigned int)config.ipa_width;
}

uint64_t realm_unprotected_base(void)
{
	return 1ULL << (config.ipa_width - 1U);
}

/*
 * One STRB with a plain base register: the host can only emulate an access
 * whose syndrome is valid (ISV = 1), which rules out writeback addressing.
 */
static void console_putc(char c, void *ctx)
{
	(void)ctx;
	if (console_ipa == 0U)
		return;
	__asm__ volatile("strb %w0, [%1]" : : "r"(c), "r"(console_ipa) : "memory");
}

void realm_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	format_vprint(console_putc, NULL, fmt, ap);
	va_end(ap);
}
