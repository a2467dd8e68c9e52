/*
 * The REC_ENTER loop: enter a REC, serve the exit, enter again. What the
 * exit reports is read from the RmiRecRun page with single aligned 64-bit
 * accesses (volatile: it is what the RMM wrote at this exit, not a copy).
 */
#include <stddef.h>

#include <atoll/smccc.h>

#include "builder/realm.h"
#include "host.h"
#include "rmi/report.h"
#include "run/realm_run.h"

#define ESR_EC(esr)		(((esr) >> 26) & 0x3FU)
#define ESR_EC_WFX		0x01U
#define ESR_EC_SYSREG		0x18U
#define ESR_EC_IABT_LOWER	0x20U
#define ESR_EC_DABT_LOWER	0x24U
#define ESR_ISV			(1ULL << 24)
#define ESR_SAS(esr)		(((esr) >> 22) & 3U)
#define ESR_WNR			(1ULL << 6)
#define ESR_WFX_TI_WFE		1U
/*
 * How long a REC may run on another CPU: QEMU's counter follows wall time,
 * and on a loaded machine a vCPU thread can wait seconds for a host core.
 */
#define REC_TIMEOUT_TICKS	30000000000ULL	/* 30 s of the 1 GHz counter */
#define HPFAR_FIPA_MASK		0x0000FFFFFFFFFFF0ULL	/* IPA[51:12] in bits [47:4] */

/* The VM's lock, for RECs running on several CPUs at once (vm->concurrent_recs). */
static void vm_lock(struct realm_vm *vm)
{
	if (!vm->concurrent_recs)
		return;
	while (__atomic_exchange_n(&vm->lock, 1U, __ATOMIC_ACQUIRE) != 0U)
		;
}

static void vm_unlock(struct realm_vm *vm)
{
	if (vm->concurrent_recs)
		__atomic_store_n(&vm->lock, 0U, __ATOMIC_RELEASE);
}

static volatile struct rmi_rec_run *run_of(const struct realm_vcpu *v)
{
	return (volatile struct rmi_rec_run *)(uintptr_t)v->run;
}

static unsigned int host_cpu(void)
{
	uint64_t mpidr;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	return (unsigned int)(mpidr & 0xFFU);
}

static bool fail(struct realm_vm *vm, const char *what, uint64_t value)
{
	host_printf("HOST: realm %s: %s (%lx)\n", vm->name, what, value);
	vm->state = REALM_VM_FAILED;
	return false;
}

static uint64_t unprotected_base(const struct realm_vm *vm)
{
	return 1ULL << (vm->realm.s2sz - 1U);
}

/* The faulting IPA: HPFAR_EL2 gives the page, FAR_EL2 (as the RMM reports it) the offset. */
static uint64_t exit_ipa(volatile const struct rmi_rec_exit *e)
{
	return ((e->hpfar & HPFAR_FIPA_MASK) << 8) | (e->far & (GRANULE_SIZE - 1U));
}

static const struct realm_mmio_device *find_device(const struct realm_vm *vm, uint64_t ipa)
{
	for (unsigned int i = 0; i < vm->num_devices; i++) {
		const struct realm_mmio_device *d = &vm->devices[i];

		if (ipa >= d->base && ipa - d->base < d->size)
			return d;
	}
	return NULL;
}

/* The realm's console page (include/atoll/realm_image.h): writes are characters, reads 0. */
static bool is_console(const struct realm_vm *vm, uint64_t ipa)
{
	return ipa - (unprotected_base(vm) + REALM_CONSOLE_OFFSET) < GRANULE_SIZE;
}

/*
 * An access with a valid syndrome: the console, a device of the VM's table,
 * or nothing (reads as 0) serves it.
 */
static bool emulate_mmio(struct realm_vm *vm, struct realm_vcpu *v, uint64_t ipa, uint64_t esr)
{
	volatile struct rmi_rec_run *run = run_of(v);
	const struct realm_mmio_device *dev = find_device(vm, ipa);
	unsigned int bytes = 1U << ESR_SAS(esr);
	bool console = is_console(vm, ipa);

	if ((esr & ESR_WNR) != 0U) {
		vm->counts[REALM_EXIT_COUNT_MMIO_WRITE]++;
		if (console)
			realm_vm_console_putc(vm, (char)run->exit.gprs[0]);
		else if (dev != NULL)
			dev->write(vm, ipa - dev->base, bytes, run->exit.gprs[0]);
	} else {
		vm->counts[REALM_EXIT_COUNT_MMIO_READ]++;
		run->enter.gprs[0] = !console && dev != NULL ? dev->read(vm, ipa - dev->base, bytes)
							     : 0U;
	}
	v->enter_flags |= REC_ENTER_FLAG_EMULATED_MMIO;
	return true;
}

/*
 * A Protected IPA with RIPAS RAM and nothing mapped (or an RSI call's
 * buffer there): give the realm a zero page, as a VMM faults memory in.
 */
static bool fault_in(struct realm_vm *vm, uint64_t ipa)
{
	uint64_t page = ipa & ~(GRANULE_SIZE - 1U);
	uint64_t status = host_realm_rtt_create_to(&vm->realm, page, 3);

	if (status == RMI_SUCCESS)
		status = host_realm_data_create_unknown(&vm->realm, page);
	if (status != RMI_SUCCESS)
		return fail(vm, "cannot fault in the page at", ipa);
	vm->counts[REALM_EXIT_COUNT_S2_FAULT]++;
	return true;
}

/*
 * The Unprotected alias of the guest's RAM, touched after the guest made
 * the page EMPTY to share it: a zeroed NS page there (the access may have
 * no syndrome, memcpy's pairs or DC ZVA, so it must be memory, not MMIO).
 */
static bool map_shared(struct realm_vm *vm, uint64_t ipa)
{
	uint64_t page = ipa & ~(GRANULE_SIZE - 1U), pa = host_alloc_granule();

	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8U)
		mmio_write64(pa + off, 0);
	if (realm_vm_map_shared(vm, page, pa) != RMI_SUCCESS)
		return fail(vm, "cannot map shared memory at", ipa);
	vm->counts[REALM_EXIT_COUNT_SHARED_MAPPED]++;
	return true;
}

static bool handle_abort(struct realm_vm *vm, struct realm_vcpu *v, uint64_t esr)
{
	uint64_t ipa = exit_ipa(&run_of(v)->exit);

	if (ipa < unprotected_base(vm))
		return fault_in(vm, ipa);
	if (ipa - unprotected_base(vm) - vm->shared_base < vm->shared_size)
		return map_shared(vm, ipa);
	if (ESR_EC(esr) == ESR_EC_DABT_LOWER && (esr & ESR_ISV) != 0U)
		return emulate_mmio(vm, v, ipa, esr);
	/* Nothing to emulate without a syndrome: the realm gets an external abort. */
	vm->counts[REALM_EXIT_COUNT_SEA_INJECTED]++;
	v->enter_flags |= REC_ENTER_FLAG_INJECT_SEA;
	return true;
}

static bool handle_sync(struct realm_vm *vm, unsigned int rec)
{
	struct realm_vcpu *v = &vm->vcpus[rec];
	uint64_t esr = run_of(v)->exit.esr;

	switch (ESR_EC(esr)) {
	case ESR_EC_WFX:
		/* Trapped because every entry asks for it; the RMM has stepped over it. */
		vm->counts[(esr & ESR_WFX_TI_WFE) != 0U ? REALM_EXIT_COUNT_WFE
							  : REALM_EXIT_COUNT_WFI]++;
		return true;
	case ESR_EC_DABT_LOWER:
	case ESR_EC_IABT_LOWER:
		return handle_abort(vm, v, esr);
	case ESR_EC_SYSREG:
		/* GIC SGI/DIR writes (the PC has moved on): the controller's, if there is one. */
		vm->counts[REALM_EXIT_COUNT_GIC_SYSREG]++;
		if (vm->irqchip == NULL)
			return true;
		return vm->irqchip->sysreg_write(vm, rec, esr, run_of(v)->exit.gprs[0]) ||
		       fail(vm, "GIC system register write not served, ESR", esr);
	default:
		return fail(vm, "unexpected SYNC exit, ESR", esr);
	}
}

/* ---- PSCI ---- */

/* A PSCI target MPIDR (MPIDR_EL1 layout, Aff3 at [39:32]) to a REC index. */
static uint64_t mpidr_to_index(uint64_t mpidr)
{
	return (mpidr & 0xFU) | ((mpidr >> 8) & 0xFFU) << 4 | ((mpidr >> 16) & 0xFFU) << 12 |
	       ((mpidr >> 32) & 0xFFU) << 20;
}

struct rec_job {
	struct realm_vm *vm;
	unsigned int rec;
};

static void run_job(void *arg)
{
	struct rec_job *job = arg;

	/* This CPU's own tick (its EL2 timer and redistributor). */
	if (job->vm->tick != 0U)
		host_tick_init();
	realm_vm_run_rec(job->vm, job->rec);
}

/*
 * A REC started with CPU_ON, on CPU rec alongside the others: the lock is
 * held here, the new CPU takes it for its first entry.
 */
static void start_concurrent_rec(struct realm_vm *vm, unsigned int rec)
{
	static struct rec_job jobs[REALM_VM_HOST_CPUS];

	if (rec >= REALM_VM_HOST_CPUS || rec == host_cpu()) {
		(void)fail(vm, "no host CPU of its own for REC", rec);
		return;
	}
	jobs[rec] = (struct rec_job){ vm, rec };
	if (!host_start_on_cpu(rec, run_job, &jobs[rec], REC_TIMEOUT_TICKS)) {
		(void)fail(vm, "cannot start host CPU", rec);
		return;
	}
	vm->started_cpus |= 1U << rec;
}

/*
 * Runs a REC that CPU_ON started until it stops: on its own CPU when this
 * is the first CPU, otherwise here (the same CPU, in turns).
 */
static void start_rec(struct realm_vm *vm, unsigned int rec)
{
	unsigned int cpu = rec % REALM_VM_HOST_CPUS;
	struct rec_job job = { vm, rec };

	if (vm->concurrent_recs) {
		start_concurrent_rec(vm, rec);
		return;
	}
	if (host_cpu() != 0U || cpu == 0U) {
		realm_vm_run_rec(vm, rec);
		return;
	}
	if (!host_run_on_cpu_within(cpu, run_job, &job, REC_TIMEOUT_TICKS))
		(void)fail(vm, "REC did not run to its end on CPU", cpu);
}

static bool psci_complete(struct realm_vm *vm, struct realm_vcpu *v, uint64_t target)
{
	uint64_t index = mpidr_to_index(target);

	if (index >= vm->num_recs)
		return fail(vm, "PSCI exit for a REC that does not exist", target);
	if (RMI_REPORTED(PSCI_COMPLETE, v->rec, vm->vcpus[index].rec, (uint64_t)PSCI_RET_SUCCESS,
		      0, 0).x[0] != RMI_SUCCESS)
		return fail(vm, "PSCI_COMPLETE failed for target", target);
	/* CPU_ON of a REC that was off: it is runnable now. */
	if (!vm->vcpus[index].on &&
	    (run_of(v)->exit.gprs[0] == PSCI_CPU_ON_64 || run_of(v)->exit.gprs[0] == PSCI_CPU_ON_32)) {
		vm->vcpus[index].on = true;
		start_rec(vm, (unsigned int)index);
	}
	return vm->state == REALM_VM_RUNNING;
}

static bool cpu_off(struct realm_vm *vm, struct realm_vcpu *v)
{
	v->on = false;
	for (unsigned int i = 0; i < vm->num_recs; i++) {
		if (vm->vcpus[i].on)
			return false;
	}
	vm->state = REALM_VM_ALL_OFF;
	return false;
}

static bool handle_psci(struct realm_vm *vm, struct realm_vcpu *v)
{
	volatile struct rmi_rec_exit *e = &run_of(v)->exit;
	uint64_t fid = e->gprs[0];

	vm->counts[REALM_EXIT_COUNT_PSCI]++;
	switch (fid) {
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		return psci_complete(vm, v, e->gprs[1]);
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		return true;
	case PSCI_CPU_OFF:
		return cpu_off(vm, v);
	case PSCI_SYSTEM_OFF:
		vm->state = REALM_VM_SYSTEM_OFF;
		return false;
	case PSCI_SYSTEM_RESET:
		vm->state = REALM_VM_SYSTEM_RESET;
		return false;
	default:
		return fail(vm, "unexpected PSCI exit", fid);
	}
}

/* ---- RIPAS changes ---- */

/*
 * RTT_SET_RIPAS from base until top, adding the level-3 tables the walk
 * needs. It may stop early (a DESTROYED page the realm may not change):
 * the realm then sees how far it got and decides.
 */
static bool set_ripas(struct realm_vm *vm, struct realm_vcpu *v, uint64_t base, uint64_t top)
{
	while (base < top) {
		struct rmi_ret r = rmi_call(RMI_RTT_SET_RIPAS, vm->realm.rd, v->rec, base, top, 0);
		uint64_t level = RMI_RETURN_INDEX(r.x[0]);

		if (r.x[0] == RMI_SUCCESS && r.x[1] > base) {
			base = r.x[1];
		} else if (RMI_RETURN_STATUS(r.x[0]) == RMI_ERROR_RTT && level < 3U) {
			/* The entry at base is a block larger than what is left: split it. */
			if (host_realm_rtt_create(&vm->realm, base, (int)level + 1) != RMI_SUCCESS)
				return fail(vm, "RTT_CREATE for RTT_SET_RIPAS failed at", base);
		} else if (r.x[0] == RMI_SUCCESS || RMI_RETURN_STATUS(r.x[0]) == RMI_ERROR_RTT) {
			return true;
		} else {
			return fail(vm, "RTT_SET_RIPAS failed", r.x[0]);
		}
	}
	return true;
}

static bool handle_ripas(struct realm_vm *vm, struct realm_vcpu *v)
{
	volatile struct rmi_rec_exit *e = &run_of(v)->exit;
	uint64_t base = e->ripas_base, top = e->ripas_top;

	vm->counts[REALM_EXIT_COUNT_RIPAS]++;
	/* Only a change to RAM can be refused: the RMM answers ACCEPT for EMPTY. */
	if ((e->ripas_value & 0xFFU) == RMI_RAM && vm->ripas_policy == REALM_RIPAS_REJECT) {
		v->enter_flags |= REC_ENTER_FLAG_RIPAS_RESPONSE;
		return true;
	}
	if (vm->ripas_policy == REALM_RIPAS_ONE_PAGE && top - base > GRANULE_SIZE)
		top = base + GRANULE_SIZE;
	return set_ripas(vm, v, base, top);
}

/* ---- The loop ---- */

static bool handle_exit(struct realm_vm *vm, unsigned int rec)
{
	struct realm_vcpu *v = &vm->vcpus[rec];
	uint64_t reason = run_of(v)->exit.exit_reason & 0xFFU;

	if (reason > RMI_EXIT_SERROR)
		return fail(vm, "unknown exit reason", reason);
	vm->exits[reason]++;
	switch (reason) {
	case RMI_EXIT_SYNC:
		return handle_sync(vm, rec);
	case RMI_EXIT_IRQ:
	case RMI_EXIT_FIQ:
		/*
		 * A physical interrupt for the host (its tick, if any): enter again.
		 * With RECs on several CPUs it may be a kick, which stays pending
		 * until acknowledged.
		 */
		vm->counts[REALM_EXIT_COUNT_IRQ]++;
		if (vm->concurrent_recs)
			host_irq_drain();
		return true;
	case RMI_EXIT_PSCI:
		return handle_psci(vm, v);
	case RMI_EXIT_RIPAS_CHANGE:
		return handle_ripas(vm, v);
	case RMI_EXIT_HOST_CALL:
		vm->counts[REALM_EXIT_COUNT_HOST_CALL]++;
		return realm_vm_host_call(vm, rec);
	default:
		return fail(vm, "SError exit, ESR", run_of(v)->exit.esr);
	}
}

#define CNT_CTL_ENABLE		1U
#define CNT_CTL_IMASK		2U

/*
 * How long the REC may run before the host's tick: vm->tick, or less if
 * its virtual timer (as the last exit reported it: enabled, not masked,
 * not yet expired) fires sooner, so that it exits right then. The RMM
 * reports the timer only on exits; an expired one is being injected.
 */
static uint64_t tick_for(struct realm_vm *vm, const struct realm_vcpu *v)
{
	volatile const struct rmi_rec_exit *e = &run_of(v)->exit;
	uint64_t ticks = vm->tick, now;

	if ((e->cntv_ctl & (CNT_CTL_ENABLE | CNT_CTL_IMASK)) != CNT_CTL_ENABLE)
		return ticks;
	now = host_counter();
	if (e->cntv_cval > now && e->cntv_cval - now < ticks)
		ticks = e->cntv_cval - now;
	return ticks;
}

/* Everything before a REC_ENTER; false if the REC is not to be entered. */
static bool prepare_entry(struct realm_vm *vm, unsigned int rec)
{
	struct realm_vcpu *v = &vm->vcpus[rec];

	if (vm->state != REALM_VM_RUNNING || rec >= vm->num_recs || !v->on)
		return false;
	/*
	 * WFI/WFE trap unless the guest runs them itself: a realm waiting for
	 * nothing must not hold the CPU, but one with the host's tick wakes.
	 */
	run_of(v)->enter.flags = v->enter_flags |
				 (vm->native_wfx ? 0U : REC_ENTER_FLAG_TRAP_WFI | REC_ENTER_FLAG_TRAP_WFE);
	v->enter_flags = 0;
	if (vm->irqchip != NULL)
		vm->irqchip->fill_lrs(vm, rec);
	if (vm->tick != 0U)
		host_tick_arm(tick_for(vm, v));
	v->host_cpus |= 1U << host_cpu();
	vm->rec_enters++;
	return true;
}

static bool entry_failed(struct realm_vm *vm, unsigned int rec, uint64_t status)
{
	/*
	 * Another REC powered the realm off or reset it and its CPU has not
	 * said so yet: this REC just stops, the other sets the state.
	 */
	if (vm->concurrent_recs && RMI_RETURN_STATUS(status) == RMI_ERROR_REALM) {
		host_printf("HOST: realm %s: REC %u stops, the realm no longer runs\n", vm->name, rec);
		return false;
	}
	return fail(vm, "REC_ENTER failed", status);
}

bool realm_vm_step(struct realm_vm *vm, unsigned int rec)
{
	struct realm_vcpu *v = &vm->vcpus[rec];
	uint64_t status;
	bool more;

	vm_lock(vm);
	more = prepare_entry(vm, rec);
	vm_unlock(vm);
	if (!more)
		return false;
	status = rmi_reported("REC_ENTER", RMI_REC_ENTER | (vm->sve_hint ? SMCCC_SVE_HINT : 0U),
			      v->rec, v->run, 0, 0, 0).x[0];
	vm_lock(vm);
	more = status == RMI_SUCCESS ? handle_exit(vm, rec) : entry_failed(vm, rec, status);
	vm_unlock(vm);
	return more;
}

void realm_vm_kick(struct realm_vm *vm, unsigned int rec)
{
	if (vm->concurrent_recs && rec < vm->num_recs && rec != host_cpu() && vm->vcpus[rec].on)
		host_kick_cpu(rec);
}

bool realm_vm_wait_recs(struct realm_vm *vm)
{
	bool all = true;

	for (unsigned int cpu = 1; cpu < REALM_VM_HOST_CPUS; cpu++) {
		if ((vm->started_cpus & (1U << cpu)) != 0U && !host_wait_cpu(cpu, REC_TIMEOUT_TICKS)) {
			host_printf("HOST: realm %s: the REC on CPU %u did not stop\n", vm->name, cpu);
			all = false;
		}
	}
	vm->started_cpus = 0;
	return all;
}

void realm_vm_run_rec(struct realm_vm *vm, unsigned int rec)
{
	while (realm_vm_step(vm, rec))
		;
}

enum realm_vm_state realm_vm_run(struct realm_vm *vm)
{
	realm_vm_run_rec(vm, 0);
	return vm->state;
}
