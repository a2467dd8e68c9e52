/*
 * Running the model: one character at a time through the GRU stack, then
 * the next character's logits; greedy or temperature sampling with a fixed
 * seed. Fixed-size state, no allocation: fits a realm payload's bss.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ml_model.h"

struct ml_state {
	const struct ml_model *model;
	float h[ML_MAX_LAYERS][ML_MAX_HIDDEN];	/* each layer's hidden state */
	float logits[ML_MAX_VOCAB];		/* of the next character */
	float gi[3 * ML_MAX_HIDDEN];		/* scratch: input and hidden gate sums */
	float gh[3 * ML_MAX_HIDDEN];
	float probs[ML_MAX_VOCAB];		/* scratch for sampling */
};

/* Zero hidden state; logits of the empty context are not defined until a byte is fed. */
void ml_state_reset(struct ml_state *st, const struct ml_model *model);

/* Feeds bytes; ML_ERR_TOKEN, with the state unchanged, if any byte is outside the vocabulary. */
enum ml_status ml_feed(struct ml_state *st, const uint8_t *bytes, size_t len);

/* Sampler: temperature 0 is greedy (argmax, lowest token on ties); above 0 samples with seed. */
struct ml_sampler {
	float temperature;
	uint64_t rng;		/* xorshift64* state, never 0 */
};

/* ML_ERR_ARG for a negative, NaN or huge temperature. */
enum ml_status ml_sampler_init(struct ml_sampler *s, float temperature, uint64_t seed);

/* Picks the next byte from st->logits. */
uint8_t ml_sample(struct ml_state *st, struct ml_sampler *s);

/* Samples n bytes into out, feeding each back; the state must have been fed a prompt. */
void ml_generate(struct ml_state *st, struct ml_sampler *s, uint8_t *out, size_t n);
