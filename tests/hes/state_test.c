/* The persistent-state blob (hes/state.c): round trip and each refusal. */
#include <string.h>

#include "hes_test.h"

static struct hes_roots roots(uint32_t lifecycle)
{
	struct hes_roots r;

	assert_int_equal(hes_roots_generate(&r, lifecycle, hes_test_random, NULL), HES_STATE_OK);
	return r;
}

static void state_round_trip(void **state)
{
	struct hes_roots r = roots(HES_LCS_SECURED), back;
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	assert_int_equal(hes_state_serialise(&r, blob, sizeof(blob)), HES_STATE_SIZE);
	assert_memory_equal(blob, "ATOLLHES\x01\0\0\0\0\x30\0\0", 16);
	assert_int_equal(hes_state_parse(&back, blob, sizeof(blob)), HES_STATE_OK);
	assert_memory_equal(&back, &r, sizeof(r));
}

static void state_generate_fresh_roots(void **state)
{
	struct hes_roots a = roots(HES_LCS_SECURED), b = roots(HES_LCS_NON_CCA_DEBUG);

	(void)state;
	assert_memory_not_equal(a.huk, a.guk, HES_ROOT_KEY_SIZE);
	assert_memory_not_equal(a.huk, b.huk, HES_ROOT_KEY_SIZE);
	assert_int_equal(b.lifecycle, HES_LCS_NON_CCA_DEBUG);
}

static void state_generate_random_failure(void **state)
{
	struct hes_roots r;

	(void)state;
	assert_int_equal(hes_roots_generate(&r, HES_LCS_SECURED, hes_test_random_fails, NULL),
			 HES_STATE_NO_RANDOM);
}

static void state_generate_unknown_lifecycle(void **state)
{
	struct hes_roots r;

	(void)state;
	assert_int_equal(hes_roots_generate(&r, 0x7000, hes_test_random, NULL),
			 HES_STATE_BAD_LIFECYCLE);
	assert_int_equal(hes_roots_generate(&r, 0x3100, hes_test_random, NULL),
			 HES_STATE_BAD_LIFECYCLE);
	assert_int_equal(hes_roots_generate(&r, 0x0000, hes_test_random, NULL),
			 HES_STATE_BAD_LIFECYCLE);
}

static void state_parse_truncated(void **state)
{
	struct hes_roots r = roots(HES_LCS_SECURED), out;
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	hes_state_serialise(&r, blob, sizeof(blob));
	for (size_t len = 0; len < HES_STATE_SIZE; len++)
		assert_int_equal(hes_state_parse(&out, blob, len), HES_STATE_TRUNCATED);
}

static void state_parse_trailing_bytes(void **state)
{
	struct hes_roots r = roots(HES_LCS_SECURED), out;
	uint8_t blob[HES_STATE_SIZE + 1] = { 0 };

	(void)state;
	hes_state_serialise(&r, blob, sizeof(blob));
	assert_int_equal(hes_state_parse(&out, blob, sizeof(blob)), HES_STATE_TOO_LONG);
}

static void state_parse_wrong_magic(void **state)
{
	struct hes_roots r = roots(HES_LCS_SECURED), out;
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	hes_state_serialise(&r, blob, sizeof(blob));
	blob[0] = 'B';
	assert_int_equal(hes_state_parse(&out, blob, sizeof(blob)), HES_STATE_BAD_MAGIC);
	/* Even a short file says what it is not. */
	assert_int_equal(hes_state_parse(&out, blob, 3), HES_STATE_BAD_MAGIC);
}

static void state_parse_other_version(void **state)
{
	struct hes_roots r = roots(HES_LCS_SECURED), out;
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	hes_state_serialise(&r, blob, sizeof(blob));
	blob[8] = 2;
	assert_int_equal(hes_state_parse(&out, blob, sizeof(blob)), HES_STATE_OTHER_VERSION);
	/* Another version may have another length: its version is what counts. */
	assert_int_equal(hes_state_parse(&out, blob, 40), HES_STATE_OTHER_VERSION);
}

static void state_parse_damaged(void **state)
{
	struct hes_roots r = roots(HES_LCS_SECURED), out;
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	hes_state_serialise(&r, blob, sizeof(blob));
	blob[20] ^= 0x01;
	assert_int_equal(hes_state_parse(&out, blob, sizeof(blob)), HES_STATE_CORRUPT);
}

static void state_parse_unknown_lifecycle(void **state)
{
	struct hes_roots r = roots(HES_LCS_SECURED), out;
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	r.lifecycle = 0x7000;	/* written with a valid checksum */
	hes_state_serialise(&r, blob, sizeof(blob));
	assert_int_equal(hes_state_parse(&out, blob, sizeof(blob)), HES_STATE_BAD_LIFECYCLE);
}

static void state_errors_have_distinct_messages(void **state)
{
	(void)state;
	for (int a = HES_STATE_OK; a <= HES_STATE_NO_RANDOM; a++)
		for (int b = a + 1; b <= HES_STATE_NO_RANDOM; b++)
			assert_string_not_equal(hes_state_strerror(a), hes_state_strerror(b));
}

static void state_serialise_small_buffer(void **state)
{
	struct hes_roots r = roots(HES_LCS_SECURED);
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	assert_int_equal(hes_state_serialise(&r, blob, sizeof(blob) - 1), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(state_round_trip),
	cmocka_unit_test(state_generate_fresh_roots),
	cmocka_unit_test(state_generate_random_failure),
	cmocka_unit_test(state_generate_unknown_lifecycle),
	cmocka_unit_test(state_parse_truncated),
	cmocka_unit_test(state_parse_trailing_bytes),
	cmocka_unit_test(state_parse_wrong_magic),
	cmocka_unit_test(state_parse_other_version),
	cmocka_unit_test(state_parse_damaged),
	cmocka_unit_test(state_parse_unknown_lifecycle),
	cmocka_unit_test(state_errors_have_distinct_messages),
	cmocka_unit_test(state_serialise_small_buffer),
};

HES_GROUP(state_tests, tests);
