/* RSI_HOST_CALL: the RsiHostCall structure goes to the host and its results come back. */
#include <rmm/rsi.h>

#include <string.h>

#include <atoll/rsi.h>

#define HOST_CALL_ALIGN		256U

/*
 * Straight between the realm's page and RmiRecRun's buffers: to the host,
 * imm and gprs into the exit; to the realm, the host's results (no copy of
 * the structure in between).
 */
struct host_call_copy {
	uint64_t offset;
	struct rmi_rec_exit *exit;	/* to the host, or NULL */
	const uint64_t *results;	/* to the realm */
};

static void copy_host_call(void *va, void *arg)
{
	struct host_call_copy *c = arg;
	struct rsi_host_call *in_realm = (struct rsi_host_call *)((uint8_t *)va + c->offset);

	if (c->exit == NULL) {
		memcpy(in_realm->gprs, c->results, sizeof(in_realm->gprs));
	} else {
		c->exit->imm = in_realm->imm;
		memcpy(c->exit->gprs, in_realm->gprs, sizeof(in_realm->gprs));
	}
}

_Static_assert(RSI_HOST_CALL_GPRS <= RMI_REC_RUN_GPRS, "RsiHostCall.gprs fit RmiRecExit.gprs");

void rsi_host_call(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;
	uint64_t ipa = rec->regs.x[1];
	struct host_call_copy copy = { ipa & (GRANULE_SIZE - 1U), ctx->exit, NULL };
	long level;

	if ((ipa & (HOST_CALL_ALIGN - 1U)) != 0U || !ipa_in_par(ctx->rd, ipa)) {
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	}
	/* The exit's imm and gprs are written only if the page is mapped. */
	switch (realm_page_access(ctx, ipa & ~(GRANULE_SIZE - 1U), copy_host_call, &copy, &level)) {
	case REALM_PAGE_EMPTY:
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	case REALM_PAGE_UNMAPPED:
		realm_exit_emulated_abort(ctx, ipa, level);
		return;
	default:
		break;
	}
	ctx->exit->exit_reason = RMI_EXIT_HOST_CALL;
	rec->last_exit.host_call = true;
	rec->last_exit.host_call_ipa = ipa;
	ctx->to_host = true;
}

/*
 * At the next REC_ENTER: the host's results go into the RsiHostCall. If the
 * page is no longer mapped the REC exits again with an emulated abort; if
 * its RIPAS became EMPTY the results are dropped.
 */
void rsi_host_call_complete(struct rec_run_ctx *ctx, const uint64_t gprs[RSI_HOST_CALL_GPRS])
{
	struct rec *rec = ctx->rec;
	uint64_t ipa = rec->last_exit.host_call_ipa;
	struct host_call_copy copy = { ipa & (GRANULE_SIZE - 1U), NULL, gprs };
	long level;

	if (realm_page_access(ctx, ipa & ~(GRANULE_SIZE - 1U), copy_host_call, &copy, &level) ==
	    REALM_PAGE_UNMAPPED) {
		realm_exit_emulated_abort(ctx, ipa, level);
		return;
	}
	rec->last_exit.host_call = false;
	rec->regs.x[0] = RSI_SUCCESS;
}
