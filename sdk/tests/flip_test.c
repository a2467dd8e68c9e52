/*
 * Every single-byte change of a sim token (each position, its low bit at
 * even positions and its high bit at odd ones) makes atoll_verify fail:
 * signatures, claims, headers and CBOR heads alike.
 */
#include <stdio.h>
#include <string.h>

#include "sdk_tests.h"

#define SEED	0x66

static void verify_refuses_every_flipped_byte(void **state)
{
	static uint8_t token[ATOLL_TOKEN_MAX], t[ATOLL_TOKEN_MAX];
	struct atoll_policy *p = sdk_policy(SEED);
	struct atoll_claims *c;
	size_t len = sdk_token(SEED, token), accepted = 0;

	(void)state;
	assert_int_equal(atoll_verify(sdk_ctx, token, len, p, &c), ATOLL_OK);
	atoll_claims_free(c);
	for (size_t at = 0; at < len; at++) {
		unsigned int mask = at % 2U == 0U ? 0x01U : 0x80U;

		memcpy(t, token, len);
		t[at] ^= (uint8_t)mask;
		if (atoll_verify(sdk_ctx, t, len, p, &c) == ATOLL_OK) {
			fprintf(stderr, "byte %zu ^ %#x verified\n", at, mask);
			atoll_claims_free(c);
			accepted++;
		}
	}
	atoll_policy_free(p);
	assert_int_equal(accepted, 0);
	assert_true(len > 1000U);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(verify_refuses_every_flipped_byte),
};

TEST_GROUP(sdk_flip_group, tests, sdk_sim_setup);
