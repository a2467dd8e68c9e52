/*
 * atoll_policy_load: a relying party's policy file (format "atoll-policy 1",
 * docs/sdk.md), read with jansson. Every refusal names the file, the key
 * (and array index) and, inside a value or the JSON text, the byte.
 */
#include "policy.h"

#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "verify/hosted/hex.h"
#include "verify/hosted/path_error.h"

#define POLICY_FORMAT	"atoll-policy 1"

struct reader {
	const char *path;
	char *err;
	size_t err_len;
};

__attribute__((format(printf, 2, 3)))
static atoll_status fail(const struct reader *rd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	path_verror(rd->err, rd->err_len, rd->path, fmt, ap);
	va_end(ap);
	return ATOLL_E_POLICY;
}

/* A digest (32 or 64 bytes of lower-case hex) at key[index]. */
static atoll_status get_digest(const struct reader *rd, const char *key, size_t index, json_t *v,
			       struct policy_digest *out)
{
	const char *s = json_string_value(v);
	size_t len = s != NULL ? strlen(s) : 0U;

	if (s == NULL)
		return fail(rd, "\"%s\"[%zu] is not a string", key, index);
	for (size_t i = 0; i < len; i++) {
		if (hex_nibble(s[i]) < 0)
			return fail(rd, "\"%s\"[%zu]: byte %zu ('%c') is not lower-case hex", key, index,
				    i, (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?');
	}
	if (len != 64U && len != 128U)
		return fail(rd, "\"%s\"[%zu] has %zu hex digits: a digest has 64 (sha-256) or 128 "
			    "(sha-512)", key, index, len);
	out->len = (size_t)hex_decode(s, len, out->d, sizeof(out->d));
	return ATOLL_OK;
}

/* An array of 1..POLICY_DIGESTS_MAX digests (0.. if optional). */
static atoll_status get_digests(const struct reader *rd, json_t *root, const char *key,
				bool required, struct policy_digest *list, size_t *n)
{
	json_t *a = json_object_get(root, key);
	atoll_status st;

	*n = 0;
	if (a == NULL && !required)
		return ATOLL_OK;
	if (!json_is_array(a))
		return fail(rd, "\"%s\" is %s", key, a == NULL ? "missing" : "not an array");
	if ((required && json_array_size(a) == 0U) || json_array_size(a) > POLICY_DIGESTS_MAX)
		return fail(rd, "\"%s\" has %zu entries: %s..%u are allowed", key, json_array_size(a),
			    required ? "1" : "0", POLICY_DIGESTS_MAX);
	for (size_t i = 0; i < json_array_size(a); i++) {
		st = get_digest(rd, key, i, json_array_get(a, i), &list[i]);
		if (st != ATOLL_OK)
			return st;
	}
	*n = json_array_size(a);
	return ATOLL_OK;
}

/* "0x3000"-style 16-bit value at "lifecycle"[index]. */
static atoll_status get_lifecycle(const struct reader *rd, json_t *a, size_t index, uint16_t *out)
{
	const char *s = json_string_value(json_array_get(a, index));
	unsigned long v = 0;
	size_t len = s != NULL ? strlen(s) : 0U;

	if (s == NULL || len < 3U || len > 6U || s[0] != '0' || s[1] != 'x')
		return fail(rd, "\"lifecycle\"[%zu] is not a string \"0x\" and 1..4 hex digits", index);
	for (size_t i = 2; i < len; i++) {
		if (hex_nibble(s[i]) < 0)
			return fail(rd, "\"lifecycle\"[%zu]: byte %zu ('%c') is not lower-case hex",
				    index, i, (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?');
		v = v << 4 | (unsigned long)hex_nibble(s[i]);
	}
	*out = (uint16_t)v;
	return ATOLL_OK;
}

/* The refs path, relative to the policy file's directory unless absolute. */
static atoll_status refs_path(const struct reader *rd, const char *refs, char *out, size_t cap)
{
	char dir[PATH_MAX];
	int n;

	if (refs[0] == '/') {
		n = snprintf(out, cap, "%s", refs);
	} else {
		if (strlen(rd->path) >= sizeof(dir))
			return fail(rd, "the file's path is too long");
		strcpy(dir, rd->path);
		n = snprintf(out, cap, "%s/%s", dirname(dir), refs);
	}
	return n < 0 || (size_t)n >= cap ? fail(rd, "\"refs\" is too long a path") : ATOLL_OK;
}

static const char *const known_keys[] = { "format", "refs", "rims", "rems", "hash_alg",
					  "lifecycle" };

static atoll_status read_policy(const struct reader *rd, json_t *root, struct atoll_policy *p)
{
	const char *format, *refs, *hash, *key;
	char path[PATH_MAX];
	json_t *v, *life;
	atoll_status st;

	if (!json_is_object(root))
		return fail(rd, "not a JSON object");
	json_object_foreach(root, key, v) {
		size_t i = 0;

		while (i < sizeof(known_keys) / sizeof(known_keys[0]) && strcmp(key, known_keys[i]) != 0)
			i++;
		if (i == sizeof(known_keys) / sizeof(known_keys[0]))
			return fail(rd, "unknown key \"%s\"", key);
	}
	format = json_string_value(json_object_get(root, "format"));
	if (format == NULL || strcmp(format, POLICY_FORMAT) != 0)
		return fail(rd, "\"format\" is not \"" POLICY_FORMAT "\"");
	refs = json_string_value(json_object_get(root, "refs"));
	if (refs == NULL || refs[0] == '\0')
		return fail(rd, "\"refs\" (the refs.json of the device) is missing or not a string");
	st = refs_path(rd, refs, path, sizeof(path));
	if (st == ATOLL_OK)
		st = get_digests(rd, root, "rims", true, p->rim, &p->num_rims);
	if (st == ATOLL_OK)
		st = get_digests(rd, root, "rems", false, p->rem, &p->num_rems);
	if (st != ATOLL_OK)
		return st;
	v = json_object_get(root, "hash_alg");
	if (v != NULL) {
		hash = json_string_value(v);
		if (hash == NULL || atoll_policy_set_hash_alg(p, hash) != ATOLL_OK)
			return fail(rd, "\"hash_alg\" is not \"sha-256\" or \"sha-512\"");
	}
	life = json_object_get(root, "lifecycle");
	if (life != NULL) {
		uint16_t lo, hi;

		if (!json_is_array(life) || json_array_size(life) != 2U)
			return fail(rd, "\"lifecycle\" is not an array [\"0xLOW\", \"0xHIGH\"]");
		st = get_lifecycle(rd, life, 0, &lo);
		if (st == ATOLL_OK)
			st = get_lifecycle(rd, life, 1, &hi);
		if (st != ATOLL_OK)
			return st;
		if (atoll_policy_set_lifecycle(p, lo, hi) != ATOLL_OK)
			return fail(rd, "\"lifecycle\" 0x%04x..0x%04x is empty", lo, hi);
	}
	/* Last: refs.json's own errors name refs.json, prefixed by the policy's "refs". */
	st = policy_add_refs(p, path, false, rd->err, rd->err_len);
	if (st == ATOLL_E_POLICY) {
		char inner[512];

		snprintf(inner, sizeof(inner), "%s", rd->err);
		return fail(rd, "\"refs\": %s", inner);
	}
	return st;
}

ATOLL_API atoll_status atoll_policy_load(struct atoll_policy *policy, const char *path,
					 const char **why)
{
	static _Thread_local char err[768];
	const struct reader rd = { path, err, sizeof(err) };
	struct atoll_policy *fresh;
	json_error_t jerr;
	json_t *root;
	atoll_status st;

	err[0] = '\0';
	if (why != NULL)
		*why = err;
	if (policy == NULL || path == NULL)
		return ATOLL_E_INVALID_ARG;
	/* Built aside, so that a refused file leaves the caller's policy as it was. */
	st = atoll_policy_new(&fresh);
	if (st != ATOLL_OK)
		return st;
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		st = jerr.line < 0 ? fail(&rd, "%s", jerr.text) :
			fail(&rd, "byte %d (line %d, column %d): %s", jerr.position, jerr.line,
			     jerr.column, jerr.text);
	} else {
		st = read_policy(&rd, root, fresh);
		json_decref(root);
	}
	if (st == ATOLL_OK) {
		*policy = *fresh;
		err[0] = '\0';
	}
	atoll_policy_free(fresh);
	return st;
}
