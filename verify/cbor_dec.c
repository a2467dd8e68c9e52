/* Strict CBOR decoder (see cbor_dec.h). */
#include "cbor_dec.h"

#include <string.h>

enum { M_UINT, M_NINT, M_BSTR, M_TSTR, M_ARRAY, M_MAP, M_TAG, M_SIMPLE };

void cbor_dec_init(struct cbor_dec *d, const void *buf, size_t len)
{
	d->p = buf;
	d->end = d->p + len;
	d->error = false;
}

bool cbor_dec_done(const struct cbor_dec *d)
{
	return !d->error && d->p == d->end;
}

static bool fail(struct cbor_dec *d)
{
	d->error = true;
	return false;
}

/*
 * Reads a head of any major type: its argument must be definite and as
 * short as it can be (a 1-byte argument below 24 is not strict, nor a
 * 2-byte one below 256, and so on).
 */
static bool read_head(struct cbor_dec *d, unsigned int *major, uint64_t *arg)
{
	unsigned int info, n;
	uint64_t v = 0;

	if (d->error || d->p == d->end)
		return fail(d);
	*major = *d->p >> 5;
	info = *d->p++ & 0x1FU;
	if (info < 24U) {
		*arg = info;
		return true;
	}
	if (info > 27U)
		return fail(d);	/* reserved, or indefinite length */
	n = 1U << (info - 24U);
	if ((size_t)(d->end - d->p) < n)
		return fail(d);
	for (unsigned int i = 0; i < n; i++)
		v = v << 8 | *d->p++;
	if (v < (n == 1U ? 24U : 1ULL << (4U * n)))
		return fail(d);
	*arg = v;
	return true;
}

/* A head of the expected major type. */
static bool expect(struct cbor_dec *d, unsigned int want, uint64_t *arg)
{
	unsigned int major;

	if (!read_head(d, &major, arg))
		return false;
	return major == want ? true : fail(d);
}

static bool get_string(struct cbor_dec *d, unsigned int major, const uint8_t **s, size_t *len)
{
	uint64_t n;

	if (!expect(d, major, &n))
		return false;
	if (n > (uint64_t)(d->end - d->p))
		return fail(d);
	*s = d->p;
	*len = (size_t)n;
	d->p += n;
	return true;
}

bool cbor_get_uint(struct cbor_dec *d, uint64_t *v)
{
	return expect(d, M_UINT, v);
}

bool cbor_get_int(struct cbor_dec *d, int64_t *v)
{
	unsigned int major;
	uint64_t arg;

	if (!read_head(d, &major, &arg))
		return false;
	if ((major != M_UINT && major != M_NINT) || arg > (uint64_t)INT64_MAX)
		return fail(d);
	/* Major type 1 holds -1 - value. */
	*v = major == M_UINT ? (int64_t)arg : -1 - (int64_t)arg;
	return true;
}

bool cbor_get_bstr(struct cbor_dec *d, const uint8_t **s, size_t *len)
{
	return get_string(d, M_BSTR, s, len);
}

bool cbor_get_tstr(struct cbor_dec *d, const char **s, size_t *len)
{
	const uint8_t *u;

	if (!get_string(d, M_TSTR, &u, len))
		return false;
	*s = (const char *)u;
	return true;
}

bool cbor_get_array(struct cbor_dec *d, uint64_t *count)
{
	return expect(d, M_ARRAY, count);
}

bool cbor_get_map(struct cbor_dec *d, uint64_t *count)
{
	return expect(d, M_MAP, count);
}

bool cbor_get_tag(struct cbor_dec *d, uint64_t *tag)
{
	return expect(d, M_TAG, tag);
}

bool cbor_get_tstr_eq(struct cbor_dec *d, const char *want)
{
	const char *s;
	size_t len;

	if (!cbor_get_tstr(d, &s, &len))
		return false;
	return len == strlen(want) && memcmp(s, want, len) == 0 ? true : fail(d);
}

static bool skip_depth(struct cbor_dec *d, unsigned int depth)
{
	unsigned int major;
	uint64_t n;

	if (depth == CBOR_DEC_MAX_DEPTH || !read_head(d, &major, &n))
		return fail(d);
	switch (major) {
	case M_UINT:
	case M_NINT:
		return true;
	case M_BSTR:
	case M_TSTR:
		if (n > (uint64_t)(d->end - d->p))
			return fail(d);
		d->p += n;
		return true;
	case M_TAG:
		return skip_depth(d, depth + 1U);
	case M_ARRAY:
	case M_MAP:
		if (major == M_MAP && n > UINT64_MAX / 2U)
			return fail(d);
		n *= major == M_MAP ? 2U : 1U;
		/* Every item takes a byte at least: a larger count cannot be complete. */
		if (n > (uint64_t)(d->end - d->p))
			return fail(d);
		for (uint64_t i = 0; i < n; i++) {
			if (!skip_depth(d, depth + 1U))
				return false;
		}
		return true;
	default:
		return fail(d);	/* floats and simple values have no place in a token */
	}
}

bool cbor_skip(struct cbor_dec *d)
{
	return skip_depth(d, 0);
}
