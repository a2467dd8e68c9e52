/*
 * Threads sharing one sim context (docs/sdk.md, Threading): each attests
 * with its own challenge, verifies the token, seals and unseals, at the
 * same time as the others; every result must be its own.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "sdk_tests.h"

#define THREADS	4U
#define ROUNDS	3U

struct worker {
	uint8_t seed;
	unsigned int ok;
};

static void *work(void *arg)
{
	static const uint8_t data[] = "per-thread secret";
	struct worker *w = arg;

	for (unsigned int r = 0; r < ROUNDS; r++) {
		uint8_t challenge[ATOLL_CHALLENGE_SIZE], token[ATOLL_TOKEN_MAX], blob[128], out[64];
		struct atoll_policy *p = NULL;
		struct atoll_claims *c;
		size_t len, blob_len, out_len;
		const char *why;
		bool good;

		sdk_challenge((uint8_t)(w->seed + r), challenge);
		good = atoll_attest(sdk_ctx, challenge, token, sizeof(token), &len) == ATOLL_OK &&
		       atoll_policy_new(&p) == ATOLL_OK &&
		       atoll_policy_load_refs(p, sdk_refs_path(), &why) == ATOLL_OK &&
		       atoll_policy_set_challenge(p, challenge) == ATOLL_OK &&
		       atoll_verify(sdk_ctx, token, len, p, &c) == ATOLL_OK;
		if (good) {
			good = memcmp(atoll_claims_challenge(c), challenge, sizeof(challenge)) == 0;
			atoll_claims_free(c);
		}
		atoll_policy_free(p);
		good = good &&
		       atoll_seal(sdk_ctx, ATOLL_KEY_VHUK_M, ATOLL_SEAL_RIM_BOUND, w->seed, data,
				  sizeof(data), blob, sizeof(blob), &blob_len) == ATOLL_OK &&
		       atoll_unseal(sdk_ctx, blob, blob_len, out, sizeof(out), &out_len) == ATOLL_OK &&
		       out_len == sizeof(data) && memcmp(out, data, sizeof(data)) == 0;
		if (good)
			w->ok++;
	}
	return NULL;
}

static void threads_share_a_sim_context(void **state)
{
	struct worker w[THREADS];
	pthread_t t[THREADS];

	(void)state;
	for (unsigned int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){ .seed = (uint8_t)(0x80 + 16U * i) };
		assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (unsigned int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		if (w[i].ok != ROUNDS)
			fprintf(stderr, "thread %u: %u of %u rounds right\n", i, w[i].ok, ROUNDS);
		assert_int_equal(w[i].ok, ROUNDS);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(threads_share_a_sim_context),
};

TEST_GROUP(sdk_thread_group, tests, sdk_sim_setup);
