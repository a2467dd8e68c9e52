/*
 * atoll-refs: writes the reference values of a HES boot (refs.json, format in
 * verify/hosted/refs.h) for one flash image:
 *   atoll-refs --state FILE --bl2 F --bl31 F --rmm F --bl33 F
 *              (--realm F | --realm-name NAME --realm-rim HEX) --out FILE
 * - SHA-256 of each measured image and the value its slot holds after the
 *   boot, computed with the HES core's own extend (hes/slots.c) and the
 *   metadata TF-A sends (docs/hes-tfa.md: slot, sw_type, 32 zero bytes of
 *   signer id, SHA-256);
 * - the CPAK public key (SEC1, COSE_Key, PEM) and the instance id, derived
 *   from the state file with the HES core as the daemon derives it (the
 *   file is created, as atoll-hesd would, if it does not exist yet);
 * - the demo realm's RIM from its image file and include/atoll/demo_realm.h
 *   (verify/expected_rim.c, as the realm host computes it), or a realm's
 *   RIM predicted elsewhere (build/linux-check's for the Linux guest).
 * Exit 0, or 1 after a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <mbedtls/base64.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include <atoll/demo_realm.h>
#include <hes/hes.h>

#include "../../hes/daemon/random.h"
#include "../../hes/daemon/statefile.h"
#include "verify/expected_rim.h"
#include "verify/hosted/hex.h"
#include "verify/hosted/refs.h"

#define IMAGE_MAX	(32U << 20)
#define SIGNER_ID_SIZE	32U	/* TF-A without trusted boot: 32 zero bytes */

/* The measured images in slot order, with what TF-A's QEMU port sends for each. */
enum image { BL2, BL31, RMM, BL33, REALM, IMAGE_COUNT };
static const struct {
	const char *option;
	const char *name;
	const char *sw_type;
	unsigned int slot;
} images[IMAGE_COUNT] = {
	{ "--bl2", "BL2", "BL_2", 10 },
	{ "--bl31", "BL31", "SECURE_RT_EL3", 11 },
	{ "--rmm", "RMM", "RMM", 14 },
	{ "--bl33", "BL33", "BL_33", 15 },
	{ "--realm", "hello realm", NULL, 0 },
};

/* SubjectPublicKeyInfo of an id-ecPublicKey on secp384r1, up to the 97-byte point (DER). */
static const uint8_t spki_p384_prefix[] = {
	0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06,
	0x05, 0x2B, 0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00,
};

static struct hes device;	/* about 60 KB: not on the stack */

struct file {
	uint8_t *data;
	size_t len;
};

static int read_file(const char *path, struct file *f)
{
	FILE *fp = fopen(path, "rb");

	f->data = malloc(IMAGE_MAX);
	f->len = 0;
	if (fp == NULL || f->data == NULL) {
		fprintf(stderr, "atoll-refs: cannot read %s\n", path);
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	f->len = fread(f->data, 1, IMAGE_MAX, fp);
	fclose(fp);
	if (f->len == 0U || f->len == IMAGE_MAX) {
		fprintf(stderr, "atoll-refs: %s: empty or over %u bytes\n", path, IMAGE_MAX - 1U);
		return -1;
	}
	return 0;
}

static json_t *hex(const uint8_t *p, size_t len)
{
	char buf[2U * 256U + 1U];

	for (size_t i = 0; i < len && i < 256U; i++)
		(void)snprintf(buf + 2U * i, 3, "%02x", p[i]);
	buf[2U * (len < 256U ? len : 256U)] = '\0';
	return json_string(buf);
}

/* One measured image: its hash and the slot value after the HES extends it once. */
static json_t *measurement(enum image i, const struct file *f, struct hes_slots *slots)
{
	static const uint8_t signer_id[SIGNER_ID_SIZE];
	uint8_t digest[32];
	const struct hes_slot *slot;
	struct hes_measurement m = {
		.index = images[i].slot, .alg = PSA_ALG_SHA_256,
		.signer_id = signer_id, .signer_id_len = sizeof(signer_id),
		.sw_type = images[i].sw_type, .sw_type_len = strlen(images[i].sw_type),
		.version = "", .version_len = 0, .value = digest, .value_len = sizeof(digest),
	};

	(void)mbedtls_sha256(f->data, f->len, digest, 0);
	if (hes_slots_extend(slots, &m) != PSA_SUCCESS ||
	    hes_slots_read(slots, images[i].slot, &slot) != PSA_SUCCESS)
		return NULL;
	return json_pack("{s:s, s:o, s:i, s:s, s:o, s:o}", "image", images[i].name,
			 "sha256", hex(digest, sizeof(digest)), "slot", (int)images[i].slot,
			 "sw_type", images[i].sw_type, "signer_id", hex(signer_id, sizeof(signer_id)),
			 "slot_value", hex(slot->value, hes_slot_value_len(slot)));
}

/* The CPAK public key as PEM (SubjectPublicKeyInfo), 64 characters a line. */
static json_t *cpak_pem(const uint8_t pub[HES_P384_PUB_BYTES])
{
	uint8_t der[sizeof(spki_p384_prefix) + HES_P384_PUB_BYTES];
	unsigned char b64[256];
	char pem[512];
	size_t b64_len, n;

	memcpy(der, spki_p384_prefix, sizeof(spki_p384_prefix));
	memcpy(der + sizeof(spki_p384_prefix), pub, HES_P384_PUB_BYTES);
	if (mbedtls_base64_encode(b64, sizeof(b64), &b64_len, der, sizeof(der)) != 0)
		return NULL;
	n = (size_t)snprintf(pem, sizeof(pem), "-----BEGIN PUBLIC KEY-----\n");
	for (size_t i = 0; i < b64_len; i += 64U)
		n += (size_t)snprintf(pem + n, sizeof(pem) - n, "%.*s\n",
				      (int)(b64_len - i < 64U ? b64_len - i : 64U), b64 + i);
	(void)snprintf(pem + n, sizeof(pem) - n, "-----END PUBLIC KEY-----\n");
	return json_string(pem);
}

static json_t *cpak(void)
{
	uint8_t cose[HES_COSE_KEY_P384_SIZE], ueid[33];
	size_t cose_len = hes_cose_key_p384(device.cpak_pub, cose, sizeof(cose));

	ueid[0] = 0x01;
	(void)mbedtls_sha256(device.cpak_pub, HES_P384_PUB_BYTES, ueid + 1, 0);
	return json_pack("{s:o, s:o, s:o, s:o}", "sec1", hex(device.cpak_pub, HES_P384_PUB_BYTES),
			 "cose_key", hex(cose, cose_len), "pem", cpak_pem(device.cpak_pub),
			 "instance_id", hex(ueid, sizeof(ueid)));
}

static json_t *realm(const char *path, const struct file *f)
{
	const struct realm_recipe recipe = {
		.params = { .s2sz = DEMO_REALM_S2SZ, .num_bps = DEMO_REALM_BPS,
			    .num_wps = DEMO_REALM_WPS, .hash_algo = DEMO_REALM_HASH },
		.num_recs = DEMO_REALM_RECS,
	};
	struct rim_calc rim;
	const char *why = "";

	if (!expected_rim_for_image(f->data, f->len, &recipe, &rim, &why)) {
		fprintf(stderr, "atoll-refs: %s: no RIM: %s\n", path, why);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:s, s:o}", "name", DEMO_REALM_NAME, "image", path, "hash_alg",
			 rim.len == 64U ? "sha-512" : "sha-256", "rim", hex(rim.rim, rim.len));
}

/* A realm's RIM given as hex (32 or 64 bytes); NULL after a message. */
static json_t *realm_given(const char *name, const char *rim_hex)
{
	uint8_t rim[64];
	long n = hex_decode(rim_hex, strlen(rim_hex), rim, sizeof(rim));

	if (n != 32 && n != 64) {
		fprintf(stderr, "atoll-refs: --realm-rim: not 32 or 64 bytes of lower-case hex\n");
		return NULL;
	}
	return json_pack("{s:s, s:s, s:o}", "name", name, "hash_alg", n == 64 ? "sha-512" : "sha-256",
			 "rim", hex(rim, (size_t)n));
}

static int set_up_device(const char *state)
{
	struct hes_config cfg;
	struct hes_roots roots;
	bool created;
	int32_t status;

	char why[HESD_STATE_WHY_MAX];

	if (hesd_state_load(state, HES_LCS_SECURED, false, &roots, &created, why, sizeof(why)) != 0) {
		fprintf(stderr, "atoll-refs: %s\n", why);
		return -1;
	}
	if (created)
		fprintf(stderr, "atoll-refs: %s: created a new device state\n", state);
	hes_config_default(&cfg);
	status = hes_init(&device, &cfg, &roots, hesd_random, NULL);
	mbedtls_platform_zeroize(&roots, sizeof(roots));
	if (status != PSA_SUCCESS) {
		fprintf(stderr, "atoll-refs: cannot derive the CPAK (PSA status %d)\n", status);
		return -1;
	}
	return 0;
}

/* The whole document; NULL after a message. The realm: paths[REALM]'s, or name and rim_hex. */
static json_t *refs_document(const char *const paths[IMAGE_COUNT], const char *name,
			     const char *rim_hex)
{
	static struct hes_slots slots;
	struct file f[IMAGE_COUNT] = { { NULL, 0 } };
	json_t *doc = NULL, *ms = json_array();
	int ok = ms != NULL;

	hes_slots_reset(&slots);
	for (unsigned int i = 0; i < IMAGE_COUNT && ok; i++)
		ok = paths[i] == NULL || read_file(paths[i], &f[i]) == 0;
	for (unsigned int i = 0; i < REALM && ok; i++)
		ok = json_array_append_new(ms, measurement((enum image)i, &f[i], &slots)) == 0;
	if (ok)
		doc = json_pack("{s:s, s:s, s:O, s:o, s:o}", "format", REFS_FORMAT, "hash_alg",
				"sha-256", "measurements", ms, "cpak", cpak(), "realm",
				paths[REALM] != NULL ? realm(paths[REALM], &f[REALM])
						     : realm_given(name, rim_hex));
	if (ok && doc == NULL)
		fprintf(stderr, "atoll-refs: cannot build the reference values\n");
	json_decref(ms);
	for (unsigned int i = 0; i < IMAGE_COUNT; i++)
		free(f[i].data);
	return doc;
}

/* Written to a temporary file first, so a reader never sees half a file. */
static int write_doc(json_t *doc, const char *out)
{
	char tmp[4096];

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", out) >= sizeof(tmp) ||
	    json_dump_file(doc, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
	    rename(tmp, out) != 0) {
		fprintf(stderr, "atoll-refs: cannot write %s\n", out);
		(void)remove(tmp);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *paths[IMAGE_COUNT] = { NULL }, *state = NULL, *out = NULL;
	const char *realm_name = NULL, *realm_rim = NULL;
	json_t *doc;
	int rc;
	bool usage = argc % 2 == 0;	/* options come in pairs */

	for (int i = 1; i + 1 < argc; i += 2) {
		unsigned int k = 0;

		while (k < IMAGE_COUNT && strcmp(argv[i], images[k].option) != 0)
			k++;
		if (k < IMAGE_COUNT)
			paths[k] = argv[i + 1];
		else if (strcmp(argv[i], "--state") == 0)
			state = argv[i + 1];
		else if (strcmp(argv[i], "--out") == 0)
			out = argv[i + 1];
		else if (strcmp(argv[i], "--realm-name") == 0)
			realm_name = argv[i + 1];
		else if (strcmp(argv[i], "--realm-rim") == 0)
			realm_rim = argv[i + 1];
		else
			usage = true;
	}
	for (unsigned int k = 0; k < REALM; k++)
		usage = usage || paths[k] == NULL;
	/* The realm: its image, or its name and RIM, not both. */
	usage = usage || (paths[REALM] == NULL) == (realm_rim == NULL) ||
		(realm_rim == NULL) != (realm_name == NULL);
	if (usage || state == NULL || out == NULL) {
		fprintf(stderr, "usage: atoll-refs --state FILE --bl2 F --bl31 F --rmm F --bl33 F "
				"(--realm F | --realm-name NAME --realm-rim HEX) --out FILE\n");
		return 1;
	}
	if (set_up_device(state) != 0)
		return 1;
	doc = refs_document(paths, realm_name, realm_rim);
	hes_wipe(&device);
	rc = doc != NULL ? write_doc(doc, out) : -1;
	json_decref(doc);
	return rc == 0 ? 0 : 1;
}
