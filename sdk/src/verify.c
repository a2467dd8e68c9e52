/*
 * atoll_verify: the token checks of verify/ (realm signature, binding,
 * platform signature and instance id) in order, then the policy's
 * (lifecycle, sw-components, hash algorithm, challenge, RIM, REMs); the
 * first failure is the result.
 */
#include <string.h>

#include <mbedtls/sha256.h>

#include "claims.h"
#include "policy.h"

static atoll_status check_policy_usable(struct atoll_ctx *ctx, const struct atoll_policy *p)
{
	if (p->num_cpaks == 0U)
		return atoll_fail(ctx, ATOLL_E_POLICY, "the policy trusts no CPAK");
	if (p->num_rims == 0U)
		return atoll_fail(ctx, ATOLL_E_POLICY, "the policy allows no RIM");
	return ATOLL_OK;
}

static atoll_status check_realm(struct atoll_ctx *ctx, enum cca_verify_result r)
{
	switch (r) {
	case CCA_VERIFY_OK:
		return ATOLL_OK;
	case CCA_VERIFY_BAD_KEY:
		return atoll_fail(ctx, ATOLL_E_BAD_RAK, "the RAK claim is not a P-384 public key");
	case CCA_VERIFY_BAD_SIGNATURE:
		return atoll_fail(ctx, ATOLL_E_REALM_SIGNATURE,
				  "the realm token's ES384 signature does not verify under its RAK");
	case CCA_VERIFY_UNBOUND:
		return atoll_fail(ctx, ATOLL_E_BINDING,
				  "the platform token's challenge is not SHA-256 of the RAK's COSE_Key");
	default:
		return atoll_fail(ctx, ATOLL_E_MALFORMED, "not a CCA token");
	}
}

/* Whether the token's instance id is the one cpak gives (0x01 || SHA-256 of it). */
static bool names_cpak(const struct atoll_claims *c, const uint8_t cpak[ATOLL_CPAK_SIZE])
{
	uint8_t ueid[PLAT_INSTANCE_ID_SIZE];

	ueid[0] = 0x01;
	(void)mbedtls_sha256(cpak, ATOLL_CPAK_SIZE, ueid + 1, 0);
	return c->plat.instance_id.len == sizeof(ueid) &&
	       memcmp(c->plat.instance_id.p, ueid, sizeof(ueid)) == 0;
}

/*
 * Signed by one of the policy's CPAKs, with that CPAK's instance id. A
 * token no trusted CPAK signed is UNKNOWN_CPAK, unless its instance id
 * names one of them: then its signature is what is wrong.
 */
static atoll_status check_platform(struct atoll_ctx *ctx, const struct atoll_policy *p,
				   const struct atoll_claims *c)
{
	struct plat_claims scratch;

	for (size_t i = 0; i < p->num_cpaks; i++) {
		switch (plat_token_verify(c->realm.plat_token, c->realm.plat_token_len, p->cpak[i],
					  &scratch)) {
		case PLAT_VERIFY_OK:
			return ATOLL_OK;
		case PLAT_VERIFY_WRONG_INSTANCE:
			return atoll_fail(ctx, ATOLL_E_INSTANCE_ID,
					  "signed by trusted CPAK %zu, but its instance id is another "
					  "CPAK's", i);
		case PLAT_VERIFY_BAD_KEY:
			return atoll_fail(ctx, ATOLL_E_POLICY,
					  "trusted CPAK %zu is not a P-384 public key", i);
		case PLAT_VERIFY_MALFORMED:
			return atoll_fail(ctx, ATOLL_E_PLATFORM_MALFORMED, "platform token");
		default:
			break;
		}
	}
	for (size_t i = 0; i < p->num_cpaks; i++) {
		if (names_cpak(c, p->cpak[i]))
			return atoll_fail(ctx, ATOLL_E_PLATFORM_SIGNATURE,
					  "the platform token names trusted CPAK %zu (instance id) but "
					  "its ES384 signature does not verify under it", i);
	}
	return atoll_fail(ctx, ATOLL_E_UNKNOWN_CPAK,
			  "the platform token names none of the %zu trusted CPAK(s) and is signed "
			  "by none of them", p->num_cpaks);
}

static bool bytes_are(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

static atoll_status check_sw(struct atoll_ctx *ctx, const struct atoll_policy *p,
			     const struct atoll_claims *c)
{
	if (p->num_sw == 0U)
		return ATOLL_OK;
	if (c->plat.sw_count != p->num_sw)
		return atoll_fail(ctx, ATOLL_E_SW_COMPONENT,
				  "the token lists %zu sw-components, the reference values %zu",
				  c->plat.sw_count, p->num_sw);
	for (size_t i = 0; i < p->num_sw; i++) {
		const struct atoll_sw_component *s = &c->sw[i];
		const struct refs_measurement *m = &p->sw[i];
		const char *what = NULL;

		if (strcmp(s->type, m->sw_type) != 0)
			what = "type";
		else if (!bytes_are(s->signer_id, s->signer_id_len, m->signer_id, m->signer_id_len))
			what = "signer id";
		else if (!bytes_are(s->value, s->value_len, m->slot_value, m->slot_value_len))
			what = "measurement value";
		if (what != NULL)
			return atoll_fail(ctx, ATOLL_E_SW_COMPONENT,
					  "sw-component %zu (\"%s\", expected %s of slot %u): its %s "
					  "differs from the reference values", i, s->type, m->image,
					  m->slot, what);
	}
	return ATOLL_OK;
}

static bool digest_allowed(const struct policy_digest *list, size_t n, const uint8_t *d,
			   size_t len)
{
	for (size_t i = 0; i < n; i++) {
		if (bytes_are(list[i].d, list[i].len, d, len))
			return true;
	}
	return false;
}

static bool all_zero(const uint8_t *d, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (d[i] != 0U)
			return false;
	}
	return true;
}

static atoll_status check_realm_policy(struct atoll_ctx *ctx, const struct atoll_policy *p,
				       const struct atoll_claims *c)
{
	const struct cca_claims *r = &c->realm;
	char hex[2U * ATOLL_DIGEST_MAX + 1U];

	if ((p->hash == POLICY_HASH_SHA256 && r->sha512) ||
	    (p->hash == POLICY_HASH_SHA512 && !r->sha512))
		return atoll_fail(ctx, ATOLL_E_HASH_ALG, "the realm hash algorithm is %s",
				  r->sha512 ? "sha-512" : "sha-256");
	if (p->have_challenge && memcmp(r->challenge, p->challenge, ATOLL_CHALLENGE_SIZE) != 0)
		return atoll_fail(ctx, ATOLL_E_STALE_CHALLENGE,
				  "the realm challenge is not the one expected");
	if (!digest_allowed(p->rim, p->num_rims, r->rim, r->digest_len)) {
		atoll_hex(hex, r->rim, r->digest_len);
		return atoll_fail(ctx, ATOLL_E_RIM_NOT_ALLOWED, "RIM %s is not in the policy", hex);
	}
	for (unsigned int i = 0; i < 4U; i++) {
		if (!all_zero(r->rem[i], r->digest_len) &&
		    !digest_allowed(p->rem, p->num_rems, r->rem[i], r->digest_len))
			return atoll_fail(ctx, ATOLL_E_REM_NOT_ALLOWED, "REM%u is not in the policy", i);
	}
	return ATOLL_OK;
}

static atoll_status verify(struct atoll_ctx *ctx, const uint8_t *token, size_t len,
			   const struct atoll_policy *p, struct atoll_claims **out)
{
	enum cca_verify_result r;
	struct atoll_claims *c;
	atoll_status st = check_policy_usable(ctx, p);

	if (st == ATOLL_OK)
		st = claims_parse(ctx, token, len, &c, &r);
	if (st != ATOLL_OK)
		return st;
	st = check_realm(ctx, r);
	if (st == ATOLL_OK)
		st = check_platform(ctx, p, c);
	if (st == ATOLL_OK && (c->plat.lifecycle < p->lifecycle_lo || c->plat.lifecycle > p->lifecycle_hi))
		st = atoll_fail(ctx, ATOLL_E_LIFECYCLE,
				"platform lifecycle 0x%04llx is outside 0x%04x..0x%04x",
				(unsigned long long)c->plat.lifecycle, p->lifecycle_lo, p->lifecycle_hi);
	if (st == ATOLL_OK)
		st = check_sw(ctx, p, c);
	if (st == ATOLL_OK)
		st = check_realm_policy(ctx, p, c);
	if (st != ATOLL_OK) {
		atoll_claims_free(c);
		return st;
	}
	c->verified = true;
	*out = c;
	return ATOLL_OK;
}

ATOLL_API atoll_status atoll_verify(struct atoll_ctx *ctx, const uint8_t *token, size_t len,
				    const struct atoll_policy *policy, struct atoll_claims **claims)
{
	atoll_status st;

	if (ctx == NULL || claims == NULL)
		return ATOLL_E_INVALID_ARG;
	*claims = NULL;
	ctx->detail[0] = '\0';
	if (policy == NULL)
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG, "no policy");
	atoll_lock();
	st = verify(ctx, token, len, policy, claims);
	atoll_unlock();
	return st;
}
