/*
 * The HES's mbedTLS configuration: Atoll's RMM configuration (hashes,
 * ECDSA P-384, deterministic signing, arena allocation) plus what the key
 * hierarchy needs: AES-256 and CMAC for the SP800-108 seed KDF, and HKDF
 * for the P-384 key derivations. A superset, so that a process holding
 * both the RMM's host build and the HES (the SDK simulator) can link one
 * mbedTLS built with this file.
 */
#pragma once

#include "atoll_mbedtls_config.h"

#define MBEDTLS_AES_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CMAC_C
#define MBEDTLS_HKDF_C
