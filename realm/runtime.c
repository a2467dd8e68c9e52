/* Realm start-up, secondary RECs, host calls and EL1 exceptions. */
#include <stddef.h>

#include <atoll/smccc.h>
#include <lib/exception_frame.h>

#include "realm.h"
#include "rsi.h"
#include "runtime.h"

/* Vector kind of a synchronous exception from the current EL with SP_EL1. */
#define VECTOR_SYNC_CURRENT_SPX	4U

extern char realm_secondary_entry[];

_Noreturn void realm_start(void)
{
	/* Without the console nothing can be reported: stop at once. */
	if (!realm_console_init())
		psci_system_off();
	realm_main();
	psci_system_off();
}

_Noreturn void realm_secondary_start(uint64_t context)
{
	struct realm_cpu_work *work = (struct realm_cpu_work *)(uintptr_t)context;

	if (work != NULL && work->fn != NULL)
		work->fn(work->arg);
	(void)psci_cpu_off();
	realm_printf("realm: CPU_OFF returned on %lx\n", realm_mpidr());
	psci_system_off();
}

uint64_t realm_secondary_entry_ipa(void)
{
	return (uint64_t)(uintptr_t)realm_secondary_entry;
}

int64_t realm_cpu_on(unsigned int cpu, struct realm_cpu_work *work)
{
	return psci_cpu_on(cpu, realm_secondary_entry_ipa(), (uint64_t)(uintptr_t)work);
}

uint64_t realm_host_call(unsigned int imm, uint64_t a0, uint64_t a1, uint64_t *result)
{
	/* On the stack: RECs make host calls independently of each other. */
	struct rsi_host_call hc __attribute__((aligned(256))) = { 0 };
	uint64_t status;

	hc.imm = (uint16_t)imm;
	hc.gprs[0] = a0;
	hc.gprs[1] = a1;
	status = rsi_host_call(&hc);
	if (result != NULL)
		*result = hc.gprs[0];
	return status;
}

/* ---- Faults ---- */

static volatile bool fault_expected;
static volatile struct realm_fault fault;

void realm_fault_expect(void)
{
	fault.taken = false;
	fault.esr = 0;
	fault.far = 0;
	fault_expected = true;
	__asm__ volatile("dsb sy; isb" ::: "memory");
}

struct realm_fault realm_fault_end(void)
{
	struct realm_fault f;

	__asm__ volatile("dsb sy; isb" ::: "memory");
	fault_expected = false;
	f.taken = fault.taken;
	f.esr = fault.esr;
	f.far = fault.far;
	return f;
}

void realm_exception(uint64_t kind, struct exc_frame *f)
{
	if (kind == VECTOR_SYNC_CURRENT_SPX && fault_expected) {
		fault.taken = true;
		fault.esr = f->esr;
		fault.far = f->far;
		f->elr += 4;
		return;
	}
	realm_printf("realm: unexpected exception (vector %lu): ESR_EL1 %lx ELR_EL1 %lx "
		     "FAR_EL1 %lx on %lx\n",
		     kind, f->esr, f->elr, f->far, realm_mpidr());
	psci_system_off();
}
