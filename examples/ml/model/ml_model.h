/*
 * Atoll's character-level model of C code: the weights file (format in
 * docs/demo-ml.md, written by examples/ml/train.py) and its checked view.
 * Freestanding C11: links into a realm payload as well as a host test.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define ML_MAGIC		"ATOLLCLM"
#define ML_FORMAT_VERSION	1u
#define ML_HEADER_SIZE		64u
#define ML_VOCAB_TABLE_SIZE	256u
#define ML_CHECKSUM_SIZE	32u
#define ML_ARCH_GRU		1u

/* Limits of this implementation (the state is fixed-size, no allocator). */
#define ML_MAX_LAYERS		3u
#define ML_MAX_EMBED		256u
#define ML_MAX_HIDDEN		512u
#define ML_MAX_VOCAB		256u

enum ml_status {
	ML_OK = 0,
	ML_ERR_TRUNCATED,	/* shorter than the header, or than the header's file size */
	ML_ERR_MAGIC,		/* not a weights file */
	ML_ERR_VERSION,		/* format version or header size this code does not read */
	ML_ERR_ARCH,		/* not a GRU model */
	ML_ERR_DIMS,		/* a dimension is zero or above this implementation's limit */
	ML_ERR_SIZE,		/* file size is not what the dimensions give */
	ML_ERR_CHECKSUM,	/* SHA-256 trailer does not match: damaged file */
	ML_ERR_VOCAB,		/* vocabulary table repeats a byte or has bytes past its size */
	ML_ERR_WEIGHT,		/* a weight is NaN or infinite */
	ML_ERR_ALIGN,		/* buffer not 4-byte aligned */
	ML_ERR_TOKEN,		/* a prompt byte outside the vocabulary */
	ML_ERR_ARG,		/* bad argument (e.g. temperature) */
};

/* One line saying what is wrong, for error messages. */
const char *ml_status_str(enum ml_status status);

struct ml_gru_layer {
	const float *w_ih;	/* [3H][in]: gates r, z, n (PyTorch's order) */
	const float *w_hh;	/* [3H][H] */
	const float *b_ih;	/* [3H] */
	const float *b_hh;	/* [3H] */
	uint32_t in;		/* E for layer 0, H above */
};

/* A loaded model: pointers into the caller's buffer, which must outlive it. */
struct ml_model {
	uint32_t vocab;		/* V */
	uint32_t embed;		/* E */
	uint32_t hidden;	/* H */
	uint32_t layers;	/* L */
	uint8_t vocab_byte[ML_MAX_VOCAB];	/* token -> byte */
	int16_t token_of_byte[256];		/* byte -> token, -1 if none */
	const float *embedding;			/* [V][E] */
	struct ml_gru_layer layer[ML_MAX_LAYERS];
	const float *head_w;			/* [V][H] */
	const float *head_b;			/* [V] */
};

/*
 * Checks the file (header, dimensions, size, SHA-256 trailer, vocabulary,
 * finite weights) and fills *model; on any error *model is left untouched.
 */
enum ml_status ml_model_load(struct ml_model *model, const void *file, size_t size);

/* Number of parameters (for reports). */
size_t ml_model_params(const struct ml_model *model);
