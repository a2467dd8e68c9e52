/*
 * The rsi backend (bare-metal realm payloads, libatoll-realm.a): the realm's
 * own RSI calls. Tokens through RSI_ATTEST_TOKEN_INIT/CONTINUE, REMs through
 * RSI_MEASUREMENT_EXTEND, sealing keys through Atoll's RSI_ATOLL_SEALING_KEY
 * (docs/sealing.md). Addresses passed to the RMM are IPAs, which in a
 * payload (MMU off) are its pointers.
 */
#include <string.h>

#include <atoll/rsi.h>

#include "internal.h"
#include "rsi.h"

#define RSI_GRANULE		4096U
/* The RMM's token bound is one granule; a second one to spare. */
#define TOKEN_BUF_SIZE		(2U * RSI_GRANULE)

/* CONTINUE writes only into whole granules of protected memory: this one, then a copy out. */
static uint8_t token_buf[TOKEN_BUF_SIZE] __attribute__((aligned(RSI_GRANULE)));

static atoll_status rsi_status(struct atoll_ctx *ctx, const char *call, uint64_t status)
{
	return atoll_fail(ctx, ATOLL_E_BACKEND, "%s answered RSI status %lu%s", call,
			  (unsigned long)status,
			  status == RSI_ERROR_UNKNOWN ? " (not available on this platform)" : "");
}

static atoll_status rsi_open(struct atoll_ctx *ctx, const struct atoll_options *opt)
{
	uint64_t lower, higher, status;

	(void)opt;
	status = rsi_version(RSI_ABI_VERSION, &lower, &higher);
	if (status != RSI_SUCCESS)
		return atoll_fail(ctx, ATOLL_E_UNSUPPORTED,
				  "the RMM does not implement RSI 1.0 (it offers 0x%lx to 0x%lx)",
				  (unsigned long)lower, (unsigned long)higher);
	return ATOLL_OK;
}

/* 64 bytes as the eight registers of an RSI value, little-endian. */
static void to_words(uint64_t w[RSI_VALUE_WORDS], const uint8_t *p, size_t len)
{
	memset(w, 0, RSI_VALUE_WORDS * sizeof(w[0]));
	for (size_t i = 0; i < len; i++)
		w[i / 8U] |= (uint64_t)p[i] << (8U * (i % 8U));
}

static atoll_status rsi_attest(struct atoll_ctx *ctx, const uint8_t challenge[ATOLL_CHALLENGE_SIZE],
			       uint8_t *buf, size_t cap, size_t *len)
{
	uint64_t words[RSI_VALUE_WORDS], max, size = 0, written, status;

	to_words(words, challenge, ATOLL_CHALLENGE_SIZE);
	status = rsi_attest_token_init(words, &max);
	if (status != RSI_SUCCESS)
		return rsi_status(ctx, "RSI_ATTEST_TOKEN_INIT", status);
	do {
		uint64_t granule = (uint64_t)(uintptr_t)token_buf + (size & ~(uint64_t)(RSI_GRANULE - 1U));
		uint64_t offset = size & (RSI_GRANULE - 1U);

		if (size >= TOKEN_BUF_SIZE)
			return atoll_fail(ctx, ATOLL_E_BACKEND,
					  "the token is longer than %u bytes", TOKEN_BUF_SIZE);
		status = rsi_attest_token_continue(granule, offset, RSI_GRANULE - offset, &written);
		size += written;
	} while (status == RSI_INCOMPLETE);
	if (status != RSI_SUCCESS)
		return rsi_status(ctx, "RSI_ATTEST_TOKEN_CONTINUE", status);
	*len = size;
	if (cap < size)
		return atoll_fail(ctx, ATOLL_E_BUFFER_TOO_SMALL, "the token needs %lu bytes",
				  (unsigned long)size);
	memcpy(buf, token_buf, size);
	return ATOLL_OK;
}

static atoll_status rsi_sealing_key(struct atoll_ctx *ctx, atoll_key_policy policy, bool rim_bound,
				    uint64_t svn, uint8_t key[ATOLL_SEALING_KEY_SIZE])
{
	uint64_t flags = (policy == ATOLL_KEY_VHUK_M ? RSI_SEALING_KEY_VHUK_M : 0U) |
			 (rim_bound ? RSI_SEALING_KEY_RIM : 0U);
	uint64_t status = rsi_atoll_sealing_key(flags, svn, key);

	if (status == RSI_ERROR_UNKNOWN)
		return atoll_fail(ctx, ATOLL_E_UNSUPPORTED,
				  "this platform has no sealing keys (no HES behind the RMM)");
	if (status != RSI_SUCCESS)
		return rsi_status(ctx, "RSI_ATOLL_SEALING_KEY", status);
	return ATOLL_OK;
}

static atoll_status rsi_extend_rem(struct atoll_ctx *ctx, unsigned int index, const uint8_t *data,
				   size_t len)
{
	uint64_t words[RSI_VALUE_WORDS], status;

	to_words(words, data, len);
	status = rsi_measurement_extend(index, len, words);
	if (status != RSI_SUCCESS)
		return rsi_status(ctx, "RSI_MEASUREMENT_EXTEND", status);
	return ATOLL_OK;
}

const struct atoll_backend_ops atoll_backend_rsi = {
	.name = "rsi",
	.open = rsi_open,
	.attest = rsi_attest,
	.sealing_key = rsi_sealing_key,
	.extend_rem = rsi_extend_rem,
};
