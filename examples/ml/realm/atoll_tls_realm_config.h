/*
 * The realm's overlay of the one TLS configuration (examples/ml/tls/
 * atoll_tls_config.h): only platform items. mbedTLS allocates from the
 * payload's heap (realm/heap.c, an arena of rmm/mbedtls/atoll_heap.c), its
 * snprintf is lib/snprintf.c, its only entropy source RNDR
 * (mbedtls_hardware_poll() in realm/rndr.c). No time, no file system: the
 * shared configuration already leaves them out.
 */
#pragma once

#include <stddef.h>

#define ATOLL_TLS_FREESTANDING
/*
 * The cross compiler targets Linux, but a realm payload has no OS: none of
 * mbedTLS's Unix paths (getpid() for fork detection), its own inet_pton
 * rather than a sockets library's, and the zeroize of
 * rmm/mbedtls/atoll_mbedtls_platform.c rather than libc's explicit_bzero.
 */
#define MBEDTLS_TEST_PLATFORM_IS_NOT_UNIXLIKE
#define MBEDTLS_TEST_SW_INET_PTON
#define MBEDTLS_PLATFORM_ZEROIZE_ALT
/*
 * The realm's CPU has the Armv8 AES, PMULL and SHA instructions (the RMM
 * hashes with them too): AES-GCM and SHA-256/512 on them only, no run-time
 * detection (Linux's getauxval) and no table-based fallback. The model's
 * bytes go through TLS, ml_model_load's SHA-256 and sealing: at 2.7 MB this
 * is most of what the realm computes.
 */
#define MBEDTLS_AESCE_C
#define MBEDTLS_AES_USE_HARDWARE_ONLY
#define MBEDTLS_SHA256_USE_ARMV8_A_CRYPTO_ONLY
#define MBEDTLS_SHA512_USE_A64_CRYPTO_ONLY
#define MBEDTLS_PLATFORM_CALLOC_MACRO	atoll_heap_calloc
#define MBEDTLS_PLATFORM_FREE_MACRO	atoll_heap_free
#define MBEDTLS_PLATFORM_SNPRINTF_MACRO	snprintf
void *atoll_heap_calloc(size_t n, size_t size);
void atoll_heap_free(void *ptr);
int snprintf(char *restrict out, size_t cap, const char *restrict fmt, ...);

#include "atoll_tls_config.h"
