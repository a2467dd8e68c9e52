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

static bool number(const char *text, uint64_t max, uint32_t *out)
{
	uint64_t v;

	if (!cli_parse_uint(text, max, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

int cli_measure(int argc, char **argv)
{
	struct atoll_realm_params p;
	const char *path = NULL, *why = "";
	uint8_t rim[ATOLL_DIGEST_MAX], *image;
	uint32_t recs;
	size_t len, rim_len;
	atoll_status st;

	if (cli_wants_help(argc, argv, usage))
		return CLI_OK;
	atoll_realm_params_default(&p);
	recs = p.num_recs;
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool ok = val != NULL;

		if (opt[0] != '-' && path == NULL) {
			path = opt;
			continue;
		}
		if (ok && strcmp(opt, "--s2sz") == 0)
			ok = number(val, 64, &p.s2sz);
		else if (ok && strcmp(opt, "--bps") == 0)
			ok = number(val, 64, &p.num_bps);
		else if (ok && strcmp(opt, "--wps") == 0)
			ok = number(val, 64, &p.num_wps);
		else if (ok && strcmp(opt, "--recs") == 0)
			ok = number(val, 64, &recs);
		else if (ok && strcmp(opt, "--hash") == 0 &&
			 (strcmp(val, "sha-256") == 0 || strcmp(val, "sha-512") == 0))
			p.hash_algo = strcmp(val, "sha-512") == 0 ? 1U : 0U;
		else
			ok = false;
		if (!ok) {
			cli_fail(CLI_USAGE, "bad option or value: %s%s%s", opt, val ? " " : "",
				 val ? val : "");
			return cli_usage(usage);
		}
		i++;
	}
	if (path == NULL)
		return cli_usage(usage);
	p.num_recs = recs;
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
