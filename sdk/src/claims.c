/* Parsing claims into struct atoll_claims and the accessors. */
#include "claims.h"

#include <stdlib.h>
#include <string.h>

#include "cbor_where.h"

static void text_copy(char out[CLAIMS_TEXT_MAX], const struct plat_text *t)
{
	size_t n = t->len < CLAIMS_TEXT_MAX - 1U ? t->len : CLAIMS_TEXT_MAX - 1U;

	memcpy(out, t->s, n);
	out[n] = '\0';
}

static void fill_sw(struct atoll_claims *c)
{
	text_copy(c->plat_hash_alg, &c->plat.hash_alg);
	for (size_t i = 0; i < c->plat.sw_count; i++) {
		const struct plat_sw_component *s = &c->plat.sw[i];
		struct claims_sw_text *t = &c->sw_text[i];

		text_copy(t->type, &s->type);
		text_copy(t->version, &s->version);
		text_copy(t->hash_alg, &s->hash_alg);
		c->sw[i] = (struct atoll_sw_component){
			t->type, s->value.p, s->value.len, s->signer_id.p, s->signer_id.len,
			t->version, t->hash_alg,
		};
	}
}

static atoll_status malformed(struct atoll_ctx *ctx, const uint8_t *token, size_t len)
{
	long at = cbor_first_bad_byte(token, len);

	if (at >= 0)
		return atoll_fail(ctx, ATOLL_E_MALFORMED, "malformed CBOR at byte %ld (of %zu)", at,
				  len);
	return atoll_fail(ctx, ATOLL_E_MALFORMED,
			  "well-formed CBOR but not a CCA token: a part or claim is missing, "
			  "repeated, or of the wrong type or size");
}

atoll_status claims_parse(struct atoll_ctx *ctx, const uint8_t *token, size_t len,
			  struct atoll_claims **out, enum cca_verify_result *realm_result)
{
	static const uint8_t no_cpak[COSE_P384_POINT_BYTES];
	struct atoll_claims *c;

	*out = NULL;
	if (token == NULL || len == 0U || len > ATOLL_TOKEN_MAX)
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG, "no token, or over %u bytes",
				  ATOLL_TOKEN_MAX);
	c = calloc(1, sizeof(*c));
	if (c == NULL || (c->token = malloc(len)) == NULL) {
		free(c);
		return atoll_fail(ctx, ATOLL_E_NOMEM, "no memory for the claims");
	}
	memcpy(c->token, token, len);
	c->token_len = len;
	*realm_result = cca_verify(c->token, len, &c->realm);
	if (*realm_result == CCA_VERIFY_MALFORMED) {
		atoll_claims_free(c);
		return malformed(ctx, token, len);
	}
	/* No key: the claims, not the signature (checked against the policy's CPAKs). */
	if (plat_token_verify(c->realm.plat_token, c->realm.plat_token_len, no_cpak, &c->plat) ==
	    PLAT_VERIFY_MALFORMED) {
		size_t plat_len = c->realm.plat_token_len;
		long at = (long)(c->realm.plat_token - c->token);

		atoll_claims_free(c);
		return atoll_fail(ctx, ATOLL_E_PLATFORM_MALFORMED,
				  "the platform token (%zu bytes at byte %ld) is not a CCA platform "
				  "token: a claim is missing, repeated, or of the wrong type or size",
				  plat_len, at);
	}
	fill_sw(c);
	*out = c;
	return ATOLL_OK;
}

ATOLL_API atoll_status atoll_token_parse(struct atoll_ctx *ctx, const uint8_t *token, size_t len,
					 struct atoll_claims **claims)
{
	enum cca_verify_result r;
	atoll_status st;

	if (ctx == NULL || claims == NULL)
		return ATOLL_E_INVALID_ARG;
	ctx->detail[0] = '\0';
	atoll_lock();
	st = claims_parse(ctx, token, len, claims, &r);
	atoll_unlock();
	return st;
}

ATOLL_API void atoll_claims_free(struct atoll_claims *c)
{
	if (c == NULL)
		return;
	free(c->token);
	free(c);
}

ATOLL_API bool atoll_claims_verified(const struct atoll_claims *c)
{
	return c->verified;
}

ATOLL_API const uint8_t *atoll_claims_challenge(const struct atoll_claims *c)
{
	return c->realm.challenge;
}

ATOLL_API const uint8_t *atoll_claims_rpv(const struct atoll_claims *c)
{
	return c->realm.rpv;
}

ATOLL_API const char *atoll_claims_hash_alg(const struct atoll_claims *c)
{
	return c->realm.sha512 ? "sha-512" : "sha-256";
}

ATOLL_API size_t atoll_claims_digest_len(const struct atoll_claims *c)
{
	return c->realm.digest_len;
}

ATOLL_API const uint8_t *atoll_claims_rim(const struct atoll_claims *c)
{
	return c->realm.rim;
}

ATOLL_API const uint8_t *atoll_claims_rem(const struct atoll_claims *c, unsigned int i)
{
	return i < 4U ? c->realm.rem[i] : NULL;
}

ATOLL_API const uint8_t *atoll_claims_rak(const struct atoll_claims *c, size_t *len)
{
	*len = c->realm.rak_len;
	return c->realm.rak;
}

ATOLL_API uint16_t atoll_claims_lifecycle(const struct atoll_claims *c)
{
	return (uint16_t)c->plat.lifecycle;
}

ATOLL_API const uint8_t *atoll_claims_instance_id(const struct atoll_claims *c, size_t *len)
{
	*len = c->plat.instance_id.len;
	return c->plat.instance_id.p;
}

ATOLL_API const uint8_t *atoll_claims_implementation_id(const struct atoll_claims *c, size_t *len)
{
	*len = c->plat.implementation_id.len;
	return c->plat.implementation_id.p;
}

ATOLL_API const char *atoll_claims_platform_hash_alg(const struct atoll_claims *c)
{
	return c->plat_hash_alg;
}

ATOLL_API size_t atoll_claims_sw_count(const struct atoll_claims *c)
{
	return c->plat.sw_count;
}

ATOLL_API const struct atoll_sw_component *atoll_claims_sw(const struct atoll_claims *c, size_t i)
{
	return i < c->plat.sw_count ? &c->sw[i] : NULL;
}
