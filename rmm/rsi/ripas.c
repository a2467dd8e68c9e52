/* RSI_IPA_STATE_SET (completed by the host through RTT_SET_RIPAS) and RSI_IPA_STATE_GET. */
#include <rmm/rsi.h>

#include <atoll/rsi.h>

static bool range_in_par(const struct rd *rd, uint64_t base, uint64_t top)
{
	return ((base | top) & (GRANULE_SIZE - 1U)) == 0U && top > base && ipa_in_par(rd, base) &&
	       ipa_in_par(rd, top - GRANULE_SIZE);
}

void rsi_ipa_state_set(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;
	uint64_t base = rec->regs.x[1], top = rec->regs.x[2], ripas = rec->regs.x[3];

	if ((ripas != RSI_RIPAS_EMPTY && ripas != RSI_RIPAS_RAM) ||
	    !range_in_par(ctx->rd, base, top)) {
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	}
	rec->ripas = (struct rec_ripas_request){ true, base, top, base, (enum ripas)ripas,
						 (rec->regs.x[4] & RSI_CHANGE_DESTROYED) != 0U };
	rec->last_exit.ripas_change = true;
	ctx->exit->exit_reason = RMI_EXIT_RIPAS_CHANGE;
	ctx->exit->ripas_base = base;
	ctx->exit->ripas_top = top;
	ctx->exit->ripas_value = ripas;
	ctx->to_host = true;
}

/* Completes IPA_STATE_SET at the next REC_ENTER: x1 = progress, x2 = response. */
void rsi_ipa_state_set_complete(struct rec *rec, bool host_rejects)
{
	struct rec_ripas_request *req = &rec->ripas;
	bool reject = host_rejects && req->value == RIPAS_RAM && req->addr < req->top;

	rec->regs.x[0] = RSI_SUCCESS;
	rec->regs.x[1] = req->addr;
	rec->regs.x[2] = reject ? RSI_REJECT : RSI_ACCEPT;
	req->pending = false;
	rec->last_exit.ripas_change = false;
}

static enum ripas entry_ripas(uint64_t e, long level)
{
	return s2tte_hipas(e, level) == HIPAS_ASSIGNED || s2tte_hipas(e, level) == HIPAS_UNASSIGNED
		       ? s2tte_ripas(e)
		       : RIPAS_EMPTY;
}

void rsi_ipa_state_get(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;
	uint64_t base = rec->regs.x[1], end = rec->regs.x[2], top;
	struct s2tt_walk w;
	enum ripas ripas;
	unsigned int i;

	if (!range_in_par(ctx->rd, base, end)) {
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	}
	granule_lock(ctx->g_rd);
	if (!s2tt_walk_lock(&ctx->rd->s2, base, S2TT_PAGE_LEVEL, &w)) {
		granule_unlock(ctx->g_rd);
		rsi_return(ctx, RSI_ERROR_INPUT);	/* the realm's tables are not consistent */
		return;
	}
	ripas = entry_ripas(*s2tt_walk_entry(&w), w.level);
	for (i = w.index + 1U; i < S2TT_ENTRIES; i++) {
		uint64_t e = w.table[i];

		if (s2tte_hipas(e, w.level) == HIPAS_TABLE || entry_ripas(e, w.level) != ripas)
			break;
	}
	top = s2tt_entry_ipa(&w, i);
	granule_unlock(w.g_table);
	granule_unlock(ctx->g_rd);
	rsi_return(ctx, RSI_SUCCESS);
	rec->regs.x[1] = top < end ? top : end;
	rec->regs.x[2] = ripas;
}
