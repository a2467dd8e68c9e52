/* mbedTLS's SHA-256/512 entry points, on the CPU's instructions or in C (atoll_sha_select.h). */
#include "atoll_sha_select.h"

#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

/* Written once at cold boot, before another CPU runs RMM code; read-only after. */
static bool sha256_insns, sha512_insns;

void atoll_sha_select(bool sha256, bool sha512)
{
	sha256_insns = sha256;
	sha512_insns = sha512;
}

/*
 * SHA_API(X): the functions of sha256.c and sha512.c that reach the
 * compression function (the build renames them in both copies, the same
 * list as MBEDTLS_SHA_SPLIT in mk/mbedtls.mk; init, free, clone and starts
 * are the same code in both and come from the hw copy as they are):
 * X(algorithm, return type, name, parameters, arguments).
 */
#define SHA_API(X)                                                                                 \
	X(256, int, sha256_update, (mbedtls_sha256_context *ctx, const unsigned char *in, size_t n), \
	  (ctx, in, n))                                                                            \
	X(256, int, sha256_finish, (mbedtls_sha256_context *ctx, unsigned char *out), (ctx, out))  \
	X(256, int, internal_sha256_process,                                                       \
	  (mbedtls_sha256_context *ctx, const unsigned char data[64]), (ctx, data))                \
	X(256, int, sha256, (const unsigned char *in, size_t n, unsigned char *out, int is224),    \
	  (in, n, out, is224))                                                                     \
	X(512, int, sha512_update, (mbedtls_sha512_context *ctx, const unsigned char *in, size_t n), \
	  (ctx, in, n))                                                                            \
	X(512, int, sha512_finish, (mbedtls_sha512_context *ctx, unsigned char *out), (ctx, out))  \
	X(512, int, internal_sha512_process,                                                       \
	  (mbedtls_sha512_context *ctx, const unsigned char data[128]), (ctx, data))               \
	X(512, int, sha512, (const unsigned char *in, size_t n, unsigned char *out, int is384),    \
	  (in, n, out, is384))

#define DECLARE(alg, ret, name, params, args)	\
	ret atoll_hw_##name params;		\
	ret atoll_sw_##name params;
SHA_API(DECLARE)

#define DISPATCH(alg, ret, name, params, args)					\
	ret mbedtls_##name params						\
	{									\
		return sha##alg##_insns ? atoll_hw_##name args : atoll_sw_##name args; \
	}
SHA_API(DISPATCH)
