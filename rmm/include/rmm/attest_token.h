/*
 * The CCA attestation token (spec section 6), for RSI_ATTEST_TOKEN_INIT and
 * RSI_ATTEST_TOKEN_CONTINUE. Per REC, all state lives in a struct
 * attest_ctx the caller keeps (in one REC aux granule):
 *
 *   attest_token_init()         INIT: claims encoded; signing started if
 *                                the RAK is set up (attest_key.h)
 *   attest_token_continue_sign() CONTINUE while signing: first, for the
 *                                first token only, the RAK set-up; then
 *                                ES384; both in slices, giving way when
 *                                should_yield() says so
 *   attest_token_read()         CONTINUE once signed: the token in pieces
 *
 * The token is tag 399 { 44234: bstr(platform token), 44241: bstr(realm
 * token) }, the realm token a tagged COSE_Sign1 signed with the RAK. Only
 * the realm part is kept here; the platform token is shared (attest_key.h)
 * and copied straight from there.
 *
 * An all-zero attest_ctx is idle, so a scrubbed aux granule needs no set-up.
 * The ctx holds pointers into itself while signing: it must stay at one
 * address, and be used by one CPU at a time (the REC's lock rules ensure
 * both). An in-progress ctx holds secret intermediate values of the
 * signature: scrub it before its memory leaves the RMM (REC_DESTROY's
 * aux scrub does). The RAK set-up's own state is global, not in the ctx.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ecdsa.h>
#include <mbedtls/hmac_drbg.h>

#include <atoll/rsi.h>
#include <rmm/attest_key.h>
#include <rmm/realm.h>

#include "atoll_heap.h"

#define ATTEST_CHALLENGE_SIZE	64U
#define ATTEST_SIG_SIZE		(2U * ATTEST_P384_BYTES)	/* r || s */
#define ATTEST_HASH_SIZE	48U				/* SHA-384 */

/* tag 399, map(2), key 44234, bstr head: 3 + 1 + 3 + 3 bytes at most. */
#define ATTEST_HEAD_MAX		10U
/* Key 44241 and the realm token with SHA-512 measurements: 756 bytes. */
#define ATTEST_REALM_PART_MAX	760U
/*
 * mbedTLS's working memory for one restartable signature: the highest
 * address used over 3000 signatures was 2568 bytes (both DRBGs' hash
 * contexts, the nonce and the point arithmetic's temporaries). Running
 * out fails the signature cleanly (RSI_ERROR_UNKNOWN).
 */
#define ATTEST_HEAP_SIZE	2816U

_Static_assert(ATTEST_HEAD_MAX + ATTEST_PLAT_TOKEN_MAX + ATTEST_REALM_PART_MAX <=
		       RSI_ATTEST_TOKEN_MAX_SIZE,
	       "the CCA token fits the size ATTEST_TOKEN_INIT announces (spec 4)");

enum attest_token_state {
	ATTEST_TOKEN_IDLE = 0,	/* no INIT pending: CONTINUE gives ERROR_STATE */
	ATTEST_TOKEN_SIGNING,	/* INIT done; RAK set-up (first token), then signature */
	ATTEST_TOKEN_SIGNED,	/* token complete, being read out */
};

enum attest_sign_result {
	ATTEST_SIGN_DONE,	/* signed: read the token */
	ATTEST_SIGN_YIELD,	/* not yet; should_yield() asked to stop */
	ATTEST_SIGN_ERROR,	/* failed (or attestation unavailable); the ctx is idle again */
};

/* A signature in progress. mbedTLS allocates only from heap_buf meanwhile. */
struct attest_signer {
	mbedtls_ecp_group grp;
	mbedtls_mpi r, s;
	mbedtls_ecdsa_restart_ctx rs;
	mbedtls_hmac_drbg_context blind;
	struct atoll_heap heap;
	uint8_t heap_buf[ATTEST_HEAP_SIZE];
};

/*
 * The token is three parts: a head (tag 399, the map, key 44234 and the
 * platform token's bstr head), re-encoded when read; the platform token,
 * copied from attest_key; and the realm part kept here. INIT encodes the
 * realm part with the RAK claim (a COSE_Key, always 107 bytes) zero; it is
 * filled in, and the hash taken, once the RAK is set up ("bound").
 */
struct attest_ctx {
	enum attest_token_state state;
	bool key_bound;				/* RAK claim in place, signing started */
	uint16_t key_pos;			/* the RAK claim's offset in realm[] */
	uint16_t payload_len;			/* the claims, just before the signature */
	uint32_t realm_len;
	uint32_t pos;				/* bytes already read out */
	uint8_t hash[ATTEST_HASH_SIZE];		/* SHA-384 of the Sig_structure */
	uint8_t realm[ATTEST_REALM_PART_MAX];	/* key 44241 and the realm token */
	struct attest_signer sign;
};

_Static_assert(sizeof(struct attest_ctx) <= 4096U, "attest_ctx fits one REC aux granule");

/*
 * RSI_ATTEST_TOKEN_INIT: discards any token in progress, encodes the realm
 * claims (this challenge, and rd's RPV, hash algorithm, RIM and REMs as they
 * are now) and, if the RAK is set up, starts signing. False when
 * attestation is unavailable (no key from EL3 at boot, or its set-up
 * failed) or the token would not fit: RSI_ERROR_UNKNOWN.
 */
bool attest_token_init(struct attest_ctx *ctx, const uint8_t challenge[ATTEST_CHALLENGE_SIZE],
		       const struct rd *rd);

/*
 * Advances the token in slices of ATTEST_SIGN_MAX_OPS, asking
 * should_yield() after each one (for example "is a host interrupt
 * pending?"): first the RAK set-up if it is not done (attest_key_setup(),
 * shared by every REC), then the signature. Each call makes progress: a
 * slice, the key bound, or the set-up advanced by another CPU meanwhile.
 * A failed set-up gives ATTEST_SIGN_ERROR. Call only in state SIGNING.
 */
enum attest_sign_result attest_token_continue_sign(struct attest_ctx *ctx,
						   bool (*should_yield)(void));

/*
 * Copies the next min(size, bytes left) bytes of the signed token to dst
 * and returns how many. The call that copies the last byte ends the token:
 * *done is set and the ctx is idle again. Call only in state SIGNED.
 */
size_t attest_token_read(struct attest_ctx *ctx, void *dst, size_t size, bool *done);

enum attest_token_state attest_token_state(const struct attest_ctx *ctx);

/* Total size of the token being built (valid once signed). */
size_t attest_token_size(const struct attest_ctx *ctx);

/* Forgets any token, scrubbing the ctx: idle. */
void attest_token_reset(struct attest_ctx *ctx);
