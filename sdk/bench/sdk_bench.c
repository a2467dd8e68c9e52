/*
 * libatoll's costs on x86, in instructions (callgrind, deterministic):
 *
 *   sdk-bench verify|attest|seal
 *
 * runs N operations of one kind inside bench_<kind>: atoll_verify of a sim
 * token against its refs, atoll_attest on the sim (the RMM core signs the
 * realm token; the platform token came from the HES core once, at the
 * first token), and atoll_seal + atoll_unseal of 1 KiB. sdk/bench/bench.sh runs it under callgrind with
 * --toggle-collect on that function (not the simulator's boot) and divides
 * by N, which this program prints as "<kind> N".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atoll/atoll.h>

#define N	5U

static struct atoll_ctx *ctx;
static uint8_t challenge[ATOLL_CHALLENGE_SIZE] = { 1, 2, 3 }, token[ATOLL_TOKEN_MAX];
static size_t token_len;

static void die(const char *what, atoll_status st)
{
	fprintf(stderr, "sdk-bench: %s: %s: %s\n", what, atoll_strerror(st), atoll_error_detail(ctx));
	exit(1);
}

__attribute__((noinline)) static void bench_verify(const struct atoll_policy *p)
{
	for (unsigned int i = 0; i < N; i++) {
		struct atoll_claims *c;
		atoll_status st = atoll_verify(ctx, token, token_len, p, &c);

		if (st != ATOLL_OK)
			die("verify", st);
		atoll_claims_free(c);
	}
}

__attribute__((noinline)) static void bench_attest(void)
{
	for (unsigned int i = 0; i < N; i++) {
		atoll_status st = atoll_attest(ctx, challenge, token, sizeof(token), &token_len);

		if (st != ATOLL_OK)
			die("attest", st);
	}
}

__attribute__((noinline)) static void bench_seal(void)
{
	static uint8_t data[1024], blob[1024 + ATOLL_SEAL_OVERHEAD], out[1024];

	for (unsigned int i = 0; i < N; i++) {
		size_t blob_len, len;
		atoll_status st = atoll_seal(ctx, ATOLL_KEY_VHUK_M, ATOLL_SEAL_RIM_BOUND, 1, data,
					     sizeof(data), blob, sizeof(blob), &blob_len);

		if (st == ATOLL_OK)
			st = atoll_unseal(ctx, blob, blob_len, out, sizeof(out), &len);
		if (st != ATOLL_OK)
			die("seal", st);
	}
}

int main(int argc, char **argv)
{
	struct atoll_policy *p;
	const char *why;
	atoll_status st;

	if (argc != 3 || (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "attest") != 0 &&
			  strcmp(argv[1], "seal") != 0)) {
		fprintf(stderr, "usage: sdk-bench verify|attest|seal REFS_OUT\n");
		return 2;
	}
	if (atoll_open(&ctx, "sim", NULL) != ATOLL_OK) {
		fprintf(stderr, "sdk-bench: %s\n", atoll_open_error());
		return 1;
	}
	st = atoll_attest(ctx, challenge, token, sizeof(token), &token_len);
	if (st != ATOLL_OK)
		die("attest", st);
	if ((st = atoll_sim_write_refs(ctx, argv[2])) != ATOLL_OK || atoll_policy_new(&p) != ATOLL_OK ||
	    (st = atoll_policy_load_refs(p, argv[2], &why)) != ATOLL_OK)
		die("refs", st);
	atoll_policy_set_challenge(p, challenge);
	if (strcmp(argv[1], "verify") == 0)
		bench_verify(p);
	else if (strcmp(argv[1], "attest") == 0)
		bench_attest();
	else
		bench_seal();
	printf("%s %u\n", argv[1], N);
	atoll_policy_free(p);
	atoll_close(ctx);
	return 0;
}
