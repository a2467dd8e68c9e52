/*
 * Verifier of CCA attestation tokens (spec section 6), for the realm host's
 * system tests and for whoever relies on a realm's token. Independent of the
 * RMM's token code: its own CBOR decoder (cbor_dec.c), the COSE
 * Sig_structure built here, and mbedTLS for SHA-384/SHA-256 and ECDSA.
 *
 * What it checks: the token's shape (tag 399 with the two tokens, the realm
 * token a tagged COSE_Sign1 with alg ES384), every realm claim's type and
 * size, the realm token's signature under the RAK public key it carries,
 * and that the platform token's challenge is SHA-256 of that key's COSE_Key
 * bytes. What it does not: the platform token's own signature (the
 * platform's key is a matter of the platform; on QEMU, TF-A's token is a
 * fixed sample).
 *
 * mbedTLS allocates from the verifier's own static arena: one caller at a
 * time.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cca_verify_result {
	CCA_VERIFY_OK = 0,
	CCA_VERIFY_MALFORMED,		/* not a CCA token of the expected shape */
	CCA_VERIFY_BAD_KEY,		/* the RAK claim is not a valid P-384 key */
	CCA_VERIFY_BAD_SIGNATURE,	/* the realm token's signature does not verify */
	CCA_VERIFY_UNBOUND,		/* signed, but the platform token names another RAK */
};

/*
 * The claims, pointing into the token buffer (valid while it is). Filled
 * for CCA_VERIFY_OK, and also for BAD_SIGNATURE and UNBOUND, whose claims a
 * caller must then treat as unproven.
 */
struct cca_claims {
	const uint8_t *challenge;	/* 64 bytes */
	const uint8_t *rpv;		/* 64 bytes */
	bool sha512;			/* realm hash algorithm: "sha-512", else "sha-256" */
	size_t digest_len;		/* 32 or 64: length of rim and each rem */
	const uint8_t *rim;
	const uint8_t *rem[4];
	const uint8_t *rak;		/* the RAK as COSE_Key bytes */
	size_t rak_len;
	const uint8_t *plat_token;	/* the platform token as carried */
	size_t plat_token_len;
	const uint8_t *plat_challenge;	/* its challenge claim */
	size_t plat_challenge_len;
};

enum cca_verify_result cca_verify(const uint8_t *token, size_t len, struct cca_claims *out);

/* A name for a result, for test output. */
const char *cca_verify_result_name(enum cca_verify_result r);
