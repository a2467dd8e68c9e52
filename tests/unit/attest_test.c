/*
 * The CCA attestation token (rmm/core/attest_key.c, attest_token.c). The
 * token is taken apart by a small strict CBOR reader written here (no code
 * shared with lib/cbor.c), its claims are compared with the spec's
 * layout, and both signatures are checked with OpenSSL over Sig_structures
 * built byte by byte below, against public keys OpenSSL derives itself
 * from the emulated EL3's private scalars.
 */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/params.h>

#include <atoll/el3.h>
#include <rmm/attest_key.h>
#include <rmm/attest_token.h>

#include "attest_fixture.h"
#include "unit.h"

#define P384	48U

/* ---- A strict CBOR reader: any deviation fails the test ------------------ */

struct dec {
	const uint8_t *p;
	const uint8_t *end;
};

static struct dec dec_of(const uint8_t *p, size_t len)
{
	return (struct dec){ p, p + len };
}

/* One head of the given major type, in shortest form, definite length. */
static uint64_t dec_head(struct dec *d, unsigned int major)
{
	unsigned int ai, n;
	uint64_t v = 0;

	assert_true(d->p < d->end);
	assert_int_equal(*d->p >> 5, major);
	ai = *d->p++ & 0x1FU;
	if (ai < 24U)
		return ai;
	assert_in_range(ai, 24, 27);
	n = 1U << (ai - 24U);
	assert_true((size_t)(d->end - d->p) >= n);
	for (unsigned int i = 0; i < n; i++)
		v = v << 8 | *d->p++;
	assert_true(v >= (n == 1U ? 24U : 1ULL << (4U * n)));
	return v;
}

static const uint8_t *dec_string(struct dec *d, unsigned int major, size_t *len)
{
	const uint8_t *s;

	*len = dec_head(d, major);
	assert_true(*len <= (size_t)(d->end - d->p));
	s = d->p;
	d->p += *len;
	return s;
}

static const uint8_t *dec_bstr(struct dec *d, size_t *len)
{
	return dec_string(d, 2, len);
}

/* A byte string of exactly len bytes. */
static const uint8_t *dec_bstr_n(struct dec *d, size_t len)
{
	size_t got;
	const uint8_t *s = dec_bstr(d, &got);

	assert_int_equal(got, len);
	return s;
}

static void dec_tstr_is(struct dec *d, const char *want)
{
	size_t len;
	const uint8_t *s = dec_string(d, 3, &len);

	assert_int_equal(len, strlen(want));
	assert_memory_equal(s, want, len);
}

static void dec_key(struct dec *d, uint64_t key)
{
	assert_int_equal(dec_head(d, 0), key);
}

/* ---- The token, taken apart ---------------------------------------------- */

struct cose_sign1 {
	const uint8_t *payload;
	size_t payload_len;
	const uint8_t *sig;
};

struct realm_claims {
	const uint8_t *challenge, *rpv, *pub_key, *rim;
	const uint8_t *rem[4];
	size_t digest_len;
};

/* tag 18 [h'A1013822', {}, payload, signature(96)] filling the whole buffer. */
static struct cose_sign1 dec_cose_sign1(const uint8_t *p, size_t len)
{
	static const uint8_t protected_es384[] = { 0xA1, 0x01, 0x38, 0x22 };
	struct dec d = dec_of(p, len);
	struct cose_sign1 c;

	assert_int_equal(dec_head(&d, 6), 18);
	assert_int_equal(dec_head(&d, 4), 4);
	assert_memory_equal(dec_bstr_n(&d, 4), protected_es384, 4);
	assert_int_equal(dec_head(&d, 5), 0);
	c.payload = dec_bstr(&d, &c.payload_len);
	c.sig = dec_bstr_n(&d, 96);
	assert_ptr_equal(d.p, d.end);
	return c;
}

/* tag 399 {44234: platform token, 44241: realm token}, nothing after it. */
static void dec_cca_token(const uint8_t *tok, size_t len, struct cose_sign1 *realm,
			  const uint8_t **plat, size_t *plat_len)
{
	struct dec d = dec_of(tok, len);
	size_t realm_len;
	const uint8_t *realm_tok;

	assert_int_equal(dec_head(&d, 6), 399);
	assert_int_equal(dec_head(&d, 5), 2);
	dec_key(&d, 44234);
	*plat = dec_bstr(&d, plat_len);
	dec_key(&d, 44241);
	realm_tok = dec_bstr(&d, &realm_len);
	assert_ptr_equal(d.p, d.end);
	*realm = dec_cose_sign1(realm_tok, realm_len);
}

/* The realm claims map, keys in the spec's order. */
static struct realm_claims dec_realm_claims(const struct cose_sign1 *c, const char *algo)
{
	struct dec d = dec_of(c->payload, c->payload_len);
	struct realm_claims rc;

	rc.digest_len = strcmp(algo, "sha-512") == 0 ? 64U : 32U;
	assert_int_equal(dec_head(&d, 5), 8);
	dec_key(&d, 10);
	rc.challenge = dec_bstr_n(&d, 64);
	dec_key(&d, 44235);
	rc.rpv = dec_bstr_n(&d, 64);
	dec_key(&d, 44237);
	rc.pub_key = dec_bstr_n(&d, 107);
	dec_key(&d, 44236);
	dec_tstr_is(&d, algo);
	dec_key(&d, 44240);
	dec_tstr_is(&d, "sha-256");
	dec_key(&d, 265);
	dec_tstr_is(&d, "tag:arm.com,2023:realm#1.0.0");
	dec_key(&d, 44238);
	rc.rim = dec_bstr_n(&d, rc.digest_len);
	dec_key(&d, 44239);
	assert_int_equal(dec_head(&d, 4), 4);
	for (unsigned int i = 0; i < 4U; i++)
		rc.rem[i] = dec_bstr_n(&d, rc.digest_len);
	assert_ptr_equal(d.p, d.end);
	return rc;
}

/* The emulated platform token's challenge claim (key 10, second in its map). */
static const uint8_t *dec_plat_challenge(const struct cose_sign1 *c, size_t *len)
{
	struct dec d = dec_of(c->payload, c->payload_len);

	assert_int_equal(dec_head(&d, 5), 9);
	dec_key(&d, 265);
	dec_tstr_is(&d, "tag:arm.com,2023:cca_platform#1.0.0");
	dec_key(&d, 10);
	return dec_bstr(&d, len);
}

/* ---- OpenSSL: keys, hashes, ES384 ------------------------------------------ */

/* pub = 04 || x || y of d.G on P-384. */
static void ossl_public_key(const uint8_t d[P384], uint8_t pub[1 + 2 * P384])
{
	EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_secp384r1);
	EC_POINT *q = EC_POINT_new(g);
	BIGNUM *k = BN_bin2bn(d, P384, NULL);

	assert_int_equal(EC_POINT_mul(g, q, k, NULL, NULL, NULL), 1);
	assert_int_equal(EC_POINT_point2oct(g, q, POINT_CONVERSION_UNCOMPRESSED, pub,
					    1 + 2 * P384, NULL),
			 1 + 2 * P384);
	BN_free(k);
	EC_POINT_free(q);
	EC_GROUP_free(g);
}

/* The spec's COSE_Key bytes: A4 01 02 20 02 21 58 30 x 22 58 30 y. */
static void cose_key_of(const uint8_t pub[1 + 2 * P384], uint8_t out[107])
{
	static const uint8_t head[] = { 0xA4, 0x01, 0x02, 0x20, 0x02, 0x21, 0x58, 0x30 };

	memcpy(out, head, sizeof(head));
	memcpy(out + 8, pub + 1, P384);
	out[56] = 0x22;
	out[57] = 0x58;
	out[58] = 0x30;
	memcpy(out + 59, pub + 1 + P384, P384);
}

static void sha(const EVP_MD *md, const void *data, size_t len, uint8_t *out)
{
	assert_int_equal(EVP_Digest(data, len, out, NULL, md, NULL), 1);
}

/* An OpenSSL public key from 04 || x || y. */
static EVP_PKEY *ossl_pkey(const uint8_t pub[1 + 2 * P384])
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)"secp384r1", 0),
		OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)pub,
						  1 + 2 * P384),
		OSSL_PARAM_construct_end(),
	};
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	EVP_PKEY *pkey = NULL;

	assert_int_equal(EVP_PKEY_fromdata_init(pctx), 1);
	assert_int_equal(EVP_PKEY_fromdata(pctx, &pkey, EVP_PKEY_PUBLIC_KEY, params), 1);
	EVP_PKEY_CTX_free(pctx);
	return pkey;
}

/* ES384 over ["Signature1", h'A1013822', h'', payload], the array built by hand. */
static bool ossl_es384_verify(const uint8_t pub[1 + 2 * P384], const struct cose_sign1 *c)
{
	static const uint8_t prefix[] = { 0x84, 0x6A, 'S', 'i', 'g', 'n', 'a', 't', 'u', 'r',
					  'e', '1', 0x44, 0xA1, 0x01, 0x38, 0x22, 0x40 };
	uint8_t tbs[4096], hash[48], der[128];
	uint8_t *dp = der;
	size_t n = sizeof(prefix);
	ECDSA_SIG *sig = ECDSA_SIG_new();
	EVP_PKEY *pkey = ossl_pkey(pub);
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(pkey, NULL);
	int ok, der_len;

	/* Both tokens' payloads take a 2-byte length: 59 hi lo. */
	assert_true(c->payload_len >= 256U && c->payload_len < 0x10000U);
	memcpy(tbs, prefix, n);
	tbs[n++] = 0x59;
	tbs[n++] = (uint8_t)(c->payload_len >> 8);
	tbs[n++] = (uint8_t)c->payload_len;
	memcpy(tbs + n, c->payload, c->payload_len);
	sha(EVP_sha384(), tbs, n + c->payload_len, hash);

	assert_int_equal(ECDSA_SIG_set0(sig, BN_bin2bn(c->sig, P384, NULL),
					BN_bin2bn(c->sig + P384, P384, NULL)),
			 1);
	der_len = i2d_ECDSA_SIG(sig, &dp);
	assert_true(der_len > 0);
	assert_int_equal(EVP_PKEY_verify_init(pctx), 1);
	ok = EVP_PKEY_verify(pctx, der, (size_t)der_len, hash, sizeof(hash));
	EVP_PKEY_CTX_free(pctx);
	EVP_PKEY_free(pkey);
	ECDSA_SIG_free(sig);
	return ok == 1;
}

/* ---- Tests --------------------------------------------------------------------- */

/* SHA-256 of the COSE_Key of the emulated EL3's RAK: the platform token's challenge. */
static void rak_hash(uint8_t hash[32])
{
	uint8_t pub[1 + 2 * P384], cose[107];

	ossl_public_key(host_el3_rak, pub);
	cose_key_of(pub, cose);
	sha(EVP_sha256(), cose, sizeof(cose), hash);
}

/*
 * Cold boot only takes the private scalar: no public key, so no platform
 * token either (asked for only with SHA-256 of the public key).
 */
static void attest_boot_only_loads_rak(void **state)
{
	(void)state;
	assert_int_equal(attest_key_state(), ATTEST_KEY_PENDING);
	assert_false(attest_key_ready());
	assert_int_equal(host_el3_attest.realm_key_calls, 1);
	assert_int_equal(host_el3_attest.plat_token_calls, 0);
	/* Firmware without the public-key call was asked once, so the first token derives it. */
	assert_int_equal(host_el3_attest.pubkey_calls, 1);
}

/* The emulated EL3's public key is its RAK's: what OpenSSL derives from the scalar. */
static void attest_host_el3_pubkey_matches_rak(void **state)
{
	uint8_t pub[1 + 2 * P384];

	(void)state;
	ossl_public_key(host_el3_rak, pub);
	assert_int_equal(sizeof(host_el3_rak_pub), sizeof(pub));
	assert_memory_equal(host_el3_rak_pub, pub, sizeof(pub));
}

/*
 * With the public key from EL3, cold boot holds the COSE_Key and the first
 * token's set-up is one step, only the platform token (bound to that key):
 * no slices of d.G. The token is byte for byte the one the derived key
 * gives, and verifies under the RAK's public key.
 */
static void attest_pubkey_from_el3_spares_derivation(void **state)
{
	static uint8_t derived[RSI_ATTEST_TOKEN_MAX_SIZE];
	const struct rd *rd = at_realm(MEASURE_SHA256);
	uint8_t pub[1 + 2 * P384], cose[107], hash[32], challenge[ATTEST_CHALLENGE_SIZE];
	size_t derived_len = at_make_token(rd, 6, derived), len, plat_len;
	const uint8_t *plat;
	struct cose_sign1 realm;

	(void)state;
	host_el3_attest.pubkey = HOST_EL3_PUBKEY_MATCHING;
	at_reboot();
	assert_int_equal(host_el3_attest.pubkey_calls, 2);
	assert_int_equal(attest_key_state(), ATTEST_KEY_PENDING);
	ossl_public_key(host_el3_rak, pub);
	cose_key_of(pub, cose);
	assert_memory_equal(attest_key_cose(), cose, sizeof(cose));
	assert_int_equal(host_el3_attest.plat_token_calls, 1);

	at_fill(challenge, sizeof(challenge), 6);
	assert_true(attest_token_init(&at_ctx, challenge, rd));
	/* One CONTINUE, even one asked to give way at once, ends the set-up. */
	assert_int_equal(attest_token_continue_sign(&at_ctx, at_always_yield), ATTEST_SIGN_YIELD);
	assert_true(attest_key_ready());
	assert_int_equal(host_el3_attest.plat_token_calls, 2);
	rak_hash(hash);
	assert_int_equal(host_el3_attest.c_size, 32);
	assert_memory_equal(host_el3_attest.challenge, hash, sizeof(hash));
	assert_int_equal(attest_token_continue_sign(&at_ctx, at_never_yield), ATTEST_SIGN_DONE);
	len = at_read_all(at_token);
	assert_int_equal(len, derived_len);
	assert_memory_equal(at_token, derived, len);
	dec_cca_token(at_token, len, &realm, &plat, &plat_len);
	assert_true(ossl_es384_verify(pub, &realm));
}

/*
 * A public key from EL3 that is not an uncompressed point of P-384 is
 * refused at cold boot: attestation is unavailable (INIT fails, so no
 * token is ever signed under that key claim) and no platform token is
 * asked for.
 */
static void pubkey_refused(enum host_el3_pubkey bad)
{
	uint8_t challenge[ATTEST_CHALLENGE_SIZE] = { 0 };

	host_el3_attest.pubkey = bad;
	at_reboot();
	assert_int_equal(attest_key_state(), ATTEST_KEY_UNAVAILABLE);
	assert_false(attest_token_init(&at_ctx, challenge, at_realm(MEASURE_SHA256)));
	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_IDLE);
	assert_int_equal(attest_token_continue_sign(&at_ctx, at_never_yield), ATTEST_SIGN_ERROR);
	assert_int_equal(host_el3_attest.plat_token_calls, 0);
}

static void attest_pubkey_off_curve_refused(void **state)
{
	(void)state;
	pubkey_refused(HOST_EL3_PUBKEY_OFF_CURVE);
}

static void attest_pubkey_malformed_refused(void **state)
{
	(void)state;
	pubkey_refused(HOST_EL3_PUBKEY_SHORT);
	pubkey_refused(HOST_EL3_PUBKEY_COMPRESSED);
}

/* The first token sets up: EL3 asked once, with SHA-256 of the RAK's COSE_Key as challenge. */
static void attest_setup_binds_platform_token_to_rak(void **state)
{
	uint8_t pub[1 + 2 * P384], cose[107], hash[32];

	(void)state;
	(void)at_make_token(at_realm(MEASURE_SHA256), 1, at_token);
	assert_true(attest_key_ready());
	assert_int_equal(host_el3_attest.realm_key_calls, 1);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
	ossl_public_key(host_el3_rak, pub);
	cose_key_of(pub, cose);
	assert_memory_equal(attest_key_cose(), cose, sizeof(cose));
	rak_hash(hash);
	assert_int_equal(host_el3_attest.c_size, 32);
	assert_memory_equal(host_el3_attest.challenge, hash, sizeof(hash));
	/* Later tokens use what the first one set up. */
	(void)at_make_token(at_realm(MEASURE_SHA512), 2, at_token);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
}

/* Every claim of a SHA-256 or SHA-512 realm, and the RAK's signature over them. */
static void check_token_for(enum measure_algo algo, const char *algo_name)
{
	const struct rd *rd = at_realm(algo);
	uint8_t pub[1 + 2 * P384], cose[107], challenge[64];
	size_t len = at_make_token(rd, 0x5A, at_token), plat_len;
	const uint8_t *plat;
	struct cose_sign1 realm;
	struct realm_claims rc;

	assert_true(len <= RSI_ATTEST_TOKEN_MAX_SIZE);
	dec_cca_token(at_token, len, &realm, &plat, &plat_len);
	rc = dec_realm_claims(&realm, algo_name);
	at_fill(challenge, sizeof(challenge), 0x5A);
	assert_memory_equal(rc.challenge, challenge, 64);
	assert_memory_equal(rc.rpv, rd->rpv, 64);
	assert_memory_equal(rc.rim, rd->rim, rc.digest_len);
	for (unsigned int i = 0; i < 4U; i++)
		assert_memory_equal(rc.rem[i], rd->rem[i], rc.digest_len);
	ossl_public_key(host_el3_rak, pub);
	cose_key_of(pub, cose);
	assert_memory_equal(rc.pub_key, cose, sizeof(cose));
	assert_true(ossl_es384_verify(pub, &realm));
	/* The platform token is carried exactly as EL3 gave it. */
	{
		size_t want_len;
		const uint8_t *want = attest_plat_token(&want_len);

		assert_int_equal(plat_len, want_len);
		assert_memory_equal(plat, want, want_len);
	}
}

static void attest_token_claims_sha256(void **state)
{
	(void)state;
	check_token_for(MEASURE_SHA256, "sha-256");
}

static void attest_token_claims_sha512(void **state)
{
	(void)state;
	check_token_for(MEASURE_SHA512, "sha-512");
}

/* The platform token's challenge is SHA-256 of the realm token's key claim, and EL3 signed it. */
static void attest_token_rak_binding(void **state)
{
	uint8_t plat_pub[1 + 2 * P384], hash[32];
	size_t len = at_make_token(at_realm(MEASURE_SHA256), 1, at_token), plat_len, c_len;
	const uint8_t *plat, *challenge;
	struct cose_sign1 realm, platform;
	struct realm_claims rc;

	(void)state;
	dec_cca_token(at_token, len, &realm, &plat, &plat_len);
	rc = dec_realm_claims(&realm, "sha-256");
	platform = dec_cose_sign1(plat, plat_len);
	challenge = dec_plat_challenge(&platform, &c_len);
	sha(EVP_sha256(), rc.pub_key, 107, hash);
	assert_int_equal(c_len, sizeof(hash));
	assert_memory_equal(challenge, hash, sizeof(hash));
	ossl_public_key(host_el3_platform_key, plat_pub);
	assert_true(ossl_es384_verify(plat_pub, &platform));
}

/* Asked to yield after every slice, signing takes many calls and ends with the same token. */
static void attest_sign_yields_when_asked(void **state)
{
	static uint8_t straight[RSI_ATTEST_TOKEN_MAX_SIZE];
	const struct rd *rd = at_realm(MEASURE_SHA256);
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];
	size_t straight_len = at_make_token(rd, 9, straight), peak = 0;
	unsigned int yields = 0;
	enum attest_sign_result r;

	(void)state;
	at_fill(challenge, sizeof(challenge), 9);
	assert_true(attest_token_init(&at_ctx, challenge, rd));
	while ((r = attest_token_continue_sign(&at_ctx, at_always_yield)) == ATTEST_SIGN_YIELD) {
		yields++;
		assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_SIGNING);
		if (at_ctx.sign.heap.peak > peak)
			peak = at_ctx.sign.heap.peak;
	}
	assert_int_equal(r, ATTEST_SIGN_DONE);
	assert_true(yields > 10U);
	print_message("attest: %u yields, arena peak %zu of %u bytes, ctx %zu bytes\n", yields,
		      peak, ATTEST_HEAP_SIZE, sizeof(struct attest_ctx));
	/* Deterministic ECDSA: slicing changes nothing in the result. */
	assert_int_equal(at_read_all(at_token), straight_len);
	assert_memory_equal(at_token, straight, straight_len);
}

/*
 * CONTINUE calls (always asked to yield) that the set-up takes: one slice
 * each. The set-up is the boot's, so only the first token of a boot counts.
 */
static unsigned int setup_calls(struct attest_ctx *ctx)
{
	unsigned int calls = 0;

	while (!attest_key_ready()) {
		assert_int_equal(attest_token_continue_sign(ctx, at_always_yield),
				 ATTEST_SIGN_YIELD);
		assert_int_equal(attest_token_state(ctx), ATTEST_TOKEN_SIGNING);
		calls++;
	}
	return calls;
}

/*
 * The first token sets the RAK up in slices, giving way after each; the
 * platform token is asked for only after the last one. Then the signature,
 * sliced as well, and the same token as when nothing yields.
 */
static void attest_setup_in_slices(void **state)
{
	static uint8_t straight[RSI_ATTEST_TOKEN_MAX_SIZE];
	const struct rd *rd = at_realm(MEASURE_SHA256);
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];
	unsigned int calls = 0, sign_yields = 0;
	enum attest_sign_result r;
	size_t len;

	(void)state;
	at_fill(challenge, sizeof(challenge), 4);
	assert_true(attest_token_init(&at_ctx, challenge, rd));
	while (!attest_key_ready()) {
		assert_int_equal(host_el3_attest.plat_token_calls, 0);
		assert_int_equal(attest_key_state(), ATTEST_KEY_PENDING);
		assert_int_equal(attest_token_continue_sign(&at_ctx, at_always_yield),
				 ATTEST_SIGN_YIELD);
		calls++;
	}
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
	while ((r = attest_token_continue_sign(&at_ctx, at_always_yield)) == ATTEST_SIGN_YIELD)
		sign_yields++;
	assert_int_equal(r, ATTEST_SIGN_DONE);
	print_message("attest: RAK set-up in %u slices, signature in %u more calls\n", calls,
		      sign_yields + 1U);
	assert_true(calls > 10U);
	len = at_read_all(at_token);
	assert_int_equal(at_make_token(rd, 4, straight), len);
	assert_memory_equal(at_token, straight, len);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
}

struct race_rec {
	struct attest_ctx ctx;
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];
	unsigned int cpu;
};

static struct race_rec race[2];

/* INIT for REC i of the race, on its CPU, with challenge at_fill(0x50 + i). */
static void race_init(unsigned int i, const struct rd *rd)
{
	race[i].cpu = i + 1U;
	at_fill(race[i].challenge, sizeof(race[i].challenge), (uint8_t)(0x50 + i));
	host_set_cpu(race[i].cpu);
	assert_true(attest_token_init(&race[i].ctx, race[i].challenge, rd));
	host_set_cpu(0);
}

/* Each race REC's token is the one a lone REC makes for its challenge. */
static void race_check_tokens(const struct rd *rd)
{
	static uint8_t want[RSI_ATTEST_TOKEN_MAX_SIZE];

	for (unsigned int i = 0; i < 2U; i++) {
		size_t len = attest_token_size(&race[i].ctx);
		bool done = false;

		assert_int_equal(attest_token_state(&race[i].ctx), ATTEST_TOKEN_SIGNED);
		assert_int_equal(attest_token_read(&race[i].ctx, at_token, sizeof(at_token), &done),
				 len);
		assert_true(done);
		assert_int_equal(at_make_token(rd, (uint8_t)(0x50 + i), want), len);
		assert_memory_equal(at_token, want, len);
	}
}

/*
 * Two RECs on two CPUs ask for their first token at once, taking turns a
 * slice at a time: they share one set-up (together as many slices as one
 * REC alone takes, one platform token), then each signs its own token.
 */
static void attest_setup_two_recs_take_turns(void **state)
{
	const struct rd *rd = at_realm(MEASURE_SHA512);
	unsigned int alone, calls[2] = { 0, 0 }, turn = 0;
	bool done[2] = { false, false };
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];
	unsigned long plat_calls;

	(void)state;
	/* A lone REC's count of set-up slices, then boot again. */
	at_fill(challenge, sizeof(challenge), 1);
	assert_true(attest_token_init(&at_ctx, challenge, rd));
	alone = setup_calls(&at_ctx);
	at_reboot();
	plat_calls = host_el3_attest.plat_token_calls;

	race_init(0, rd);
	race_init(1, rd);
	while (!attest_key_ready()) {
		host_set_cpu(race[turn].cpu);
		assert_int_equal(attest_token_continue_sign(&race[turn].ctx, at_always_yield),
				 ATTEST_SIGN_YIELD);
		calls[turn]++;
		turn ^= 1U;
	}
	assert_int_equal(calls[0] + calls[1], alone);
	assert_true(calls[0] > 1U && calls[1] > 1U);
	assert_int_equal(host_el3_attest.plat_token_calls, plat_calls + 1U);
	while (!done[0] || !done[1]) {
		enum attest_sign_result r;

		if (!done[turn]) {
			host_set_cpu(race[turn].cpu);
			r = attest_token_continue_sign(&race[turn].ctx, at_always_yield);
			assert_int_not_equal(r, ATTEST_SIGN_ERROR);
			done[turn] = r == ATTEST_SIGN_DONE;
		}
		turn ^= 1U;
	}
	host_set_cpu(0);
	assert_int_equal(host_el3_attest.plat_token_calls, plat_calls + 1U);
	race_check_tokens(rd);
}

/* A thread playing a REC on its own CPU: INIT done, CONTINUE until signed. */
static void *race_thread(void *arg)
{
	struct race_rec *rec = arg;
	enum attest_sign_result r;

	host_set_cpu(rec->cpu);
	/* One REC gives way after every slice, the other never does. */
	do
		r = attest_token_continue_sign(&rec->ctx, rec->cpu == 1U ? at_always_yield
									  : at_never_yield);
	while (r == ATTEST_SIGN_YIELD);
	return NULL;
}

/* The same race on two host threads, a few boots over: the set-up lock, for real. */
static void attest_setup_two_threads_race(void **state)
{
	const struct rd *rd = at_realm(MEASURE_SHA256);
	pthread_t t[2];

	(void)state;
	for (unsigned int boot = 1; boot <= 4U; boot++) {
		if (boot > 1U)
			at_reboot();
		race_init(0, rd);
		race_init(1, rd);
		for (unsigned int i = 0; i < 2U; i++)
			assert_int_equal(pthread_create(&t[i], NULL, race_thread, &race[i]), 0);
		for (unsigned int i = 0; i < 2U; i++)
			assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_true(attest_key_ready());
		assert_int_equal(host_el3_attest.plat_token_calls, boot);
		race_check_tokens(rd);
	}
}

/* CONTINUE's pieces: any sizes, in order, the last one ends the token. */
static void attest_read_in_pieces(void **state)
{
	static uint8_t whole[RSI_ATTEST_TOKEN_MAX_SIZE];
	const struct rd *rd = at_realm(MEASURE_SHA512);
	size_t len = at_make_token(rd, 3, whole), pos = 0, step = 1;
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];
	bool done = false;

	(void)state;
	at_fill(challenge, sizeof(challenge), 3);
	assert_true(attest_token_init(&at_ctx, challenge, rd));
	assert_int_equal(attest_token_continue_sign(&at_ctx, at_never_yield), ATTEST_SIGN_DONE);
	while (!done) {
		size_t n = attest_token_read(&at_ctx, at_token + pos, step, &done);

		assert_int_equal(n, len - pos < step ? len - pos : step);
		pos += n;
		step = step * 3U + 1U;
	}
	assert_int_equal(pos, len);
	assert_memory_equal(at_token, whole, len);
	/* After the last piece: nothing pending (CONTINUE gives ERROR_STATE). */
	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_IDLE);
	assert_int_equal(attest_token_read(&at_ctx, at_token, 16, &done), 0);
	assert_false(done);
}

/* Calls out of order do nothing. */
static void attest_calls_out_of_state(void **state)
{
	uint8_t challenge[ATTEST_CHALLENGE_SIZE] = { 0 };
	bool done = true;

	(void)state;
	memset(&at_ctx, 0, sizeof(at_ctx));	/* a fresh aux granule is idle */
	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_IDLE);
	assert_int_equal(attest_token_continue_sign(&at_ctx, at_never_yield), ATTEST_SIGN_ERROR);
	assert_int_equal(attest_token_read(&at_ctx, at_token, 16, &done), 0);
	assert_false(done);
	assert_true(attest_token_init(&at_ctx, challenge, at_realm(MEASURE_SHA256)));
	assert_int_equal(attest_token_read(&at_ctx, at_token, 16, &done), 0);
	assert_false(done);
	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_SIGNING);
}

/* A second INIT drops the half-made signature; the new token has the new challenge. */
static void attest_init_discards_token_in_progress(void **state)
{
	static uint8_t fresh[RSI_ATTEST_TOKEN_MAX_SIZE];
	const struct rd *rd = at_realm(MEASURE_SHA256);
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];
	size_t fresh_len = at_make_token(rd, 0x77, fresh);

	(void)state;
	at_fill(challenge, sizeof(challenge), 0x66);
	assert_true(attest_token_init(&at_ctx, challenge, rd));
	for (unsigned int i = 0; i < 3U; i++)
		assert_int_equal(attest_token_continue_sign(&at_ctx, at_always_yield), ATTEST_SIGN_YIELD);
	at_fill(challenge, sizeof(challenge), 0x77);
	assert_true(attest_token_init(&at_ctx, challenge, rd));
	assert_int_equal(attest_token_continue_sign(&at_ctx, at_never_yield), ATTEST_SIGN_DONE);
	assert_int_equal(at_read_all(at_token), fresh_len);
	assert_memory_equal(at_token, fresh, fresh_len);
}

/* Without a key from EL3 attestation is not initialised: INIT fails (RSI_ERROR_UNKNOWN). */
static void attest_init_fails_without_realm_key(void **state)
{
	uint8_t challenge[ATTEST_CHALLENGE_SIZE] = { 0 };

	(void)state;
	host_el3_attest.realm_key_error = E_RMM_UNK;
	at_reboot();
	assert_int_equal(attest_key_state(), ATTEST_KEY_UNAVAILABLE);
	/* No key, so no platform token was asked for either. */
	assert_int_equal(host_el3_attest.plat_token_calls, 0);
	assert_false(attest_token_init(&at_ctx, challenge, at_realm(MEASURE_SHA256)));
	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_IDLE);
}

/*
 * A set-up whose last step fails: the token in progress ends with an
 * error, attestation is unavailable from then on (INIT fails), and no
 * other REC's token fares better.
 */
static void setup_fails(void)
{
	static struct attest_ctx other;
	uint8_t challenge[ATTEST_CHALLENGE_SIZE] = { 0 };
	const struct rd *rd = at_realm(MEASURE_SHA256);

	assert_true(attest_token_init(&at_ctx, challenge, rd));
	assert_true(attest_token_init(&other, challenge, rd));
	assert_int_equal(attest_token_continue_sign(&at_ctx, at_never_yield), ATTEST_SIGN_ERROR);
	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_IDLE);
	assert_int_equal(attest_key_state(), ATTEST_KEY_UNAVAILABLE);
	assert_int_equal(attest_token_continue_sign(&other, at_never_yield), ATTEST_SIGN_ERROR);
	assert_false(attest_token_init(&at_ctx, challenge, rd));
	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_IDLE);
}

/*
 * EL3 refuses the platform token: it was asked after the public key was
 * derived (its challenge is the key's hash), in slices, and only then.
 */
static void attest_setup_fails_without_platform_token(void **state)
{
	uint8_t challenge[ATTEST_CHALLENGE_SIZE] = { 0 }, hash[32];
	unsigned int calls = 0;

	(void)state;
	host_el3_attest.plat_token_error = E_RMM_INVAL;
	at_reboot();
	/* Boot does not ask for it, so it cannot fail there. */
	assert_int_equal(host_el3_attest.plat_token_calls, 0);
	assert_int_equal(attest_key_state(), ATTEST_KEY_PENDING);
	assert_true(attest_token_init(&at_ctx, challenge, at_realm(MEASURE_SHA256)));
	while (host_el3_attest.plat_token_calls == 0U) {
		enum attest_sign_result r = attest_token_continue_sign(&at_ctx, at_always_yield);

		calls++;
		assert_int_equal(r, host_el3_attest.plat_token_calls == 0U ? ATTEST_SIGN_YIELD
									   : ATTEST_SIGN_ERROR);
	}
	assert_true(calls > 10U);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
	rak_hash(hash);
	assert_int_equal(host_el3_attest.c_size, 32);
	assert_memory_equal(host_el3_attest.challenge, hash, sizeof(hash));
	assert_int_equal(attest_key_state(), ATTEST_KEY_UNAVAILABLE);
	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_IDLE);
	assert_false(attest_token_init(&at_ctx, challenge, at_realm(MEASURE_SHA256)));
	/* It is not asked again. */
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
	/* The same when nothing yields, with a second REC waiting. */
	at_reboot();
	setup_fails();
	assert_int_equal(host_el3_attest.plat_token_calls, 2);
}

/* A platform token that leaves no room for the realm token is refused at set-up. */
static void attest_platform_token_too_large(void **state)
{
	(void)state;
	host_el3_attest.plat_token_size = ATTEST_PLAT_TOKEN_MAX + 1U;
	at_reboot();
	setup_fails();
}

/* The largest platform token accepted still gives a SHA-512 token within 4096 bytes. */
static void attest_largest_platform_token_fits(void **state)
{
	uint8_t pub[1 + 2 * P384];
	const uint8_t *plat;
	size_t len, plat_len;
	struct cose_sign1 realm;

	(void)state;
	host_el3_attest.plat_token_size = ATTEST_PLAT_TOKEN_MAX;
	at_reboot();
	len = at_make_token(at_realm(MEASURE_SHA512), 2, at_token);
	assert_true(attest_key_ready());
	assert_true(len <= RSI_ATTEST_TOKEN_MAX_SIZE);
	dec_cca_token(at_token, len, &realm, &plat, &plat_len);
	assert_int_equal(plat_len, ATTEST_PLAT_TOKEN_MAX);
	(void)dec_realm_claims(&realm, "sha-512");
	ossl_public_key(host_el3_rak, pub);
	assert_true(ossl_es384_verify(pub, &realm));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(attest_boot_only_loads_rak, unit_boot_rmm),
	cmocka_unit_test(attest_host_el3_pubkey_matches_rak),
	cmocka_unit_test_setup(attest_pubkey_from_el3_spares_derivation, unit_boot_rmm),
	cmocka_unit_test_setup(attest_pubkey_off_curve_refused, unit_boot_rmm),
	cmocka_unit_test_setup(attest_pubkey_malformed_refused, unit_boot_rmm),
	cmocka_unit_test_setup(attest_setup_binds_platform_token_to_rak, unit_boot_rmm),
	cmocka_unit_test_setup(attest_setup_in_slices, unit_boot_rmm),
	cmocka_unit_test_setup(attest_setup_two_recs_take_turns, unit_boot_rmm),
	cmocka_unit_test_setup(attest_setup_two_threads_race, unit_boot_rmm),
	cmocka_unit_test_setup(attest_token_claims_sha256, unit_boot_rmm),
	cmocka_unit_test_setup(attest_token_claims_sha512, unit_boot_rmm),
	cmocka_unit_test_setup(attest_token_rak_binding, unit_boot_rmm),
	cmocka_unit_test_setup(attest_sign_yields_when_asked, unit_boot_rmm),
	cmocka_unit_test_setup(attest_read_in_pieces, unit_boot_rmm),
	cmocka_unit_test_setup(attest_calls_out_of_state, unit_boot_rmm),
	cmocka_unit_test_setup(attest_init_discards_token_in_progress, unit_boot_rmm),
	cmocka_unit_test_setup(attest_init_fails_without_realm_key, unit_boot_rmm),
	cmocka_unit_test_setup(attest_setup_fails_without_platform_token, unit_boot_rmm),
	cmocka_unit_test_setup(attest_platform_token_too_large, unit_boot_rmm),
	cmocka_unit_test_setup(attest_largest_platform_token_fits, unit_boot_rmm),
};

UNIT_GROUP(attest_tests, tests, NULL);
