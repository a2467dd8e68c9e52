/*
 * Verifier of the CCA platform token (the first half of a CCA token; claims
 * as Arm's CCA platform profile and docs/hes.md): its shape and claims, its
 * ES384 signature under the platform's CPAK public key, and that its
 * instance id is the one that CPAK gives (0x01 || SHA-256 of the SEC1
 * point). Which sw-components and lifecycle are acceptable is the relying
 * party's choice (verify/hosted/refs.c checks them against refs.json).
 * Freestanding and hosted alike; claims point into the token buffer.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cose.h"

#define PLAT_PROFILE			"tag:arm.com,2023:cca_platform#1.0.0"
#define PLAT_SW_COMPONENTS_MAX		32U
#define PLAT_IMPLEMENTATION_ID_SIZE	32U
#define PLAT_INSTANCE_ID_SIZE		33U

/* Text claims are not NUL-terminated: pointer and length. */
struct plat_text {
	const char *s;
	size_t len;
};

struct plat_bytes {
	const uint8_t *p;
	size_t len;
};

/* One sw-component: {1: type, 2: value, 4: version, 5: signer id, 6: hash name}. */
struct plat_sw_component {
	struct plat_text type;		/* may be empty */
	struct plat_bytes value;	/* the slot's value: the extended measurement */
	struct plat_text version;	/* may be empty */
	struct plat_bytes signer_id;
	struct plat_text hash_alg;	/* may be empty */
};

struct plat_claims {
	struct plat_bytes challenge;		/* 10 */
	struct plat_bytes implementation_id;	/* 2396 */
	struct plat_bytes instance_id;		/* 256 */
	struct plat_bytes platform_config;	/* 2401 */
	uint64_t lifecycle;			/* 2395 */
	struct plat_sw_component sw[PLAT_SW_COMPONENTS_MAX];	/* 2399 */
	size_t sw_count;
	struct plat_text hash_alg;		/* 2402 */
	struct plat_text verification_url;	/* 2400, optional: len 0 if absent */
};

enum plat_verify_result {
	PLAT_VERIFY_OK = 0,
	PLAT_VERIFY_MALFORMED,		/* not a platform token of the expected shape */
	PLAT_VERIFY_BAD_KEY,		/* the CPAK given is not a P-384 point */
	PLAT_VERIFY_BAD_SIGNATURE,	/* not signed by that CPAK */
	PLAT_VERIFY_WRONG_INSTANCE,	/* signed, but its instance id is another CPAK's */
};

/*
 * Checks token (a tagged COSE_Sign1) under cpak (SEC1 04 || x || y). Claims
 * are filled for every result but MALFORMED; unproven unless OK.
 */
enum plat_verify_result plat_token_verify(const uint8_t *token, size_t len,
					  const uint8_t cpak[COSE_P384_POINT_BYTES],
					  struct plat_claims *out);

const char *plat_verify_result_name(enum plat_verify_result r);
