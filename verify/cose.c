/* COSE_Sign1 with ES384 (see cose.h). */
#include "cose.h"

#include <mbedtls/ecdsa.h>
#include <mbedtls/sha512.h>

#include "atoll_heap.h"

#define COSE_SIGN1_TAG		18U
#define COSE_HDR_ALG		1
#define COSE_ALG_ES384		(-35)

bool cose_each_pair(struct cbor_dec *d, cose_pair_fn fn, void *arg)
{
	uint64_t n;
	int64_t key;

	if (!cbor_get_map(d, &n))
		return false;
	for (uint64_t i = 0; i < n; i++) {
		if (!cbor_get_int(d, &key) || !fn(d, key, arg))
			return false;
	}
	return true;
}

static bool skip_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	(void)key;
	(void)arg;
	return cbor_skip(d);
}

static bool alg_pair(struct cbor_dec *d, int64_t key, void *arg)
{
	int64_t *alg = arg;

	if (key != COSE_HDR_ALG)
		return cbor_skip(d);
	return *alg == 0 && cbor_get_int(d, alg);
}

/* The protected header names ES384 (RFC 9053), once. */
static bool protected_is_es384(const struct cose_sign1 *c)
{
	struct cbor_dec d;
	int64_t alg = 0;

	cbor_dec_init(&d, c->protected_hdr, c->protected_len);
	return cose_each_pair(&d, alg_pair, &alg) && cbor_dec_done(&d) && alg == COSE_ALG_ES384;
}

bool cose_sign1_es384_parse(const uint8_t *buf, size_t len, struct cose_sign1 *c)
{
	struct cbor_dec d;
	uint64_t tag, n;

	cbor_dec_init(&d, buf, len);
	return cbor_get_tag(&d, &tag) && tag == COSE_SIGN1_TAG && cbor_get_array(&d, &n) &&
	       n == 4U && cbor_get_bstr(&d, &c->protected_hdr, &c->protected_len) &&
	       cose_each_pair(&d, skip_pair, NULL) &&
	       cbor_get_bstr(&d, &c->payload, &c->payload_len) &&
	       cbor_get_bstr(&d, &c->sig, &c->sig_len) && cbor_dec_done(&d) &&
	       protected_is_es384(c) && c->sig_len == 2U * COSE_P384_BYTES;
}

/* A CBOR head for a string of len bytes (len < 65536). */
static size_t string_head(uint8_t out[3], unsigned int major, size_t len)
{
	if (len < 24U) {
		out[0] = (uint8_t)(major << 5 | len);
		return 1;
	}
	if (len < 256U) {
		out[0] = (uint8_t)(major << 5 | 24U);
		out[1] = (uint8_t)len;
		return 2;
	}
	out[0] = (uint8_t)(major << 5 | 25U);
	out[1] = (uint8_t)(len >> 8);
	out[2] = (uint8_t)len;
	return 3;
}

static void hash_string(mbedtls_sha512_context *sha, unsigned int major, const void *s,
			size_t len)
{
	uint8_t head[3];

	(void)mbedtls_sha512_update(sha, head, string_head(head, major, len));
	(void)mbedtls_sha512_update(sha, s, len);
}

/* SHA-384 of ["Signature1", protected, h'', payload] (RFC 9052 4.4). */
static void sig_structure_hash(const struct cose_sign1 *c, uint8_t hash[48])
{
	static const uint8_t array4 = 0x84;
	mbedtls_sha512_context sha;

	mbedtls_sha512_init(&sha);
	(void)mbedtls_sha512_starts(&sha, 1);
	(void)mbedtls_sha512_update(&sha, &array4, 1);
	hash_string(&sha, 3, "Signature1", 10);
	hash_string(&sha, 2, c->protected_hdr, c->protected_len);
	hash_string(&sha, 2, NULL, 0);
	hash_string(&sha, 2, c->payload, c->payload_len);
	(void)mbedtls_sha512_finish(&sha, hash);
	mbedtls_sha512_free(&sha);
}

/* ECDSA P-384 of r || s over the hash, under point; its own mbedTLS arena. */
static enum cose_verify_result es384_verify(const uint8_t point[COSE_P384_POINT_BYTES],
					    const uint8_t hash[48], const uint8_t *sig)
{
	static uint8_t arena[16384];
	struct atoll_heap heap;
	struct atoll_heap *prev;
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;
	enum cose_verify_result res = COSE_VERIFY_BAD_KEY;

	atoll_heap_init(&heap, arena, sizeof(arena));
	prev = atoll_heap_use(&heap);
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	if (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1) == 0 &&
	    mbedtls_ecp_point_read_binary(&grp, &q, point, COSE_P384_POINT_BYTES) == 0 &&
	    mbedtls_ecp_check_pubkey(&grp, &q) == 0) {
		res = COSE_VERIFY_BAD_SIGNATURE;
		if (mbedtls_mpi_read_binary(&r, sig, COSE_P384_BYTES) == 0 &&
		    mbedtls_mpi_read_binary(&s, sig + COSE_P384_BYTES, COSE_P384_BYTES) == 0 &&
		    mbedtls_ecdsa_verify(&grp, hash, 48, &q, &r, &s) == 0)
			res = COSE_VERIFY_OK;
	}
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	atoll_heap_use(prev);
	return res;
}

enum cose_verify_result cose_sign1_es384_verify(const struct cose_sign1 *c,
						const uint8_t point[COSE_P384_POINT_BYTES])
{
	uint8_t hash[48];

	sig_structure_hash(c, hash);
	return es384_verify(point, hash, c->sig);
}
