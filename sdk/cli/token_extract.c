/* atoll token extract: the token a launcher printed on its console, as a file (docs/cli.md). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char extract_usage[] =
	"usage: atoll token extract LOG -o FILE\n"
	"  Writes the CCA token of the last complete \"-----BEGIN CCA TOKEN-----\" block of the\n"
	"  console log LOG (an Atoll launcher's QEMU serial output) to FILE, as raw bytes.\n";

int cli_save_console_token(const char *log, const char *out, const char *context, size_t *len)
{
	static uint8_t token[ATOLL_TOKEN_MAX];
	struct atoll_ctx *ctx;
	atoll_status st;

	if (atoll_open(&ctx, "none", NULL) != ATOLL_OK)
		return cli_fail(CLI_BACKEND, "%s", atoll_open_error());
	st = atoll_token_from_console(ctx, log, token, sizeof(token), len);
	if (st != ATOLL_OK) {
		int code = st == ATOLL_E_IO ? CLI_IO : CLI_FAILED;

		cli_fail(code, "%s%s: %s", context, atoll_strerror(st), atoll_error_detail(ctx));
		atoll_close(ctx);
		return code;
	}
	atoll_close(ctx);
	return cli_write_file(out, token, *len, false) != 0 ? CLI_IO : CLI_OK;
}

int cli_token_extract(int argc, char **argv)
{
	const char *log = NULL, *out = NULL;
	size_t len;
	int rc;

	if (cli_wants_help(argc, argv, extract_usage))
		return CLI_OK;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc && out == NULL)
			out = argv[++i];
		else if (log == NULL && argv[i][0] != '-')
			log = argv[i];
		else
			return cli_usage(extract_usage);
	}
	if (log == NULL || out == NULL)
		return cli_usage(extract_usage);
	rc = cli_save_console_token(log, out, "", &len);
	if (rc == CLI_OK)
		printf("token: %zu bytes from %s written to %s\n", len, log, out);
	return rc;
}
