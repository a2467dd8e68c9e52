/*
 * Atoll's mbedTLS 3.6 configuration, shared by the firmware and host builds
 * (selected with -DMBEDTLS_CONFIG_FILE). It replaces mbedtls_config.h, so
 * everything not enabled here is off: no entropy, file IO, time, threading,
 * heap or self tests, none of which the freestanding RMM has.
 */
#pragma once

/* Realm measurements (spec section 5): RmiHashAlgorithm SHA_256 and SHA_512. */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C

/*
 * The firmware has no explicit_bzero(); atoll_mbedtls_platform.c supplies
 * mbedtls_platform_zeroize() for both builds so they run the same code.
 */
#define MBEDTLS_PLATFORM_ZEROIZE_ALT

/*
 * Attestation (spec section 6) will need ECDSA P-384 over SHA-384. Not
 * enabled yet; it roughly takes:
 *   MBEDTLS_SHA384_C, MBEDTLS_BIGNUM_C, MBEDTLS_ECP_C,
 *   MBEDTLS_ECP_DP_SECP384R1_ENABLED, MBEDTLS_ECDSA_C,
 *   MBEDTLS_ASN1_WRITE_C, MBEDTLS_ASN1_PARSE_C, and a static heap
 *   (MBEDTLS_PLATFORM_C, MBEDTLS_PLATFORM_MEMORY,
 *   MBEDTLS_MEMORY_BUFFER_ALLOC_C) since bignum allocates.
 */
