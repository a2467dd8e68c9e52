/*
 * The realm's EL1 timers around REC_ENTER (spec 3.4, IRQ exit: "the state
 * of a realm EL1 timer output changed"). An output that changed since the
 * last exit reported it is an IRQ exit before the realm runs again, whether
 * it changed while the host ran or in a call the RMM answered; an output
 * the last exit reported asserted is masked at EL2 while the realm runs (the
 * host has its level already), one that is not asserted is not masked, so
 * that its firing is a physical interrupt. On the host build rec->el1's CTLs
 * are the live timers and host_timer_masks() what the REC ran with.
 */
#include "harness.h"
#include "realm_script.h"
#include "unchanged.h"

#define CTL_ARMED	1U	/* ENABLE: counting, not fired */
#define CTL_FIRED	5U	/* ENABLE, ISTATUS: output asserted */
#define CTL_FIRED_MASKED 7U	/* ENABLE, ISTATUS, IMASK: no output */
#define CTL_OFF_STATUS	4U	/* ISTATUS without ENABLE: no output */

static struct rec *timer_rec;
static unsigned int masks_seen;

static void record_masks(struct rec_regs *regs)
{
	(void)regs;
	masks_seen = host_timer_masks();
}

static void virt_fires(struct rec_regs *regs)
{
	(void)regs;
	timer_rec->el1.cntv_ctl = CTL_FIRED;
}

static void virt_masked_by_realm(struct rec_regs *regs)
{
	(void)regs;
	timer_rec->el1.cntv_ctl = CTL_FIRED_MASKED;
}

/* A call the RMM answers itself (RSI_VERSION) whose step runs hook. */
static struct rs_step *rmm_call(void (*hook)(struct rec_regs *regs))
{
	struct rs_step *s = rs_smc(RSI_VERSION, RSI_ABI_VERSION);

	s->hook = hook;
	return s;
}

static void realm_with_timers(struct rs_realm *rr, uint64_t cntv_ctl, uint64_t cntp_ctl)
{
	rs_realm(rr);
	timer_rec = rs_rec(rr, 0);
	timer_rec->el1.cntv_ctl = cntv_ctl;
	timer_rec->el1.cntp_ctl = cntp_ctl;
}

/* The timer fired while the host ran: IRQ exit with the new state, the realm not run. */
static void timer_fired_while_host_ran_exits_first(void **state)
{
	struct rs_realm rr;
	struct rmi_rec_exit *e;

	(void)state;
	realm_with_timers(&rr, CTL_ARMED, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);	/* reports the armed timer */
	assert_int_equal(rs_run(&rr)->exit.cntv_ctl, CTL_ARMED);
	timer_rec->el1.cntv_ctl = CTL_FIRED;
	rmm_call(record_masks);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	e = &rs_run(&rr)->exit;
	assert_int_equal(rs_steps_run(), 0);
	assert_int_equal(e->cntv_ctl, CTL_FIRED);
	assert_int_equal(timer_rec->regs.pc, RS_PC);
	/* Now the host knows: the realm runs, with the asserted timer masked at EL2. */
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 1);
	assert_int_equal(masks_seen, REC_TIMER_VIRT);
}

/* Its output changes in a call the RMM answers: IRQ exit before the next instruction runs. */
static void timer_change_during_rmm_call_exits(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm_with_timers(&rr, CTL_ARMED, 0);
	rmm_call(virt_fires);
	rmm_call(NULL);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 1);
	assert_int_equal(rs_run(&rr)->exit.cntv_ctl, CTL_FIRED);
	assert_int_equal(rs_ends(), 0);
	/* The realm masks it itself: a change again, reported, and the EL2 mask goes. */
	rs_reset();
	rmm_call(virt_masked_by_realm);
	rmm_call(record_masks);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 1);
	assert_int_equal(rs_run(&rr)->exit.cntv_ctl, CTL_FIRED_MASKED);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 2);
	assert_int_equal(masks_seen, 0);
}

/* An asserted output the host was told of exits no more: every call runs, masked throughout. */
static void reported_timer_stays_masked_without_exits(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm_with_timers(&rr, CTL_FIRED, CTL_FIRED);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);	/* the first entry reports both */
	assert_int_equal(rs_steps_run(), 0);
	assert_int_equal(rs_ends(), 0);
	for (unsigned int i = 0; i < 4; i++)
		rmm_call(record_masks);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 4);
	assert_int_equal(rs_ends(), 1);	/* the IRQ exit is the script's end, not a timer's */
	assert_int_equal(masks_seen, REC_TIMER_VIRT | REC_TIMER_PHYS);
}

/* The physical timer alone: its own mask, the virtual one's left off. */
static void physical_timer_masked_alone(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm_with_timers(&rr, CTL_ARMED, CTL_FIRED);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 0);
	assert_int_equal(rs_run(&rr)->exit.cntp_ctl, CTL_FIRED);
	rmm_call(record_masks);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 1);
	assert_int_equal(masks_seen, REC_TIMER_PHYS);
}

/* No output without ENABLE, or with IMASK: no exit for them and nothing masked. */
static void timer_without_output_neither_exits_nor_masked(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm_with_timers(&rr, CTL_OFF_STATUS, CTL_FIRED_MASKED);
	rmm_call(record_masks);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 1);
	assert_int_equal(rs_ends(), 1);
	assert_int_equal(masks_seen, 0);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static uint64_t lost_run;

/* The timer fires in a call the RMM answers, and the run granule leaves the NS PAS. */
static void fires_and_run_lost(struct rec_regs *regs)
{
	virt_fires(regs);
	host_gpt_set(lost_run, HOST_PAS_ROOT);
}

/*
 * An exit the host never received (its RmiRecRun became inaccessible while
 * the realm ran: ERROR_INPUT) reported nothing: the next entry reports the
 * fired timer with an IRQ exit before the realm runs on.
 */
static void timer_of_a_lost_exit_is_reported_again(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm_with_timers(&rr, CTL_ARMED, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);	/* reports the armed timer */
	lost_run = rr.run;
	rmm_call(fires_and_run_lost);	/* then the IRQ exit for the change, lost */
	rmm_call(NULL);
	unchanged_skip_next_call();	/* the realm ran: state changes, by design */
	assert_int_equal(rs_enter(&rr, 0, 0), RMI_ERROR_INPUT);
	assert_int_equal(rs_steps_run(), 1);
	host_gpt_set(rr.run, HOST_PAS_NS);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_run(&rr)->exit.cntv_ctl, CTL_FIRED);
	assert_int_equal(rs_steps_run(), 1);	/* reported before the realm ran on */
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 2);
}

static const struct CMUnitTest tests[] = {
	T(timer_fired_while_host_ran_exits_first),
	T(timer_change_during_rmm_call_exits),
	T(reported_timer_stays_masked_without_exits),
	T(physical_timer_masked_alone),
	T(timer_without_output_neither_exits_nor_masked),
	T(timer_of_a_lost_exit_is_reported_again),
};

UNIT_GROUP(rec_timer_tests, tests, NULL);
