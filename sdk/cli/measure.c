/* atoll measure (docs/cli.md): the RIM of a realm image, as the RMM will compute it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define IMAGE_MAX	(64U << 20)

static const char usage[] =
	"usage: atoll measure IMAGE [--s2sz N] [--hash sha-256|sha-512] [--bps N] [--wps N] [--recs N]\n"
	"  Prints the RIM the RMM computes for the realm image file IMAGE loaded as Atoll's\n"
	"  launcher loads its payloads (docs/realms.md). Defaults are the demo realm's\n"
	"  (include/atoll/demo_realm.h): --s2sz 40 --hash sha-256 --bps 2 --wps 2 --recs 1.\n";

int cli_measure(int argc, char **argv)
{
	struct atoll_realm_params p;
	const char *path = NULL, *why = "";
	uint8_t rim[ATOLL_DIGEST_MAX], *image;
	size_t len, rim_len;
	atoll_status st;

	if (cli_wants_help(argc, argv, usage))
		return CLI_OK;
	atoll_realm_params_default(&p);
	for (int i = 1; i < argc; i++) {
		bool bad = false;

		if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else if (!cli_realm_option(&p, argc, argv, &i, &bad))
			return cli_usage(usage);
		if (bad)
			return cli_usage(usage);
	}
	if (path == NULL)
		return cli_usage(usage);
	image = cli_read_file(path, IMAGE_MAX, &len);
	if (image == NULL)
		return CLI_IO;
	st = atoll_measure(image, len, &p, rim, &rim_len, &why);
	free(image);
	if (st != ATOLL_OK)
		return cli_fail(CLI_FAILED, "%s: %s: %s", path, atoll_strerror(st), why);
	cli_print_hex(rim, rim_len);
	putchar('\n');
	return CLI_OK;
}
