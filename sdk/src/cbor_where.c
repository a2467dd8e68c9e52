/* The first ill-formed byte of a token (see cbor_where.h). */
#include "cbor_where.h"

#include <stdbool.h>

#include "verify/cbor_dec.h"

#define CCA_TOKEN_TAG		399U
#define CCA_PLATFORM_TOKEN	44234U
#define CCA_REALM_TOKEN		44241U

/* How a byte string's contents are read: not at all, as one item, as a COSE_Sign1. */
enum role { R_OPAQUE, R_ITEM, R_SIGN1, R_TOP };

struct where {
	const uint8_t *base;
	long bad;
};

static bool walk(struct where *w, struct cbor_dec *d, enum role role, unsigned int depth);

/* One whole item in [p, p + len) and nothing after it. */
static bool walk_buffer(struct where *w, const uint8_t *p, size_t len, enum role role)
{
	struct cbor_dec d;

	cbor_dec_init(&d, p, len);
	if (!walk(w, &d, role, 0))
		return false;
	if (d.p != d.end) {
		w->bad = (long)(d.p - w->base);
		return false;
	}
	return true;
}

static bool bad_at(struct where *w, const uint8_t *p)
{
	w->bad = (long)(p - w->base);
	return false;
}

/* The role of element i of an array, or of a map value after key. */
static enum role child_role(enum role parent, bool in_map, uint64_t index, int64_t key)
{
	if (parent == R_TOP && in_map && (key == CCA_PLATFORM_TOKEN || key == CCA_REALM_TOKEN))
		return R_SIGN1;
	if (parent == R_SIGN1 && !in_map && (index == 0U || index == 2U))
		return R_ITEM;
	return R_OPAQUE;
}

static bool walk(struct where *w, struct cbor_dec *d, enum role role, unsigned int depth)
{
	const uint8_t *start = d->p, *s;
	uint64_t n, u;
	int64_t key = -1;
	size_t len;

	if (d->p == d->end || depth == CBOR_DEC_MAX_DEPTH)
		return bad_at(w, start);
	switch (*d->p >> 5) {
	case 0:
		return cbor_get_uint(d, &u) || bad_at(w, start);
	case 1:
		return cbor_get_int(d, &key) || bad_at(w, start);
	case 2:
		if (!cbor_get_bstr(d, &s, &len))
			return bad_at(w, start);
		return role == R_OPAQUE || walk_buffer(w, s, len, role);
	case 3:
		return cbor_get_tstr(d, (const char **)&s, &len) || bad_at(w, start);
	case 4:
		if (!cbor_get_array(d, &n))
			return bad_at(w, start);
		for (uint64_t i = 0; i < n; i++) {
			if (!walk(w, d, child_role(role, false, i, 0), depth + 1U))
				return false;
		}
		return true;
	case 5:
		if (!cbor_get_map(d, &n))
			return bad_at(w, start);
		for (uint64_t i = 0; i < n; i++) {
			const uint8_t *k = d->p;

			key = -1;
			if (d->p != d->end && (*d->p >> 5) <= 1U) {
				if (!cbor_get_int(d, &key))
					return bad_at(w, k);
			} else if (!walk(w, d, R_OPAQUE, depth + 1U)) {
				return false;
			}
			if (!walk(w, d, child_role(role, true, i, key), depth + 1U))
				return false;
		}
		return true;
	case 6:
		if (!cbor_get_tag(d, &u))
			return bad_at(w, start);
		/* The tags of a CCA token keep the role of what they wrap. */
		return walk(w, d, role, depth + 1U);
	default:
		return bad_at(w, start);	/* floats and simple values */
	}
}

long cbor_first_bad_byte(const uint8_t *token, size_t len)
{
	struct where w = { token, -1 };

	(void)walk_buffer(&w, token, len, R_TOP);
	return w.bad;
}
