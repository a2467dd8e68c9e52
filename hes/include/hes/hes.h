/*
 * The HES core: one device's state and the services it answers. Plain C11
 * with no OS dependency: the caller owns the struct (about 60 KB, no
 * allocation inside), passes in the provisioned roots (state.h) and a
 * random-bytes source, and moves bytes (protocol.h). mbedTLS allocates
 * from an arena inside struct hes, made current only during a call.
 *
 * A device is initialised once (roots, CPAK); each boot of the platform
 * starts with hes_boot_reset() (slots empty, no DAK).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hes/bootdata.h>
#include <hes/keys.h>
#include <hes/psa.h>
#include <hes/slots.h>
#include <hes/state.h>

#include "atoll_heap.h"

#define HES_IMPLEMENTATION_ID_SIZE	32U
#define HES_PLATFORM_CONFIG_MAX		32U
#define HES_VERIFICATION_URL_MAX	128U
#define HES_TOKEN_MAX			8192U
#define HES_COSE_KEY_P384_SIZE		107U

/* mbedTLS's working memory: P-384 derivation and signing peak at 2,224 bytes (measured). */
#define HES_CRYPTO_ARENA_SIZE		8192U

/* What the platform says about itself in the token, and the HES's own identity. */
struct hes_config {
	uint8_t implementation_id[HES_IMPLEMENTATION_ID_SIZE];	/* claim 2396 */
	uint8_t platform_config[HES_PLATFORM_CONFIG_MAX];	/* claim 2401 */
	size_t platform_config_len;
	char verification_url[HES_VERIFICATION_URL_MAX];	/* claim 2400; "" leaves it out */
	uint8_t rom_hash[HES_ROM_HASH_SIZE];	/* stands for RSE's BL1_2 hash in the boot state */
};

/* The DAK of this boot, once GET_DELEGATED_KEY has derived it. */
struct hes_dak {
	bool derived;
	uint32_t hash_alg;		/* the caller's; sizes and hashes the challenge */
	uint8_t priv[HES_P384_BYTES];
	bool pub_known;			/* pub computed (lazily: a scalar multiplication) */
	uint8_t pub[HES_P384_PUB_BYTES];	/* SEC1 uncompressed */
	bool challenge_known;
	uint8_t challenge[HES_HASH_MAX];	/* H(COSE_Key of the DAK public key) */
};

struct hes {
	struct hes_config cfg;
	struct hes_roots roots;
	hes_random_fn *rnd;
	void *rnd_ctx;
	uint8_t boot_state[HES_BOOT_STATE_SIZE];
	uint8_t cpak_priv[HES_P384_BYTES];
	uint8_t cpak_pub[HES_P384_PUB_BYTES];
	uint8_t dak_seed[HES_SEED_SIZE];
	struct hes_slots slots;
	struct hes_dak dak;
	uint8_t scratch[HES_TOKEN_MAX];		/* boot data or token payload, per call */
	struct atoll_heap heap;
	_Alignas(8) uint8_t heap_buf[HES_CRYPTO_ARENA_SIZE];
};

/* Atoll's defaults: a fixed implementation id, platform config 0, no URL, zero ROM hash. */
void hes_config_default(struct hes_config *cfg);

/* Derives the boot state, CPAK and DAK seed; PSA_SUCCESS or an error. */
int32_t hes_init(struct hes *h, const struct hes_config *cfg, const struct hes_roots *roots,
		 hes_random_fn *rnd, void *rnd_ctx);

/* A new boot: every slot empty, the DAK forgotten. Roots and CPAK stay. */
void hes_boot_reset(struct hes *h);

/* Wipes every secret (before the caller frees or reuses the memory). */
void hes_wipe(struct hes *h);

/* mbedTLS's arena made current for a call into the key code; leave restores. */
struct atoll_heap *hes_crypto_enter(struct hes *h);
void hes_crypto_leave(struct atoll_heap *prev);

/* The 107-byte COSE_Key {1: 2, -1: 2, -2: X, -3: Y} of a P-384 public key, as RMM 0.6 hashes it. */
size_t hes_cose_key_p384(const uint8_t pub[HES_P384_PUB_BYTES], uint8_t *out, size_t cap);

/* The services, decoded (services.c maps PSA calls onto them). */
int32_t hes_get_delegated_key(struct hes *h, uint8_t curve, uint32_t bits, uint32_t hash_alg,
			      uint8_t *out, size_t cap, size_t *len);
int32_t hes_get_platform_token(struct hes *h, const uint8_t *challenge, size_t challenge_len,
			       uint8_t *out, size_t cap, size_t *len);
/* The DAK's public key, SEC1 uncompressed; BAD_STATE before GET_DELEGATED_KEY. */
int32_t hes_get_delegated_pub_key(struct hes *h, uint8_t *out, size_t cap, size_t *len);
int32_t hes_get_vhuk(struct hes *h, uint8_t key_id, uint8_t out[HES_VHUK_SIZE]);

#define HES_VHUK_ID_A	1U
#define HES_VHUK_ID_M	2U

/* One PSA call with its vectors, as the protocol decodes it. */
struct hes_invec {
	const uint8_t *base;
	size_t len;
};

struct hes_outvec {
	uint8_t *base;
	size_t cap;		/* the caller's capacity */
	size_t len;		/* set by the service, <= cap */
};

#define HES_MAX_IOVEC	4U

int32_t hes_call(struct hes *h, int32_t handle, uint32_t type, const struct hes_invec *in,
		 size_t in_len, struct hes_outvec *out, size_t out_len);
