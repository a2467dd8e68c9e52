/* The CCA platform token (see token.h). */
#include <hes/token.h>

#include <string.h>

#include <hes/hes.h>
#include <lib/cbor.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#define COSE_SIGN1_TAG		18U
#define UEID_TYPE_RAND		0x01U	/* instance id: a random-type UEID */
#define SHA384_SIZE		48U

/* The protected header, {1: -35}: alg ES384. */
static const uint8_t protected_es384[] = { 0xA1, 0x01, 0x38, 0x22 };

static void put_instance_id(struct cbor_enc *e, const struct hes *h)
{
	uint8_t ueid[1U + 32U];

	ueid[0] = UEID_TYPE_RAND;
	(void)mbedtls_sha256(h->cpak_pub, HES_P384_PUB_BYTES, ueid + 1, 0);
	cbor_put_uint(e, HES_CLAIM_INSTANCE_ID);
	cbor_put_bstr(e, ueid, sizeof(ueid));
}

static void put_claims(struct cbor_enc *e, const struct hes *h, const uint8_t *challenge,
		       size_t challenge_len)
{
	bool url = h->cfg.verification_url[0] != '\0';

	cbor_put_map(e, url ? 9U : 8U);
	cbor_put_uint(e, HES_CLAIM_PROFILE);
	cbor_put_tstr(e, HES_TOKEN_PROFILE);
	cbor_put_uint(e, HES_CLAIM_CHALLENGE);
	cbor_put_bstr(e, challenge, challenge_len);
	cbor_put_uint(e, HES_CLAIM_IMPLEMENTATION_ID);
	cbor_put_bstr(e, h->cfg.implementation_id, HES_IMPLEMENTATION_ID_SIZE);
	put_instance_id(e, h);
	cbor_put_uint(e, HES_CLAIM_PLATFORM_CONFIG);
	cbor_put_bstr(e, h->cfg.platform_config, h->cfg.platform_config_len);
	cbor_put_uint(e, HES_CLAIM_LIFECYCLE);
	cbor_put_uint(e, h->roots.lifecycle);
	cbor_put_uint(e, HES_CLAIM_SW_COMPONENTS);
	hes_bootdata_put_measurements(e, &h->slots);
	cbor_put_uint(e, HES_CLAIM_HASH_ALGO);
	cbor_put_tstr(e, hes_alg_name(h->dak.hash_alg));
	if (url) {
		cbor_put_uint(e, HES_CLAIM_VERIFICATION_SERVICE);
		cbor_put_tstr(e, h->cfg.verification_url);
	}
}

/* SHA-384 of Sig_structure ["Signature1", protected, h'', payload]. */
static int sig_structure_hash(const uint8_t *payload, size_t len, uint8_t hash[SHA384_SIZE])
{
	uint8_t head[32];
	struct cbor_enc e;
	mbedtls_sha512_context sha;
	int err;

	cbor_enc_init(&e, head, sizeof(head));
	cbor_put_array(&e, 4);
	cbor_put_tstr(&e, "Signature1");
	cbor_put_bstr(&e, protected_es384, sizeof(protected_es384));
	cbor_put_bstr(&e, NULL, 0);
	cbor_put_bstr_head(&e, len);
	if (cbor_enc_len(&e) == 0U)
		return -1;
	mbedtls_sha512_init(&sha);
	err = mbedtls_sha512_starts(&sha, 1);
	if (err == 0)
		err = mbedtls_sha512_update(&sha, head, cbor_enc_len(&e));
	if (err == 0)
		err = mbedtls_sha512_update(&sha, payload, len);
	if (err == 0)
		err = mbedtls_sha512_finish(&sha, hash);
	mbedtls_sha512_free(&sha);
	return err;
}

static int sign_payload(struct hes *h, const uint8_t *payload, size_t len,
			uint8_t sig[HES_P384_SIG_BYTES])
{
	uint8_t hash[SHA384_SIZE];
	struct atoll_heap *prev;
	int err = sig_structure_hash(payload, len, hash);

	if (err != 0)
		return err;
	prev = hes_crypto_enter(h);
	err = hes_p384_sign(h->cpak_priv, hash, sig, h->rnd, h->rnd_ctx);
	hes_crypto_leave(prev);
	return err;
}

static size_t put_envelope(uint8_t *out, size_t cap, const uint8_t *payload, size_t len,
			   const uint8_t sig[HES_P384_SIG_BYTES])
{
	struct cbor_enc e;

	cbor_enc_init(&e, out, cap);
	cbor_put_tag(&e, COSE_SIGN1_TAG);
	cbor_put_array(&e, 4);
	cbor_put_bstr(&e, protected_es384, sizeof(protected_es384));
	cbor_put_map(&e, 0);
	cbor_put_bstr(&e, payload, len);
	cbor_put_bstr(&e, sig, HES_P384_SIG_BYTES);
	return cbor_enc_finish(&e);
}

int32_t hes_token_build(struct hes *h, const uint8_t *challenge, size_t challenge_len,
			uint8_t *out, size_t cap, size_t *len)
{
	uint8_t sig[HES_P384_SIG_BYTES];
	struct cbor_enc e;
	size_t payload_len;

	cbor_enc_init(&e, h->scratch, sizeof(h->scratch));
	put_claims(&e, h, challenge, challenge_len);
	payload_len = cbor_enc_finish(&e);
	if (payload_len == 0U)
		return PSA_ERROR_GENERIC_ERROR;
	if (sign_payload(h, h->scratch, payload_len, sig) != 0)
		return PSA_ERROR_GENERIC_ERROR;
	*len = put_envelope(out, cap, h->scratch, payload_len, sig);
	return *len == 0U ? PSA_ERROR_BUFFER_TOO_SMALL : PSA_SUCCESS;
}
