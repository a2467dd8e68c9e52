/* RSI_VERSION and RSI_FEATURES. */
#include <rmm/rsi.h>

#include <atoll/rsi.h>

void rsi_version(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;

	rsi_return(ctx, rec->regs.x[1] == RSI_ABI_VERSION ? RSI_SUCCESS : RSI_ERROR_INPUT);
	rec->regs.x[1] = RSI_ABI_VERSION;	/* lower */
	rec->regs.x[2] = RSI_ABI_VERSION;	/* higher */
}

void rsi_features(struct rec_run_ctx *ctx)
{
	/* RSI 1.0 defines no features: every register reads as 0. */
	rsi_return(ctx, RSI_SUCCESS);
	ctx->rec->regs.x[1] = 0;
}
