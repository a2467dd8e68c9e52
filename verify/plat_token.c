/* CCA platform token verifier (see plat_token.h). */
#include "plat_token.h"

#include <string.h>

#include <mbedtls/sha256.h>

#include "cbor_dec.h"

#define UEID_TYPE_RAND	0x01U

/* Claims, each required once (but 2400); bit i of a mask for claim i. */
enum claim { C_PROFILE, C_CHALLENGE, C_IMPL_ID, C_INSTANCE_ID, C_CONFIG, C_LIFECYCLE, C_SW,
	     C_HASH_ALGO, C_URL, C_COUNT };
static const int64_t claim_keys[C_COUNT] = { 265, 10, 2396, 256, 2401, 2395, 2399, 2402, 2400 };
#define REQUIRED_CLAIMS	((1U << C_URL) - 1U)

static bool get_bytes(struct cbor_dec *d, struct plat_bytes *b)
{
	return cbor_get_bstr(d, &b->p, &b->len);
}

static bool get_text(struct cbor_dec *d, struct plat_text *t)
{
	return cbor_get_tstr(d, &t->s, &t->len);
}

struct component_state {
	struct plat_sw_component *c;
	unsigned int seen;
};

/* Keys 1, 2, 4, 5, 6 at most once each; 2 (value) and 5 (signer id) required. */
static bool component_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	struct component_state *st = arg;
	unsigned int bit;

	if (key < 1 || key > 6 || key == 3)
		return false;
	bit = 1U << key;
	if ((st->seen & bit) != 0U)
		return false;
	st->seen |= bit;
	switch (key) {
	case 1: return get_text(d, &st->c->type);
	case 2: return get_bytes(d, &st->c->value);
	case 4: return get_text(d, &st->c->version);
	case 5: return get_bytes(d, &st->c->signer_id);
	default: return get_text(d, &st->c->hash_alg);
	}
}

static bool get_sw_components(struct cbor_dec *d, struct plat_claims *o)
{
	uint64_t n;

	if (!cbor_get_array(d, &n) || n == 0U || n > PLAT_SW_COMPONENTS_MAX)
		return false;
	o->sw_count = (size_t)n;
	for (size_t i = 0; i < o->sw_count; i++) {
		struct component_state st = { &o->sw[i], 0 };

		if (!cose_each_pair(d, component_pair, &st) ||
		    (st.seen & ((1U << 2) | (1U << 5))) != ((1U << 2) | (1U << 5)))
			return false;
	}
	return true;
}

static bool claim_value(struct cbor_dec *d, enum claim c, struct plat_claims *o)
{
	switch (c) {
	case C_PROFILE:
		return cbor_get_tstr_eq(d, PLAT_PROFILE);
	case C_CHALLENGE:
		return get_bytes(d, &o->challenge) &&
		       (o->challenge.len == 32U || o->challenge.len == 48U || o->challenge.len == 64U);
	case C_IMPL_ID:
		return get_bytes(d, &o->implementation_id) &&
		       o->implementation_id.len == PLAT_IMPLEMENTATION_ID_SIZE;
	case C_INSTANCE_ID:
		return get_bytes(d, &o->instance_id) && o->instance_id.len == PLAT_INSTANCE_ID_SIZE &&
		       o->instance_id.p[0] == UEID_TYPE_RAND;
	case C_CONFIG:
		return get_bytes(d, &o->platform_config);
	case C_LIFECYCLE:
		return cbor_get_uint(d, &o->lifecycle) && o->lifecycle <= 0xFFFFU;
	case C_SW:
		return get_sw_components(d, o);
	case C_HASH_ALGO:
		return get_text(d, &o->hash_alg);
	case C_URL:
		return get_text(d, &o->verification_url);
	default:
		return false;
	}
}

struct claims_state {
	struct plat_claims *out;
	unsigned int seen;
};

static bool claim_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	struct claims_state *st = arg;

	for (unsigned int c = 0; c < C_COUNT; c++) {
		if (key != claim_keys[c])
			continue;
		if ((st->seen & (1U << c)) != 0U)
			return false;	/* twice */
		st->seen |= 1U << c;
		return claim_value(d, (enum claim)c, st->out);
	}
	return cbor_skip(d);	/* a claim this verifier does not know */
}

static bool get_claims(const struct cose_sign1 *c, struct plat_claims *out)
{
	struct claims_state st = { out, 0 };
	struct cbor_dec d;

	cbor_dec_init(&d, c->payload, c->payload_len);
	return cose_each_pair(&d, claim_pair, &st) && cbor_dec_done(&d) &&
	       (st.seen & REQUIRED_CLAIMS) == REQUIRED_CLAIMS;
}

enum plat_verify_result plat_token_verify(const uint8_t *token, size_t len,
					  const uint8_t cpak[COSE_P384_POINT_BYTES],
					  struct plat_claims *out)
{
	struct cose_sign1 c;
	uint8_t ueid[PLAT_INSTANCE_ID_SIZE];

	memset(out, 0, sizeof(*out));
	if (!cose_sign1_es384_parse(token, len, &c) || !get_claims(&c, out))
		return PLAT_VERIFY_MALFORMED;
	switch (cose_sign1_es384_verify(&c, cpak)) {
	case COSE_VERIFY_OK:
		break;
	case COSE_VERIFY_BAD_KEY:
		return PLAT_VERIFY_BAD_KEY;
	default:
		return PLAT_VERIFY_BAD_SIGNATURE;
	}
	ueid[0] = UEID_TYPE_RAND;
	(void)mbedtls_sha256(cpak, COSE_P384_POINT_BYTES, ueid + 1, 0);
	if (memcmp(out->instance_id.p, ueid, sizeof(ueid)) != 0)
		return PLAT_VERIFY_WRONG_INSTANCE;
	return PLAT_VERIFY_OK;
}

const char *plat_verify_result_name(enum plat_verify_result r)
{
	static const char *const names[] = { "ok", "malformed", "bad key", "bad signature",
					     "wrong instance id" };

	return (unsigned int)r < sizeof(names) / sizeof(names[0]) ? names[r] : "?";
}
