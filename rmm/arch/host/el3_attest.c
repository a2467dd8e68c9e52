/*
 * Emulated EL3 attestation services for the host build: a fixed test Realm
 * Attestation Key (and, when a test asks, its public key), a platform token
 * that this "EL3" builds and signs itself (a tagged COSE_Sign1, ES384, with
 * the spec's platform claims and the RMM's challenge), as HES would on a
 * device, and two fixed VHUKs (Atoll's vendor GET_VHUKS call). Tests change
 * the behaviour through host_el3_attest (harness.h).
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ecdsa.h>
#include <mbedtls/hmac_drbg.h>
#include <mbedtls/sha512.h>

#include <atoll/el3.h>
#include <lib/cbor.h>
#include <rmm/arch.h>

#include "atoll_heap.h"

/* Arbitrary test scalars, both below the P-384 group order. */
const uint8_t host_el3_rak[HOST_EL3_KEY_SIZE] = {
	0x3a, 0x91, 0x0c, 0x57, 0xe2, 0x48, 0x6d, 0x13, 0xb5, 0x7f, 0x20, 0xc4,
	0x89, 0x5e, 0x01, 0xdd, 0x62, 0xaf, 0x37, 0x9b, 0x14, 0xc8, 0x70, 0x2e,
	0x55, 0xf3, 0x0a, 0x8d, 0xbe, 0x46, 0x19, 0x72, 0xe0, 0x3c, 0x97, 0x5b,
	0x28, 0xd1, 0x64, 0x0f, 0xa3, 0x8e, 0x51, 0xc6, 0x7a, 0x12, 0xeb, 0x39,
};
const uint8_t host_el3_platform_key[HOST_EL3_KEY_SIZE] = {
	0x5c, 0x17, 0xa8, 0x42, 0x9e, 0x03, 0xd6, 0x71, 0x2b, 0xf0, 0x64, 0xc9,
	0x18, 0x85, 0x3d, 0xea, 0x47, 0x0b, 0x92, 0x6f, 0xd4, 0x21, 0x7c, 0xb3,
	0x09, 0x5a, 0xe7, 0x36, 0x81, 0xcd, 0x4f, 0x10, 0x6b, 0xa2, 0x3e, 0xf5,
	0x97, 0x24, 0xc0, 0x58, 0x0d, 0xb6, 0x63, 0x8a, 0x1f, 0xe9, 0x45, 0x7e,
};

/* host_el3_rak's public key, 04 || x || y (python3-cryptography; attest_test checks it with OpenSSL). */
const uint8_t host_el3_rak_pub[HOST_EL3_PUBKEY_SIZE] = {
	0x04, 0xf7, 0xed, 0x52, 0xba, 0x1b, 0x25, 0x7b, 0xa4, 0x57, 0x8d, 0x4b,
	0xc4, 0x96, 0x62, 0xce, 0x2b, 0x42, 0xc9, 0x84, 0xd4, 0xe9, 0xad, 0x8e,
	0x79, 0x3a, 0x69, 0x2f, 0xd3, 0xb3, 0xe5, 0x43, 0x7c, 0x8e, 0x1a, 0x2c,
	0x2e, 0xec, 0x1a, 0x49, 0xa5, 0x2f, 0x61, 0x5e, 0x4b, 0x90, 0xef, 0x3b,
	0x40, 0xcf, 0xe3, 0xa6, 0x3f, 0x05, 0x7e, 0x67, 0xe7, 0x77, 0x7f, 0xc7,
	0xf4, 0x45, 0x3e, 0x03, 0xff, 0x5c, 0x5c, 0xca, 0x7a, 0x98, 0x7b, 0x10,
	0xa9, 0x32, 0x48, 0xd3, 0xba, 0x05, 0x76, 0xe0, 0xf8, 0x4a, 0x1e, 0xd2,
	0x39, 0x10, 0x0c, 0xae, 0x64, 0xaf, 0x9c, 0x8e, 0xb4, 0x66, 0x7a, 0xc9,
	0x6d,
};

/* Arbitrary test VHUKs, distinct and neither zero (M: byte i = 0xE0 - i). */
const uint8_t host_el3_vhuk_a[HOST_EL3_VHUK_SIZE] = {
	0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0,
	0x10, 0x00, 0x30, 0x20, 0x50, 0x40, 0x70, 0x60, 0x90, 0x80, 0xb0, 0xa0, 0xd0, 0xc0, 0xf0, 0xe0,
};
const uint8_t host_el3_vhuk_m[HOST_EL3_VHUK_SIZE] = {
	0xe0, 0xdf, 0xde, 0xdd, 0xdc, 0xdb, 0xda, 0xd9, 0xd8, 0xd7, 0xd6, 0xd5, 0xd4, 0xd3, 0xd2, 0xd1,
	0xd0, 0xcf, 0xce, 0xcd, 0xcc, 0xcb, 0xca, 0xc9, 0xc8, 0xc7, 0xc6, 0xc5, 0xc4, 0xc3, 0xc2, 0xc1,
};

struct host_el3_attest host_el3_attest;

void host_el3_attest_reset(void)
{
	memset(&host_el3_attest, 0, sizeof(host_el3_attest));
}

int64_t arch_el3_get_realm_key(uint8_t *buf, size_t size, size_t *key_len)
{
	host_el3_attest.realm_key_calls++;
	*key_len = 0;
	if (host_el3_attest.realm_key_error != 0)
		return host_el3_attest.realm_key_error;
	if (size < sizeof(host_el3_rak))
		return E_RMM_INVAL;
	memcpy(buf, host_el3_rak, sizeof(host_el3_rak));
	*key_len = sizeof(host_el3_rak);
	return E_RMM_OK;
}

int64_t arch_el3_get_realm_pubkey(uint8_t *buf, size_t size, size_t *key_len)
{
	size_t len = sizeof(host_el3_rak_pub);

	host_el3_attest.pubkey_calls++;
	*key_len = 0;
	if (host_el3_attest.pubkey == HOST_EL3_PUBKEY_WITHHELD)
		return E_RMM_UNK;	/* SMC_UNK */
	if (size < sizeof(host_el3_rak_pub))
		return E_RMM_INVAL;
	memcpy(buf, host_el3_rak_pub, sizeof(host_el3_rak_pub));
	switch (host_el3_attest.pubkey) {
	case HOST_EL3_PUBKEY_OFF_CURVE:
		buf[len - 1]++;
		break;
	case HOST_EL3_PUBKEY_SHORT:
		len--;
		break;
	case HOST_EL3_PUBKEY_COMPRESSED:
		buf[0] = (uint8_t)(0x02U | (buf[len - 1] & 1U));
		len = 1U + HOST_EL3_KEY_SIZE;
		break;
	default:
		break;
	}
	*key_len = len;
	return E_RMM_OK;
}

int64_t arch_el3_get_vhuks(uint8_t vhuk_a[ARCH_VHUK_SIZE], uint8_t vhuk_m[ARCH_VHUK_SIZE])
{
	const uint8_t *a = host_el3_attest.vhuk_a != NULL ? host_el3_attest.vhuk_a : host_el3_vhuk_a;
	const uint8_t *m = host_el3_attest.vhuk_m != NULL ? host_el3_attest.vhuk_m : host_el3_vhuk_m;

	host_el3_attest.vhuk_calls++;
	if (host_el3_attest.vhuk_error != 0) {
		memset(vhuk_a, 0, ARCH_VHUK_SIZE);
		memset(vhuk_m, 0, ARCH_VHUK_SIZE);
		return host_el3_attest.vhuk_error;
	}
	memcpy(vhuk_a, a, ARCH_VHUK_SIZE);
	memcpy(vhuk_m, m, ARCH_VHUK_SIZE);
	return E_RMM_OK;
}

/* ---- The platform token ------------------------------------------------- */

#define PLAT_TOKEN_MAX	1024U

/* Platform claim keys (spec section 6). */
enum {
	PLAT_CHALLENGE = 10,
	PLAT_INSTANCE_ID = 256,
	PLAT_PROFILE = 265,
	PLAT_SECURITY_LIFECYCLE = 2395,
	PLAT_IMPLEMENTATION_ID = 2396,
	PLAT_SW_COMPONENTS = 2399,
	PLAT_VERIFICATION_SERVICE = 2400,
	PLAT_CONFIG = 2401,
	PLAT_HASH_ALGO_ID = 2402,
};

/* Software component map keys. */
enum { SW_TYPE = 1, SW_VALUE = 2, SW_VERSION = 4, SW_SIGNER_ID = 5, SW_HASH_ALGO = 6 };

static const uint8_t cose_protected[] = { 0xA1, 0x01, 0x38, 0x22 };	/* {1: -35} */

/* A recognisable 32-byte value per use: byte i = seed + i. */
static void pattern(uint8_t out[32], uint8_t seed)
{
	for (unsigned int i = 0; i < 32U; i++)
		out[i] = (uint8_t)(seed + i);
}

static void put_sw_component(struct cbor_enc *e, const char *type, uint8_t seed)
{
	uint8_t value[32], signer[32];

	pattern(value, seed);
	pattern(signer, 0xA0);
	cbor_put_map(e, 5);
	cbor_put_uint(e, SW_TYPE);
	cbor_put_tstr(e, type);
	cbor_put_uint(e, SW_VALUE);
	cbor_put_bstr(e, value, sizeof(value));
	cbor_put_uint(e, SW_VERSION);
	cbor_put_tstr(e, "2.12.1");
	cbor_put_uint(e, SW_SIGNER_ID);
	cbor_put_bstr(e, signer, sizeof(signer));
	cbor_put_uint(e, SW_HASH_ALGO);
	cbor_put_tstr(e, "sha-256");
}

static void put_plat_claims(struct cbor_enc *e, const uint8_t *challenge, size_t c_size)
{
	static const uint8_t config[] = { 0xCF, 0x00, 0x00, 0x00 };
	uint8_t impl_id[32], instance_id[33];

	pattern(impl_id, 0x10);
	instance_id[0] = 0x01;	/* UEID type RAND */
	pattern(instance_id + 1, 0x40);
	cbor_put_map(e, 9);
	cbor_put_uint(e, PLAT_PROFILE);
	cbor_put_tstr(e, "tag:arm.com,2023:cca_platform#1.0.0");
	cbor_put_uint(e, PLAT_CHALLENGE);
	cbor_put_bstr(e, challenge, c_size);
	cbor_put_uint(e, PLAT_IMPLEMENTATION_ID);
	cbor_put_bstr(e, impl_id, sizeof(impl_id));
	cbor_put_uint(e, PLAT_INSTANCE_ID);
	cbor_put_bstr(e, instance_id, sizeof(instance_id));
	cbor_put_uint(e, PLAT_CONFIG);
	cbor_put_bstr(e, config, sizeof(config));
	cbor_put_uint(e, PLAT_SECURITY_LIFECYCLE);
	cbor_put_uint(e, 0x3003);
	cbor_put_uint(e, PLAT_SW_COMPONENTS);
	cbor_put_array(e, 2);
	put_sw_component(e, "BL2", 0x60);
	put_sw_component(e, "BL31", 0x80);
	cbor_put_uint(e, PLAT_VERIFICATION_SERVICE);
	cbor_put_tstr(e, "https://veraison.example/.well-known/veraison/verification");
	cbor_put_uint(e, PLAT_HASH_ALGO_ID);
	cbor_put_tstr(e, "sha-256");
}

/* SHA-384 of the Sig_structure ["Signature1", protected, h'', payload]. */
static void sig_structure_hash(const uint8_t *payload, size_t len, uint8_t hash[48])
{
	uint8_t buf[PLAT_TOKEN_MAX];
	struct cbor_enc e;

	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_array(&e, 4);
	cbor_put_tstr(&e, "Signature1");
	cbor_put_bstr(&e, cose_protected, sizeof(cose_protected));
	cbor_put_bstr(&e, NULL, 0);
	cbor_put_bstr(&e, payload, len);
	if (cbor_enc_finish(&e) == 0U ||
	    mbedtls_sha512(buf, cbor_enc_finish(&e), hash, 1) != 0)
		abort();
}

/* ES384 r || s with the platform key. Any failure is a bug in the emulation. */
static void platform_sign(const uint8_t hash[48], uint8_t sig[96])
{
	static uint8_t arena[8192];
	struct atoll_heap heap;
	struct atoll_heap *prev;
	mbedtls_ecp_group grp;
	mbedtls_mpi d, r, s;
	mbedtls_hmac_drbg_context blind;
	int err;

	atoll_heap_init(&heap, arena, sizeof(arena));
	prev = atoll_heap_use(&heap);
	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&d);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	mbedtls_hmac_drbg_init(&blind);
	err = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1);
	if (err == 0)
		err = mbedtls_mpi_read_binary(&d, host_el3_platform_key, HOST_EL3_KEY_SIZE);
	if (err == 0)
		err = mbedtls_hmac_drbg_seed_buf(&blind, mbedtls_md_info_from_type(MBEDTLS_MD_SHA384),
						 hash, 48);
	if (err == 0)
		err = mbedtls_ecdsa_sign_det_ext(&grp, &r, &s, &d, hash, 48, MBEDTLS_MD_SHA384,
						 mbedtls_hmac_drbg_random, &blind);
	if (err == 0)
		err = mbedtls_mpi_write_binary(&r, sig, 48);
	if (err == 0)
		err = mbedtls_mpi_write_binary(&s, sig + 48, 48);
	mbedtls_hmac_drbg_free(&blind);
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&d);
	mbedtls_ecp_group_free(&grp);
	atoll_heap_use(prev);
	if (err != 0) {
		fprintf(stderr, "host platform: platform token signing failed (%d)\n", err);
		abort();
	}
}

/* tag 18 [protected, {}, payload, signature]; returns its length. */
static size_t build_plat_token(const uint8_t *challenge, size_t c_size, uint8_t *out, size_t size)
{
	uint8_t payload[PLAT_TOKEN_MAX], hash[48], sig[96];
	struct cbor_enc e;
	size_t len;

	cbor_enc_init(&e, payload, sizeof(payload));
	put_plat_claims(&e, challenge, c_size);
	len = cbor_enc_finish(&e);
	sig_structure_hash(payload, len, hash);
	platform_sign(hash, sig);
	cbor_enc_init(&e, out, size);
	cbor_put_tag(&e, 18);
	cbor_put_array(&e, 4);
	cbor_put_bstr(&e, cose_protected, sizeof(cose_protected));
	cbor_put_map(&e, 0);
	cbor_put_bstr(&e, payload, len);
	cbor_put_bstr(&e, sig, sizeof(sig));
	return cbor_enc_finish(&e);
}

/* A stand-in of the size a test asked for: the RMM embeds the token unread. */
static int64_t opaque_token(uint8_t *buf, size_t size, size_t *token_len)
{
	if (host_el3_attest.plat_token_size > size)
		return E_RMM_NOMEM;
	memset(buf, 0xA5, host_el3_attest.plat_token_size);
	*token_len = host_el3_attest.plat_token_size;
	return E_RMM_OK;
}

int64_t arch_el3_get_plat_token(const uint8_t *challenge, size_t c_size, uint8_t *buf,
				size_t size, size_t *token_len)
{
	/* Signing costs milliseconds under ASan and every test boots: keep the last one. */
	static uint8_t cached[PLAT_TOKEN_MAX], cached_challenge[64];
	static size_t cached_len, cached_c_size;

	host_el3_attest.plat_token_calls++;
	*token_len = 0;
	if (c_size != 32U && c_size != 48U && c_size != 64U)
		return E_RMM_INVAL;
	memcpy(host_el3_attest.challenge, challenge, c_size);
	host_el3_attest.c_size = c_size;
	if (host_el3_attest.plat_token_error != 0)
		return host_el3_attest.plat_token_error;
	if (cached_len == 0U || c_size != cached_c_size ||
	    memcmp(challenge, cached_challenge, c_size) != 0) {
		cached_len = build_plat_token(challenge, c_size, cached, sizeof(cached));
		memcpy(cached_challenge, challenge, c_size);
		cached_c_size = c_size;
	}
	if (host_el3_attest.plat_token_size != 0U)
		return opaque_token(buf, size, token_len);
	if (cached_len == 0U)
		abort();
	if (cached_len > size)
		return E_RMM_NOMEM;
	memcpy(buf, cached, cached_len);
	*token_len = cached_len;
	return E_RMM_OK;
}
