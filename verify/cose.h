/*
 * COSE_Sign1 with ES384 (RFC 9052, RFC 9053), the envelope of both halves
 * of a CCA token: parsing the tagged structure, checking its protected
 * header, and verifying its signature under a P-384 public key with
 * mbedTLS. Shared by the realm-token verifier (cca_verify.c) and the
 * platform-token verifier (plat_token.c). mbedTLS allocates from one static
 * arena here: one caller at a time.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cbor_dec.h"

#define COSE_P384_BYTES		48U
#define COSE_P384_POINT_BYTES	(1U + 2U * COSE_P384_BYTES)	/* SEC1 04 || x || y */

struct cose_sign1 {
	const uint8_t *protected_hdr;
	size_t protected_len;
	const uint8_t *payload;
	size_t payload_len;
	const uint8_t *sig;
	size_t sig_len;
};

enum cose_verify_result {
	COSE_VERIFY_OK = 0,
	COSE_VERIFY_BAD_KEY,		/* not a point on P-384 */
	COSE_VERIFY_BAD_SIGNATURE,
};

/* Reads a map's pairs with fn(key); false as soon as one fails. */
typedef bool (*cose_pair_fn)(struct cbor_dec *d, int64_t key, void *arg);
bool cose_each_pair(struct cbor_dec *d, cose_pair_fn fn, void *arg);

/*
 * #6.18 [protected, unprotected, payload, signature] and nothing after it,
 * whose protected header names ES384 (once) and whose signature is 96 bytes.
 */
bool cose_sign1_es384_parse(const uint8_t *buf, size_t len, struct cose_sign1 *c);

/* The signature over ["Signature1", protected, h'', payload] under a SEC1 point. */
enum cose_verify_result cose_sign1_es384_verify(const struct cose_sign1 *c,
						const uint8_t point[COSE_P384_POINT_BYTES]);
