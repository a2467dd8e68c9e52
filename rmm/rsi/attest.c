/*
 * RSI_ATTEST_TOKEN_INIT and RSI_ATTEST_TOKEN_CONTINUE (spec 4). The token
 * state of a REC lives in its first aux granule (rmm/attest_token.h).
 * INIT only encodes the claims, so it returns quickly. CONTINUE does the
 * work in slices: for the first token any REC asks for, the RAK set-up
 * (public key and platform token, shared by all RECs), then the signature.
 * A pending host interrupt ends CONTINUE early with INCOMPLETE and an IRQ
 * exit, so the host never waits for a whole P-384 scalar multiplication.
 */
#include <rmm/rsi.h>

#include <string.h>

#include <atoll/rsi.h>
#include <rmm/attest_token.h>

static struct attest_ctx *rec_attest_ctx(const struct rec *rec)
{
	/* The REC holds its aux granules: aux[0] is tracked and REC_AUX while the REC exists. */
	return granule_va(granule_find(rec->aux[0]), GRANULE_STATE_REC_AUX);
}

void rsi_attest_token_init(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];
	bool ok;

	memcpy(challenge, &rec->regs.x[1], sizeof(challenge));
	granule_lock(ctx->g_rd);
	ok = attest_token_init(rec_attest_ctx(rec), challenge, ctx->rd);
	granule_unlock(ctx->g_rd);
	if (!ok) {
		rsi_return(ctx, RSI_ERROR_UNKNOWN);
		return;
	}
	rsi_return(ctx, RSI_SUCCESS);
	rec->regs.x[1] = RSI_ATTEST_TOKEN_MAX_SIZE;
}

struct token_copy {
	struct attest_ctx *actx;
	uint64_t offset;
	uint64_t size;
	size_t copied;
	bool done;
};

static void copy_token(void *va, void *arg)
{
	struct token_copy *c = arg;

	c->copied = attest_token_read(c->actx, (uint8_t *)va + c->offset, c->size, &c->done);
}

/*
 * Step 3: finishes the signature (and the RAK set-up before it) unless the
 * host has an interrupt waiting. A failed set-up means attestation is
 * unavailable: ERROR_UNKNOWN, as INIT gives from then on.
 */
static bool sign_until_done(struct rec_run_ctx *ctx, struct attest_ctx *actx)
{
	switch (attest_token_continue_sign(actx, arch_irq_pending)) {
	case ATTEST_SIGN_DONE:
		return true;
	case ATTEST_SIGN_YIELD:
		rsi_return(ctx, RSI_INCOMPLETE);
		ctx->rec->regs.x[1] = 0;
		ctx->exit->exit_reason = RMI_EXIT_IRQ;
		ctx->to_host = true;
		return false;
	default:
		rsi_return(ctx, RSI_ERROR_UNKNOWN);
		return false;
	}
}

void rsi_attest_token_continue(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;
	uint64_t addr = rec->regs.x[1], offset = rec->regs.x[2], size = rec->regs.x[3];
	struct attest_ctx *actx = rec_attest_ctx(rec);
	struct token_copy copy = { actx, offset, size, 0, false };
	long level;

	if ((addr & (GRANULE_SIZE - 1U)) != 0U || offset >= RSI_ATTEST_TOKEN_MAX_SIZE ||
	    size > RSI_ATTEST_TOKEN_MAX_SIZE - offset || !ipa_in_par(ctx->rd, addr)) {
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	}
	if (attest_token_state(actx) == ATTEST_TOKEN_IDLE) {
		rsi_return(ctx, RSI_ERROR_STATE);
		return;
	}
	if (attest_token_state(actx) == ATTEST_TOKEN_SIGNING && !sign_until_done(ctx, actx))
		return;
	/*
	 * Step 4, the buffer's page, comes before step 5: size 0 then copies
	 * nothing and leaves the token as it is, so it gives INCOMPLETE, x1 = 0.
	 */
	switch (realm_page_access(ctx, addr, copy_token, &copy, &level)) {
	case REALM_PAGE_MAPPED:
		rsi_return(ctx, copy.done ? RSI_SUCCESS : RSI_INCOMPLETE);
		rec->regs.x[1] = copy.copied;
		break;
	case REALM_PAGE_EMPTY:
		rsi_return(ctx, RSI_ERROR_INPUT);
		break;
	default:
		realm_exit_emulated_abort(ctx, addr, level);
		break;
	}
}
