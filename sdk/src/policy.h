/* What a relying party accepts (struct atoll_policy of atoll.h). */
#pragma once

#include "internal.h"
#include "verify/hosted/refs.h"

#define POLICY_CPAKS_MAX	8U
#define POLICY_DIGESTS_MAX	16U

struct policy_digest {
	uint8_t d[ATOLL_DIGEST_MAX];
	size_t len;
};

enum policy_hash { POLICY_HASH_ANY, POLICY_HASH_SHA256, POLICY_HASH_SHA512 };

struct atoll_policy {
	uint8_t cpak[POLICY_CPAKS_MAX][ATOLL_CPAK_SIZE];
	size_t num_cpaks;
	struct policy_digest rim[POLICY_DIGESTS_MAX], rem[POLICY_DIGESTS_MAX];
	size_t num_rims, num_rems;
	uint16_t lifecycle_lo, lifecycle_hi;
	enum policy_hash hash;
	bool have_challenge;
	uint8_t challenge[ATOLL_CHALLENGE_SIZE];
	/* The sw-components every token must list, in order (from refs.json). */
	struct refs_measurement sw[REFS_MEASUREMENTS_MAX];
	size_t num_sw;
};

/*
 * Trusts refs.json's CPAK and requires its sw-components; with with_rim, allows
 * its realm RIM too. ATOLL_E_POLICY with the file and field in err.
 */
atoll_status policy_add_refs(struct atoll_policy *p, const char *path, bool with_rim, char *err,
			     size_t err_len);
