/*
 * rsi_tests: Atoll's sealing-key call (docs/sealing.md). On a platform
 * without sealing keys (stock QEMU/TF-A, no HES) every valid call answers
 * ERROR_UNKNOWN with x1..x4 zero and the realm goes on; with an HES the keys
 * are checked for what a realm can see: stable, and different per input.
 */
#include <stdbool.h>
#include <string.h>

#include <mbedtls/sha256.h>

#include "rsi.h"
#include "test.h"

#define M	RSI_SEALING_KEY_VHUK_M
#define RIM	RSI_SEALING_KEY_RIM

/* The raw call: x1 flags, x2 svn, garbage in x3..x5; regs gets x0..x8. */
static void sealing_smc(uint64_t regs[REALM_SMC_REGS], uint64_t flags)
{
	const uint64_t in[REALM_SMC_REGS] = { RSI_ATOLL_SEALING_KEY, flags, 0x22, 0x33, 0x44, 0x55 };

	memcpy(regs, in, sizeof(in));
	realm_smc(regs);
}

static bool key_is_zero(const uint64_t regs[REALM_SMC_REGS])
{
	return (regs[1] | regs[2] | regs[3] | regs[4]) == 0U;
}

/* Whether this platform gives sealing keys; the first answer decides for the rest. */
static bool sealing_available(void)
{
	static int known = -1;
	uint8_t key[RSI_SEALING_KEY_SIZE];

	if (known < 0) {
		uint64_t status = rsi_atoll_sealing_key(0, 0, key);

		known = status == RSI_SUCCESS;
		realm_printf("sealing keys %s (status %lu)\n",
			     known ? "available" : "not available", (unsigned long)status);
	}
	return known != 0;
}

TEST(sealing_key_reserved_flags_input)
{
	const uint64_t bad[] = { 1ULL << 2, 1ULL << 3, (1ULL << 63) | M | RIM };

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint64_t r[REALM_SMC_REGS];

		sealing_smc(r, bad[i]);
		CHECK_EQ(r[0], RSI_ERROR_INPUT);
		CHECK(key_is_zero(r));
		CHECK_EQ(r[5], 0x55);
	}
}

/* Without keys: ERROR_UNKNOWN (the documented "not available"), no key bytes. */
TEST(sealing_key_unavailable_is_error_unknown)
{
	if (sealing_available())
		return;
	for (uint64_t flags = 0; flags <= (M | RIM); flags++) {
		uint64_t r[REALM_SMC_REGS];

		sealing_smc(r, flags);
		CHECK_EQ(r[0], RSI_ERROR_UNKNOWN);
		CHECK(key_is_zero(r));
	}
}

/* The realm's FP/SIMD registers survive the call (the RMM's SHA code uses them). */
TEST(sealing_key_preserves_fp_registers)
{
	for (uint64_t flags = 0; flags <= (M | RIM); flags++) {
		uint64_t seed = 0x5EA1000000000000ULL | flags << 8, r[REALM_SMC_REGS];

		realm_fp_fill(seed);
		sealing_smc(r, flags);
		CHECK_EQ(realm_fp_check(seed), 0);
		CHECK_EQ(r[0], sealing_available() ? RSI_SUCCESS : RSI_ERROR_UNKNOWN);
	}
}

/* With keys: the same inputs give the same key, each input changes it. */
TEST(sealing_key_stable_and_input_bound)
{
	uint8_t keys[4][RSI_SEALING_KEY_SIZE], again[RSI_SEALING_KEY_SIZE], svn1[RSI_SEALING_KEY_SIZE];

	if (!sealing_available())
		return;
	for (uint64_t flags = 0; flags <= (M | RIM); flags++) {
		CHECK_EQ(rsi_atoll_sealing_key(flags, 0, keys[flags]), RSI_SUCCESS);
		CHECK_EQ(rsi_atoll_sealing_key(flags, 0, again), RSI_SUCCESS);
		CHECK(memcmp(keys[flags], again, sizeof(again)) == 0);
		CHECK_EQ(rsi_atoll_sealing_key(flags, 1, svn1), RSI_SUCCESS);
		CHECK(memcmp(keys[flags], svn1, sizeof(svn1)) != 0);
	}
	for (unsigned int i = 0; i < 4U; i++)
		for (unsigned int j = i + 1U; j < 4U; j++)
			CHECK(memcmp(keys[i], keys[j], sizeof(keys[i])) != 0);
	/* For comparing boots by eye: 8 bytes of SHA-256 of each key, never the key. */
	for (unsigned int i = 0; i < 4U; i++) {
		uint8_t h[32];

		(void)mbedtls_sha256(keys[i], sizeof(keys[i]), h, 0);
		realm_printf("sealing key %s%s: SHA-256 %02x%02x%02x%02x%02x%02x%02x%02x...\n",
			     (i & M) != 0U ? "VHUK_M" : "VHUK_A", (i & RIM) != 0U ? "+RIM" : "",
			     h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]);
	}
}
