/* The realm's SMCs: RSI by table, PSCI and SMCCC in psci.c, anything else NOT_SUPPORTED. */
#include <rmm/rsi.h>

#include <stddef.h>

#include <atoll/rsi.h>
#include <atoll/smccc.h>

typedef void (*rsi_handler_fn)(struct rec_run_ctx *ctx);

#define ROW(fid, fn) [(fid) - RSI_FID(RSI_FNUM_FIRST)] = fn

static const rsi_handler_fn rsi_handlers[RSI_FNUM_LAST - RSI_FNUM_FIRST + 1U] = {
	ROW(RSI_VERSION, rsi_version),
	ROW(RSI_FEATURES, rsi_features),
	ROW(RSI_MEASUREMENT_READ, rsi_measurement_read),
	ROW(RSI_MEASUREMENT_EXTEND, rsi_measurement_extend),
	ROW(RSI_ATTEST_TOKEN_INIT, rsi_attest_token_init),
	ROW(RSI_ATTEST_TOKEN_CONTINUE, rsi_attest_token_continue),
	ROW(RSI_REALM_CONFIG, rsi_realm_config),
	ROW(RSI_IPA_STATE_SET, rsi_ipa_state_set),
	ROW(RSI_IPA_STATE_GET, rsi_ipa_state_get),
	ROW(RSI_HOST_CALL, rsi_host_call),
};

static bool is_psci_or_smccc(uint32_t fid)
{
	uint32_t fnum = fid & SMCCC_FNUM_MASK;

	if (fid == SMCCC_VERSION_FID)
		return true;
	return ((fid & ~SMCCC_FNUM_MASK) == 0x84000000U ||
		(fid & ~SMCCC_FNUM_MASK) == 0xC4000000U) && fnum <= 0x1FU;
}

void rsi_dispatch(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;
	uint32_t fid = realm_smc_fid(rec);
	rsi_handler_fn fn = NULL;

	if (fid >= RSI_FID(RSI_FNUM_FIRST) && fid <= RSI_FID(RSI_FNUM_LAST))
		fn = rsi_handlers[fid - RSI_FID(RSI_FNUM_FIRST)];
	else if (fid == RSI_ATOLL_SEALING_KEY)
		fn = rsi_atoll_sealing_key;	/* vendor call (docs/sealing.md) */
	if (fn != NULL)
		fn(ctx);
	else if (is_psci_or_smccc(fid))
		rsi_psci(ctx);
	else
		rec->regs.x[0] = SMC_NOT_SUPPORTED;
	if (!ctx->replay)
		rec->regs.pc += 4U;
}
