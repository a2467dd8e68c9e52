/*
 * The PSA values the HES speaks (shared/hes.md 1.8, 2.1, 2.2): status codes,
 * service handles and call types, and the hash algorithm ids callers name.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* PSA status codes (TF-A include/lib/psa/psa/error.h). */
#define PSA_SUCCESS			0
#define PSA_ERROR_PROGRAMMER_ERROR	(-129)
#define PSA_ERROR_GENERIC_ERROR		(-132)
#define PSA_ERROR_NOT_PERMITTED		(-133)
#define PSA_ERROR_NOT_SUPPORTED		(-134)
#define PSA_ERROR_INVALID_ARGUMENT	(-135)
#define PSA_ERROR_INVALID_HANDLE	(-136)
#define PSA_ERROR_BAD_STATE		(-137)
#define PSA_ERROR_BUFFER_TOO_SMALL	(-138)
#define PSA_ERROR_DOES_NOT_EXIST	(-140)
#define PSA_ERROR_INSUFFICIENT_MEMORY	(-141)
#define PSA_ERROR_SERVICE_FAILURE	(-144)

/* Service handles (TF-A psa_manifest/sid.h; VHUK as ISLET-TFA's sid.h). */
#define HES_SID_MEASURED_BOOT		0x40000110
#define HES_SID_DELEGATED_ATTEST	0x40000111
#define HES_SID_VHUK			0x40000115

/* Call types per service. */
#define HES_TYPE_MB_READ		1001
#define HES_TYPE_MB_EXTEND		1002
#define HES_TYPE_GET_DELEGATED_KEY	1001
#define HES_TYPE_GET_PLATFORM_TOKEN	1002
/* Atoll's, outside the numbers RSE uses: the public key of this boot's DAK. */
#define HES_TYPE_GET_DELEGATED_PUB_KEY	1100
#define HES_TYPE_GET_VHUK		1006

/* PSA algorithm ids of the hashes a slot or a DAK may use. */
#define PSA_ALG_SHA_256			0x02000009U
#define PSA_ALG_SHA_384			0x0200000AU
#define PSA_ALG_SHA_512			0x0200000BU

/* PSA_ECC_FAMILY_SECP_R1: the only curve family the HES derives keys on. */
#define PSA_ECC_FAMILY_SECP_R1		0x12U

#define HES_HASH_MAX			64U

/* Digest length of a PSA hash id, 0 if it is none of the three above. */
size_t hes_alg_hash_len(uint32_t alg);

/* The token's name for it ("sha-256", ...), NULL if unknown. */
const char *hes_alg_name(uint32_t alg);

/* out = H_alg(data); 0 on success. */
int hes_alg_hash(uint32_t alg, const void *data, size_t len, uint8_t *out);
