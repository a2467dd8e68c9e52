/*
 * The platform-token verifier (verify/plat_token.c) on tokens the HES core
 * builds: each result it can give, from a real token, one that was changed,
 * one under another key and one whose instance id is another CPAK's.
 */
#include <string.h>

#include <mbedtls/sha256.h>

#include "hes_test.h"
#include "kat_vectors.h"
#include "plat_token.h"

static uint8_t token[HES_TOKEN_MAX];
static size_t token_len;
static struct plat_claims claims;

static int kat_token(void **state)
{
	return hes_test_kat_token(state, token, sizeof(token), &token_len);
}

static void expect_component(const struct plat_sw_component *c, const struct hes_slot *sl)
{
	assert_int_equal(c->value.len, hes_slot_value_len(sl));
	assert_memory_equal(c->value.p, sl->value, hes_slot_value_len(sl));
	assert_int_equal(c->type.len, sl->sw_type_len);
	assert_memory_equal(c->type.s, sl->sw_type, sl->sw_type_len);
	assert_int_equal(c->signer_id.len, sl->signer_id_len);
	assert_memory_equal(c->signer_id.p, sl->signer_id, sl->signer_id_len);
}

static void plat_token_verifies_under_its_cpak(void **state)
{
	uint8_t ueid[33] = { 0x01 };

	(void)state;
	assert_int_equal(plat_token_verify(token, token_len, test_hes->cpak_pub, &claims),
			 PLAT_VERIFY_OK);
	assert_int_equal(claims.challenge.len, 32);
	assert_memory_equal(claims.challenge.p, kat_dak_challenge, 32);
	assert_int_equal(claims.lifecycle, KAT_LIFECYCLE);
	(void)mbedtls_sha256(test_hes->cpak_pub, HES_P384_PUB_BYTES, ueid + 1, 0);
	assert_memory_equal(claims.instance_id.p, ueid, sizeof(ueid));
	assert_int_equal(claims.hash_alg.len, 7);
	assert_memory_equal(claims.hash_alg.s, "sha-256", 7);
	assert_int_equal(claims.verification_url.len, 0);
	/* One sw-component per populated slot, in slot order, with the slot's value. */
	assert_int_equal(claims.sw_count, hes_slots_populated(&test_hes->slots));
	for (size_t i = 0, slot = 0; i < claims.sw_count; i++, slot++) {
		while (!test_hes->slots.slot[slot].populated)
			slot++;
		expect_component(&claims.sw[i], &test_hes->slots.slot[slot]);
	}
}

static void plat_token_changed_payload_bad_signature(void **state)
{
	const uint8_t *value;

	(void)state;
	assert_int_equal(plat_token_verify(token, token_len, test_hes->cpak_pub, &claims),
			 PLAT_VERIFY_OK);
	value = claims.sw[0].value.p;	/* points into token */
	token[value - token] ^= 0x01;
	assert_int_equal(plat_token_verify(token, token_len, test_hes->cpak_pub, &claims),
			 PLAT_VERIFY_BAD_SIGNATURE);
}

static void plat_token_changed_signature_bad_signature(void **state)
{
	(void)state;
	token[token_len - 1U] ^= 0x80;	/* the last byte of s */
	assert_int_equal(plat_token_verify(token, token_len, test_hes->cpak_pub, &claims),
			 PLAT_VERIFY_BAD_SIGNATURE);
}

static void plat_token_not_a_point_bad_key(void **state)
{
	uint8_t cpak[HES_P384_PUB_BYTES];

	(void)state;
	memcpy(cpak, test_hes->cpak_pub, sizeof(cpak));
	cpak[HES_P384_PUB_BYTES - 1U] ^= 0x01;	/* y no longer on the curve */
	assert_int_equal(plat_token_verify(token, token_len, cpak, &claims), PLAT_VERIFY_BAD_KEY);
}

/* Signed by the CPAK, but naming another CPAK as the instance. */
static void plat_token_other_instance_id_refused(void **state)
{
	uint8_t real[HES_P384_PUB_BYTES];

	memcpy(real, test_hes->cpak_pub, sizeof(real));
	test_hes->cpak_pub[1] ^= 0x01;
	assert_int_equal(hes_test_kat_token(state, token, sizeof(token), &token_len), 0);
	memcpy(test_hes->cpak_pub, real, sizeof(real));
	assert_int_equal(plat_token_verify(token, token_len, real, &claims),
			 PLAT_VERIFY_WRONG_INSTANCE);
}

static void plat_token_truncated_or_extended_malformed(void **state)
{
	(void)state;
	for (size_t len = 0; len < token_len; len++)
		assert_int_equal(plat_token_verify(token, len, test_hes->cpak_pub, &claims),
				 PLAT_VERIFY_MALFORMED);
	token[token_len] = 0x00;
	assert_int_equal(plat_token_verify(token, token_len + 1U, test_hes->cpak_pub, &claims),
			 PLAT_VERIFY_MALFORMED);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(plat_token_verifies_under_its_cpak, kat_token),
	cmocka_unit_test_setup(plat_token_changed_payload_bad_signature, kat_token),
	cmocka_unit_test_setup(plat_token_changed_signature_bad_signature, kat_token),
	cmocka_unit_test_setup(plat_token_not_a_point_bad_key, kat_token),
	cmocka_unit_test_setup(plat_token_other_instance_id_refused, kat_token),
	cmocka_unit_test_setup(plat_token_truncated_or_extended_malformed, kat_token),
};

HES_GROUP(plat_verify_tests, tests);
