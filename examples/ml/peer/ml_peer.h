/*
 * The TLS-client end of the attested channel, shared by ml-provider and
 * ml-client (docs/attested-channel.md): the handshake with the ML server, the
 * channel binding, and the server's token verified with libatoll against the
 * peer's policy file with the binding as the required challenge.
 */
#pragma once

#include <stdint.h>

#include <mbedtls/ssl.h>

#include <atoll/atoll.h>

#include "ml_hosted.h"
#include "ml_protocol.h"

/* Exit codes of ml-provider and ml-client. */
enum ml_exit {
	ML_EXIT_OK = 0,
	ML_EXIT_REFUSED = 1,	/* the server's token does not satisfy the policy */
	ML_EXIT_USAGE = 2,
	ML_EXIT_CHANNEL = 3,	/* TLS or protocol failure, or the server gave up (ERROR) */
	ML_EXIT_LOCAL = 4,	/* a local file (policy, model) unreadable or refused */
};

struct ml_peer {
	const char *prog;		/* for messages */
	int fd;
	struct ml_rng rng;
	mbedtls_ssl_config conf;
	mbedtls_ssl_context ssl;
	struct atoll_ctx *atoll;	/* backend "none": a relying party */
	struct atoll_policy *policy;
	uint8_t binding[ML_EXPORTER_SIZE];
	uint8_t token[ML_MAX_TOKEN];
	char rim_hex[2 * ATOLL_DIGEST_MAX + 1];	/* the verified server's RIM */
};

/* Loads the policy file and sets up TLS; ML_EXIT_LOCAL with the reason printed. */
enum ml_exit ml_peer_init(struct ml_peer *peer, const char *prog, const char *policy_path);

/*
 * On the connected socket fd: the TLS 1.3 handshake, the binding, TOKEN and
 * its verification. On refusal prints "refused: RIM <hex> not allowed
 * (allowed: <hex>, ...)" (or "refused: <check>: <detail>") on stdout, sends
 * ERROR and returns ML_EXIT_REFUSED; nothing else is sent.
 */
enum ml_exit ml_peer_open(struct ml_peer *peer, int fd);

/*
 * ml_peer_init, then the connection (listening at addr for the server's
 * connection, or connecting to it) and ml_peer_open: a verified session, or
 * the exit code with the reason printed.
 */
enum ml_exit ml_peer_start(struct ml_peer *peer, const char *prog, const char *policy_path,
			   const char *addr, int listen);

/* Prints "<prog>: <what>: <detail>" to stderr, sends ERROR with it; ML_EXIT_CHANNEL. */
enum ml_exit ml_peer_channel_error(struct ml_peer *peer, const char *what,
				   const struct ml_proto_error *err);

/* Closes the session (close_notify) and the socket, and frees everything. */
void ml_peer_free(struct ml_peer *peer);
