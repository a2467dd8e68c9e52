/*
 * The CCA attestation token (spec section 6; see attest_token.h). INIT
 * encodes the realm part in its final form with a zero signature, and a
 * zero RAK claim while the RAK is not set up yet. Binding the key (at INIT
 * once the RAK is set up, else in CONTINUE once the set-up ends) fills in
 * the RAK claim and hashes the COSE Sig_structure; signing then fills in
 * the last 96 bytes.
 */
#include <rmm/attest_token.h>

#include <string.h>

#include <mbedtls/platform_util.h>
#include <mbedtls/sha512.h>

#include <lib/cbor.h>
#include <rmm/measure.h>

/* CBOR tags and claim keys (spec section 6). */
#define CCA_TOKEN_TAG			399U
#define CCA_PLATFORM_TOKEN		44234U
#define CCA_REALM_DELEGATED_TOKEN	44241U
#define COSE_SIGN1_TAG			18U

#define CCA_REALM_CHALLENGE		10U
#define CCA_REALM_PROFILE		265U
#define CCA_REALM_RPV			44235U
#define CCA_REALM_HASH_ALGO_ID		44236U
#define CCA_REALM_PUB_KEY		44237U
#define CCA_REALM_RIM			44238U
#define CCA_REALM_REM			44239U
#define CCA_REALM_PUB_KEY_HASH_ALGO_ID	44240U
#define CCA_REALM_CLAIMS		8U
#define CCA_REALM_REMS			4U

#define CCA_REALM_PROFILE_NAME		"tag:arm.com,2023:realm#1.0.0"

/* The protected header {1 (alg): -35 (ES384)}. */
static const uint8_t cose_protected[] = { 0xA1, 0x01, 0x38, 0x22 };

struct claims {
	const uint8_t *challenge;
	const struct rd *rd;
	size_t *key_off;	/* out: the RAK claim's content, from the payload's start */
};

/* The RAK claim until binding fills it in: the COSE_Key has a fixed size. */
static const uint8_t no_key[ATTEST_COSE_KEY_SIZE];

/* The realm claims map, in the order TF-RMM writes it (spec section 6). */
static void put_claims(struct cbor_enc *e, const struct claims *c)
{
	const struct rd *rd = c->rd;
	size_t dlen = measure_digest_size(rd->algo);

	cbor_put_map(e, CCA_REALM_CLAIMS);
	cbor_put_uint(e, CCA_REALM_CHALLENGE);
	cbor_put_bstr(e, c->challenge, ATTEST_CHALLENGE_SIZE);
	cbor_put_uint(e, CCA_REALM_RPV);
	cbor_put_bstr(e, rd->rpv, sizeof(rd->rpv));
	cbor_put_uint(e, CCA_REALM_PUB_KEY);
	cbor_put_bstr(e, no_key, sizeof(no_key));
	*c->key_off = cbor_enc_len(e) - sizeof(no_key);
	cbor_put_uint(e, CCA_REALM_HASH_ALGO_ID);
	cbor_put_tstr(e, rd->algo == MEASURE_SHA512 ? "sha-512" : "sha-256");
	cbor_put_uint(e, CCA_REALM_PUB_KEY_HASH_ALGO_ID);
	cbor_put_tstr(e, "sha-256");
	cbor_put_uint(e, CCA_REALM_PROFILE);
	cbor_put_tstr(e, CCA_REALM_PROFILE_NAME);
	cbor_put_uint(e, CCA_REALM_RIM);
	cbor_put_bstr(e, rd->rim, dlen);
	cbor_put_uint(e, CCA_REALM_REM);
	cbor_put_array(e, CCA_REALM_REMS);
	for (unsigned int i = 0; i < CCA_REALM_REMS; i++)
		cbor_put_bstr(e, rd->rem[i], dlen);
}

static size_t claims_size(const struct claims *c)
{
	struct cbor_enc e;

	cbor_enc_init_count(&e);
	put_claims(&e, c);
	return cbor_enc_finish(&e);
}

/* The realm token: tag 18 [protected, {}, payload, signature], signature zero for now. */
static void put_realm_token(struct cbor_enc *e, const struct claims *c, size_t payload_len)
{
	static const uint8_t no_signature[ATTEST_SIG_SIZE];
	struct cbor_enc payload;

	cbor_put_tag(e, COSE_SIGN1_TAG);
	cbor_put_array(e, 4);
	cbor_put_bstr(e, cose_protected, sizeof(cose_protected));
	cbor_put_map(e, 0);
	cbor_put_bstr_begin(e, &payload, payload_len);
	put_claims(&payload, c);
	cbor_put_bstr_end(e, &payload);
	cbor_put_bstr(e, no_signature, sizeof(no_signature));
}

static size_t realm_token_size(const struct claims *c, size_t payload_len)
{
	struct cbor_enc e;

	cbor_enc_init_count(&e);
	put_realm_token(&e, c, payload_len);
	return cbor_enc_finish(&e);
}

/*
 * SHA-384 of the COSE Sig_structure ["Signature1", protected, h'', payload]
 * (RFC 9052 4.4). The payload is hashed where it already lies.
 */
static bool hash_sig_structure(const uint8_t *payload, size_t len, uint8_t hash[ATTEST_HASH_SIZE])
{
	uint8_t prefix[32];
	mbedtls_sha512_context sha;
	struct cbor_enc e;
	size_t n;
	int err;

	cbor_enc_init(&e, prefix, sizeof(prefix));
	cbor_put_array(&e, 4);
	cbor_put_tstr(&e, "Signature1");
	cbor_put_bstr(&e, cose_protected, sizeof(cose_protected));
	cbor_put_bstr(&e, NULL, 0);
	cbor_put_bstr_head(&e, len);
	n = cbor_enc_len(&e);
	if (n == 0U)
		return false;
	mbedtls_sha512_init(&sha);
	err = mbedtls_sha512_starts(&sha, 1);	/* 1: SHA-384 */
	if (err == 0)
		err = mbedtls_sha512_update(&sha, prefix, n);
	if (err == 0)
		err = mbedtls_sha512_update(&sha, payload, len);
	if (err == 0)
		err = mbedtls_sha512_finish(&sha, hash);
	mbedtls_sha512_free(&sha);
	return err == 0;
}

/* The CCA token up to the platform token's content: tag, map, key, bstr head. */
static size_t encode_head(size_t plat_len, uint8_t head[ATTEST_HEAD_MAX])
{
	struct cbor_enc e;

	cbor_enc_init(&e, head, ATTEST_HEAD_MAX);
	cbor_put_tag(&e, CCA_TOKEN_TAG);
	cbor_put_map(&e, 2);
	cbor_put_uint(&e, CCA_PLATFORM_TOKEN);
	cbor_put_bstr_head(&e, plat_len);
	return cbor_enc_len(&e);
}

/* The claims' offset in the realm part: they end with a 2-byte head (58 60) and the signature. */
static size_t payload_pos(const struct attest_ctx *ctx)
{
	return ctx->realm_len - ATTEST_SIG_SIZE - 2U - ctx->payload_len;
}

/* Key 44241 and the realm token, with the RAK claim and the signature zero. */
static bool encode_realm_part(struct attest_ctx *ctx, const struct claims *c)
{
	size_t payload_len = claims_size(c);
	size_t token_len = realm_token_size(c, payload_len);
	struct cbor_enc e, token;

	cbor_enc_init(&e, ctx->realm, sizeof(ctx->realm));
	cbor_put_uint(&e, CCA_REALM_DELEGATED_TOKEN);
	cbor_put_bstr_begin(&e, &token, token_len);
	put_realm_token(&token, c, payload_len);
	cbor_put_bstr_end(&e, &token);
	ctx->realm_len = (uint32_t)cbor_enc_finish(&e);
	if (ctx->realm_len == 0U || payload_len == 0U)
		return false;
	ctx->payload_len = (uint16_t)payload_len;
	ctx->key_pos = (uint16_t)(payload_pos(ctx) + *c->key_off);
	return true;
}

/* Sets up the restartable signature; its allocations go to the ctx's own arena. */
static bool start_signing(struct attest_signer *sg, const uint8_t hash[ATTEST_HASH_SIZE])
{
	struct atoll_heap *prev;
	int err;

	atoll_heap_init(&sg->heap, sg->heap_buf, sizeof(sg->heap_buf));
	mbedtls_ecp_group_init(&sg->grp);
	mbedtls_mpi_init(&sg->r);
	mbedtls_mpi_init(&sg->s);
	mbedtls_ecdsa_restart_init(&sg->rs);
	mbedtls_hmac_drbg_init(&sg->blind);
	prev = atoll_heap_use(&sg->heap);
	err = mbedtls_ecp_group_load(&sg->grp, MBEDTLS_ECP_DP_SECP384R1);
	if (err == 0)
		err = attest_key_blind_seed(&sg->blind, hash, ATTEST_HASH_SIZE);
	atoll_heap_use(prev);
	return err == 0;
}

void attest_token_reset(struct attest_ctx *ctx)
{
	/*
	 * The arena may hold the signature's nonce: wipe everything. No
	 * mbedTLS free is needed, as every allocation lives in the ctx.
	 */
	mbedtls_platform_zeroize(ctx, sizeof(*ctx));
}

/*
 * With the RAK set up: its COSE_Key into the claims, the hash the signature
 * covers, and the signature started. The whole token must fit what INIT
 * announced (attest_token.h's sizes ensure it; checked all the same).
 */
static bool bind_key(struct attest_ctx *ctx)
{
	uint8_t head[ATTEST_HEAD_MAX];
	size_t plat_len, head_len;

	(void)attest_plat_token(&plat_len);
	head_len = encode_head(plat_len, head);
	if (head_len == 0U || head_len + plat_len + ctx->realm_len > RSI_ATTEST_TOKEN_MAX_SIZE)
		return false;
	memcpy(ctx->realm + ctx->key_pos, attest_key_cose(), ATTEST_COSE_KEY_SIZE);
	if (!hash_sig_structure(ctx->realm + payload_pos(ctx), ctx->payload_len, ctx->hash) ||
	    !start_signing(&ctx->sign, ctx->hash))
		return false;
	ctx->key_bound = true;
	return true;
}

bool attest_token_init(struct attest_ctx *ctx, const uint8_t challenge[ATTEST_CHALLENGE_SIZE],
		       const struct rd *rd)
{
	size_t key_off;
	const struct claims c = { challenge, rd, &key_off };

	attest_token_reset(ctx);
	if (attest_key_state() == ATTEST_KEY_UNAVAILABLE)
		return false;
	/* Before the RAK is set up (the first token), CONTINUE binds it. */
	if (!encode_realm_part(ctx, &c) || (attest_key_ready() && !bind_key(ctx))) {
		attest_token_reset(ctx);
		return false;
	}
	ctx->state = ATTEST_TOKEN_SIGNING;
	return true;
}

/*
 * The RAK set-up (shared with every other REC), then the key bound: DONE
 * to go on signing. YIELD when the set-up gave way, or when this call ran
 * its last slices and should_yield() now asks to stop (the key is bound,
 * the next call signs); ERROR, the ctx idle, when attestation is
 * unavailable.
 */
static enum attest_sign_result await_key(struct attest_ctx *ctx, bool (*should_yield)(void))
{
	bool was_ready = attest_key_ready();

	switch (attest_key_setup(should_yield)) {
	case ATTEST_KEY_PENDING:
		return ATTEST_SIGN_YIELD;
	case ATTEST_KEY_READY:
		if (!bind_key(ctx))
			break;
		return !was_ready && should_yield() ? ATTEST_SIGN_YIELD : ATTEST_SIGN_DONE;
	default:
		break;
	}
	attest_token_reset(ctx);
	return ATTEST_SIGN_ERROR;
}

/* r || s into the token's signature slot, the last 96 bytes of the realm part. */
static bool write_signature(struct attest_ctx *ctx)
{
	uint8_t *sig = ctx->realm + ctx->realm_len - ATTEST_SIG_SIZE;

	return mbedtls_mpi_write_binary(&ctx->sign.r, sig, ATTEST_P384_BYTES) == 0 &&
	       mbedtls_mpi_write_binary(&ctx->sign.s, sig + ATTEST_P384_BYTES,
					ATTEST_P384_BYTES) == 0;
}

enum attest_sign_result attest_token_continue_sign(struct attest_ctx *ctx,
						   bool (*should_yield)(void))
{
	struct attest_signer *sg = &ctx->sign;
	enum attest_sign_result res;
	struct atoll_heap *prev;
	int err;

	if (ctx->state != ATTEST_TOKEN_SIGNING)
		return ATTEST_SIGN_ERROR;
	if (!ctx->key_bound && (res = await_key(ctx, should_yield)) != ATTEST_SIGN_DONE)
		return res;
	prev = atoll_heap_use(&sg->heap);
	do {
		err = mbedtls_ecdsa_sign_det_restartable(&sg->grp, &sg->r, &sg->s,
							 attest_key_private(), ctx->hash,
							 sizeof(ctx->hash), MBEDTLS_MD_SHA384,
							 mbedtls_hmac_drbg_random, &sg->blind,
							 &sg->rs);
	} while (err == MBEDTLS_ERR_ECP_IN_PROGRESS && !should_yield());
	if (err == 0 && !write_signature(ctx))
		err = -1;
	atoll_heap_use(prev);

	if (err == MBEDTLS_ERR_ECP_IN_PROGRESS)
		return ATTEST_SIGN_YIELD;
	if (err != 0) {
		attest_token_reset(ctx);
		return ATTEST_SIGN_ERROR;
	}
	/* Only the token is needed now; the nonce and the rest go. */
	mbedtls_platform_zeroize(sg, sizeof(*sg));
	ctx->state = ATTEST_TOKEN_SIGNED;
	return ATTEST_SIGN_DONE;
}

/* Copies token bytes [pos, pos + n) from the three places they live. */
static void copy_out(const struct attest_ctx *ctx, size_t pos, uint8_t *dst, size_t n)
{
	uint8_t head[ATTEST_HEAD_MAX];
	size_t plat_len;
	const uint8_t *plat = attest_plat_token(&plat_len);
	const struct {
		const uint8_t *data;
		size_t len;
	} parts[] = {
		{ head, encode_head(plat_len, head) },
		{ plat, plat_len },
		{ ctx->realm, ctx->realm_len },
	};

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]) && n > 0U; i++) {
		size_t take;

		if (pos >= parts[i].len) {
			pos -= parts[i].len;
			continue;
		}
		take = parts[i].len - pos < n ? parts[i].len - pos : n;
		memcpy(dst, parts[i].data + pos, take);
		dst += take;
		n -= take;
		pos = 0;
	}
}

size_t attest_token_read(struct attest_ctx *ctx, void *dst, size_t size, bool *done)
{
	size_t total, n;

	*done = false;
	if (ctx->state != ATTEST_TOKEN_SIGNED)
		return 0;
	total = attest_token_size(ctx);
	n = size < total - ctx->pos ? size : total - ctx->pos;
	copy_out(ctx, ctx->pos, dst, n);
	ctx->pos += (uint32_t)n;
	if (ctx->pos == total) {
		attest_token_reset(ctx);
		*done = true;
	}
	return n;
}

enum attest_token_state attest_token_state(const struct attest_ctx *ctx)
{
	return ctx->state;
}

size_t attest_token_size(const struct attest_ctx *ctx)
{
	uint8_t head[ATTEST_HEAD_MAX];
	size_t plat_len;

	if (ctx->state == ATTEST_TOKEN_IDLE)
		return 0;
	(void)attest_plat_token(&plat_len);
	return encode_head(plat_len, head) + plat_len + ctx->realm_len;
}
