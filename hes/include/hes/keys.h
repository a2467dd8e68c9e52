/*
 * The HES key hierarchy, after RSE/TF-M (shared/hes.md 4.2; where Atoll
 * differs, and why: docs/hes.md):
 *
 *   boot state  = SHA-256(lcs u32 LE || reprovisioning u32 LE (0) || ROM hash)
 *   CPAK seed   = KDF(GUK, "BL1_CPAK_SEED_DERIVATION\0", boot state)
 *   CPAK        = P-384 key from HKDF-SHA-256(CPAK seed, no salt, no info)
 *   DAK seed    = KDF(GUK, "BL1_DAK_SEED_DERIVATION\0", boot state)
 *   DAK (= RAK) = P-384 key from HKDF-SHA-256(DAK seed, no salt, CBOR boot data)
 *   VHUK_A      = KDF(HUK, "VHUK_A\0", boot state || SHA-256(CBOR signers))
 *   VHUK_M      = KDF(HUK, "VHUK_M\0", boot state || SHA-256(CBOR boot data))
 *
 * KDF is NIST SP800-108 in counter mode with AES-256-CMAC as the PRF, as
 * RSE's cc3xx_lowlevel_kdf_cmac: block i (1, 2) is CMAC(key, i u32 LE ||
 * label || 0x00 || context || 32 u32 LE), 32 bytes in all. "P-384 key from"
 * is PSA's rule for ECC key derivation: take 48 bytes as a big-endian k,
 * and if k > n - 2 the next 48; the private key is k + 1.
 *
 * These are pure functions; those using bignums need an mbedTLS arena
 * current (struct hes does that for its callers).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <hes/state.h>

#define HES_SEED_SIZE		32U
#define HES_BOOT_STATE_SIZE	32U
#define HES_ROM_HASH_SIZE	32U
#define HES_VHUK_SIZE		32U
#define HES_P384_BYTES		48U
#define HES_P384_PUB_BYTES	97U	/* SEC1 uncompressed: 0x04 || X || Y */
#define HES_P384_SIG_BYTES	96U	/* r || s */

/* Labels, their NUL included as RSE hashes it. */
#define HES_LABEL_CPAK_SEED	"BL1_CPAK_SEED_DERIVATION"
#define HES_LABEL_DAK_SEED	"BL1_DAK_SEED_DERIVATION"
#define HES_LABEL_VHUK_A	"VHUK_A"
#define HES_LABEL_VHUK_M	"VHUK_M"

/* The boot-state LCS word: the lifecycle's state nibble (secured = 3, as RSE's tool). */
uint32_t hes_boot_lcs(uint32_t lifecycle);

int hes_boot_state(uint32_t lifecycle, const uint8_t rom_hash[HES_ROM_HASH_SIZE],
		   uint8_t out[HES_BOOT_STATE_SIZE]);

/* SP800-108 counter-mode KDF with AES-256-CMAC; label is NUL-terminated. */
int hes_kdf_cmac(const uint8_t key[HES_ROOT_KEY_SIZE], const char *label, const uint8_t *context,
		 size_t context_len, uint8_t out[HES_SEED_SIZE]);

/* PSA's ECC key derivation on P-384 from HKDF-SHA-256(secret, no salt, info). */
int hes_derive_p384(const uint8_t *secret, size_t secret_len, const uint8_t *info,
		    size_t info_len, uint8_t priv[HES_P384_BYTES]);

/* The CPAK private key from GUK and the boot state. */
int hes_cpak_derive(const uint8_t guk[HES_ROOT_KEY_SIZE], const uint8_t boot_state[HES_BOOT_STATE_SIZE],
		    uint8_t priv[HES_P384_BYTES]);

/* VHUK_A or VHUK_M: label HES_LABEL_VHUK_*, cbor the slots' encoding it binds. */
int hes_vhuk_derive(const uint8_t huk[HES_ROOT_KEY_SIZE], const char *label,
		    const uint8_t boot_state[HES_BOOT_STATE_SIZE], const uint8_t *cbor, size_t cbor_len,
		    uint8_t out[HES_VHUK_SIZE]);

/* P-384 public key (SEC1 uncompressed) of a private scalar. */
int hes_p384_public(const uint8_t priv[HES_P384_BYTES], uint8_t pub[HES_P384_PUB_BYTES],
		    hes_random_fn *rnd, void *rnd_ctx);

/* Deterministic ECDSA (RFC 6979) over a SHA-384 hash, signature r || s. */
int hes_p384_sign(const uint8_t priv[HES_P384_BYTES], const uint8_t hash[48],
		  uint8_t sig[HES_P384_SIG_BYTES], hes_random_fn *rnd, void *rnd_ctx);
