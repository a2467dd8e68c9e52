/* The GRU step and sampling (ml_infer.h); the same equations as torch.nn.GRU. */
#include "ml_infer.h"

#include <string.h>

#include "ml_math.h"

/* out[r] = b[r] + sum_c w[r][c] * x[c] */
static void matvec(float *out, const float *w, const float *b, const float *x, uint32_t rows, uint32_t cols)
{
	for (uint32_t r = 0; r < rows; r++) {
		const float *row = w + (size_t)r * cols;
		float acc = b[r];

		for (uint32_t c = 0; c < cols; c++)
			acc += row[c] * x[c];
		out[r] = acc;
	}
}

/*
 * r = sig(gi_r + gh_r), z = sig(gi_z + gh_z), n = tanh(gi_n + r * gh_n),
 * h' = (1 - z) * n + z * h, with gi = W_ih x + b_ih and gh = W_hh h + b_hh.
 */
static void gru_step(struct ml_state *st, const struct ml_gru_layer *g, const float *x, float *h)
{
	uint32_t n = st->model->hidden;

	matvec(st->gi, g->w_ih, g->b_ih, x, 3 * n, g->in);
	matvec(st->gh, g->w_hh, g->b_hh, h, 3 * n, n);
	for (uint32_t i = 0; i < n; i++) {
		float r = ml_sigmoidf(st->gi[i] + st->gh[i]);
		float z = ml_sigmoidf(st->gi[n + i] + st->gh[n + i]);
		float c = ml_tanhf(st->gi[2 * n + i] + r * st->gh[2 * n + i]);

		h[i] = (1.0f - z) * c + z * h[i];
	}
}

static void step(struct ml_state *st, unsigned int token)
{
	const struct ml_model *m = st->model;
	const float *x = m->embedding + (size_t)token * m->embed;

	for (uint32_t l = 0; l < m->layers; l++) {
		gru_step(st, &m->layer[l], x, st->h[l]);
		x = st->h[l];
	}
	matvec(st->logits, m->head_w, m->head_b, x, m->vocab, m->hidden);
}

void ml_state_reset(struct ml_state *st, const struct ml_model *model)
{
	memset(st, 0, sizeof(*st));
	st->model = model;
}

enum ml_status ml_feed(struct ml_state *st, const uint8_t *bytes, size_t len)
{
	/* All bytes are checked first, so a bad prompt leaves the state as it was. */
	for (size_t i = 0; i < len; i++)
		if (st->model->token_of_byte[bytes[i]] < 0)
			return ML_ERR_TOKEN;
	for (size_t i = 0; i < len; i++)
		step(st, (unsigned int)st->model->token_of_byte[bytes[i]]);
	return ML_OK;
}

enum ml_status ml_sampler_init(struct ml_sampler *s, float temperature, uint64_t seed)
{
	if (!(temperature >= 0.0f && temperature <= 100.0f))
		return ML_ERR_ARG;
	s->temperature = temperature;
	/* splitmix64 of the seed: any seed, 0 included, gives a non-zero state */
	uint64_t z = seed + 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	z ^= z >> 31;
	s->rng = z ? z : 1;
	return ML_OK;
}

/* Uniform in [0, 1) from 24 random bits (xorshift64*). */
static float uniform(struct ml_sampler *s)
{
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return (float)((s->rng * 0x2545f4914f6cdd1dull) >> 40) * (1.0f / 16777216.0f);
}

static unsigned int argmax(const float *v, uint32_t n)
{
	unsigned int best = 0;

	for (uint32_t i = 1; i < n; i++)
		if (v[i] > v[best])
			best = i;
	return best;
}

uint8_t ml_sample(struct ml_state *st, struct ml_sampler *s)
{
	const struct ml_model *m = st->model;
	unsigned int best = argmax(st->logits, m->vocab);

	if (s->temperature == 0.0f)
		return m->vocab_byte[best];
	/* softmax(logits / T), shifted by the maximum so that exp cannot overflow */
	float sum = 0.0f;
	for (uint32_t i = 0; i < m->vocab; i++) {
		st->probs[i] = ml_expf((st->logits[i] - st->logits[best]) / s->temperature);
		sum += st->probs[i];
	}
	float u = uniform(s) * sum;
	for (uint32_t i = 0; i < m->vocab; i++) {
		if (u < st->probs[i])
			return m->vocab_byte[i];
		u -= st->probs[i];
	}
	return m->vocab_byte[best];	/* rounding left u just above the last probability */
}

void ml_generate(struct ml_state *st, struct ml_sampler *s, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		out[i] = ml_sample(st, s);
		step(st, (unsigned int)st->model->token_of_byte[out[i]]);
	}
}
