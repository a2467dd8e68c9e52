/* atoll: attest, verify, show and measure from the command line (docs/cli.md). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: atoll COMMAND [ARGS]   (atoll COMMAND --help for each)\n"
	"  token show FILE [--json]                      the claims of a token (unverified)\n"
	"  token verify FILE --refs REFS|--policy FILE [--challenge HEX] [--rem HEX]...  every check\n"
	"  token extract LOG -o FILE                     the token a launcher printed on its console\n"
	"  measure IMAGE [--s2sz N] [--hash ALG] [--bps N] [--wps N] [--recs N]\n"
	"                                                the RIM a realm image will have\n"
	"  attest --sim|--tsm [--challenge HEX] -o FILE  a token from the device\n"
	"  seal --sim [--key vhuk-a|vhuk-m] [--rim] [--svn N] IN -o OUT\n"
	"  unseal --sim IN -o OUT                        sealed blobs under the realm sealing key\n"
	"  refs --sim [-o FILE]                          the simulated device's refs.json\n"
	"  run IMAGE [realm options] [--token FILE]     boots QEMU and runs IMAGE in a realm\n"
	"exit status: 0 ok, 1 check failed, 2 usage, 3 file error, 4 device error\n";

static const struct {
	const char *name;
	cli_command_fn *fn;
} commands[] = {
	{ "token", cli_token }, { "measure", cli_measure }, { "attest", cli_attest },
	{ "seal", cli_seal },   { "unseal", cli_unseal },   { "refs", cli_refs },
	{ "run", cli_run },
};

int main(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(usage);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	}
	cli_fail(CLI_USAGE, "unknown command \"%s\"", argv[1]);
	return cli_usage(usage);
}
