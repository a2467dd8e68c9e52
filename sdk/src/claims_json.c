/* The claims as JSON (atoll_claims_json); key names in docs/cli.md. */
#include <stdarg.h>
#include <stdio.h>

#include "claims.h"

struct out {
	char *buf;
	size_t cap, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->len < o->cap ? o->buf + o->len : NULL, o->len < o->cap ? o->cap - o->len : 0,
		      fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void put_hex(struct out *o, const char *key, const uint8_t *p, size_t len, const char *sep)
{
	put(o, "\"%s\": \"", key);
	for (size_t i = 0; i < len; i++)
		put(o, "%02x", p[i]);
	put(o, "\"%s", sep);
}

/* Text claims come from the token: anything but printable ASCII is escaped. */
static void put_text(struct out *o, const char *key, const char *s, const char *sep)
{
	put(o, "\"%s\": \"", key);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			put(o, "\\%c", ch);
		else if (ch < 0x20U || ch > 0x7EU)
			put(o, "\\u%04x", ch);
		else
			put(o, "%c", ch);
	}
	put(o, "\"%s", sep);
}

ATOLL_API atoll_status atoll_claims_json(const struct atoll_claims *c, char *buf, size_t cap,
					 size_t *len)
{
	struct out o = { buf, cap, 0 };
	const struct cca_claims *r;

	if (c == NULL || len == NULL || (buf == NULL && cap != 0U))
		return ATOLL_E_INVALID_ARG;
	r = &c->realm;
	put(&o, "{\n  \"verified\": %s,\n  \"realm\": {\n    ", c->verified ? "true" : "false");
	put_hex(&o, "challenge", r->challenge, ATOLL_CHALLENGE_SIZE, ",\n    ");
	put_hex(&o, "personalization_value", r->rpv, 64, ",\n    ");
	put_text(&o, "hash_alg", atoll_claims_hash_alg(c), ",\n    ");
	put_hex(&o, "rim", r->rim, r->digest_len, ",\n    \"rem\": [\n");
	for (unsigned int i = 0; i < 4U; i++) {
		put(&o, "      \"");
		for (size_t k = 0; k < r->digest_len; k++)
			put(&o, "%02x", r->rem[i][k]);
		put(&o, "\"%s\n", i < 3U ? "," : "");
	}
	put(&o, "    ],\n    ");
	put_hex(&o, "rak", r->rak, r->rak_len, "\n  },\n  \"platform\": {\n    ");
	put_hex(&o, "challenge", c->plat.challenge.p, c->plat.challenge.len, ",\n    ");
	put_hex(&o, "implementation_id", c->plat.implementation_id.p,
		c->plat.implementation_id.len, ",\n    ");
	put_hex(&o, "instance_id", c->plat.instance_id.p, c->plat.instance_id.len, ",\n    ");
	put(&o, "\"lifecycle\": %llu,\n    ", (unsigned long long)c->plat.lifecycle);
	put_text(&o, "hash_alg", c->plat_hash_alg, ",\n    \"sw_components\": [");
	for (size_t i = 0; i < c->plat.sw_count; i++) {
		const struct atoll_sw_component *s = &c->sw[i];

		put(&o, "%s\n      { ", i == 0U ? "" : ",");
		put_text(&o, "type", s->type, ", ");
		put_hex(&o, "value", s->value, s->value_len, ", ");
		put_hex(&o, "signer_id", s->signer_id, s->signer_id_len, ", ");
		put_text(&o, "version", s->version, ", ");
		put_text(&o, "hash_alg", s->hash_alg, " }");
	}
	put(&o, "%s]\n  }\n}\n", c->plat.sw_count != 0U ? "\n    " : "");
	if (o.len >= cap) {
		*len = o.len + 1U;
		return ATOLL_E_BUFFER_TOO_SMALL;
	}
	*len = o.len;
	return ATOLL_OK;
}
