/* Token-making helpers shared by the attestation and verifier tests. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rmm/attest_token.h>

/* Aux-granule stand-ins: one ctx per test, at a fixed address while it signs. */
extern struct attest_ctx at_ctx;
extern uint8_t at_token[RSI_ATTEST_TOKEN_MAX_SIZE];

/* should_yield() answers for attest_token_continue_sign(). */
bool at_never_yield(void);
bool at_always_yield(void);

/* Recognisable bytes: p[i] = seed + 7i. */
void at_fill(uint8_t *p, size_t len, uint8_t seed);

/* A realm with recognisable RPV and measurements (filled to the digest size). */
const struct rd *at_realm(enum measure_algo algo);

/* A whole signed token for rd and the challenge at_fill(seed) makes; its size. */
size_t at_make_token(const struct rd *rd, uint8_t challenge_seed, uint8_t *out);

/* Reads the whole signed token out of at_ctx in one piece; its size. */
size_t at_read_all(uint8_t *out);

/* Cold boot again, keeping the emulated EL3's settings. */
void at_reboot(void);
