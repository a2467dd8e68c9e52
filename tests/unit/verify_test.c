/*
 * The realm host's token verifier (verify/), built into the host unit
 * tests: its CBOR decoder against RFC 8949 Appendix A and non-strict
 * encodings, and cca_verify() on tokens the RMM made, whole and tampered.
 */
#include <stdbool.h>
#include <string.h>

#include "../../verify/cbor_dec.h"
#include "../../verify/cca_verify.h"

#include <mbedtls/sha256.h>

#include "attest_fixture.h"
#include "unit.h"

#define BYTES(...) ((const uint8_t[]){ __VA_ARGS__ }), sizeof((const uint8_t[]){ __VA_ARGS__ })

static struct cbor_dec dec(const uint8_t *p, size_t len)
{
	struct cbor_dec d;

	cbor_dec_init(&d, p, len);
	return d;
}

static uint64_t uint_of(const uint8_t *p, size_t len)
{
	struct cbor_dec d = dec(p, len);
	uint64_t v = 0;

	assert_true(cbor_get_uint(&d, &v));
	assert_true(cbor_dec_done(&d));
	return v;
}

static int64_t int_of(const uint8_t *p, size_t len)
{
	struct cbor_dec d = dec(p, len);
	int64_t v = 0;

	assert_true(cbor_get_int(&d, &v));
	assert_true(cbor_dec_done(&d));
	return v;
}

/* One cbor_skip() over the whole input succeeds or fails. */
static bool skips(const uint8_t *p, size_t len)
{
	struct cbor_dec d = dec(p, len);

	return cbor_skip(&d) && cbor_dec_done(&d);
}

static void cbor_dec_rfc8949_vectors(void **state)
{
	struct cbor_dec d;
	const uint8_t *s;
	const char *t;
	size_t len;
	uint64_t n;

	(void)state;
	assert_int_equal(uint_of(BYTES(0x00)), 0);
	assert_int_equal(uint_of(BYTES(0x17)), 23);
	assert_int_equal(uint_of(BYTES(0x18, 0x18)), 24);
	assert_int_equal(uint_of(BYTES(0x19, 0x03, 0xe8)), 1000);
	assert_int_equal(uint_of(BYTES(0x1a, 0x00, 0x0f, 0x42, 0x40)), 1000000);
	assert_true(uint_of(BYTES(0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)) ==
		    UINT64_MAX);
	assert_int_equal(int_of(BYTES(0x20)), -1);
	assert_int_equal(int_of(BYTES(0x38, 0x63)), -100);
	assert_int_equal(int_of(BYTES(0x39, 0x03, 0xe7)), -1000);
	assert_true(int_of(BYTES(0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)) ==
		    INT64_MIN);

	d = dec(BYTES(0x44, 0x01, 0x02, 0x03, 0x04, 0x64, 0x49, 0x45, 0x54, 0x46));
	assert_true(cbor_get_bstr(&d, &s, &len));
	assert_int_equal(len, 4);
	assert_int_equal(s[3], 4);
	assert_true(cbor_get_tstr_eq(&d, "IETF"));
	assert_true(cbor_dec_done(&d));

	/* 1(1363896240) and {"a": 1, "b": [2, 3]} */
	d = dec(BYTES(0xc1, 0x1a, 0x51, 0x4b, 0x67, 0xb0, 0xa2, 0x61, 0x61, 0x01, 0x61, 0x62, 0x82,
		      0x02, 0x03));
	assert_true(cbor_get_tag(&d, &n));
	assert_int_equal(n, 1);
	assert_true(cbor_get_uint(&d, &n));
	assert_int_equal(n, 1363896240);
	assert_true(cbor_get_map(&d, &n));
	assert_int_equal(n, 2);
	assert_true(cbor_get_tstr(&d, &t, &len));
	assert_true(len == 1 && t[0] == 'a');
	assert_true(cbor_skip(&d));
	assert_true(cbor_get_tstr_eq(&d, "b"));
	assert_true(cbor_get_array(&d, &n));
	assert_int_equal(n, 2);
	assert_true(cbor_skip(&d) && cbor_skip(&d));
	assert_true(cbor_dec_done(&d));

	/* [1, [2, 3], [4, 5]] and 24(h'6449455446') in one skip each. */
	assert_true(skips(BYTES(0x83, 0x01, 0x82, 0x02, 0x03, 0x82, 0x04, 0x05)));
	assert_true(skips(BYTES(0xd8, 0x18, 0x45, 0x64, 0x49, 0x45, 0x54, 0x46)));
}

static void cbor_dec_rejects_non_strict(void **state)
{
	struct cbor_dec d;
	uint64_t n;
	int64_t i;

	(void)state;
	/* Heads longer than they need to be. */
	assert_false(skips(BYTES(0x18, 0x17)));
	assert_false(skips(BYTES(0x19, 0x00, 0xff)));
	assert_false(skips(BYTES(0x1a, 0x00, 0x00, 0xff, 0xff)));
	assert_false(skips(BYTES(0x1b, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff)));
	assert_false(skips(BYTES(0x58, 0x01, 0xaa)));
	/* Indefinite lengths, reserved additional information, floats and simple values. */
	assert_false(skips(BYTES(0x5f, 0x41, 0x01, 0xff)));
	assert_false(skips(BYTES(0x9f, 0xff)));
	assert_false(skips(BYTES(0xbf, 0xff)));
	assert_false(skips(BYTES(0x1c)));
	assert_false(skips(BYTES(0xf5)));
	assert_false(skips(BYTES(0xf9, 0x3c, 0x00)));
	/* Truncated heads, strings and containers. */
	assert_false(skips(BYTES(0x19, 0x01)));
	assert_false(skips(BYTES(0x44, 0x01, 0x02)));
	assert_false(skips(BYTES(0x82, 0x01)));
	assert_false(skips(BYTES(0xa1, 0x01)));
	assert_false(skips(BYTES(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00)));
	/* Nesting deeper than the decoder follows. */
	{
		uint8_t deep[CBOR_DEC_MAX_DEPTH + 1U];

		memset(deep, 0x81, sizeof(deep));
		deep[sizeof(deep) - 1U] = 0x00;
		assert_false(skips(deep, sizeof(deep)));
		assert_true(skips(deep + 1, sizeof(deep) - 1U));
	}
	/* A negative integer beyond int64_t, and a type mismatch; errors stick. */
	d = dec(BYTES(0x3b, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00));
	assert_false(cbor_get_int(&d, &i));
	d = dec(BYTES(0x01, 0x02));
	assert_false(cbor_get_map(&d, &n));
	assert_false(cbor_get_uint(&d, &n));
	assert_false(cbor_dec_done(&d));
	/* Bytes left over. */
	d = dec(BYTES(0x01, 0x02));
	assert_true(cbor_get_uint(&d, &n));
	assert_false(cbor_dec_done(&d));
}

/* ---- cca_verify ------------------------------------------------------------ */

static void check_claims(const struct cca_claims *c, const struct rd *rd, uint8_t seed)
{
	uint8_t challenge[ATTEST_CHALLENGE_SIZE], rak_hash[32];
	size_t plat_len;
	const uint8_t *plat = attest_plat_token(&plat_len);

	at_fill(challenge, sizeof(challenge), seed);
	assert_memory_equal(c->challenge, challenge, sizeof(challenge));
	assert_memory_equal(c->rpv, rd->rpv, 64);
	assert_int_equal(c->sha512, rd->algo == MEASURE_SHA512);
	assert_int_equal(c->digest_len, measure_digest_size(rd->algo));
	assert_memory_equal(c->rim, rd->rim, c->digest_len);
	for (unsigned int i = 0; i < 4U; i++)
		assert_memory_equal(c->rem[i], rd->rem[i], c->digest_len);
	assert_int_equal(c->rak_len, ATTEST_COSE_KEY_SIZE);
	assert_memory_equal(c->rak, attest_key_cose(), ATTEST_COSE_KEY_SIZE);
	assert_int_equal(c->plat_token_len, plat_len);
	assert_memory_equal(c->plat_token, plat, plat_len);
	assert_int_equal(mbedtls_sha256(c->rak, c->rak_len, rak_hash, 0), 0);
	assert_int_equal(c->plat_challenge_len, sizeof(rak_hash));
	assert_memory_equal(c->plat_challenge, rak_hash, sizeof(rak_hash));
}

static void verify_accepts_rmm_tokens(void **state)
{
	static const enum measure_algo algos[] = { MEASURE_SHA256, MEASURE_SHA512 };
	struct cca_claims c;

	(void)state;
	for (unsigned int i = 0; i < 2U; i++) {
		const struct rd *rd = at_realm(algos[i]);
		size_t len = at_make_token(rd, (uint8_t)(0x40 + i), at_token);

		assert_int_equal(cca_verify(at_token, len, &c), CCA_VERIFY_OK);
		check_claims(&c, rd, (uint8_t)(0x40 + i));
	}
}

/* Where needle first occurs in the token at or after from. */
static size_t find(const uint8_t *tok, size_t len, size_t from, const void *needle, size_t n)
{
	const uint8_t *p = memmem(tok + from, len - from, needle, n);

	assert_non_null(p);
	return (size_t)(p - tok);
}

/* The token with one byte changed at off gives want. */
static void flipped(size_t len, size_t off, enum cca_verify_result want)
{
	static uint8_t copy[RSI_ATTEST_TOKEN_MAX_SIZE];
	struct cca_claims c;

	memcpy(copy, at_token, len);
	copy[off] ^= 0x01;
	assert_string_equal(cca_verify_result_name(cca_verify(copy, len, &c)),
			    cca_verify_result_name(want));
}

static void verify_rejects_tampering(void **state)
{
	static const uint8_t realm_key[] = { 0x19, 0xAC, 0xD1 }, es384[] = { 0x44, 0xA1, 0x01,
									       0x38, 0x22 };
	const struct rd *rd = at_realm(MEASURE_SHA256);
	size_t len = at_make_token(rd, 5, at_token), realm, rak_hash_off;
	uint8_t rak_hash[32];
	struct cca_claims c;

	(void)state;
	realm = find(at_token, len, 0, realm_key, sizeof(realm_key));
	flipped(len, find(at_token, len, realm, rd->rpv, 64), CCA_VERIFY_BAD_SIGNATURE);
	flipped(len, len - 1U, CCA_VERIFY_BAD_SIGNATURE);
	flipped(len, len - 96U, CCA_VERIFY_BAD_SIGNATURE);
	/* x of the RAK: no longer a point on the curve. */
	flipped(len, find(at_token, len, realm, attest_key_cose(), ATTEST_COSE_KEY_SIZE) + 8U,
		CCA_VERIFY_BAD_KEY);
	/* alg -35 (ES384) made -36 (ES512). */
	flipped(len, find(at_token, len, realm, es384, sizeof(es384)) + 4U, CCA_VERIFY_MALFORMED);
	/* The platform token's challenge: the realm token still verifies, the binding does not. */
	assert_int_equal(mbedtls_sha256(attest_key_cose(), ATTEST_COSE_KEY_SIZE, rak_hash, 0), 0);
	rak_hash_off = find(at_token, len, 0, rak_hash, sizeof(rak_hash));
	assert_true(rak_hash_off < realm);
	flipped(len, rak_hash_off, CCA_VERIFY_UNBOUND);
	/* The tag 399 changed; a byte short; a byte more. */
	flipped(len, 2, CCA_VERIFY_MALFORMED);
	assert_int_equal(cca_verify(at_token, len - 1U, &c), CCA_VERIFY_MALFORMED);
	at_token[len] = 0x00;
	assert_int_equal(cca_verify(at_token, len + 1U, &c), CCA_VERIFY_MALFORMED);
	assert_int_equal(cca_verify(at_token, len, &c), CCA_VERIFY_OK);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(cbor_dec_rfc8949_vectors),
	cmocka_unit_test(cbor_dec_rejects_non_strict),
	cmocka_unit_test_setup(verify_accepts_rmm_tokens, unit_boot_rmm),
	cmocka_unit_test_setup(verify_rejects_tampering, unit_boot_rmm),
};

UNIT_GROUP(verify_tests, tests, NULL);
