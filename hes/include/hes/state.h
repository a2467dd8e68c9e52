/*
 * The HES's persistent state: the lifecycle state and the two provisioned
 * roots, HUK (per device) and GUK (per device group). On a real platform
 * they are fuses; here they are a small versioned blob the daemon keeps in
 * a file. The core only builds and checks the bytes.
 *
 * Blob format 1, 112 bytes, integers little-endian:
 *   0   8  magic "ATOLLHES"
 *   8   4  format version (1)
 *   12  4  lifecycle (PSA/CCA encoding, [15:8] state)
 *   16  32 HUK
 *   48  32 GUK
 *   80  32 SHA-256 of bytes 0..79 (catches a damaged file, not an attacker)
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define HES_ROOT_KEY_SIZE	32U
#define HES_STATE_VERSION	1U
#define HES_STATE_SIZE		112U

/* Lifecycle states (CCA platform token claim 2395; the low byte is ours: 0). */
#define HES_LCS_ASSEMBLY_AND_TEST	0x1000U
#define HES_LCS_PROVISIONING		0x2000U
#define HES_LCS_SECURED			0x3000U
#define HES_LCS_NON_CCA_DEBUG		0x4000U
#define HES_LCS_RECOVERABLE_DEBUG	0x5000U
#define HES_LCS_DECOMMISSIONED		0x6000U

struct hes_roots {
	uint32_t lifecycle;
	uint8_t huk[HES_ROOT_KEY_SIZE];
	uint8_t guk[HES_ROOT_KEY_SIZE];
};

/* Random bytes (the OS source in the daemon); 0 on success, as mbedTLS's f_rng. */
typedef int hes_random_fn(void *ctx, uint8_t *buf, size_t len);

enum hes_state_status {
	HES_STATE_OK = 0,
	HES_STATE_TRUNCATED,		/* shorter than its format says */
	HES_STATE_TOO_LONG,		/* bytes after the checksum */
	HES_STATE_BAD_MAGIC,		/* not an Atoll HES state */
	HES_STATE_OTHER_VERSION,	/* another format version */
	HES_STATE_CORRUPT,		/* checksum mismatch */
	HES_STATE_BAD_LIFECYCLE,	/* not one of the HES_LCS_* states */
	HES_STATE_NO_RANDOM,		/* the random source failed */
};

/* A message for the daemon to print, e.g. "state file is truncated". */
const char *hes_state_strerror(enum hes_state_status status);

/* One of the HES_LCS_* values (any implementation-defined low byte). */
int hes_lifecycle_valid(uint32_t lifecycle);

/* First start: fresh HUK and GUK from rnd, in the given lifecycle state. */
enum hes_state_status hes_roots_generate(struct hes_roots *r, uint32_t lifecycle,
					 hes_random_fn *rnd, void *rnd_ctx);

/* Writes the HES_STATE_SIZE-byte blob; 0 if cap is too small. */
size_t hes_state_serialise(const struct hes_roots *r, uint8_t *buf, size_t cap);

/* Checks and reads a blob; *r is written only on HES_STATE_OK. */
enum hes_state_status hes_state_parse(struct hes_roots *r, const uint8_t *blob, size_t len);
