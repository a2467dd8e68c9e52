/* The tsm backend (tsm.h): attestation through configfs-tsm in a Linux realm guest. */
#include "tsm.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct tsm {
	char root[PATH_MAX - 64];
	unsigned long reports;
};

/* The whole file (up to cap bytes; more is an error), or -1 with errno. */
static ssize_t read_all(const char *path, uint8_t *buf, size_t cap, bool *too_big)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t have = 0;
	uint8_t extra;
	ssize_t n;

	*too_big = false;
	if (fd < 0)
		return -1;
	while (have < cap && (n = read(fd, buf + have, cap - have)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return -1;
		}
		have += (size_t)n;
	}
	if (have == cap && read(fd, &extra, 1) == 1)
		*too_big = true;
	close(fd);
	return (ssize_t)have;
}

static atoll_status generation(struct atoll_ctx *ctx, const char *dir, unsigned long long *gen)
{
	char path[PATH_MAX], text[32], *end;
	bool too_big;
	ssize_t n;

	(void)snprintf(path, sizeof(path), "%s/generation", dir);
	n = read_all(path, (uint8_t *)text, sizeof(text) - 1U, &too_big);
	if (n <= 0 || too_big)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "cannot read %s: %s", path,
				  n < 0 ? strerror(errno) : "empty or too long");
	text[n] = '\0';
	errno = 0;
	*gen = strtoull(text, &end, 10);
	if (errno != 0 || end == text || (*end != '\n' && *end != '\0'))
		return atoll_fail(ctx, ATOLL_E_BACKEND, "%s is not a number: \"%.20s\"", path, text);
	return ATOLL_OK;
}

static atoll_status write_inblob(struct atoll_ctx *ctx, const char *dir,
				 const uint8_t challenge[ATOLL_CHALLENGE_SIZE])
{
	char path[PATH_MAX];
	int fd;
	ssize_t n;

	(void)snprintf(path, sizeof(path), "%s/inblob", dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "cannot open %s: %s", path, strerror(errno));
	do {
		n = write(fd, challenge, ATOLL_CHALLENGE_SIZE);
	} while (n < 0 && errno == EINTR);
	if (close(fd) != 0 && n == (ssize_t)ATOLL_CHALLENGE_SIZE)
		n = -1;
	if (n != (ssize_t)ATOLL_CHALLENGE_SIZE)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "cannot write the challenge to %s: %s", path,
				  n < 0 ? strerror(errno) : "short write");
	return ATOLL_OK;
}

atoll_status tsm_report_in(struct atoll_ctx *ctx, const char *dir,
			   const uint8_t challenge[ATOLL_CHALLENGE_SIZE], uint8_t *buf, size_t cap,
			   size_t *len)
{
	static uint8_t token[ATOLL_TOKEN_MAX];
	char path[PATH_MAX];
	unsigned long long before, after = 0;
	atoll_status st;
	bool too_big;
	ssize_t n = -1;

	(void)snprintf(path, sizeof(path), "%s/outblob", dir);
	for (unsigned int i = 0; i < TSM_TRIES; i++) {
		st = write_inblob(ctx, dir, challenge);
		if (st == ATOLL_OK)
			st = generation(ctx, dir, &before);
		if (st != ATOLL_OK)
			return st;
		n = read_all(path, token, sizeof(token), &too_big);
		if (n < 0)
			return atoll_fail(ctx, ATOLL_E_BACKEND, "cannot read %s: %s", path,
					  strerror(errno));
		if (too_big)
			return atoll_fail(ctx, ATOLL_E_BACKEND, "%s is over %u bytes", path,
					  ATOLL_TOKEN_MAX);
		st = generation(ctx, dir, &after);
		if (st != ATOLL_OK)
			return st;
		if (after == before)
			break;
	}
	if (after != before)
		return atoll_fail(ctx, ATOLL_E_BACKEND,
				  "%s: the report's generation changed while it was read, %u times "
				  "(another process writes this report's inblob)", dir, TSM_TRIES);
	if (n == 0)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "%s is empty", path);
	*len = (size_t)n;
	if (cap < (size_t)n)
		return atoll_fail(ctx, ATOLL_E_BUFFER_TOO_SMALL, "the token needs %zu bytes", *len);
	memcpy(buf, token, (size_t)n);
	return ATOLL_OK;
}

static atoll_status tsm_open(struct atoll_ctx *ctx, const struct atoll_options *opt)
{
	const char *root = opt->tsm_root != NULL ? opt->tsm_root : TSM_ROOT_DEFAULT;
	struct tsm *t;
	struct stat st;

	if (strlen(root) >= sizeof(t->root))
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG, "tsm root path too long");
	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode))
		return atoll_fail(ctx, ATOLL_E_UNSUPPORTED,
				  "no configfs-tsm report directory %s (not a Linux realm guest, "
				  "or configfs not mounted)", root);
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return atoll_fail(ctx, ATOLL_E_NOMEM, "no memory");
	memcpy(t->root, root, strlen(root) + 1U);
	ctx->backend = t;
	return ATOLL_OK;
}

static void tsm_close(struct atoll_ctx *ctx)
{
	free(ctx->backend);
	ctx->backend = NULL;
}

static atoll_status tsm_attest(struct atoll_ctx *ctx, const uint8_t challenge[ATOLL_CHALLENGE_SIZE],
			       uint8_t *buf, size_t cap, size_t *len)
{
	struct tsm *t = ctx->backend;
	char dir[PATH_MAX];
	atoll_status st;

	(void)snprintf(dir, sizeof(dir), "%s/atoll-%ld-%lu", t->root, (long)getpid(), t->reports++);
	if (mkdir(dir, 0700) != 0)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "cannot create the report %s: %s", dir,
				  strerror(errno));
	st = tsm_report_in(ctx, dir, challenge, buf, cap, len);
	if (rmdir(dir) != 0 && st == ATOLL_OK)
		st = atoll_fail(ctx, ATOLL_E_BACKEND, "cannot remove the report %s: %s", dir,
				strerror(errno));
	return st;
}

const struct atoll_backend_ops atoll_backend_tsm = {
	.name = "tsm",
	.open = tsm_open,
	.close = tsm_close,
	.attest = tsm_attest,
};
