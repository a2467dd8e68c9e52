/* CCA token verifier (see cca_verify.h). */
#include "cca_verify.h"

#include <string.h>

#include <mbedtls/sha256.h>

#include "cbor_dec.h"
#include "cose.h"

#define CCA_TOKEN_TAG		399U
#define CCA_PLATFORM_TOKEN	44234U
#define CCA_REALM_TOKEN		44241U
#define P384_BYTES		COSE_P384_BYTES
#define COSE_KEY_KTY		1

/* Realm claims (spec section 6), each required once; bit i of a mask for claim i. */
enum claim { C_CHALLENGE, C_RPV, C_RAK, C_HASH_ALGO, C_RAK_HASH_ALGO, C_PROFILE, C_RIM, C_REMS,
	     C_COUNT };
static const uint64_t claim_keys[C_COUNT] = { 10, 44235, 44237, 44236, 44240, 265, 44238, 44239 };

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
	return cbor_get_tag(&d, &tag) && tag == CCA_TOKEN_TAG && cose_each_pair(&d, top_pair, t) &&
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
	if (!cose_each_pair(&d, claim_pair, &st) || !cbor_dec_done(&d) ||
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

	if (!cose_sign1_es384_parse(out->plat_token, out->plat_token_len, &c))
		return false;
	cbor_dec_init(&d, c.payload, c.payload_len);
	return cose_each_pair(&d, plat_challenge_pair, out) && cbor_dec_done(&d) &&
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
static bool rak_point(const struct cca_claims *c, uint8_t point[COSE_P384_POINT_BYTES])
{
	struct cose_key k = { 0, NULL, NULL };
	struct cbor_dec d;

	cbor_dec_init(&d, c->rak, c->rak_len);
	if (!cose_each_pair(&d, key_pair, &k) || !cbor_dec_done(&d) || k.seen != 0xFU)
		return false;
	point[0] = 0x04;
	memcpy(point + 1, k.x, P384_BYTES);
	memcpy(point + 1 + P384_BYTES, k.y, P384_BYTES);
	return true;
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
	return cose_sign1_es384_parse(t.part[1], t.len[1], realm) && realm->payload_len < 0x10000U &&
	       get_realm_claims(realm, out) && get_plat_challenge(out);
}

enum cca_verify_result cca_verify(const uint8_t *token, size_t len, struct cca_claims *out)
{
	uint8_t point[COSE_P384_POINT_BYTES], rak_hash[32];
	struct cose_sign1 realm;

	memset(out, 0, sizeof(*out));
	if (!parse(token, len, out, &realm))
		return CCA_VERIFY_MALFORMED;
	if (!rak_point(out, point))
		return CCA_VERIFY_BAD_KEY;
	switch (cose_sign1_es384_verify(&realm, point)) {
	case COSE_VERIFY_OK:
		break;
	case COSE_VERIFY_BAD_KEY:
		return CCA_VERIFY_BAD_KEY;
	default:
		return CCA_VERIFY_BAD_SIGNATURE;
	}
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
