/* atoll_policy_load_refs: each refused refs.json named with its file and field. */
#include <stdio.h>
#include <string.h>

#include "sdk_tests.h"

static char good[16384];
static size_t good_len;

static int setup(void **state)
{
	if (sdk_sim_setup(state) != 0)
		return -1;
	good_len = sdk_read_file(sdk_refs_path(), (uint8_t *)good, sizeof(good) - 1U);
	good[good_len] = '\0';
	return 0;
}

/* refs.json with the first `from` replaced by `to`: refused, why naming `field`. */
static void expect_refused(const char *from, const char *to, const char *field)
{
	static char json[16384];
	struct atoll_policy *p;
	const char *why = NULL, *path = sdk_tmp_path("bad-refs.json");
	char *at = strstr(good, from);
	char keep[4096];

	assert_non_null(at);
	snprintf(json, sizeof(json), "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
	sdk_write_file(path, json, strlen(json));
	snprintf(keep, sizeof(keep), "%s", path);
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_load_refs(p, keep, &why), ATOLL_E_POLICY);
	assert_non_null(why);
	if (strstr(why, keep) == NULL || strstr(why, field) == NULL)
		fail_msg("\"%s\" does not name %s and %s", why, keep, field);
	atoll_policy_free(p);
}

static void refs_missing_file(void **state)
{
	struct atoll_policy *p;
	const char *why;

	(void)state;
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_load_refs(p, sdk_tmp_path("none.json"), &why), ATOLL_E_POLICY);
	assert_non_null(strstr(why, "none.json"));
	atoll_policy_free(p);
}

static void refs_bad_json(void **state)
{
	(void)state;
	expect_refused("{", "{,", "line 1");
}

static void refs_other_format(void **state)
{
	(void)state;
	expect_refused("\"atoll-refs 1\"", "\"atoll-refs 2\"", "format");
}

static void refs_missing_cpak(void **state)
{
	(void)state;
	expect_refused("\"cpak\"", "\"cpak_\"", "\"cpak\"");
}

static void refs_bad_cpak_hex(void **state)
{
	(void)state;
	expect_refused("\"sec1\": \"04", "\"sec1\": \"zz", "sec1");
}

static void refs_short_rim(void **state)
{
	(void)state;
	expect_refused("\"rim\": \"", "\"rim\": \"00", "rim");
}

static void refs_bad_slot_value(void **state)
{
	(void)state;
	expect_refused("\"slot_value\": \"", "\"slot_value\": \"x", "slot_value");
}

static void refs_good_file_loads(void **state)
{
	struct atoll_policy *p;
	const char *why;

	(void)state;
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_load_refs(p, sdk_refs_path(), &why), ATOLL_OK);
	assert_string_equal(why, "");
	atoll_policy_free(p);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(refs_good_file_loads),
	cmocka_unit_test(refs_missing_file),
	cmocka_unit_test(refs_bad_json),
	cmocka_unit_test(refs_other_format),
	cmocka_unit_test(refs_missing_cpak),
	cmocka_unit_test(refs_bad_cpak_hex),
	cmocka_unit_test(refs_short_rim),
	cmocka_unit_test(refs_bad_slot_value),
};

TEST_GROUP(sdk_refs_group, tests, setup);
