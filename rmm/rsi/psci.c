/*
 * PSCI and SMCCC calls from a realm (spec 4, PSCI table). The RMM answers
 * what it can; CPU_ON and AFFINITY_INFO for another REC wait for the host's
 * RMI_PSCI_COMPLETE; the rest are reported to the host as PSCI exits.
 */
#include <rmm/rsi.h>

#include <atoll/rsi.h>

#include <atoll/smccc.h>

#define SMCCC_VERSION_1_2	0x10002U
#define PSCI_VERSION_1_1	0x10001U
#define AFFINITY_ON		0
#define AFFINITY_OFF		1

static void psci_result(struct rec *rec, int64_t v)
{
	rec->regs.x[0] = (uint64_t)v;
}

/* Argument i of call fid: an SMC32 call passes W registers, so bits 63:32 are ignored. */
static uint64_t psci_arg(const struct rec *rec, uint32_t fid, unsigned int i)
{
	uint64_t x = rec->regs.x[i];

	return (fid & SMCCC_SMC64) != 0U ? x : (uint32_t)x;
}

/* Reports the call to the host: gprs[0] = FID, gprs[1] = target for CPU_ON/AFFINITY_INFO. */
static void exit_psci(struct rec_run_ctx *ctx, uint32_t fid, uint64_t target)
{
	ctx->exit->exit_reason = RMI_EXIT_PSCI;
	ctx->exit->gprs[0] = fid;
	ctx->exit->gprs[1] = target;
	ctx->to_host = true;
}

/* A PSCI target MPIDR that names a REC of this realm, or false. */
static bool target_index(struct rec_run_ctx *ctx, uint64_t mpidr, uint64_t *index)
{
	uint64_t rec_mpidr = rec_psci_mpidr_to_rec_mpidr(mpidr);

	if (!rec_mpidr_valid(rec_mpidr))
		return false;
	*index = rec_mpidr_to_index(rec_mpidr);
	return *index < ctx->rd->next_rec_index;
}

static void wait_for_host(struct rec_run_ctx *ctx, uint32_t fid)
{
	struct rec *rec = ctx->rec;

	rec->psci = (struct rec_psci_request){ true, fid, psci_arg(rec, fid, 1),
					       psci_arg(rec, fid, 2), psci_arg(rec, fid, 3) };
	exit_psci(ctx, fid, rec->psci.target_mpidr);
}

static void psci_cpu_on(struct rec_run_ctx *ctx, uint32_t fid)
{
	struct rec *rec = ctx->rec;
	uint64_t index;

	if (!ipa_in_par(ctx->rd, psci_arg(rec, fid, 2)))
		psci_result(rec, PSCI_RET_INVALID_ADDRESS);
	else if (!target_index(ctx, psci_arg(rec, fid, 1), &index))
		psci_result(rec, PSCI_RET_INVALID_PARAMS);
	else if (index == rec->index)
		psci_result(rec, PSCI_RET_ALREADY_ON);
	else
		wait_for_host(ctx, fid);
}

static void psci_affinity_info(struct rec_run_ctx *ctx, uint32_t fid)
{
	struct rec *rec = ctx->rec;
	uint64_t index;

	if (psci_arg(rec, fid, 2) != 0U || !target_index(ctx, psci_arg(rec, fid, 1), &index))
		psci_result(rec, PSCI_RET_INVALID_PARAMS);
	else if (index == rec->index)
		psci_result(rec, AFFINITY_ON);
	else
		wait_for_host(ctx, fid);
}

static bool psci_feature_supported(uint64_t fid)
{
	switch (fid) {
	case PSCI_CPU_SUSPEND_32: case PSCI_CPU_SUSPEND_64: case PSCI_CPU_OFF:
	case PSCI_CPU_ON_32: case PSCI_CPU_ON_64: case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64: case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES: case SMCCC_VERSION_FID:
		return true;
	default:
		return false;
	}
}

void rsi_psci(struct rec_run_ctx *ctx)
{
	struct rec *rec = ctx->rec;
	uint32_t fid = realm_smc_fid(rec);

	switch (fid) {
	case SMCCC_VERSION_FID:
		psci_result(rec, SMCCC_VERSION_1_2);
		break;
	case PSCI_VERSION:
		psci_result(rec, PSCI_VERSION_1_1);
		break;
	case PSCI_FEATURES:
		psci_result(rec, psci_feature_supported(psci_arg(rec, fid, 1))
					 ? PSCI_RET_SUCCESS : PSCI_RET_NOT_SUPPORTED);
		break;
	case PSCI_CPU_SUSPEND_32: case PSCI_CPU_SUSPEND_64:
		psci_result(rec, PSCI_RET_SUCCESS);
		exit_psci(ctx, fid, 0);
		break;
	case PSCI_CPU_OFF:
		rec->runnable = false;
		psci_result(rec, PSCI_RET_SUCCESS);
		exit_psci(ctx, fid, 0);
		break;
	case PSCI_CPU_ON_32: case PSCI_CPU_ON_64:
		psci_cpu_on(ctx, fid);
		break;
	case PSCI_AFFINITY_INFO_32: case PSCI_AFFINITY_INFO_64:
		psci_affinity_info(ctx, fid);
		break;
	case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET:
		realm_system_off(ctx);
		exit_psci(ctx, fid, 0);
		break;
	default:
		psci_result(rec, PSCI_RET_NOT_SUPPORTED);
		break;
	}
}
