/*
 * atoll_verify on real sim tokens: the good token and claims, then every
 * error path, each produced by changing the token or the policy in the one
 * way that check catches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sdk_tests.h"
#include "verify/hosted/refs.h"

#define SEED	0x31

static uint8_t token[ATOLL_TOKEN_MAX];
static size_t token_len;

static int setup(void **state)
{
	if (sdk_sim_setup(state) != 0)
		return -1;
	token_len = sdk_token(SEED, token);
	return 0;
}

/* atoll_verify of tok under p is want, with a detail containing what (if not NULL). */
static void expect(const uint8_t *tok, size_t len, struct atoll_policy *p, atoll_status want,
		   const char *what)
{
	struct atoll_claims *c = (void *)1;
	atoll_status st = atoll_verify(sdk_ctx, tok, len, p, &c);

	if (st != want)
		fprintf(stderr, "got %s (%s), want %s\n", atoll_strerror(st),
			atoll_error_detail(sdk_ctx), atoll_strerror(want));
	assert_int_equal(st, want);
	if (want != ATOLL_OK) {
		assert_null(c);
		assert_true(atoll_error_detail(sdk_ctx)[0] != '\0');
	} else {
		assert_non_null(c);
		atoll_claims_free(c);
	}
	if (what != NULL && strstr(atoll_error_detail(sdk_ctx), what) == NULL)
		fail_msg("detail \"%s\" lacks \"%s\"", atoll_error_detail(sdk_ctx), what);
	atoll_policy_free(p);
}

/* The token with byte at flipped. */
static const uint8_t *flipped(size_t at, uint8_t mask)
{
	static uint8_t t[ATOLL_TOKEN_MAX];

	memcpy(t, token, token_len);
	t[at] ^= mask;
	return t;
}

static size_t find(const uint8_t *needle, size_t n)
{
	const uint8_t *p = memmem(token, token_len, needle, n);

	assert_non_null(p);
	return (size_t)(p - token);
}

static void refs_cpak(uint8_t cpak[ATOLL_CPAK_SIZE])
{
	static struct refs r;
	char err[256];

	assert_int_equal(refs_load(sdk_refs_path(), &r, err, sizeof(err)), 0);
	memcpy(cpak, r.cpak, ATOLL_CPAK_SIZE);
}

static void verify_accepts_sim_token(void **state)
{
	uint8_t challenge[ATOLL_CHALLENGE_SIZE];
	struct atoll_policy *p = sdk_policy(SEED);
	struct atoll_claims *c;
	char json[8192];
	size_t len, n;

	(void)state;
	sdk_challenge(SEED, challenge);
	assert_int_equal(atoll_verify(sdk_ctx, token, token_len, p, &c), ATOLL_OK);
	assert_true(atoll_claims_verified(c));
	assert_memory_equal(atoll_claims_challenge(c), challenge, sizeof(challenge));
	assert_string_equal(atoll_claims_hash_alg(c), "sha-256");
	assert_int_equal(atoll_claims_lifecycle(c) & 0xF000, 0x3000);
	assert_int_equal(atoll_claims_sw_count(c), 4);
	assert_string_equal(atoll_claims_sw(c, 2)->type, "RMM");
	assert_null(atoll_claims_sw(c, 4));
	assert_non_null(atoll_claims_rak(c, &n));
	assert_int_equal(n, 107);
	assert_int_equal(atoll_claims_json(c, json, sizeof(json), &len), ATOLL_OK);
	assert_int_equal(strlen(json), len);
	assert_non_null(strstr(json, "\"verified\": true"));
	atoll_claims_free(c);
	atoll_policy_free(p);
}

/* The token's RAK claim: its 107-byte COSE_Key. */
#define RAK_SIZE	107U
static void rak_of_token(uint8_t rak[RAK_SIZE])
{
	struct atoll_claims *c;
	const uint8_t *p;
	size_t n;

	assert_int_equal(atoll_token_parse(sdk_ctx, token, token_len, &c), ATOLL_OK);
	p = atoll_claims_rak(c, &n);
	assert_int_equal(n, RAK_SIZE);
	memcpy(rak, p, RAK_SIZE);
	atoll_claims_free(c);
}

static size_t challenge_at(void)
{
	uint8_t challenge[ATOLL_CHALLENGE_SIZE];

	sdk_challenge(SEED, challenge);
	return find(challenge, sizeof(challenge));
}

static void verify_bad_realm_signature(void **state)
{
	struct sdk_token_map m;

	(void)state;
	sdk_token_map(token, token_len, &m);
	expect(flipped(m.realm_sig + 10, 0x01), token_len, sdk_policy(SEED), ATOLL_E_REALM_SIGNATURE,
	       "does not verify under its RAK");
	/* A claim changed under the signature is the same failure. */
	expect(flipped(challenge_at() + 5, 0x80), token_len, sdk_policy(SEED),
	       ATOLL_E_REALM_SIGNATURE, NULL);
}

/* The RAK's x coordinate changed: no longer a point on P-384. */
static void verify_bad_rak(void **state)
{
	uint8_t rak[RAK_SIZE];

	(void)state;
	rak_of_token(rak);
	expect(flipped(find(rak, sizeof(rak)) + 8 + 20, 0x04), token_len, sdk_policy(SEED),
	       ATOLL_E_BAD_RAK, "P-384");
}

/*
 * The platform token's challenge (claim 10: head 0x0A 0x58 0x20, then 32
 * bytes) changed: no longer SHA-256 of the RAK's COSE_Key. The binding is
 * checked before the platform token's signature.
 */
static void verify_binding_failed(void **state)
{
	static const uint8_t claim10[] = { 0x0A, 0x58, 0x20 };
	struct sdk_token_map m;
	const uint8_t *hit;

	(void)state;
	sdk_token_map(token, token_len, &m);
	hit = memmem(token + m.plat_payload, m.plat_payload_len, claim10, sizeof(claim10));
	assert_non_null(hit);
	expect(flipped((size_t)(hit - token) + 3U + 7U, 0x10), token_len, sdk_policy(SEED),
	       ATOLL_E_BINDING, "SHA-256 of the RAK's COSE_Key");
}

static void verify_bad_platform_signature(void **state)
{
	struct sdk_token_map m;

	(void)state;
	sdk_token_map(token, token_len, &m);
	expect(flipped(m.plat_sig + 50, 0x01), token_len, sdk_policy(SEED),
	       ATOLL_E_PLATFORM_SIGNATURE, "names trusted CPAK 0");
}

/* Trusting only another P-384 key (the token's own RAK): unknown CPAK. */
static void verify_unknown_cpak(void **state)
{
	uint8_t point[ATOLL_CPAK_SIZE], rak[RAK_SIZE];
	struct atoll_policy *p;

	(void)state;
	rak_of_token(rak);
	/* COSE_Key {1: 2, -1: 2, -2: x, -3: y}: x at 8, y at 59. */
	point[0] = 0x04;
	memcpy(point + 1, rak + 8, 48);
	memcpy(point + 49, rak + 59, 48);
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_trust_cpak(p, point), ATOLL_OK);
	assert_int_equal(atoll_policy_allow_rim(p, point + 1, 32), ATOLL_OK);
	expect(token, token_len, p, ATOLL_E_UNKNOWN_CPAK, "names none of the 1 trusted CPAK");
}

static void verify_lifecycle_not_allowed(void **state)
{
	struct atoll_policy *p = sdk_policy(SEED);

	(void)state;
	assert_int_equal(atoll_policy_set_lifecycle(p, 0x4000, 0x40FF), ATOLL_OK);
	expect(token, token_len, p, ATOLL_E_LIFECYCLE, "lifecycle 0x3000 is outside 0x4000..0x40ff");
}

/* refs.json with one slot value changed. */
static void verify_sw_component_mismatch(void **state)
{
	static char json[16384];
	struct atoll_policy *p;
	const char *why;
	char *v;
	size_t n;

	(void)state;
	n = sdk_read_file(sdk_refs_path(), (uint8_t *)json, sizeof(json) - 1U);
	json[n] = '\0';
	v = strstr(json, "\"slot_value\": \"");
	assert_non_null(v);
	v = strstr(v + 15, "\"slot_value\": \"");	/* the second component's */
	assert_non_null(v);
	v += 15;
	*v = *v == '0' ? '1' : '0';
	sdk_write_file(sdk_tmp_path("sw-refs.json"), json, n);
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_load_refs(p, sdk_tmp_path("sw-refs.json"), &why), ATOLL_OK);
	expect(token, token_len, p, ATOLL_E_SW_COMPONENT,
	       "sw-component 1 (\"SECURE_RT_EL3\", expected sim BL31 of slot 11): its measurement "
	       "value differs");
}

static void verify_hash_alg_not_allowed(void **state)
{
	struct atoll_policy *p = sdk_policy(SEED);

	(void)state;
	assert_int_equal(atoll_policy_set_hash_alg(p, "sha-512"), ATOLL_OK);
	expect(token, token_len, p, ATOLL_E_HASH_ALG, "sha-256");
}

static void verify_stale_challenge(void **state)
{
	(void)state;
	expect(token, token_len, sdk_policy(SEED + 1), ATOLL_E_STALE_CHALLENGE, NULL);
}

static void verify_rim_not_allowed(void **state)
{
	uint8_t cpak[ATOLL_CPAK_SIZE], rim[32];
	struct atoll_policy *p;

	(void)state;
	refs_cpak(cpak);
	memset(rim, 0x5A, sizeof(rim));
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_trust_cpak(p, cpak), ATOLL_OK);
	assert_int_equal(atoll_policy_allow_rim(p, rim, sizeof(rim)), ATOLL_OK);
	expect(token, token_len, p, ATOLL_E_RIM_NOT_ALLOWED, "is not in the policy");
}

/* A head made non-strict (an indefinite-length byte string) at a known byte. */
static void verify_malformed_cbor_at_byte(void **state)
{
	uint8_t challenge[ATOLL_CHALLENGE_SIZE];
	char want[64];
	size_t at;

	(void)state;
	sdk_challenge(SEED, challenge);
	at = find(challenge, sizeof(challenge)) - 2U;	/* its head: 0x58 0x40 */
	assert_int_equal(token[at], 0x58);
	snprintf(want, sizeof(want), "malformed CBOR at byte %zu (of %zu)", at, token_len);
	expect(flipped(at, 0x58 ^ 0x5F), token_len, sdk_policy(SEED), ATOLL_E_MALFORMED, want);
	/* Cut short: the first missing byte. */
	snprintf(want, sizeof(want), "malformed CBOR at byte");
	expect(token, token_len - 1U, sdk_policy(SEED), ATOLL_E_MALFORMED, want);
}

static void verify_refuses_policy_without_cpak_or_rim(void **state)
{
	uint8_t cpak[ATOLL_CPAK_SIZE];
	struct atoll_policy *p;

	(void)state;
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	expect(token, token_len, p, ATOLL_E_POLICY, "trusts no CPAK");
	refs_cpak(cpak);
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_trust_cpak(p, cpak), ATOLL_OK);
	expect(token, token_len, p, ATOLL_E_POLICY, "allows no RIM");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(verify_accepts_sim_token),
	cmocka_unit_test(verify_bad_realm_signature),
	cmocka_unit_test(verify_bad_rak),
	cmocka_unit_test(verify_binding_failed),
	cmocka_unit_test(verify_bad_platform_signature),
	cmocka_unit_test(verify_unknown_cpak),
	cmocka_unit_test(verify_lifecycle_not_allowed),
	cmocka_unit_test(verify_sw_component_mismatch),
	cmocka_unit_test(verify_hash_alg_not_allowed),
	cmocka_unit_test(verify_stale_challenge),
	cmocka_unit_test(verify_rim_not_allowed),
	cmocka_unit_test(verify_malformed_cbor_at_byte),
	cmocka_unit_test(verify_refuses_policy_without_cpak_or_rim),
};

TEST_GROUP(sdk_verify_group, tests, setup);
