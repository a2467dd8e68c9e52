/* RSI_REALM_CONFIG. */
#include <rmm/rsi.h>

#include <string.h>

#include <atoll/rsi.h>

static void write_config(void *va, void *arg)
{
	const struct rd *rd = arg;
	struct rsi_realm_config *cfg = va;

	memset(cfg, 0, sizeof(*cfg));
	cfg->ipa_width = rd->s2.s2sz;
	cfg->hash_algo = rd->algo;
	memcpy(cfg->rpv, rd->rpv, sizeof(cfg->rpv));
}

void rsi_realm_config(struct rec_run_ctx *ctx)
{
	uint64_t ipa = ctx->rec->regs.x[1];
	long level;

	if ((ipa & (GRANULE_SIZE - 1U)) != 0U || !ipa_in_par(ctx->rd, ipa)) {
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	}
	switch (realm_page_access(ctx, ipa, write_config, ctx->rd, &level)) {
	case REALM_PAGE_MAPPED:
		rsi_return(ctx, RSI_SUCCESS);
		break;
	case REALM_PAGE_EMPTY:
		rsi_return(ctx, RSI_ERROR_INPUT);
		break;
	default:
		realm_exit_emulated_abort(ctx, ipa, level);
		break;
	}
}
