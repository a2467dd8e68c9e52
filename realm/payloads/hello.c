/*
 * The hello realm: shows what a realm can learn about itself. It prints its
 * measurements, extends REM0 and reads it back, gets an attestation token
 * and hands it to the host through a shared page (REALM_HC_TOKEN), then
 * switches itself off.
 */
#include <stddef.h>

#include <atoll/realm_image.h>

#include "realm.h"
#include "rsi.h"

#define TOKEN_PAGES	2U	/* the RMM's bound is 4096 bytes; one page to spare */

/* 64-bit words: it is copied to the shared page a word at a time. */
static uint64_t token[TOKEN_PAGES * 4096U / 8U] __attribute__((aligned(4096)));

static const char *const slot_names[RSI_MEASUREMENT_SLOTS] = { "RIM ", "REM0", "REM1", "REM2",
							       "REM3" };

/* The first 32 bytes of a measurement (all of a SHA-256 digest), in hex. */
static void print_measurement(const char *name, const uint64_t v[RSI_VALUE_WORDS])
{
	realm_printf("%s ", name);
	for (unsigned int i = 0; i < 4U; i++) {
		for (unsigned int b = 0; b < 8U; b++)
			realm_printf("%02lx", (v[i] >> (8U * b)) & 0xFFU);
	}
	realm_printf("\n");
}

static void show_measurements(void)
{
	uint64_t v[RSI_VALUE_WORDS];

	for (unsigned int slot = 0; slot < RSI_MEASUREMENT_SLOTS; slot++) {
		if (rsi_measurement_read(slot, v) == RSI_SUCCESS)
			print_measurement(slot_names[slot], v);
		else
			realm_printf("MEASUREMENT_READ(%u) failed\n", slot);
	}
}

/* REM0 = H(REM0 || "hello, realm"), then read back. */
static void extend_rem0(void)
{
	static const char data[] = "hello, realm";
	uint64_t v[RSI_VALUE_WORDS] = { 0 };

	for (unsigned int i = 0; i < sizeof(data) - 1U; i++)
		v[i / 8U] |= (uint64_t)(uint8_t)data[i] << (8U * (i % 8U));
	if (rsi_measurement_extend(1, sizeof(data) - 1U, v) != RSI_SUCCESS) {
		realm_printf("MEASUREMENT_EXTEND(REM0) failed\n");
		return;
	}
	if (rsi_measurement_read(1, v) == RSI_SUCCESS)
		print_measurement("REM0 after extend:", v);
}

/* INIT, then CONTINUE page by page until SUCCESS; returns the token size or 0. */
static uint64_t get_token(void)
{
	const uint64_t challenge[RSI_VALUE_WORDS] = { 0x68656c6c6f, 1, 2, 3, 4, 5, 6, 7 };
	uint64_t max, size = 0, written, status;

	status = rsi_attest_token_init(challenge, &max);
	if (status != RSI_SUCCESS) {
		realm_printf("ATTEST_TOKEN_INIT failed: %lu%s\n", status,
			     status == RSI_ERROR_UNKNOWN ? " (attestation unavailable)" : "");
		return 0;
	}
	do {
		uint64_t page = (uint64_t)(uintptr_t)token + (size & ~4095ULL);

		if (size >= sizeof(token))
			return 0;
		status = rsi_attest_token_continue(page, size & 4095U, 4096U - (size & 4095U),
						   &written);
		size += written;
	} while (status == RSI_INCOMPLETE);
	if (status != RSI_SUCCESS) {
		realm_printf("ATTEST_TOKEN_CONTINUE failed: %lu\n", status);
		return 0;
	}
	realm_printf("attestation token: %lu bytes (bound %lu)\n", size, max);
	return size;
}

/* Copies the token to a page shared with the host, which shows its claims. */
static void give_token_to_host(uint64_t size)
{
	uint64_t shared = realm_unprotected_base() + REALM_SHARED_OFFSET, ok;

	if (size == 0U)
		return;
	if (size > 4096U || realm_host_call(REALM_HC_SHARE_PAGE, shared, 0, &ok) != RSI_SUCCESS ||
	    ok != 0U) {
		realm_printf("no shared page for the token\n");
		return;
	}
	for (uint64_t off = 0; off < size; off += 8U)
		realm_write64(shared + off, token[off / 8U]);
	(void)realm_host_call(REALM_HC_TOKEN, shared, size, NULL);
}

void realm_main(void)
{
	realm_printf("realm running, IPA width %u, MPIDR %lx\n", realm_ipa_width(),
		     realm_mpidr());
	show_measurements();
	extend_rem0();
	give_token_to_host(get_token());
	realm_printf("done\n");
}
