/*
 * PSA Initial Attestation shaped entry points (as in TF-M's
 * psa/initial_attestation.h), so code written against the PSA
 * attestation API ports to Atoll with one include change. The token is a
 * CCA token (tag 399) of libatoll's default context: the backend named by
 * $ATOLL_BACKEND ("sim" if unset; "tsm" in a Linux realm guest), opened on
 * first use and kept for the process.
 */
#ifndef ATOLL_PSA_ATTEST_H
#define ATOLL_PSA_ATTEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef PSA_SUCCESS
typedef int32_t psa_status_t;
#define PSA_SUCCESS			((psa_status_t)0)
#define PSA_ERROR_GENERIC_ERROR		((psa_status_t)-132)
#define PSA_ERROR_NOT_SUPPORTED		((psa_status_t)-134)
#define PSA_ERROR_INVALID_ARGUMENT	((psa_status_t)-135)
#define PSA_ERROR_BUFFER_TOO_SMALL	((psa_status_t)-138)
#define PSA_ERROR_SERVICE_FAILURE	((psa_status_t)-144)
#endif

#define PSA_INITIAL_ATTEST_CHALLENGE_SIZE_32	32U
#define PSA_INITIAL_ATTEST_CHALLENGE_SIZE_48	48U
#define PSA_INITIAL_ATTEST_CHALLENGE_SIZE_64	64U

/*
 * A token whose challenge is auth_challenge (32, 48 or 64 bytes; a CCA
 * realm challenge is 64 bytes, so shorter ones are followed by zeros).
 * PSA_ERROR_BUFFER_TOO_SMALL if token_buf_size is short (*token_size then
 * says how much is needed), PSA_ERROR_INVALID_ARGUMENT for another
 * challenge size, PSA_ERROR_SERVICE_FAILURE if the backend failed
 * (atoll_psa_error() says why).
 */
psa_status_t psa_initial_attest_get_token(const uint8_t *auth_challenge, size_t challenge_size,
					  uint8_t *token_buf, size_t token_buf_size,
					  size_t *token_size);

/* The size of the token psa_initial_attest_get_token gives for this challenge size. */
psa_status_t psa_initial_attest_get_token_size(size_t challenge_size, size_t *token_size);

/* Why the calling process's latest PSA call failed ("" if it did not). */
const char *atoll_psa_error(void);

#ifdef __cplusplus
}
#endif

#endif
