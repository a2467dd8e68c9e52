/*
 * atoll-verify: checks a CCA token against reference values (verify/hosted/
 * refs.h), printing every check.
 *   atoll-verify --refs REFS.json (--console LOG | --token FILE) [--challenge HEX]
 * --console takes the token the realm host printed in hex between its
 * "-----BEGIN CCA TOKEN-----" and "-----END CCA TOKEN-----" lines (the last
 * such block in the log); --token a file of the raw token bytes. With
 * --challenge (128 hex digits) the realm token's challenge claim must be
 * those 64 bytes too.
 * Exit 0: verified; 1: refused (a check failed); 2: usage or input error.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "verify/cca_verify.h"
#include "verify/hosted/console_token.h"
#include "verify/hosted/hex.h"
#include "verify/hosted/refs.h"

#define TOKEN_MAX	8192U
#define CHALLENGE_SIZE	64U

static struct refs refs;
static uint8_t token[TOKEN_MAX];

static size_t token_from_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t len;

	if (f == NULL) {
		perror(path);
		return 0;
	}
	len = fread(token, 1, TOKEN_MAX, f);
	if (len == TOKEN_MAX || len == 0U) {
		fprintf(stderr, "atoll-verify: %s: empty or over %u bytes\n", path, TOKEN_MAX - 1U);
		len = 0;
	}
	fclose(f);
	return len;
}

static void print_check(void *ctx, bool ok, const char *line)
{
	(void)ctx;
	printf("VERIFY: %-4s %s\n", ok ? "ok" : "FAIL", line);
}

/* The realm challenge claim against the 64 bytes expected; 1 if it differs. */
static unsigned int check_challenge(size_t len, const uint8_t expected[CHALLENGE_SIZE])
{
	struct cca_claims cl;
	enum cca_verify_result r = cca_verify(token, len, &cl);
	bool ok = (r == CCA_VERIFY_OK || r == CCA_VERIFY_UNBOUND) &&
		  memcmp(cl.challenge, expected, CHALLENGE_SIZE) == 0;

	print_check(NULL, ok, ok ? "realm challenge is the one given"
				 : "realm challenge is NOT the one given");
	return ok ? 0U : 1U;
}

int main(int argc, char **argv)
{
	const char *refs_path = NULL, *console = NULL, *file = NULL, *challenge_hex = NULL;
	uint8_t challenge[CHALLENGE_SIZE];
	char err[256];
	size_t len;
	unsigned int failed;
	bool usage = argc % 2 == 0;	/* options come in pairs */

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--refs") == 0)
			refs_path = argv[i + 1];
		else if (strcmp(argv[i], "--console") == 0)
			console = argv[i + 1];
		else if (strcmp(argv[i], "--token") == 0)
			file = argv[i + 1];
		else if (strcmp(argv[i], "--challenge") == 0)
			challenge_hex = argv[i + 1];
		else
			usage = true;
	}
	if (usage || refs_path == NULL || (console == NULL) == (file == NULL)) {
		fprintf(stderr, "usage: atoll-verify --refs REFS.json (--console LOG | --token FILE) "
				"[--challenge HEX]\n");
		return 2;
	}
	if (challenge_hex != NULL &&
	    hex_decode(challenge_hex, strlen(challenge_hex), challenge, sizeof(challenge)) !=
		    (long)CHALLENGE_SIZE) {
		fprintf(stderr, "atoll-verify: --challenge: not 64 bytes of lower-case hex\n");
		return 2;
	}
	if (refs_load(refs_path, &refs, err, sizeof(err)) != CONSOLE_TOKEN_OK) {
		fprintf(stderr, "atoll-verify: %s\n", err);
		return 2;
	}
	if (console != NULL && console_token_read(console, token, TOKEN_MAX, &len, err,
						  sizeof(err)) != CONSOLE_TOKEN_OK) {
		fprintf(stderr, "atoll-verify: %s\n", err);
		return 2;
	}
	if (console == NULL && (len = token_from_file(file)) == 0U)
		return 2;
	printf("VERIFY: CCA token of %zu bytes from %s against %s\n", len,
	       console != NULL ? console : file, refs_path);
	failed = refs_check_token(&refs, token, len, print_check, NULL);
	if (challenge_hex != NULL)
		failed += check_challenge(len, challenge);
	if (failed == 0U)
		printf("VERIFY: token verified: platform, boot measurements and realm are those of the refs\n");
	else
		printf("VERIFY: token REFUSED: %u check%s failed\n", failed, failed == 1U ? "" : "s");
	return failed == 0U ? 0 : 1;
}
