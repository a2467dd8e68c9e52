/*
 * atoll-attest: reads the realm's CCA attestation token through Linux's
 * configfs-tsm report interface (Documentation/ABI/testing/configfs-tsm-report)
 * and prints its length and SHA-256, and with -x the token itself in hex
 * lines between "-----BEGIN CCA TOKEN-----" and "-----END CCA TOKEN-----",
 * for the host to verify (sdk/console_token.py takes it from the console).
 *
 *   atoll-attest [-x] [-r REPORT_ROOT] CHALLENGE_FILE
 *
 * REPORT_ROOT is configfs-tsm's report directory, /sys/kernel/config/tsm/report
 * by default.
 * The challenge is 32 to 64 bytes (the arm-cca-guest provider's rule; the
 * token carries it zero-padded to 64). One report directory is made,
 * written once, read once and removed; the generation counter read before
 * and after shows that nobody else wrote to it in between.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mbedtls/sha256.h>

#define REPORT_ROOT	"/sys/kernel/config/tsm/report"
#define CHALLENGE_MIN	32U
#define CHALLENGE_MAX	64U
#define TOKEN_MAX	(32U * 1024U)	/* outblob's limit */
#define HEX_PER_LINE	32U

/* This program's report: <root>/atoll-attest. */
static char report_dir[256];

static bool fail(const char *what, const char *path)
{
	fprintf(stderr, "atoll-attest: %s %s: %s\n", what, path, strerror(errno));
	return false;
}

/* Reads up to cap bytes of the file at path; -1 on error (reported). */
static ssize_t read_all(const char *path, unsigned char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n = 0;

	if (fd < 0) {
		fail("cannot open", path);
		return -1;
	}
	while (len < cap && (n = read(fd, buf + len, cap - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (n < 0) {
		fail("cannot read", path);
		return -1;
	}
	return (ssize_t)len;
}

/* A report attribute of the report directory as a string (trailing newline cut). */
static bool read_attr(const char *attr, char *out, size_t cap)
{
	char path[sizeof(report_dir) + 16U];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", report_dir, attr);
	n = read_all(path, (unsigned char *)out, cap - 1U);
	if (n < 0)
		return false;
	out[n] = '\0';
	out[strcspn(out, "\n")] = '\0';
	return true;
}

static bool write_inblob(const unsigned char *challenge, size_t size)
{
	char path[sizeof(report_dir) + 16U];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/inblob", report_dir);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return fail("cannot open", path);
	/* One write: each write to inblob is a new request. */
	n = write(fd, challenge, size);
	close(fd);
	if (n != (ssize_t)size)
		return fail("cannot write", path);
	return true;
}

static void print_hex(const char *label, const unsigned char *p, size_t n)
{
	printf("%s", label);
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

/* Everything between creating and removing the report directory. */
static bool attest(const unsigned char *challenge, size_t size, bool hex)
{
	static unsigned char token[TOKEN_MAX];
	unsigned char digest[32];
	char provider[64], before[32], after[32], outblob[sizeof(report_dir) + 16U];
	ssize_t len;

	snprintf(outblob, sizeof(outblob), "%s/outblob", report_dir);
	if (!read_attr("provider", provider, sizeof(provider)) || !write_inblob(challenge, size) ||
	    !read_attr("generation", before, sizeof(before)))
		return false;
	len = read_all(outblob, token, sizeof(token));
	if (len <= 0 || !read_attr("generation", after, sizeof(after))) {
		if (len == 0)
			fprintf(stderr, "atoll-attest: the token is empty\n");
		return false;
	}
	if (strcmp(before, after) != 0) {
		fprintf(stderr, "atoll-attest: the report was written to while read (generation %s -> %s)\n",
			before, after);
		return false;
	}
	if (mbedtls_sha256(token, (size_t)len, digest, 0) != 0) {
		fprintf(stderr, "atoll-attest: SHA-256 failed\n");
		return false;
	}
	printf("atoll-attest: provider %s, token %zd bytes\n", provider, len);
	print_hex("atoll-attest: token sha256 ", digest, sizeof(digest));
	if (!hex)
		return true;
	/* The block the realm host's demo prints, which sdk/console_token.py reads back. */
	printf("atoll-attest: -----BEGIN CCA TOKEN----- (%zd bytes)\n", len);
	for (size_t off = 0; off < (size_t)len; off += HEX_PER_LINE) {
		size_t n = (size_t)len - off < HEX_PER_LINE ? (size_t)len - off : HEX_PER_LINE;

		print_hex("", token + off, n);
	}
	printf("atoll-attest: -----END CCA TOKEN-----\n");
	return true;
}

static int usage(void)
{
	fprintf(stderr, "usage: atoll-attest [-x] [-r REPORT_ROOT] CHALLENGE_FILE\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned char challenge[CHALLENGE_MAX + 1U];
	const char *root = REPORT_ROOT;
	bool hex = false, ok;
	ssize_t size;
	int opt;

	while ((opt = getopt(argc, argv, "xr:")) != -1) {
		if (opt == 'x')
			hex = true;
		else if (opt == 'r')
			root = optarg;
		else
			return usage();
	}
	if (optind != argc - 1)
		return usage();
	if ((size_t)snprintf(report_dir, sizeof(report_dir), "%s/atoll-attest", root) >=
	    sizeof(report_dir)) {
		fprintf(stderr, "atoll-attest: report root too long\n");
		return 2;
	}
	size = read_all(argv[optind], challenge, sizeof(challenge));
	if (size < 0)
		return 1;
	if ((size_t)size < CHALLENGE_MIN || (size_t)size > CHALLENGE_MAX) {
		fprintf(stderr, "atoll-attest: %s: the challenge must be %u to %u bytes\n",
			argv[optind], CHALLENGE_MIN, CHALLENGE_MAX);
		return 1;
	}
	if (mkdir(report_dir, 0700) != 0) {
		int err = errno;

		fail("cannot create", report_dir);
		if (err == ENXIO)
			fprintf(stderr, "atoll-attest: no TSM provider (is arm_cca_guest loaded?)\n");
		return 1;
	}
	ok = attest(challenge, (size_t)size, hex);
	if (rmdir(report_dir) != 0)
		ok = fail("cannot remove", report_dir);
	return ok ? 0 : 1;
}
