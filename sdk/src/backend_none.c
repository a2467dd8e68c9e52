/*
 * The none backend: a context for a relying party that only verifies,
 * parses and measures (no device: attest and seal are ATOLL_E_UNSUPPORTED).
 */
#include "internal.h"

static atoll_status none_open(struct atoll_ctx *ctx, const struct atoll_options *opt)
{
	(void)ctx;
	(void)opt;
	return ATOLL_OK;
}

const struct atoll_backend_ops atoll_backend_none = {
	.name = "none",
	.open = none_open,
};
