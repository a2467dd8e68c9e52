/* The CLI's shared helpers (cli.h). */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("atoll: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_usage(const char *usage)
{
	fprintf(stderr, "%s", usage);
	return CLI_USAGE;
}

bool cli_wants_help(int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return true;
		}
	}
	return false;
}

uint8_t *cli_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;

	if (f == NULL) {
		cli_fail(CLI_IO, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(max + 1U);
	if (buf == NULL) {
		fclose(f);
		cli_fail(CLI_IO, "no memory for %s", path);
		return NULL;
	}
	*len = fread(buf, 1, max + 1U, f);
	if (ferror(f) || *len > max) {
		cli_fail(CLI_IO, "%s: %s", path, ferror(f) ? "read error" : "file too large");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

int cli_write_file(const char *path, const void *buf, size_t len, bool private_file)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, private_file ? 0600 : 0644);
	const uint8_t *p = buf;
	size_t done = 0;

	if (fd < 0) {
		cli_fail(CLI_IO, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			cli_fail(CLI_IO, "cannot write %s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	if (close(fd) != 0) {
		cli_fail(CLI_IO, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool cli_parse_hex(const char *text, uint8_t *out, size_t n)
{
	if (strlen(text) != 2U * n)
		return false;
	for (size_t i = 0; i < n; i++) {
		int hi = hex_digit(text[2U * i]), lo = hex_digit(text[2U * i + 1U]);

		if (hi < 0 || lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

bool cli_parse_uint(const char *text, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (text[0] == '-' || text[0] == '\0')
		return false;
	errno = 0;
	v = strtoull(text, &end, 0);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

void cli_print_hex(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		printf("%02x", p[i]);
}

static bool number(const char *text, uint32_t *out)
{
	uint64_t v;

	if (!cli_parse_uint(text, 64, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool cli_realm_option(struct atoll_realm_params *p, int argc, char **argv, int *i, bool *bad)
{
	const char *o = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
	uint32_t recs = p->num_recs;

	if (strcmp(o, "--s2sz") != 0 && strcmp(o, "--hash") != 0 && strcmp(o, "--bps") != 0 &&
	    strcmp(o, "--wps") != 0 && strcmp(o, "--recs") != 0)
		return false;
	if (v == NULL)
		*bad = true;
	else if (strcmp(o, "--s2sz") == 0)
		*bad = !number(v, &p->s2sz);
	else if (strcmp(o, "--bps") == 0)
		*bad = !number(v, &p->num_bps);
	else if (strcmp(o, "--wps") == 0)
		*bad = !number(v, &p->num_wps);
	else if (strcmp(o, "--recs") == 0)
		*bad = !number(v, &recs);
	else if (strcmp(v, "sha-256") == 0 || strcmp(v, "sha-512") == 0)
		p->hash_algo = strcmp(v, "sha-512") == 0 ? 1U : 0U;
	else
		*bad = true;
	p->num_recs = recs;
	if (*bad)
		cli_fail(CLI_USAGE, "bad option or value: %s%s%s", o, v ? " " : "", v ? v : "");
	else
		++*i;
	return true;
}

void cli_device_init(struct cli_device *d)
{
	*d = (struct cli_device){ 0 };
	atoll_realm_params_default(&d->params);
}

bool cli_device_option(struct cli_device *d, int argc, char **argv, int *i, bool *bad)
{
	if (strcmp(argv[*i], "--sim") == 0) {
		d->backend = "sim";
		return true;
	}
	if (strcmp(argv[*i], "--tsm") == 0) {
		d->backend = "tsm";
		return true;
	}
	if (strcmp(argv[*i], "--tsm-root") == 0 && *i + 1 < argc) {
		d->backend = "tsm";
		d->tsm_root = argv[++*i];
		return true;
	}
	if (strcmp(argv[*i], "--image") == 0 && *i + 1 < argc) {
		d->image_path = argv[++*i];
		return true;
	}
	if (cli_realm_option(&d->params, argc, argv, i, bad)) {
		d->params_set = true;
		return true;
	}
	return false;
}

int cli_device_open(struct cli_device *d, struct atoll_ctx **ctx)
{
	struct atoll_options o = { .tsm_root = d->tsm_root };
	size_t len = 0;

	if (d->backend == NULL)
		return cli_fail(CLI_USAGE, "which device? --sim (the simulator on x86) or --tsm "
				"(configfs-tsm in a Linux realm guest)");
	if ((d->image_path != NULL || d->params_set) && strcmp(d->backend, "sim") != 0)
		return cli_fail(CLI_USAGE, "--image and realm parameters are for --sim only");
	if (d->image_path != NULL) {
		d->image = cli_read_file(d->image_path, 64U << 20, &len);
		if (d->image == NULL)
			return CLI_IO;
		o.sim_realm_image = d->image;
		o.sim_realm_image_size = len;
	}
	o.sim_realm_params = &d->params;
	if (atoll_open(ctx, d->backend, &o) != ATOLL_OK) {
		free(d->image);
		d->image = NULL;
		return cli_fail(CLI_BACKEND, "cannot open the %s device: %s", d->backend,
				atoll_open_error());
	}
	return CLI_OK;
}

void cli_device_close(struct cli_device *d, struct atoll_ctx *ctx)
{
	atoll_close(ctx);
	free(d->image);
	d->image = NULL;
}
