/*
 * The atoll command-line tool (docs/cli.md): one file per command group,
 * these shared helpers, and the exit codes.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <atoll/atoll.h>

enum cli_exit {
	CLI_OK = 0,
	CLI_FAILED = 1,		/* the token, blob or image is not what was asked for */
	CLI_USAGE = 2,		/* bad command line */
	CLI_IO = 3,		/* a file could not be read or written */
	CLI_BACKEND = 4,	/* the device (sim, tsm) could not be opened or failed */
};

/* A command: argv[0] is its name; returns an enum cli_exit. */
typedef int cli_command_fn(int argc, char **argv);
cli_command_fn cli_token, cli_token_extract, cli_measure, cli_run, cli_attest, cli_seal, cli_unseal, cli_refs;

/* Whether argv holds --help or -h (then usage was printed to stdout). */
bool cli_wants_help(int argc, char **argv, const char *usage);
/* Prints "atoll: <message>" to stderr; returns code. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_usage(const char *usage);

/* Reads a whole file (at most max bytes) into a new buffer; NULL after a message. */
uint8_t *cli_read_file(const char *path, size_t max, size_t *len);
/* Writes len bytes to path (mode 0600 if private); 0, or -1 after a message. */
int cli_write_file(const char *path, const void *buf, size_t len, bool private_file);

/*
 * The token of the console log's last complete block (atoll_token_from_console()) written
 * raw to out, *len its size; an enum cli_exit, after a message that starts with context.
 */
int cli_save_console_token(const char *log, const char *out, const char *context, size_t *len);

/* Exactly n bytes of hex (upper or lower case); false if it is not. */
bool cli_parse_hex(const char *text, uint8_t *out, size_t n);
/* An unsigned decimal or 0x-hex number no larger than max. */
bool cli_parse_uint(const char *text, uint64_t max, uint64_t *out);
void cli_print_hex(const uint8_t *p, size_t len);

/*
 * Realm parameter options (--s2sz N, --hash sha-256|sha-512, --bps N, --wps N,
 * --recs N) at argv[*i], value consumed: true if it is one; *bad if its
 * value is not valid.
 */
bool cli_realm_option(struct atoll_realm_params *p, int argc, char **argv, int *i, bool *bad);

/* The device of --sim [--image FILE + realm options] or --tsm [--tsm-root DIR]. */
struct cli_device {
	const char *backend;
	const char *tsm_root;
	const char *image_path;		/* --image: the sim's realm (default: built-in hello) */
	struct atoll_realm_params params;
	bool params_set;
	uint8_t *image;			/* its bytes, kept while the context is open */
};
void cli_device_init(struct cli_device *d);
/* Takes a device option at argv[*i] (value consumed); false if it is none. *bad: bad value. */
bool cli_device_option(struct cli_device *d, int argc, char **argv, int *i, bool *bad);
int cli_device_open(struct cli_device *d, struct atoll_ctx **ctx);
void cli_device_close(struct cli_device *d, struct atoll_ctx *ctx);
