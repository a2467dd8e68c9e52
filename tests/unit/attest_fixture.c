/* Token-making helpers for the attestation tests (see attest_fixture.h). */
#include "attest_fixture.h"

#include <string.h>

#include "unit.h"

struct attest_ctx at_ctx;
uint8_t at_token[RSI_ATTEST_TOKEN_MAX_SIZE];
static struct rd test_rd;

bool at_never_yield(void)
{
	return false;
}

bool at_always_yield(void)
{
	return true;
}

void at_fill(uint8_t *p, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(seed + 7U * i);
}

const struct rd *at_realm(enum measure_algo algo)
{
	size_t dlen = measure_digest_size(algo);

	memset(&test_rd, 0, sizeof(test_rd));
	test_rd.algo = algo;
	at_fill(test_rd.rpv, sizeof(test_rd.rpv), 0x11);
	at_fill(test_rd.rim, dlen, 0x22);
	for (unsigned int i = 0; i < 4U; i++)
		at_fill(test_rd.rem[i], dlen, (uint8_t)(0x33 + i));
	return &test_rd;
}

size_t at_read_all(uint8_t *out)
{
	size_t total = attest_token_size(&at_ctx), n;
	bool done = false;

	assert_int_equal(attest_token_state(&at_ctx), ATTEST_TOKEN_SIGNED);
	n = attest_token_read(&at_ctx, out, RSI_ATTEST_TOKEN_MAX_SIZE, &done);
	assert_int_equal(n, total);
	assert_true(done);
	return n;
}

size_t at_make_token(const struct rd *rd, uint8_t challenge_seed, uint8_t *out)
{
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];

	at_fill(challenge, sizeof(challenge), challenge_seed);
	assert_true(attest_token_init(&at_ctx, challenge, rd));
	assert_int_equal(attest_token_continue_sign(&at_ctx, at_never_yield), ATTEST_SIGN_DONE);
	return at_read_all(out);
}

void at_reboot(void)
{
	assert_int_equal(host_cold_boot(0, ABI_VERSION(0U, 4U), 32, HOST_SHARED_BUF),
			 RMM_BOOT_SUCCESS);
}
