/* The PSA-shaped entry points (atoll/psa_attest.h) on a default context. */
#include <atoll/psa_attest.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct atoll_ctx *default_ctx;
static atoll_status open_status;
static char psa_error[ATOLL_DETAIL_MAX];

static void open_default(void)
{
	const char *backend = getenv("ATOLL_BACKEND");

	open_status = atoll_open(&default_ctx, backend != NULL && backend[0] != '\0' ? backend : "sim",
				 NULL);
	if (open_status != ATOLL_OK)
		(void)snprintf(psa_error, sizeof(psa_error), "%s", atoll_open_error());
}

static psa_status_t psa_of(atoll_status st)
{
	switch (st) {
	case ATOLL_OK:
		return PSA_SUCCESS;
	case ATOLL_E_BUFFER_TOO_SMALL:
		return PSA_ERROR_BUFFER_TOO_SMALL;
	case ATOLL_E_INVALID_ARG:
		return PSA_ERROR_INVALID_ARGUMENT;
	case ATOLL_E_UNSUPPORTED:
		return PSA_ERROR_NOT_SUPPORTED;
	default:
		return PSA_ERROR_SERVICE_FAILURE;
	}
}

static bool size_valid(size_t n)
{
	return n == PSA_INITIAL_ATTEST_CHALLENGE_SIZE_32 || n == PSA_INITIAL_ATTEST_CHALLENGE_SIZE_48 ||
	       n == PSA_INITIAL_ATTEST_CHALLENGE_SIZE_64;
}

ATOLL_API const char *atoll_psa_error(void)
{
	return psa_error;
}

ATOLL_API psa_status_t psa_initial_attest_get_token(const uint8_t *auth_challenge,
						    size_t challenge_size, uint8_t *token_buf,
						    size_t token_buf_size, size_t *token_size)
{
	uint8_t challenge[ATOLL_CHALLENGE_SIZE] = { 0 };
	atoll_status st;

	if (auth_challenge == NULL || token_size == NULL || !size_valid(challenge_size) ||
	    (token_buf == NULL && token_buf_size != 0U)) {
		(void)snprintf(psa_error, sizeof(psa_error),
			       "the challenge must be 32, 48 or 64 bytes, with a token size pointer");
		return PSA_ERROR_INVALID_ARGUMENT;
	}
	(void)pthread_once(&once, open_default);
	if (open_status != ATOLL_OK)
		return psa_of(open_status);
	memcpy(challenge, auth_challenge, challenge_size);
	st = atoll_attest(default_ctx, challenge, token_buf, token_buf_size, token_size);
	(void)snprintf(psa_error, sizeof(psa_error), "%s", atoll_error_detail(default_ctx));
	return psa_of(st);
}

ATOLL_API psa_status_t psa_initial_attest_get_token_size(size_t challenge_size, size_t *token_size)
{
	static const uint8_t zero[ATOLL_CHALLENGE_SIZE];
	uint8_t token[ATOLL_TOKEN_MAX];

	/* Every claim has a fixed size: a token for any challenge is as long. */
	return psa_initial_attest_get_token(zero, challenge_size, token, sizeof(token), token_size);
}
