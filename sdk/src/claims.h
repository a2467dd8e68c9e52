/* The claims of a token, kept with their own copy of it (struct atoll_claims). */
#pragma once

#include "internal.h"
#include "verify/cca_verify.h"
#include "verify/plat_token.h"

#define CLAIMS_TEXT_MAX	64U

struct claims_sw_text {
	char type[CLAIMS_TEXT_MAX], version[CLAIMS_TEXT_MAX], hash_alg[CLAIMS_TEXT_MAX];
};

struct atoll_claims {
	bool verified;
	uint8_t *token;			/* the claims point into this copy */
	size_t token_len;
	struct cca_claims realm;
	struct plat_claims plat;
	char plat_hash_alg[CLAIMS_TEXT_MAX];
	struct atoll_sw_component sw[PLAT_SW_COMPONENTS_MAX];
	struct claims_sw_text sw_text[PLAT_SW_COMPONENTS_MAX];
};

/*
 * Claims of token, parsed (realm and platform) into a new copy: the shape
 * must be right. ATOLL_E_MALFORMED / _PLATFORM_MALFORMED with the detail
 * in ctx, or the realm verifier's other results (*realm_result) for the
 * caller to judge.
 */
atoll_status claims_parse(struct atoll_ctx *ctx, const uint8_t *token, size_t len,
			  struct atoll_claims **out, enum cca_verify_result *realm_result);
