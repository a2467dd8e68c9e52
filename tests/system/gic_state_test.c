/*
 * System tests: the virtual GIC CPU interface state (ICH_VMCR_EL2 and the
 * active priorities ICH_AP0R<n>/AP1R<n>_EL2) belongs to the REC. Two realms
 * alternating on one CPU keep their own; a REC moved to another CPU takes
 * its own along, with an interrupt it acknowledged there still active; and
 * the normal world finds its own values after every REC_ENTER. A list
 * register with a RES0 priority bit set is refused.
 */
#include <stddef.h>

#include <atoll/rmi.h>
#include <atoll/rsi.h>

#include "gic_state.h"
#include "builder/program_realm.h"
#include "rmi/calls.h"
#include "test.h"

#define EC_DABORT_LOWER	0x24U
#define ESR_WNR		(1ULL << 6)
#define GIC_FAILED	(~0ULL)		/* no result is all ones */
#define RPR_IDLE	0xFFU		/* running priority with nothing active */

/* A pending Group 1 virtual interrupt in a list register; State is [63:62]. */
#define LR_PENDING_G1(prio, vintid)	((1ULL << 62) | (1ULL << 60) | \
					 ((uint64_t)(prio) << 48) | (vintid))
#define LR_STATE(lr)			((lr) >> 62)
#define LR_STATE_ACTIVE			2U
/* ICH_VMCR_EL2.VPMR, the priority mask, as RmiRecExit.gicv3_vmcr reports it. */
#define VMCR_VPMR(vmcr)			(((vmcr) >> 24) & 0xFFU)

#define RUN_ENTER_FLAGS	offsetof(struct rmi_rec_run, enter.flags)
#define RUN_ENTER_GPR0	offsetof(struct rmi_rec_run, enter.gprs)
#define RUN_ENTER_LR0	offsetof(struct rmi_rec_run, enter.gicv3_lrs)
#define RUN_EXIT_REASON	offsetof(struct rmi_rec_run, exit.exit_reason)
#define RUN_EXIT_ESR	offsetof(struct rmi_rec_run, exit.esr)
#define RUN_EXIT_GPR0	offsetof(struct rmi_rec_run, exit.gprs)
#define RUN_EXIT_LR0	offsetof(struct rmi_rec_run, exit.gicv3_lrs)
#define RUN_EXIT_VMCR	offsetof(struct rmi_rec_run, exit.gicv3_vmcr)

/* A realm running gic_realm.S, and the host's side of its virtual interrupts. */
struct gic_vm {
	struct host_realm realm;
	uint64_t rec, run;
	bool at_mmio;		/* its last exit was an MMIO access, completed at the next entry */
	uint64_t lr;		/* list register 0, kept by the host from exit to entry */
	uint64_t vmcr;		/* gicv3_vmcr of the last exit */
};

static uint64_t gic_vm_create(struct gic_vm *g)
{
	*g = (struct gic_vm){ .run = host_alloc_granule() };
	return program_realm_create(&g->realm, gic_realm_start, gic_realm_end, &g->rec);
}

/* Enters the REC (again after IRQ exits) until it makes an MMIO access; false on anything else. */
static bool gic_vm_access(struct gic_vm *g, uint64_t gpr0, bool write)
{
	for (unsigned int tries = 0; tries < 16U; tries++) {
		uint64_t reason, esr;

		mmio_write64(g->run + RUN_ENTER_FLAGS, g->at_mmio ? REC_ENTER_FLAG_EMULATED_MMIO : 0U);
		mmio_write64(g->run + RUN_ENTER_GPR0, gpr0);
		mmio_write64(g->run + RUN_ENTER_LR0, g->lr);
		if (rmi_call(RMI_REC_ENTER, g->rec, g->run, 0, 0, 0).x[0] != RMI_SUCCESS)
			return false;
		g->lr = mmio_read64(g->run + RUN_EXIT_LR0);
		g->vmcr = mmio_read64(g->run + RUN_EXIT_VMCR);
		reason = mmio_read64(g->run + RUN_EXIT_REASON);
		esr = mmio_read64(g->run + RUN_EXIT_ESR);
		g->at_mmio = reason == RMI_EXIT_SYNC && (esr >> 26) == EC_DABORT_LOWER;
		if (g->at_mmio)
			return ((esr & ESR_WNR) != 0U) == write;
		if (reason != RMI_EXIT_IRQ)
			return false;
	}
	return false;
}

/* One command of the program: to its command read, the command in, the result out. */
static uint64_t gic_vm_cmd(struct gic_vm *g, unsigned int op, uint64_t arg)
{
	if (!gic_vm_access(g, 0, false) || !gic_vm_access(g, GIC_CMD(op, arg), true))
		return GIC_FAILED;
	return mmio_read64(g->run + RUN_EXIT_GPR0);
}

TEST(rec_enter_vmcr_kept_per_rec)
{
	static struct gic_vm a, b;
	/* Priority mask, binary point, EOI mode and group enable all differ. */
	const uint64_t view_a = GIC_VIEW(0xA0, 4, 1, 1), view_b = GIC_VIEW(0x50, 6, 0, 0);

	CHECK_EQ(gic_vm_create(&a), RMI_SUCCESS);
	CHECK_EQ(gic_vm_create(&b), RMI_SUCCESS);
	CHECK_EQ(gic_vm_cmd(&a, GIC_OP_SET, view_a), 0);
	CHECK_EQ(gic_vm_cmd(&b, GIC_OP_SET, view_b), 0);
	for (unsigned int round = 0; round < 3U; round++) {
		CHECK_EQ(gic_vm_cmd(&a, GIC_OP_GET, 0), view_a);
		CHECK_EQ(VMCR_VPMR(a.vmcr), 0xA0);
		CHECK_EQ(gic_vm_cmd(&b, GIC_OP_GET, 0), view_b);
		CHECK_EQ(VMCR_VPMR(b.vmcr), 0x50);
	}
	CHECK_EQ(host_realm_teardown(&a.realm), RMI_SUCCESS);
	CHECK_EQ(host_realm_teardown(&b.realm), RMI_SUCCESS);
}

/* What the REC finds of its GIC state on the second CPU, and does there. */
struct moved_rec {
	struct gic_vm *vm;
	uint64_t view, vmcr, rpr, eoi, lr_after_eoi, rpr_after_eoi;
};

static void moved_rec_on_cpu1(void *arg)
{
	struct moved_rec *m = arg;

	m->view = gic_vm_cmd(m->vm, GIC_OP_GET, 0);
	m->vmcr = m->vm->vmcr;
	m->rpr = gic_vm_cmd(m->vm, GIC_OP_RPR, 0);
	m->eoi = gic_vm_cmd(m->vm, GIC_OP_EOI, 40);
	m->lr_after_eoi = m->vm->lr;
	m->rpr_after_eoi = gic_vm_cmd(m->vm, GIC_OP_RPR, 0);
}

TEST(rec_enter_vmcr_and_active_irq_follow_rec_to_other_cpu)
{
	static struct gic_vm g;
	static struct moved_rec m;
	const uint64_t view = GIC_VIEW(0xF0, 3, 0, 1);

	CHECK_EQ(gic_vm_create(&g), RMI_SUCCESS);
	CHECK_EQ(gic_vm_cmd(&g, GIC_OP_SET, view), 0);
	/* On CPU 0 the realm acknowledges vINTID 40 (priority 0x80): it is active now. */
	g.lr = LR_PENDING_G1(0x80, 40);
	CHECK_EQ(gic_vm_cmd(&g, GIC_OP_ACK, 0), 40);
	CHECK_EQ(LR_STATE(g.lr), LR_STATE_ACTIVE);
	CHECK_EQ(gic_vm_cmd(&g, GIC_OP_RPR, 0), 0x80);

	m = (struct moved_rec){ .vm = &g };
	CHECK(host_run_on_cpu(1, moved_rec_on_cpu1, &m));
	CHECK_EQ(m.view, view);
	CHECK_EQ(VMCR_VPMR(m.vmcr), 0xF0);
	CHECK_EQ(m.rpr, 0x80);
	/* The EOI drops the priority and deactivates the interrupt in its list register. */
	CHECK_EQ(m.eoi, 0);
	CHECK_EQ(LR_STATE(m.lr_after_eoi), 0);
	CHECK_EQ(m.rpr_after_eoi, RPR_IDLE);
	CHECK_EQ(host_realm_teardown(&g.realm), RMI_SUCCESS);
}

/* The normal world's own virtual CPU interface registers (NS-EL2 reaches them directly). */
struct ns_gic {
	uint64_t ap0r0, ap1r0, vmcr;
};

static void ns_gic_write(const struct ns_gic *s)
{
	__asm__ volatile("msr ich_ap0r0_el2, %0\n\tmsr ich_ap1r0_el2, %1\n\tmsr ich_vmcr_el2, %2\n\tisb"
			 : : "r"(s->ap0r0), "r"(s->ap1r0), "r"(s->vmcr));
}

static struct ns_gic ns_gic_read(void)
{
	struct ns_gic s;

	__asm__ volatile("mrs %0, ich_ap0r0_el2\n\tmrs %1, ich_ap1r0_el2\n\tmrs %2, ich_vmcr_el2"
			 : "=r"(s.ap0r0), "=r"(s.ap1r0), "=r"(s.vmcr));
	return s;
}

static bool ns_gic_equal(struct ns_gic a, struct ns_gic b)
{
	return a.ap0r0 == b.ap0r0 && a.ap1r0 == b.ap1r0 && a.vmcr == b.vmcr;
}

/* The checks, apart so that a failing one still lets the test put the NS values back. */
static void realm_runs_beside(struct gic_vm *g, struct ns_gic ns)
{
	CHECK_EQ(ns.ap1r0, 1U << 20);
	CHECK_EQ(VMCR_VPMR(ns.vmcr), 0x30);
	CHECK_EQ(gic_vm_create(g), RMI_SUCCESS);
	CHECK_EQ(gic_vm_cmd(g, GIC_OP_SET, GIC_VIEW(0xF0, 3, 0, 1)), 0);
	CHECK(ns_gic_equal(ns_gic_read(), ns));
	/* Nothing of the normal world's is active for the realm: priority 0x80 is taken. */
	g->lr = LR_PENDING_G1(0x80, 40);
	CHECK_EQ(gic_vm_cmd(g, GIC_OP_ACK, 0), 40);
	CHECK(ns_gic_equal(ns_gic_read(), ns));
	CHECK_EQ(gic_vm_cmd(g, GIC_OP_RPR, 0), 0x80);
	CHECK_EQ(gic_vm_cmd(g, GIC_OP_EOI, 40), 0);
	CHECK_EQ(gic_vm_cmd(g, GIC_OP_RPR, 0), RPR_IDLE);
	CHECK(ns_gic_equal(ns_gic_read(), ns));
	CHECK_EQ(host_realm_teardown(&g->realm), RMI_SUCCESS);
}

TEST(rec_exit_ns_keeps_own_gic_aprs_and_vmcr)
{
	static struct gic_vm g;
	const struct ns_gic before = ns_gic_read();
	/*
	 * As a hypervisor's guest might leave them: priorities 0xB0 (Group 0)
	 * and 0xA0 (Group 1) active, a priority mask of 0x30. Read back, as
	 * the CPU keeps only the bits it implements.
	 */
	const struct ns_gic ns = { 1U << 22, 1U << 20, (0x30U << 24) | (5U << 18) | 2U };

	ns_gic_write(&ns);
	realm_runs_beside(&g, ns_gic_read());
	ns_gic_write(&before);
}

/* ICH_VTR_EL2.PRIbits + 1: the virtual priority bits this CPU implements. */
static unsigned int vtr_pri_bits(void)
{
	uint64_t vtr;

	__asm__ volatile("mrs %0, S3_4_C12_C11_1" : "=r"(vtr));
	return (unsigned int)((vtr >> 29) & 7U) + 1U;
}

/*
 * REC_ENTER step 9 on the real CPU: a list register whose priority has a bit
 * below the implemented ones (RES0) is refused with REC, and the REC runs on.
 */
TEST(rec_enter_gic_lr_priority_res0_refused)
{
	/* covers: REC_ENTER.gic_lr_priority_res0 */
	static struct gic_vm g;
	unsigned int pri_bits = vtr_pri_bits();

	CHECK(pri_bits < 8U);
	CHECK_EQ(gic_vm_create(&g), RMI_SUCCESS);
	mmio_write64(g.run + RUN_ENTER_FLAGS, 0);
	mmio_write64(g.run + RUN_ENTER_LR0, LR_PENDING_G1(0x80U | (1U << (7U - pri_bits)), 40));
	CHECK_EQ(rmi_call(RMI_REC_ENTER, g.rec, g.run, 0, 0, 0).x[0], RMI_ERROR_REC);
	CHECK_EQ(gic_vm_cmd(&g, GIC_OP_GET, 0) != GIC_FAILED, true);
	CHECK_EQ(host_realm_teardown(&g.realm), RMI_SUCCESS);
}
