/*
 * A small strict CBOR (RFC 8949) decoder for the token verifier, written
 * apart from the RMM's encoder (lib/cbor.c) so that the two check each
 * other. It accepts only what a deterministic encoder produces: definite
 * lengths, heads in their shortest form, and major types 0 to 6 (no
 * floats or simple values). Plain C with no dependencies, so it also
 * builds into the host unit tests.
 *
 * Each cbor_get_*() reads one item of its type at the cursor. On any
 * mismatch, truncation or non-strict encoding it returns false and marks
 * the decoder failed; later calls then fail too, so a caller may check
 * only at the end (cbor_dec_done()).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How deep cbor_skip() follows nested arrays, maps and tags. */
#define CBOR_DEC_MAX_DEPTH	16U

struct cbor_dec {
	const uint8_t *p;
	const uint8_t *end;
	bool error;
};

void cbor_dec_init(struct cbor_dec *d, const void *buf, size_t len);

/* True when every byte was consumed without an error. */
bool cbor_dec_done(const struct cbor_dec *d);

bool cbor_get_uint(struct cbor_dec *d, uint64_t *v);
/* Major type 0 or 1, as long as it fits an int64_t. */
bool cbor_get_int(struct cbor_dec *d, int64_t *v);
/* Strings point into the buffer; text is not NUL-terminated. */
bool cbor_get_bstr(struct cbor_dec *d, const uint8_t **s, size_t *len);
bool cbor_get_tstr(struct cbor_dec *d, const char **s, size_t *len);
/* Container heads: the count of items (of pairs, for a map) that follow. */
bool cbor_get_array(struct cbor_dec *d, uint64_t *count);
bool cbor_get_map(struct cbor_dec *d, uint64_t *count);
bool cbor_get_tag(struct cbor_dec *d, uint64_t *tag);

/* A text string equal to want (NUL-terminated). */
bool cbor_get_tstr_eq(struct cbor_dec *d, const char *want);

/* Steps over one whole item, whatever its type. */
bool cbor_skip(struct cbor_dec *d);
