/* Reading and checking a weights file (ml_model.h; format in docs/demo-ml.md). */
#include "ml_model.h"

#include <stdbool.h>
#include <string.h>

#include <mbedtls/sha256.h>

/* The file's floats are little-endian and read in place. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "weights are read as native floats");
_Static_assert(sizeof(float) == 4, "weights are IEEE-754 binary32");

/* Header fields (little-endian), by offset. */
#define OFF_VERSION	8
#define OFF_HDR_SIZE	12
#define OFF_ARCH	16
#define OFF_VOCAB	20
#define OFF_EMBED	24
#define OFF_HIDDEN	28
#define OFF_LAYERS	32
#define OFF_FILE_SIZE	40

const char *ml_status_str(enum ml_status status)
{
	switch (status) {
	case ML_OK: return "ok";
	case ML_ERR_TRUNCATED: return "weights file is truncated";
	case ML_ERR_MAGIC: return "not an Atoll weights file (bad magic)";
	case ML_ERR_VERSION: return "unsupported weights format version or header size";
	case ML_ERR_ARCH: return "unsupported model architecture (only GRU)";
	case ML_ERR_DIMS: return "model dimensions are zero or beyond this implementation's limits";
	case ML_ERR_SIZE: return "weights file size does not match its dimensions";
	case ML_ERR_CHECKSUM: return "weights file checksum (SHA-256) mismatch: the file is damaged";
	case ML_ERR_VOCAB: return "vocabulary table is invalid (repeated byte or data past its size)";
	case ML_ERR_WEIGHT: return "a weight is NaN or infinite";
	case ML_ERR_ALIGN: return "weights buffer is not 4-byte aligned";
	case ML_ERR_TOKEN: return "input byte is not in the model's vocabulary";
	case ML_ERR_ARG: return "invalid argument";
	}
	return "unknown error";
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Floats in the file, per the tensor order of docs/demo-ml.md. */
static uint64_t weight_count(uint64_t v, uint64_t e, uint64_t h, uint64_t layers)
{
	uint64_t n = v * e + v * h + v;

	for (uint64_t l = 0; l < layers; l++)
		n += 3 * h * (l == 0 ? e : h) + 3 * h * h + 6 * h;
	return n;
}

static enum ml_status check_header(const uint8_t *p, size_t size, struct ml_model *m)
{
	if (size < ML_HEADER_SIZE)
		return ML_ERR_TRUNCATED;
	if (memcmp(p, ML_MAGIC, 8) != 0)
		return ML_ERR_MAGIC;
	if (le32(p + OFF_VERSION) != ML_FORMAT_VERSION || le32(p + OFF_HDR_SIZE) != ML_HEADER_SIZE)
		return ML_ERR_VERSION;
	if (le32(p + OFF_ARCH) != ML_ARCH_GRU)
		return ML_ERR_ARCH;
	m->vocab = le32(p + OFF_VOCAB);
	m->embed = le32(p + OFF_EMBED);
	m->hidden = le32(p + OFF_HIDDEN);
	m->layers = le32(p + OFF_LAYERS);
	if (m->vocab == 0 || m->vocab > ML_MAX_VOCAB || m->embed == 0 || m->embed > ML_MAX_EMBED ||
	    m->hidden == 0 || m->hidden > ML_MAX_HIDDEN || m->layers == 0 || m->layers > ML_MAX_LAYERS)
		return ML_ERR_DIMS;
	uint64_t file_size = le64(p + OFF_FILE_SIZE);
	uint64_t expect = ML_HEADER_SIZE + ML_VOCAB_TABLE_SIZE + ML_CHECKSUM_SIZE +
		4 * weight_count(m->vocab, m->embed, m->hidden, m->layers);
	if (file_size != expect)
		return ML_ERR_SIZE;
	if (size < file_size)
		return ML_ERR_TRUNCATED;
	if (size > file_size)
		return ML_ERR_SIZE;
	return ML_OK;
}

static enum ml_status check_checksum(const uint8_t *p, size_t size)
{
	uint8_t digest[32];

	if (mbedtls_sha256(p, size - ML_CHECKSUM_SIZE, digest, 0) != 0)
		return ML_ERR_CHECKSUM;
	return memcmp(digest, p + size - ML_CHECKSUM_SIZE, sizeof(digest)) == 0 ? ML_OK : ML_ERR_CHECKSUM;
}

static enum ml_status read_vocab(const uint8_t *table, struct ml_model *m)
{
	for (unsigned int b = 0; b < 256; b++)
		m->token_of_byte[b] = -1;
	for (unsigned int t = 0; t < ML_VOCAB_TABLE_SIZE; t++) {
		if (t >= m->vocab) {
			if (table[t] != 0)
				return ML_ERR_VOCAB;
			continue;
		}
		if (m->token_of_byte[table[t]] >= 0)
			return ML_ERR_VOCAB;
		m->token_of_byte[table[t]] = (int16_t)t;
		m->vocab_byte[t] = table[t];
	}
	return ML_OK;
}

static bool all_finite(const float *w, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		uint32_t bits;

		memcpy(&bits, &w[i], sizeof(bits));
		if ((bits & 0x7f800000u) == 0x7f800000u)
			return false;
	}
	return true;
}

/* Points the model's tensors into the file, in the file's order. */
static void map_tensors(const float *w, struct ml_model *m)
{
	uint32_t h = m->hidden;

	m->embedding = w;
	w += (size_t)m->vocab * m->embed;
	for (uint32_t l = 0; l < m->layers; l++) {
		struct ml_gru_layer *g = &m->layer[l];

		g->in = l == 0 ? m->embed : h;
		g->w_ih = w;
		w += (size_t)3 * h * g->in;
		g->w_hh = w;
		w += (size_t)3 * h * h;
		g->b_ih = w;
		w += 3 * h;
		g->b_hh = w;
		w += 3 * h;
	}
	m->head_w = w;
	w += (size_t)m->vocab * h;
	m->head_b = w;
}

enum ml_status ml_model_load(struct ml_model *model, const void *file, size_t size)
{
	const uint8_t *p = file;
	struct ml_model m;
	enum ml_status s;

	if (((uintptr_t)file & 3) != 0)
		return ML_ERR_ALIGN;
	memset(&m, 0, sizeof(m));
	s = check_header(p, size, &m);
	if (s == ML_OK)
		s = check_checksum(p, size);
	if (s == ML_OK)
		s = read_vocab(p + ML_HEADER_SIZE, &m);
	if (s != ML_OK)
		return s;
	const float *weights = (const float *)(const void *)(p + ML_HEADER_SIZE + ML_VOCAB_TABLE_SIZE);
	if (!all_finite(weights, weight_count(m.vocab, m.embed, m.hidden, m.layers)))
		return ML_ERR_WEIGHT;
	map_tensors(weights, &m);
	*model = m;
	return ML_OK;
}

size_t ml_model_params(const struct ml_model *model)
{
	return (size_t)weight_count(model->vocab, model->embed, model->hidden, model->layers);
}
