/* Contexts, backend selection and failure details. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

atoll_status atoll_vfail(struct atoll_ctx *ctx, atoll_status status, const char *fmt, va_list ap)
{
	if (ctx != NULL)
		(void)vsnprintf(ctx->detail, sizeof(ctx->detail), fmt, ap);
	return status;
}

atoll_status atoll_fail(struct atoll_ctx *ctx, atoll_status status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)atoll_vfail(ctx, status, fmt, ap);
	va_end(ap);
	return status;
}

void atoll_hex(char *out, const uint8_t *p, size_t len)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[2U * i] = digits[p[i] >> 4];
		out[2U * i + 1U] = digits[p[i] & 0xFU];
	}
	out[2U * len] = '\0';
}

ATOLL_API const char *atoll_open_error(void)
{
	return atoll_open_error_buf();
}

ATOLL_API atoll_status atoll_open(struct atoll_ctx **ctx, const char *backend,
				  const struct atoll_options *options)
{
	static const struct atoll_options defaults;
	const struct atoll_backend_ops *ops = NULL;
	char *open_error = atoll_open_error_buf();
	struct atoll_ctx *c;
	atoll_status st;

	open_error[0] = '\0';
	if (ctx == NULL || backend == NULL) {
		(void)snprintf(open_error, ATOLL_DETAIL_MAX, "no context pointer or backend name");
		return ATOLL_E_INVALID_ARG;
	}
	*ctx = NULL;
	for (size_t i = 0; i < atoll_backend_count; i++) {
		if (strcmp(backend, atoll_backends[i]->name) == 0)
			ops = atoll_backends[i];
	}
	if (ops == NULL) {
		/* "unknown backend "x" (this build has: a, b)": the names this platform has. */
		int n = snprintf(open_error, ATOLL_DETAIL_MAX,
				 "unknown backend \"%s\" (this build has:", backend);

		for (size_t i = 0; i < atoll_backend_count && n > 0 && n < (int)ATOLL_DETAIL_MAX; i++)
			n += snprintf(open_error + n, ATOLL_DETAIL_MAX - (size_t)n, "%s %s",
				      i == 0U ? "" : ",", atoll_backends[i]->name);
		if (n > 0 && n < (int)ATOLL_DETAIL_MAX)
			(void)snprintf(open_error + n, ATOLL_DETAIL_MAX - (size_t)n, ")");
		return ATOLL_E_INVALID_ARG;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return ATOLL_E_NOMEM;
	c->ops = ops;
	atoll_lock();
	st = ops->open(c, options != NULL ? options : &defaults);
	atoll_unlock();
	if (st != ATOLL_OK) {
		(void)snprintf(open_error, ATOLL_DETAIL_MAX, "%s", c->detail);
		free(c);
		return st;
	}
	*ctx = c;
	return ATOLL_OK;
}

ATOLL_API void atoll_close(struct atoll_ctx *ctx)
{
	if (ctx == NULL)
		return;
	atoll_lock();
	if (ctx->ops->close != NULL)
		ctx->ops->close(ctx);
	atoll_unlock();
	free(ctx);
}

ATOLL_API const char *atoll_backend(const struct atoll_ctx *ctx)
{
	return ctx != NULL ? ctx->ops->name : "";
}

ATOLL_API const char *atoll_error_detail(const struct atoll_ctx *ctx)
{
	return ctx != NULL ? ctx->detail : "";
}

ATOLL_API atoll_status atoll_attest(struct atoll_ctx *ctx,
				    const uint8_t challenge[ATOLL_CHALLENGE_SIZE], uint8_t *buf,
				    size_t cap, size_t *len)
{
	atoll_status st;

	if (ctx == NULL)
		return ATOLL_E_INVALID_ARG;
	ctx->detail[0] = '\0';
	if (challenge == NULL || len == NULL || (buf == NULL && cap != 0U))
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG, "no challenge, buffer or length");
	if (ctx->ops->attest == NULL)
		return atoll_fail(ctx, ATOLL_E_UNSUPPORTED, "the %s backend cannot attest",
				  ctx->ops->name);
	atoll_lock();
	st = ctx->ops->attest(ctx, challenge, buf, cap, len);
	atoll_unlock();
	return st;
}

ATOLL_API atoll_status atoll_sim_write_refs(struct atoll_ctx *ctx, const char *path)
{
	atoll_status st;

	if (ctx == NULL)
		return ATOLL_E_INVALID_ARG;
	ctx->detail[0] = '\0';
	if (path == NULL)
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG, "no path");
	if (ctx->ops->write_refs == NULL)
		return atoll_fail(ctx, ATOLL_E_UNSUPPORTED,
				  "the %s backend has no reference values of its own", ctx->ops->name);
	atoll_lock();
	st = ctx->ops->write_refs(ctx, path);
	atoll_unlock();
	return st;
}

ATOLL_API atoll_status atoll_extend_rem(struct atoll_ctx *ctx, unsigned int index,
					const uint8_t *data, size_t len)
{
	atoll_status st;

	if (ctx == NULL)
		return ATOLL_E_INVALID_ARG;
	ctx->detail[0] = '\0';
	if (index < 1U || index > 4U || data == NULL || len == 0U || len > ATOLL_DIGEST_MAX)
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG,
				  "REM index must be 1..4 and the data 1..%u bytes", ATOLL_DIGEST_MAX);
	if (ctx->ops->extend_rem == NULL)
		return atoll_fail(ctx, ATOLL_E_UNSUPPORTED, "the %s backend cannot extend a REM",
				  ctx->ops->name);
	atoll_lock();
	st = ctx->ops->extend_rem(ctx, index, data, len);
	atoll_unlock();
	return st;
}
