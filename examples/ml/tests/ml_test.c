/*
 * Host tests of the C inference (examples/ml/model) against the model that
 * examples/ml/train.py trained: the logits and the greedy completion it
 * exported (reference.txt), refusal of damaged or malformed weights files,
 * temperature sampling, and the freestanding math functions against libm.
 * Usage: ml-tests MODEL.atml REFERENCE.txt
 */
#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/sha256.h>

#include "ml_infer.h"
#include "ml_math.h"
#include "test_groups.h"

/* Allowed difference between C and PyTorch logits: float32 sums in another order. */
#define LOGIT_TOLERANCE 1e-4f

static const char *model_path, *reference_path;
static uint8_t *file;		/* the weights file, 16-byte aligned */
static size_t file_size;
static struct ml_model model;
static struct ml_state state;

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f) {
		fprintf(stderr, "ml-tests: cannot open %s\n", path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = aligned_alloc(16, ((size_t)n + 16) & ~(size_t)15);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "ml-tests: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}

/* Every test needs the trained model: without it the suite is one failure. */
static bool load_reference_model(void)
{
	file = read_file(model_path, &file_size);
	enum ml_status s = ml_model_load(&model, file, file_size);
	if (s != ML_OK)
		fprintf(stderr, "ml-tests: %s: %s\n", model_path, ml_status_str(s));
	return s == ML_OK;
}

/* Decodes hex into out (at most max bytes); returns the byte count. */
static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	unsigned int byte;

	while (n < max && isxdigit((unsigned char)hex[2 * n]) && isxdigit((unsigned char)hex[2 * n + 1]) &&
	       sscanf(hex + 2 * n, "%2x", &byte) == 1)
		out[n++] = (uint8_t)byte;
	return n;
}

/* Next reference line of the given kind into line; false at the end of the file. */
static bool next_line(FILE *f, const char *kind, char *line, size_t size)
{
	while (fgets(line, (int)size, f))
		if (strncmp(line, kind, strlen(kind)) == 0 && line[strlen(kind)] == ' ')
			return true;
	return false;
}

static FILE *open_reference(void)
{
	FILE *f = fopen(reference_path, "r");

	assert_non_null(f);
	return f;
}

/* ---- The C inference reproduces PyTorch ------------------------------------ */

static void model_dimensions_are_the_files(void **unused)
{
	(void)unused;
	assert_int_equal(ml_model_params(&model) * 4,
			 file_size - ML_HEADER_SIZE - ML_VOCAB_TABLE_SIZE - ML_CHECKSUM_SIZE);
	assert_true(model.vocab > 90 && model.vocab <= 256);
	for (unsigned int t = 0; t < model.vocab; t++)
		assert_int_equal(model.token_of_byte[model.vocab_byte[t]], t);
}

static void logits_match_pytorch(void **unused)
{
	static char line[65536];
	FILE *f = open_reference();
	int prompts = 0;

	(void)unused;
	while (next_line(f, "logits", line, sizeof(line))) {
		char *p = line + strlen("logits ");
		uint8_t prompt[256];
		size_t len = unhex(p, prompt, sizeof(prompt));
		float worst = 0;

		p = strchr(p, ' ');
		ml_state_reset(&state, &model);
		assert_int_equal(ml_feed(&state, prompt, len), ML_OK);
		for (unsigned int t = 0; t < model.vocab; t++) {
			char *end;
			float ref = strtof(p, &end);

			assert_true(end != p);
			p = end;
			worst = fmaxf(worst, fabsf(state.logits[t] - ref));
		}
		printf("ml: prompt %u (%zu bytes): largest logit difference %.2g\n", prompts, len, worst);
		assert_true(worst <= LOGIT_TOLERANCE);
		prompts++;
	}
	fclose(f);
	assert_true(prompts >= 3);
}

static void greedy_completion_matches_pytorch(void **unused)
{
	static char line[4096];
	uint8_t prompt[256], expect[512], got[512];
	struct ml_sampler greedy;
	FILE *f = open_reference();
	unsigned int n;
	char prompt_hex[520], completion_hex[1030];

	(void)unused;
	assert_true(next_line(f, "greedy", line, sizeof(line)));
	fclose(f);
	assert_int_equal(sscanf(line, "greedy %519s %u %1029s", prompt_hex, &n, completion_hex), 3);
	size_t len = unhex(prompt_hex, prompt, sizeof(prompt));
	assert_int_equal(unhex(completion_hex, expect, sizeof(expect)), n);

	ml_state_reset(&state, &model);
	assert_int_equal(ml_feed(&state, prompt, len), ML_OK);
	assert_int_equal(ml_sampler_init(&greedy, 0.0f, 0), ML_OK);
	ml_generate(&state, &greedy, got, n);
	printf("ml: greedy completion of \"%.*s\": \"%.*s\"\n", (int)len, prompt, (int)n, got);
	assert_memory_equal(got, expect, n);
}

/* ---- Damaged and malformed files are refused, the model left untouched ------ */

/* Loads a modified copy (with the checksum recomputed if reseal) and expects the error. */
static void expect_refused(size_t size, void (*change)(uint8_t *copy), bool reseal, enum ml_status expect)
{
	uint8_t *copy = aligned_alloc(16, (file_size + 64) & ~(size_t)15);
	struct ml_model m, before;

	assert_non_null(copy);
	memcpy(copy, file, file_size);
	change(copy);
	if (reseal)
		mbedtls_sha256(copy, size - ML_CHECKSUM_SIZE, copy + size - ML_CHECKSUM_SIZE, 0);
	memset(&m, 0xa5, sizeof(m));
	before = m;
	enum ml_status s = ml_model_load(&m, copy, size);
	printf("ml: refused: %s\n", ml_status_str(s));
	assert_int_equal(s, expect);
	assert_memory_equal(&m, &before, sizeof(m));
	free(copy);
}

static void no_change(uint8_t *c) { (void)c; }
static void flip_weight_bit(uint8_t *c) { c[ML_HEADER_SIZE + ML_VOCAB_TABLE_SIZE + 4 * 1000 + 1] ^= 0x10; }
static void flip_checksum_bit(uint8_t *c) { c[file_size - 1] ^= 0x01; }
static void flip_vocab_byte(uint8_t *c) { c[ML_HEADER_SIZE + 3] ^= 0x40; }
static void bad_magic(uint8_t *c) { c[0] = 'X'; }
static void version_2(uint8_t *c) { c[8] = 2; }
static void arch_2(uint8_t *c) { c[16] = 2; }
static void hidden_too_big(uint8_t *c) { c[28] = 0; c[29] = 0x10; }	/* 4096 */
static void layers_zero(uint8_t *c) { memset(c + 32, 0, 4); }
static void file_size_plus_4(uint8_t *c) { c[40] += 4; }
static void repeated_vocab_byte(uint8_t *c) { c[ML_HEADER_SIZE + 1] = c[ML_HEADER_SIZE]; }
static void vocab_past_its_size(uint8_t *c) { c[ML_HEADER_SIZE + 255] = 'x'; }
static void weight_nan(uint8_t *c) { memcpy(c + ML_HEADER_SIZE + ML_VOCAB_TABLE_SIZE + 8, "\0\0\xc0\x7f", 4); }
static void weight_inf(uint8_t *c) { memcpy(c + file_size - 36, "\0\0\x80\xff", 4); }

static void damaged_weight_fails_checksum(void **u) { (void)u; expect_refused(file_size, flip_weight_bit, false, ML_ERR_CHECKSUM); }
static void damaged_trailer_fails_checksum(void **u) { (void)u; expect_refused(file_size, flip_checksum_bit, false, ML_ERR_CHECKSUM); }
static void damaged_vocab_fails_checksum(void **u) { (void)u; expect_refused(file_size, flip_vocab_byte, false, ML_ERR_CHECKSUM); }
static void truncated_file(void **u) { (void)u; expect_refused(file_size - 1, no_change, false, ML_ERR_TRUNCATED); }
static void shorter_than_header(void **u) { (void)u; expect_refused(ML_HEADER_SIZE - 1, no_change, false, ML_ERR_TRUNCATED); }
static void longer_than_header_says(void **u) { (void)u; expect_refused(file_size - 4, file_size_plus_4, false, ML_ERR_SIZE); }
static void bad_magic_refused(void **u) { (void)u; expect_refused(file_size, bad_magic, false, ML_ERR_MAGIC); }
static void other_version_refused(void **u) { (void)u; expect_refused(file_size, version_2, false, ML_ERR_VERSION); }
static void other_arch_refused(void **u) { (void)u; expect_refused(file_size, arch_2, false, ML_ERR_ARCH); }
static void hidden_beyond_limit(void **u) { (void)u; expect_refused(file_size, hidden_too_big, false, ML_ERR_DIMS); }
static void zero_layers(void **u) { (void)u; expect_refused(file_size, layers_zero, false, ML_ERR_DIMS); }
static void resealed_repeated_vocab(void **u) { (void)u; expect_refused(file_size, repeated_vocab_byte, true, ML_ERR_VOCAB); }
static void resealed_vocab_past_size(void **u) { (void)u; expect_refused(file_size, vocab_past_its_size, true, ML_ERR_VOCAB); }
static void resealed_nan_weight(void **u) { (void)u; expect_refused(file_size, weight_nan, true, ML_ERR_WEIGHT); }
static void resealed_inf_weight(void **u) { (void)u; expect_refused(file_size, weight_inf, true, ML_ERR_WEIGHT); }

static void unaligned_buffer_refused(void **unused)
{
	struct ml_model m;

	(void)unused;
	assert_int_equal(ml_model_load(&m, file + 1, file_size), ML_ERR_ALIGN);
}

static void unknown_byte_leaves_state(void **unused)
{
	static struct ml_state before;
	const uint8_t good[] = "int ", bad[] = "x\x01y";

	(void)unused;
	assert_int_equal(model.token_of_byte[1], -1);
	ml_state_reset(&state, &model);
	assert_int_equal(ml_feed(&state, good, 4), ML_OK);
	before = state;
	assert_int_equal(ml_feed(&state, bad, 3), ML_ERR_TOKEN);
	assert_memory_equal(&state, &before, sizeof(state));
}

/* ---- Sampling ----------------------------------------------------------------- */

static void generate_from(const char *prompt, float temperature, uint64_t seed, uint8_t *out, size_t n)
{
	struct ml_sampler s;

	ml_state_reset(&state, &model);
	assert_int_equal(ml_feed(&state, (const uint8_t *)prompt, strlen(prompt)), ML_OK);
	assert_int_equal(ml_sampler_init(&s, temperature, seed), ML_OK);
	ml_generate(&state, &s, out, n);
}

static void sampling_repeats_with_its_seed(void **unused)
{
	uint8_t a[200], b[200], c[200];

	(void)unused;
	generate_from("static int ", 1.0f, 42, a, sizeof(a));
	generate_from("static int ", 1.0f, 42, b, sizeof(b));
	generate_from("static int ", 1.0f, 43, c, sizeof(c));
	assert_memory_equal(a, b, sizeof(a));
	assert_memory_not_equal(a, c, sizeof(a));
}

static void low_temperature_is_greedy(void **unused)
{
	uint8_t cold[100], greedy[100];

	(void)unused;
	generate_from("int max(int a, int b)", 1e-4f, 7, cold, sizeof(cold));
	generate_from("int max(int a, int b)", 0.0f, 7, greedy, sizeof(greedy));
	assert_memory_equal(cold, greedy, sizeof(cold));
}

/* At T = 1 each byte is drawn with its softmax probability (fixed logits, 200,000 draws). */
static void sampling_follows_softmax(void **unused)
{
	static unsigned int count[256];
	struct ml_sampler s;
	const unsigned int draws = 200000;
	double sum = 0;

	(void)unused;
	ml_state_reset(&state, &model);
	for (unsigned int t = 0; t < model.vocab; t++)
		state.logits[t] = t < 4 ? (float)t : -30.0f;	/* tokens 0..3: weights 1, e, e^2, e^3 */
	assert_int_equal(ml_sampler_init(&s, 1.0f, 1), ML_OK);
	for (unsigned int i = 0; i < draws; i++)
		count[ml_sample(&state, &s)]++;
	for (unsigned int t = 0; t < 4; t++)
		sum += exp((double)t);
	for (unsigned int t = 0; t < 4; t++) {
		double expect = exp((double)t) / sum, seen = (double)count[model.vocab_byte[t]] / draws;

		assert_true(fabs(seen - expect) < 0.005);
	}
}

static void bad_temperature_refused(void **unused)
{
	struct ml_sampler s = { 0.5f, 99 }, before = s;

	(void)unused;
	assert_int_equal(ml_sampler_init(&s, -0.1f, 1), ML_ERR_ARG);
	assert_int_equal(ml_sampler_init(&s, NAN, 1), ML_ERR_ARG);
	assert_int_equal(ml_sampler_init(&s, INFINITY, 1), ML_ERR_ARG);
	assert_memory_equal(&s, &before, sizeof(s));
}

/* ---- Freestanding math against libm ------------------------------------------ */

static void math_matches_libm(void **unused)
{
	double worst_exp = 0, worst_tanh = 0, worst_sig = 0;

	(void)unused;
	for (float x = -87.0f; x <= 88.0f; x += 0.0137f) {
		double e = exp((double)x);

		worst_exp = fmax(worst_exp, fabs(ml_expf(x) - e) / e);
	}
	for (float x = -12.0f; x <= 12.0f; x += 0.000731f) {
		worst_tanh = fmax(worst_tanh, fabs(ml_tanhf(x) - tanh((double)x)));
		worst_sig = fmax(worst_sig, fabs(ml_sigmoidf(x) - 1.0 / (1.0 + exp(-(double)x))));
	}
	printf("ml: largest error: exp %.2g (relative), tanh %.2g, sigmoid %.2g (absolute)\n",
	       worst_exp, worst_tanh, worst_sig);
	assert_true(worst_exp < 4e-7);
	assert_true(worst_tanh < 2e-7);
	assert_true(worst_sig < 2e-7);
	assert_true(ml_expf(100.0f) == INFINITY && ml_expf(-200.0f) == 0.0f && isnan(ml_expf(NAN)));
}

static const struct CMUnitTest reference_tests[] = {
	cmocka_unit_test(model_dimensions_are_the_files),
	cmocka_unit_test(logits_match_pytorch),
	cmocka_unit_test(greedy_completion_matches_pytorch),
};
static const struct CMUnitTest refusal_tests[] = {
	cmocka_unit_test(damaged_weight_fails_checksum),
	cmocka_unit_test(damaged_trailer_fails_checksum),
	cmocka_unit_test(damaged_vocab_fails_checksum),
	cmocka_unit_test(truncated_file),
	cmocka_unit_test(shorter_than_header),
	cmocka_unit_test(longer_than_header_says),
	cmocka_unit_test(bad_magic_refused),
	cmocka_unit_test(other_version_refused),
	cmocka_unit_test(other_arch_refused),
	cmocka_unit_test(hidden_beyond_limit),
	cmocka_unit_test(zero_layers),
	cmocka_unit_test(resealed_repeated_vocab),
	cmocka_unit_test(resealed_vocab_past_size),
	cmocka_unit_test(resealed_nan_weight),
	cmocka_unit_test(resealed_inf_weight),
	cmocka_unit_test(unaligned_buffer_refused),
	cmocka_unit_test(unknown_byte_leaves_state),
};
static const struct CMUnitTest sampling_tests[] = {
	cmocka_unit_test(sampling_repeats_with_its_seed),
	cmocka_unit_test(low_temperature_is_greedy),
	cmocka_unit_test(sampling_follows_softmax),
	cmocka_unit_test(bad_temperature_refused),
	cmocka_unit_test(math_matches_libm),
};
TEST_GROUP(ml_reference, reference_tests, NULL);
TEST_GROUP(ml_refusal, refusal_tests, NULL);
TEST_GROUP(ml_sampling, sampling_tests, NULL);

int main(int argc, char **argv)
{
	static const struct test_group *const groups[] = { &ml_reference, &ml_refusal, &ml_sampling };

	if (argc != 3) {
		fprintf(stderr, "usage: ml-tests MODEL.atml REFERENCE.txt\n");
		return 2;
	}
	model_path = argv[1];
	reference_path = argv[2];
	if (!load_reference_model()) {
		printf("ml: 0 passed, 1 failed\n");
		return 1;
	}
	return test_groups_run("ml", groups, sizeof(groups) / sizeof(groups[0]));
}
