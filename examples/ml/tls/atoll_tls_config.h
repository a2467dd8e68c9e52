/*
 * The confidential-ML example's mbedTLS 3.6 configuration (docs/attested-channel.md):
 * the one configuration of every TLS peer, the ML server realm, the model
 * provider, the chat client and the x86 test server. Selected with
 * -DMBEDTLS_CONFIG_FILE='"atoll_tls_config.h"'; it replaces mbedtls_config.h,
 * so whatever is not enabled here is off.
 *
 * TLS 1.3 only, certificate-based (EC)DHE: ECDHE on P-256 (secp256r1), a
 * self-signed ECDSA P-256 server certificate that the server writes at start,
 * AES-GCM (TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384), the keying-material
 * exporter that binds the attestation token to the session. No session
 * tickets, no PSK, no renegotiation (TLS 1.3 has none), no TLS 1.2, no time,
 * no file I/O.
 *
 * Platform items (entropy source, allocator, standard functions) sit in the
 * two marked blocks at the end. The default is a hosted build (x86 Linux:
 * libc's calloc, the OS's entropy). A freestanding peer (the realm) defines
 * ATOLL_TLS_FREESTANDING before including this file, from an overlay such as
 * examples/ml/realm/atoll_tls_realm_config.h, and provides what that block
 * names.
 */
#pragma once

/* ---- TLS 1.3 ------------------------------------------------------------------ */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C		/* the provider and the client */
#define MBEDTLS_SSL_SRV_C		/* the ML server */
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE	/* required by TLS 1.3 in mbedTLS */
/* mbedtls_ssl_export_keying_material(): the channel binding (RFC 8446 section 7.5). */
#define MBEDTLS_SSL_KEYING_MATERIAL_EXPORT
#define MBEDTLS_SSL_CIPHERSUITES \
	MBEDTLS_TLS1_3_AES_128_GCM_SHA256, MBEDTLS_TLS1_3_AES_256_GCM_SHA384
/*
 * Left out on purpose: MBEDTLS_SSL_SESSION_TICKETS (no resumption: every
 * session is attested afresh), MBEDTLS_SSL_RENEGOTIATION, MBEDTLS_SSL_PROTO_TLS1_2,
 * the PSK modes, MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE (no middleboxes on a
 * Unix socket), MBEDTLS_SSL_SERVER_NAME_INDICATION, MBEDTLS_SSL_ALPN,
 * MBEDTLS_SSL_EARLY_DATA, MBEDTLS_NET_C and MBEDTLS_TIMING_C (the peers give
 * their own BIO callbacks), MBEDTLS_DEBUG_C.
 * Records stay at the default 16 KB each way, as TLS requires of a receiver.
 */

/* ---- PSA crypto (TLS 1.3 derives its keys and does ECDH through PSA) ------------ */
#define MBEDTLS_PSA_CRYPTO_C
/* The legacy modules below give PSA its built-in algorithms (no PSA_CRYPTO_CONFIG). */

/* ---- Certificates: the server writes one, the clients parse it -------------------- */
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CREATE_C
#define MBEDTLS_X509_CRT_WRITE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

/* ---- Public-key algorithms: ECDHE and ECDSA on P-256 ------------------------------ */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_HAVE_ASM		/* bignum multiply in inline assembly (x86-64, AArch64) */

/* ---- Symmetric algorithms and hashes --------------------------------------------- */
#define MBEDTLS_AES_C
#define MBEDTLS_GCM_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_HKDF_C			/* gives PSA HKDF, HKDF-Extract and HKDF-Expand */

/* ---- Random numbers: CTR_DRBG seeded from the entropy module ---------------------- */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C

#define MBEDTLS_PLATFORM_C

#if !defined(ATOLL_TLS_FREESTANDING)
/* ==== Platform block: hosted (x86 Linux) ============================================ */
/*
 * Entropy from the OS (getrandom(2), entropy_poll.c's platform source);
 * mbedTLS's snprintf/printf are libc's; memory from libc's calloc/free,
 * replaceable at run time (mbedtls_platform_set_calloc_free), which the
 * channel tests use to measure the server's heap.
 */
#define MBEDTLS_PLATFORM_MEMORY
#else
/* ==== Platform block: freestanding (the realm) ====================================== */
#include <stddef.h>
/*
 * No OS entropy: the only source is mbedtls_hardware_poll(), which the realm
 * gives from RNDR (realm/rndr.c) and which fails rather than falls back.
 */
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT
/*
 * No libc: allocation through the realm heap, and no standard functions.
 * The overlay (examples/ml/realm/atoll_tls_realm_config.h) defines
 * MBEDTLS_PLATFORM_CALLOC_MACRO, _FREE_MACRO and _SNPRINTF_MACRO (or
 * ATOLL_TLS_CALLOC / ATOLL_TLS_FREE for the defaults below), and what the
 * cross compiler's Unix headers would otherwise pull in (mbedTLS's
 * MBEDTLS_TEST_PLATFORM_IS_NOT_UNIXLIKE, MBEDTLS_TEST_SW_INET_PTON,
 * MBEDTLS_PLATFORM_ZEROIZE_ALT).
 */
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#if !defined(MBEDTLS_PLATFORM_CALLOC_MACRO)
#if !defined(ATOLL_TLS_CALLOC)
#define ATOLL_TLS_CALLOC atoll_tls_calloc
#define ATOLL_TLS_FREE atoll_tls_free
void *atoll_tls_calloc(size_t n, size_t size);
void atoll_tls_free(void *ptr);
#endif
#define MBEDTLS_PLATFORM_CALLOC_MACRO ATOLL_TLS_CALLOC
#define MBEDTLS_PLATFORM_FREE_MACRO ATOLL_TLS_FREE
#endif
#endif
