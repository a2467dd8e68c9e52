/*
 * RSI_ATTEST_TOKEN_INIT and RSI_ATTEST_TOKEN_CONTINUE. Until the token
 * builder is linked in, attestation is "not initialised": INIT reports
 * ERROR_UNKNOWN (as the spec says for that case) and CONTINUE without a
 * pending INIT reports ERROR_STATE.
 */
#include <rmm/rsi.h>

#include <atoll/rsi.h>

void rsi_attest_token_init(struct rec_run_ctx *ctx)
{
	rsi_return(ctx, RSI_ERROR_UNKNOWN);
}

void rsi_attest_token_continue(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;
	uint64_t addr = rec->regs.x[1], offset = rec->regs.x[2], size = rec->regs.x[3];

	if ((addr & (GRANULE_SIZE - 1U)) != 0U || offset >= RSI_ATTEST_TOKEN_MAX_SIZE ||
	    size > RSI_ATTEST_TOKEN_MAX_SIZE - offset || !ipa_in_par(ctx->rd, addr)) {
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	}
	rsi_return(ctx, RSI_ERROR_STATE);
}
