/*
 * atoll_seal / atoll_unseal on the sim backend: round trips for each key
 * policy, and every single-byte change of a blob refused with a clear
 * error and no plaintext written.
 */
#include <string.h>

#include "sdk_tests.h"

#define DATA	"model weights, or anything else the realm keeps across runs"

static void seal_round_trip_each_policy(void **state)
{
	static const struct { atoll_key_policy kp; unsigned int flags; } cases[] = {
		{ ATOLL_KEY_VHUK_A, 0 }, { ATOLL_KEY_VHUK_A, ATOLL_SEAL_RIM_BOUND },
		{ ATOLL_KEY_VHUK_M, 0 }, { ATOLL_KEY_VHUK_M, ATOLL_SEAL_RIM_BOUND },
	};
	uint8_t blob[256], out[256], first[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t blob_len, len;

		assert_int_equal(atoll_seal(sdk_ctx, cases[i].kp, cases[i].flags, 7,
					    (const uint8_t *)DATA, sizeof(DATA), blob, sizeof(blob),
					    &blob_len), ATOLL_OK);
		assert_int_equal(blob_len, sizeof(DATA) + ATOLL_SEAL_OVERHEAD);
		assert_memory_equal(blob, "ATSB\x01", 5);
		assert_int_equal(blob[5], cases[i].kp);
		assert_int_equal(blob[6], cases[i].flags);
		/* The ciphertext is not the plaintext. */
		assert_memory_not_equal(blob + 32, DATA, sizeof(DATA));
		assert_int_equal(atoll_unseal(sdk_ctx, blob, blob_len, out, sizeof(out), &len),
				 ATOLL_OK);
		assert_int_equal(len, sizeof(DATA));
		assert_memory_equal(out, DATA, sizeof(DATA));
		/* Each policy's key is another: the ciphertexts differ beyond the nonce. */
		if (i > 0U)
			assert_memory_not_equal(blob + 32, first + 32, 16);
		memcpy(first, blob, blob_len);
	}
}

static void seal_empty_and_small_buffers(void **state)
{
	uint8_t blob[ATOLL_SEAL_OVERHEAD], out[1];
	size_t blob_len, len;

	(void)state;
	assert_int_equal(atoll_seal(sdk_ctx, ATOLL_KEY_VHUK_A, 0, 0, NULL, 0, blob, sizeof(blob),
				    &blob_len), ATOLL_OK);
	assert_int_equal(atoll_unseal(sdk_ctx, blob, blob_len, out, 0, &len), ATOLL_OK);
	assert_int_equal(len, 0);
	assert_int_equal(atoll_seal(sdk_ctx, ATOLL_KEY_VHUK_A, 0, 0, (const uint8_t *)"x", 1, blob,
				    sizeof(blob), &blob_len), ATOLL_E_BUFFER_TOO_SMALL);
	assert_int_equal(blob_len, ATOLL_SEAL_OVERHEAD + 1U);
	assert_int_equal(atoll_seal(sdk_ctx, 3, 0, 0, NULL, 0, blob, sizeof(blob), &blob_len),
			 ATOLL_E_INVALID_ARG);
	assert_int_equal(atoll_seal(sdk_ctx, ATOLL_KEY_VHUK_A, 4, 0, NULL, 0, blob, sizeof(blob),
				    &blob_len), ATOLL_E_INVALID_ARG);
}

/* Every byte of a blob flipped (each bit pattern 0x01 and 0x80): refused, nothing written. */
static void seal_every_single_byte_tamper_refused(void **state)
{
	uint8_t blob[256], t[256], out[256];
	size_t blob_len, len;

	(void)state;
	assert_int_equal(atoll_seal(sdk_ctx, ATOLL_KEY_VHUK_M, ATOLL_SEAL_RIM_BOUND, 3,
				    (const uint8_t *)DATA, sizeof(DATA), blob, sizeof(blob),
				    &blob_len), ATOLL_OK);
	for (size_t at = 0; at < blob_len; at++) {
		for (unsigned int mask = 0x01; mask <= 0x80; mask <<= 7) {
			atoll_status st, want;

			memcpy(t, blob, blob_len);
			t[at] ^= (uint8_t)mask;
			memset(out, 0xEE, sizeof(out));
			st = atoll_unseal(sdk_ctx, t, blob_len, out, sizeof(out), &len);
			want = at < 4U || (at >= 5U && at < 8U) || (at >= 28U && at < 32U)
				       ? ATOLL_E_BLOB_FORMAT
				       : at == 4U ? ATOLL_E_BLOB_VERSION : ATOLL_E_BLOB_AUTH;
			if (at == 6U && t[6] == 0U)
				want = ATOLL_E_BLOB_AUTH;	/* RIM flag cleared: another key */
			if (st != want)
				fail_msg("byte %zu ^ %#x: %s (%s)", at, mask, atoll_strerror(st),
					 atoll_error_detail(sdk_ctx));
			assert_true(atoll_error_detail(sdk_ctx)[0] != '\0');
			for (size_t i = 0; i < sizeof(out); i++)
				assert_int_equal(out[i], 0xEE);
		}
	}
	/* Cut by one byte or extended by one: the length no longer matches. */
	assert_int_equal(atoll_unseal(sdk_ctx, blob, blob_len - 1U, out, sizeof(out), &len),
			 ATOLL_E_BLOB_FORMAT);
	assert_int_equal(atoll_unseal(sdk_ctx, blob, blob_len, out, sizeof(out), &len), ATOLL_OK);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(seal_round_trip_each_policy),
	cmocka_unit_test(seal_empty_and_small_buffers),
	cmocka_unit_test(seal_every_single_byte_tamper_refused),
};

TEST_GROUP(sdk_seal_group, tests, sdk_sim_setup);
