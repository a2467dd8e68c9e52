/* The sim backend (docs/sdk.md): requests go to the simulated machine's realm. */
#include <atoll/rsi.h>

#include "internal.h"
#include "sim/machine.h"
#include "sim/realm_calls.h"
#include "sim/refs.h"

static atoll_status sim_open(struct atoll_ctx *ctx, const struct atoll_options *opt)
{
	return sim_machine_open(ctx, opt);
}

static void sim_close(struct atoll_ctx *ctx)
{
	(void)ctx;
	sim_machine_close();
}

static atoll_status sim_attest(struct atoll_ctx *ctx, const uint8_t challenge[ATOLL_CHALLENGE_SIZE],
			       uint8_t *buf, size_t cap, size_t *len)
{
	return sim_realm_attest(ctx, sim_machine_realm(), challenge, buf, cap, len);
}

static atoll_status sim_sealing_key(struct atoll_ctx *ctx, atoll_key_policy policy, bool rim_bound,
				    uint64_t svn, uint8_t key[ATOLL_SEALING_KEY_SIZE])
{
	uint64_t flags = (policy == ATOLL_KEY_VHUK_M ? RSI_SEALING_KEY_VHUK_M : 0U) |
			 (rim_bound ? RSI_SEALING_KEY_RIM : 0U);

	return sim_realm_sealing_key(ctx, sim_machine_realm(), flags, svn, key);
}

static atoll_status sim_extend_rem(struct atoll_ctx *ctx, unsigned int index, const uint8_t *data,
				   size_t len)
{
	return sim_realm_extend_rem(ctx, sim_machine_realm(), index, data, len);
}

const struct atoll_backend_ops atoll_backend_sim = {
	.name = "sim",
	.open = sim_open,
	.close = sim_close,
	.attest = sim_attest,
	.sealing_key = sim_sealing_key,
	.extend_rem = sim_extend_rem,
	.write_refs = sim_write_refs,
};
