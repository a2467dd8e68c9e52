/* RSI_MEASUREMENT_READ and RSI_MEASUREMENT_EXTEND: slot 0 = RIM, 1..4 = REM0..3. */
#include <rmm/rsi.h>

#include <string.h>

#include <atoll/rsi.h>
#include <rmm/measure.h>

/* The slot's 64 bytes, little-endian per register, into x1..x8. */
static void slot_to_regs(const uint8_t slot[MEASURE_SLOT_SIZE], uint64_t *regs)
{
	memcpy(regs, slot, MEASURE_SLOT_SIZE);
}

void rsi_measurement_read(struct rec_run_ctx *ctx)
{
	uint64_t index = ctx->rec->regs.x[1];
	const uint8_t *slot;

	if (index >= RSI_MEASUREMENT_SLOTS) {
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	}
	granule_lock(ctx->g_rd);
	slot = index == 0U ? ctx->rd->rim : ctx->rd->rem[index - 1U];
	slot_to_regs(slot, &ctx->rec->regs.x[1]);
	granule_unlock(ctx->g_rd);
	rsi_return(ctx, RSI_SUCCESS);
}

void rsi_measurement_extend(struct rec_run_ctx *ctx)
{
	uint64_t index = ctx->rec->regs.x[1], size = ctx->rec->regs.x[2];
	uint8_t value[RSI_MEASUREMENT_MAX_SIZE];

	if (index == 0U || index >= RSI_MEASUREMENT_SLOTS || size > RSI_MEASUREMENT_MAX_SIZE) {
		rsi_return(ctx, RSI_ERROR_INPUT);
		return;
	}
	memcpy(value, &ctx->rec->regs.x[3], sizeof(value));
	granule_lock(ctx->g_rd);
	measure_rem_extend(ctx->rd->algo, ctx->rd->rem[index - 1U], value, size);
	granule_unlock(ctx->g_rd);
	rsi_return(ctx, RSI_SUCCESS);
}
