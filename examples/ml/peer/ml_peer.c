/* The TLS-client end of the attested channel (ml_peer.h). */
#include "ml_peer.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <psa/crypto.h>

static void hex(char *out, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	out[2 * len] = '\0';
}

enum ml_exit ml_peer_init(struct ml_peer *peer, const char *prog, const char *policy_path)
{
	const char *why = "";
	int ret;

	memset(peer, 0, sizeof(*peer));
	peer->prog = prog;
	peer->fd = -1;
	mbedtls_ssl_config_init(&peer->conf);
	mbedtls_ssl_init(&peer->ssl);
	if (atoll_policy_new(&peer->policy) != ATOLL_OK ||
	    atoll_open(&peer->atoll, "none", NULL) != ATOLL_OK) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return ML_EXIT_LOCAL;
	}
	if (atoll_policy_load(peer->policy, policy_path, &why) != ATOLL_OK) {
		fprintf(stderr, "%s: policy refused: %s\n", prog, why);
		return ML_EXIT_LOCAL;
	}
	if (psa_crypto_init() != PSA_SUCCESS || ml_rng_init(&peer->rng, prog) != 0) {
		fprintf(stderr, "%s: no entropy for TLS\n", prog);
		return ML_EXIT_LOCAL;
	}
	/* No certificate chain is checked: the token, bound to the session, authenticates. */
	ret = ml_tls_config(&peer->conf, MBEDTLS_SSL_IS_CLIENT, ml_rng, &peer->rng);
	if (ret == 0)
		ret = mbedtls_ssl_setup(&peer->ssl, &peer->conf);
	if (ret) {
		fprintf(stderr, "%s: TLS set-up failed: -0x%04x\n", prog, (unsigned int)-ret);
		return ML_EXIT_LOCAL;
	}
	return ML_EXIT_OK;
}

enum ml_exit ml_peer_channel_error(struct ml_peer *peer, const char *what,
				   const struct ml_proto_error *err)
{
	fprintf(stderr, "%s: %s: %s\n", peer->prog, what, err->detail);
	if (err->status != ML_PROTO_TLS && err->status != ML_PROTO_CLOSED &&
	    err->status != ML_PROTO_TRUNCATED && err->status != ML_PROTO_PEER_ERROR)
		ml_msg_send_error(&peer->ssl, err->detail);
	return ML_EXIT_CHANNEL;
}

/* The refusal line: the RIM seen and the ones allowed, or the failed check. */
static void print_refusal(struct ml_peer *peer, atoll_status st, size_t token_len, char *reason,
			  size_t cap)
{
	struct atoll_claims *c = NULL;
	char rim[2 * ATOLL_DIGEST_MAX + 1];

	if (st == ATOLL_E_RIM_NOT_ALLOWED &&
	    atoll_token_parse(peer->atoll, peer->token, token_len, &c) == ATOLL_OK) {
		size_t at;

		hex(rim, atoll_claims_rim(c), atoll_claims_digest_len(c));
		at = (size_t)snprintf(reason, cap, "RIM %s not allowed (allowed:", rim);
		for (size_t i = 0; i < atoll_policy_rim_count(peer->policy) && at < cap; i++) {
			size_t len;
			const uint8_t *d = atoll_policy_rim(peer->policy, i, &len);

			hex(rim, d, len);
			at += (size_t)snprintf(reason + at, cap - at, "%s %s", i ? "," : "", rim);
		}
		if (at < cap)
			snprintf(reason + at, cap - at, ")");
		atoll_claims_free(c);
	} else {
		snprintf(reason, cap, "%s: %s%s", atoll_strerror(st), atoll_error_detail(peer->atoll),
			 st == ATOLL_E_STALE_CHALLENGE ?
				 " (the token was made for another TLS session)" : "");
	}
	printf("refused: %s\n", reason);
	fflush(stdout);
}

enum ml_exit ml_peer_open(struct ml_peer *peer, int fd)
{
	struct ml_proto_error err;
	struct atoll_claims *claims = NULL;
	char reason[2048];
	size_t len;
	atoll_status st;
	int ret;

	peer->fd = fd;
	mbedtls_ssl_set_bio(&peer->ssl, &peer->fd, ml_fd_send, ml_fd_recv, NULL);
	do
		ret = mbedtls_ssl_handshake(&peer->ssl);
	while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
	if (ret) {
		fprintf(stderr, "%s: TLS handshake failed: -0x%04x\n", peer->prog, (unsigned int)-ret);
		return ML_EXIT_CHANNEL;
	}
	if (ml_channel_binding(&peer->ssl, peer->binding, &err) != ML_PROTO_OK)
		return ml_peer_channel_error(peer, "channel binding", &err);
	if (ml_msg_recv(&peer->ssl, ML_MSG_TOKEN, peer->token, sizeof(peer->token), &len, &err) !=
	    ML_PROTO_OK)
		return ml_peer_channel_error(peer, "waiting for the server's token", &err);

	(void)atoll_policy_set_challenge(peer->policy, peer->binding);
	st = atoll_verify(peer->atoll, peer->token, len, peer->policy, &claims);
	if (st != ATOLL_OK) {
		print_refusal(peer, st, len, reason, sizeof(reason));
		ml_msg_send_error(&peer->ssl, reason);
		return ML_EXIT_REFUSED;
	}
	hex(peer->rim_hex, atoll_claims_rim(claims), atoll_claims_digest_len(claims));
	atoll_claims_free(claims);
	return ML_EXIT_OK;
}

enum ml_exit ml_peer_start(struct ml_peer *peer, const char *prog, const char *policy_path,
			   const char *addr, int listen)
{
	char why[512];
	enum ml_exit rc = ml_peer_init(peer, prog, policy_path);
	int fd;

	if (rc != ML_EXIT_OK)
		return rc;
	fd = listen ? ml_listen_accept(addr, why, sizeof(why)) : ml_connect(addr, 10000, why, sizeof(why));
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", prog, why);
		return ML_EXIT_CHANNEL;
	}
	return ml_peer_open(peer, fd);
}

void ml_peer_free(struct ml_peer *peer)
{
	if (peer->fd >= 0) {
		(void)mbedtls_ssl_close_notify(&peer->ssl);
		close(peer->fd);
		peer->fd = -1;
	}
	mbedtls_ssl_free(&peer->ssl);
	mbedtls_ssl_config_free(&peer->conf);
	ml_rng_free(&peer->rng);
	atoll_policy_free(peer->policy);
	atoll_close(peer->atoll);
}
