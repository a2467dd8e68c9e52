/*
 * Handling what a realm did when it stopped: the exit handlers behind
 * REC_ENTER, the RSI dispatch and the realm-memory helpers RSI calls use.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/rmi.h>
#include <atoll/smccc.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/realm.h>
#include <rmm/rec.h>

/* The run of one REC_ENTER call. */
struct rec_run_ctx {
	struct rec *rec;
	struct granule *g_rd;		/* not locked; lock it to touch the RD */
	struct rd *rd;
	struct rmi_rec_exit *exit;	/* what the host will see */
	bool to_host;			/* stop running and return to the host */
	bool replay;			/* the SMC runs again: do not advance the PC */
};

/* Handles one realm exception; sets ctx->to_host when the host must act. */
void realm_handle_exit(struct rec_run_ctx *ctx, const struct realm_exit_syndrome *syn);

/* RSI (and PSCI/SMCCC) call in rec->regs.x[0]; the PC is advanced by the caller. */
void rsi_dispatch(struct rec_run_ctx *ctx);

/*
 * The function ID of the realm's SMC as every decoder reads it: W0 (SMCCC
 * ignores bits 63:32 of X0), without the SVE hint (bit 16).
 */
static inline uint32_t realm_smc_fid(const struct rec *rec)
{
	return (uint32_t)rec->regs.x[0] & ~(uint32_t)SMCCC_SVE_HINT;
}

/* What a realm IPA is, for the RMM's own access (RSI buffers). */
enum realm_page_state {
	REALM_PAGE_MAPPED,	/* ASSIGNED with RIPAS RAM: accessed */
	REALM_PAGE_EMPTY,	/* RIPAS EMPTY: the call fails with ERROR_INPUT */
	REALM_PAGE_UNMAPPED,	/* anything else: an emulated data abort for the host */
};

/*
 * Calls access(va, arg) on the 4 KB realm page at ipa (in PAR) if it is
 * mapped RAM, with the RD and the page's RTT locked so the page cannot be
 * destroyed meanwhile (access must not lock the RD). *level gets the level
 * where the walk stopped.
 */
enum realm_page_state realm_page_access(struct rec_run_ctx *ctx, uint64_t ipa,
					void (*access)(void *va, void *arg), void *arg,
					long *level);

/* Exits with the emulated data abort the spec gives for an unmapped RSI buffer. */
void realm_exit_emulated_abort(struct rec_run_ctx *ctx, uint64_t ipa, long level);

/*
 * Injects a synchronous external abort (data or instruction) or UNDEFINED.
 * realm_inject_sea_far_unknown(): the same with ESR.FnV set and FAR 0, for
 * an abort whose own FAR is not valid (FAR_EL2 then holds whatever came
 * before, which the realm must not see).
 */
void realm_inject_sea(struct rec *rec, uint64_t far, bool instruction);
void realm_inject_sea_far_unknown(struct rec *rec, bool instruction);
void realm_inject_undef(struct rec *rec);

/* Realm state changes requested by PSCI SYSTEM_OFF/RESET. */
void realm_system_off(struct rec_run_ctx *ctx);
