/* atoll_token_from_console(): verify/hosted/console_token.c behind the API's errors. */
#include "internal.h"

#include "verify/hosted/console_token.h"

ATOLL_API atoll_status atoll_token_from_console(struct atoll_ctx *ctx, const char *log_path,
						uint8_t *buf, size_t cap, size_t *len)
{
	char why[ATOLL_DETAIL_MAX];

	if (ctx == NULL || log_path == NULL || buf == NULL || len == NULL)
		return ATOLL_E_INVALID_ARG;
	ctx->detail[0] = '\0';
	switch (console_token_read(log_path, buf, cap, len, why, sizeof(why))) {
	case CONSOLE_TOKEN_OK:
		return ATOLL_OK;
	case CONSOLE_TOKEN_IO:
		return atoll_fail(ctx, ATOLL_E_IO, "%s", why);
	case CONSOLE_TOKEN_TOO_LARGE:
		return atoll_fail(ctx, ATOLL_E_BUFFER_TOO_SMALL, "%s", why);
	default:
		return atoll_fail(ctx, ATOLL_E_MALFORMED, "%s", why);
	}
}
