/*
 * The ML server's portable core (ml_server.h): the TLS 1.3 server end of the
 * attested channel (docs/attested-channel.md) and the model behind it.
 */
#include "ml_server.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <mbedtls/ecp.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

#include <atoll/atoll.h>

/* The certificate only carries the session key: the token, not a CA, vouches for the server. */
#define CERT_SUBJECT	"CN=Atoll ML server,O=Atoll"
#define CERT_NOT_BEFORE	"20260101000000"
#define CERT_NOT_AFTER	"20991231235959"

__attribute__((format(printf, 3, 4)))
static enum ml_server_status fail(struct ml_server *s, enum ml_server_status st,
				  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(s->error, sizeof(s->error), fmt, ap);
	va_end(ap);
	return st;
}

__attribute__((format(printf, 2, 3)))
static void say(const struct ml_server_platform *p, const char *fmt, ...)
{
	char line[160];
	va_list ap;

	if (!p->log)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	p->log(p->log_ctx, line);
}

/* A fresh P-256 key and a self-signed certificate over it, DER in scratch. */
static enum ml_server_status make_identity(struct ml_server *s, const struct ml_server_platform *p)
{
	mbedtls_x509write_cert crt;
	uint8_t serial[16];
	uint8_t *der = s->message;
	size_t cap = sizeof(s->message);
	int ret, len;

	ret = mbedtls_pk_setup(&s->key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
	if (!ret)
		ret = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(s->key), p->rng,
					  p->rng_ctx);
	if (ret)
		return fail(s, ML_SERVER_E_CRYPTO, "generating the server's P-256 key: -0x%04x",
			    (unsigned int)-ret);
	ret = p->rng(p->rng_ctx, serial, sizeof(serial));
	if (ret)
		return fail(s, ML_SERVER_E_CRYPTO, "no random bytes for the certificate serial");
	serial[0] = (uint8_t)((serial[0] & 0x7f) | 0x01);	/* positive, no leading zero */

	mbedtls_x509write_crt_init(&crt);
	mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&crt, &s->key);
	mbedtls_x509write_crt_set_issuer_key(&crt, &s->key);
	ret = mbedtls_x509write_crt_set_subject_name(&crt, CERT_SUBJECT);
	if (!ret)
		ret = mbedtls_x509write_crt_set_issuer_name(&crt, CERT_SUBJECT);
	if (!ret)
		ret = mbedtls_x509write_crt_set_serial_raw(&crt, serial, sizeof(serial));
	if (!ret)
		ret = mbedtls_x509write_crt_set_validity(&crt, CERT_NOT_BEFORE, CERT_NOT_AFTER);
	len = ret ? ret : mbedtls_x509write_crt_der(&crt, der, cap, p->rng, p->rng_ctx);
	mbedtls_x509write_crt_free(&crt);
	if (len <= 0)
		return fail(s, ML_SERVER_E_CRYPTO, "writing the server certificate: -0x%04x",
			    (unsigned int)-len);
	/* x509write writes at the end of the buffer. */
	ret = mbedtls_x509_crt_parse_der(&s->cert, der + cap - (size_t)len, (size_t)len);
	memset(der, 0, cap);
	if (ret)
		return fail(s, ML_SERVER_E_CRYPTO, "reading back the server certificate: -0x%04x",
			    (unsigned int)-ret);
	return ML_SERVER_OK;
}

static enum ml_server_status make_tls_config(struct ml_server *s, const struct ml_server_platform *p)
{
	int ret = ml_tls_config(&s->conf, MBEDTLS_SSL_IS_SERVER, p->rng, p->rng_ctx);

	if (!ret)
		ret = mbedtls_ssl_conf_own_cert(&s->conf, &s->cert, &s->key);
	if (ret)
		return fail(s, ML_SERVER_E_CRYPTO, "TLS server configuration: -0x%04x",
			    (unsigned int)-ret);
	return ML_SERVER_OK;
}

enum ml_server_status ml_server_init(struct ml_server *s, const struct ml_server_config *cfg,
				     const struct ml_server_platform *p)
{
	struct ml_sampler probe;
	enum ml_server_status st;
	psa_status_t ps;

	memset(s, 0, sizeof(*s));
	mbedtls_pk_init(&s->key);
	mbedtls_x509_crt_init(&s->cert);
	mbedtls_ssl_config_init(&s->conf);
	mbedtls_ssl_init(&s->ssl);
	if (!cfg || !p || !p->send || !p->recv || !p->rng || (!p->atoll && !p->attest))
		return fail(s, ML_SERVER_E_ARG, "the platform lacks a channel, an RNG or attestation");
	if (!cfg->model_buf || ((uintptr_t)cfg->model_buf & 3u) || cfg->model_cap == 0)
		return fail(s, ML_SERVER_E_ARG, "the model buffer is missing, empty or not 4-byte aligned");
	if (cfg->completion_len == 0 || cfg->completion_len > ML_MAX_COMPLETION)
		return fail(s, ML_SERVER_E_ARG, "completion length %zu is not 1..%u",
			    cfg->completion_len, ML_MAX_COMPLETION);
	if (ml_sampler_init(&probe, cfg->temperature, cfg->seed) != ML_OK)
		return fail(s, ML_SERVER_E_ARG, "the sampling temperature is refused");
	s->cfg = *cfg;
	ps = psa_crypto_init();
	if (ps != PSA_SUCCESS)
		return fail(s, ML_SERVER_E_CRYPTO, "psa_crypto_init failed: %d", (int)ps);
	st = make_identity(s, p);
	if (st == ML_SERVER_OK)
		st = make_tls_config(s, p);
	if (st == ML_SERVER_OK) {
		s->ready = true;
		s->error[0] = '\0';
		say(p, "ml-server: TLS 1.3 server ready, fresh ECDSA P-256 key");
	}
	return st;
}

void ml_server_free(struct ml_server *s)
{
	mbedtls_ssl_free(&s->ssl);
	mbedtls_ssl_config_free(&s->conf);
	mbedtls_x509_crt_free(&s->cert);
	mbedtls_pk_free(&s->key);
	s->ready = false;
	s->loaded = false;
}

/*
 * The handshake, the binding and the token: the opening of every session
 * (kept a function of its own: make bench counts its instructions).
 */
__attribute__((noinline))
static enum ml_server_status open_session(struct ml_server *s, const struct ml_server_platform *p)
{
	uint8_t binding[ML_EXPORTER_SIZE];
	struct ml_proto_error perr;
	size_t token_len = 0;
	int ret;

	if (!s->ready)
		return fail(s, ML_SERVER_E_ARG, "ml_server_init has not succeeded");
	mbedtls_ssl_free(&s->ssl);
	mbedtls_ssl_init(&s->ssl);
	ret = mbedtls_ssl_setup(&s->ssl, &s->conf);
	if (ret)
		return fail(s, ML_SERVER_E_CRYPTO, "TLS session set-up: -0x%04x", (unsigned int)-ret);
	mbedtls_ssl_set_bio(&s->ssl, p->bio, p->send, p->recv, NULL);
	do
		ret = mbedtls_ssl_handshake(&s->ssl);
	while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
	if (ret)
		return fail(s, ML_SERVER_E_HANDSHAKE, "TLS handshake failed: -0x%04x",
			    (unsigned int)-ret);
	if (ml_channel_binding(&s->ssl, binding, &perr) != ML_PROTO_OK)
		return fail(s, ML_SERVER_E_HANDSHAKE, "%s", perr.detail);

	if (p->attest)
		ret = p->attest(p->attest_ctx, binding, s->token, sizeof(s->token), &token_len);
	else
		ret = atoll_attest(p->atoll, binding, s->token, sizeof(s->token), &token_len);
	memset(binding, 0, sizeof(binding));
	if (ret) {
		fail(s, ML_SERVER_E_ATTEST, "no attestation token: %s",
		     p->attest ? "the platform's attest hook failed" : atoll_error_detail(p->atoll));
		ml_msg_send_error(&s->ssl, "the server could not attest");
		return ML_SERVER_E_ATTEST;
	}
	if (ml_msg_send(&s->ssl, ML_MSG_TOKEN, s->token, token_len, &perr) != ML_PROTO_OK)
		return fail(s, ML_SERVER_E_PROTOCOL, "sending TOKEN: %s", perr.detail);
	say(p, "ml-server: %s session, token of %zu bytes bound to the TLS exporter sent",
	    mbedtls_ssl_get_ciphersuite(&s->ssl), token_len);
	return ML_SERVER_OK;
}

static void close_session(struct ml_server *s)
{
	(void)mbedtls_ssl_close_notify(&s->ssl);
	mbedtls_ssl_free(&s->ssl);
	mbedtls_ssl_init(&s->ssl);
}

/* Receives a message; a refusal is answered with ERROR naming it (unless the peer gave up). */
static enum ml_server_status receive(struct ml_server *s, uint8_t type, uint8_t *buf, size_t cap,
				     size_t *len)
{
	struct ml_proto_error perr;
	enum ml_proto_status st = ml_msg_recv(&s->ssl, type, buf, cap, len, &perr);

	if (st == ML_PROTO_OK)
		return ML_SERVER_OK;
	if (st == ML_PROTO_BAD_TYPE || st == ML_PROTO_TOO_LONG || st == ML_PROTO_UNEXPECTED ||
	    st == ML_PROTO_NO_ROOM)
		ml_msg_send_error(&s->ssl, perr.detail);
	return fail(s, ML_SERVER_E_PROTOCOL, "waiting for %s: %s", ml_msg_name(type), perr.detail);
}

enum ml_server_status ml_server_load(struct ml_server *s, size_t len)
{
	enum ml_status ms;

	s->loaded = false;
	s->model_len = 0;
	if (len > s->cfg.model_cap)
		return fail(s, ML_SERVER_E_ARG, "a model of %zu bytes does not fit the %zu-byte buffer",
			    len, s->cfg.model_cap);
	ms = ml_model_load(&s->model, s->cfg.model_buf, len);
	if (ms != ML_OK)
		return fail(s, ML_SERVER_E_MODEL, "the model is refused: %s", ml_status_str(ms));
	s->loaded = true;
	s->model_len = len;
	s->error[0] = '\0';
	return ML_SERVER_OK;
}

const uint8_t *ml_server_model(const struct ml_server *s, size_t *len)
{
	*len = s->loaded ? s->model_len : 0;
	return s->loaded ? s->cfg.model_buf : NULL;
}

enum ml_server_status ml_server_provision(struct ml_server *s, const struct ml_server_platform *p)
{
	struct ml_proto_error perr;
	size_t cap = s->cfg.model_cap < ML_MAX_MODEL ? s->cfg.model_cap : ML_MAX_MODEL;
	size_t len;
	enum ml_server_status st = open_session(s, p);

	if (st == ML_SERVER_OK) {
		s->loaded = false;	/* MODEL overwrites the buffer */
		st = receive(s, ML_MSG_MODEL, s->cfg.model_buf, cap, &len);
	}
	if (st == ML_SERVER_OK) {
		st = ml_server_load(s, len);
		if (st != ML_SERVER_OK)
			ml_msg_send_error(&s->ssl, s->error);
	}
	if (st == ML_SERVER_OK && ml_msg_send(&s->ssl, ML_MSG_ACK, NULL, 0, &perr) != ML_PROTO_OK)
		st = fail(s, ML_SERVER_E_PROTOCOL, "sending ACK: %s", perr.detail);
	if (st == ML_SERVER_OK)
		say(p, "ml-server: model of %zu bytes loaded (%zu parameters)", len,
		    ml_model_params(&s->model));
	close_session(s);
	return st;
}

enum ml_server_status ml_server_chat(struct ml_server *s, const struct ml_server_platform *p)
{
	struct ml_proto_error perr;
	struct ml_sampler sampler;
	size_t len = 0;
	enum ml_server_status st = open_session(s, p);

	if (st == ML_SERVER_OK)
		st = receive(s, ML_MSG_PROMPT, s->message, ML_MAX_PROMPT, &len);
	if (st == ML_SERVER_OK && p->observe_prompt)
		p->observe_prompt(p->log_ctx, s->message, len);
	if (st == ML_SERVER_OK && !s->loaded)
		st = fail(s, ML_SERVER_E_NO_MODEL, "a prompt arrived, but no model is loaded");
	else if (st == ML_SERVER_OK && len == 0)
		st = fail(s, ML_SERVER_E_PROMPT, "the prompt is empty");
	if (st == ML_SERVER_OK) {
		enum ml_status ms;

		ml_state_reset(&s->state, &s->model);
		ms = ml_feed(&s->state, s->message, len);
		if (ms != ML_OK)
			st = fail(s, ML_SERVER_E_PROMPT, "the prompt is refused: %s", ml_status_str(ms));
	}
	if (st == ML_SERVER_E_NO_MODEL || st == ML_SERVER_E_PROMPT)
		ml_msg_send_error(&s->ssl, s->error);
	memset(s->message, 0, len);
	if (st == ML_SERVER_OK) {
		(void)ml_sampler_init(&sampler, s->cfg.temperature, s->cfg.seed);
		ml_generate(&s->state, &sampler, s->message, s->cfg.completion_len);
		if (ml_msg_send(&s->ssl, ML_MSG_COMPLETION, s->message, s->cfg.completion_len,
				&perr) != ML_PROTO_OK)
			st = fail(s, ML_SERVER_E_PROTOCOL, "sending COMPLETION: %s", perr.detail);
		memset(s->message, 0, s->cfg.completion_len);
	}
	if (st == ML_SERVER_OK)
		say(p, "ml-server: a prompt of %zu bytes answered with %zu bytes", len,
		    s->cfg.completion_len);
	close_session(s);
	return st;
}

const char *ml_server_error(const struct ml_server *s)
{
	return s->error;
}
