/*
 * A PMU realm's PMUv3 registers (EL0/EL1 registers, which EL3 does not
 * switch). While such a realm is loaded, MDCR_EL2.HPMN gives it event
 * counters 0..HPMN-1 and the cycle counter; those are the normal world's
 * too, so their NS values are saved at load and put back at unload, and
 * the normal world never sees what the realm counted.
 *
 * The counters from HPMN up stay the normal world's and count nothing
 * meanwhile (HPME is 0). The architecture makes them UNDEFINED to the
 * realm and keeps PMCR_EL0.P from resetting them, but QEMU lets EL1 read
 * and write them (their enable, interrupt and overflow bits too) and
 * resets them all: so every NS counter is saved, and the realm runs with
 * those above HPMN zero and stopped, and the NS values put back at unload.
 * A realm without the PMU never gets here: its PMU accesses trap.
 */
#include "pmu.h"

#include <rmm/rec.h>

#include "sysreg.h"

#define PMCR_WRITE_ONLY		((1ULL << 1) | (1ULL << 2))	/* P, C: counter resets */
#define PMCR_N(pmcr)		(((pmcr) >> 11) & 0x1FU)
#define PMU_CYCLE_COUNTER	(1ULL << 31)

/* The counters the realm owns: 0..n-1 and the cycle counter. */
static uint64_t realm_counters(unsigned int n)
{
	return ((1ULL << n) - 1U) | PMU_CYCLE_COUNTER;
}

/* The event counters the CPU has (PMCR_EL0.N as EL2 reads it). */
static unsigned int cpu_counters(void)
{
	unsigned int n = PMCR_N(read_sysreg(pmcr_el0));

	return n < REC_PMU_MAX_CTRS ? n : REC_PMU_MAX_CTRS;
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

/*
 * Every counter is stopped first, so none counts a mix of both worlds'
 * settings; counters 0..n-1 get p's values (a REC's are zero from n up:
 * only its own are ever saved into it), and only the bits in mask are set.
 */
static void pmu_restore(const struct rec_pmu *p, unsigned int n, uint64_t mask)
{
	write_sysreg(pmcntenclr_el0, ~0ULL);
	write_sysreg(pmintenclr_el1, ~0ULL);
	write_sysreg(pmovsclr_el0, ~0ULL);
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
	unsigned int all = cpu_counters();

	pmu_save(ns, all, ~0ULL);
	pmu_restore(&rec->pmu, all, realm_counters(rec->cpu.pmu_num_ctrs));
}

void pmu_unload_realm(struct rec *rec, const struct rec_pmu *ns)
{
	unsigned int n = rec->cpu.pmu_num_ctrs;

	pmu_save(&rec->pmu, n, realm_counters(n));
	pmu_restore(ns, cpu_counters(), ~0ULL);
}
