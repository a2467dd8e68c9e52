/*
 * The attested channel in one process (build/ml/channel-tests MODEL): the
 * server core in a thread against a hand-driven TLS client over a socketpair,
 * for what whole programs cannot show: each malformed message refused with its
 * own message, on either side; the token bound to the session's exporter.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mbedtls/platform.h>
#include <psa/crypto.h>

#include "ml_hosted.h"
#include "ml_server.h"
#include "test_groups.h"

static const char *model_path;
static unsigned char *model_file;
static size_t model_len;
static struct ml_rng rng;

/* ---- A raw TLS endpoint over one end of a socketpair ---------------------------------- */
struct end {
	int fd;
	mbedtls_ssl_config conf;
	mbedtls_ssl_context ssl;
};

static void end_init(struct end *e, int fd, int endpoint)
{
	e->fd = fd;
	mbedtls_ssl_config_init(&e->conf);
	mbedtls_ssl_init(&e->ssl);
	assert_int_equal(ml_tls_config(&e->conf, endpoint, ml_rng, &rng), 0);
}

static void end_connect(struct end *e)
{
	int ret;

	assert_int_equal(mbedtls_ssl_setup(&e->ssl, &e->conf), 0);
	mbedtls_ssl_set_bio(&e->ssl, &e->fd, ml_fd_send, ml_fd_recv, NULL);
	do
		ret = mbedtls_ssl_handshake(&e->ssl);
	while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
	assert_int_equal(ret, 0);
}

static void end_free(struct end *e)
{
	mbedtls_ssl_free(&e->ssl);
	mbedtls_ssl_config_free(&e->conf);
	close(e->fd);
}

/* Raw bytes inside TLS: a header (and payload) as a broken peer would write them. */
static void end_write(struct end *e, const void *buf, size_t len)
{
	assert_int_equal(mbedtls_ssl_write(&e->ssl, buf, len), (int)len);
}

/* ---- The server core in a thread -------------------------------------------------------- */
struct server_run {
	struct ml_server server;
	struct ml_server_platform plat;
	int fd;
	uint8_t challenge[ML_EXPORTER_SIZE];	/* what the attest hook was asked for */
	int chat;				/* 1 chat, 0 provision */
	enum ml_server_status result;
	pthread_t thread;
};

static uint8_t model_buf[ML_MAX_MODEL] __attribute__((aligned(16)));

/* A stand-in token: "TOKEN" and the challenge; the peer here does not verify it. */
static int fake_attest(void *ctx, const uint8_t challenge[ML_EXPORTER_SIZE], uint8_t *buf,
		       size_t cap, size_t *len)
{
	struct server_run *r = ctx;

	assert_true(cap >= 5 + ML_EXPORTER_SIZE);
	memcpy(r->challenge, challenge, ML_EXPORTER_SIZE);
	memcpy(buf, "TOKEN", 5);
	memcpy(buf + 5, challenge, ML_EXPORTER_SIZE);
	*len = 5 + ML_EXPORTER_SIZE;
	return 0;
}

static void *server_thread(void *arg)
{
	struct server_run *r = arg;

	r->result = r->chat ? ml_server_chat(&r->server, &r->plat) :
			      ml_server_provision(&r->server, &r->plat);
	return NULL;
}

/*
 * mbedTLS's heap as the server uses it (its start and its session's thread):
 * every block carries the counter it was allocated under, so the peak is the
 * server's alone. Once installed the allocator stays: blocks of libc's calloc
 * from before (the fixture's) are never freed.
 */
struct heap_count {
	size_t live, peak;
};
static _Thread_local struct heap_count *thread_count;

struct block {
	struct heap_count *count;
	size_t size;
	max_align_t align[];
};

static void *counting_calloc(size_t n, size_t size)
{
	struct block *b;

	if (size && n > (SIZE_MAX - sizeof(*b)) / size)
		return NULL;
	b = calloc(1, sizeof(*b) + n * size);
	if (!b)
		return NULL;
	b->count = thread_count;
	b->size = n * size;
	if (b->count) {
		b->count->live += b->size;
		if (b->count->live > b->count->peak)
			b->count->peak = b->count->live;
	}
	return b->align;
}

static void counting_free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = (struct block *)((char *)p - offsetof(struct block, align));
	if (b->count)
		b->count->live -= b->size;
	free(b);
}

static struct heap_count server_heap;
static int count_server_heap;	/* server_start's threads count into server_heap */

static void *counted_server_thread(void *arg)
{
	thread_count = &server_heap;
	return server_thread(arg);
}

/* A server (with the model loaded if with_model), one session started; the client's end out. */
static struct server_run *server_start(int chat, int with_model, struct end *client)
{
	struct server_run *r = calloc(1, sizeof(*r));
	struct ml_server_config cfg = { .model_buf = model_buf, .model_cap = sizeof(model_buf),
					.completion_len = 16, .temperature = 0.0f, .seed = 1 };
	int sv[2];

	assert_non_null(r);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	r->fd = sv[0];
	r->chat = chat;
	r->plat = (struct ml_server_platform){ .bio = &r->fd, .send = ml_fd_send, .recv = ml_fd_recv,
		.rng = ml_rng, .rng_ctx = &rng, .attest = fake_attest, .attest_ctx = r };
	if (count_server_heap)
		thread_count = &server_heap;	/* the key and certificate count too */
	assert_int_equal(ml_server_init(&r->server, &cfg, &r->plat), ML_SERVER_OK);
	thread_count = NULL;
	if (with_model) {
		memcpy(model_buf, model_file, model_len);
		assert_int_equal(ml_server_load(&r->server, model_len), ML_SERVER_OK);
	}
	end_init(client, sv[1], MBEDTLS_SSL_IS_CLIENT);
	assert_int_equal(pthread_create(&r->thread, NULL, count_server_heap ? counted_server_thread :
					server_thread, r), 0);
	end_connect(client);
	return r;
}

static enum ml_server_status server_finish(struct server_run *r, struct end *client)
{
	enum ml_server_status st;

	end_free(client);	/* a server still reading sees the close */
	assert_int_equal(pthread_join(r->thread, NULL), 0);
	st = r->result;
	close(r->fd);
	ml_server_free(&r->server);
	free(r);
	return st;
}

/* The client's side of TOKEN: it carries the challenge the server was asked to attest. */
static void expect_token(struct server_run *r, struct end *c)
{
	uint8_t token[ML_MAX_TOKEN], binding[ML_EXPORTER_SIZE];
	struct ml_proto_error err;
	size_t len;

	assert_int_equal(ml_msg_recv(&c->ssl, ML_MSG_TOKEN, token, sizeof(token), &len, &err),
			 ML_PROTO_OK);
	assert_int_equal(len, 5 + ML_EXPORTER_SIZE);
	assert_int_equal(ml_channel_binding(&c->ssl, binding, &err), ML_PROTO_OK);
	assert_memory_equal(token + 5, binding, ML_EXPORTER_SIZE);
	assert_memory_equal(r->challenge, binding, ML_EXPORTER_SIZE);
}

/* The client expects ERROR from the server, whose reason contains `text`. */
static void expect_error(struct end *c, const char *text)
{
	struct ml_proto_error err;
	uint8_t buf[16];
	size_t len;

	assert_int_equal(ml_msg_recv(&c->ssl, ML_MSG_COMPLETION, buf, sizeof(buf), &len, &err),
			 ML_PROTO_PEER_ERROR);
	if (strstr(err.detail, text) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", err.detail, text);
}

static void expect_server_error(struct server_run *r, struct end *c, enum ml_server_status want,
				const char *text)
{
	char why[sizeof(r->server.error)];

	memset(why, 0, sizeof(why));
	end_free(c);
	assert_int_equal(pthread_join(r->thread, NULL), 0);
	memcpy(why, ml_server_error(&r->server), sizeof(why) - 1);
	assert_int_equal(r->result, want);
	if (strstr(why, text) == NULL)
		fail_msg("server error \"%s\" does not contain \"%s\"", why, text);
	close(r->fd);
	ml_server_free(&r->server);
	free(r);
}

/* ---- The binding ------------------------------------------------------------------------ */

static void binding_is_the_attested_challenge_and_fresh(void **state)
{
	uint8_t first[ML_EXPORTER_SIZE], zero[ML_EXPORTER_SIZE] = { 0 };
	struct ml_proto_error err;
	struct server_run *r;
	struct end c;
	uint8_t out[64];
	size_t len;

	(void)state;
	r = server_start(1, 1, &c);
	expect_token(r, &c);
	memcpy(first, r->challenge, sizeof(first));
	assert_memory_not_equal(first, zero, sizeof(zero));
	assert_int_equal(ml_msg_send(&c.ssl, ML_MSG_PROMPT, "int ", 4, &err), ML_PROTO_OK);
	assert_int_equal(ml_msg_recv(&c.ssl, ML_MSG_COMPLETION, out, sizeof(out), &len, &err),
			 ML_PROTO_OK);
	assert_int_equal(len, 16);
	assert_int_equal(server_finish(r, &c), ML_SERVER_OK);

	r = server_start(1, 1, &c);
	expect_token(r, &c);
	assert_memory_not_equal(first, r->challenge, sizeof(first));
	server_finish(r, &c);
}

/* ---- Framing on the receiving side (client receives what a broken server writes) --------- */

/* A server end driven by hand, in a thread: writes `bytes` after the handshake, then closes. */
struct raw_server {
	struct end e;
	const uint8_t *bytes;
	size_t len;
	int close_notify;
	pthread_t thread;
};

static void *raw_server_thread(void *arg)
{
	struct raw_server *s = arg;

	end_connect(&s->e);
	if (s->len)
		end_write(&s->e, s->bytes, s->len);
	if (s->close_notify)
		(void)mbedtls_ssl_close_notify(&s->e.ssl);
	return NULL;
}

/* Receives one message expecting `expect` after the server wrote bytes; the status and detail. */
static enum ml_proto_status receive_after(const void *bytes, size_t n, uint8_t expect,
					  struct ml_proto_error *err)
{
	static struct server_run *identity;	/* only for its key and certificate */
	struct raw_server s = { .bytes = bytes, .len = n, .close_notify = 1 };
	struct end c;
	uint8_t buf[ML_MAX_TOKEN];
	size_t len;
	enum ml_proto_status st;
	int sv[2];

	if (!identity) {
		struct ml_server_config cfg = { .model_buf = model_buf, .model_cap = 4,
						.completion_len = 1 };
		identity = calloc(1, sizeof(*identity));
		identity->plat = (struct ml_server_platform){ .send = ml_fd_send, .recv = ml_fd_recv,
			.rng = ml_rng, .rng_ctx = &rng, .attest = fake_attest };
		assert_int_equal(ml_server_init(&identity->server, &cfg, &identity->plat), ML_SERVER_OK);
	}
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	end_init(&s.e, sv[0], MBEDTLS_SSL_IS_SERVER);
	assert_int_equal(mbedtls_ssl_conf_own_cert(&s.e.conf, &identity->server.cert,
						   &identity->server.key), 0);
	end_init(&c, sv[1], MBEDTLS_SSL_IS_CLIENT);
	assert_int_equal(pthread_create(&s.thread, NULL, raw_server_thread, &s), 0);
	end_connect(&c);
	st = ml_msg_recv(&c.ssl, expect, buf, sizeof(buf), &len, err);
	assert_int_equal(pthread_join(s.thread, NULL), 0);
	end_free(&s.e);
	end_free(&c);
	return st;
}

static void expect_detail(const struct ml_proto_error *err, const char *text)
{
	if (strstr(err->detail, text) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", err->detail, text);
}

static void recv_refuses_a_bad_type(void **state)
{
	static const uint8_t msg[] = { 0x09, 0, 0, 0, 1, 'x' };
	static const uint8_t zero[] = { 0x00, 0, 0, 0, 0 };
	struct ml_proto_error err;

	(void)state;
	assert_int_equal(receive_after(msg, sizeof(msg), ML_MSG_TOKEN, &err), ML_PROTO_BAD_TYPE);
	expect_detail(&err, "message type 0x09 is not a message (expected TOKEN)");
	assert_int_equal(receive_after(zero, sizeof(zero), ML_MSG_TOKEN, &err), ML_PROTO_BAD_TYPE);
	expect_detail(&err, "message type 0x00 is not a message");
}

static void recv_refuses_a_length_past_the_maximum(void **state)
{
	static const uint8_t token[] = { ML_MSG_TOKEN, 0, 0, 0x20, 0x01 };	/* 8193 */
	static const uint8_t ack[] = { ML_MSG_ACK, 0, 0, 0, 1, 0 };
	static const uint8_t huge[] = { ML_MSG_MODEL, 0xff, 0xff, 0xff, 0xff };
	struct ml_proto_error err;

	(void)state;
	assert_int_equal(receive_after(token, sizeof(token), ML_MSG_TOKEN, &err), ML_PROTO_TOO_LONG);
	expect_detail(&err, "TOKEN of 8193 bytes is longer than its maximum 8192");
	assert_int_equal(receive_after(ack, sizeof(ack), ML_MSG_ACK, &err), ML_PROTO_TOO_LONG);
	expect_detail(&err, "ACK of 1 bytes is longer than its maximum 0");
	assert_int_equal(receive_after(huge, sizeof(huge), ML_MSG_MODEL, &err), ML_PROTO_TOO_LONG);
	expect_detail(&err, "MODEL of 4294967295 bytes is longer than its maximum 4194304");
}

static void recv_refuses_a_truncated_message(void **state)
{
	static const uint8_t cut[] = { ML_MSG_TOKEN, 0, 0, 0, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	static const uint8_t half_header[] = { ML_MSG_TOKEN, 0, 0 };
	struct ml_proto_error err;

	(void)state;
	assert_int_equal(receive_after(cut, sizeof(cut), ML_MSG_TOKEN, &err), ML_PROTO_TRUNCATED);
	expect_detail(&err, "closed the connection 10 bytes into a 100-byte read");
	assert_int_equal(receive_after(half_header, sizeof(half_header), ML_MSG_TOKEN, &err),
			 ML_PROTO_TRUNCATED);
	expect_detail(&err, "3 bytes into a 5-byte read");
	assert_int_equal(receive_after(NULL, 0, ML_MSG_TOKEN, &err), ML_PROTO_CLOSED);
	expect_detail(&err, "closed the connection before a message");
}

static void recv_refuses_an_unexpected_message(void **state)
{
	static const uint8_t completion[] = { ML_MSG_COMPLETION, 0, 0, 0, 2, 'h', 'i' };
	static const uint8_t error[] = { ML_MSG_ERROR, 0, 0, 0, 9, 'n', 'o', '\n', 'm', 'o', 'd', 'e',
					 'l', '\x1b' };
	struct ml_proto_error err;

	(void)state;
	assert_int_equal(receive_after(completion, sizeof(completion), ML_MSG_TOKEN, &err),
			 ML_PROTO_UNEXPECTED);
	expect_detail(&err, "got COMPLETION where TOKEN was expected");
	/* The peer's reason, its control bytes replaced (it is printed on a terminal). */
	assert_int_equal(receive_after(error, sizeof(error), ML_MSG_TOKEN, &err), ML_PROTO_PEER_ERROR);
	expect_detail(&err, "the peer refused: no?model?");
}

static void send_refuses_what_recv_would(void **state)
{
	static uint8_t big[ML_MAX_PROMPT + 1];
	struct ml_proto_error err;
	struct server_run *r;
	struct end c;
	size_t len;

	(void)state;
	r = server_start(1, 1, &c);
	expect_token(r, &c);
	assert_int_equal(ml_msg_send(&c.ssl, 0x42, "x", 1, &err), ML_PROTO_BAD_TYPE);
	expect_detail(&err, "refusing to send message type 0x42");
	assert_int_equal(ml_msg_send(&c.ssl, ML_MSG_PROMPT, big, sizeof(big), &err), ML_PROTO_TOO_LONG);
	expect_detail(&err, "refusing to send PROMPT of 1025 bytes: its maximum is 1024");
	/* Nothing went out: the server takes the next message as the prompt. */
	assert_int_equal(ml_msg_send(&c.ssl, ML_MSG_PROMPT, "int ", 4, &err), ML_PROTO_OK);
	assert_int_equal(ml_msg_recv(&c.ssl, ML_MSG_COMPLETION, big, sizeof(big), &len, &err),
			 ML_PROTO_OK);
	assert_int_equal(len, 16);
	assert_int_equal(server_finish(r, &c), ML_SERVER_OK);
}

/* ---- The server refuses what a broken client sends, and says why ------------------------ */

/*
 * A chat whose client writes these raw bytes after TOKEN (then close_notify if
 * close_after): the client gets ERROR containing client_text (unless NULL),
 * the server fails (a protocol error) with server_text.
 */
static void server_refuses_raw(const void *bytes, size_t n, int close_after,
			       const char *client_text, const char *server_text)
{
	struct server_run *r;
	struct end c;

	r = server_start(1, 1, &c);
	expect_token(r, &c);
	end_write(&c, bytes, n);
	if (close_after)
		(void)mbedtls_ssl_close_notify(&c.ssl);
	if (client_text)
		expect_error(&c, client_text);
	expect_server_error(r, &c, ML_SERVER_E_PROTOCOL, server_text);
}

/* A chat whose client sends this prompt: ERROR and the server's status, both with text. */
static void server_refuses_prompt(int with_model, const char *prompt, size_t len,
				  enum ml_server_status want, const char *text)
{
	struct ml_proto_error err;
	struct server_run *r;
	struct end c;

	r = server_start(1, with_model, &c);
	expect_token(r, &c);
	assert_int_equal(ml_msg_send(&c.ssl, ML_MSG_PROMPT, prompt, len, &err), ML_PROTO_OK);
	expect_error(&c, text);
	expect_server_error(r, &c, want, text);
}

static void server_refuses_malformed_messages(void **state)
{
	static const uint8_t bad_type[] = { 0x7f, 0, 0, 0, 0 };
	static const uint8_t too_long[] = { ML_MSG_PROMPT, 0, 0, 0x04, 0x01 };	/* 1025 */
	static const uint8_t cut[] = { ML_MSG_PROMPT, 0, 0, 0, 50, 'i', 'n', 't' };
	static const uint8_t model[] = { ML_MSG_MODEL, 0, 0, 0, 1, 0 };

	(void)state;
	server_refuses_raw(bad_type, sizeof(bad_type), 0,
			   "message type 0x7f is not a message (expected PROMPT)",
			   "waiting for PROMPT: message type 0x7f");
	server_refuses_raw(too_long, sizeof(too_long), 0,
			   "PROMPT of 1025 bytes is longer than its maximum 1024", "PROMPT of 1025 bytes");
	server_refuses_raw(cut, sizeof(cut), 1, NULL, "3 bytes into a 50-byte read");
	server_refuses_raw(model, sizeof(model), 0, "got MODEL where PROMPT was expected",
			   "got MODEL where PROMPT was expected");
}

static void server_refuses_bad_prompts(void **state)
{
	(void)state;
	server_refuses_prompt(1, "\x01", 1, ML_SERVER_E_PROMPT, "the prompt is refused: ");
	server_refuses_prompt(1, NULL, 0, ML_SERVER_E_PROMPT, "the prompt is empty");
	server_refuses_prompt(0, "int", 3, ML_SERVER_E_NO_MODEL, "no model is loaded");
}

static void server_refuses_a_damaged_model_then_loads_a_good_one(void **state)
{
	static uint8_t damaged[ML_MAX_MODEL];
	struct ml_proto_error err;
	struct server_run *r;
	struct end c;
	size_t len;

	(void)state;
	memcpy(damaged, model_file, model_len);
	damaged[model_len / 2] ^= 0x10;
	r = server_start(0, 0, &c);
	expect_token(r, &c);
	assert_int_equal(ml_msg_send(&c.ssl, ML_MSG_MODEL, damaged, model_len, &err), ML_PROTO_OK);
	assert_int_equal(ml_msg_recv(&c.ssl, ML_MSG_ACK, NULL, 0, &len, &err), ML_PROTO_PEER_ERROR);
	expect_detail(&err, "the model is refused: ");
	assert_null(ml_server_model(&r->server, &len));
	expect_server_error(r, &c, ML_SERVER_E_MODEL, "the model is refused");

	r = server_start(0, 0, &c);
	expect_token(r, &c);
	assert_int_equal(ml_msg_send(&c.ssl, ML_MSG_MODEL, model_file, model_len, &err), ML_PROTO_OK);
	assert_int_equal(ml_msg_recv(&c.ssl, ML_MSG_ACK, NULL, 0, &len, &err), ML_PROTO_OK);
	assert_int_equal(len, 0);
	end_free(&c);
	assert_int_equal(pthread_join(r->thread, NULL), 0);
	assert_int_equal(r->result, ML_SERVER_OK);
	assert_ptr_equal(ml_server_model(&r->server, &len), model_buf);
	assert_int_equal(len, model_len);
	close(r->fd);
	ml_server_free(&r->server);
	free(r);
}

static void server_init_refuses_bad_configurations(void **state)
{
	static struct ml_server s;
	struct ml_server_platform p = { .send = ml_fd_send, .recv = ml_fd_recv, .rng = ml_rng,
					.rng_ctx = &rng, .attest = fake_attest };
	struct ml_server_config cfg = { .model_buf = model_buf, .model_cap = 64, .completion_len = 8 };

	(void)state;
	cfg.model_buf = model_buf + 1;
	assert_int_equal(ml_server_init(&s, &cfg, &p), ML_SERVER_E_ARG);
	assert_non_null(strstr(ml_server_error(&s), "4-byte aligned"));
	cfg.model_buf = model_buf;
	cfg.completion_len = ML_MAX_COMPLETION + 1;
	assert_int_equal(ml_server_init(&s, &cfg, &p), ML_SERVER_E_ARG);
	assert_non_null(strstr(ml_server_error(&s), "completion length 4097"));
	cfg.completion_len = 8;
	cfg.temperature = -1.0f;
	assert_int_equal(ml_server_init(&s, &cfg, &p), ML_SERVER_E_ARG);
	cfg.temperature = 0.0f;
	p.attest = NULL;
	assert_int_equal(ml_server_init(&s, &cfg, &p), ML_SERVER_E_ARG);
	ml_server_free(&s);
}

/*
 * The server's peak heap (its key and certificate, then a chat session; the
 * same with a provision session of the small model, which lands in the
 * platform's buffer, not the heap): printed for sizing a realm's heap, bounded.
 */
static void server_session_heap_peak(void **state)
{
	struct ml_proto_error err;
	struct server_run *r;
	struct end c;
	uint8_t out[64];
	size_t len, chat_peak;

	(void)state;
	mbedtls_platform_set_calloc_free(counting_calloc, counting_free);
	count_server_heap = 1;
	r = server_start(1, 1, &c);
	expect_token(r, &c);
	assert_int_equal(ml_msg_send(&c.ssl, ML_MSG_PROMPT, "int ", 4, &err), ML_PROTO_OK);
	assert_int_equal(ml_msg_recv(&c.ssl, ML_MSG_COMPLETION, out, sizeof(out), &len, &err),
			 ML_PROTO_OK);
	assert_int_equal(server_finish(r, &c), ML_SERVER_OK);
	chat_peak = server_heap.peak;
	assert_int_equal(server_heap.live, 0);	/* the session and ml_server_free free all */
	server_heap.peak = 0;

	r = server_start(0, 0, &c);
	expect_token(r, &c);
	assert_int_equal(ml_msg_send(&c.ssl, ML_MSG_MODEL, model_file, model_len, &err), ML_PROTO_OK);
	assert_int_equal(ml_msg_recv(&c.ssl, ML_MSG_ACK, NULL, 0, &len, &err), ML_PROTO_OK);
	assert_int_equal(server_finish(r, &c), ML_SERVER_OK);
	assert_int_equal(server_heap.live, 0);
	printf("server heap peak (mbedTLS calloc, start + session): chat %zu bytes, provision %zu bytes\n",
	       chat_peak, server_heap.peak);
	assert_true(chat_peak > 0 && chat_peak < 96 * 1024);
	assert_true(server_heap.peak > 0 && server_heap.peak < 96 * 1024);
	count_server_heap = 0;
}

static int setup(void **state)
{
	char err[256];

	(void)state;
	model_file = ml_read_file(model_path, ML_MAX_MODEL, &model_len, err, sizeof(err));
	if (!model_file) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return psa_crypto_init() == PSA_SUCCESS && ml_rng_init(&rng, "channel-tests") == 0 ? 0 : -1;
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(binding_is_the_attested_challenge_and_fresh),
	cmocka_unit_test(recv_refuses_a_bad_type),
	cmocka_unit_test(recv_refuses_a_length_past_the_maximum),
	cmocka_unit_test(recv_refuses_a_truncated_message),
	cmocka_unit_test(recv_refuses_an_unexpected_message),
	cmocka_unit_test(send_refuses_what_recv_would),
	cmocka_unit_test(server_refuses_malformed_messages),
	cmocka_unit_test(server_refuses_bad_prompts),
	cmocka_unit_test(server_refuses_a_damaged_model_then_loads_a_good_one),
	cmocka_unit_test(server_init_refuses_bad_configurations),
	cmocka_unit_test(server_session_heap_peak),
};

TEST_GROUP(channel_group, tests, setup);

int main(int argc, char **argv)
{
	static const struct test_group *const groups[] = { &channel_group };

	if (argc != 2) {
		fprintf(stderr, "usage: channel-tests MODEL.atml\n");
		return 2;
	}
	model_path = argv[1];
	return test_groups_run("channel", groups, 1);
}
