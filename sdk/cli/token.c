/* atoll token show / verify (docs/cli.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char show_usage[] =
	"usage: atoll token show FILE [--json]\n"
	"  Prints the claims of the CCA token in FILE, without checking any signature.\n"
	"  --json  the claims as one JSON object (keys in docs/cli.md)\n";
static const char verify_usage[] =
	"usage: atoll token verify FILE (--refs REFS | --policy POLICY) [--challenge HEX] [--rem HEX]...\n"
	"  Checks the CCA token in FILE: the realm token's signature under its RAK, the binding,\n"
	"  the platform token's signature under the CPAK of REFS (refs.json), the lifecycle, every\n"
	"  sw-component against REFS, the RIM, and with --challenge the 64-byte realm challenge.\n"
	"  --policy POLICY: a policy file (docs/sdk.md) instead, naming its refs.json, the allowed\n"
	"  RIMs and REMs, the hash algorithm and the lifecycle range.\n"
	"  Every non-zero REM must be one given with --rem (32 or 64 bytes of hex) or the policy.\n"
	"  Exit 0 only if every check passes; otherwise 1 with the first failure named.\n";
static const char token_usage[] =
	"usage: atoll token show FILE [--json]\n"
	"       atoll token verify FILE (--refs REFS | --policy POLICY) [--challenge HEX] [--rem HEX]...\n"
	"       atoll token extract LOG -o FILE\n";

static int parse(struct atoll_ctx *ctx, const char *path, const uint8_t *t, size_t len,
		 struct atoll_claims **c)
{
	atoll_status st = atoll_token_parse(ctx, t, len, c);

	if (st != ATOLL_OK)
		return cli_fail(CLI_FAILED, "%s: %s: %s", path, atoll_strerror(st),
				atoll_error_detail(ctx));
	return CLI_OK;
}

static void line(const char *name, const uint8_t *p, size_t len)
{
	printf("  %-18s ", name);
	cli_print_hex(p, len);
	putchar('\n');
}

static void print_claims(const struct atoll_claims *c, size_t len)
{
	size_t n, dl = atoll_claims_digest_len(c);
	const uint8_t *p;

	printf("CCA token, %zu bytes (%s)\n", len,
	       atoll_claims_verified(c) ? "verified" : "not verified: atoll token verify checks it");
	printf("realm:\n");
	line("challenge", atoll_claims_challenge(c), ATOLL_CHALLENGE_SIZE);
	line("personalization", atoll_claims_rpv(c), 64);
	printf("  %-18s %s\n", "hash algorithm", atoll_claims_hash_alg(c));
	line("RIM", atoll_claims_rim(c), dl);
	for (unsigned int i = 0; i < 4U; i++) {
		char name[8];

		snprintf(name, sizeof(name), "REM%u", i);
		line(name, atoll_claims_rem(c, i), dl);
	}
	p = atoll_claims_rak(c, &n);
	line("RAK (COSE_Key)", p, n);
	printf("platform:\n");
	printf("  %-18s 0x%04x%s\n", "lifecycle", atoll_claims_lifecycle(c),
	       (atoll_claims_lifecycle(c) & 0xF000U) == 0x3000U ? " (secured)" : "");
	p = atoll_claims_implementation_id(c, &n);
	line("implementation id", p, n);
	p = atoll_claims_instance_id(c, &n);
	line("instance id", p, n);
	printf("  %-18s %s\n", "hash algorithm", atoll_claims_platform_hash_alg(c));
	for (size_t i = 0; i < atoll_claims_sw_count(c); i++) {
		const struct atoll_sw_component *s = atoll_claims_sw(c, i);

		printf("  sw-component %zu    %s\n", i, s->type[0] != '\0' ? s->type : "(no type)");
		line("  value", s->value, s->value_len);
		line("  signer id", s->signer_id, s->signer_id_len);
	}
}

static int show(int argc, char **argv)
{
	const char *path = NULL;
	bool json = false;
	struct atoll_ctx *ctx;
	struct atoll_claims *c;
	uint8_t *t;
	size_t len;
	int rc;

	if (cli_wants_help(argc, argv, show_usage))
		return CLI_OK;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (path == NULL && argv[i][0] != '-')
			path = argv[i];
		else
			return cli_usage(show_usage);
	}
	if (path == NULL)
		return cli_usage(show_usage);
	t = cli_read_file(path, ATOLL_TOKEN_MAX, &len);
	if (t == NULL)
		return CLI_IO;
	if (atoll_open(&ctx, "none", NULL) != ATOLL_OK) {
		free(t);
		return cli_fail(CLI_BACKEND, "%s", atoll_open_error());
	}
	rc = parse(ctx, path, t, len, &c);
	if (rc == CLI_OK && json) {
		static char buf[16384];
		size_t n;

		if (atoll_claims_json(c, buf, sizeof(buf), &n) == ATOLL_OK)
			fputs(buf, stdout);
		else
			rc = cli_fail(CLI_FAILED, "claims too large for JSON output");
	} else if (rc == CLI_OK) {
		print_claims(c, len);
	}
	if (rc == CLI_OK)
		atoll_claims_free(c);
	atoll_close(ctx);
	free(t);
	return rc;
}

static int verify(int argc, char **argv)
{
	const char *path = NULL, *refs = NULL, *policy = NULL, *why = "";
	uint8_t challenge[ATOLL_CHALLENGE_SIZE], rem[16][ATOLL_DIGEST_MAX], *t;
	size_t rem_len[16], num_rems = 0;
	bool have_challenge = false;
	struct atoll_policy *p;
	struct atoll_claims *c;
	struct atoll_ctx *ctx;
	atoll_status st;
	size_t len;

	if (cli_wants_help(argc, argv, verify_usage))
		return CLI_OK;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--refs") == 0 && i + 1 < argc) {
			refs = argv[++i];
		} else if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc) {
			policy = argv[++i];
		} else if (strcmp(argv[i], "--challenge") == 0 && i + 1 < argc) {
			if (!cli_parse_hex(argv[++i], challenge, sizeof(challenge)))
				return cli_fail(CLI_USAGE, "--challenge takes 64 bytes as 128 hex digits");
			have_challenge = true;
		} else if (strcmp(argv[i], "--rem") == 0 && i + 1 < argc) {
			size_t n = strlen(argv[++i]) / 2U;

			if (num_rems == 16U || (n != 32U && n != 64U) ||
			    !cli_parse_hex(argv[i], rem[num_rems], n))
				return cli_fail(CLI_USAGE, "--rem takes 32 or 64 bytes as hex, at most "
						"16 times");
			rem_len[num_rems++] = n;
		} else if (path == NULL && argv[i][0] != '-') {
			path = argv[i];
		} else {
			return cli_usage(verify_usage);
		}
	}
	if (path == NULL || (refs == NULL) == (policy == NULL))
		return cli_usage(verify_usage);
	t = cli_read_file(path, ATOLL_TOKEN_MAX, &len);
	if (t == NULL)
		return CLI_IO;
	if (atoll_policy_new(&p) != ATOLL_OK || atoll_open(&ctx, "none", NULL) != ATOLL_OK) {
		free(t);
		return cli_fail(CLI_BACKEND, "no memory");
	}
	st = refs ? atoll_policy_load_refs(p, refs, &why) : atoll_policy_load(p, policy, &why);
	if (st != ATOLL_OK) {
		atoll_policy_free(p);
		atoll_close(ctx);
		free(t);
		return cli_fail(CLI_IO, "%s", why);
	}
	if (have_challenge)
		(void)atoll_policy_set_challenge(p, challenge);
	for (size_t i = 0; i < num_rems; i++)
		(void)atoll_policy_allow_rem(p, rem[i], rem_len[i]);
	st = atoll_verify(ctx, t, len, p, &c);
	if (st == ATOLL_OK) {
		printf("verified: %s against %s (realm signature, binding, platform signature, "
		       "lifecycle, %zu sw-components, RIM%s)\n", path, refs ? refs : policy,
		       atoll_claims_sw_count(c),
		       have_challenge ? ", challenge" : "");
		printf("RIM ");
		cli_print_hex(atoll_claims_rim(c), atoll_claims_digest_len(c));
		putchar('\n');
		atoll_claims_free(c);
	} else {
		printf("NOT verified: %s: %s: %s\n", path, atoll_strerror(st),
		       atoll_error_detail(ctx));
	}
	atoll_policy_free(p);
	atoll_close(ctx);
	free(t);
	return st == ATOLL_OK ? CLI_OK : CLI_FAILED;
}

int cli_token(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return show(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "verify") == 0)
		return verify(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "extract") == 0)
		return cli_token_extract(argc - 1, argv + 1);
	if (cli_wants_help(argc, argv, token_usage))
		return CLI_OK;
	return cli_usage(token_usage);
}
