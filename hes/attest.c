/*
 * Delegated attestation (shared/hes.md 2.2): GET_DELEGATED_KEY derives this
 * boot's DAK from the DAK seed with the CBOR boot data as HKDF INFO;
 * GET_PLATFORM_TOKEN accepts only the hash of that key's COSE_Key, in the
 * caller's algorithm, as challenge: what TF-RMM 0.6 and Atoll's RMM send.
 * GET_DELEGATED_PUB_KEY (Atoll's) hands out that key's public part, so
 * the RMM need not derive it.
 */
#include <hes/hes.h>

#include <string.h>

#include <hes/token.h>
#include <mbedtls/platform_util.h>

/* COSE_Key labels and values (RFC 9053): kty EC2, crv P-384, x, y. */
#define COSE_KEY_KTY		1
#define COSE_KEY_KTY_EC2	2
#define COSE_KEY_CRV		(-1)
#define COSE_KEY_CRV_P384	2
#define COSE_KEY_X		(-2)
#define COSE_KEY_Y		(-3)

size_t hes_cose_key_p384(const uint8_t pub[HES_P384_PUB_BYTES], uint8_t *out, size_t cap)
{
	static const int64_t header[] = { COSE_KEY_KTY, COSE_KEY_KTY_EC2, COSE_KEY_CRV,
					  COSE_KEY_CRV_P384 };
	struct cbor_enc e;

	cbor_enc_init(&e, out, cap);
	cbor_put_map(&e, 4);
	for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		cbor_put_int(&e, header[i]);
	cbor_put_int(&e, COSE_KEY_X);
	cbor_put_bstr(&e, pub + 1, HES_P384_BYTES);
	cbor_put_int(&e, COSE_KEY_Y);
	cbor_put_bstr(&e, pub + 1 + HES_P384_BYTES, HES_P384_BYTES);
	return cbor_enc_finish(&e);
}

/* The request's parameters, in the checks' order: curve and size, then the hash. */
static int32_t check_key_request(uint8_t curve, uint32_t bits, uint32_t hash_alg)
{
	if (curve != PSA_ECC_FAMILY_SECP_R1 || bits != 8U * HES_P384_BYTES)
		return PSA_ERROR_NOT_SUPPORTED;
	if (hes_alg_hash_len(hash_alg) == 0U)
		return PSA_ERROR_INVALID_ARGUMENT;
	return PSA_SUCCESS;
}

int32_t hes_get_delegated_key(struct hes *h, uint8_t curve, uint32_t bits, uint32_t hash_alg,
			      uint8_t *out, size_t cap, size_t *len)
{
	struct atoll_heap *prev;
	size_t info_len;
	int32_t status = check_key_request(curve, bits, hash_alg);
	int err;

	if (status != PSA_SUCCESS)
		return status;
	if (cap < HES_P384_BYTES)
		return PSA_ERROR_BUFFER_TOO_SMALL;
	/* As TF-M: a DAK bound to no measurement at all is refused. */
	if (hes_slots_populated(&h->slots) == 0U)
		return PSA_ERROR_INVALID_ARGUMENT;
	info_len = hes_bootdata_measurements(&h->slots, h->scratch, sizeof(h->scratch));
	mbedtls_platform_zeroize(&h->dak, sizeof(h->dak));
	prev = hes_crypto_enter(h);
	err = info_len == 0U ||
	      hes_derive_p384(h->dak_seed, HES_SEED_SIZE, h->scratch, info_len, h->dak.priv) != 0;
	hes_crypto_leave(prev);
	if (err != 0)
		return PSA_ERROR_GENERIC_ERROR;
	h->dak.derived = true;
	h->dak.hash_alg = hash_alg;
	memcpy(out, h->dak.priv, HES_P384_BYTES);
	*len = HES_P384_BYTES;
	return PSA_SUCCESS;
}

/* The DAK's public key, computed the first time it is needed. */
static int dak_public(struct hes *h)
{
	struct atoll_heap *prev;
	int err;

	if (h->dak.pub_known)
		return 0;
	prev = hes_crypto_enter(h);
	err = hes_p384_public(h->dak.priv, h->dak.pub, h->rnd, h->rnd_ctx);
	hes_crypto_leave(prev);
	h->dak.pub_known = err == 0;
	return err;
}

/* H_alg(COSE_Key(DAK public)), computed the first time a token is asked for. */
static int dak_challenge(struct hes *h)
{
	uint8_t cose[HES_COSE_KEY_P384_SIZE];
	int err;

	if (h->dak.challenge_known)
		return 0;
	err = dak_public(h);
	if (err == 0 && hes_cose_key_p384(h->dak.pub, cose, sizeof(cose)) != sizeof(cose))
		err = -1;
	if (err == 0)
		err = hes_alg_hash(h->dak.hash_alg, cose, sizeof(cose), h->dak.challenge);
	h->dak.challenge_known = err == 0;
	return err;
}

int32_t hes_get_platform_token(struct hes *h, const uint8_t *challenge, size_t challenge_len,
			       uint8_t *out, size_t cap, size_t *len)
{
	if (!h->dak.derived || challenge_len != hes_alg_hash_len(h->dak.hash_alg))
		return PSA_ERROR_INVALID_ARGUMENT;
	if (dak_challenge(h) != 0)
		return PSA_ERROR_GENERIC_ERROR;
	if (memcmp(challenge, h->dak.challenge, challenge_len) != 0)
		return PSA_ERROR_INVALID_ARGUMENT;
	return hes_token_build(h, challenge, challenge_len, out, cap, len);
}

int32_t hes_get_delegated_pub_key(struct hes *h, uint8_t *out, size_t cap, size_t *len)
{
	if (!h->dak.derived)
		return PSA_ERROR_BAD_STATE;
	if (cap < HES_P384_PUB_BYTES)
		return PSA_ERROR_BUFFER_TOO_SMALL;
	if (dak_public(h) != 0)
		return PSA_ERROR_GENERIC_ERROR;
	memcpy(out, h->dak.pub, HES_P384_PUB_BYTES);
	*len = HES_P384_PUB_BYTES;
	return PSA_SUCCESS;
}
