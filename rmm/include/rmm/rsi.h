/* RSI handlers: one row per call in rmm/rsi/dispatch.c. Arguments in rec->regs.x[1..]. */
#pragma once

#include <rmm/realm_exit.h>

void rsi_version(struct rec_run_ctx *ctx);
void rsi_features(struct rec_run_ctx *ctx);
void rsi_measurement_read(struct rec_run_ctx *ctx);
void rsi_measurement_extend(struct rec_run_ctx *ctx);
void rsi_attest_token_init(struct rec_run_ctx *ctx);
void rsi_attest_token_continue(struct rec_run_ctx *ctx);
void rsi_realm_config(struct rec_run_ctx *ctx);
void rsi_ipa_state_set(struct rec_run_ctx *ctx);
void rsi_ipa_state_get(struct rec_run_ctx *ctx);
void rsi_host_call(struct rec_run_ctx *ctx);
/* Atoll's vendor call, outside RSI 1.0's FID range (rmm/rsi/sealing.c). */
void rsi_atoll_sealing_key(struct rec_run_ctx *ctx);

/* PSCI and SMCCC calls from the realm (rmm/rsi/psci.c). */
void rsi_psci(struct rec_run_ctx *ctx);

/* Sets x0 and zeroes nothing else: the realm keeps registers not used as results. */
static inline void rsi_return(struct rec_run_ctx *ctx, uint64_t status)
{
	ctx->rec->regs.x[0] = status;
}

/* Completions at the next REC_ENTER of calls that waited for the host. */
void rsi_ipa_state_set_complete(struct rec *rec, bool host_rejects);
void rsi_host_call_complete(struct rec_run_ctx *ctx, const uint64_t gprs[31]);
