/*
 * Sealed blobs (format in docs/sdk.md): AES-256-GCM with mbedTLS under the
 * backend's realm sealing key; the 32-byte header is the AAD.
 */
#include <stdlib.h>
#include <string.h>

#include <mbedtls/gcm.h>
#include <mbedtls/platform_util.h>

#include "atoll_heap.h"
#include "internal.h"

#define BLOB_MAGIC		"ATSB"
#define BLOB_VERSION		1U
#define BLOB_HEADER_SIZE	32U
#define BLOB_NONCE_OFFSET	16U
#define BLOB_NONCE_SIZE		12U
#define BLOB_LEN_OFFSET		28U
#define BLOB_TAG_SIZE		16U
#define BLOB_FLAGS_VALID	ATOLL_SEAL_RIM_BOUND
#define BLOB_DATA_MAX		(64U << 20)

_Static_assert(BLOB_HEADER_SIZE + BLOB_TAG_SIZE == ATOLL_SEAL_OVERHEAD, "blob overhead");

struct blob_header {
	atoll_key_policy policy;
	unsigned int flags;
	uint64_t svn;
	uint32_t len;
};

static void put_le(uint8_t *p, uint64_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8U * i));
}

static uint64_t get_le(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	for (unsigned int i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

/* The sealing key, then GCM on one call; its own mbedTLS arena. */
static atoll_status gcm(struct atoll_ctx *ctx, bool seal, const struct blob_header *h,
			const uint8_t *hdr, const uint8_t *in, uint8_t *out, uint8_t *tag_out,
			const uint8_t *tag_in)
{
	_Alignas(8) uint8_t arena[4096];
	uint8_t key[ATOLL_SEALING_KEY_SIZE];
	struct atoll_heap heap, *prev;
	mbedtls_gcm_context g;
	atoll_status st;
	int err;

	if (ctx->ops->sealing_key == NULL)
		return atoll_fail(ctx, ATOLL_E_UNSUPPORTED, "the %s backend has no sealing key",
				  ctx->ops->name);
	st = ctx->ops->sealing_key(ctx, h->policy, (h->flags & ATOLL_SEAL_RIM_BOUND) != 0U, h->svn,
				   key);
	if (st != ATOLL_OK)
		return st;
	atoll_heap_init(&heap, arena, sizeof(arena));
	prev = atoll_heap_use(&heap);
	mbedtls_gcm_init(&g);
	err = mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, 256);
	if (err == 0 && seal)
		err = mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, h->len,
						hdr + BLOB_NONCE_OFFSET, BLOB_NONCE_SIZE, hdr,
						BLOB_HEADER_SIZE, in, out, BLOB_TAG_SIZE, tag_out);
	else if (err == 0)
		err = mbedtls_gcm_auth_decrypt(&g, h->len, hdr + BLOB_NONCE_OFFSET, BLOB_NONCE_SIZE,
					       hdr, BLOB_HEADER_SIZE, tag_in, BLOB_TAG_SIZE, in, out);
	mbedtls_gcm_free(&g);
	atoll_heap_use(prev);
	mbedtls_platform_zeroize(key, sizeof(key));
	mbedtls_platform_zeroize(arena, sizeof(arena));
	if (err == MBEDTLS_ERR_GCM_AUTH_FAILED)
		return atoll_fail(ctx, ATOLL_E_BLOB_AUTH,
				  "the blob's tag does not verify: it was changed, or sealed by another "
				  "realm, platform or key policy");
	if (err != 0)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "AES-GCM failed (mbedTLS %d)", err);
	return ATOLL_OK;
}

static atoll_status seal(struct atoll_ctx *ctx, const struct blob_header *h, const uint8_t *data,
			 uint8_t *blob)
{
	memcpy(blob, BLOB_MAGIC, 4);
	blob[4] = BLOB_VERSION;
	blob[5] = (uint8_t)h->policy;
	blob[6] = (uint8_t)h->flags;
	blob[7] = 0;
	put_le(blob + 8, h->svn, 8);
	if (!atoll_random(blob + BLOB_NONCE_OFFSET, BLOB_NONCE_SIZE))
		return atoll_fail(ctx, ATOLL_E_BACKEND, "no random nonce from the platform");
	put_le(blob + BLOB_LEN_OFFSET, h->len, 4);
	return gcm(ctx, true, h, blob, data, blob + BLOB_HEADER_SIZE,
		   blob + BLOB_HEADER_SIZE + h->len, NULL);
}

ATOLL_API atoll_status atoll_seal(struct atoll_ctx *ctx, atoll_key_policy key_policy,
				  unsigned int flags, uint64_t svn, const uint8_t *data, size_t len,
				  uint8_t *blob, size_t cap, size_t *blob_len)
{
	struct blob_header h = { key_policy, flags, svn, (uint32_t)len };
	atoll_status st;

	if (ctx == NULL)
		return ATOLL_E_INVALID_ARG;
	ctx->detail[0] = '\0';
	if (blob_len == NULL || (data == NULL && len != 0U) || (blob == NULL && cap != 0U))
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG, "no data, blob or length");
	if ((key_policy != ATOLL_KEY_VHUK_A && key_policy != ATOLL_KEY_VHUK_M) ||
	    (flags & ~BLOB_FLAGS_VALID) != 0U || len > BLOB_DATA_MAX)
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG,
				  "key policy must be VHUK_A or VHUK_M, flags RIM_BOUND only, data "
				  "at most %u bytes", BLOB_DATA_MAX);
	*blob_len = len + ATOLL_SEAL_OVERHEAD;
	if (cap < *blob_len)
		return atoll_fail(ctx, ATOLL_E_BUFFER_TOO_SMALL, "the blob needs %zu bytes", *blob_len);
	atoll_lock();
	st = seal(ctx, &h, data, blob);
	atoll_unlock();
	return st;
}

/* Everything about the header that can be judged without the key. */
static atoll_status read_header(struct atoll_ctx *ctx, const uint8_t *blob, size_t blob_len,
				struct blob_header *h)
{
	if (blob_len < ATOLL_SEAL_OVERHEAD || memcmp(blob, BLOB_MAGIC, 4) != 0)
		return atoll_fail(ctx, ATOLL_E_BLOB_FORMAT,
				  "not a sealed blob (no \"" BLOB_MAGIC "\" header, or under %u bytes)",
				  ATOLL_SEAL_OVERHEAD);
	if (blob[4] != BLOB_VERSION)
		return atoll_fail(ctx, ATOLL_E_BLOB_VERSION,
				  "sealed blob format version %u; this library reads version %u",
				  blob[4], BLOB_VERSION);
	h->policy = (atoll_key_policy)blob[5];
	h->flags = blob[6];
	h->svn = get_le(blob + 8, 8);
	h->len = (uint32_t)get_le(blob + BLOB_LEN_OFFSET, 4);
	if (h->policy != ATOLL_KEY_VHUK_A && h->policy != ATOLL_KEY_VHUK_M)
		return atoll_fail(ctx, ATOLL_E_BLOB_FORMAT, "unknown key policy %u in the header",
				  blob[5]);
	if ((h->flags & ~BLOB_FLAGS_VALID) != 0U || blob[7] != 0U)
		return atoll_fail(ctx, ATOLL_E_BLOB_FORMAT, "reserved header bits are set");
	if ((uint64_t)h->len + ATOLL_SEAL_OVERHEAD != blob_len)
		return atoll_fail(ctx, ATOLL_E_BLOB_FORMAT,
				  "the header says %u bytes of data, the blob holds %zu", h->len,
				  blob_len - ATOLL_SEAL_OVERHEAD);
	return ATOLL_OK;
}

ATOLL_API atoll_status atoll_unseal(struct atoll_ctx *ctx, const uint8_t *blob, size_t blob_len,
				    uint8_t *data, size_t cap, size_t *len)
{
	struct blob_header h;
	uint8_t *plain;
	atoll_status st;

	if (ctx == NULL)
		return ATOLL_E_INVALID_ARG;
	ctx->detail[0] = '\0';
	if (blob == NULL || len == NULL || (data == NULL && cap != 0U))
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG, "no blob, data or length");
	st = read_header(ctx, blob, blob_len, &h);
	if (st != ATOLL_OK)
		return st;
	*len = h.len;
	if (cap < h.len)
		return atoll_fail(ctx, ATOLL_E_BUFFER_TOO_SMALL, "the data needs %u bytes", h.len);
	/* Into a buffer of our own: the caller's sees nothing unless the tag verifies. */
	plain = malloc(h.len != 0U ? h.len : 1U);
	if (plain == NULL)
		return atoll_fail(ctx, ATOLL_E_NOMEM, "no memory for %u bytes", h.len);
	atoll_lock();
	st = gcm(ctx, false, &h, blob, blob + BLOB_HEADER_SIZE, plain,
		 NULL, blob + BLOB_HEADER_SIZE + h.len);
	atoll_unlock();
	if (st == ATOLL_OK && h.len != 0U)
		memcpy(data, plain, h.len);
	mbedtls_platform_zeroize(plain, h.len);
	free(plain);
	return st;
}
