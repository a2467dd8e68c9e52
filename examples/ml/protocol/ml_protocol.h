/*
 * The attested channel's protocol (docs/attested-channel.md), shared by every
 * peer: the ML server (a realm, or the x86 test server) and its two TLS
 * clients, the model provider and the chat client.
 *
 * After the TLS 1.3 handshake each side derives the channel binding, the
 * 64-byte TLS exporter output for the label ML_EXPORTER_LABEL and an empty
 * context; the server's first message is its CCA token with that binding as
 * the realm challenge. Then messages, each
 *
 *     type (1 byte) | length (4 bytes, big-endian) | payload (length bytes)
 *
 * with a maximum length per type. Provider session: TOKEN ->, <- MODEL,
 * ACK ->. Chat session: TOKEN ->, <- PROMPT, COMPLETION ->. Either side may
 * send ERROR (a UTF-8 reason) instead of its next message and close.
 *
 * Freestanding C11 (string.h, vsnprintf, which lib/snprintf.c gives a realm,
 * and mbedTLS), built with examples/ml/tls/atoll_tls_config.h: links into the
 * realm as well as into x86 programs.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ssl.h>

/* ---- The channel binding ----------------------------------------------------- */
#define ML_EXPORTER_LABEL	"EXPORTER-atoll-attest"
#define ML_EXPORTER_SIZE	64u	/* = ATOLL_CHALLENGE_SIZE, the realm challenge */

/*
 * The TLS configuration every peer shares: TLS 1.3 only, (EC)DHE on P-256,
 * ECDSA P-256 signatures, no certificate chain check (the server is
 * authenticated by its token, which the binding ties to the session).
 * endpoint is MBEDTLS_SSL_IS_SERVER or _IS_CLIENT; the server then adds its
 * certificate and key. 0 or an mbedTLS error.
 */
int ml_tls_config(mbedtls_ssl_config *conf, int endpoint,
		  int (*f_rng)(void *, unsigned char *, size_t), void *p_rng);

/* ---- Messages ---------------------------------------------------------------- */
enum ml_msg_type {
	ML_MSG_TOKEN = 1,	/* server -> peer: the CCA token bound to this session */
	ML_MSG_MODEL = 2,	/* provider -> server: the model.atml file */
	ML_MSG_PROMPT = 3,	/* client -> server: the prompt's bytes */
	ML_MSG_COMPLETION = 4,	/* server -> client: the generated text */
	ML_MSG_ERROR = 5,	/* either way: why the sender gives up (UTF-8, no NUL) */
	ML_MSG_ACK = 6,		/* server -> provider: the model is loaded (empty payload) */
};

#define ML_MSG_HEADER_SIZE	5u

/* Largest payload of each type; a longer one is a protocol error. */
#define ML_MAX_TOKEN		8192u		/* = ATOLL_TOKEN_MAX */
#define ML_MAX_MODEL		(4u << 20)	/* the demo's model is 2.7 MB */
#define ML_MAX_PROMPT		1024u
#define ML_MAX_COMPLETION	4096u
#define ML_MAX_ERROR		256u
#define ML_MAX_ACK		0u

/* The maximum payload length of a type; 0 with *known = 0 for an unknown type. */
size_t ml_msg_max(uint8_t type, int *known);
/* The type's name ("TOKEN", ...), or "unknown". */
const char *ml_msg_name(uint8_t type);

/* ---- Results ----------------------------------------------------------------- */
enum ml_proto_status {
	ML_PROTO_OK = 0,
	ML_PROTO_TLS,		/* mbedTLS failed (detail: its error code) */
	ML_PROTO_CLOSED,	/* the peer closed before a message began */
	ML_PROTO_TRUNCATED,	/* the peer closed inside a message */
	ML_PROTO_BAD_TYPE,	/* a type byte that is no message */
	ML_PROTO_TOO_LONG,	/* a length past the type's maximum */
	ML_PROTO_UNEXPECTED,	/* a valid message, but not the one this step expects */
	ML_PROTO_PEER_ERROR,	/* the peer sent ERROR (detail: its reason) */
	ML_PROTO_NO_ROOM,	/* the caller's buffer is smaller than the message */
	ML_PROTO_BINDING,	/* the exporter could not be computed */
};

/*
 * What went wrong, in one line, e.g. "message type 0x09 is not a message" or
 * "MODEL of 5000000 bytes is longer than its maximum 4194304".
 */
struct ml_proto_error {
	enum ml_proto_status status;
	int tls_error;		/* the mbedTLS code with ML_PROTO_TLS, else 0 */
	char detail[ML_MAX_ERROR + 96];
};

/* The fixed message of a status. */
const char *ml_proto_strerror(enum ml_proto_status status);

/* ---- Operations on an established TLS session -------------------------------- */

/* The session's channel binding: ML_EXPORTER_SIZE bytes of TLS exporter output. */
enum ml_proto_status ml_channel_binding(mbedtls_ssl_context *ssl, uint8_t out[ML_EXPORTER_SIZE],
					struct ml_proto_error *err);

/* Sends one message (len <= ml_msg_max(type)); the payload may be NULL when len is 0. */
enum ml_proto_status ml_msg_send(mbedtls_ssl_context *ssl, uint8_t type, const void *payload,
				 size_t len, struct ml_proto_error *err);

/* Sends ERROR with this reason (cut to ML_MAX_ERROR bytes); errors are ignored. */
void ml_msg_send_error(mbedtls_ssl_context *ssl, const char *reason);

/*
 * Receives one message of type `expect` into buf (cap bytes), *len its
 * payload length. An ERROR from the peer gives ML_PROTO_PEER_ERROR with its
 * reason in err->detail; any other type ML_PROTO_UNEXPECTED; a bad type,
 * a length past the maximum or a message cut short their own status. The
 * payload of a refused message is not read.
 */
enum ml_proto_status ml_msg_recv(mbedtls_ssl_context *ssl, uint8_t expect, uint8_t *buf,
				 size_t cap, size_t *len, struct ml_proto_error *err);
