/* Reference values and the checks against them (see refs.h). */
#include "refs.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "hex.h"
#include "path_error.h"

/* ---- Reading refs.json ------------------------------------------------------------ */

struct reader {
	const char *path;
	char *err;
	size_t err_len;
};

static int fail(const struct reader *rd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	path_verror(rd->err, rd->err_len, rd->path, fmt, ap);
	va_end(ap);
	return -1;
}

/* A lower-case hex string of min..max bytes into out; its length, or -1. */
static long get_hex(const struct reader *rd, json_t *obj, const char *key, uint8_t *out,
		    size_t min, size_t max)
{
	const char *s = json_string_value(json_object_get(obj, key));
	size_t len = s != NULL ? strlen(s) : 0U;
	long n;

	if (s == NULL)
		return fail(rd, "\"%s\" is missing or not a string", key);
	if (len % 2U != 0U || len / 2U < min || len / 2U > max)
		return fail(rd, "\"%s\" is not %zu..%zu bytes of hex", key, min, max);
	n = hex_decode(s, len, out, max);
	return n >= 0 ? n : fail(rd, "\"%s\" is not lower-case hex", key);
}

static int get_name(const struct reader *rd, json_t *obj, const char *key,
		    char out[REFS_NAME_MAX + 1U])
{
	const char *s = json_string_value(json_object_get(obj, key));

	if (s == NULL || strlen(s) > REFS_NAME_MAX)
		return fail(rd, "\"%s\" is missing, not a string or over %u bytes", key, REFS_NAME_MAX);
	strcpy(out, s);
	return 0;
}

static int get_measurement(const struct reader *rd, json_t *m, struct refs_measurement *out)
{
	json_t *slot = json_object_get(m, "slot");
	long n;

	if (!json_is_object(m))
		return fail(rd, "a measurement is not an object");
	if (!json_is_integer(slot) || json_integer_value(slot) < 0 || json_integer_value(slot) > 31)
		return fail(rd, "a measurement's \"slot\" is not 0..31");
	out->slot = (unsigned int)json_integer_value(slot);
	if (get_name(rd, m, "image", out->image) != 0 || get_name(rd, m, "sw_type", out->sw_type) != 0 ||
	    get_hex(rd, m, "sha256", out->image_sha256, 32, 32) < 0)
		return -1;
	n = get_hex(rd, m, "signer_id", out->signer_id, 32, REFS_DIGEST_MAX);
	if (n < 0)
		return -1;
	out->signer_id_len = (size_t)n;
	n = get_hex(rd, m, "slot_value", out->slot_value, 32, REFS_DIGEST_MAX);
	if (n < 0)
		return -1;
	out->slot_value_len = (size_t)n;
	return 0;
}

static int get_refs(const struct reader *rd, json_t *root, struct refs *r)
{
	json_t *ms = json_object_get(root, "measurements");
	json_t *realm = json_object_get(root, "realm");
	json_t *cpak = json_object_get(root, "cpak");
	long n;

	const char *format = json_string_value(json_object_get(root, "format"));

	if (!json_is_object(root) || format == NULL || strcmp(format, REFS_FORMAT) != 0)
		return fail(rd, "not reference values of format \"%s\"", REFS_FORMAT);
	if (!json_is_array(ms) || json_array_size(ms) == 0U ||
	    json_array_size(ms) > REFS_MEASUREMENTS_MAX)
		return fail(rd, "\"measurements\" is not an array of 1..%u", REFS_MEASUREMENTS_MAX);
	r->count = json_array_size(ms);
	for (size_t i = 0; i < r->count; i++) {
		if (get_measurement(rd, json_array_get(ms, i), &r->m[i]) != 0)
			return -1;
		if (i > 0 && r->m[i].slot <= r->m[i - 1U].slot)
			return fail(rd, "\"measurements\" are not in slot order");
	}
	if (!json_is_object(cpak) || get_hex(rd, cpak, "sec1", r->cpak, sizeof(r->cpak),
					     sizeof(r->cpak)) < 0)
		return json_is_object(cpak) ? -1 : fail(rd, "\"cpak\" is missing");
	if (!json_is_object(realm))
		return fail(rd, "\"realm\" is missing");
	if (get_name(rd, realm, "name", r->realm_name) != 0)
		return -1;
	n = get_hex(rd, realm, "rim", r->rim, 32, REFS_DIGEST_MAX);
	if (n < 0)
		return -1;
	r->rim_len = (size_t)n;
	return 0;
}

int refs_load(const char *path, struct refs *r, char *err, size_t err_len)
{
	const struct reader rd = { path, err, err_len };
	json_error_t jerr;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	int rc;

	memset(r, 0, sizeof(*r));
	if (root == NULL)
		return fail(&rd, "line %d: %s", jerr.line, jerr.text);
	rc = get_refs(&rd, root, r);
	json_decref(root);
	return rc;
}

/* ---- Checking a token --------------------------------------------------------------- */

struct checker {
	refs_report_fn *report;
	void *ctx;
	unsigned int failed;
};

static void vreport(struct checker *c, bool ok, const char *fmt, va_list ap)
{
	char line[512];

	(void)vsnprintf(line, sizeof(line), fmt, ap);
	c->report(c->ctx, ok, line);
}

/* A check: reported and counted. */
static void check(struct checker *c, bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(c, ok, fmt, ap);
	va_end(ap);
	c->failed += ok ? 0U : 1U;
}

/* Detail of a failed check: reported, not counted again. */
static void detail(struct checker *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(c, false, fmt, ap);
	va_end(ap);
}

struct hex_buf {
	char s[2U * REFS_DIGEST_MAX + 1U];
};

/* Up to REFS_DIGEST_MAX bytes in hex, in b. */
static const char *hex(struct hex_buf *b, const uint8_t *p, size_t len)
{
	if (len > REFS_DIGEST_MAX)
		len = REFS_DIGEST_MAX;
	for (size_t i = 0; i < len; i++)
		(void)snprintf(b->s + 2U * i, 3, "%02x", p[i]);
	b->s[2U * len] = '\0';
	return b->s;
}

static bool text_is(const struct plat_text *t, const char *s)
{
	return t->len == strlen(s) && memcmp(t->s, s, t->len) == 0;
}

static bool bytes_are(const struct plat_bytes *b, const uint8_t *p, size_t len)
{
	return b->len == len && memcmp(b->p, p, len) == 0;
}

/* One sw-component against the measurement expected in its place. */
static void check_component(struct checker *c, const struct plat_sw_component *sw,
			    const struct refs_measurement *m)
{
	bool ok = text_is(&sw->type, m->sw_type) &&
		  bytes_are(&sw->value, m->slot_value, m->slot_value_len) &&
		  bytes_are(&sw->signer_id, m->signer_id, m->signer_id_len) &&
		  text_is(&sw->hash_alg, "sha-256");

	struct hex_buf a, b;

	check(c, ok, "sw-component slot %2u %-14.*s %s %s refs (%s)", m->slot, (int)sw->type.len,
	      sw->type.s, hex(&a, sw->value.p, sw->value.len), ok ? "matches" : "DIFFERS FROM",
	      m->image);
	if (!ok)
		detail(c, "  refs expect    %-14s %s (SHA-256 of %s: %s...)", m->sw_type,
		       hex(&a, m->slot_value, m->slot_value_len), m->image,
		       hex(&b, m->image_sha256, 8));
}

static void check_platform(struct checker *c, const struct refs *r, const struct cca_claims *cl)
{
	struct plat_claims p;
	enum plat_verify_result pr = plat_token_verify(cl->plat_token, cl->plat_token_len, r->cpak, &p);

	check(c, pr == PLAT_VERIFY_OK, "platform token (%zu bytes) signed by the CPAK of refs: %s",
	      cl->plat_token_len, plat_verify_result_name(pr));
	if (pr == PLAT_VERIFY_MALFORMED)
		return;
	check(c, (p.lifecycle >> 12) == 3U, "platform lifecycle 0x%04llx: %s",
	      (unsigned long long)p.lifecycle, (p.lifecycle >> 12) == 3U ? "secured" : "NOT secured");
	check(c, p.sw_count == r->count, "platform token lists %zu sw-components, refs %zu",
	      p.sw_count, r->count);
	for (size_t i = 0; i < p.sw_count && i < r->count; i++)
		check_component(c, &p.sw[i], &r->m[i]);
}

unsigned int refs_check_token(const struct refs *r, const uint8_t *token, size_t len,
			      refs_report_fn *report, void *ctx)
{
	struct checker c = { report, ctx, 0 };
	struct cca_claims cl;
	enum cca_verify_result res = cca_verify(token, len, &cl);
	struct hex_buf h;
	bool rim_ok;

	check(&c, res == CCA_VERIFY_OK || res == CCA_VERIFY_UNBOUND,
	      "realm token signed by the RAK it carries: %s",
	      res == CCA_VERIFY_UNBOUND ? "ok" : cca_verify_result_name(res));
	if (res != CCA_VERIFY_OK && res != CCA_VERIFY_UNBOUND)
		return c.failed;
	check(&c, res == CCA_VERIFY_OK, "binding: platform challenge = SHA-256 of the RAK's COSE_Key: %s",
	      res == CCA_VERIFY_OK ? "ok" : "NO, another RAK");
	check_platform(&c, r, &cl);
	rim_ok = cl.digest_len == r->rim_len && memcmp(cl.rim, r->rim, r->rim_len) == 0;
	check(&c, rim_ok, "realm RIM %s %s the %s realm of refs", hex(&h, cl.rim, cl.digest_len),
	      rim_ok ? "is" : "is NOT", r->realm_name);
	return c.failed;
}
