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
 *  - the physical EL1 timer fires while the realm runs: as the first case.
 * It runs with interrupts masked (PSTATE.I) and never takes them: no host
 * injects the timer here. What it saw goes to the host with REALM_HC_VALUES:
 *   [0] polls until ISTATUS in the first case  [1] CTL after its spin
 *   [2] CTL when the host call returned  [3] CNTFRQ_EL0
 *   [4], [5] as [0], [1] for the physical timer
 */
#include <stdbool.h>
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

/* The EL1 virtual timer, or the physical one (phys); the realm's CNTVOFF is 0. */
static uint64_t timer_ctl(bool phys)
{
	uint64_t v;

	if (phys)
		__asm__ volatile("mrs %0, cntp_ctl_el0" : "=r"(v) : : "memory");
	else
		__asm__ volatile("mrs %0, cntv_ctl_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t timer_cval(bool phys)
{
	uint64_t v;

	if (phys)
		__asm__ volatile("mrs %0, cntp_cval_el0" : "=r"(v) : : "memory");
	else
		__asm__ volatile("mrs %0, cntv_cval_el0" : "=r"(v) : : "memory");
	return v;
}

static void timer_set(bool phys, uint64_t ctl, uint64_t cval)
{
	if (phys)
		__asm__ volatile("msr cntp_ctl_el0, xzr\n\tmsr cntp_cval_el0, %0\n\t"
				 "msr cntp_ctl_el0, %1\n\tisb" : : "r"(cval), "r"(ctl) : "memory");
	else
		__asm__ volatile("msr cntv_ctl_el0, xzr\n\tmsr cntv_cval_el0, %0\n\t"
				 "msr cntv_ctl_el0, %1\n\tisb" : : "r"(cval), "r"(ctl) : "memory");
}

/* Enabled, unmasked, firing at cval; or off. */
static void timer_arm(bool phys, uint64_t cval)
{
	timer_set(phys, CTL_ENABLE, cval);
}

static void timer_off(bool phys)
{
	timer_set(phys, 0, 0);
}

/*
 * Arms the timer 1 ms ahead and polls until it fires, then spins on while
 * it stays asserted; values[slot] = the polls, values[slot + 1] = CTL after
 * the spin.
 */
static void fires_while_running(bool phys, unsigned int slot)
{
	uint64_t cval, ctl = 0;
	unsigned int polls = 0;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(values[3]));
	cval = cntvct() + values[3] / 1000U;
	timer_arm(phys, cval);
	while (polls < POLL_LIMIT && ((ctl = timer_ctl(phys)) & CTL_ISTATUS) == 0U)
		polls++;
	values[slot] = polls;
	for (unsigned int i = 0; i < SPIN_AFTER_FIRE; i++)
		ctl &= timer_ctl(phys);
	values[slot + 1U] = ctl;
	CHECK(polls < POLL_LIMIT);
	CHECK_EQ(ctl, CTL_FIRED);
	CHECK_EQ(timer_cval(phys), cval);
	timer_off(phys);
}

TEST(timer_firing_while_realm_runs_exits_once_and_keeps_its_state)
{
	fires_while_running(false, 0);
}

TEST(timer_firing_while_host_runs_keeps_its_state)
{
	/* 50 ms of the counter's wall-clock time: the exit gets to the host well before. */
	uint64_t cval = cntvct() + values[3] / 20U, n;

	timer_arm(false, cval);
	/* The host waits past cval before it enters this REC again. */
	(void)realm_host_call(REALM_HC_EXIT_COUNT, REALM_EXIT_COUNT_WFI, 0, &n);
	values[2] = timer_ctl(false);
	CHECK_EQ(values[2], CTL_FIRED);
	CHECK_EQ(timer_cval(false), cval);
	timer_off(false);
}

/* The physical EL1 timer the same way: its own mask (CNTHCTL_EL2.CNTPMASK). */
TEST(physical_timer_firing_while_realm_runs_exits_once)
{
	fires_while_running(true, 4);
}

void realm_main(void)
{
	(void)realm_run_tests();
	(void)realm_report_values(values);
}
