/*
 * The attested channel's framing and binding (ml_protocol.h): one
 * implementation for the server, the provider and the client.
 */
#include "ml_protocol.h"

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

/* Freestanding text building: appends s to the detail, always NUL-terminated. */
static void put(struct ml_proto_error *err, size_t *at, const char *s)
{
	while (*s && *at + 1 < sizeof(err->detail))
		err->detail[(*at)++] = *s++;
	err->detail[*at] = '\0';
}

static void put_uint(struct ml_proto_error *err, size_t *at, uint64_t v)
{
	char digits[21];
	size_t n = sizeof(digits) - 1;

	digits[n] = '\0';
	do {
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(err, at, digits + n);
}

static void put_hex8(struct ml_proto_error *err, size_t *at, uint8_t v)
{
	static const char hex[] = "0123456789abcdef";
	char s[5] = { '0', 'x', hex[v >> 4], hex[v & 15], '\0' };

	put(err, at, s);
}

/* Sets err's status with an empty detail, which the caller then writes from *at. */
static enum ml_proto_status fail(struct ml_proto_error *err, enum ml_proto_status st,
				 size_t *at)
{
	err->status = st;
	err->tls_error = 0;
	*at = 0;
	err->detail[0] = '\0';
	return st;
}

static enum ml_proto_status fail_tls(struct ml_proto_error *err, const char *doing, int ret)
{
	size_t at;

	fail(err, ML_PROTO_TLS, &at);
	err->tls_error = ret;
	put(err, &at, "TLS ");
	put(err, &at, doing);
	put(err, &at, " failed: mbedTLS error -0x");
	{
		static const char hex[] = "0123456789abcdef";
		unsigned int v = (unsigned int)(ret < 0 ? -ret : ret);
		char s[5] = { hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15],
			      hex[v & 15], '\0' };
		put(err, &at, s);
	}
	put(err, &at, ret == MBEDTLS_ERR_SSL_INVALID_MAC ? " (a record was changed in transit)" : "");
	return ML_PROTO_TLS;
}

static void ok(struct ml_proto_error *err)
{
	err->status = ML_PROTO_OK;
	err->tls_error = 0;
	err->detail[0] = '\0';
}

enum ml_proto_status ml_channel_binding(mbedtls_ssl_context *ssl, uint8_t out[ML_EXPORTER_SIZE],
					struct ml_proto_error *err)
{
	size_t at;
	int ret = mbedtls_ssl_export_keying_material(ssl, out, ML_EXPORTER_SIZE, ML_EXPORTER_LABEL,
						     sizeof(ML_EXPORTER_LABEL) - 1, NULL, 0, 0);

	if (ret) {
		memset(out, 0, ML_EXPORTER_SIZE);
		fail(err, ML_PROTO_BINDING, &at);
		put(err, &at, "the TLS exporter failed (is the handshake done?)");
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
	size_t got = 0, at;

	while (got < len) {
		int ret = mbedtls_ssl_read(ssl, buf + got, len - got);

		if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY ||
		    ret == MBEDTLS_ERR_SSL_CONN_EOF) {
			if (at_start && got == 0) {
				fail(err, ML_PROTO_CLOSED, &at);
				put(err, &at, "the peer closed the connection before a message");
				return ML_PROTO_CLOSED;
			}
			fail(err, ML_PROTO_TRUNCATED, &at);
			put(err, &at, "the peer closed the connection inside a message");
			return ML_PROTO_TRUNCATED;
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
	size_t max = ml_msg_max(type, &known), at;
	uint8_t head[ML_MSG_HEADER_SIZE];
	enum ml_proto_status st;

	if (!known) {
		fail(err, ML_PROTO_BAD_TYPE, &at);
		put(err, &at, "refusing to send message type ");
		put_hex8(err, &at, type);
		return ML_PROTO_BAD_TYPE;
	}
	if (len > max) {
		fail(err, ML_PROTO_TOO_LONG, &at);
		put(err, &at, "refusing to send ");
		put(err, &at, ml_msg_name(type));
		put(err, &at, " of ");
		put_uint(err, &at, len);
		put(err, &at, " bytes: its maximum is ");
		put_uint(err, &at, max);
		return ML_PROTO_TOO_LONG;
	}
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

/* Copies the peer's ERROR reason into the detail, replacing control bytes. */
static void put_reason(struct ml_proto_error *err, size_t *at, const uint8_t *r, size_t len)
{
	for (size_t i = 0; i < len && *at + 1 < sizeof(err->detail); i++) {
		uint8_t c = r[i];

		err->detail[(*at)++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	err->detail[*at] = '\0';
}

enum ml_proto_status ml_msg_recv(mbedtls_ssl_context *ssl, uint8_t expect, uint8_t *buf,
				 size_t cap, size_t *len, struct ml_proto_error *err)
{
	uint8_t head[ML_MSG_HEADER_SIZE];
	uint8_t reason[ML_MAX_ERROR];
	size_t n, max, at;
	int known;
	enum ml_proto_status st;

	*len = 0;
	st = read_all(ssl, head, sizeof(head), 1, err);
	if (st != ML_PROTO_OK)
		return st;
	n = ((size_t)head[1] << 24) | ((size_t)head[2] << 16) | ((size_t)head[3] << 8) | head[4];
	max = ml_msg_max(head[0], &known);
	if (!known) {
		fail(err, ML_PROTO_BAD_TYPE, &at);
		put(err, &at, "message type ");
		put_hex8(err, &at, head[0]);
		put(err, &at, " is not a message (expected ");
		put(err, &at, ml_msg_name(expect));
		put(err, &at, ")");
		return ML_PROTO_BAD_TYPE;
	}
	if (n > max) {
		fail(err, ML_PROTO_TOO_LONG, &at);
		put(err, &at, ml_msg_name(head[0]));
		put(err, &at, " of ");
		put_uint(err, &at, n);
		put(err, &at, " bytes is longer than its maximum ");
		put_uint(err, &at, max);
		return ML_PROTO_TOO_LONG;
	}
	if (head[0] == ML_MSG_ERROR && expect != ML_MSG_ERROR) {
		st = read_all(ssl, reason, n, 0, err);
		if (st != ML_PROTO_OK)
			return st;
		fail(err, ML_PROTO_PEER_ERROR, &at);
		put(err, &at, "the peer refused: ");
		put_reason(err, &at, reason, n);
		return ML_PROTO_PEER_ERROR;
	}
	if (head[0] != expect) {
		fail(err, ML_PROTO_UNEXPECTED, &at);
		put(err, &at, "got ");
		put(err, &at, ml_msg_name(head[0]));
		put(err, &at, " where ");
		put(err, &at, ml_msg_name(expect));
		put(err, &at, " was expected");
		return ML_PROTO_UNEXPECTED;
	}
	if (n > cap) {
		fail(err, ML_PROTO_NO_ROOM, &at);
		put(err, &at, ml_msg_name(head[0]));
		put(err, &at, " of ");
		put_uint(err, &at, n);
		put(err, &at, " bytes does not fit the ");
		put_uint(err, &at, cap);
		put(err, &at, "-byte buffer");
		return ML_PROTO_NO_ROOM;
	}
	st = read_all(ssl, buf, n, 0, err);
	if (st != ML_PROTO_OK)
		return st;
	*len = n;
	ok(err);
	return ML_PROTO_OK;
}
