/*
 * The platform token (hes/token.c), read back by Atoll's strict decoder
 * (verify/cbor_dec.c, written apart from the encoder) and by Python's
 * cbor2 and cryptography (check_token.py), which also verifies the ES384
 * signature with the CPAK.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hes/token.h>

#include "cbor_dec.h"
#include "hes_test.h"
#include "kat_vectors.h"

static uint8_t token[HES_TOKEN_MAX];
static size_t token_len;

static int kat_token(void **state)
{
	return hes_test_kat_token(state, token, sizeof(token), &token_len);
}

/* Opens the COSE_Sign1 and leaves d at the payload's claims map (of *claims pairs). */
static void open_payload(struct cbor_dec *d, const uint8_t **payload, size_t *len)
{
	static const uint8_t es384[] = { 0xA1, 0x01, 0x38, 0x22 };
	struct cbor_dec outer;
	uint64_t n;
	const uint8_t *p;
	size_t plen;

	cbor_dec_init(&outer, token, token_len);
	assert_true(cbor_get_tag(&outer, &n) && n == 18);
	assert_true(cbor_get_array(&outer, &n) && n == 4);
	assert_true(cbor_get_bstr(&outer, &p, &plen) && plen == 4 && memcmp(p, es384, 4) == 0);
	assert_true(cbor_get_map(&outer, &n) && n == 0);
	assert_true(cbor_get_bstr(&outer, payload, len));
	assert_true(cbor_get_bstr(&outer, &p, &plen) && plen == HES_P384_SIG_BYTES);
	assert_true(cbor_dec_done(&outer));
	cbor_dec_init(d, *payload, *len);
}

static void expect_bstr(struct cbor_dec *d, uint64_t label, const void *want, size_t len)
{
	uint64_t key;
	const uint8_t *p;
	size_t plen;

	assert_true(cbor_get_uint(d, &key));
	assert_int_equal(key, label);
	assert_true(cbor_get_bstr(d, &p, &plen));
	assert_int_equal(plen, len);
	assert_memory_equal(p, want, len);
}

static void expect_label(struct cbor_dec *d, uint64_t label)
{
	uint64_t key;

	assert_true(cbor_get_uint(d, &key));
	assert_int_equal(key, label);
}

static void token_claims_in_order(void **state)
{
	struct cbor_dec d;
	const uint8_t *payload, *swc;
	size_t len;
	uint64_t n;

	(void)state;
	open_payload(&d, &payload, &len);
	assert_true(cbor_get_map(&d, &n) && n == 8);
	expect_label(&d, HES_CLAIM_PROFILE);
	assert_true(cbor_get_tstr_eq(&d, HES_TOKEN_PROFILE));
	expect_bstr(&d, HES_CLAIM_CHALLENGE, kat_dak_challenge, sizeof(kat_dak_challenge));
	expect_bstr(&d, HES_CLAIM_IMPLEMENTATION_ID, test_hes->cfg.implementation_id, 32);
	expect_bstr(&d, HES_CLAIM_INSTANCE_ID, kat_instance_id, sizeof(kat_instance_id));
	expect_bstr(&d, HES_CLAIM_PLATFORM_CONFIG, "\0\0\0\0", 4);
	expect_label(&d, HES_CLAIM_LIFECYCLE);
	assert_true(cbor_get_uint(&d, &n) && n == HES_LCS_SECURED);
	expect_label(&d, HES_CLAIM_SW_COMPONENTS);
	/* The sw-components are the boot data the DAK was derived from, byte for byte. */
	swc = d.p;
	assert_true(cbor_skip(&d));
	assert_int_equal((size_t)(d.p - swc), sizeof(kat_bootdata));
	assert_memory_equal(swc, kat_bootdata, sizeof(kat_bootdata));
	expect_label(&d, HES_CLAIM_HASH_ALGO);
	assert_true(cbor_get_tstr_eq(&d, "sha-256"));
	assert_true(cbor_dec_done(&d));
}

static void token_verification_service_only_when_configured(void **state)
{
	uint8_t key[48];
	struct cbor_dec d;
	const uint8_t *payload;
	size_t len;
	uint64_t n;

	(void)state;
	strcpy(test_hes->cfg.verification_url, "https://verifier.invalid/");
	assert_int_equal(hes_get_delegated_key(test_hes, PSA_ECC_FAMILY_SECP_R1, 384,
					       PSA_ALG_SHA_256, key, sizeof(key), &len),
			 PSA_SUCCESS);
	assert_int_equal(hes_get_platform_token(test_hes, kat_dak_challenge, 32, token,
						sizeof(token), &token_len),
			 PSA_SUCCESS);
	test_hes->cfg.verification_url[0] = '\0';
	open_payload(&d, &payload, &len);
	assert_true(cbor_get_map(&d, &n) && n == 9);
	for (int i = 0; i < 8; i++) {
		assert_true(cbor_skip(&d));
		assert_true(cbor_skip(&d));
	}
	expect_label(&d, HES_CLAIM_VERIFICATION_SERVICE);
	assert_true(cbor_get_tstr_eq(&d, "https://verifier.invalid/"));
	assert_true(cbor_dec_done(&d));
}

/* Each call leaves mbedTLS's arena empty, and signing fits it. */
static void token_crypto_arena_freed(void **state)
{
	(void)state;
	assert_int_equal(atoll_heap_used(&test_hes->heap), 0);
	assert_true(test_hes->heap.peak > 0 && test_hes->heap.peak <= HES_CRYPTO_ARENA_SIZE);
	print_message("mbedTLS arena peak: %zu of %u bytes\n", test_hes->heap.peak,
		      HES_CRYPTO_ARENA_SIZE);
}

static void write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* Exit status of check_token.py on the token as it is now. */
static int python_check(const char *dir)
{
	char cmd[1024];

	write_file(dir, "token", token, token_len);
	write_file(dir, "cpak", test_hes->cpak_pub, HES_P384_PUB_BYTES);
	write_file(dir, "challenge", kat_dak_challenge, sizeof(kat_dak_challenge));
	/* Slots 3, 10, 11 and 14, the last extended twice (its sw_type cleared). */
	snprintf(cmd, sizeof(cmd),
		 "/usr/bin/python3 tests/hes/check_token.py %s/token %s/cpak %s/challenge 0x3000 "
		 "HES_ROM,BL_2,SECURE_RT_EL3, >%s/log 2>&1",
		 dir, dir, dir, dir);
	return system(cmd);
}

static void token_checked_by_python(void **state)
{
	char dir[] = "/tmp/hes-token-XXXXXX";

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(python_check(dir), 0);
	/* The check does fail: one bit of the signature flipped. */
	token[token_len - 1] ^= 0x01;
	assert_int_not_equal(python_check(dir), 0);
	token[token_len - 1] ^= 0x01;
	for (const char *const *f = (const char *const[]){ "token", "cpak", "challenge", "log", NULL };
	     *f != NULL; f++) {
		char path[256];

		snprintf(path, sizeof(path), "%s/%s", dir, *f);
		unlink(path);
	}
	rmdir(dir);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(token_claims_in_order, kat_token),
	cmocka_unit_test_setup(token_verification_service_only_when_configured, kat_token),
	cmocka_unit_test_setup(token_checked_by_python, kat_token),
	cmocka_unit_test_setup(token_crypto_arena_freed, kat_token),
};

HES_GROUP(token_tests, tests);
