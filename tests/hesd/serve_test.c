/* Serving QEMU: requests and replies, boots across connections, the log, shutdown, transports. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <hes/hes.h>

#include "hesd_test.h"

static const char *const defaults[] = { NULL };

/* A daemon on DIR/sock and a connection to it. */
static int start_and_connect(struct daemon *d)
{
	int fd;

	assert_int_equal(daemon_start(d, defaults, true), 0);
	fd = connect_unix(test_path("sock"));
	assert_true(fd >= 0);
	return fd;
}

static void serve_extend_then_read(void **state)
{
	uint8_t chain[64] = { 0 }, expect[32];
	struct frame_reply r;
	struct daemon d;
	int fd = start_and_connect(&d);

	(void)state;
	assert_int_equal(call_extend(fd, 1, 10, 0xAB), PSA_SUCCESS);
	assert_int_equal(call_read(fd, 2, 10, &r), PSA_SUCCESS);
	assert_int_equal(r.out_size[0], 56);
	assert_int_equal(r.out_size[2], 32);
	assert_memory_equal(r.data + 8, "BL_2", 4);
	memset(chain + 32, 0xAB, 32);
	assert_int_equal(hes_alg_hash(PSA_ALG_SHA_256, chain, sizeof(chain), expect), 0);
	assert_memory_equal(r.data + 56 + r.out_size[1], expect, 32);
	assert_int_equal(call_read(fd, 3, 11, &r), PSA_ERROR_DOES_NOT_EXIST);
	close(fd);
	assert_int_equal(daemon_stop(&d), 0);
}

static void hex_to_bytes(const char *hex, uint8_t *out, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned int v;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

/* Blinding bytes for the test's own scalar multiplication. */
static int test_random(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 151U + 7U);
	return 0;
}

/* The token of this boot, for the DAK key: whether it names the CPAK cpak_hex (claim 256). */
static bool token_names_cpak(int fd, const uint8_t key[48], const char *cpak_hex)
{
	static _Alignas(8) uint8_t arena[8192];
	struct atoll_heap heap, *prev;
	uint8_t pub[HES_P384_PUB_BYTES], cose[HES_COSE_KEY_P384_SIZE], challenge[32], frame[64];
	uint8_t cpak[HES_P384_PUB_BYTES], instance[33] = { 0x01 };
	struct hes_invec in = { challenge, sizeof(challenge) };
	uint16_t cap = 4096;
	struct frame_reply r;
	size_t len;

	atoll_heap_init(&heap, arena, sizeof(arena));
	prev = atoll_heap_use(&heap);
	assert_int_equal(hes_p384_public(key, pub, test_random, NULL), 0);
	atoll_heap_use(prev);
	assert_int_equal(hes_cose_key_p384(pub, cose, sizeof(cose)), sizeof(cose));
	assert_int_equal(hes_alg_hash(PSA_ALG_SHA_256, cose, sizeof(cose), challenge), 0);
	len = frame_request(frame, sizeof(frame), 9, HES_SID_DELEGATED_ATTEST,
			    HES_TYPE_GET_PLATFORM_TOKEN, &in, 1, &cap, 1);
	assert_true(exchange(fd, frame, len, &r) > 0U);
	assert_int_equal(r.status, PSA_SUCCESS);
	hex_to_bytes(cpak_hex, cpak, sizeof(cpak));
	assert_int_equal(hes_alg_hash(PSA_ALG_SHA_256, cpak, sizeof(cpak), instance + 1), 0);
	return memmem(r.data, r.data_len, instance, sizeof(instance)) != NULL;
}

/* --drop-after 2: two answers a boot, then silence (and answers again on the next boot). */
static void serve_drop_after_goes_silent(void **state)
{
	static const char *const args[] = { "--drop-after", "2", NULL };
	uint8_t req[256], reply[256];
	char *log;
	struct daemon d;
	int fd;

	(void)state;
	assert_int_equal(daemon_start(&d, args, true), 0);
	for (int boot = 0; boot < 2; boot++) {
		fd = connect_unix(test_path("sock"));
		assert_true(fd >= 0);
		assert_int_equal(call_extend(fd, 1, 10, 0x11), PSA_SUCCESS);
		assert_int_equal(call_extend(fd, 2, 11, 0x22), PSA_SUCCESS);
		assert_true(write(fd, req, frame_extend(req, sizeof(req), 3, 14, "RMM", 0x33)) > 0);
		assert_int_equal(read_reply(fd, reply, sizeof(reply), 300), 0);	/* none */
		close(fd);
	}
	assert_int_equal(daemon_stop(&d), 0);
	assert_true(read_whole(test_path("log"), &log) > 0);
	assert_non_null(strstr(log, "boot 1: request not answered (--drop-after 2)"));
	assert_non_null(strstr(log, "boot 2: request not answered (--drop-after 2)"));
}

static void serve_reconnect_resets_slots_keeps_roots(void **state)
{
	uint8_t key1[48], key2[48];
	char cpak[2 * 97 + 1];
	struct frame_reply r;
	struct daemon d;
	int fd = start_and_connect(&d);

	(void)state;
	show_cpak(cpak);
	assert_int_equal(call_extend(fd, 1, 10, 0x5A), PSA_SUCCESS);
	assert_int_equal(call_read(fd, 2, 10, &r), PSA_SUCCESS);
	assert_int_equal(call_delegated_key(fd, 3, key1), PSA_SUCCESS);
	assert_true(token_names_cpak(fd, key1, cpak));
	close(fd);

	fd = connect_unix(test_path("sock"));
	assert_true(fd >= 0);
	assert_int_equal(call_read(fd, 1, 10, &r), PSA_ERROR_DOES_NOT_EXIST);
	assert_int_equal(call_delegated_key(fd, 2, key2), PSA_ERROR_INVALID_ARGUMENT);
	assert_int_equal(call_extend(fd, 3, 10, 0x5A), PSA_SUCCESS);
	assert_int_equal(call_delegated_key(fd, 4, key2), PSA_SUCCESS);
	assert_memory_equal(key1, key2, sizeof(key1));	/* same roots, same measurements */
	assert_true(token_names_cpak(fd, key2, cpak));
	close(fd);
	assert_int_equal(daemon_stop(&d), 0);
}

static void serve_sigterm_keeps_state(void **state)
{
	const char *const args[] = { "--pidfile", test_path("pid"), NULL };
	struct stat before, after;
	char *text, state_bytes[HES_STATE_SIZE];
	uint8_t buf[64];
	struct daemon d;
	int fd;

	(void)state;
	assert_int_equal(daemon_start(&d, args, true), 0);
	assert_int_equal(read_whole(test_path("pid"), &text) > 0, 1);
	assert_int_equal(atol(text), d.pid);
	assert_int_equal(read_whole(test_path("state"), &text), HES_STATE_SIZE);
	memcpy(state_bytes, text, sizeof(state_bytes));
	assert_int_equal(stat(test_path("state"), &before), 0);
	fd = connect_unix(test_path("sock"));
	assert_int_equal(call_extend(fd, 1, 10, 1), PSA_SUCCESS);
	assert_int_equal(daemon_stop(&d), 0);
	assert_int_equal(read_reply(fd, buf, sizeof(buf), 1000), 0);	/* closed, nothing sent */
	close(fd);
	assert_int_equal(stat(test_path("state"), &after), 0);
	assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	assert_int_equal(after.st_mode, before.st_mode);
	assert_int_equal(read_whole(test_path("state"), &text), HES_STATE_SIZE);
	assert_memory_equal(text, state_bytes, sizeof(state_bytes));
	assert_int_equal(access(test_path("sock"), F_OK), -1);
	assert_int_equal(access(test_path("pid"), F_OK), -1);
	assert_true(read_whole(test_path("log"), &text) > 0);
	assert_non_null(strstr(text, "boot 1: stopping; 1 requests"));
	assert_non_null(strstr(text, "stopped; state file untouched"));
}

static void serve_truncated_frame_then_good_one(void **state)
{
	uint8_t frame[256];
	struct frame_reply r;
	struct daemon d;
	int fd = start_and_connect(&d);
	size_t len = frame_extend(frame, sizeof(frame), 1, 10, "BL_2", 1);
	char *log;

	(void)state;
	assert_int_equal(send(fd, frame, 30, 0), 30);
	usleep(200 * 1000);	/* four times --idle-ms */
	len = frame_extend(frame, sizeof(frame), 2, 10, "BL_2", 1);
	assert_true(exchange(fd, frame, len, &r) > 0U);
	assert_int_equal(r.seq, 2);
	assert_int_equal(r.status, PSA_SUCCESS);
	close(fd);
	assert_int_equal(daemon_stop(&d), 0);
	assert_true(read_whole(test_path("log"), &log) > 0);
	assert_non_null(strstr(log, "boot 1: dropped a partial frame of 30 bytes"));
}

static size_t count(const char *text, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(text, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void serve_log_every_request_no_key(void **state)
{
	uint8_t key[48], frame[64];
	char hex[2 * 48 + 1], *log;
	struct frame_reply r;
	struct daemon d;
	int fd = start_and_connect(&d);
	size_t len = frame_request(frame, sizeof(frame), 4, 0x40000999, 1001, NULL, 0, NULL, 0);

	(void)state;
	assert_int_equal(call_extend(fd, 1, 12, 7), PSA_SUCCESS);
	assert_int_equal(call_read(fd, 2, 12, &r), PSA_SUCCESS);
	assert_int_equal(call_delegated_key(fd, 3, key), PSA_SUCCESS);
	assert_true(exchange(fd, frame, len, &r) > 0U);
	close(fd);
	assert_int_equal(daemon_stop(&d), 0);
	assert_true(read_whole(test_path("log"), &log) > 0);
	assert_int_equal(count(log, " boot=1 seq="), 4);
	assert_non_null(strstr(log, " boot=1 seq=1 handle=0x40000110 type=1002 call=MB_EXTEND "
				    "in=44,32,0,32 cap=- out=- status=0 SUCCESS\n"));
	assert_non_null(strstr(log, " seq=2 handle=0x40000110 type=1001 call=MB_READ in=3 "
				    "cap=56,64,64 out=56,32,32 status=0 SUCCESS\n"));
	assert_non_null(strstr(log, " seq=3 handle=0x40000111 type=1001 call=GET_DELEGATED_KEY "
				    "in=1,4,4 cap=48 out=48 status=0 SUCCESS\n"));
	assert_non_null(strstr(log, " seq=4 handle=0x40000999 type=1001 call=? in=- cap=- out=- "
				    "status=-136 INVALID_HANDLE\n"));
	/* No 8-byte window of the key, in hex of either case or raw. */
	for (size_t i = 0; i + 8U <= sizeof(key); i++) {
		for (size_t j = 0; j < 8U; j++)
			sprintf(hex + 2 * j, "%02x", key[i + j]);
		assert_null(strcasestr(log, hex));
		assert_null(memmem(log, strlen(log), key + i, 8));
	}
}

static void serve_second_connection_refused(void **state)
{
	uint8_t buf[64];
	struct frame_reply r;
	struct daemon d;
	int fd = start_and_connect(&d), other;
	char *log;

	(void)state;
	assert_int_equal(call_extend(fd, 1, 10, 1), PSA_SUCCESS);
	other = connect_unix(test_path("sock"));
	assert_true(other >= 0);
	assert_int_equal(read_reply(other, buf, sizeof(buf), 2000), 0);	/* closed at once */
	close(other);
	assert_int_equal(call_read(fd, 2, 10, &r), PSA_SUCCESS);	/* the first boot goes on */
	close(fd);
	assert_int_equal(daemon_stop(&d), 0);
	assert_true(read_whole(test_path("log"), &log) > 0);
	assert_non_null(strstr(log, "refused a second connection"));
}

static void serve_tcp_listen(void **state)
{
	static const char *const args[] = { "--listen", "tcp:127.0.0.1:0", NULL };
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct daemon d;
	unsigned int port;
	int fd;

	(void)state;
	assert_int_equal(daemon_start(&d, args, true), 0);
	assert_int_equal(sscanf(d.endpoint, "tcp:127.0.0.1:%u", &port), 1);
	assert_true(port > 0U && port < 65536U);
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(call_extend(fd, 1, 10, 1), PSA_SUCCESS);
	close(fd);
	assert_int_equal(daemon_stop(&d), 0);
}

/* A listening socket at path, as QEMU's server=on chardev. */
static int listen_unix(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 1), 0);
	return fd;
}

static int accept_within(int lfd, int timeout_ms)
{
	struct pollfd pfd = { .fd = lfd, .events = POLLIN };

	assert_int_equal(poll(&pfd, 1, timeout_ms), 1);
	return accept(lfd, NULL, NULL);
}

static void serve_connect_mode_reconnects(void **state)
{
	char ep[160];
	const char *const args[] = { "--connect", ep, NULL };
	struct frame_reply r;
	struct daemon d;
	int lfd, fd;

	(void)state;
	snprintf(ep, sizeof(ep), "unix:%s", test_path("qemu.sock"));
	assert_int_equal(daemon_start(&d, args, false), 0);
	usleep(250 * 1000);	/* the daemon retries until QEMU listens */
	lfd = listen_unix(test_path("qemu.sock"));
	fd = accept_within(lfd, 5000);
	assert_int_equal(daemon_wait_ready(&d), 0);
	assert_string_equal(d.endpoint, ep);
	assert_int_equal(call_extend(fd, 1, 3, 1), PSA_SUCCESS);
	close(fd);		/* QEMU restarts */
	fd = accept_within(lfd, 5000);
	assert_int_equal(call_read(fd, 1, 3, &r), PSA_ERROR_DOES_NOT_EXIST);
	close(fd);
	close(lfd);
	assert_int_equal(daemon_stop(&d), 0);
}

static void serve_socket_path_rules(void **state)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct daemon d, d2;
	char *text;
	int fd;

	(void)state;
	assert_int_equal(daemon_start(&d, defaults, true), 0);
	assert_int_equal(daemon_start(&d2, defaults, true), -1);	/* a live daemon's socket */
	assert_true(read_whole(test_path("err"), &text) > 0);
	assert_non_null(strstr(text, "another process is listening there"));
	assert_int_equal(daemon_stop(&d), 0);
	/* A dead daemon's socket file is replaced. */
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", test_path("sock"));
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(fd);
	assert_int_equal(daemon_start(&d, defaults, true), 0);
	assert_int_equal(daemon_stop(&d), 0);
	/* Anything else is left alone. */
	fd = open(test_path("sock"), O_WRONLY | O_CREAT, 0600);
	close(fd);
	assert_int_equal(daemon_start(&d, defaults, true), -1);
	assert_true(read_whole(test_path("err"), &text) > 0);
	assert_non_null(strstr(text, "exists and is not a socket"));
	assert_int_equal(access(test_path("sock"), F_OK), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(serve_extend_then_read, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_drop_after_goes_silent, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_reconnect_resets_slots_keeps_roots, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_sigterm_keeps_state, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_truncated_frame_then_good_one, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_log_every_request_no_key, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_second_connection_refused, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_tcp_listen, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_connect_mode_reconnects, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(serve_socket_path_rules, hesd_test_setup, hesd_test_teardown),
};

HES_GROUP(serve_tests, tests);
