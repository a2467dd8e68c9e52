/*
 * Reference values (build/run/refs.json, written by build/atoll-refs) and the
 * checks of a CCA token against them: the platform token's signature under
 * the CPAK they name, every sw-component against the expected slot values,
 * and the realm's RIM. Hosted code (jansson for JSON), for build/atoll-verify
 * and whatever else relies on Atoll's tokens; the token checks themselves
 * are verify/cca_verify.c and verify/plat_token.c.
 *
 * refs.json, format "atoll-refs 1" (hex strings are lower-case, no prefix):
 *   { "format": "atoll-refs 1", "hash_alg": "sha-256",
 *     "measurements": [ { "image": "BL2", "sha256": HEX (of the image file),
 *                         "slot": 10, "sw_type": "BL_2", "signer_id": HEX,
 *                         "slot_value": HEX (what the slot holds after the boot) }, ... ],
 *     "cpak": { "sec1": HEX (97 bytes), "cose_key": HEX (107 bytes), "pem": TEXT,
 *               "instance_id": HEX (0x01 || SHA-256 of sec1) },
 *     "realm": { "name": "hello", "image": PATH, "hash_alg": "sha-256", "rim": HEX } }
 * The measurements are in slot order, as the token lists its sw-components.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../cca_verify.h"
#include "../plat_token.h"

#define REFS_FORMAT		"atoll-refs 1"
#define REFS_MEASUREMENTS_MAX	PLAT_SW_COMPONENTS_MAX
#define REFS_NAME_MAX		32U
#define REFS_DIGEST_MAX		64U

struct refs_measurement {
	char image[REFS_NAME_MAX + 1U];
	char sw_type[REFS_NAME_MAX + 1U];
	unsigned int slot;
	uint8_t image_sha256[32];
	uint8_t signer_id[REFS_DIGEST_MAX];
	size_t signer_id_len;
	uint8_t slot_value[REFS_DIGEST_MAX];
	size_t slot_value_len;
};

struct refs {
	struct refs_measurement m[REFS_MEASUREMENTS_MAX];
	size_t count;
	uint8_t cpak[COSE_P384_POINT_BYTES];
	char realm_name[REFS_NAME_MAX + 1U];
	uint8_t rim[REFS_DIGEST_MAX];
	size_t rim_len;
};

/* Reads path; 0, or -1 with a message naming the file and the field in err. */
int refs_load(const char *path, struct refs *r, char *err, size_t err_len);

/* Where each check's result goes: one line, ok or not. */
typedef void refs_report_fn(void *ctx, bool ok, const char *line);

/*
 * Every check of a whole CCA token against r, each reported: the realm
 * token (signed by its RAK), the binding, the platform token under r's CPAK
 * (and its instance id), the lifecycle (secured), each sw-component against
 * r's measurements (same count, order, sw_type, signer id and value), and
 * the RIM. The number of failed checks (0: the token is what r expects).
 */
unsigned int refs_check_token(const struct refs *r, const uint8_t *token, size_t len,
			      refs_report_fn *report, void *ctx);
