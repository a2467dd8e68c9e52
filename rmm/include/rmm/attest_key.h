/*
 * The Realm Attestation Key (RAK) and the platform token (spec sections 6
 * and 7.2). Cold boot takes the RAK's private scalar from EL3, and its
 * public key when EL3's firmware hands it out (Atoll's vendor call). Without
 * it, the public key (one P-384 scalar multiplication) is derived the first
 * time a REC needs a token, in slices like the signature (attest_key_setup);
 * the platform token bound to it comes then too. Once ready they are
 * read-only, so every CPU may use them without a lock.
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
 * Budget per slice of the signature and of the key set-up, in mbedTLS ECP
 * operations (a P-384 doubling counts 8, an addition 11, an inversion 120):
 * about 13 comb steps, some 0.5 M instructions, so a pending host interrupt
 * waits a fraction of a millisecond. Each slice restarts mbedTLS's
 * multiplication (the scalar is recoded every time, about 15,000
 * instructions), so smaller slices cost more: at 64 a token took 66 slices
 * and 7.27 M instructions, at 256 it takes 13 and 6.43 M.
 */
#define ATTEST_SIGN_MAX_OPS	256U

enum attest_key_state {
	ATTEST_KEY_UNAVAILABLE = 0,	/* no RAK from EL3, or its set-up failed: no tokens */
	ATTEST_KEY_PENDING,		/* RAK held; public key and platform token to come */
	ATTEST_KEY_READY,		/* all there: tokens can be signed */
};

/*
 * Cold boot: gets the RAK's private scalar from EL3 and checks it, then its
 * public key if EL3 has the call (checked to be a point of P-384; refused,
 * attestation unavailable, if it is not); no scalar multiplication, no
 * platform token yet. Logs the outcome (never the key). Returns false,
 * attestation staying unavailable, on any failure.
 */
bool attest_key_init(void);

/* Where attestation stands; a READY answer makes the key and token below valid. */
enum attest_key_state attest_key_state(void);

/* attest_key_state() == ATTEST_KEY_READY. */
bool attest_key_ready(void);

/*
 * Advances the set-up while it is PENDING: unless EL3 gave the public key,
 * d.G in slices of ATTEST_SIGN_MAX_OPS (mbedTLS restartable
 * multiplication) and its COSE_Key; then the platform token from EL3 (challenge = SHA-256 of the
 * COSE_Key). One global set-up, whichever CPUs ask: a lock is held only
 * while a slice runs, and between slices should_yield() (e.g. "is a host
 * interrupt pending?") may end the call. A CPU that finds another one in a
 * slice waits for the lock only while should_yield() says no. At least one
 * slice runs per call unless another CPU holds the lock or the set-up is
 * over. Returns the state reached: PENDING when it gave way; on failure
 * attestation becomes UNAVAILABLE for good (logged).
 */
enum attest_key_state attest_key_setup(bool (*should_yield)(void));

/* The RAK's private scalar, for signing. Valid only when ready. */
const mbedtls_mpi *attest_key_private(void);

/* The RAK public key as a COSE_Key (ATTEST_COSE_KEY_SIZE bytes). Valid only when ready. */
const uint8_t *attest_key_cose(void);

/* The platform token, as EL3 returned it. Valid only when ready. */
const uint8_t *attest_plat_token(size_t *len);

/*
 * Seeds drbg for the blinding mbedTLS requires in every scalar
 * multiplication. Keyed by the RAK, so an observer cannot predict it, and
 * by a count of uses, so repeating a request does not repeat the
 * computation's intermediate values. extra is mixed in as well.
 */
int attest_key_blind_seed(mbedtls_hmac_drbg_context *drbg, const uint8_t *extra, size_t len);
