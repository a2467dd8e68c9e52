/* PSA hash ids mapped onto mbedTLS (see psa.h). */
#include <hes/psa.h>

#include <mbedtls/md.h>

static const struct {
	uint32_t alg;
	mbedtls_md_type_t md;
	size_t len;
	const char *name;
} hashes[] = {
	{ PSA_ALG_SHA_256, MBEDTLS_MD_SHA256, 32U, "sha-256" },
	{ PSA_ALG_SHA_384, MBEDTLS_MD_SHA384, 48U, "sha-384" },
	{ PSA_ALG_SHA_512, MBEDTLS_MD_SHA512, 64U, "sha-512" },
};

#define HASH_COUNT (sizeof(hashes) / sizeof(hashes[0]))

static int hash_index(uint32_t alg)
{
	for (size_t i = 0; i < HASH_COUNT; i++)
		if (hashes[i].alg == alg)
			return (int)i;
	return -1;
}

size_t hes_alg_hash_len(uint32_t alg)
{
	int i = hash_index(alg);

	return i < 0 ? 0U : hashes[i].len;
}

const char *hes_alg_name(uint32_t alg)
{
	int i = hash_index(alg);

	return i < 0 ? NULL : hashes[i].name;
}

int hes_alg_hash(uint32_t alg, const void *data, size_t len, uint8_t *out)
{
	int i = hash_index(alg);

	if (i < 0)
		return -1;
	return mbedtls_md(mbedtls_md_info_from_type(hashes[i].md), data, len, out);
}
