/*
 * The attested channel's framing and binding (ml_protocol.h): one
 * implementation for the server, the provider and the client.
 */
#include "ml_protocol.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>


static const char *const status_text[] = {
	[ML_PROTO_OK] = "ok",
	[ML_PROTO_TLS] = "TLS failure",
	[ML_PROTO_CLOSED] = "the peer closed the connection",
	[ML_PROTO_TRUNCATED] = "a message cut short",
	[ML_PROTO_BAD_TYPE] = "not a message type",
	[ML_PROTO_TOO_LONG] = "a message longer than its maximum",
	[ML_PROTO_UNEXPECTED] = "not the message expected here",
	[ML_PROTO_PEER_ERROR] = "the peer gave up",
	[ML_PROTO_NO_ROOM] = "a message larger than the buffer",
	[ML_PROTO_BINDING] = "no channel binding",
};

const char *ml_proto_strerror(enum ml_proto_status status)
{
	if ((size_t)status >= sizeof(status_text) / sizeof(status_text[0]) || !status_text[status])
		return "unknown protocol status";
	return status_text[status];
}

size_t ml_msg_max(uint8_t type, int *known)
{
	*known = 1;
	switch (type) {
	case ML_MSG_TOKEN: return ML_MAX_TOKEN;
	case ML_MSG_MODEL: return ML_MAX_MODEL;
	case ML_MSG_PROMPT: return ML_MAX_PROMPT;
	case ML_MSG_COMPLETION: return ML_MAX_COMPLETION;
	case ML_MSG_ERROR: return ML_MAX_ERROR;
	case ML_MSG_ACK: return ML_MAX_ACK;
	default: *known = 0; return 0;
	}
}

const char *ml_msg_name(uint8_t type)
{
	switch (type) {
	case ML_MSG_TOKEN: return "TOKEN";
	case ML_MSG_MODEL: return "MODEL";
	case ML_MSG_PROMPT: return "PROMPT";
	case ML_MSG_COMPLETION: return "COMPLETION";
	case ML_MSG_ERROR: return "ERROR";
	case ML_MSG_ACK: return "ACK";
	default: return "unknown";
	}
}

/* Sets err's status and its detail from fmt; returns the status. */
__attribute__((format(printf, 3, 4)))
static enum ml_proto_status fail(struct ml_proto_error *err, enum ml_proto_status st,
				 const char *fmt, ...)
{
	va_list ap;

	err->status = st;
	err->tls_error = 0;
	va_start(ap, fmt);
	(void)vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	return st;
}

static enum ml_proto_status fail_tls(struct ml_proto_error *err, const char *doing, int ret)
{
	fail(err, ML_PROTO_TLS, "TLS %s failed: mbedTLS error -0x%04x%s", doing,
	     (unsigned int)(ret < 0 ? -ret : ret),
	     ret == MBEDTLS_ERR_SSL_INVALID_MAC ? " (a record was changed in transit)" : "");
	err->tls_error = ret;
	return ML_PROTO_TLS;
}

static void ok(struct ml_proto_error *err)
{
	err->status = ML_PROTO_OK;
	err->tls_error = 0;
	err->detail[0] = '\0';
}

static const uint16_t groups[] = { MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1,
				   MBEDTLS_SSL_IANA_TLS_GROUP_NONE };
static const uint16_t sig_algs[] = { MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256,
				     MBEDTLS_TLS1_3_SIG_NONE };

int ml_tls_config(mbedtls_ssl_config *conf, int endpoint,
		  int (*f_rng)(void *, unsigned char *, size_t), void *p_rng)
{
	int ret = mbedtls_ssl_config_defaults(conf, endpoint, MBEDTLS_SSL_TRANSPORT_STREAM,
					      MBEDTLS_SSL_PRESET_DEFAULT);

	if (ret)
		return ret;
	mbedtls_ssl_conf_min_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_3);
	mbedtls_ssl_conf_max_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_3);
	mbedtls_ssl_conf_tls13_key_exchange_modes(conf, MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL);
	mbedtls_ssl_conf_groups(conf, groups);
	mbedtls_ssl_conf_sig_algs(conf, sig_algs);
	mbedtls_ssl_conf_rng(conf, f_rng, p_rng);
	mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE);
	return 0;
}

enum ml_proto_status ml_channel_binding(mbedtls_ssl_context *ssl, uint8_t out[ML_EXPORTER_SIZE],
					struct ml_proto_error *err)
{
	int ret = mbedtls_ssl_export_keying_material(ssl, out, ML_EXPORTER_SIZE, ML_EXPORTER_LABEL,
						     sizeof(ML_EXPORTER_LABEL) - 1, NULL, 0, 0);

	if (ret) {
		memset(out, 0, ML_EXPORTER_SIZE);
		fail(err, ML_PROTO_BINDING, "the TLS exporter failed (-0x%04x): is the handshake done?",
		     (unsigned int)-ret);
		err->tls_error = ret;
		return ML_PROTO_BINDING;
	}
	ok(err);
	return ML_PROTO_OK;
}

/* Writes all of buf; TLS may take it in several records. */
static enum ml_proto_status write_all(mbedtls_ssl_context *ssl, const uint8_t *buf, size_t len,
				      struct ml_proto_error *err)
{
	while (len) {
		int ret = mbedtls_ssl_write(ssl, buf, len);

		if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		if (ret <= 0)
			return fail_tls(err, "write", ret);
		buf += ret;
		len -= (size_t)ret;
	}
	return ML_PROTO_OK;
}

/*
 * Reads exactly len bytes. A close before the first byte is CLOSED when
 * at_start, otherwise TRUNCATED.
 */
static enum ml_proto_status read_all(mbedtls_ssl_context *ssl, uint8_t *buf, size_t len,
				     int at_start, struct ml_proto_error *err)
{
	size_t got = 0;

	while (got < len) {
		int ret = mbedtls_ssl_read(ssl, buf + got, len - got);

		if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY ||
		    ret == MBEDTLS_ERR_SSL_CONN_EOF) {
			if (at_start && got == 0)
				return fail(err, ML_PROTO_CLOSED,
					    "the peer closed the connection before a message");
			return fail(err, ML_PROTO_TRUNCATED,
				    "the peer closed the connection %zu bytes into a %zu-byte read",
				    got, len);
		}
		if (ret < 0)
			return fail_tls(err, "read", ret);
		got += (size_t)ret;
	}
	return ML_PROTO_OK;
}

enum ml_proto_status ml_msg_send(mbedtls_ssl_context *ssl, uint8_t type, const void *payload,
				 size_t len, struct ml_proto_error *err)
{
	int known;
	size_t max = ml_msg_max(type, &known);
	uint8_t head[ML_MSG_HEADER_SIZE];
	enum ml_proto_status st;

	if (!known)
		return fail(err, ML_PROTO_BAD_TYPE, "refusing to send message type 0x%02x", type);
	if (len > max)
		return fail(err, ML_PROTO_TOO_LONG, "refusing to send %s of %zu bytes: its maximum is %zu",
			    ml_msg_name(type), len, max);
	head[0] = type;
	head[1] = (uint8_t)(len >> 24);
	head[2] = (uint8_t)(len >> 16);
	head[3] = (uint8_t)(len >> 8);
	head[4] = (uint8_t)len;
	st = write_all(ssl, head, sizeof(head), err);
	if (st == ML_PROTO_OK && len)
		st = write_all(ssl, payload, len, err);
	if (st == ML_PROTO_OK)
		ok(err);
	return st;
}

void ml_msg_send_error(mbedtls_ssl_context *ssl, const char *reason)
{
	struct ml_proto_error ignored;
	size_t len = strlen(reason);

	if (len > ML_MAX_ERROR)
		len = ML_MAX_ERROR;
	(void)ml_msg_send(ssl, ML_MSG_ERROR, reason, len, &ignored);
}

/* The peer's ERROR reason as a C string, control bytes replaced (it goes to a terminal). */
static void reason_text(char *out, const uint8_t *r, size_t len)
{
	for (size_t i = 0; i < len; i++)
		out[i] = (r[i] < 0x20 || r[i] == 0x7f) ? '?' : (char)r[i];
	out[len] = '\0';
}

enum ml_proto_status ml_msg_recv(mbedtls_ssl_context *ssl, uint8_t expect, uint8_t *buf,
				 size_t cap, size_t *len, struct ml_proto_error *err)
{
	uint8_t head[ML_MSG_HEADER_SIZE];
	uint8_t reason[ML_MAX_ERROR];
	char text[ML_MAX_ERROR + 1];
	size_t n, max;
	int known;
	enum ml_proto_status st;

	*len = 0;
	st = read_all(ssl, head, sizeof(head), 1, err);
	if (st != ML_PROTO_OK)
		return st;
	n = ((size_t)head[1] << 24) | ((size_t)head[2] << 16) | ((size_t)head[3] << 8) | head[4];
	max = ml_msg_max(head[0], &known);
	if (!known)
		return fail(err, ML_PROTO_BAD_TYPE, "message type 0x%02x is not a message (expected %s)",
			    head[0], ml_msg_name(expect));
	if (n > max)
		return fail(err, ML_PROTO_TOO_LONG, "%s of %zu bytes is longer than its maximum %zu",
			    ml_msg_name(head[0]), n, max);
	if (head[0] == ML_MSG_ERROR && expect != ML_MSG_ERROR) {
		st = read_all(ssl, reason, n, 0, err);
		if (st != ML_PROTO_OK)
			return st;
		reason_text(text, reason, n);
		return fail(err, ML_PROTO_PEER_ERROR, "the peer refused: %s", text);
	}
	if (head[0] != expect)
		return fail(err, ML_PROTO_UNEXPECTED, "got %s where %s was expected",
			    ml_msg_name(head[0]), ml_msg_name(expect));
	if (n > cap)
		return fail(err, ML_PROTO_NO_ROOM, "%s of %zu bytes does not fit the %zu-byte buffer",
			    ml_msg_name(head[0]), n, cap);
	st = read_all(ssl, buf, n, 0, err);
	if (st != ML_PROTO_OK)
		return st;
	*len = n;
	ok(err);
	return ML_PROTO_OK;
}
