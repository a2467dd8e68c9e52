/*
 * Host tests of the realm's entropy filling (realm/entropy.c) with scripted
 * random sources: absent FEAT_RNG, transient and persistent RNDR failures,
 * byte order and lengths that are not whole words. (RNDR itself is checked
 * inside a realm by the rsi_tests payload.)
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "entropy.h"
#include "test_groups.h"

static unsigned int reads, fail_first, good_reads, good_limit;
static uint64_t next_word;

/*
 * Fails the first fail_first reads and every read after good_limit good
 * ones; the good ones return 0x0807060504030201, 0x100f0e0d0c0b0a09, ...
 */
static bool scripted_read(uint64_t *word)
{
	if (reads++ < fail_first || good_reads == good_limit) {
		*word = 0;
		return false;
	}
	good_reads++;
	*word = next_word;
	next_word += 0x0808080808080808ull;
	return true;
}

static int reset_source(void **unused)
{
	(void)unused;
	reads = fail_first = good_reads = 0;
	good_limit = ~0u;
	next_word = 0x0807060504030201ull;
	return 0;
}

static void fills_little_endian_words_and_a_partial_one(void **unused)
{
	uint8_t out[13], expect[13];

	(void)unused;
	for (unsigned int i = 0; i < sizeof(expect); i++)
		expect[i] = (uint8_t)(i + 1);
	assert_int_equal(entropy_fill_from(scripted_read, true, out, sizeof(out)), ENTROPY_OK);
	assert_memory_equal(out, expect, sizeof(out));
	assert_int_equal(reads, 2);
}

static void retries_transient_failures(void **unused)
{
	uint8_t out[8];

	(void)unused;
	fail_first = ENTROPY_RETRIES - 1;
	assert_int_equal(entropy_fill_from(scripted_read, true, out, sizeof(out)), ENTROPY_OK);
	assert_int_equal(out[0], 1);
	assert_int_equal(reads, ENTROPY_RETRIES);
}

/* A source that dies after one word: an error, and not even that word is left in the buffer. */
static void persistent_failure_is_an_error(void **unused)
{
	uint8_t out[24];

	(void)unused;
	good_limit = 1;
	memset(out, 0xaa, sizeof(out));
	enum entropy_status s = entropy_fill_from(scripted_read, true, out, sizeof(out));
	printf("entropy: refused: %s\n", entropy_status_str(s));
	assert_int_equal(s, ENTROPY_FAILED);
	assert_int_equal(reads, 1 + ENTROPY_RETRIES);
	for (unsigned int i = 0; i < sizeof(out); i++)
		assert_int_equal(out[i], 0);
}

static void absent_feature_is_refused(void **unused)
{
	uint8_t out[16];

	(void)unused;
	memset(out, 0xaa, sizeof(out));
	enum entropy_status s = entropy_fill_from(scripted_read, false, out, sizeof(out));
	printf("entropy: refused: %s\n", entropy_status_str(s));
	assert_int_equal(s, ENTROPY_ABSENT);
	assert_int_equal(reads, 0);
	for (unsigned int i = 0; i < sizeof(out); i++)
		assert_int_equal(out[i], 0);
}

static const struct CMUnitTest entropy_tests[] = {
	cmocka_unit_test_setup(fills_little_endian_words_and_a_partial_one, reset_source),
	cmocka_unit_test_setup(retries_transient_failures, reset_source),
	cmocka_unit_test_setup(persistent_failure_is_an_error, reset_source),
	cmocka_unit_test_setup(absent_feature_is_refused, reset_source),
};
TEST_GROUP(entropy, entropy_tests, NULL);

int main(void)
{
	static const struct test_group *const groups[] = { &entropy };

	return test_groups_run("entropy", groups, 1);
}
