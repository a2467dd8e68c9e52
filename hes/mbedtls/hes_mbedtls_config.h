/*
 * The HES's mbedTLS configuration: Atoll's RMM configuration (hashes,
 * ECDSA P-384, deterministic signing, arena allocation) plus what the key
 * hierarchy needs: AES-256 and CMAC for the SP800-108 seed KDF, and HKDF
 * for the P-384 key derivations; Base64 for the PEM form of the CPAK in the
 * reference values (build/atoll-refs). A superset, so that a process holding
 * both the RMM's host build and the HES (the SDK simulator) can link one
 * mbedTLS built with this file.
 */
#pragma once

#include "atoll_mbedtls_config.h"

#define MBEDTLS_AES_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CMAC_C
#define MBEDTLS_HKDF_C
#define MBEDTLS_BASE64_C
