/*
 * libatoll in a bare-metal realm (libatoll-realm.a, the rsi backend), run by
 * the system test sdk_realm_test.c: a token for our challenge that verifies
 * (verify/: the realm token's signature under the RAK it carries, the
 * platform binding) and carries this realm's RIM; a REM extended through
 * the SDK as RSI_MEASUREMENT_EXTEND computes it; data sealed and unsealed,
 * a changed blob refused with the caller's buffer untouched; no heap left
 * in use afterwards.
 */
#include <stddef.h>
#include <string.h>

#include <atoll/atoll.h>
#include <mbedtls/sha256.h>

#include "heap.h"
#include "rsi.h"
#include "test.h"
#include "verify/cca_verify.h"

static _Alignas(16) uint8_t heap_mem[256 * 1024];
static struct atoll_ctx *ctx;
static uint8_t token[8192];

static void words_to_bytes(uint8_t *out, const uint64_t w[RSI_VALUE_WORDS])
{
	for (unsigned int i = 0; i < 8U * RSI_VALUE_WORDS; i++)
		out[i] = (uint8_t)(w[i / 8U] >> (8U * (i % 8U)));
}

TEST(sdk_opens_the_rsi_backend_only)
{
	struct atoll_ctx *other = NULL;

	realm_heap_init(heap_mem, sizeof(heap_mem));
	CHECK_EQ(atoll_open(&ctx, "rsi", NULL), ATOLL_OK);
	CHECK(ctx != NULL && strcmp(atoll_backend(ctx), "rsi") == 0);
	CHECK_EQ(atoll_open(&other, "sim", NULL), ATOLL_E_INVALID_ARG);
	CHECK(other == NULL);
	CHECK(strcmp(atoll_open_error(), "unknown backend \"sim\" (this build has: rsi, none)") == 0);
}

TEST(sdk_token_verifies_with_our_challenge_and_rim)
{
	uint8_t challenge[ATOLL_CHALLENGE_SIZE], rim[64];
	uint64_t rim_words[RSI_VALUE_WORDS];
	struct cca_claims claims;
	size_t len = 0, small_len = 0;

	for (unsigned int i = 0; i < sizeof(challenge); i++)
		challenge[i] = (uint8_t)(0xA0U + i);
	CHECK_EQ(atoll_attest(ctx, challenge, token, sizeof(token), &len), ATOLL_OK);
	realm_printf("sdk: token %lu bytes\n", (unsigned long)len);
	CHECK_EQ(cca_verify(token, len, &claims), CCA_VERIFY_OK);
	CHECK(memcmp(claims.challenge, challenge, sizeof(challenge)) == 0);
	CHECK_EQ(rsi_measurement_read(0, rim_words), RSI_SUCCESS);
	words_to_bytes(rim, rim_words);
	CHECK_EQ(claims.digest_len, 32);
	CHECK(memcmp(claims.rim, rim, claims.digest_len) == 0);
	/* Too small a buffer: the size needed, and the buffer left alone. */
	memset(token, 0x5A, 16);
	CHECK_EQ(atoll_attest(ctx, challenge, token, 16, &small_len), ATOLL_E_BUFFER_TOO_SMALL);
	CHECK_EQ(small_len, len);
	CHECK_EQ(token[0], 0x5A);
}

TEST(sdk_extend_rem_is_rsi_measurement_extend)
{
	static const uint8_t data[] = "model sha-256 would go here";
	uint8_t expect[32], got[64], prev[64];
	uint64_t w[RSI_VALUE_WORDS];
	mbedtls_sha256_context sha;

	CHECK_EQ(rsi_measurement_read(3, w), RSI_SUCCESS);
	words_to_bytes(prev, w);
	CHECK_EQ(atoll_extend_rem(ctx, 3, data, sizeof(data) - 1U), ATOLL_OK);
	/* REM = SHA-256(REM || data) for a SHA-256 realm. */
	mbedtls_sha256_init(&sha);
	CHECK_EQ(mbedtls_sha256_starts(&sha, 0), 0);
	CHECK_EQ(mbedtls_sha256_update(&sha, prev, 32), 0);
	CHECK_EQ(mbedtls_sha256_update(&sha, data, sizeof(data) - 1U), 0);
	CHECK_EQ(mbedtls_sha256_finish(&sha, expect), 0);
	mbedtls_sha256_free(&sha);
	CHECK_EQ(rsi_measurement_read(3, w), RSI_SUCCESS);
	words_to_bytes(got, w);
	CHECK(memcmp(got, expect, sizeof(expect)) == 0);
	CHECK_EQ(atoll_extend_rem(ctx, 5, data, 4), ATOLL_E_INVALID_ARG);
}

/* Seal, unseal, then a flipped ciphertext byte: refused, output untouched. */
static void seal_round_trip(atoll_key_policy policy, unsigned int flags)
{
	static uint8_t data[3000], blob[3000 + ATOLL_SEAL_OVERHEAD], out[3000];
	size_t blob_len = 0, len = 0;

	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7U + policy);
	CHECK_EQ(atoll_seal(ctx, policy, flags, 3, data, sizeof(data), blob, sizeof(blob),
			    &blob_len), ATOLL_OK);
	CHECK_EQ(blob_len, sizeof(blob));
	CHECK(memcmp(blob + 32, data, 64) != 0);
	CHECK_EQ(atoll_unseal(ctx, blob, blob_len, out, sizeof(out), &len), ATOLL_OK);
	CHECK_EQ(len, sizeof(data));
	CHECK(memcmp(out, data, sizeof(data)) == 0);
	blob[100] ^= 1U;
	memset(out, 0xEE, sizeof(out));
	CHECK_EQ(atoll_unseal(ctx, blob, blob_len, out, sizeof(out), &len), ATOLL_E_BLOB_AUTH);
	CHECK_EQ(out[0], 0xEE);
	CHECK_EQ(out[sizeof(out) - 1U], 0xEE);
}

TEST(sdk_seal_unseal_through_the_sealing_key_call)
{
	uint8_t key[RSI_SEALING_KEY_SIZE];
	uint8_t blob[ATOLL_SEAL_OVERHEAD + 4];
	size_t blob_len;

	if (rsi_atoll_sealing_key(0, 0, key) == RSI_ERROR_UNKNOWN) {
		realm_printf("sdk: no sealing keys on this platform (no HES)\n");
		CHECK_EQ(atoll_seal(ctx, ATOLL_KEY_VHUK_M, 0, 0, (const uint8_t *)"abcd", 4, blob,
				    sizeof(blob), &blob_len), ATOLL_E_UNSUPPORTED);
		return;
	}
	seal_round_trip(ATOLL_KEY_VHUK_M, ATOLL_SEAL_RIM_BOUND);
	seal_round_trip(ATOLL_KEY_VHUK_A, 0);
}

TEST(sdk_close_leaves_no_heap_in_use)
{
	atoll_close(ctx);
	realm_printf("sdk: heap peak %lu bytes\n", (unsigned long)realm_heap_peak());
	CHECK_EQ(realm_heap_used(), 0);
	CHECK(realm_heap_peak() > 0U);
}

void realm_main(void)
{
	(void)realm_run_tests();
}
