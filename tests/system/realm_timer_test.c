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
 *  3. The physical EL1 timer (PPI 30) as in 1, with its own mask.
 * The host's own CNTHCTL_EL2 is the same after every REC_ENTER.
 */
#include <atoll/realm_image.h>

#include "images/realm_images.h"
#include "rmi/calls.h"
#include "run/realm_run.h"
#include "test.h"

#define VTIMER_PPI		27U	/* the EL1 virtual timer's interrupt */
#define PTIMER_PPI		30U	/* the EL1 physical timer's */
#define CTL_ENABLE		1U
#define CTL_IMASK		2U
#define CTL_ISTATUS		4U
#define CTL_OUTPUT		(CTL_ENABLE | CTL_IMASK | CTL_ISTATUS)
#define CTL_ASSERTED		(CTL_ENABLE | CTL_ISTATUS)
#define STORM			10U	/* IRQ exits in a row that mean the mask is not there */

static struct realm_vm vm;

static uint64_t cnthctl_el2(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cnthctl_el2" : "=r"(v));
	return v;
}

/* A host call exit with the timer armed and not yet fired: the host waits past its deadline. */
static bool host_call_with_armed_timer(const volatile struct rmi_rec_exit *e)
{
	return e->exit_reason == RMI_EXIT_HOST_CALL && (e->cntv_ctl & CTL_OUTPUT) == CTL_ENABLE;
}

TEST(realm_timer_change_is_one_irq_exit_and_the_realm_runs_on)
{
	const struct realm_vm_config cfg = { .name = "timer", .s2sz = 40, .level_start = 0,
					     .num_recs = 1 };
	unsigned int passed = 0, failed = 1, virt_exits = 0, phys_exits = 0, in_a_row = 0;
	unsigned int after_wait = 0, waits = 0, cnthctl_changed = 0;
	uint64_t cnthctl = cnthctl_el2();
	bool waited = false;

	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(timer)), RMI_SUCCESS);
	if (test_failed())
		return;
	host_tick_init();
	host_ppi_set_enabled(VTIMER_PPI, true);
	host_ppi_set_enabled(PTIMER_PPI, true);
	while (realm_vm_step(&vm, 0)) {
		const volatile struct rmi_rec_exit *e =
			&((const volatile struct rmi_rec_run *)(uintptr_t)vm.vcpus[0].run)->exit;
		bool irq = e->exit_reason == RMI_EXIT_IRQ;

		if (cnthctl_el2() != cnthctl)
			cnthctl_changed++;
		/* Every IRQ exit here is one timer's: the one asserted, the other not. */
		if (irq && (e->cntv_ctl & CTL_OUTPUT) == CTL_ASSERTED)
			virt_exits++;
		if (irq && (e->cntp_ctl & CTL_OUTPUT) == CTL_ASSERTED)
			phys_exits++;
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
	host_ppi_set_enabled(PTIMER_PPI, false);
	host_printf("HOST: timer realm: %lu IRQ exits, %u with the virtual timer asserted (%u right after "
		    "the host outwaited it), %u with the physical; %lu and %lu polls until they fired\n",
		    vm.exits[RMI_EXIT_IRQ], virt_exits, after_wait, phys_exits, vm.values[0], vm.values[4]);
	CHECK_EQ(vm.state, REALM_VM_SYSTEM_OFF);
	CHECK(realm_vm_closing_line(&vm, "realm", &passed, &failed));
	CHECK_EQ(failed, 0);
	CHECK_EQ(passed, 3);
	CHECK(vm.values_seen);
	CHECK_EQ(vm.values[1], CTL_ASSERTED);
	CHECK_EQ(vm.values[2], CTL_ASSERTED);
	CHECK_EQ(vm.values[5], CTL_ASSERTED);
	CHECK_EQ(waits, 1);
	CHECK_EQ(after_wait, 1);
	CHECK_EQ(virt_exits, 2);
	CHECK_EQ(phys_exits, 1);
	CHECK_EQ(vm.exits[RMI_EXIT_IRQ], 3);
	CHECK_EQ(cnthctl_changed, 0);
	if (vm.state == REALM_VM_SYSTEM_OFF)
		CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
}
