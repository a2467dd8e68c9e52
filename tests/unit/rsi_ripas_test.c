/*
 * RSI_IPA_STATE_SET (the RIPAS_CHANGE exit, RMI_RTT_SET_RIPAS driven by the
 * host and the response at the next REC_ENTER) and RSI_IPA_STATE_GET,
 * against spec 2.4 (RTT_SET_RIPAS) and 4.
 */
#include <string.h>

#include "realm_script.h"

#define MB2		FX_LEVEL_SIZE(2)
#define GB		FX_LEVEL_SIZE(1)
#define L0_SIZE		FX_LEVEL_SIZE(0)
#define X5_MARK		0x5555ULL

static uint64_t resume_pc;	/* where the realm goes on after its last IPA_STATE_SET */

/* IPA_STATE_SET from REC 0, asserted to exit RIPAS_CHANGE with the request. */
static void request(const struct rs_realm *rr, uint64_t base, uint64_t top, uint64_t ripas,
		    uint64_t flags)
{
	const struct rmi_rec_exit *e = &rs_run(rr)->exit;
	unsigned int step = rs_steps_run();

	rs_smc(RSI_IPA_STATE_SET, base, top, ripas, flags, X5_MARK);
	rs_enter_exit(rr, 0, 0, RMI_EXIT_RIPAS_CHANGE);
	resume_pc = rs_seen(step)->pc + 4U;
	assert_int_equal(e->ripas_base, base);
	assert_int_equal(e->ripas_top, top);
	assert_int_equal(e->ripas_value, ripas);
	assert_int_equal(e->esr, 0);
	for (unsigned int i = 0; i < RMI_REC_RUN_GPRS; i++)
		assert_int_equal(e->gprs[i], 0);
}

static struct rmi_result set_ripas(const struct rs_realm *rr, uint64_t base, uint64_t top)
{
	return unit_rmi(RMI_RTT_SET_RIPAS, rr->r.rd, rr->rec[0].rec, base, top, 0);
}

static void set_ripas_ok(const struct rs_realm *rr, uint64_t base, uint64_t top,
			 uint64_t out_top)
{
	struct rmi_result res = set_ripas(rr, base, top);

	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], out_top);
}

/* The next entry completes the call: x0 SUCCESS, x1 = progress, x2 = response. */
static void assert_response(const struct rs_realm *rr, uint64_t flags, uint64_t progress,
			    uint64_t response)
{
	const struct rec_regs *x;

	rs_enter_exit(rr, 0, flags, RMI_EXIT_IRQ);
	x = rs_end();
	assert_int_equal(x->x[0], RSI_SUCCESS);
	assert_int_equal(x->x[1], progress);
	assert_int_equal(x->x[2], response);
	assert_int_equal(x->x[5], X5_MARK);
	assert_int_equal(x->pc, resume_pc);
}

static uint64_t ripas_at(const struct rs_realm *rr, uint64_t ipa)
{
	return fx_read(&rr->r, ipa, 3).x[4];
}

/* ---- IPA_STATE_SET argument checks: ERROR_INPUT, no exit ------------------------------------ */

struct bad_row {
	uint64_t base, top, ripas;
};

static void rsi_ipa_state_set_bad_row(void **state)
{
	const struct bad_row *row = *state;
	struct rs_realm rr;
	const struct rec_regs *x;

	rs_realm(&rr);
	x = rs_call(&rr, RSI_IPA_STATE_SET, row->base, row->top, row->ripas, 0, X5_MARK);
	assert_int_equal(x->x[0], RSI_ERROR_INPUT);
	assert_int_equal(x->x[5], X5_MARK);
	/* Nothing is pending: the host cannot change anything. */
	assert_int_equal(set_ripas(&rr, row->base & ~0xFFFULL, (row->base & ~0xFFFULL) + 0x1000).x[0],
			 INPUT);
}

#define BAD_SET(name, ...) \
	RS_CASE(rsi_ipa_state_set_##name, rsi_ipa_state_set_bad_row, struct bad_row, __VA_ARGS__)

/* ---- IPA_STATE_SET then RTT_SET_RIPAS: one call, entries by state ---------------------- */

struct set_row {
	uint64_t base, top, ripas, flags;
	uint64_t expect;	/* RTT_SET_RIPAS x0 */
	uint64_t out_top;
};

/*
 * One RTT_SET_RIPAS over the whole request. Processed pages keep their
 * state (ASSIGNED or not) and take the RIPAS; the rest keep everything.
 */
static void rtt_set_ripas_row(void **state)
{
	const struct set_row *row = *state;
	struct rmi_result before[16], res;
	struct rs_realm rr;
	unsigned int pages = (unsigned int)((row->top - row->base) / GRANULE_SIZE);
	uint64_t progress;

	assert_true(pages <= 16);
	rs_realm(&rr);
	for (unsigned int i = 0; i < pages; i++)
		before[i] = fx_read(&rr.r, row->base + i * GRANULE_SIZE, 3);
	request(&rr, row->base, row->top, row->ripas, row->flags);
	res = set_ripas(&rr, row->base, row->top);
	assert_int_equal(res.x[0], row->expect);
	progress = row->expect == RMI_SUCCESS ? row->out_top : row->base;
	if (row->expect == RMI_SUCCESS)
		assert_int_equal(res.x[1], row->out_top);
	for (unsigned int i = 0; i < pages; i++) {
		uint64_t ipa = row->base + i * GRANULE_SIZE;
		struct rmi_result now = fx_read(&rr.r, ipa, 3);

		if (ipa >= progress) {
			assert_memory_equal(&now, &before[i], sizeof(now));
			continue;
		}
		assert_int_equal(now.x[2], before[i].x[2]);
		assert_int_equal(now.x[3], before[i].x[3]);
		assert_int_equal(now.x[4], row->ripas);
	}
	assert_response(&rr, 0, progress, RSI_ACCEPT);
}

#define SET(name, ...) \
	RS_CASE(rtt_set_ripas_##name, rtt_set_ripas_row, struct set_row, __VA_ARGS__)
#define RAM		.ripas = RSI_RIPAS_RAM
#define EMPTY		.ripas = RSI_RIPAS_EMPTY
#define DESTROY_OK	.flags = RSI_CHANGE_DESTROYED
#define OK(t)		.expect = RMI_SUCCESS, .out_top = (t)

/* ---- Several RTT_SET_RIPAS calls for one request ---------------------------------------- */

/* Stops at the end of the level 3 RTT; the next call walks to a level 2 entry. */
static void rtt_set_ripas_continues_across_rtts(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	request(&rr, MB2 - 0x2000, 2 * MB2, RSI_RIPAS_RAM, 0);
	set_ripas_ok(&rr, MB2 - 0x2000, 2 * MB2, MB2);
	/* base must be the progress address now. */
	assert_int_equal(set_ripas(&rr, MB2 - 0x2000, 2 * MB2).x[0], INPUT);
	set_ripas_ok(&rr, MB2, 2 * MB2, 2 * MB2);
	fx_assert_entry(&rr.r, MB2, 3, 2, RMI_UNASSIGNED, 0, RMI_RAM);
	assert_int_equal(ripas_at(&rr, MB2 - 0x1000), RMI_RAM);
	assert_response(&rr, REC_ENTER_FLAG_RIPAS_RESPONSE, 2 * MB2, RSI_ACCEPT);
}

/* A level 2 walk stops at a TABLE entry; the next call goes down into it. */
static void rtt_set_ripas_stops_at_table(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	fx_rtt(&rr.r, 2 * MB2, 3);
	request(&rr, MB2, 4 * MB2, RSI_RIPAS_RAM, 0);
	set_ripas_ok(&rr, MB2, 4 * MB2, 2 * MB2);
	set_ripas_ok(&rr, 2 * MB2, 4 * MB2, 3 * MB2);
	fx_assert_entry(&rr.r, 3 * MB2 - 0x1000, 3, 3, RMI_UNASSIGNED, 0, RMI_RAM);
	set_ripas_ok(&rr, 3 * MB2, 4 * MB2, 4 * MB2);
	assert_response(&rr, 0, 4 * MB2, RSI_ACCEPT);
}

/* The host may stop below the requested top; the realm sees how far it got. */
static void rtt_set_ripas_host_top_below_request(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	request(&rr, 0, 0x10000, RSI_RIPAS_RAM, 0);
	set_ripas_ok(&rr, 0, 0x3000, 0x3000);
	set_ripas_ok(&rr, 0x3000, 0x5000, 0x5000);
	assert_int_equal(ripas_at(&rr, 0x4000), RMI_RAM);
	assert_int_equal(ripas_at(&rr, 0x5000), RMI_EMPTY);
	assert_response(&rr, 0, 0x5000, RSI_ACCEPT);
}

/* ---- RTT_SET_RIPAS failures with a request pending ---------------------------------------- */

struct fail_row {
	uint64_t base, top;		/* the request (RAM) */
	uint64_t set_base, set_top;	/* RTT_SET_RIPAS */
	uint64_t expect;
	uint64_t ok_top, ok_out;	/* then RTT_SET_RIPAS(base, ok_top) gives ok_out */
};

static void rtt_set_ripas_fail_row(void **state)
{
	const struct fail_row *row = *state;
	struct rmi_result before[4];
	struct rs_realm rr;

	rs_realm(&rr);
	request(&rr, row->base, row->top, RSI_RIPAS_RAM, 0);
	fx_view(&rr.r, row->set_base, before);
	assert_int_equal(set_ripas(&rr, row->set_base, row->set_top).x[0], row->expect);
	fx_assert_view(&rr.r, row->set_base, before);
	/* The request is still there, unchanged. */
	set_ripas_ok(&rr, row->base, row->ok_top, row->ok_out);
}

#define FAIL(name, ...) \
	RS_CASE(rtt_set_ripas_##name, rtt_set_ripas_fail_row, struct fail_row, __VA_ARGS__)

static void rtt_set_ripas_after_completion(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	request(&rr, 0, 0x2000, RSI_RIPAS_RAM, 0);
	set_ripas_ok(&rr, 0, 0x1000, 0x1000);
	assert_response(&rr, 0, 0x1000, RSI_ACCEPT);
	/* The entry completed the request: nothing is pending any more. */
	assert_int_equal(set_ripas(&rr, 0x1000, 0x2000).x[0], INPUT);
	assert_int_equal(ripas_at(&rr, 0x1000), RMI_EMPTY);
}

static void rtt_set_ripas_other_realm_rd(void **state)
{
	struct rs_realm rr, other;

	(void)state;
	rs_realm(&other);
	rs_realm(&rr);
	request(&rr, 0, 0x1000, RSI_RIPAS_RAM, 0);
	assert_int_equal(fx_x0(RMI_RTT_SET_RIPAS, other.r.rd, rr.rec[0].rec, 0, 0x1000, 0),
			 REC_ERR);
	assert_int_equal(ripas_at(&other, 0), RMI_EMPTY);
	set_ripas_ok(&rr, 0, 0x1000, 0x1000);
}

/* ---- Responses ------------------------------------------------------------------------------ */

struct response_row {
	uint64_t ripas;
	uint64_t host_top;	/* RTT_SET_RIPAS up to here first, 0: no call */
	uint64_t flags;		/* REC_ENTER flags */
	uint64_t progress, response;
};

#define RESP_BASE	0x10000ULL
#define RESP_TOP	0x14000ULL

static void rsi_ipa_state_set_response_row(void **state)
{
	const struct response_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	request(&rr, RESP_BASE, RESP_TOP, row->ripas, 0);
	if (row->host_top != 0)
		set_ripas_ok(&rr, RESP_BASE, row->host_top, row->host_top);
	assert_response(&rr, row->flags, row->progress, row->response);
}

#define RESP(name, ...) \
	RS_CASE(rsi_ipa_state_set_##name, rsi_ipa_state_set_response_row, struct response_row, __VA_ARGS__)
#define RESPONSE	REC_ENTER_FLAG_RIPAS_RESPONSE

/* ---- What the new RIPAS means for the realm ----------------------------------------------- */

/* RAM made EMPTY: the page is unmapped; accesses get an SEA and RSI buffers ERROR_INPUT. */
static void rsi_ipa_state_set_empty_unmaps_ram(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	request(&rr, RS_RAM, RS_RAM + 0x1000, RSI_RIPAS_EMPTY, 0);
	set_ripas_ok(&rr, RS_RAM, RS_RAM + 0x1000, RS_RAM + 0x1000);
	fx_assert_entry(&rr.r, RS_RAM, 3, 3, RMI_ASSIGNED, rr.data[0], RMI_EMPTY);
	assert_response(&rr, 0, RS_RAM + 0x1000, RSI_ACCEPT);
	assert_int_equal(rs_call(&rr, RSI_REALM_CONFIG, RS_RAM)->x[0], RSI_ERROR_INPUT);
	rs_abort(RS_ESR_DABT, RS_RAM + 0x10);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_rec(&rr, 0)->el1.esr_el1, RS_EC(0x25) | RS_IL | 0x10U);
}

/* ASSIGNED/EMPTY made RAM: mapped, usable for RSI buffers. */
static void rsi_ipa_state_set_ram_maps_assigned(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	assert_int_equal(rs_call(&rr, RSI_REALM_CONFIG, RS_ASSIGNED_EMPTY)->x[0], RSI_ERROR_INPUT);
	request(&rr, RS_ASSIGNED_EMPTY, RS_ASSIGNED_EMPTY + 0x1000, RSI_RIPAS_RAM, 0);
	set_ripas_ok(&rr, RS_ASSIGNED_EMPTY, RS_ASSIGNED_EMPTY + 0x1000, RS_ASSIGNED_EMPTY + 0x1000);
	assert_response(&rr, 0, RS_ASSIGNED_EMPTY + 0x1000, RSI_ACCEPT);
	assert_int_equal(rs_call(&rr, RSI_REALM_CONFIG, RS_ASSIGNED_EMPTY)->x[0], RSI_SUCCESS);
}

/* Each request is completed at its own entry; a new one restarts the progress address. */
static void rsi_ipa_state_set_two_requests(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	request(&rr, 0, 0x2000, RSI_RIPAS_RAM, 0);
	set_ripas_ok(&rr, 0, 0x2000, 0x2000);
	rs_smc(RSI_IPA_STATE_SET, 0x1000, 0x2000, RSI_RIPAS_EMPTY, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_RIPAS_CHANGE);
	assert_int_equal(rs_seen(1)->x[1], 0x2000);
	assert_int_equal(set_ripas(&rr, 0x2000, 0x3000).x[0], INPUT);
	set_ripas_ok(&rr, 0x1000, 0x2000, 0x2000);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->x[1], 0x2000);
	assert_int_equal(ripas_at(&rr, 0), RMI_RAM);
	assert_int_equal(ripas_at(&rr, 0x1000), RMI_EMPTY);
}

/* ---- IPA_STATE_GET ---------------------------------------------------------------------------- */

struct get_row {
	uint64_t base, end;
	uint64_t expect;	/* x0 */
	uint64_t top, ripas;
	uint64_t table_at;	/* a level 3 RTT created here first, 0: none */
};

static void rsi_ipa_state_get_row(void **state)
{
	const struct get_row *row = *state;
	struct rs_realm rr;
	const struct rec_regs *x;

	rs_realm(&rr);
	if (row->table_at != 0)
		fx_rtt(&rr.r, row->table_at, 3);
	x = rs_call(&rr, RSI_IPA_STATE_GET, row->base, row->end, 0x3333);
	assert_int_equal(x->x[0], row->expect);
	assert_int_equal(x->x[3], 0x3333);
	if (row->expect != RSI_SUCCESS)
		return;
	assert_int_equal(x->x[1], row->top);
	assert_int_equal(x->x[2], row->ripas);
}

#define GET(name, ...) \
	RS_CASE(rsi_ipa_state_get_##name, rsi_ipa_state_get_row, struct get_row, __VA_ARGS__)
#define GET_OK(t, r)	.expect = RSI_SUCCESS, .top = (t), .ripas = (r)
#define GET_BAD		.expect = RSI_ERROR_INPUT

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	/* covers: RSI_IPA_STATE_SET.ripas_invalid */
	BAD_SET(ripas_destroyed, 0, 0x1000, RSI_RIPAS_DESTROYED),
	BAD_SET(ripas_3, 0, 0x1000, 3),	/* covers: RSI_IPA_STATE_SET.ripas_invalid */
	/* covers: RSI_IPA_STATE_SET.ripas_invalid */
	BAD_SET(ripas_2_pow_32, 0, 0x1000, 1ULL << 32),
	BAD_SET(base_unaligned, 0x800, 0x2000, RSI_RIPAS_RAM),
	BAD_SET(top_unaligned, 0x1000, 0x2800, RSI_RIPAS_RAM),
	BAD_SET(top_equals_base, 0x1000, 0x1000, RSI_RIPAS_RAM),
	BAD_SET(top_below_base, 0x3000, 0x1000, RSI_RIPAS_EMPTY),
	BAD_SET(base_unprotected, FX_UNPROT, FX_UNPROT + 0x1000, RSI_RIPAS_RAM),
	BAD_SET(top_unprotected, FX_UNPROT - 0x1000, FX_UNPROT + 0x1000, RSI_RIPAS_RAM),
	BAD_SET(top_beyond_s2sz, 0, FX_IPA_LIMIT + 0x1000, RSI_RIPAS_RAM),
	BAD_SET(top_wraps, 0x1000, 0, RSI_RIPAS_RAM),
	SET(last_protected_page_walk_level_0, FX_UNPROT - 0x1000, FX_UNPROT, RAM, .expect = RTT_ERR(0)),
	SET(ram_over_unassigned_empty, 0, 0x4000, RAM, OK(0x4000)),
	SET(ram_over_assigned_empty, RS_ASSIGNED_EMPTY, RS_ASSIGNED_EMPTY + 0x1000, RAM,
	    OK(RS_ASSIGNED_EMPTY + 0x1000)),
	SET(ram_over_ram_and_empty, RS_RAM, RS_DESTROYED, RAM, OK(RS_DESTROYED)),
	SET(ram_stops_at_destroyed, RS_EMPTY, RS_DESTROYED + 0x2000, RAM, OK(RS_DESTROYED)),
	SET(ram_destroyed_first, RS_DESTROYED, RS_DESTROYED + 0x1000, RAM, .expect = RTT_ERR(3)),
	SET(ram_change_destroyed, RS_DESTROYED, RS_DESTROYED + 0x2000, RAM, DESTROY_OK,
	    OK(RS_DESTROYED + 0x2000)),
	SET(empty_over_assigned_ram, RS_RAM, RS_RAM_UNMAPPED, EMPTY, OK(RS_RAM_UNMAPPED)),
	SET(empty_over_unassigned_ram, RS_RAM_UNMAPPED, RS_EMPTY, EMPTY, OK(RS_EMPTY)),
	SET(empty_over_empty_and_ram, RS_RAM - 0x1000, RS_DESTROYED, EMPTY, OK(RS_DESTROYED)),
	SET(empty_destroyed_first, RS_DESTROYED, RS_DESTROYED + 0x1000, EMPTY,
	    .expect = RTT_ERR(3)),
	SET(empty_change_destroyed, RS_DESTROYED, RS_DESTROYED + 0x1000, EMPTY, DESTROY_OK,
	    OK(RS_DESTROYED + 0x1000)),
	SET(level_2_entry_past_top, MB2, MB2 + 0x4000, RAM, .expect = RTT_ERR(2)),
	SET(level_2_base_misaligned, MB2 + 0x1000, MB2 + 0x3000, RAM, .expect = RTT_ERR(2)),
	T(rtt_set_ripas_continues_across_rtts),
	T(rtt_set_ripas_stops_at_table),
	T(rtt_set_ripas_host_top_below_request),
	FAIL(base_not_progress, 0, 0x4000, 0x1000, 0x2000, INPUT, 0x1000, 0x1000),
	FAIL(base_not_progress_before_walk_level, MB2, 2 * MB2, MB2 + 0x1000, MB2 + 0x2000, INPUT,
	     2 * MB2, 2 * MB2),
	FAIL(top_above_request, 0, 0x2000, 0, 0x3000, INPUT, 0x1000, 0x1000),
	FAIL(top_unaligned, 0, 0x2000, 0, 0x1800, INPUT, 0x2000, 0x2000),
	FAIL(top_unaligned_before_entry_past_top, MB2, 2 * MB2, MB2, MB2 + 0x800, INPUT, 2 * MB2,
	     2 * MB2),
	FAIL(top_equals_base, 0, 0x2000, 0, 0, INPUT, 0x1000, 0x1000),
	FAIL(base_below_progress_base, 0x1000, 0x2000, 0, 0x2000, INPUT, 0x2000, 0x2000),
	T(rtt_set_ripas_after_completion),
	T(rtt_set_ripas_other_realm_rd),
	RESP(ram_complete_response_flag, RSI_RIPAS_RAM, RESP_TOP, RESPONSE, RESP_TOP, RSI_ACCEPT),
	RESP(ram_untouched_response_flag, RSI_RIPAS_RAM, 0, RESPONSE, RESP_BASE, RSI_REJECT),
	RESP(ram_partial_response_flag, RSI_RIPAS_RAM, RESP_BASE + 0x1000, RESPONSE,
	     RESP_BASE + 0x1000, RSI_REJECT),
	RESP(ram_partial_no_flag, RSI_RIPAS_RAM, RESP_BASE + 0x1000, 0, RESP_BASE + 0x1000,
	     RSI_ACCEPT),
	RESP(ram_untouched_no_flag, RSI_RIPAS_RAM, 0, 0, RESP_BASE, RSI_ACCEPT),
	RESP(empty_untouched_response_flag, RSI_RIPAS_EMPTY, 0, RESPONSE, RESP_BASE, RSI_ACCEPT),
	RESP(empty_partial_response_flag, RSI_RIPAS_EMPTY, RESP_BASE + 0x1000, RESPONSE,
	     RESP_BASE + 0x1000, RSI_ACCEPT),
	T(rsi_ipa_state_set_empty_unmaps_ram),
	T(rsi_ipa_state_set_ram_maps_assigned),
	T(rsi_ipa_state_set_two_requests),
	GET(ram_run, RS_RAM, RS_RAM + 0x10000, GET_OK(RS_EMPTY, RMI_RAM)),
	GET(ram_capped_at_end, RS_RAM, RS_RAM2, GET_OK(RS_RAM2, RMI_RAM)),
	GET(unassigned_ram, RS_RAM_UNMAPPED, MB2, GET_OK(RS_EMPTY, RMI_RAM)),
	GET(empty_run, RS_EMPTY, MB2, GET_OK(RS_DESTROYED, RMI_EMPTY)),
	GET(destroyed, RS_DESTROYED, MB2, GET_OK(RS_DESTROYED + 0x1000, RMI_DESTROYED)),
	GET(empty_to_end_of_rtt, RS_DESTROYED + 0x1000, GB, GET_OK(MB2, RMI_EMPTY)),
	GET(first_pages, 0, MB2, GET_OK(RS_RAM, RMI_EMPTY)),
	GET(level_2_to_end_of_rtt, MB2, FX_UNPROT, GET_OK(GB, RMI_EMPTY)),
	GET(level_2_inside_entry, MB2 + 0x5000, GB, GET_OK(GB, RMI_EMPTY)),
	GET(level_1_to_end_of_rtt, GB, FX_UNPROT, GET_OK(L0_SIZE, RMI_EMPTY)),
	GET(level_0_capped_at_par, 2 * L0_SIZE, FX_UNPROT, GET_OK(FX_UNPROT, RMI_EMPTY)),
	GET(stops_at_table, MB2, GB, GET_OK(2 * MB2, RMI_EMPTY), .table_at = 2 * MB2),
	GET(last_protected_page, FX_UNPROT - 0x1000, FX_UNPROT, GET_OK(FX_UNPROT, RMI_EMPTY)),
	GET(base_unaligned, RS_RAM + 8, RS_RAM2, GET_BAD),
	GET(end_unaligned, RS_RAM, RS_RAM2 + 8, GET_BAD),
	GET(end_equals_base, RS_RAM, RS_RAM, GET_BAD),
	GET(end_below_base, RS_RAM2, RS_RAM, GET_BAD),
	GET(base_unprotected, FX_UNPROT, FX_UNPROT + 0x1000, GET_BAD),
	GET(end_unprotected, RS_RAM, FX_UNPROT + 0x1000, GET_BAD),
	GET(end_beyond_s2sz, RS_RAM, FX_IPA_LIMIT + 0x1000, GET_BAD),
};

UNIT_GROUP(rsi_ripas_tests, tests, NULL);
