/*
 * System test of a realm's EL1 virtual timer (realm/payloads/timer.c) with
 * its PPI enabled in the physical GIC and no host tick, so that every IRQ
 * exit is the realm's timer. Spec 3.4: an exit reports the timer's state,
 * and a change of its output is an IRQ exit. The RMM masks an asserted
 * timer the host was told of at EL2 (CNTHCTL_EL2.CNTVMASK): without that,
 * QEMU signals the line on every entry and the REC never runs again.
 *  1. The timer fires while the realm spins: one IRQ exit, then the realm
 *     spins on with its timer asserted and finishes.
 *  2. The realm arms it and makes a host call; the host waits past its
 *     deadline: the next REC_ENTER is an IRQ exit before the realm runs,
 *     the one after completes the host call.
 */
#include <atoll/realm_image.h>

#include "images/realm_images.h"
#include "rmi/calls.h"
#include "run/realm_run.h"
#include "test.h"

#define VTIMER_PPI		27U	/* the EL1 virtual timer's interrupt */
#define CTL_ENABLE		1U
#define CTL_IMASK		2U
#define CTL_ISTATUS		4U
#define CTL_OUTPUT		(CTL_ENABLE | CTL_IMASK | CTL_ISTATUS)
#define CTL_ASSERTED		(CTL_ENABLE | CTL_ISTATUS)
#define STORM			10U	/* IRQ exits in a row that mean the mask is not there */

static struct realm_vm vm;

/* A host call exit with the timer armed and not yet fired: the host waits past its deadline. */
static bool host_call_with_armed_timer(const volatile struct rmi_rec_exit *e)
{
	return e->exit_reason == RMI_EXIT_HOST_CALL && (e->cntv_ctl & CTL_OUTPUT) == CTL_ENABLE;
}

TEST(realm_timer_change_is_one_irq_exit_and_the_realm_runs_on)
{
	const struct realm_vm_config cfg = { .name = "timer", .s2sz = 40, .level_start = 0,
					     .num_recs = 1 };
	unsigned int passed = 0, failed = 1, irq_exits = 0, in_a_row = 0, after_wait = 0;
	unsigned int waits = 0;
	bool waited = false;

	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(timer)), RMI_SUCCESS);
	if (test_failed())
		return;
	host_tick_init();
	host_ppi_set_enabled(VTIMER_PPI, true);
	while (realm_vm_step(&vm, 0)) {
		const volatile struct rmi_rec_exit *e =
			&((const volatile struct rmi_rec_run *)(uintptr_t)vm.vcpus[0].run)->exit;
		bool irq = e->exit_reason == RMI_EXIT_IRQ;

		if (irq) {
			CHECK_EQ(e->cntv_ctl & CTL_OUTPUT, CTL_ASSERTED);
			irq_exits++;
		}
		if (waited && irq)
			after_wait++;
		waited = false;
		in_a_row = irq ? in_a_row + 1U : 0U;
		if (in_a_row == STORM) {
			CHECK(in_a_row < STORM);
			break;
		}
		if (host_call_with_armed_timer(e)) {
			while (host_counter() <= e->cntv_cval)
				;
			waited = true;
			waits++;
		}
	}
	host_ppi_set_enabled(VTIMER_PPI, false);
	host_printf("HOST: timer realm: %u IRQ exits (%u right after the host outwaited the timer), "
		    "%lu polls until it fired\n", irq_exits, after_wait, vm.values[0]);
	CHECK_EQ(vm.state, REALM_VM_SYSTEM_OFF);
	CHECK(realm_vm_closing_line(&vm, "realm", &passed, &failed));
	CHECK_EQ(failed, 0);
	CHECK_EQ(passed, 2);
	CHECK(vm.values_seen);
	CHECK_EQ(vm.values[1], CTL_ASSERTED);
	CHECK_EQ(vm.values[2], CTL_ASSERTED);
	CHECK_EQ(waits, 1);
	CHECK_EQ(after_wait, 1);
	CHECK_EQ(irq_exits, 2);
	if (vm.state == REALM_VM_SYSTEM_OFF)
		CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
}
