/*
 * The CCA platform token (shared/hes.md 5): #6.18 COSE_Sign1, protected
 * header {1: -35} (ES384), signed by the CPAK over the COSE Sig_structure.
 * Claims, in this order: 265 profile, 10 challenge, 2396 implementation id,
 * 256 instance id (0x01 || SHA-256 of the CPAK's SEC1 public key), 2401
 * platform config, 2395 lifecycle, 2399 sw-components (bootdata.h), 2402
 * hash algorithm (the DAK's, which hashed the challenge), and 2400
 * verification service only when configured.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct hes;

#define HES_TOKEN_PROFILE	"tag:arm.com,2023:cca_platform#1.0.0"

/* Claim labels. */
#define HES_CLAIM_CHALLENGE		10
#define HES_CLAIM_INSTANCE_ID		256
#define HES_CLAIM_PROFILE		265
#define HES_CLAIM_LIFECYCLE		2395
#define HES_CLAIM_IMPLEMENTATION_ID	2396
#define HES_CLAIM_SW_COMPONENTS		2399
#define HES_CLAIM_VERIFICATION_SERVICE	2400
#define HES_CLAIM_PLATFORM_CONFIG	2401
#define HES_CLAIM_HASH_ALGO		2402

/* The challenge is not checked here (attest.c does); BUFFER_TOO_SMALL past cap. */
int32_t hes_token_build(struct hes *h, const uint8_t *challenge, size_t challenge_len,
			uint8_t *out, size_t cap, size_t *len);
