/*
 * Atoll's mbedTLS 3.6 configuration, shared by the firmware and host builds
 * (selected with -DMBEDTLS_CONFIG_FILE). It replaces mbedtls_config.h, so
 * everything not enabled here is off: no entropy, file IO, time, threading,
 * standard library or self tests, none of which the freestanding RMM has.
 */
#pragma once

/* Realm measurements (spec section 5): RmiHashAlgorithm SHA_256 and SHA_512. */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C
/*
 * One of the RMM's two copies of sha256.c/sha512.c uses the SHA-256/SHA-512
 * instructions (FEAT_SHA256, FEAT_SHA512): about 15 times fewer
 * instructions than the C code, the other copy, which the RMM takes on a
 * CPU without them (atoll_sha_select.h). They use the SIMD registers, so
 * every RMM path that hashes saves the normal world's SIMD state first (the
 * dispatch table's uses_simd column). Other builds keep the portable C code.
 */
#if defined(ATOLL_SHA_ARMV8_CRYPTO)
#define MBEDTLS_SHA256_USE_ARMV8_A_CRYPTO_ONLY
#define MBEDTLS_SHA512_USE_A64_CRYPTO_ONLY
#endif

/*
 * Attestation (spec section 6): ES384, that is ECDSA on P-384 over a
 * SHA-384 hash; SHA-256 for the RAK hash the platform token binds to.
 */
#define MBEDTLS_SHA384_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM		/* P-384's fast modular reduction */
#define MBEDTLS_ECDSA_C
/* ecdsa.c's DER signature helpers need these, though Atoll writes r || s. */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
/* 64x64-bit multiply in inline assembly (general registers only on AArch64). */
#define MBEDTLS_HAVE_ASM

/*
 * The realm token is signed in slices (mbedtls_ecp_set_max_ops) so an RSI
 * call can give way to a host interrupt between them.
 */
#define MBEDTLS_ECP_RESTARTABLE

/*
 * Deterministic ECDSA (RFC 6979): the nonce comes from HMAC_DRBG keyed by
 * the private key and the hash, so signing needs no entropy source.
 */
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_HMAC_DRBG_C
#define MBEDTLS_MD_C

/*
 * Realm sealing keys (docs/sealing.md): HKDF-SHA-256 over a VHUK, on the
 * HMAC of md.c already built for HMAC_DRBG.
 */
#define MBEDTLS_HKDF_C

/*
 * Memory: bignum allocates. Neither the RMM nor the realm host has a heap,
 * so mbedTLS allocates from an arena the caller chooses per CPU
 * (atoll_heap.c): a REC's in-progress signature lives in the REC's own
 * arena, and survives between RSI calls without a shared pool.
 */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_PLATFORM_CALLOC_MACRO	atoll_heap_calloc
#define MBEDTLS_PLATFORM_FREE_MACRO	atoll_heap_free
#include <stddef.h>
void *atoll_heap_calloc(size_t n, size_t size);
void atoll_heap_free(void *ptr);

/*
 * The firmware has no explicit_bzero(); atoll_mbedtls_platform.c supplies
 * mbedtls_platform_zeroize() for both builds so they run the same code.
 */
#define MBEDTLS_PLATFORM_ZEROIZE_ALT
