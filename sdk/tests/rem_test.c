/*
 * REMs: a realm that extended a REM is refused until the policy allows
 * that REM. Last in the suite: the sim realm's REMs stay extended.
 */
#include <string.h>

#include "sdk_tests.h"

#define SEED	0x52

static void rem_extended_is_refused_until_allowed(void **state)
{
	static const uint8_t model[] = "sha-256 of a model, say";
	uint8_t token[ATOLL_TOKEN_MAX];
	struct atoll_claims *c;
	struct atoll_policy *p;
	uint8_t rem[32];
	size_t len;

	(void)state;
	assert_int_equal(atoll_extend_rem(sdk_ctx, 2, model, sizeof(model)), ATOLL_OK);
	len = sdk_token(SEED, token);
	assert_int_equal(atoll_token_parse(sdk_ctx, token, len, &c), ATOLL_OK);
	memcpy(rem, atoll_claims_rem(c, 1), sizeof(rem));	/* REM index 2 is rem[1] */
	for (unsigned int i = 0; i < 4U; i++) {
		static const uint8_t zero[32];

		if (i == 1U)
			assert_memory_not_equal(atoll_claims_rem(c, i), zero, 32);
		else
			assert_memory_equal(atoll_claims_rem(c, i), zero, 32);
	}
	atoll_claims_free(c);
	p = sdk_policy(SEED);
	assert_int_equal(atoll_verify(sdk_ctx, token, len, p, &c), ATOLL_E_REM_NOT_ALLOWED);
	assert_non_null(strstr(atoll_error_detail(sdk_ctx), "REM1"));
	assert_int_equal(atoll_policy_allow_rem(p, rem, sizeof(rem)), ATOLL_OK);
	assert_int_equal(atoll_verify(sdk_ctx, token, len, p, &c), ATOLL_OK);
	atoll_claims_free(c);
	atoll_policy_free(p);
	assert_int_equal(atoll_extend_rem(sdk_ctx, 0, model, 1), ATOLL_E_INVALID_ARG);
	assert_int_equal(atoll_extend_rem(sdk_ctx, 5, model, 1), ATOLL_E_INVALID_ARG);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(rem_extended_is_refused_until_allowed),
};

TEST_GROUP(sdk_rem_group, tests, sdk_sim_setup);
