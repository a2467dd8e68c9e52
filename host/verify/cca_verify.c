/* CCA token verifier (see cca_verify.h). */
#include "cca_verify.h"

#include <string.h>

#include <mbedtls/ecdsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "atoll_heap.h"
#include "cbor_dec.h"

#define CCA_TOKEN_TAG		399U
#define CCA_PLATFORM_TOKEN	44234U
#define CCA_REALM_TOKEN		44241U
#define COSE_SIGN1_TAG		18U
#define COSE_HDR_ALG		1
#define COSE_ALG_ES384		(-35)
#define P384_BYTES		48U
#define COSE_KEY_KTY		1

/* Realm claims (spec section 6), each required once; bit i of a mask for claim i. */
enum claim { C_CHALLENGE, C_RPV, C_RAK, C_HASH_ALGO, C_RAK_HASH_ALGO, C_PROFILE, C_RIM, C_REMS,
	     C_COUNT };
static const uint64_t claim_keys[C_COUNT] = { 10, 44235, 44237, 44236, 44240, 265, 44238, 44239 };

struct cose_sign1 {
	const uint8_t *protected_hdr;
	size_t protected_len;
	const uint8_t *payload;
	size_t payload_len;
	const uint8_t *sig;
	size_t sig_len;
};

/* Reads a map's pairs with fn(key); false as soon as one fails. */
typedef bool (*pair_fn)(struct cbor_dec *d, int64_t key, void *arg);

static bool each_pair(struct cbor_dec *d, pair_fn fn, void *arg)
{
	uint64_t n;
	int64_t key;

	if (!cbor_get_map(d, &n))
		return false;
	for (uint64_t i = 0; i < n; i++) {
		if (!cbor_get_int(d, &key) || !fn(d, key, arg))
			return false;
	}
	return true;
}

static bool skip_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	(void)key;
	(void)arg;
	return cbor_skip(d);
}

/* [protected, unprotected, payload, signature], tagged 18, and nothing after it. */
static bool get_cose_sign1(const uint8_t *buf, size_t len, struct cose_sign1 *c)
{
	struct cbor_dec d;
	uint64_t tag, n;

	cbor_dec_init(&d, buf, len);
	return cbor_get_tag(&d, &tag) && tag == COSE_SIGN1_TAG && cbor_get_array(&d, &n) &&
	       n == 4U && cbor_get_bstr(&d, &c->protected_hdr, &c->protected_len) &&
	       each_pair(&d, skip_pair, NULL) && cbor_get_bstr(&d, &c->payload, &c->payload_len) &&
	       cbor_get_bstr(&d, &c->sig, &c->sig_len) && cbor_dec_done(&d);
}

static bool alg_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	int64_t *alg = arg;

	if (key != COSE_HDR_ALG)
		return cbor_skip(d);
	return *alg == 0 && cbor_get_int(d, alg);
}

/* The protected header names ES384 (RFC 9053), once. */
static bool protected_is_es384(const struct cose_sign1 *c)
{
	struct cbor_dec d;
	int64_t alg = 0;

	cbor_dec_init(&d, c->protected_hdr, c->protected_len);
	return each_pair(&d, alg_pair, &alg) && cbor_dec_done(&d) && alg == COSE_ALG_ES384;
}

struct top {
	const uint8_t *part[2];		/* platform, realm */
	size_t len[2];
};

static bool top_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	struct top *t = arg;
	unsigned int i = key == CCA_PLATFORM_TOKEN ? 0U : key == CCA_REALM_TOKEN ? 1U : 2U;

	return i < 2U && t->part[i] == NULL && cbor_get_bstr(d, &t->part[i], &t->len[i]);
}

/* tag 399 {44234: platform token, 44241: realm token}, in either order. */
static bool get_top(const uint8_t *token, size_t len, struct top *t)
{
	struct cbor_dec d;
	uint64_t tag;

	memset(t, 0, sizeof(*t));
	cbor_dec_init(&d, token, len);
	return cbor_get_tag(&d, &tag) && tag == CCA_TOKEN_TAG && each_pair(&d, top_pair, t) &&
	       cbor_dec_done(&d) && t->part[0] != NULL && t->part[1] != NULL;
}

struct claims_state {
	struct cca_claims *out;
	unsigned int seen;
	size_t rim_len, rem_len[4];
};

static bool get_bstr_n(struct cbor_dec *d, const uint8_t **s, size_t want)
{
	size_t len;

	return cbor_get_bstr(d, s, &len) && len == want;
}

static bool get_hash_algo(struct cbor_dec *d, bool *sha512)
{
	const char *s;
	size_t len;

	if (!cbor_get_tstr(d, &s, &len) || len != 7U)
		return false;
	*sha512 = memcmp(s, "sha-512", 7) == 0;
	return *sha512 || memcmp(s, "sha-256", 7) == 0;
}

static bool get_rems(struct cbor_dec *d, struct claims_state *st)
{
	uint64_t n;

	if (!cbor_get_array(d, &n) || n != 4U)
		return false;
	for (unsigned int i = 0; i < 4U; i++) {
		if (!cbor_get_bstr(d, &st->out->rem[i], &st->rem_len[i]))
			return false;
	}
	return true;
}

static bool claim_value(struct cbor_dec *d, enum claim c, struct claims_state *st)
{
	struct cca_claims *o = st->out;

	switch (c) {
	case C_CHALLENGE:
		return get_bstr_n(d, &o->challenge, 64);
	case C_RPV:
		return get_bstr_n(d, &o->rpv, 64);
	case C_RAK:
		return cbor_get_bstr(d, &o->rak, &o->rak_len);
	case C_HASH_ALGO:
		return get_hash_algo(d, &o->sha512);
	case C_RAK_HASH_ALGO:
		return cbor_get_tstr_eq(d, "sha-256");	/* the binding below uses SHA-256 */
	case C_PROFILE:
		return cbor_get_tstr_eq(d, "tag:arm.com,2023:realm#1.0.0");
	case C_RIM:
		return cbor_get_bstr(d, &o->rim, &st->rim_len);
	case C_REMS:
		return get_rems(d, st);
	default:
		return false;
	}
}

static bool claim_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	struct claims_state *st = arg;

	for (unsigned int c = 0; c < C_COUNT; c++) {
		if ((uint64_t)key != claim_keys[c])
			continue;
		if ((st->seen & (1U << c)) != 0U)
			return false;	/* twice */
		st->seen |= 1U << c;
		return claim_value(d, (enum claim)c, st);
	}
	return cbor_skip(d);	/* a claim this verifier does not know */
}

/* Every realm claim present once, measurements as long as the hash algorithm says. */
static bool get_realm_claims(const struct cose_sign1 *c, struct cca_claims *out)
{
	struct claims_state st = { out, 0, 0, { 0 } };
	struct cbor_dec d;

	cbor_dec_init(&d, c->payload, c->payload_len);
	if (!each_pair(&d, claim_pair, &st) || !cbor_dec_done(&d) ||
	    st.seen != (1U << C_COUNT) - 1U)
		return false;
	out->digest_len = out->sha512 ? 64U : 32U;
	for (unsigned int i = 0; i < 4U; i++) {
		if (st.rem_len[i] != out->digest_len)
			return false;
	}
	return st.rim_len == out->digest_len;
}

static bool plat_challenge_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	struct cca_claims *o = arg;

	if (key != 10)
		return cbor_skip(d);
	return o->plat_challenge == NULL &&
	       cbor_get_bstr(d, &o->plat_challenge, &o->plat_challenge_len);
}

/* The platform token's challenge claim; its signature is the platform's business. */
static bool get_plat_challenge(struct cca_claims *out)
{
	struct cose_sign1 c;
	struct cbor_dec d;

	if (!get_cose_sign1(out->plat_token, out->plat_token_len, &c))
		return false;
	cbor_dec_init(&d, c.payload, c.payload_len);
	return each_pair(&d, plat_challenge_pair, out) && cbor_dec_done(&d) &&
	       out->plat_challenge != NULL;
}

/* ---- The RAK and the signature -------------------------------------------- */

struct cose_key {
	unsigned int seen;
	const uint8_t *x, *y;
};

static bool key_pair(struct cbor_dec *d, int64_t label, void *arg)
{
	struct cose_key *k = arg;
	int64_t v;
	unsigned int bit;

	/* Labels -3 (y), -2 (x), -1 (crv) and 1 (kty) are bits 0 to 3; no other is allowed. */
	if (label == COSE_KEY_KTY)
		bit = 1U << 3;
	else if (label >= -3 && label <= -1)
		bit = 1U << (label + 3);
	else
		return false;
	if ((k->seen & bit) != 0U)
		return false;
	k->seen |= bit;
	switch (label) {
	case COSE_KEY_KTY:	/* EC2 */
	case -1:		/* crv: P-384 */
		return cbor_get_int(d, &v) && v == 2;
	case -2:
		return get_bstr_n(d, &k->x, P384_BYTES);
	default:
		return get_bstr_n(d, &k->y, P384_BYTES);
	}
}

/* The COSE_Key claim as SEC1 04 || x || y. */
static bool rak_point(const struct cca_claims *c, uint8_t point[1 + 2 * P384_BYTES])
{
	struct cose_key k = { 0, NULL, NULL };
	struct cbor_dec d;

	cbor_dec_init(&d, c->rak, c->rak_len);
	if (!each_pair(&d, key_pair, &k) || !cbor_dec_done(&d) || k.seen != 0xFU)
		return false;
	point[0] = 0x04;
	memcpy(point + 1, k.x, P384_BYTES);
	memcpy(point + 1 + P384_BYTES, k.y, P384_BYTES);
	return true;
}

/* A CBOR head for a string of len bytes (len < 65536). */
static size_t string_head(uint8_t out[3], unsigned int major, size_t len)
{
	if (len < 24U) {
		out[0] = (uint8_t)(major << 5 | len);
		return 1;
	}
	if (len < 256U) {
		out[0] = (uint8_t)(major << 5 | 24U);
		out[1] = (uint8_t)len;
		return 2;
	}
	out[0] = (uint8_t)(major << 5 | 25U);
	out[1] = (uint8_t)(len >> 8);
	out[2] = (uint8_t)len;
	return 3;
}

static void hash_string(mbedtls_sha512_context *sha, unsigned int major, const void *s,
			size_t len)
{
	uint8_t head[3];

	(void)mbedtls_sha512_update(sha, head, string_head(head, major, len));
	(void)mbedtls_sha512_update(sha, s, len);
}

/* SHA-384 of ["Signature1", protected, h'', payload] (RFC 9052 4.4). */
static void sig_structure_hash(const struct cose_sign1 *c, uint8_t hash[48])
{
	static const uint8_t array4 = 0x84;
	mbedtls_sha512_context sha;

	mbedtls_sha512_init(&sha);
	(void)mbedtls_sha512_starts(&sha, 1);
	(void)mbedtls_sha512_update(&sha, &array4, 1);
	hash_string(&sha, 3, "Signature1", 10);
	hash_string(&sha, 2, c->protected_hdr, c->protected_len);
	hash_string(&sha, 2, NULL, 0);
	hash_string(&sha, 2, c->payload, c->payload_len);
	(void)mbedtls_sha512_finish(&sha, hash);
	mbedtls_sha512_free(&sha);
}

/* ECDSA P-384 of r || s over the hash, under point; its own mbedTLS arena. */
static enum cca_verify_result es384_verify(const uint8_t point[1 + 2 * P384_BYTES],
					   const uint8_t hash[48], const uint8_t *sig)
{
	static uint8_t arena[16384];
	struct atoll_heap heap;
	struct atoll_heap *prev;
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;
	enum cca_verify_result res = CCA_VERIFY_BAD_KEY;

	atoll_heap_init(&heap, arena, sizeof(arena));
	prev = atoll_heap_use(&heap);
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	if (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1) == 0 &&
	    mbedtls_ecp_point_read_binary(&grp, &q, point, 1 + 2 * P384_BYTES) == 0 &&
	    mbedtls_ecp_check_pubkey(&grp, &q) == 0) {
		res = CCA_VERIFY_BAD_SIGNATURE;
		if (mbedtls_mpi_read_binary(&r, sig, P384_BYTES) == 0 &&
		    mbedtls_mpi_read_binary(&s, sig + P384_BYTES, P384_BYTES) == 0 &&
		    mbedtls_ecdsa_verify(&grp, hash, 48, &q, &r, &s) == 0)
			res = CCA_VERIFY_OK;
	}
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	atoll_heap_use(prev);
	return res;
}

/* ---- The whole token --------------------------------------------------------- */

/* Shape and claims; MALFORMED unless everything is where the spec puts it. */
static bool parse(const uint8_t *token, size_t len, struct cca_claims *out, struct cose_sign1 *realm)
{
	struct top t;

	if (!get_top(token, len, &t))
		return false;
	out->plat_token = t.part[0];
	out->plat_token_len = t.len[0];
	return get_cose_sign1(t.part[1], t.len[1], realm) && protected_is_es384(realm) &&
	       realm->sig_len == 2U * P384_BYTES && realm->payload_len < 0x10000U &&
	       get_realm_claims(realm, out) && get_plat_challenge(out);
}

enum cca_verify_result cca_verify(const uint8_t *token, size_t len, struct cca_claims *out)
{
	uint8_t point[1 + 2 * P384_BYTES], hash[48], rak_hash[32];
	struct cose_sign1 realm;
	enum cca_verify_result res;

	memset(out, 0, sizeof(*out));
	if (!parse(token, len, out, &realm))
		return CCA_VERIFY_MALFORMED;
	if (!rak_point(out, point))
		return CCA_VERIFY_BAD_KEY;
	sig_structure_hash(&realm, hash);
	res = es384_verify(point, hash, realm.sig);
	if (res != CCA_VERIFY_OK)
		return res;
	/* The binding: the platform vouches for this RAK by its hash. */
	(void)mbedtls_sha256(out->rak, out->rak_len, rak_hash, 0);
	if (out->plat_challenge_len != sizeof(rak_hash) ||
	    memcmp(out->plat_challenge, rak_hash, sizeof(rak_hash)) != 0)
		return CCA_VERIFY_UNBOUND;
	return CCA_VERIFY_OK;
}

const char *cca_verify_result_name(enum cca_verify_result r)
{
	static const char *const names[] = { "ok", "malformed", "bad key", "bad signature",
					     "unbound" };

	return (unsigned int)r < sizeof(names) / sizeof(names[0]) ? names[r] : "?";
}
