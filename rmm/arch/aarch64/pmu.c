/*
 * A PMU realm's PMUv3 registers (EL0/EL1 registers, which EL3 does not
 * switch). While such a realm is loaded, MDCR_EL2.HPMN gives it event
 * counters 0..HPMN-1 and the cycle counter; those are the normal world's
 * too, so their NS values are saved at load and put back at unload, and
 * the normal world never sees what the realm counted. The other counters
 * (HPMN and up) are left alone, and count nothing meanwhile (HPME is 0).
 * A realm without the PMU never gets here: its PMU accesses trap.
 */
#include "pmu.h"

#include <rmm/rec.h>

#include "sysreg.h"

#define PMCR_WRITE_ONLY		((1ULL << 1) | (1ULL << 2))	/* P, C: counter resets */
#define PMU_CYCLE_COUNTER	(1ULL << 31)

/* The counters the realm owns: 0..n-1 and the cycle counter. */
static uint64_t realm_counters(unsigned int n)
{
	return ((1ULL << n) - 1U) | PMU_CYCLE_COUNTER;
}

static void pmu_save(struct rec_pmu *p, unsigned int n, uint64_t mask)
{
	p->pmcr = read_sysreg(pmcr_el0);
	p->pmcnten = read_sysreg(pmcntenset_el0) & mask;
	p->pminten = read_sysreg(pmintenset_el1) & mask;
	p->pmovs = read_sysreg(pmovsset_el0) & mask;
	p->pmselr = read_sysreg(pmselr_el0);
	p->pmuserenr = read_sysreg(pmuserenr_el0);
	p->pmccfiltr = read_sysreg(pmccfiltr_el0);
	p->pmccntr = read_sysreg(pmccntr_el0);
	for (unsigned int i = 0; i < n; i++) {
		write_sysreg(pmselr_el0, i);
		isb();
		p->evtyper[i] = read_sysreg(pmxevtyper_el0);
		p->evcntr[i] = read_sysreg(pmxevcntr_el0);
	}
}

/* The counters in mask are stopped first, so none counts a mix of both worlds' settings. */
static void pmu_restore(const struct rec_pmu *p, unsigned int n, uint64_t mask)
{
	write_sysreg(pmcntenclr_el0, mask);
	write_sysreg(pmintenclr_el1, mask);
	write_sysreg(pmovsclr_el0, mask);
	isb();
	for (unsigned int i = 0; i < n; i++) {
		write_sysreg(pmselr_el0, i);
		isb();
		write_sysreg(pmxevtyper_el0, p->evtyper[i]);
		write_sysreg(pmxevcntr_el0, p->evcntr[i]);
	}
	write_sysreg(pmselr_el0, p->pmselr);
	write_sysreg(pmuserenr_el0, p->pmuserenr);
	write_sysreg(pmccfiltr_el0, p->pmccfiltr);
	write_sysreg(pmccntr_el0, p->pmccntr);
	write_sysreg(pmovsset_el0, p->pmovs & mask);
	write_sysreg(pmintenset_el1, p->pminten & mask);
	write_sysreg(pmcntenset_el0, p->pmcnten & mask);
	write_sysreg(pmcr_el0, p->pmcr & ~PMCR_WRITE_ONLY);
	isb();
}

void pmu_load_realm(struct rec_pmu *ns, const struct rec *rec)
{
	unsigned int n = rec->cpu.pmu_num_ctrs;

	pmu_save(ns, n, ~0ULL);
	pmu_restore(&rec->pmu, n, realm_counters(n));
}

void pmu_unload_realm(struct rec *rec, const struct rec_pmu *ns)
{
	unsigned int n = rec->cpu.pmu_num_ctrs;

	pmu_save(&rec->pmu, n, realm_counters(n));
	pmu_restore(ns, n, ~0ULL);
}
