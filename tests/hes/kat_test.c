/*
 * The key hierarchy against known answers from a second implementation
 * (tests/hes/gen_kat.py: python3-cryptography and cbor2), for the device
 * and boot of kat_vectors.h.
 */
#include <string.h>

#include "hes_test.h"
#include "kat_vectors.h"

static void kat_boot_state_matches(void **state)
{
	(void)state;
	assert_memory_equal(test_hes->boot_state, kat_boot_state, sizeof(kat_boot_state));
}

static void kat_cpak_seed_sp800_108_cmac(void **state)
{
	uint8_t seed[HES_SEED_SIZE];
	struct atoll_heap *prev = hes_crypto_enter(test_hes);
	int err = hes_kdf_cmac(kat_guk, HES_LABEL_CPAK_SEED, kat_boot_state, sizeof(kat_boot_state),
			       seed);

	(void)state;
	hes_crypto_leave(prev);
	assert_int_equal(err, 0);
	assert_memory_equal(seed, kat_cpak_seed, sizeof(kat_cpak_seed));
}

static void kat_cpak_key_pair(void **state)
{
	(void)state;
	assert_memory_equal(test_hes->cpak_priv, kat_cpak_priv, sizeof(kat_cpak_priv));
	assert_memory_equal(test_hes->cpak_pub, kat_cpak_pub, sizeof(kat_cpak_pub));
}

static void kat_dak_seed_matches(void **state)
{
	(void)state;
	assert_memory_equal(test_hes->dak_seed, kat_dak_seed, sizeof(kat_dak_seed));
}

static void kat_bootdata_cbor(void **state)
{
	uint8_t buf[HES_BOOTDATA_MAX];

	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(hes_bootdata_measurements(&test_hes->slots, buf, sizeof(buf)),
			 sizeof(kat_bootdata));
	assert_memory_equal(buf, kat_bootdata, sizeof(kat_bootdata));
	assert_int_equal(hes_bootdata_signers(&test_hes->slots, buf, sizeof(buf)),
			 sizeof(kat_signers));
	assert_memory_equal(buf, kat_signers, sizeof(kat_signers));
}

static void kat_dak_from_bootdata(void **state)
{
	uint8_t key[HES_P384_BYTES];
	size_t len = 0;

	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(hes_get_delegated_key(test_hes, PSA_ECC_FAMILY_SECP_R1, 384,
					       PSA_ALG_SHA_256, key, sizeof(key), &len),
			 PSA_SUCCESS);
	assert_int_equal(len, sizeof(kat_dak_priv));
	assert_memory_equal(key, kat_dak_priv, sizeof(kat_dak_priv));
}

static void kat_dak_cose_key_and_challenge(void **state)
{
	uint8_t pub[HES_P384_PUB_BYTES], cose[HES_COSE_KEY_P384_SIZE + 8], hash[32];
	struct atoll_heap *prev = hes_crypto_enter(test_hes);

	(void)state;
	assert_int_equal(hes_p384_public(kat_dak_priv, pub, hes_test_random, NULL), 0);
	hes_crypto_leave(prev);
	assert_int_equal(hes_cose_key_p384(pub, cose, sizeof(cose)), sizeof(kat_dak_cose_key));
	assert_memory_equal(cose, kat_dak_cose_key, sizeof(kat_dak_cose_key));
	assert_int_equal(hes_alg_hash(PSA_ALG_SHA_256, cose, HES_COSE_KEY_P384_SIZE, hash), 0);
	assert_memory_equal(hash, kat_dak_challenge, sizeof(hash));
}

static void kat_vhuk_a_and_m(void **state)
{
	uint8_t a[HES_VHUK_SIZE], m[HES_VHUK_SIZE];

	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(hes_get_vhuk(test_hes, HES_VHUK_ID_A, a), PSA_SUCCESS);
	assert_int_equal(hes_get_vhuk(test_hes, HES_VHUK_ID_M, m), PSA_SUCCESS);
	assert_memory_equal(a, kat_vhuk_a, sizeof(kat_vhuk_a));
	assert_memory_equal(m, kat_vhuk_m, sizeof(kat_vhuk_m));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(kat_boot_state_matches, hes_test_boot),
	cmocka_unit_test_setup(kat_cpak_seed_sp800_108_cmac, hes_test_boot),
	cmocka_unit_test_setup(kat_cpak_key_pair, hes_test_boot),
	cmocka_unit_test_setup(kat_dak_seed_matches, hes_test_boot),
	cmocka_unit_test_setup(kat_bootdata_cbor, hes_test_boot),
	cmocka_unit_test_setup(kat_dak_from_bootdata, hes_test_boot),
	cmocka_unit_test_setup(kat_dak_cose_key_and_challenge, hes_test_boot),
	cmocka_unit_test_setup(kat_vhuk_a_and_m, hes_test_boot),
};

HES_GROUP(kat_tests, tests);
