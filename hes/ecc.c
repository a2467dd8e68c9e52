/* P-384 public keys and ES384 signatures with mbedTLS (see keys.h). */
#include <hes/keys.h>

#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>

struct p384_key {
	mbedtls_ecp_group grp;
	mbedtls_mpi d;
};

static int key_load(struct p384_key *k, const uint8_t priv[HES_P384_BYTES])
{
	mbedtls_ecp_group_init(&k->grp);
	mbedtls_mpi_init(&k->d);
	if (mbedtls_ecp_group_load(&k->grp, MBEDTLS_ECP_DP_SECP384R1) != 0)
		return -1;
	return mbedtls_mpi_read_binary(&k->d, priv, HES_P384_BYTES);
}

/* mbedTLS wipes the scalar's limbs as it frees them. */
static void key_free(struct p384_key *k)
{
	mbedtls_mpi_free(&k->d);
	mbedtls_ecp_group_free(&k->grp);
}

int hes_p384_public(const uint8_t priv[HES_P384_BYTES], uint8_t pub[HES_P384_PUB_BYTES],
		    hes_random_fn *rnd, void *rnd_ctx)
{
	struct p384_key k;
	mbedtls_ecp_point q;
	size_t len = 0;
	int err;

	mbedtls_ecp_point_init(&q);
	err = key_load(&k, priv);
	if (err == 0)
		err = mbedtls_ecp_mul(&k.grp, &q, &k.d, &k.grp.G, rnd, rnd_ctx);
	if (err == 0)
		err = mbedtls_ecp_point_write_binary(&k.grp, &q, MBEDTLS_ECP_PF_UNCOMPRESSED, &len,
						     pub, HES_P384_PUB_BYTES);
	mbedtls_ecp_point_free(&q);
	key_free(&k);
	return err == 0 && len == HES_P384_PUB_BYTES ? 0 : -1;
}

int hes_p384_sign(const uint8_t priv[HES_P384_BYTES], const uint8_t hash[48],
		  uint8_t sig[HES_P384_SIG_BYTES], hes_random_fn *rnd, void *rnd_ctx)
{
	struct p384_key k;
	mbedtls_mpi r, s;
	int err;

	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	err = key_load(&k, priv);
	if (err == 0)
		err = mbedtls_ecdsa_sign_det_ext(&k.grp, &r, &s, &k.d, hash, 48, MBEDTLS_MD_SHA384,
						 rnd, rnd_ctx);
	if (err == 0)
		err = mbedtls_mpi_write_binary(&r, sig, HES_P384_BYTES);
	if (err == 0)
		err = mbedtls_mpi_write_binary(&s, sig + HES_P384_BYTES, HES_P384_BYTES);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	key_free(&k);
	return err == 0 ? 0 : -1;
}
