/*
 * A realm's EL1 virtual timer across exits (tests/system/realm_timer_test.c,
 * which enables the timer's PPI in the physical GIC, as a VMM that lets the
 * realm's timer interrupt it would):
 *  - armed, it fires while the realm runs: one IRQ exit, after which the
 *    realm runs on with its timer still asserted (the RMM masks it at EL2)
 *    and its CVAL and CTL as it left them;
 *  - armed just before a host call, it fires while the host runs: the RMM
 *    makes the next REC_ENTER an IRQ exit before the realm runs, then
 *    completes the host call.
 * It runs with interrupts masked (PSTATE.I) and never takes them: no host
 * injects the timer here. What it saw goes to the host with REALM_HC_VALUES:
 *   [0] polls until ISTATUS in the first case  [1] CTL after its spin
 *   [2] CTL when the host call returned  [3] CNTFRQ_EL0
 */
#include <stdint.h>

#include <atoll/realm_image.h>

#include "test.h"

#define CTL_ENABLE		1ULL
#define CTL_ISTATUS		4ULL
#define CTL_FIRED		(CTL_ENABLE | CTL_ISTATUS)
#define POLL_LIMIT		100000000U
#define SPIN_AFTER_FIRE		100000U	/* an exit per entry would never get through these */

static uint64_t values[8];

static uint64_t cntvct(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t cntv_ctl(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntv_ctl_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t cntv_cval(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntv_cval_el0" : "=r"(v) : : "memory");
	return v;
}

/* Enabled, unmasked, firing at cval. */
static void timer_arm(uint64_t cval)
{
	__asm__ volatile("msr cntv_ctl_el0, xzr\n\tmsr cntv_cval_el0, %0\n\t"
			 "msr cntv_ctl_el0, %1\n\tisb" : : "r"(cval), "r"(CTL_ENABLE) : "memory");
}

static void timer_off(void)
{
	__asm__ volatile("msr cntv_ctl_el0, xzr\n\tisb" : : : "memory");
}

TEST(timer_firing_while_realm_runs_exits_once_and_keeps_its_state)
{
	uint64_t cval, ctl = 0;
	unsigned int polls = 0;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(values[3]));
	cval = cntvct() + values[3] / 1000U;	/* 1 ms */
	timer_arm(cval);
	while (polls < POLL_LIMIT && ((ctl = cntv_ctl()) & CTL_ISTATUS) == 0U)
		polls++;
	values[0] = polls;
	for (unsigned int i = 0; i < SPIN_AFTER_FIRE; i++)
		ctl &= cntv_ctl();
	values[1] = ctl;
	CHECK(polls < POLL_LIMIT);
	CHECK_EQ(ctl, CTL_FIRED);
	CHECK_EQ(cntv_cval(), cval);
	timer_off();
}

TEST(timer_firing_while_host_runs_keeps_its_state)
{
	/* 50 ms of the counter's wall-clock time: the exit gets to the host well before. */
	uint64_t cval = cntvct() + values[3] / 20U, n;

	timer_arm(cval);
	/* The host waits past cval before it enters this REC again. */
	(void)realm_host_call(REALM_HC_EXIT_COUNT, REALM_EXIT_COUNT_WFI, 0, &n);
	values[2] = cntv_ctl();
	CHECK_EQ(values[2], CTL_FIRED);
	CHECK_EQ(cntv_cval(), cval);
	CHECK(cntvct() >= cval);
	timer_off();
}

void realm_main(void)
{
	(void)realm_run_tests();
	(void)realm_report_values(values);
}
