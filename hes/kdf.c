/* Seed and key derivation (see keys.h): SP800-108 with AES-CMAC, PSA's ECC rule. */
#include <hes/keys.h>

#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/cmac.h>
#include <mbedtls/ecp.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

/* The longest label and context hes uses, with room to spare. */
#define KDF_LABEL_MAX	32U
#define KDF_CONTEXT_MAX	64U
#define KDF_INPUT_MAX	(4U + KDF_LABEL_MAX + 1U + KDF_CONTEXT_MAX + 4U)
#define CMAC_BLOCK	16U

/* PSA draws a second candidate when the first is out of range; two is plenty (p ~ 2^-190). */
#define P384_CANDIDATES	2U

static size_t put_le32(uint8_t *p, uint32_t v)
{
	for (unsigned int i = 0; i < 4U; i++)
		p[i] = (uint8_t)(v >> (8U * i));
	return 4U;
}

uint32_t hes_boot_lcs(uint32_t lifecycle)
{
	return lifecycle >> 12;
}

int hes_boot_state(uint32_t lifecycle, const uint8_t rom_hash[HES_ROM_HASH_SIZE],
		   uint8_t out[HES_BOOT_STATE_SIZE])
{
	uint8_t in[8U + HES_ROM_HASH_SIZE];
	size_t n = 0;

	n += put_le32(in + n, hes_boot_lcs(lifecycle));
	n += put_le32(in + n, 0U);	/* no reprovisioning */
	memcpy(in + n, rom_hash, HES_ROM_HASH_SIZE);
	return mbedtls_sha256(in, sizeof(in), out, 0);
}

/* [i] || label incl. NUL || 0x00 || context || L; the counter is patched per block. */
static size_t kdf_fixed_input(uint8_t *in, const char *label, const uint8_t *context,
			      size_t context_len)
{
	size_t label_len = strlen(label) + 1U;
	size_t n = 4U;

	memcpy(in + n, label, label_len);
	n += label_len;
	in[n++] = 0x00;
	memcpy(in + n, context, context_len);
	n += context_len;
	n += put_le32(in + n, HES_SEED_SIZE);
	return n;
}

int hes_kdf_cmac(const uint8_t key[HES_ROOT_KEY_SIZE], const char *label, const uint8_t *context,
		 size_t context_len, uint8_t out[HES_SEED_SIZE])
{
	const mbedtls_cipher_info_t *aes = mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_256_ECB);
	uint8_t in[KDF_INPUT_MAX];
	size_t n;
	int err = 0;

	if (aes == NULL || strlen(label) >= KDF_LABEL_MAX || context_len > KDF_CONTEXT_MAX)
		return -1;
	n = kdf_fixed_input(in, label, context, context_len);
	for (uint32_t i = 1; err == 0 && i <= HES_SEED_SIZE / CMAC_BLOCK; i++) {
		put_le32(in, i);
		err = mbedtls_cipher_cmac(aes, key, 8U * HES_ROOT_KEY_SIZE, in, n,
					  out + (i - 1U) * CMAC_BLOCK);
	}
	mbedtls_platform_zeroize(in, sizeof(in));
	return err;
}

/* k in [0, n - 2] becomes the private key k + 1; 1 if k is out of range. */
static int p384_from_candidate(const mbedtls_mpi *max, const uint8_t *cand, uint8_t *priv)
{
	mbedtls_mpi k;
	int err;

	mbedtls_mpi_init(&k);
	err = mbedtls_mpi_read_binary(&k, cand, HES_P384_BYTES);
	if (err == 0 && mbedtls_mpi_cmp_mpi(&k, max) > 0)
		err = 1;
	if (err == 0)
		err = mbedtls_mpi_add_int(&k, &k, 1);
	if (err == 0)
		err = mbedtls_mpi_write_binary(&k, priv, HES_P384_BYTES);
	mbedtls_mpi_free(&k);
	return err;
}

int hes_derive_p384(const uint8_t *secret, size_t secret_len, const uint8_t *info,
		    size_t info_len, uint8_t priv[HES_P384_BYTES])
{
	uint8_t okm[P384_CANDIDATES * HES_P384_BYTES];
	mbedtls_ecp_group grp;
	mbedtls_mpi max;
	int err = 1;

	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&max);
	if (mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), NULL, 0, secret, secret_len,
			 info, info_len, okm, sizeof(okm)) != 0 ||
	    mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1) != 0 ||
	    mbedtls_mpi_sub_int(&max, &grp.N, 2) != 0)
		err = -1;
	for (unsigned int c = 0; err == 1 && c < P384_CANDIDATES; c++)
		err = p384_from_candidate(&max, okm + c * HES_P384_BYTES, priv);
	mbedtls_platform_zeroize(okm, sizeof(okm));
	mbedtls_mpi_free(&max);
	mbedtls_ecp_group_free(&grp);
	return err == 0 ? 0 : -1;
}

int hes_cpak_derive(const uint8_t guk[HES_ROOT_KEY_SIZE], const uint8_t boot_state[HES_BOOT_STATE_SIZE],
		    uint8_t priv[HES_P384_BYTES])
{
	uint8_t seed[HES_SEED_SIZE];
	int err = hes_kdf_cmac(guk, HES_LABEL_CPAK_SEED, boot_state, HES_BOOT_STATE_SIZE, seed);

	if (err == 0)
		err = hes_derive_p384(seed, sizeof(seed), NULL, 0, priv);
	mbedtls_platform_zeroize(seed, sizeof(seed));
	return err;
}

int hes_vhuk_derive(const uint8_t huk[HES_ROOT_KEY_SIZE], const char *label,
		    const uint8_t boot_state[HES_BOOT_STATE_SIZE], const uint8_t *cbor, size_t cbor_len,
		    uint8_t out[HES_VHUK_SIZE])
{
	uint8_t context[HES_BOOT_STATE_SIZE + 32U];

	memcpy(context, boot_state, HES_BOOT_STATE_SIZE);
	if (mbedtls_sha256(cbor, cbor_len, context + HES_BOOT_STATE_SIZE, 0) != 0)
		return -1;
	return hes_kdf_cmac(huk, label, context, sizeof(context), out);
}
