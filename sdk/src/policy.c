/* Building a policy (see policy.h), refs.json through verify/hosted/refs.c. */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIFECYCLE_SECURED_LO	0x3000U
#define LIFECYCLE_SECURED_HI	0x30FFU

ATOLL_API atoll_status atoll_policy_new(struct atoll_policy **policy)
{
	struct atoll_policy *p;

	if (policy == NULL)
		return ATOLL_E_INVALID_ARG;
	p = calloc(1, sizeof(*p));
	*policy = p;
	if (p == NULL)
		return ATOLL_E_NOMEM;
	p->lifecycle_lo = LIFECYCLE_SECURED_LO;
	p->lifecycle_hi = LIFECYCLE_SECURED_HI;
	return ATOLL_OK;
}

ATOLL_API void atoll_policy_free(struct atoll_policy *policy)
{
	free(policy);
}

ATOLL_API atoll_status atoll_policy_trust_cpak(struct atoll_policy *p,
					       const uint8_t cpak[ATOLL_CPAK_SIZE])
{
	if (p == NULL || cpak == NULL || cpak[0] != 0x04)
		return ATOLL_E_INVALID_ARG;
	if (p->num_cpaks == POLICY_CPAKS_MAX)
		return ATOLL_E_POLICY;
	memcpy(p->cpak[p->num_cpaks++], cpak, ATOLL_CPAK_SIZE);
	return ATOLL_OK;
}

static atoll_status add_digest(struct policy_digest *list, size_t *n, const uint8_t *d,
			       size_t len)
{
	if (d == NULL || (len != 32U && len != 64U))
		return ATOLL_E_INVALID_ARG;
	if (*n == POLICY_DIGESTS_MAX)
		return ATOLL_E_POLICY;
	memcpy(list[*n].d, d, len);
	list[(*n)++].len = len;
	return ATOLL_OK;
}

ATOLL_API atoll_status atoll_policy_allow_rim(struct atoll_policy *p, const uint8_t *rim,
					      size_t len)
{
	return p == NULL ? ATOLL_E_INVALID_ARG : add_digest(p->rim, &p->num_rims, rim, len);
}

ATOLL_API atoll_status atoll_policy_allow_rem(struct atoll_policy *p, const uint8_t *rem,
					      size_t len)
{
	return p == NULL ? ATOLL_E_INVALID_ARG : add_digest(p->rem, &p->num_rems, rem, len);
}

ATOLL_API atoll_status atoll_policy_set_lifecycle(struct atoll_policy *p, uint16_t lo, uint16_t hi)
{
	if (p == NULL || lo > hi)
		return ATOLL_E_INVALID_ARG;
	p->lifecycle_lo = lo;
	p->lifecycle_hi = hi;
	return ATOLL_OK;
}

ATOLL_API atoll_status atoll_policy_set_hash_alg(struct atoll_policy *p, const char *name)
{
	if (p == NULL || name == NULL)
		return ATOLL_E_INVALID_ARG;
	if (strcmp(name, "sha-256") == 0)
		p->hash = POLICY_HASH_SHA256;
	else if (strcmp(name, "sha-512") == 0)
		p->hash = POLICY_HASH_SHA512;
	else
		return ATOLL_E_INVALID_ARG;
	return ATOLL_OK;
}

ATOLL_API atoll_status atoll_policy_set_challenge(struct atoll_policy *p,
						  const uint8_t challenge[ATOLL_CHALLENGE_SIZE])
{
	if (p == NULL || challenge == NULL)
		return ATOLL_E_INVALID_ARG;
	memcpy(p->challenge, challenge, ATOLL_CHALLENGE_SIZE);
	p->have_challenge = true;
	return ATOLL_OK;
}

atoll_status policy_add_refs(struct atoll_policy *p, const char *path, bool with_rim, char *err,
			     size_t err_len)
{
	struct refs *r = malloc(sizeof(*r));
	atoll_status st;

	err[0] = '\0';
	if (r == NULL)
		return ATOLL_E_NOMEM;
	if (refs_load(path, r, err, err_len) != 0) {
		st = ATOLL_E_POLICY;
	} else {
		st = atoll_policy_trust_cpak(p, r->cpak);
		if (st == ATOLL_OK && with_rim)
			st = atoll_policy_allow_rim(p, r->rim, r->rim_len);
		if (st == ATOLL_OK) {
			memcpy(p->sw, r->m, r->count * sizeof(r->m[0]));
			p->num_sw = r->count;
		} else if (st == ATOLL_E_INVALID_ARG) {
			snprintf(err, err_len, "%s: \"realm\" \"rim\" has %zu bytes: a RIM has 32 "
				 "(sha-256) or 64 (sha-512)", path, r->rim_len);
			st = ATOLL_E_POLICY;
		} else {
			snprintf(err, err_len, "%s: too many CPAKs or RIMs in the policy", path);
			st = ATOLL_E_POLICY;
		}
	}
	free(r);
	return st;
}

ATOLL_API atoll_status atoll_policy_load_refs(struct atoll_policy *p, const char *path,
					      const char **why)
{
	static _Thread_local char err[512];
	atoll_status st;

	if (why != NULL)
		*why = "";
	if (p == NULL || path == NULL)
		return ATOLL_E_INVALID_ARG;
	st = policy_add_refs(p, path, true, err, sizeof(err));
	if (why != NULL)
		*why = err;
	return st;
}

ATOLL_API size_t atoll_policy_rim_count(const struct atoll_policy *p)
{
	return p == NULL ? 0U : p->num_rims;
}

ATOLL_API const uint8_t *atoll_policy_rim(const struct atoll_policy *p, size_t i, size_t *len)
{
	if (p == NULL || i >= p->num_rims) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	if (len != NULL)
		*len = p->rim[i].len;
	return p->rim[i].d;
}
