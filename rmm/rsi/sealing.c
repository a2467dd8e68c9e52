/*
 * RSI_ATOLL_SEALING_KEY (docs/sealing.md): x1 flags, x2 SVN/salt; the
 * 32-byte key in x1..x4 (key bytes 8i..8i+7 little-endian in x(1+i)).
 * Reserved flag bits: ERROR_INPUT; no VHUKs this boot: ERROR_UNKNOWN. On
 * any error x1..x4 are zero. Hashes, so it is in rsi_hashes() (realm_exit.c).
 */
#include <rmm/rsi.h>

#include <string.h>

#include <atoll/rsi.h>
#include <mbedtls/platform_util.h>
#include <rmm/sealing.h>

#define KEY_REGS	(RSI_SEALING_KEY_SIZE / sizeof(uint64_t))

static void sealing_key_return(struct rec_run_ctx *ctx, uint64_t status,
			       const uint8_t key[RSI_SEALING_KEY_SIZE])
{
	rsi_return(ctx, status);
	if (key != NULL)
		memcpy(&ctx->rec->regs.x[1], key, RSI_SEALING_KEY_SIZE);
	else
		memset(&ctx->rec->regs.x[1], 0, KEY_REGS * sizeof(uint64_t));
}

void rsi_atoll_sealing_key(struct rec_run_ctx *ctx)
{
	uint64_t flags = ctx->rec->regs.x[1], svn = ctx->rec->regs.x[2];
	struct rsi_sealing_info info;
	uint8_t key[RSI_SEALING_KEY_SIZE];
	bool ok;

	if ((flags & ~RSI_SEALING_KEY_FLAGS_VALID) != 0U) {
		sealing_key_return(ctx, RSI_ERROR_INPUT, NULL);
		return;
	}
	if (!sealing_available()) {
		sealing_key_return(ctx, RSI_ERROR_UNKNOWN, NULL);
		return;
	}
	granule_lock(ctx->g_rd);
	sealing_info_init(&info, flags, svn, ctx->rd);
	granule_unlock(ctx->g_rd);
	ok = sealing_key_derive(&info, key);
	sealing_key_return(ctx, ok ? RSI_SUCCESS : RSI_ERROR_UNKNOWN, ok ? key : NULL);
	mbedtls_platform_zeroize(key, sizeof(key));
}
