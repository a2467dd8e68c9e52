/*
 * The rsi backend (bare-metal realm payloads): not implemented yet.
 * libatoll is built for x86 only so far; a realm payload build of it
 * would make the RSI calls itself (docs/sdk.md).
 */
#include "internal.h"

static atoll_status rsi_open(struct atoll_ctx *ctx, const struct atoll_options *opt)
{
	(void)opt;
	return atoll_fail(ctx, ATOLL_E_UNSUPPORTED,
			  "the rsi backend (bare-metal realm payloads) is not implemented yet; "
			  "use sim on x86 or tsm in a Linux realm");
}

const struct atoll_backend_ops atoll_backend_rsi = {
	.name = "rsi",
	.open = rsi_open,
};
