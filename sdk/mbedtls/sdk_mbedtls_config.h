/*
 * libatoll's mbedTLS configuration: the HES core's (the RMM's, plus AES,
 * CMAC, HKDF and base64), which every part linked into the library needs,
 * plus GCM for sealed blobs. One configuration for the whole library, so
 * that the RMM core, the HES core, verify/ and the SDK agree on every
 * mbedTLS structure.
 */
#pragma once

#include "hes_mbedtls_config.h"

#define MBEDTLS_GCM_C
