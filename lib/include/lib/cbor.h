/*
 * A small strict CBOR (RFC 8949) encoder for freestanding code. It writes
 * definite lengths only, with every head in its shortest form (RFC 8949
 * 4.2.1, deterministic encoding), into a buffer the caller owns. It tracks
 * open arrays and maps, so a container given the wrong item count is an
 * error rather than a malformed token.
 *
 * Errors are sticky: after the first one nothing more is written, and
 * cbor_enc_finish() reports it, so a caller encodes a whole structure and
 * checks once. An encoder started with cbor_enc_init_count() stores
 * nothing and only measures, for sizing a byte string before its content.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CBOR_ENC_MAX_DEPTH	8U

struct cbor_enc {
	uint8_t *buf;		/* NULL when only counting */
	size_t size;
	size_t len;		/* bytes written (or counted) so far */
	bool error;		/* overflow, too deep, or a broken structure */
	bool tagged;		/* a tag still waits for its item */
	size_t raw_left;	/* content bytes a byte-string head still waits for */
	unsigned int depth;	/* open containers */
	uint64_t left[CBOR_ENC_MAX_DEPTH];	/* items each open container still needs */
};

void cbor_enc_init(struct cbor_enc *e, uint8_t *buf, size_t size);
void cbor_enc_init_count(struct cbor_enc *e);

/* Bytes written, or 0 if there was an error or anything is left incomplete. */
size_t cbor_enc_finish(const struct cbor_enc *e);

/*
 * Bytes written so far, or 0 after an error: for a prefix whose rest is
 * produced elsewhere (for example, hashed straight from another buffer).
 */
size_t cbor_enc_len(const struct cbor_enc *e);

/* Major types 0 and 1: cbor_put_int() picks one by the sign. */
void cbor_put_uint(struct cbor_enc *e, uint64_t v);
void cbor_put_int(struct cbor_enc *e, int64_t v);

/* Byte and text strings (text is NUL-terminated, taken as UTF-8). */
void cbor_put_bstr(struct cbor_enc *e, const void *data, size_t len);
void cbor_put_tstr(struct cbor_enc *e, const char *s);
/* A text string of len bytes that need not be NUL-terminated. */
void cbor_put_tstr_len(struct cbor_enc *e, const char *s, size_t len);

/*
 * A byte string whose len bytes of content the caller supplies next, with
 * one or more cbor_put_raw() (for example, CBOR encoded separately and
 * wrapped). Anything else before the content is complete is an error.
 */
void cbor_put_bstr_head(struct cbor_enc *e, size_t len);
void cbor_put_raw(struct cbor_enc *e, const void *data, size_t len);

/*
 * CBOR wrapped in a byte string, encoded in place: cbor_put_bstr_begin()
 * writes the head of a len-byte string and points inner at its content;
 * once inner has encoded it, cbor_put_bstr_end() checks that inner is
 * complete and exactly len bytes, and moves e past it. (A counting e gives
 * a counting inner.)
 */
void cbor_put_bstr_begin(struct cbor_enc *e, struct cbor_enc *inner, size_t len);
void cbor_put_bstr_end(struct cbor_enc *e, const struct cbor_enc *inner);

/*
 * Containers: the next count items (2 * count for a map: key, value, ...)
 * belong to it. A tag applies to the item that follows it.
 */
void cbor_put_array(struct cbor_enc *e, uint64_t count);
void cbor_put_map(struct cbor_enc *e, uint64_t count);
void cbor_put_tag(struct cbor_enc *e, uint64_t tag);
