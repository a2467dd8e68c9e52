/*
 * The Realm Attestation Key (RAK) and the platform token, obtained from EL3
 * once at cold boot (spec sections 6 and 7.2). Read-only afterwards, so
 * every CPU may use them without a lock.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/bignum.h>
#include <mbedtls/hmac_drbg.h>

/* The RAK public key as the spec's COSE_Key: A4 01 02 20 02 21 58 30 x 22 58 30 y. */
#define ATTEST_COSE_KEY_SIZE	107U
#define ATTEST_P384_BYTES	48U

/*
 * Room for the platform token: what the 4 KB CCA token leaves after the
 * realm token and the CBOR around both (attest_token.h checks the sum).
 */
#define ATTEST_PLAT_TOKEN_MAX	3200U

/*
 * Signing budget per slice, in mbedTLS ECP operations (roughly one point
 * addition or doubling each): small enough that a pending host interrupt
 * waits at most a fraction of a millisecond.
 */
#define ATTEST_SIGN_MAX_OPS	64U

/*
 * Cold boot: gets the RAK from EL3, derives its public key, and gets the
 * platform token bound to it (challenge = SHA-256 of the COSE_Key). Logs
 * the outcome (never the key). On any failure attestation stays
 * unavailable and the function returns false.
 */
bool attest_key_init(void);

/* True once attest_key_init() has succeeded. */
bool attest_key_ready(void);

/* The RAK's private scalar, for signing. Valid only when attest_key_ready(). */
const mbedtls_mpi *attest_key_private(void);

/* The RAK public key as a COSE_Key (ATTEST_COSE_KEY_SIZE bytes). */
const uint8_t *attest_key_cose(void);

/* The platform token, as EL3 returned it. */
const uint8_t *attest_plat_token(size_t *len);

/*
 * Seeds drbg for the blinding mbedTLS requires in every scalar
 * multiplication. Keyed by the RAK, so an observer cannot predict it, and
 * by a count of uses, so repeating a request does not repeat the
 * computation's intermediate values. extra is mixed in as well.
 */
int attest_key_blind_seed(mbedtls_hmac_drbg_context *drbg, const uint8_t *extra, size_t len);
