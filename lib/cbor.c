/* Strict CBOR encoder (see cbor.h). */
#include <lib/cbor.h>

#include <string.h>

#define MAJOR_UINT	0U
#define MAJOR_NINT	1U
#define MAJOR_BSTR	2U
#define MAJOR_TSTR	3U
#define MAJOR_ARRAY	4U
#define MAJOR_MAP	5U
#define MAJOR_TAG	6U

/* Additional-information values that announce a 1, 2, 4 or 8-byte argument. */
#define AI_1BYTE	24U

void cbor_enc_init(struct cbor_enc *e, uint8_t *buf, size_t size)
{
	memset(e, 0, sizeof(*e));
	e->buf = buf;
	e->size = size;
}

void cbor_enc_init_count(struct cbor_enc *e)
{
	cbor_enc_init(e, NULL, SIZE_MAX);
}

size_t cbor_enc_finish(const struct cbor_enc *e)
{
	if (e->error || e->depth != 0U || e->tagged || e->raw_left != 0U)
		return 0;
	return e->len;
}

size_t cbor_enc_len(const struct cbor_enc *e)
{
	return e->error ? 0 : e->len;
}

static void put_bytes(struct cbor_enc *e, const void *data, size_t len)
{
	if (e->error)
		return;
	if (len > e->size - e->len) {
		e->error = true;
		return;
	}
	if (e->buf != NULL && len != 0U)
		memcpy(e->buf + e->len, data, len);
	e->len += len;
}

/*
 * Accounts for one complete item in the innermost open container. When that
 * completes the container, it is closed and counts as one item of its
 * parent, and so on outwards.
 */
static void item_done(struct cbor_enc *e)
{
	e->tagged = false;
	while (e->depth > 0U && --e->left[e->depth - 1U] == 0U)
		e->depth--;
}

/* Writes a head: major type plus argument, in the shortest form. */
static void put_head(struct cbor_enc *e, unsigned int major, uint64_t arg)
{
	uint8_t head[9];
	size_t n = 0;
	unsigned int extra;

	/* A byte string's content must come before anything else. */
	if (e->raw_left != 0U)
		e->error = true;
	if (arg < AI_1BYTE) {
		head[n++] = (uint8_t)(major << 5 | arg);
		put_bytes(e, head, n);
		return;
	}
	extra = arg <= 0xFFU ? 0U : arg <= 0xFFFFU ? 1U : arg <= 0xFFFFFFFFU ? 2U : 3U;
	head[n++] = (uint8_t)(major << 5 | (AI_1BYTE + extra));
	/* Big-endian argument of 1 << extra bytes. */
	for (int shift = (8 << extra) - 8; shift >= 0; shift -= 8)
		head[n++] = (uint8_t)(arg >> shift);
	put_bytes(e, head, n);
}

void cbor_put_uint(struct cbor_enc *e, uint64_t v)
{
	put_head(e, MAJOR_UINT, v);
	item_done(e);
}

void cbor_put_int(struct cbor_enc *e, int64_t v)
{
	if (v >= 0) {
		cbor_put_uint(e, (uint64_t)v);
		return;
	}
	/* Major type 1 carries -1 - v, which fits a uint64_t even for INT64_MIN. */
	put_head(e, MAJOR_NINT, (uint64_t)(-(v + 1)));
	item_done(e);
}

void cbor_put_bstr(struct cbor_enc *e, const void *data, size_t len)
{
	cbor_put_bstr_head(e, len);
	cbor_put_raw(e, data, len);
}

void cbor_put_tstr(struct cbor_enc *e, const char *s)
{
	cbor_put_tstr_len(e, s, strlen(s));
}

void cbor_put_tstr_len(struct cbor_enc *e, const char *s, size_t len)
{
	put_head(e, MAJOR_TSTR, len);
	put_bytes(e, s, len);
	item_done(e);
}

void cbor_put_bstr_head(struct cbor_enc *e, size_t len)
{
	put_head(e, MAJOR_BSTR, len);
	item_done(e);
	e->raw_left = len;
}

void cbor_put_raw(struct cbor_enc *e, const void *data, size_t len)
{
	if (len > e->raw_left) {
		e->error = true;
		return;
	}
	e->raw_left -= len;
	put_bytes(e, data, len);
}

void cbor_put_bstr_begin(struct cbor_enc *e, struct cbor_enc *inner, size_t len)
{
	cbor_put_bstr_head(e, len);
	if (e->error || len > e->size - e->len) {
		e->error = true;
		/* Nothing of it can land anywhere; let inner count, e has failed anyway. */
		cbor_enc_init(inner, NULL, len);
		return;
	}
	cbor_enc_init(inner, e->buf != NULL ? e->buf + e->len : NULL, len);
}

void cbor_put_bstr_end(struct cbor_enc *e, const struct cbor_enc *inner)
{
	size_t len = cbor_enc_finish(inner);

	if (e->error || len == 0U || len != e->raw_left) {
		e->error = true;
		return;
	}
	/* The content is already in place. */
	e->raw_left = 0;
	e->len += len;
}

/* Opens a container of n items; an empty one is complete at once. */
static void open_container(struct cbor_enc *e, unsigned int major, uint64_t count, uint64_t n)
{
	put_head(e, major, count);
	if (n == 0U) {
		item_done(e);
		return;
	}
	if (e->depth == CBOR_ENC_MAX_DEPTH) {
		e->error = true;
		return;
	}
	/* The container counts as an item of its parent when it closes. */
	e->tagged = false;
	e->left[e->depth++] = n;
}

void cbor_put_array(struct cbor_enc *e, uint64_t count)
{
	open_container(e, MAJOR_ARRAY, count, count);
}

void cbor_put_map(struct cbor_enc *e, uint64_t count)
{
	/* A count this large could never be completed; keep 2 * count from wrapping. */
	if (count > UINT64_MAX / 2U) {
		e->error = true;
		return;
	}
	open_container(e, MAJOR_MAP, count, 2U * count);
}

void cbor_put_tag(struct cbor_enc *e, uint64_t tag)
{
	put_head(e, MAJOR_TAG, tag);
	e->tagged = true;
}
