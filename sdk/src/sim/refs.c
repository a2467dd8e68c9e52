/* refs.json of the simulated device (refs.h). */
#include "refs.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <mbedtls/sha256.h>

#include <hes/hes.h>

#include "machine.h"
#include "verify/hosted/refs.h"

static json_t *hex(const uint8_t *p, size_t len)
{
	char buf[2U * 128U + 1U];

	if (len > 128U)
		return NULL;
	atoll_hex(buf, p, len);
	return json_string(buf);
}

static json_t *measurements(const struct hes *h)
{
	json_t *ms = json_array();

	for (unsigned int i = 0; i < SIM_COMPONENTS && ms != NULL; i++) {
		const struct sim_component *c = &sim_components[i];
		const struct hes_slot *slot;
		uint8_t digest[32];

		(void)mbedtls_sha256((const uint8_t *)c->descriptor, strlen(c->descriptor), digest, 0);
		if (hes_slots_read(&h->slots, c->slot, &slot) != PSA_SUCCESS ||
		    json_array_append_new(ms, json_pack("{s:s, s:o, s:i, s:s, s:o, s:o}",
			    "image", c->image, "sha256", hex(digest, sizeof(digest)),
			    "slot", (int)c->slot, "sw_type", c->sw_type,
			    "signer_id", hex(slot->signer_id, slot->signer_id_len),
			    "slot_value", hex(slot->value, hes_slot_value_len(slot)))) != 0) {
			json_decref(ms);
			ms = NULL;
		}
	}
	return ms;
}

static json_t *cpak(const struct hes *h)
{
	uint8_t cose[HES_COSE_KEY_P384_SIZE], ueid[1U + 32U];
	size_t cose_len = hes_cose_key_p384(h->cpak_pub, cose, sizeof(cose));

	ueid[0] = 0x01;	/* UEID type RAND: 0x01 || SHA-256 of the SEC1 point */
	(void)mbedtls_sha256(h->cpak_pub, HES_P384_PUB_BYTES, ueid + 1, 0);
	return json_pack("{s:o, s:o, s:o}", "sec1", hex(h->cpak_pub, HES_P384_PUB_BYTES),
			 "cose_key", hex(cose, cose_len), "instance_id", hex(ueid, sizeof(ueid)));
}

atoll_status sim_write_refs(struct atoll_ctx *ctx, const char *path)
{
	const struct hes *h = sim_machine_hes();
	size_t rim_len;
	const uint8_t *rim = sim_machine_rim(&rim_len);
	char tmp[4096];
	json_t *doc;
	int err;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG, "path too long");
	doc = json_pack("{s:s, s:s, s:o, s:o, s:{s:s, s:s, s:s, s:o}}", "format", REFS_FORMAT,
			"hash_alg", "sha-256", "measurements", measurements(h), "cpak", cpak(h),
			"realm", "name", "sim", "image", sim_machine_image_name(), "hash_alg",
			rim_len == 64U ? "sha-512" : "sha-256", "rim", hex(rim, rim_len));
	if (doc == NULL)
		return atoll_fail(ctx, ATOLL_E_NOMEM, "cannot build the reference values");
	/* Through a temporary file, so a reader never sees half of one. */
	err = json_dump_file(doc, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
	      rename(tmp, path) != 0;
	json_decref(doc);
	if (err) {
		(void)remove(tmp);
		return atoll_fail(ctx, ATOLL_E_IO, "cannot write %s", path);
	}
	return ATOLL_OK;
}
