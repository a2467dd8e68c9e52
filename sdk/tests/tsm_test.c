/*
 * The tsm backend against a fake configfs-tsm tree in a temporary
 * directory: a report directory whose outblob holds a real sim token, one
 * whose generation moves while it is read (a FIFO fed by a thread: each
 * open reads the next number), and the whole backend on a root where the
 * "kernel" makes no files.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sdk_tests.h"
#include "tsm.h"

static char report[4096];

static void make_report(const char *name, const uint8_t *outblob, size_t len)
{
	char path[4200];

	snprintf(report, sizeof(report), "%s", sdk_tmp_path(name));
	assert_int_equal(mkdir(report, 0700), 0);
	snprintf(path, sizeof(path), "%s/inblob", report);
	sdk_write_file(path, "", 0);
	snprintf(path, sizeof(path), "%s/outblob", report);
	sdk_write_file(path, outblob, len);
	snprintf(path, sizeof(path), "%s/provider", report);
	sdk_write_file(path, "arm_cca_guest\n", 14);
}

static void tsm_reads_outblob_after_writing_inblob(void **state)
{
	uint8_t token[ATOLL_TOKEN_MAX], got[ATOLL_TOKEN_MAX], challenge[ATOLL_CHALLENGE_SIZE],
		in[128];
	char path[4200];
	size_t len, got_len;

	(void)state;
	len = sdk_token(0x44, token);
	make_report("tsm-ok", token, len);
	snprintf(path, sizeof(path), "%s/generation", report);
	sdk_write_file(path, "1\n", 2);
	sdk_challenge(0x44, challenge);
	assert_int_equal(tsm_report_in(sdk_ctx, report, challenge, got, sizeof(got), &got_len),
			 ATOLL_OK);
	assert_int_equal(got_len, len);
	assert_memory_equal(got, token, len);
	snprintf(path, sizeof(path), "%s/inblob", report);
	assert_int_equal(sdk_read_file(path, in, sizeof(in)), ATOLL_CHALLENGE_SIZE);
	assert_memory_equal(in, challenge, ATOLL_CHALLENGE_SIZE);
	/* A buffer too small: the size needed. */
	assert_int_equal(tsm_report_in(sdk_ctx, report, challenge, got, 10, &got_len),
			 ATOLL_E_BUFFER_TOO_SMALL);
	assert_int_equal(got_len, len);
}

/*
 * The fake kernel for a report whose outblob is a FIFO: each round waits
 * for the reader's inblob write, then (once the reader has opened outblob,
 * i.e. read the generation before) bumps the generation if the round says
 * so, and hands out the blob. Ordering comes from the FIFO and the inblob,
 * not from timing.
 */
struct fake_kernel {
	char dir[4096];
	unsigned int rounds;
	bool bump[TSM_TRIES];
	unsigned int generation;
	bool reader_done;	/* set once tsm_report_in returned: stop waiting */
};

static bool reader_done(struct fake_kernel *k)
{
	return __atomic_load_n(&k->reader_done, __ATOMIC_ACQUIRE);
}

static void write_text(const char *dir, const char *name, const char *text)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror(path);
		close(fd);
	}
}

static void *fake_kernel(void *arg)
{
	static const uint8_t blob[] = { 0xD9, 0x01, 0x8F };
	struct fake_kernel *k = arg;
	char inblob[4200], outblob[4200], text[16];
	struct stat st;

	snprintf(inblob, sizeof(inblob), "%s/inblob", k->dir);
	snprintf(outblob, sizeof(outblob), "%s/outblob", k->dir);
	for (unsigned int r = 0; r < k->rounds; r++) {
		int fd;

		while (stat(inblob, &st) != 0 || st.st_size != ATOLL_CHALLENGE_SIZE) {
			if (reader_done(k))
				return NULL;
			usleep(1000);
		}
		if (truncate(inblob, 0) != 0)
			return NULL;
		/* Non-blocking: ENXIO until the reader has opened outblob. */
		while ((fd = open(outblob, O_WRONLY | O_NONBLOCK)) < 0) {
			if (reader_done(k))
				return NULL;
			usleep(1000);
		}
		if (k->bump[r]) {
			snprintf(text, sizeof(text), "%u\n", ++k->generation);
			write_text(k->dir, "generation", text);
		}
		if (write(fd, blob, sizeof(blob)) < 0)
			perror(outblob);
		close(fd);
	}
	return NULL;
}

static atoll_status report_with(struct fake_kernel *k, const char *name)
{
	uint8_t got[64], challenge[ATOLL_CHALLENGE_SIZE] = { 0 };
	char path[4200];
	atoll_status st;
	pthread_t t;
	size_t len;

	snprintf(k->dir, sizeof(k->dir), "%s", sdk_tmp_path(name));
	assert_int_equal(mkdir(k->dir, 0700), 0);
	write_text(k->dir, "inblob", "");
	write_text(k->dir, "generation", "1\n");
	k->generation = 1;
	snprintf(path, sizeof(path), "%s/outblob", k->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(pthread_create(&t, NULL, fake_kernel, k), 0);
	st = tsm_report_in(sdk_ctx, k->dir, challenge, got, sizeof(got), &len);
	__atomic_store_n(&k->reader_done, true, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	if (st == ATOLL_OK) {
		assert_int_equal(len, 3);
		assert_memory_equal(got, "\xD9\x01\x8F", 3);
	}
	return st;
}

/* Another writer every time: after TSM_TRIES tries, a clear error. */
static void tsm_generation_changing_is_an_error(void **state)
{
	struct fake_kernel k = { .rounds = TSM_TRIES };

	(void)state;
	for (unsigned int i = 0; i < TSM_TRIES; i++)
		k.bump[i] = true;
	assert_int_equal(report_with(&k, "tsm-gen"), ATOLL_E_BACKEND);
	assert_non_null(strstr(atoll_error_detail(sdk_ctx), "generation changed while it was read"));
}

/* The generation moves once, then holds: the retry succeeds. */
static void tsm_generation_changing_once_is_retried(void **state)
{
	struct fake_kernel k = { .rounds = 2, .bump = { true, false } };

	(void)state;
	assert_int_equal(report_with(&k, "tsm-retry"), ATOLL_OK);
}

/* The whole backend on a root where nothing answers: a clear error, the report removed. */
static void tsm_backend_on_dead_root(void **state)
{
	struct atoll_options o = { .tsm_root = NULL };
	uint8_t token[64], challenge[ATOLL_CHALLENGE_SIZE] = { 0 };
	struct atoll_ctx *ctx;
	char root[4096];
	size_t len;

	(void)state;
	snprintf(root, sizeof(root), "%s", sdk_tmp_path("tsm-root"));
	assert_int_equal(mkdir(root, 0700), 0);
	o.tsm_root = root;
	assert_int_equal(atoll_open(&ctx, "tsm", &o), ATOLL_OK);
	assert_string_equal(atoll_backend(ctx), "tsm");
	assert_int_equal(atoll_attest(ctx, challenge, token, sizeof(token), &len), ATOLL_E_BACKEND);
	assert_non_null(strstr(atoll_error_detail(ctx), "/inblob"));
	assert_int_equal(rmdir(root), 0);	/* empty again: the report directory went */
	/* No sealing in a Linux guest. */
	assert_int_equal(atoll_seal(ctx, ATOLL_KEY_VHUK_A, 0, 0, NULL, 0, token, sizeof(token),
				    &len), ATOLL_E_UNSUPPORTED);
	atoll_close(ctx);
	o.tsm_root = sdk_tmp_path("no-such-root");
	assert_int_equal(atoll_open(&ctx, "tsm", &o), ATOLL_E_UNSUPPORTED);
	assert_non_null(strstr(atoll_open_error(), "no-such-root"));
	assert_int_equal(atoll_open(&ctx, "rsi", NULL), ATOLL_E_UNSUPPORTED);
	assert_non_null(strstr(atoll_open_error(), "realm payload"));
	assert_int_equal(atoll_open(&ctx, "vsock", NULL), ATOLL_E_INVALID_ARG);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(tsm_reads_outblob_after_writing_inblob),
	cmocka_unit_test(tsm_generation_changing_is_an_error),
	cmocka_unit_test(tsm_generation_changing_once_is_retried),
	cmocka_unit_test(tsm_backend_on_dead_root),
};

TEST_GROUP(sdk_tsm_group, tests, sdk_sim_setup);
