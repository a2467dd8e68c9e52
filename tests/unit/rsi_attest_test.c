/*
 * RSI_ATTEST_TOKEN_INIT / CONTINUE from a scripted realm (spec 4 and 6):
 * the protocol, where the token lands in realm memory, yielding to a
 * pending host interrupt, and what the token carries. Its encoding and
 * signature are checked in attest_test.c; the argument checks of
 * CONTINUE are in rsi_test.c.
 */
#include <string.h>

#include <atoll/el3.h>
#include <rmm/attest_key.h>

#include "realm_script.h"

#define TOKEN_MAX	RSI_ATTEST_TOKEN_MAX_SIZE
#define FILL		0xA5	/* what rs_realm puts in its RAM pages */

/* CBOR tag 399, a map of 2, key 44234 (cca-platform-token): spec 6. */
static const uint8_t cca_head[] = { 0xD9, 0x01, 0x8F, 0xA2, 0x19, 0xAC, 0xCA };
/* Key 44241 (cca-realm-delegated-token). */
static const uint8_t realm_key[] = { 0x19, 0xAC, 0xD1 };

static void challenge(uint64_t seed, uint64_t x[8])
{
	for (unsigned int i = 0; i < 8; i++)
		x[i] = (seed + i) * 0x9E3779B97F4A7C15ULL;
}

static void init(const struct rs_realm *rr, unsigned int rec, uint64_t seed)
{
	uint64_t x[8];
	const struct rec_regs *r;

	challenge(seed, x);
	r = rs_callv(rr, rec, RSI_ATTEST_TOKEN_INIT, x, 8);
	assert_int_equal(r->x[0], RSI_SUCCESS);
	assert_int_equal(r->x[1], TOKEN_MAX);
}

static const struct rec_regs *cont(const struct rs_realm *rr, uint64_t addr, uint64_t offset,
				   uint64_t size)
{
	return rs_call(rr, RSI_ATTEST_TOKEN_CONTINUE, addr, offset, size);
}

static bool contains(const uint8_t *hay, size_t len, const void *needle, size_t n)
{
	return memmem(hay, len, needle, n) != NULL;
}

/* The token is a CCA token carrying the challenge of seed. */
static void assert_token(const uint8_t *tok, size_t len, uint64_t seed)
{
	uint64_t x[8];

	challenge(seed, x);
	assert_true(len > sizeof(cca_head) && len <= TOKEN_MAX);
	assert_memory_equal(tok, cca_head, sizeof(cca_head));
	assert_true(contains(tok, len, realm_key, sizeof(realm_key)));
	assert_true(contains(tok, len, x, sizeof(x)));
}

/* Reads the whole token into the page at RS_RAM, chunk bytes a call; its length. */
static size_t read_token(const struct rs_realm *rr, uint64_t chunk)
{
	size_t total = 0;

	for (;;) {
		const struct rec_regs *r = cont(rr, RS_RAM, total, chunk);

		assert_true(r->x[1] <= chunk);
		total += r->x[1];
		if (r->x[0] == RSI_SUCCESS)
			return total;
		assert_int_equal(r->x[0], RSI_INCOMPLETE);
		assert_int_equal(r->x[1], chunk);
	}
}

static const uint8_t *ram(const struct rs_realm *rr)
{
	return host_pa_ptr(rr->data[0]);
}

static void rsi_attest_token_init_success(void **state)
{
	struct rs_realm rr;
	uint64_t x[10];

	(void)state;
	rs_realm(&rr);
	challenge(1, x);
	x[8] = 0x9999;
	x[9] = 0xAAAA;
	assert_int_equal(rs_callv(&rr, 0, RSI_ATTEST_TOKEN_INIT, x, 10)->x[0], RSI_SUCCESS);
	assert_int_equal(rs_end()->x[1], TOKEN_MAX);
	assert_int_equal(rs_end()->x[9], 0x9999);
	assert_int_equal(rs_end()->x[10], 0xAAAA);
}

/* One CONTINUE of 4096 bytes gets it all; the rest of the page is untouched; then STATE. */
static void rsi_attest_token_continue_whole(void **state)
{
	/* covers: RSI_ATTEST_TOKEN_CONTINUE.after_success */
	struct rs_realm rr;
	size_t len;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 1);
	len = read_token(&rr, TOKEN_MAX);
	assert_token(ram(&rr), len, 1);
	for (size_t i = len; i < GRANULE_SIZE; i++)
		assert_int_equal(ram(&rr)[i], FILL);
	assert_int_equal(cont(&rr, RS_RAM, 0, TOKEN_MAX)->x[0], RSI_ERROR_STATE);
}

/* 100 bytes a call, at increasing offsets in the page. */
static void rsi_attest_token_continue_chunks(void **state)
{
	struct rs_realm rr;
	size_t len;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 2);
	len = read_token(&rr, 100);
	assert_token(ram(&rr), len, 2);
	assert_int_equal(ram(&rr)[len], FILL);
}

/* size 0: INCOMPLETE with nothing written, the token still there. */
static void rsi_attest_token_continue_size_0(void **state)
{
	const struct rec_regs *r;
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 3);
	r = cont(&rr, RS_RAM, 16, 0);
	assert_int_equal(r->x[0], RSI_INCOMPLETE);
	assert_int_equal(r->x[1], 0);
	for (size_t i = 0; i < GRANULE_SIZE; i++)
		assert_int_equal(ram(&rr)[i], FILL);
	assert_token(ram(&rr), read_token(&rr, TOKEN_MAX), 3);
}

/*
 * size 0 is accepted only after the buffer's page (spec 4, CONTINUE steps 4
 * then 5): RIPAS EMPTY gives ERROR_INPUT, RIPAS RAM without a page an
 * emulated abort with the SMC replayed; the token is untouched either way.
 */
static void rsi_attest_token_continue_size_0_after_buffer_state(void **state)
{
	const struct rmi_rec_exit *e;
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 6);
	assert_int_equal(cont(&rr, RS_EMPTY, 0, 0)->x[0], RSI_ERROR_INPUT);
	assert_int_equal(cont(&rr, RS_ASSIGNED_EMPTY, 16, 0)->x[0], RSI_ERROR_INPUT);
	rs_smc(RSI_ATTEST_TOKEN_CONTINUE, RS_RAM_UNMAPPED, 0, 0);
	rs_enter(&rr, 0, 0);
	e = &rs_run(&rr)->exit;
	assert_int_equal(e->exit_reason, RMI_EXIT_SYNC);
	assert_int_equal(e->esr, RS_EC(0x24) | RS_FSC_TRANS(3));
	assert_int_equal(e->far, 0);
	assert_int_equal(e->hpfar, RS_RAM_UNMAPPED >> 8);
	/* Not answered: the realm is at the SMC (after INIT and two CONTINUEs). */
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC + 12);
	assert_int_equal(rs_rec(&rr, 0)->regs.x[0], RSI_ATTEST_TOKEN_CONTINUE);
	for (size_t i = 0; i < GRANULE_SIZE; i++)
		assert_int_equal(ram(&rr)[i], FILL);
	assert_token(ram(&rr), read_token(&rr, TOKEN_MAX), 6);
}

/* A buffer with RIPAS EMPTY: ERROR_INPUT, the token still there. */
static void rsi_attest_token_continue_ripas_empty(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 4);
	assert_int_equal(cont(&rr, RS_EMPTY, 0, TOKEN_MAX)->x[0], RSI_ERROR_INPUT);
	assert_int_equal(cont(&rr, RS_ASSIGNED_EMPTY, 0, TOKEN_MAX)->x[0], RSI_ERROR_INPUT);
	assert_token(ram(&rr), read_token(&rr, TOKEN_MAX), 4);
}

/* RIPAS RAM without a page: emulated abort, the SMC again once the host mapped it. */
static void rsi_attest_token_continue_unmapped(void **state)
{
	const struct rmi_rec_exit *e;
	struct rs_realm rr;
	uint64_t data;
	const struct rec_regs *r;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 5);
	rs_smc(RSI_ATTEST_TOKEN_CONTINUE, RS_RAM_UNMAPPED, 0, TOKEN_MAX);
	rs_enter(&rr, 0, 0);
	e = &rs_run(&rr)->exit;
	assert_int_equal(e->exit_reason, RMI_EXIT_SYNC);
	assert_int_equal(e->esr, RS_EC(0x24) | RS_FSC_TRANS(3));
	assert_int_equal(e->hpfar, RS_RAM_UNMAPPED >> 8);
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC + 4);	/* at the SMC, after INIT */
	data = fx_delegated();
	assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, rr.r.rd, data, RS_RAM_UNMAPPED, 0, 0),
			 RMI_SUCCESS);
	r = cont(&rr, RS_RAM_UNMAPPED, 0, TOKEN_MAX);
	assert_int_equal(r->x[0], RSI_SUCCESS);
	assert_token(host_pa_ptr(data), r->x[1], 5);
}

/* A host interrupt while signing: INCOMPLETE, x1 = 0, exit IRQ; later calls finish it. */
static void rsi_attest_token_continue_yields_to_irq(void **state)
{
	struct rs_realm rr;
	struct rec *rec;
	unsigned int ends;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 6);
	ends = rs_ends();
	rs_smc(RSI_ATTEST_TOKEN_CONTINUE, RS_RAM, 0, TOKEN_MAX);
	host_set_irq_pending(true);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	host_set_irq_pending(false);
	/* The IRQ exit came from the call, not from the end of the script. */
	assert_int_equal(rs_ends(), ends);
	rec = rs_rec(&rr, 0);
	assert_int_equal(rec->regs.x[0], RSI_INCOMPLETE);
	assert_int_equal(rec->regs.x[1], 0);
	assert_int_equal(rec->regs.pc, RS_PC + 8);
	assert_int_equal(ram(&rr)[0], FILL);
	assert_token(ram(&rr), read_token(&rr, TOKEN_MAX), 6);
}

/*
 * One CONTINUE from REC i with a host interrupt pending, on a fresh script:
 * INCOMPLETE, x1 = 0, nothing written, and the REC exits with reason IRQ
 * from the call itself.
 */
static void cont_irq(const struct rs_realm *rr, unsigned int i)
{
	const struct rec *rec = rs_rec(rr, i);

	rs_reset();
	rs_smc(RSI_ATTEST_TOKEN_CONTINUE, RS_RAM, 0, TOKEN_MAX);
	host_set_irq_pending(true);
	rs_enter_exit(rr, i, 0, RMI_EXIT_IRQ);
	host_set_irq_pending(false);
	assert_int_equal(rs_ends(), 0);
	assert_int_equal(rec->regs.x[0], RSI_INCOMPLETE);
	assert_int_equal(rec->regs.x[1], 0);
	assert_int_equal(ram(rr)[0], FILL);
}

/*
 * The first token of the boot: the RAK set-up runs in CONTINUE, a slice per
 * call while the host has an interrupt waiting, and nothing at INIT.
 */
static void rsi_attest_token_setup_yields_to_irq(void **state)
{
	unsigned int calls = 0;
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 11);
	assert_int_equal(attest_key_state(), ATTEST_KEY_PENDING);
	while (!attest_key_ready()) {
		assert_int_equal(host_el3_attest.plat_token_calls, 0);
		cont_irq(&rr, 0);
		calls++;
	}
	assert_true(calls > 10U);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
	/* The signature gives way as well. */
	cont_irq(&rr, 0);
	rs_reset();
	assert_token(ram(&rr), read_token(&rr, TOKEN_MAX), 11);
}

/*
 * Two RECs ask for their first token together and take turns, each
 * interrupted after a slice: one set-up serves both (one platform token),
 * and each gets its own token.
 */
static void rsi_attest_token_two_recs_share_setup(void **state)
{
	unsigned int calls[2] = { 0, 0 };
	struct rs_realm rr;
	size_t len;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2, .all_runnable = true });
	init(&rr, 0, 12);
	rs_reset();
	init(&rr, 1, 13);
	for (unsigned int turn = 0; !attest_key_ready(); turn ^= 1U) {
		cont_irq(&rr, turn);
		calls[turn]++;
	}
	assert_true(calls[0] > 1U && calls[1] > 1U);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
	rs_reset();
	assert_token(ram(&rr), read_token(&rr, TOKEN_MAX), 12);
	rs_reset();
	len = 0;
	for (;;) {
		const struct rec_regs *r =
			rs_call_on(&rr, 1, RSI_ATTEST_TOKEN_CONTINUE, RS_RAM, 0, TOKEN_MAX);

		len = r->x[1];
		if (r->x[0] == RSI_SUCCESS)
			break;
		assert_int_equal(r->x[0], RSI_INCOMPLETE);
	}
	assert_token(ram(&rr), len, 13);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
}

/*
 * EL3 refuses the platform token, asked for by the first CONTINUE:
 * ERROR_UNKNOWN there, and from then on INIT gives ERROR_UNKNOWN (spec 4:
 * attestation not initialised), on every REC.
 */
/* EL3 gave no Realm Attestation Key at cold boot: INIT gives ERROR_UNKNOWN, nothing pends. */
static void rsi_attest_token_init_without_realm_key(void **state)
{
	/* covers: RSI_ATTEST_TOKEN_INIT.internal_failure */
	struct rs_realm rr;
	uint64_t x[8];

	(void)state;
	host_el3_attest.realm_key_error = E_RMM_UNK;
	assert_int_equal(host_cold_boot(0, ABI_VERSION(0U, 4U), 32, HOST_SHARED_BUF),
			 RMM_BOOT_SUCCESS);
	rs_realm(&rr);
	challenge(3, x);
	assert_int_equal(rs_callv(&rr, 0, RSI_ATTEST_TOKEN_INIT, x, 8)->x[0], RSI_ERROR_UNKNOWN);
	assert_int_equal(cont(&rr, RS_RAM, 0, TOKEN_MAX)->x[0], RSI_ERROR_STATE);
	assert_int_equal(ram(&rr)[0], FILL);
}

static void rsi_attest_token_setup_failure(void **state)
{
	/* covers: RSI_ATTEST_TOKEN_INIT.setup_failure */
	struct rs_realm rr;
	uint64_t x[8];

	(void)state;
	host_el3_attest.plat_token_error = E_RMM_UNK;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2, .all_runnable = true });
	init(&rr, 0, 14);
	assert_int_equal(cont(&rr, RS_RAM, 0, TOKEN_MAX)->x[0], RSI_ERROR_UNKNOWN);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
	assert_int_equal(ram(&rr)[0], FILL);
	/* No token pending any more. */
	assert_int_equal(cont(&rr, RS_RAM, 0, TOKEN_MAX)->x[0], RSI_ERROR_STATE);
	challenge(15, x);
	for (unsigned int i = 0; i < 2U; i++)
		assert_int_equal(rs_callv(&rr, i, RSI_ATTEST_TOKEN_INIT, x, 8)->x[0],
				 RSI_ERROR_UNKNOWN);
	assert_int_equal(host_el3_attest.plat_token_calls, 1);
}

/* A new INIT discards the token being read: the next one starts from its beginning. */
static void rsi_attest_token_init_restarts(void **state)
{
	struct rs_realm rr;
	uint64_t old[8];
	size_t len;

	(void)state;
	rs_realm(&rr);
	init(&rr, 0, 7);
	assert_int_equal(cont(&rr, RS_RAM2, 0, 64)->x[0], RSI_INCOMPLETE);
	init(&rr, 0, 8);
	len = read_token(&rr, TOKEN_MAX);
	assert_token(ram(&rr), len, 8);
	challenge(7, old);
	assert_false(contains(ram(&rr), len, old, sizeof(old)));
}

/* The token state is per REC. */
static void rsi_attest_token_per_rec(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2, .all_runnable = true });
	init(&rr, 0, 9);
	assert_int_equal(rs_call_on(&rr, 1, RSI_ATTEST_TOKEN_CONTINUE, RS_RAM, 0, TOKEN_MAX)->x[0],
			 RSI_ERROR_STATE);
	assert_token(ram(&rr), read_token(&rr, TOKEN_MAX), 9);
}

/* The claims carry the RPV and the measurements as they are at INIT. */
static void rsi_attest_token_carries_measurements(void **state)
{
	uint8_t rpv[64], rim[64], rem[64];
	const struct rec_regs *r;
	struct rs_realm rr;
	size_t len;

	(void)state;
	rs_realm(&rr);
	assert_int_equal(rs_call(&rr, RSI_MEASUREMENT_EXTEND, 2, 64, 1, 2, 3, 4, 5, 6, 7, 8)->x[0],
			 RSI_SUCCESS);
	r = rs_call(&rr, RSI_MEASUREMENT_READ, 0);
	memcpy(rim, &r->x[1], sizeof(rim));
	r = rs_call(&rr, RSI_MEASUREMENT_READ, 2);
	memcpy(rem, &r->x[1], sizeof(rem));
	for (unsigned int i = 0; i < sizeof(rpv); i++)
		rpv[i] = rs_rpv(i);
	init(&rr, 0, 10);
	len = read_token(&rr, TOKEN_MAX);
	assert_token(ram(&rr), len, 10);
	assert_true(contains(ram(&rr), len, rpv, sizeof(rpv)));
	assert_true(contains(ram(&rr), len, rim, 32));
	assert_true(contains(ram(&rr), len, rem, 32));
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	T(rsi_attest_token_init_success),
	T(rsi_attest_token_continue_whole),
	T(rsi_attest_token_continue_chunks),
	T(rsi_attest_token_continue_size_0),
	T(rsi_attest_token_continue_size_0_after_buffer_state),
	T(rsi_attest_token_continue_ripas_empty),
	T(rsi_attest_token_continue_unmapped),
	T(rsi_attest_token_continue_yields_to_irq),
	T(rsi_attest_token_setup_yields_to_irq),
	T(rsi_attest_token_two_recs_share_setup),
	T(rsi_attest_token_init_without_realm_key),
	T(rsi_attest_token_setup_failure),
	T(rsi_attest_token_init_restarts),
	T(rsi_attest_token_per_rec),
	T(rsi_attest_token_carries_measurements),
};

UNIT_GROUP(rsi_attest_tests, tests, NULL);
