/*
 * The ML server's portable core (docs/attested-channel.md): one TLS 1.3
 * server session at a time over a byte channel the platform gives, the
 * attestation token bound to the session as its first message, then the
 * provider's model or a client's prompt.
 *
 * Freestanding C11: no libc beyond string.h and vsnprintf (lib/snprintf.c in
 * a realm), no OS calls, no allocation except mbedTLS's own
 * (MBEDTLS_PLATFORM_CALLOC_MACRO in a realm). The same code runs in the ML server realm (R-EL1, libatoll's rsi
 * backend) and in the x86 test server build/ml/ml-sim-server (sim backend).
 * Sealing the model is the platform's business, around these calls: after
 * ml_server_provision() it seals ml_server_model()'s bytes; after a restart
 * it unseals them into the model buffer and calls ml_server_load().
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "ml_infer.h"
#include "ml_model.h"
#include "ml_protocol.h"

struct atoll_ctx;

/* Everything platform-specific, given to each call. */
struct ml_server_platform {
	/* The channel, as mbedTLS BIO callbacks (mbedtls_ssl_send_t / _recv_t); blocking. */
	void *bio;
	int (*send)(void *bio, const unsigned char *buf, size_t len);
	int (*recv)(void *bio, unsigned char *buf, size_t len);
	/* Secret random bytes, mbedTLS f_rng shape (0 on success). */
	int (*rng)(void *rng_ctx, unsigned char *out, size_t len);
	void *rng_ctx;
	/* Attestation: atoll_attest() on this context. */
	struct atoll_ctx *atoll;
	/*
	 * Optional (NULL: atoll_attest on atoll): the token for this challenge
	 * into buf, *len its length, 0 on success. The test server uses it to
	 * replay a recorded token.
	 */
	int (*attest)(void *attest_ctx, const uint8_t challenge[ML_EXPORTER_SIZE], uint8_t *buf,
		      size_t cap, size_t *len);
	void *attest_ctx;
	/* A line of progress for the console, without newline (may be NULL). */
	void (*log)(void *log_ctx, const char *line);
	void *log_ctx;
	/*
	 * Optional, NULL in an honest server: sees each prompt received. The
	 * malicious image of the demo copies prompts out through it; attestation
	 * (its RIM differs) is what keeps prompts away from it.
	 */
	void (*observe_prompt)(void *log_ctx, const uint8_t *prompt, size_t len);
};

/* How the server generates text. */
struct ml_server_config {
	uint8_t *model_buf;		/* where MODEL lands: 4-byte aligned, model_cap bytes */
	size_t model_cap;		/* at most ML_MAX_MODEL is ever used */
	size_t completion_len;		/* bytes generated per prompt, 1..ML_MAX_COMPLETION */
	float temperature;		/* 0: greedy */
	uint64_t seed;			/* the sampler's seed, the same for every prompt */
};

enum ml_server_status {
	ML_SERVER_OK = 0,
	ML_SERVER_E_ARG,	/* a bad configuration or argument */
	ML_SERVER_E_CRYPTO,	/* key, certificate or TLS configuration set-up failed */
	ML_SERVER_E_HANDSHAKE,	/* the TLS handshake failed */
	ML_SERVER_E_ATTEST,	/* no token for this session */
	ML_SERVER_E_PROTOCOL,	/* the peer broke the protocol, closed, or refused us (ERROR) */
	ML_SERVER_E_MODEL,	/* the model received (or unsealed) is refused by ml_model_load */
	ML_SERVER_E_NO_MODEL,	/* a chat before any model was loaded */
	ML_SERVER_E_PROMPT,	/* the prompt has a byte outside the model's vocabulary */
};

/* The server; its fields are private to ml_server.c. */
struct ml_server {
	struct ml_server_config cfg;
	bool ready;			/* key and certificate made */
	bool loaded;			/* model valid */
	size_t model_len;
	struct ml_model model;
	struct ml_state state;
	mbedtls_pk_context key;		/* fresh ECDSA P-256 per server start */
	mbedtls_x509_crt cert;		/* self-signed, over key */
	mbedtls_ssl_config conf;
	mbedtls_ssl_context ssl;
	uint8_t token[ML_MAX_TOKEN];
	uint8_t message[ML_MAX_COMPLETION];	/* a prompt in, a completion out */
	char error[ML_MAX_ERROR + 96];	/* the latest failure, one line */
};

/*
 * psa_crypto_init(), a fresh ECDSA P-256 key and its self-signed certificate,
 * the TLS 1.3 server configuration. Call once; ml_server_free() undoes it.
 * The TLS configuration keeps p's rng and rng_ctx: they must stay valid until
 * then (every later call may pass another platform struct, with the same RNG).
 */
enum ml_server_status ml_server_init(struct ml_server *s, const struct ml_server_config *cfg,
				     const struct ml_server_platform *p);
void ml_server_free(struct ml_server *s);

/*
 * One provider session: handshake, TOKEN, then MODEL into the model buffer,
 * checked with ml_model_load(); ACK on success, ERROR with the reason
 * otherwise. MODEL overwrites the buffer, so after any failure once it has
 * begun to arrive no model is loaded.
 */
enum ml_server_status ml_server_provision(struct ml_server *s, const struct ml_server_platform *p);

/* The model already in the model buffer (len bytes, e.g. unsealed): checks and loads it. */
enum ml_server_status ml_server_load(struct ml_server *s, size_t len);

/* The loaded model file's bytes (to seal); NULL if none is loaded. */
const uint8_t *ml_server_model(const struct ml_server *s, size_t *len);

/*
 * One client session: handshake, TOKEN, PROMPT, then COMPLETION (cfg's
 * completion_len bytes generated from the prompt with a fresh state and
 * sampler).
 */
enum ml_server_status ml_server_chat(struct ml_server *s, const struct ml_server_platform *p);

/* The latest failure in one line ("" after a success). */
const char *ml_server_error(const struct ml_server *s);
