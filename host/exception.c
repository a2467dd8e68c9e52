/* NS-EL2 exceptions: an expected fault is recorded and skipped; anything else stops. */
#include <lib/exception_frame.h>

#include "host.h"

static volatile bool fault_expected;
static struct host_fault fault;

void host_fault_expect(void)
{
	fault.taken = false;
	fault.esr = 0;
	fault.far = 0;
	fault_expected = true;
	__asm__ volatile("dsb sy; isb" ::: "memory");
}

struct host_fault host_fault_end(void)
{
	__asm__ volatile("dsb sy; isb" ::: "memory");
	fault_expected = false;
	return fault;
}

void host_exception(uint64_t kind, struct exc_frame *f)
{
	if (kind == 4U && fault_expected) {
		fault.taken = true;
		fault.esr = f->esr;
		fault.far = f->far;
		f->elr += 4;
		return;
	}
	host_printf("\nHOST: unexpected exception (vector %lu): ESR_EL2 %lx ELR_EL2 %lx FAR_EL2 %lx\n",
		    kind, f->esr, f->elr, f->far);
	psci_system_off();
}
