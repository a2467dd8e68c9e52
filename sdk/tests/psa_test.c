/* The PSA-shaped entry points on the default context (sim, the suite's simulated machine). */
#include <string.h>

#include <atoll/psa_attest.h>

#include "sdk_tests.h"

static void psa_token_carries_padded_challenge(void **state)
{
	uint8_t challenge[32], token[ATOLL_TOKEN_MAX], want[ATOLL_CHALLENGE_SIZE] = { 0 };
	struct atoll_claims *c;
	size_t len, size;

	(void)state;
	memset(challenge, 0x77, sizeof(challenge));
	memcpy(want, challenge, sizeof(challenge));
	assert_int_equal(psa_initial_attest_get_token_size(32, &size), PSA_SUCCESS);
	assert_int_equal(psa_initial_attest_get_token(challenge, sizeof(challenge), token,
						      sizeof(token), &len), PSA_SUCCESS);
	assert_int_equal(len, size);
	assert_int_equal(atoll_token_parse(sdk_ctx, token, len, &c), ATOLL_OK);
	assert_memory_equal(atoll_claims_challenge(c), want, sizeof(want));
	atoll_claims_free(c);
}

static void psa_errors(void **state)
{
	uint8_t challenge[64] = { 0 }, token[16];
	size_t len = 0, size;

	(void)state;
	assert_int_equal(psa_initial_attest_get_token(challenge, 20, token, sizeof(token), &len),
			 PSA_ERROR_INVALID_ARGUMENT);
	assert_non_null(strstr(atoll_psa_error(), "32, 48 or 64"));
	assert_int_equal(psa_initial_attest_get_token(challenge, 64, token, sizeof(token), &len),
			 PSA_ERROR_BUFFER_TOO_SMALL);
	assert_int_equal(psa_initial_attest_get_token_size(64, &size), PSA_SUCCESS);
	assert_int_equal(len, size);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(psa_token_carries_padded_challenge),
	cmocka_unit_test(psa_errors),
};

TEST_GROUP(sdk_psa_group, tests, sdk_sim_setup);
