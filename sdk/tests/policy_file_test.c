/*
 * atoll_policy_load: policy files that hold (their refs.json's CPAK and
 * sw-components, only the RIMs they list, the hash algorithm, the lifecycle)
 * and each refused one named with its file, key and byte, the policy intact.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sdk_tests.h"

static char rim_hex[2U * ATOLL_DIGEST_MAX + 1U];	/* the sim realm's, from its refs.json */
static char policy_path[512];
/* "rems": [...] of the REMs the suite's realm has extended (rem_test runs earlier) */
static char rems_json[1024];

static int rems_of_a_token(void)
{
	uint8_t token[ATOLL_TOKEN_MAX];
	size_t len = sdk_token(7, token), at, dl;
	struct atoll_claims *c;
	const char *sep = "";

	if (atoll_token_parse(sdk_ctx, token, len, &c) != ATOLL_OK)
		return -1;
	dl = atoll_claims_digest_len(c);
	at = (size_t)snprintf(rems_json, sizeof(rems_json), "\"rems\": [");
	for (unsigned int i = 0; i < 4; i++) {
		const uint8_t *rem = atoll_claims_rem(c, i);
		bool zero = true;

		for (size_t j = 0; j < dl; j++)
			zero = zero && rem[j] == 0;
		if (zero)
			continue;
		at += (size_t)snprintf(rems_json + at, sizeof(rems_json) - at, "%s\"", sep);
		for (size_t j = 0; j < dl; j++)
			at += (size_t)snprintf(rems_json + at, sizeof(rems_json) - at, "%02x", rem[j]);
		at += (size_t)snprintf(rems_json + at, sizeof(rems_json) - at, "\"");
		sep = ", ";
	}
	snprintf(rems_json + at, sizeof(rems_json) - at, "], ");
	atoll_claims_free(c);
	return 0;
}

static int setup(void **state)
{
	struct atoll_policy *p;
	const uint8_t *rim;
	size_t len;

	if (sdk_sim_setup(state) != 0 || atoll_policy_new(&p) != ATOLL_OK ||
	    atoll_policy_load_refs(p, sdk_refs_path(), NULL) != ATOLL_OK)
		return -1;
	rim = atoll_policy_rim(p, 0, &len);
	for (size_t i = 0; i < len; i++)
		snprintf(rim_hex + 2U * i, 3, "%02x", rim[i]);
	atoll_policy_free(p);
	snprintf(policy_path, sizeof(policy_path), "%s", sdk_tmp_path("policy.json"));
	return rems_of_a_token();
}

/* Writes the policy file: refs.json by its name relative to the policy's directory. */
static void write_policy(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void write_policy(const char *fmt, ...)
{
	char json[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(json, sizeof(json), fmt, ap);
	va_end(ap);
	sdk_write_file(policy_path, json, strlen(json));
}

#define GOOD_HEAD "{ \"format\": \"atoll-policy 1\", \"refs\": \"sim-refs.json\", "

/* Verifies a fresh token (challenge seed 7) against the policy file: the status. */
static atoll_status verify_with(struct atoll_policy *p)
{
	uint8_t token[ATOLL_TOKEN_MAX], challenge[ATOLL_CHALLENGE_SIZE];
	size_t len = sdk_token(7, token);
	struct atoll_claims *c = NULL;
	atoll_status st;

	sdk_challenge(7, challenge);
	assert_int_equal(atoll_policy_set_challenge(p, challenge), ATOLL_OK);
	st = atoll_verify(sdk_ctx, token, len, p, &c);
	atoll_claims_free(c);
	return st;
}

static atoll_status load_and_verify(void)
{
	struct atoll_policy *p;
	const char *why = NULL;
	atoll_status st;

	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	st = atoll_policy_load(p, policy_path, &why);
	if (st != ATOLL_OK)
		fail_msg("refused: %s", why);
	st = verify_with(p);
	atoll_policy_free(p);
	return st;
}

static void policy_file_allows_its_rim(void **state)
{
	(void)state;
	write_policy(GOOD_HEAD "%s\"rims\": [\"%s\"], \"hash_alg\": \"sha-256\", "
		     "\"lifecycle\": [\"0x3000\", \"0x30ff\"] }", rems_json, rim_hex);
	assert_int_equal(load_and_verify(), ATOLL_OK);
}

/* refs.json's RIM is not allowed unless listed: the refusal can name the allowed one. */
static void policy_file_refuses_an_unlisted_rim(void **state)
{
	static const char other[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	struct atoll_policy *p;
	const uint8_t *rim;
	size_t len;

	(void)state;
	write_policy(GOOD_HEAD "\"rims\": [\"%s\"] }", other);
	assert_int_equal(load_and_verify(), ATOLL_E_RIM_NOT_ALLOWED);
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_load(p, policy_path, NULL), ATOLL_OK);
	assert_int_equal(atoll_policy_rim_count(p), 1);
	rim = atoll_policy_rim(p, 0, &len);
	assert_int_equal(len, 32);
	assert_int_equal(rim[0], 0x01);
	assert_int_equal(rim[31], 0xef);
	assert_null(atoll_policy_rim(p, 1, &len));
	assert_int_equal(len, 0);
	atoll_policy_free(p);
}

static void policy_file_hash_alg_and_lifecycle_apply(void **state)
{
	(void)state;
	write_policy(GOOD_HEAD "%s\"rims\": [\"%s\"], \"hash_alg\": \"sha-512\" }", rems_json,
		     rim_hex);
	assert_int_equal(load_and_verify(), ATOLL_E_HASH_ALG);
	write_policy(GOOD_HEAD "%s\"rims\": [\"%s\"], \"lifecycle\": [\"0x0\", \"0x2fff\"] }",
		     rems_json, rim_hex);
	assert_int_equal(load_and_verify(), ATOLL_E_LIFECYCLE);
}

/*
 * The policy file as written is refused with ATOLL_E_POLICY; why names the
 * file and `what`; a policy loaded before is unchanged (it still verifies).
 */
static void expect_refused(const char *what)
{
	struct atoll_policy *p;
	const char *why = NULL;
	char json[4096];
	size_t len = sdk_read_file(policy_path, (uint8_t *)json, sizeof(json) - 1U);

	json[len] = '\0';
	write_policy(GOOD_HEAD "%s\"rims\": [\"%s\"] }", rems_json, rim_hex);
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_load(p, policy_path, NULL), ATOLL_OK);
	sdk_write_file(policy_path, json, len);
	assert_int_equal(atoll_policy_load(p, policy_path, &why), ATOLL_E_POLICY);
	assert_non_null(why);
	if (strstr(why, policy_path) == NULL || strstr(why, what) == NULL)
		fail_msg("\"%s\" does not name %s and %s", why, policy_path, what);
	assert_int_equal(atoll_policy_rim_count(p), 1);
	assert_int_equal(verify_with(p), ATOLL_OK);
	atoll_policy_free(p);
}

static void policy_file_errors_name_file_key_and_byte(void **state)
{
	(void)state;
	write_policy("{ \"format\": \"atoll-policy 1\",, }");
	expect_refused("byte 30 (line 1, column 30)");
	write_policy("[1, 2]");
	expect_refused("not a JSON object");
	write_policy(GOOD_HEAD "\"rims\": [\"%s\"], \"rim\": [] }", rim_hex);
	expect_refused("unknown key \"rim\"");
	write_policy("{ \"format\": \"atoll-policy 2\", \"refs\": \"sim-refs.json\", \"rims\": [\"%s\"] }",
		     rim_hex);
	expect_refused("\"format\"");
	write_policy("{ \"format\": \"atoll-policy 1\", \"rims\": [\"%s\"] }", rim_hex);
	expect_refused("\"refs\" (the refs.json of the device) is missing");
	write_policy(GOOD_HEAD "\"hash_alg\": \"sha-256\" }");
	expect_refused("\"rims\" is missing");
	write_policy(GOOD_HEAD "\"rims\": [] }");
	expect_refused("\"rims\" has 0 entries");
	write_policy(GOOD_HEAD "\"rims\": [\"%s\", \"%.40sX%s\"] }", rim_hex, rim_hex, rim_hex + 41);
	expect_refused("\"rims\"[1]: byte 40 ('X') is not lower-case hex");
	write_policy(GOOD_HEAD "\"rims\": [\"%.62s\"] }", rim_hex);
	expect_refused("\"rims\"[0] has 62 hex digits");
	write_policy(GOOD_HEAD "\"rims\": [\"%s\"], \"rems\": [7] }", rim_hex);
	expect_refused("\"rems\"[0] is not a string");
	write_policy(GOOD_HEAD "\"rims\": [\"%s\"], \"hash_alg\": \"md5\" }", rim_hex);
	expect_refused("\"hash_alg\"");
	write_policy(GOOD_HEAD "\"rims\": [\"%s\"], \"lifecycle\": [\"0x3000\", \"0x3g\"] }", rim_hex);
	expect_refused("\"lifecycle\"[1]: byte 3 ('g')");
	write_policy(GOOD_HEAD "\"rims\": [\"%s\"], \"lifecycle\": [\"0x30ff\", \"0x3000\"] }", rim_hex);
	expect_refused("\"lifecycle\" 0x30ff..0x3000 is empty");
	write_policy("{ \"format\": \"atoll-policy 1\", \"refs\": \"none.json\", \"rims\": [\"%s\"] }",
		     rim_hex);
	expect_refused("\"refs\": ");
}

static void policy_file_missing(void **state)
{
	struct atoll_policy *p;
	const char *why = NULL;
	const char *none = sdk_tmp_path("no-policy.json");
	char keep[512];

	(void)state;
	snprintf(keep, sizeof(keep), "%s", none);
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_load(p, keep, &why), ATOLL_E_POLICY);
	if (strstr(why, keep) == NULL)
		fail_msg("\"%s\" does not name %s", why, keep);
	assert_int_equal(atoll_policy_load(NULL, keep, &why), ATOLL_E_INVALID_ARG);
	atoll_policy_free(p);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(policy_file_allows_its_rim),
	cmocka_unit_test(policy_file_refuses_an_unlisted_rim),
	cmocka_unit_test(policy_file_hash_alg_and_lifecycle_apply),
	cmocka_unit_test(policy_file_errors_name_file_key_and_byte),
	cmocka_unit_test(policy_file_missing),
};

TEST_GROUP(sdk_policy_file_group, tests, setup);
