/*
 * Measurement slots (hes/slots.c): the RSE rules and each error. Expected
 * digests were computed with Python's hashlib, not mbedTLS.
 */
#include <string.h>

#include "hes_test.h"

#define HEX32(...) { __VA_ARGS__ }

/* SHA-256(32 x 00 || 32 x AB), then SHA-256(that || 32 x CD). */
static const uint8_t once_ab[32] = HEX32(0xde, 0xbb, 0x3e, 0x7a, 0xcf, 0xff, 0x6d, 0xd1, 0x8d, 0x50,
	0x10, 0x42, 0x27, 0x36, 0x29, 0xf0, 0xb7, 0x9c, 0xb2, 0x06, 0xbb, 0x8c, 0x24, 0xf5, 0x9f, 0x62,
	0xdd, 0xb8, 0x08, 0x49, 0x40, 0x3b);
static const uint8_t then_cd[32] = HEX32(0x53, 0x62, 0xcc, 0xcc, 0x26, 0xd7, 0xa4, 0xc1, 0x85, 0x44,
	0x4e, 0x45, 0xce, 0x14, 0xf5, 0xca, 0xca, 0xac, 0xb9, 0x74, 0xf6, 0x3b, 0xb2, 0x4e, 0x53, 0x0b,
	0x7c, 0x7d, 0x8c, 0x3d, 0x01, 0xeb);
/* The first 8 bytes of SHA-512(64 x 00 || 32 x AB). */
static const uint8_t sha512_ab_prefix[8] = { 0xb7, 0xf0, 0x75, 0x50, 0x1a, 0xab, 0x49, 0x4c };

static struct hes_slots slots;
static uint8_t signer[64], value[64];

/* A valid measurement for slot 5 that each test bends in one way. */
static struct hes_measurement good(void)
{
	memset(signer, 0x5A, sizeof(signer));
	memset(value, 0xAB, sizeof(value));
	return (struct hes_measurement){
		.index = 5, .alg = PSA_ALG_SHA_256,
		.signer_id = signer, .signer_id_len = 32,
		.sw_type = "BL_2", .sw_type_len = 4,
		.version = "1.2", .version_len = 3,
		.value = value, .value_len = 32,
	};
}

static int fresh(void **state)
{
	(void)state;
	hes_slots_reset(&slots);
	return 0;
}

static void extend_first_sets_value_and_metadata(void **state)
{
	struct hes_measurement m = good();
	const struct hes_slot *s;

	(void)state;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
	assert_int_equal(hes_slots_read(&slots, 5, &s), PSA_SUCCESS);
	assert_memory_equal(s->value, once_ab, 32);
	assert_int_equal(s->alg, PSA_ALG_SHA_256);
	assert_int_equal(s->signer_id_len, 32);
	assert_memory_equal(s->sw_type, "BL_2", 4);
	assert_memory_equal(s->version, "1.2", 3);
	assert_false(s->locked);
	assert_int_equal(hes_slots_populated(&slots), 1);
}

static void extend_again_chains_and_clears_sw_type_and_version(void **state)
{
	struct hes_measurement m = good();
	const struct hes_slot *s;

	(void)state;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
	memset(value, 0xCD, 32);
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
	assert_int_equal(hes_slots_read(&slots, 5, &s), PSA_SUCCESS);
	assert_memory_equal(s->value, then_cd, 32);
	assert_int_equal(s->sw_type_len, 0);
	assert_int_equal(s->version_len, 0);
}

static void extend_sha512_slot_holds_64_bytes(void **state)
{
	struct hes_measurement m = good();
	const struct hes_slot *s;

	(void)state;
	m.alg = PSA_ALG_SHA_512;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
	assert_int_equal(hes_slots_read(&slots, 5, &s), PSA_SUCCESS);
	assert_int_equal(hes_slot_value_len(s), 64);
	assert_memory_equal(s->value, sha512_ab_prefix, sizeof(sha512_ab_prefix));
}

static void extend_other_signer_not_permitted(void **state)
{
	struct hes_measurement m = good();
	const struct hes_slot *s;

	(void)state;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
	signer[31] ^= 1;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_NOT_PERMITTED);
	signer[31] ^= 1;
	m.signer_id_len = 33;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_NOT_PERMITTED);
	assert_int_equal(hes_slots_read(&slots, 5, &s), PSA_SUCCESS);
	assert_memory_equal(s->value, once_ab, 32);
}

static void extend_other_algorithm_not_permitted(void **state)
{
	struct hes_measurement m = good();

	(void)state;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
	m.alg = PSA_ALG_SHA_384;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_NOT_PERMITTED);
}

static void extend_locked_bad_state_until_reset(void **state)
{
	struct hes_measurement m = good();
	const struct hes_slot *s;

	(void)state;
	m.lock = true;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
	m.lock = false;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_BAD_STATE);
	/* Locked wins over a mismatch, and the value is untouched. */
	m.alg = PSA_ALG_SHA_384;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_BAD_STATE);
	assert_int_equal(hes_slots_read(&slots, 5, &s), PSA_SUCCESS);
	assert_true(s->locked);
	assert_memory_equal(s->value, once_ab, 32);
	hes_slots_reset(&slots);
	m.alg = PSA_ALG_SHA_256;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
}

static void extend_index_32_invalid_argument(void **state)
{
	struct hes_measurement m = good();

	(void)state;
	m.index = HES_SLOT_COUNT - 1;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_SUCCESS);
	m.index = HES_SLOT_COUNT;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_INVALID_ARGUMENT);
	m.index = 0xFFFFFFFFU;
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_INVALID_ARGUMENT);
}

/* Each metadata limit of TF-A's metadata.h, one past it on either side. */
static void extend_out_of_limits_invalid_argument(void **state)
{
	static const struct {
		size_t signer, value, sw_type, version;
		uint32_t alg;
	} bad[] = {
		{ 31, 32, 4, 3, PSA_ALG_SHA_256 }, { 65, 32, 4, 3, PSA_ALG_SHA_256 },
		{ 32, 31, 4, 3, PSA_ALG_SHA_256 }, { 32, 65, 4, 3, PSA_ALG_SHA_256 },
		{ 32, 32, 33, 3, PSA_ALG_SHA_256 }, { 32, 32, 4, 15, PSA_ALG_SHA_256 },
		{ 32, 32, 4, 3, 0x02000008U },
	};
	static const char text[40] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm";

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct hes_measurement m = good();

		m.signer_id_len = bad[i].signer;
		m.value_len = bad[i].value;
		m.sw_type = text;
		m.sw_type_len = bad[i].sw_type;
		m.version = text;
		m.version_len = bad[i].version;
		m.alg = bad[i].alg;
		assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_INVALID_ARGUMENT);
	}
	assert_int_equal(hes_slots_populated(&slots), 0);
}

static void extend_control_bytes_in_text_invalid_argument(void **state)
{
	struct hes_measurement m = good();

	(void)state;
	m.sw_type = "BL\n2";
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_INVALID_ARGUMENT);
	m = good();
	m.version = "1\0002";
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_INVALID_ARGUMENT);
	m.version = "1\2002";
	assert_int_equal(hes_slots_extend(&slots, &m), PSA_ERROR_INVALID_ARGUMENT);
}

static void read_empty_does_not_exist(void **state)
{
	const struct hes_slot *s;

	(void)state;
	assert_int_equal(hes_slots_read(&slots, 0, &s), PSA_ERROR_DOES_NOT_EXIST);
	assert_int_equal(hes_slots_read(&slots, 31, &s), PSA_ERROR_DOES_NOT_EXIST);
}

static void read_index_32_invalid_argument(void **state)
{
	const struct hes_slot *s;

	(void)state;
	assert_int_equal(hes_slots_read(&slots, 32, &s), PSA_ERROR_INVALID_ARGUMENT);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(extend_first_sets_value_and_metadata, fresh),
	cmocka_unit_test_setup(extend_again_chains_and_clears_sw_type_and_version, fresh),
	cmocka_unit_test_setup(extend_sha512_slot_holds_64_bytes, fresh),
	cmocka_unit_test_setup(extend_other_signer_not_permitted, fresh),
	cmocka_unit_test_setup(extend_other_algorithm_not_permitted, fresh),
	cmocka_unit_test_setup(extend_locked_bad_state_until_reset, fresh),
	cmocka_unit_test_setup(extend_index_32_invalid_argument, fresh),
	cmocka_unit_test_setup(extend_out_of_limits_invalid_argument, fresh),
	cmocka_unit_test_setup(extend_control_bytes_in_text_invalid_argument, fresh),
	cmocka_unit_test_setup(read_empty_does_not_exist, fresh),
	cmocka_unit_test_setup(read_index_32_invalid_argument, fresh),
};

HES_GROUP(slots_tests, tests);
