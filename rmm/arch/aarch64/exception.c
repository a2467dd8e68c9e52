/* Exceptions taken at R-EL2: NS copy faults resume, anything else stops the CPU. */
#include <stdint.h>

#include <rmm/arch.h>
#include <rmm/log.h>

#include "sysreg.h"

struct exc_frame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};

extern char ns_access_start[], ns_access_end[], ns_access_fault[];

static const char *const vector_names[16] = {
	"sync (SP_EL0)", "IRQ (SP_EL0)", "FIQ (SP_EL0)", "SError (SP_EL0)",
	"sync", "IRQ", "FIQ", "SError",
	"sync from realm", "IRQ from realm", "FIQ from realm", "SError from realm",
	"sync from AArch32", "IRQ from AArch32", "FIQ from AArch32", "SError from AArch32",
};

/* Per-CPU: syndrome of the last fault an NS copy survived, for diagnostics. */
uint64_t rmm_ns_fault_esr[32];

void rmm_exception(uint64_t kind, struct exc_frame *f)
{
	/* A data abort inside the NS copy loop: the granule is not NS. */
	if (kind == 4U && ESR_EC(f->esr) == ESR_EC_DABORT_CUR &&
	    f->elr >= (uint64_t)ns_access_start && f->elr < (uint64_t)ns_access_end) {
		rmm_ns_fault_esr[arch_cpu_index() & 31U] = f->esr;
		f->elr = (uint64_t)ns_access_fault;
		return;
	}
	rmm_log("RMM: unexpected exception: %s on CPU %u\n", vector_names[kind & 15U],
		arch_cpu_index());
	rmm_log("RMM:   ESR_EL2 %lx (EC %lx) ELR_EL2 %lx FAR_EL2 %lx SPSR_EL2 %lx\n", f->esr,
		ESR_EC(f->esr), f->elr, f->far, f->spsr);
	arch_panic();
}
