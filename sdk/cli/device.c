/* atoll attest / seal / unseal / refs: requests to a device (docs/cli.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "cli.h"

#define BLOB_DATA_MAX	(16U << 20)

/* What every --sim command takes about the simulated realm. */
#define SIM_REALM_HELP                                                                      \
	"  With --sim: --image FILE, the realm image the simulator builds (default: make run's\n" \
	"  hello realm), and its parameters as for atoll measure (--s2sz, --hash, --bps, --wps,\n" \
	"  --recs).\n"

static const char attest_usage[] =
	"usage: atoll attest --sim|--tsm [--tsm-root DIR] [--challenge HEX] -o FILE\n"
	"  Writes a CCA token from the device to FILE. --challenge: the 64-byte realm challenge as\n"
	"  128 hex digits (default: fresh random bytes, printed).\n"
	SIM_REALM_HELP;
static const char seal_usage[] =
	"usage: atoll seal --sim [--key vhuk-a|vhuk-m] [--rim] [--svn N] IN -o OUT\n"
	"  Seals the file IN under the realm sealing key into OUT (docs/sdk.md's blob format).\n"
	"  --key: bound to the firmware's signers (vhuk-a, default) or measurements (vhuk-m);\n"
	"  --rim: the realm's RIM enters the key; --svn: a 64-bit value mixed into the key.\n"
	SIM_REALM_HELP;
static const char unseal_usage[] =
	"usage: atoll unseal --sim IN -o OUT\n"
	"  Writes the data of the sealed blob IN to OUT; exit 1 if the blob was changed or is\n"
	"  not this realm's.\n"
	SIM_REALM_HELP;
static const char refs_usage[] =
	"usage: atoll refs --sim [-o FILE]\n"
	"  Writes the simulated device's reference values (refs.json: its CPAK, sw-components\n"
	"  and the realm's RIM) to FILE, or to standard output.\n"
	SIM_REALM_HELP;

struct args {
	struct cli_device dev;
	const char *in, *out, *challenge;
	atoll_key_policy key;
	bool rim;
	uint64_t svn;
};

/* The options every device command takes; which ones a command allows is `allowed`. */
static bool parse(int argc, char **argv, struct args *a, const char *allowed)
{
	*a = (struct args){ .key = ATOLL_KEY_VHUK_A };
	cli_device_init(&a->dev);
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		bool has_val = i + 1 < argc, bad = false;

		if (cli_device_option(&a->dev, argc, argv, &i, &bad)) {
			if (bad)
				return false;
			continue;
		}
		if (strcmp(o, "-o") == 0 && has_val && strchr(allowed, 'o'))
			a->out = argv[++i];
		else if (strcmp(o, "--challenge") == 0 && has_val && strchr(allowed, 'c'))
			a->challenge = argv[++i];
		else if (strcmp(o, "--key") == 0 && has_val && strchr(allowed, 'k') &&
			 (strcmp(argv[i + 1], "vhuk-a") == 0 || strcmp(argv[i + 1], "vhuk-m") == 0))
			a->key = strcmp(argv[++i], "vhuk-m") == 0 ? ATOLL_KEY_VHUK_M : ATOLL_KEY_VHUK_A;
		else if (strcmp(o, "--rim") == 0 && strchr(allowed, 'k'))
			a->rim = true;
		else if (strcmp(o, "--svn") == 0 && has_val && strchr(allowed, 'k') &&
			 cli_parse_uint(argv[i + 1], UINT64_MAX, &a->svn))
			i++;
		else if (o[0] != '-' && a->in == NULL && strchr(allowed, 'i'))
			a->in = o;
		else
			return false;
	}
	return true;
}

int cli_attest(int argc, char **argv)
{
	uint8_t challenge[ATOLL_CHALLENGE_SIZE], token[ATOLL_TOKEN_MAX];
	struct atoll_ctx *ctx;
	struct args a;
	atoll_status st;
	size_t len;
	int rc;

	if (cli_wants_help(argc, argv, attest_usage))
		return CLI_OK;
	if (!parse(argc, argv, &a, "oc") || a.out == NULL)
		return cli_usage(attest_usage);
	if (a.challenge != NULL && !cli_parse_hex(a.challenge, challenge, sizeof(challenge)))
		return cli_fail(CLI_USAGE, "--challenge takes 64 bytes as 128 hex digits");
	if (a.challenge == NULL) {
		if (getrandom(challenge, sizeof(challenge), 0) != (ssize_t)sizeof(challenge))
			return cli_fail(CLI_BACKEND, "no random challenge from the OS");
		printf("challenge ");
		cli_print_hex(challenge, sizeof(challenge));
		putchar('\n');
	}
	rc = cli_device_open(&a.dev, &ctx);
	if (rc != CLI_OK)
		return rc;
	st = atoll_attest(ctx, challenge, token, sizeof(token), &len);
	if (st != ATOLL_OK)
		rc = cli_fail(CLI_BACKEND, "attest: %s: %s", atoll_strerror(st),
			      atoll_error_detail(ctx));
	else if (cli_write_file(a.out, token, len, false) != 0)
		rc = CLI_IO;
	else
		printf("token: %zu bytes to %s\n", len, a.out);
	cli_device_close(&a.dev, ctx);
	return rc;
}

/* seal or unseal IN into OUT. */
static int blob_command(int argc, char **argv, bool sealing)
{
	const char *usage = sealing ? seal_usage : unseal_usage;
	uint8_t *in, *out = NULL;
	struct atoll_ctx *ctx;
	size_t len, out_len = 0, cap;
	struct args a;
	atoll_status st;
	int rc;

	if (cli_wants_help(argc, argv, usage))
		return CLI_OK;
	if (!parse(argc, argv, &a, sealing ? "oik" : "oi") || a.in == NULL || a.out == NULL)
		return cli_usage(usage);
	in = cli_read_file(a.in, BLOB_DATA_MAX + ATOLL_SEAL_OVERHEAD, &len);
	if (in == NULL)
		return CLI_IO;
	rc = cli_device_open(&a.dev, &ctx);
	if (rc != CLI_OK) {
		free(in);
		return rc;
	}
	cap = len + ATOLL_SEAL_OVERHEAD;
	if ((out = malloc(cap)) == NULL)
		rc = cli_fail(CLI_IO, "no memory");
	if (rc == CLI_OK) {
		st = sealing ? atoll_seal(ctx, a.key, a.rim ? ATOLL_SEAL_RIM_BOUND : 0U, a.svn, in,
					  len, out, cap, &out_len)
			     : atoll_unseal(ctx, in, len, out, cap, &out_len);
		if (st != ATOLL_OK)
			rc = cli_fail(sealing || st == ATOLL_E_BACKEND ? CLI_BACKEND : CLI_FAILED,
				      "%s: %s: %s", a.in, atoll_strerror(st), atoll_error_detail(ctx));
		else if (cli_write_file(a.out, out, out_len, true) != 0)
			rc = CLI_IO;
	}
	cli_device_close(&a.dev, ctx);
	free(out);
	free(in);
	return rc;
}

int cli_seal(int argc, char **argv)
{
	return blob_command(argc, argv, true);
}

int cli_unseal(int argc, char **argv)
{
	return blob_command(argc, argv, false);
}

int cli_refs(int argc, char **argv)
{
	char tmp[] = "/tmp/atoll-refs.XXXXXX";
	struct atoll_ctx *ctx;
	struct args a;
	atoll_status st;
	uint8_t *doc;
	size_t len;
	int rc, fd;

	if (cli_wants_help(argc, argv, refs_usage))
		return CLI_OK;
	if (!parse(argc, argv, &a, "o"))
		return cli_usage(refs_usage);
	rc = cli_device_open(&a.dev, &ctx);
	if (rc != CLI_OK)
		return rc;
	if (a.out != NULL) {
		st = atoll_sim_write_refs(ctx, a.out);
	} else {
		/* To standard output through a private temporary file. */
		fd = mkstemp(tmp);
		st = fd < 0 ? ATOLL_E_IO : atoll_sim_write_refs(ctx, tmp);
		if (fd >= 0)
			close(fd);
		if (st == ATOLL_OK && (doc = cli_read_file(tmp, 1U << 20, &len)) != NULL) {
			fwrite(doc, 1, len, stdout);
			putchar('\n');
			free(doc);
		}
		if (fd >= 0)
			unlink(tmp);
	}
	if (st != ATOLL_OK)
		rc = cli_fail(st == ATOLL_E_UNSUPPORTED ? CLI_USAGE : CLI_IO, "refs: %s: %s",
			      atoll_strerror(st), atoll_error_detail(ctx));
	cli_device_close(&a.dev, ctx);
	return rc;
}
