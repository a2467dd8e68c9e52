/*
 * The Realm Attestation Key and the platform token (spec 6 and 7.2): asked
 * of EL3 once, at cold boot, before any other CPU runs. Everything here is
 * written only by attest_key_init() and read-only afterwards.
 */
#include <rmm/attest_key.h>

#include <string.h>

#include <mbedtls/ecp.h>
#include <mbedtls/hmac_drbg.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include <atoll/el3.h>
#include <lib/cbor.h>
#include <rmm/arch.h>
#include <rmm/log.h>

#include "atoll_heap.h"

#define SHA256_SIZE	32U

/* COSE_Key labels and values (RFC 9053): kty EC2, crv P-384, x, y. */
#define COSE_KEY_KTY		1
#define COSE_KEY_KTY_EC2	2
#define COSE_KEY_CRV		(-1)
#define COSE_KEY_CRV_P384	2
#define COSE_KEY_X		(-2)
#define COSE_KEY_Y		(-3)

/*
 * The boot-time arena: the key derivation's temporaries, then only the
 * private scalar's limbs, which stay for the RMM's lifetime.
 */
#define RAK_HEAP_SIZE	4096U

static struct {
	bool ready;
	mbedtls_mpi d;
	uint8_t cose_key[ATTEST_COSE_KEY_SIZE];
	uint8_t plat_token[ATTEST_PLAT_TOKEN_MAX];
	size_t plat_token_len;
	struct atoll_heap heap;
	uint8_t heap_buf[RAK_HEAP_SIZE];
} rak;

static bool unavailable(const char *why, int64_t code)
{
	rmm_log("RMM: attestation not available: %s (%ld)\n", why, (long)code);
	return false;
}

/* Imports the scalar EL3 hands over; no copy of it outlives this function. */
static bool load_private_key(const mbedtls_ecp_group *grp)
{
	uint8_t buf[2U * ATTEST_P384_BYTES];
	size_t len = 0;
	int64_t ret = arch_el3_get_realm_key(buf, sizeof(buf), &len);
	int err = 0;

	if (ret == E_RMM_OK && len == ATTEST_P384_BYTES) {
		err = mbedtls_mpi_read_binary(&rak.d, buf, len);
		if (err == 0)
			err = mbedtls_ecp_check_privkey(grp, &rak.d);
	}
	mbedtls_platform_zeroize(buf, sizeof(buf));
	if (ret != E_RMM_OK)
		return unavailable("EL3 gave no realm attestation key", ret);
	if (len != ATTEST_P384_BYTES)
		return unavailable("realm attestation key is not a P-384 scalar", (int64_t)len);
	if (err != 0)
		return unavailable("realm attestation key rejected", err);
	return true;
}

static bool encode_cose_key(const mbedtls_ecp_group *grp, const mbedtls_ecp_point *q)
{
	/* SEC1 uncompressed: 04 || x || y. */
	uint8_t point[1U + 2U * ATTEST_P384_BYTES];
	struct cbor_enc e;
	size_t len;

	if (mbedtls_ecp_point_write_binary(grp, q, MBEDTLS_ECP_PF_UNCOMPRESSED, &len, point,
					   sizeof(point)) != 0 ||
	    len != sizeof(point))
		return false;
	cbor_enc_init(&e, rak.cose_key, sizeof(rak.cose_key));
	cbor_put_map(&e, 4);
	cbor_put_int(&e, COSE_KEY_KTY);
	cbor_put_int(&e, COSE_KEY_KTY_EC2);
	cbor_put_int(&e, COSE_KEY_CRV);
	cbor_put_int(&e, COSE_KEY_CRV_P384);
	cbor_put_int(&e, COSE_KEY_X);
	cbor_put_bstr(&e, point + 1, ATTEST_P384_BYTES);
	cbor_put_int(&e, COSE_KEY_Y);
	cbor_put_bstr(&e, point + 1 + ATTEST_P384_BYTES, ATTEST_P384_BYTES);
	return cbor_enc_finish(&e) == ATTEST_COSE_KEY_SIZE;
}

/* Q = d.G, encoded as the COSE_Key the realm token carries. */
static bool derive_public_key(mbedtls_ecp_group *grp)
{
	static const char label[] = "Atoll RAK public key";
	mbedtls_hmac_drbg_context blind;
	mbedtls_ecp_point q;
	int err;

	mbedtls_ecp_point_init(&q);
	mbedtls_hmac_drbg_init(&blind);
	err = attest_key_blind_seed(&blind, (const uint8_t *)label, sizeof(label));
	if (err == 0)
		err = mbedtls_ecp_mul(grp, &q, &rak.d, &grp->G, mbedtls_hmac_drbg_random, &blind);
	if (err == 0 && !encode_cose_key(grp, &q))
		err = -1;
	mbedtls_hmac_drbg_free(&blind);
	mbedtls_ecp_point_free(&q);
	return err == 0 ? true : unavailable("cannot derive the RAK public key", err);
}

/* The platform token, bound to the RAK by its challenge: SHA-256(COSE_Key). */
static bool fetch_plat_token(void)
{
	uint8_t challenge[SHA256_SIZE];
	int64_t ret;

	(void)mbedtls_sha256(rak.cose_key, sizeof(rak.cose_key), challenge, 0);
	ret = arch_el3_get_plat_token(challenge, sizeof(challenge), rak.plat_token,
				      sizeof(rak.plat_token), &rak.plat_token_len);
	if (ret != E_RMM_OK)
		return unavailable("EL3 gave no platform token", ret);
	if (rak.plat_token_len == 0U)
		return unavailable("empty platform token", 0);
	return true;
}

bool attest_key_init(void)
{
	mbedtls_ecp_group grp;
	struct atoll_heap *prev;
	bool ok;

	/* A host-build test boots many times: forget the previous boot's key. */
	mbedtls_platform_zeroize(&rak, sizeof(rak));
	atoll_heap_set_cpu_fn(arch_cpu_index);
	mbedtls_ecp_set_max_ops(ATTEST_SIGN_MAX_OPS);
	atoll_heap_init(&rak.heap, rak.heap_buf, sizeof(rak.heap_buf));
	prev = atoll_heap_use(&rak.heap);
	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&rak.d);
	ok = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1) == 0 &&
	     load_private_key(&grp) && derive_public_key(&grp) && fetch_plat_token();
	mbedtls_ecp_group_free(&grp);
	if (!ok)
		mbedtls_mpi_free(&rak.d);
	atoll_heap_use(prev);
	rak.ready = ok;
	if (ok)
		rmm_log("RMM: attestation available: P-384 RAK, platform token of %lu bytes\n",
			(unsigned long)rak.plat_token_len);
	return ok;
}

bool attest_key_ready(void)
{
	return rak.ready;
}

const mbedtls_mpi *attest_key_private(void)
{
	return &rak.d;
}

const uint8_t *attest_key_cose(void)
{
	return rak.cose_key;
}

const uint8_t *attest_plat_token(size_t *len)
{
	*len = rak.plat_token_len;
	return rak.plat_token;
}

int attest_key_blind_seed(mbedtls_hmac_drbg_context *drbg, const uint8_t *extra, size_t len)
{
	static uint64_t uses;
	uint8_t seed[ATTEST_P384_BYTES + sizeof(uint64_t)];
	uint64_t n = __atomic_fetch_add(&uses, 1U, __ATOMIC_RELAXED);
	int err;

	err = mbedtls_mpi_write_binary(&rak.d, seed, ATTEST_P384_BYTES);
	memcpy(seed + ATTEST_P384_BYTES, &n, sizeof(n));
	if (err == 0)
		err = mbedtls_hmac_drbg_seed_buf(drbg, mbedtls_md_info_from_type(MBEDTLS_MD_SHA384),
						 seed, sizeof(seed));
	if (err == 0)
		err = mbedtls_hmac_drbg_update(drbg, extra, len);
	mbedtls_platform_zeroize(seed, sizeof(seed));
	return err;
}
