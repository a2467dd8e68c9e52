/* Delegated attestation and VHUK (hes/attest.c, hes/vhuk.c): rules and errors. */
#include <string.h>

#include "hes_test.h"
#include "kat_vectors.h"

static uint8_t token[HES_TOKEN_MAX];

static int32_t get_key(uint8_t curve, uint32_t bits, uint32_t alg, uint8_t *key, size_t cap)
{
	size_t len = 0;

	return hes_get_delegated_key(test_hes, curve, bits, alg, key, cap, &len);
}

static int32_t get_token(const uint8_t *challenge, size_t len, size_t cap)
{
	size_t out = 0;

	return hes_get_platform_token(test_hes, challenge, len, token, cap, &out);
}

static void delegated_key_without_measurements_invalid_argument(void **state)
{
	uint8_t key[48];

	(void)state;
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, key, 48),
			 PSA_ERROR_INVALID_ARGUMENT);
}

static void delegated_key_other_curve_or_size_not_supported(void **state)
{
	uint8_t key[66];

	(void)state;
	assert_int_equal(hes_test_extend(test_hes, 10, "BL_2", 1), PSA_SUCCESS);
	assert_int_equal(get_key(0x41, 384, PSA_ALG_SHA_256, key, 48), PSA_ERROR_NOT_SUPPORTED);
	assert_int_equal(get_key(0, 0, 0, key, 48), PSA_ERROR_NOT_SUPPORTED);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 521, PSA_ALG_SHA_256, key, 66),
			 PSA_ERROR_NOT_SUPPORTED);
}

static void delegated_key_unknown_hash_invalid_argument(void **state)
{
	uint8_t key[48];

	(void)state;
	assert_int_equal(hes_test_extend(test_hes, 10, "BL_2", 1), PSA_SUCCESS);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, 0x02000005U, key, 48),
			 PSA_ERROR_INVALID_ARGUMENT);
}

static void delegated_key_small_buffer(void **state)
{
	uint8_t key[48];

	(void)state;
	assert_int_equal(hes_test_extend(test_hes, 10, "BL_2", 1), PSA_SUCCESS);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, key, 47),
			 PSA_ERROR_BUFFER_TOO_SMALL);
}

static void delegated_key_follows_measurements(void **state)
{
	uint8_t a[48], b[48], c[48];

	(void)state;
	assert_int_equal(hes_test_extend(test_hes, 10, "BL_2", 1), PSA_SUCCESS);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, a, 48), PSA_SUCCESS);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_384, b, 48), PSA_SUCCESS);
	assert_memory_equal(a, b, 48);	/* the hash only names the challenge's algorithm */
	assert_int_equal(hes_test_extend(test_hes, 11, "SECURE_RT_EL3", 2), PSA_SUCCESS);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, c, 48), PSA_SUCCESS);
	assert_memory_not_equal(a, c, 48);
}

static void platform_token_before_delegated_key_invalid_argument(void **state)
{
	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(get_token(kat_dak_challenge, 32, sizeof(token)), PSA_ERROR_INVALID_ARGUMENT);
}

static void platform_token_challenge_checked(void **state)
{
	uint8_t key[48], wrong[64], sec1[97];

	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, key, 48), PSA_SUCCESS);
	/* The right hash at the wrong length, then a near miss. */
	memset(wrong, 0, sizeof(wrong));
	memcpy(wrong, kat_dak_challenge, 32);
	assert_int_equal(get_token(wrong, 48, sizeof(token)), PSA_ERROR_INVALID_ARGUMENT);
	assert_int_equal(get_token(wrong, 31, sizeof(token)), PSA_ERROR_INVALID_ARGUMENT);
	wrong[31] ^= 1;
	assert_int_equal(get_token(wrong, 32, sizeof(token)), PSA_ERROR_INVALID_ARGUMENT);
	/* Islet's binding (SHA-256 of the SEC1 point) is not the COSE_Key's. */
	struct atoll_heap *prev = hes_crypto_enter(test_hes);
	assert_int_equal(hes_p384_public(kat_dak_priv, sec1, hes_test_random, NULL), 0);
	hes_crypto_leave(prev);
	assert_int_equal(hes_alg_hash(PSA_ALG_SHA_256, sec1, sizeof(sec1), wrong), 0);
	assert_int_equal(get_token(wrong, 32, sizeof(token)), PSA_ERROR_INVALID_ARGUMENT);
	assert_int_equal(get_token(kat_dak_challenge, 32, sizeof(token)), PSA_SUCCESS);
}

static void platform_token_small_buffer(void **state)
{
	uint8_t key[48];

	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, key, 48), PSA_SUCCESS);
	assert_int_equal(get_token(kat_dak_challenge, 32, 100), PSA_ERROR_BUFFER_TOO_SMALL);
}

static void platform_token_new_boot_forgets_dak(void **state)
{
	uint8_t key[48];

	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, key, 48), PSA_SUCCESS);
	hes_boot_reset(test_hes);
	hes_test_kat_boot(test_hes);
	assert_int_equal(get_token(kat_dak_challenge, 32, sizeof(token)), PSA_ERROR_INVALID_ARGUMENT);
}

/*
 * GET_DELEGATED_PUB_KEY: this boot's DAK's public part (the x and y of the
 * KAT's COSE_Key, computed by python3-cryptography), and only once the DAK
 * is derived; a new boot forgets it with the DAK.
 */
static void delegated_pub_key_is_the_daks(void **state)
{
	uint8_t key[48], pub[HES_P384_PUB_BYTES + 1];
	size_t len = 0;

	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(hes_get_delegated_pub_key(test_hes, pub, sizeof(pub), &len),
			 PSA_ERROR_BAD_STATE);
	assert_int_equal(get_key(PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, key, 48), PSA_SUCCESS);
	assert_int_equal(hes_get_delegated_pub_key(test_hes, pub, HES_P384_PUB_BYTES - 1, &len),
			 PSA_ERROR_BUFFER_TOO_SMALL);
	assert_int_equal(hes_get_delegated_pub_key(test_hes, pub, sizeof(pub), &len), PSA_SUCCESS);
	assert_int_equal(len, HES_P384_PUB_BYTES);
	assert_int_equal(pub[0], 0x04);
	assert_memory_equal(pub + 1, kat_dak_cose_key + 8, 48);
	assert_memory_equal(pub + 49, kat_dak_cose_key + 59, 48);
	/* The platform token's binding still holds after it. */
	assert_int_equal(get_token(kat_dak_challenge, 32, sizeof(token)), PSA_SUCCESS);
	hes_boot_reset(test_hes);
	hes_test_kat_boot(test_hes);
	assert_int_equal(hes_get_delegated_pub_key(test_hes, pub, sizeof(pub), &len),
			 PSA_ERROR_BAD_STATE);
}

/* A different last image (BL33, say) changes VHUK_M, not VHUK_A. */
static void vhuk_a_survives_a_new_value_vhuk_m_does_not(void **state)
{
	uint8_t a1[32], m1[32], a2[32], m2[32];

	(void)state;
	assert_int_equal(hes_test_extend(test_hes, 10, "BL_2", 1), PSA_SUCCESS);
	assert_int_equal(hes_get_vhuk(test_hes, HES_VHUK_ID_A, a1), PSA_SUCCESS);
	assert_int_equal(hes_get_vhuk(test_hes, HES_VHUK_ID_M, m1), PSA_SUCCESS);
	hes_boot_reset(test_hes);
	assert_int_equal(hes_test_extend(test_hes, 10, "BL_2", 2), PSA_SUCCESS);
	assert_int_equal(hes_get_vhuk(test_hes, HES_VHUK_ID_A, a2), PSA_SUCCESS);
	assert_int_equal(hes_get_vhuk(test_hes, HES_VHUK_ID_M, m2), PSA_SUCCESS);
	assert_memory_equal(a1, a2, 32);
	assert_memory_not_equal(m1, m2, 32);
	assert_memory_not_equal(a1, m1, 32);
}

static void vhuk_unknown_id_invalid_argument(void **state)
{
	uint8_t k[32];

	(void)state;
	assert_int_equal(hes_get_vhuk(test_hes, 0, k), PSA_ERROR_INVALID_ARGUMENT);
	assert_int_equal(hes_get_vhuk(test_hes, 3, k), PSA_ERROR_INVALID_ARGUMENT);
}

static void init_debug_lifecycle_changes_cpak(void **state)
{
	static struct hes debug;
	struct hes_roots roots = test_hes->roots;

	(void)state;
	roots.lifecycle = HES_LCS_RECOVERABLE_DEBUG;
	assert_int_equal(hes_init(&debug, &test_hes->cfg, &roots, hes_test_random, NULL),
			 PSA_SUCCESS);
	assert_memory_not_equal(debug.cpak_pub, test_hes->cpak_pub, HES_P384_PUB_BYTES);
	roots.lifecycle = 0x3100;
	assert_int_equal(hes_init(&debug, &test_hes->cfg, &roots, hes_test_random, NULL),
			 PSA_ERROR_INVALID_ARGUMENT);
	hes_wipe(&debug);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(delegated_key_without_measurements_invalid_argument, hes_test_boot),
	cmocka_unit_test_setup(delegated_key_other_curve_or_size_not_supported, hes_test_boot),
	cmocka_unit_test_setup(delegated_key_unknown_hash_invalid_argument, hes_test_boot),
	cmocka_unit_test_setup(delegated_key_small_buffer, hes_test_boot),
	cmocka_unit_test_setup(delegated_key_follows_measurements, hes_test_boot),
	cmocka_unit_test_setup(platform_token_before_delegated_key_invalid_argument, hes_test_boot),
	cmocka_unit_test_setup(delegated_pub_key_is_the_daks, hes_test_boot),
	cmocka_unit_test_setup(platform_token_challenge_checked, hes_test_boot),
	cmocka_unit_test_setup(platform_token_small_buffer, hes_test_boot),
	cmocka_unit_test_setup(platform_token_new_boot_forgets_dak, hes_test_boot),
	cmocka_unit_test_setup(vhuk_a_survives_a_new_value_vhuk_m_does_not, hes_test_boot),
	cmocka_unit_test_setup(vhuk_unknown_id_invalid_argument, hes_test_boot),
	cmocka_unit_test_setup(init_debug_lifecycle_changes_cpak, hes_test_boot),
};

HES_GROUP(attest_tests, tests);
