/*
 * The ML example's inference inside a realm (R-EL1, FP/SIMD on): the small
 * model embedded in the image (measured into the RIM with it) is checked and
 * run, and its greedy completion of the reference prompt must be PyTorch's
 * (reference.h, generated from train.py's reference.txt). Also the entropy
 * the ML server's TLS will use: RNDR (realm/rndr.c). A first step towards
 * the ML server realm of docs/demo-ml.md.
 */
#include <stddef.h>
#include <string.h>

#include "entropy.h"
#include "ml_infer.h"
#include "realm.h"
#include "reference.h"
#include "test.h"

extern const uint8_t ml_model_blob[], ml_model_blob_end[];

static struct ml_model model;
static struct ml_state state;

TEST(ml_model_loads_in_the_realm)
{
	enum ml_status s = ml_model_load(&model, ml_model_blob, (size_t)(ml_model_blob_end - ml_model_blob));

	realm_printf("ml: model: %s, %lu parameters\n", ml_status_str(s), (unsigned long)ml_model_params(&model));
	CHECK_EQ(s, ML_OK);
}

TEST(ml_greedy_completion_is_pytorchs)
{
	static uint8_t out[sizeof(ml_ref_completion)];
	struct ml_sampler greedy;

	ml_state_reset(&state, &model);
	CHECK_EQ(ml_feed(&state, ml_ref_prompt, sizeof(ml_ref_prompt)), ML_OK);
	CHECK_EQ(ml_sampler_init(&greedy, 0.0f, 0), ML_OK);
	ml_generate(&state, &greedy, out, sizeof(out));
	realm_printf("ml: completion: ");
	for (size_t i = 0; i < sizeof(out); i++)
		realm_printf("%c", out[i] == '\n' ? '|' : (char)out[i]);
	realm_printf("\n");
	CHECK(memcmp(out, ml_ref_completion, sizeof(out)) == 0);
}

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);

static bool all_zero(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

TEST(rndr_gives_entropy)
{
	uint8_t a[61], b[61];
	enum entropy_status s = realm_entropy_fill(a, sizeof(a));

	realm_printf("ml: entropy: %s\n", entropy_status_str(s));
	CHECK_EQ(s, ENTROPY_OK);
	CHECK_EQ(realm_entropy_fill(b, sizeof(b)), ENTROPY_OK);
	CHECK(!all_zero(a, sizeof(a)) && !all_zero(b, sizeof(b)));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
}

TEST(mbedtls_hardware_source_is_rndr)
{
	uint8_t buf[48] = { 0 };
	size_t olen = 0;

	CHECK_EQ(mbedtls_hardware_poll(NULL, buf, sizeof(buf), &olen), 0);
	CHECK_EQ(olen, sizeof(buf));
	CHECK(!all_zero(buf, sizeof(buf)));
}

void realm_main(void)
{
	(void)realm_run_tests();
}
