/*
 * The RMM links mbedTLS's sha256.c and sha512.c twice: built for the
 * CPU's SHA instructions (FEAT_SHA256, FEAT_SHA512) and as portable C
 * (mk/mbedtls.mk). atoll_sha_select.c provides the mbedtls_sha256_*() and
 * mbedtls_sha512_*() functions that hash, which everything else calls (the
 * RMM, md.c, HKDF, HMAC-DRBG), and sends each to the copy chosen here.
 * Until a choice is made, the C code runs.
 */
#pragma once

#include <stdbool.h>

/* Once, at cold boot, before anything hashes; the choice holds for every CPU. */
void atoll_sha_select(bool sha256_insns, bool sha512_insns);
