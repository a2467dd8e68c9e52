/*
 * The REC (realm execution context), kept in the REC granule. Guarded by the
 * REC granule's lock, except `state`, which REC_ENTER changes atomically:
 * it sets RUNNING under the lock, lets go of the lock while the REC runs and
 * stores READY (release) without it. So every reader of `state` uses
 * rec_is_running() (acquire): a CPU that finds the REC READY then sees all
 * that the last run wrote to it.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/s2tt.h>

enum rec_state {
	REC_READY = 0,
	REC_RUNNING,
};

struct rec_psci_request {
	bool pending;
	uint64_t fid;
	uint64_t target_mpidr;
	uint64_t entry;
	uint64_t context;
};

struct rec_ripas_request {
	bool pending;
	uint64_t base;
	uint64_t top;
	uint64_t addr;		/* progress: first IPA not yet changed */
	enum ripas value;
	bool change_destroyed;
};

/* General registers, PC and PSTATE: the layout the world switch (run.S) uses. */
struct rec_regs {
	uint64_t x[31];
	uint64_t pc;
	uint64_t pstate;
};

/* EL1/EL0 system registers and EL1 timers of a realm CPU (or of the normal world). */
struct rec_sysregs {
	uint64_t sctlr_el1, cpacr_el1, ttbr0_el1, ttbr1_el1, tcr_el1, mair_el1, amair_el1;
	uint64_t vbar_el1, contextidr_el1, tpidr_el0, tpidrro_el0, tpidr_el1, cntkctl_el1;
	uint64_t elr_el1, spsr_el1, sp_el0, sp_el1, esr_el1, far_el1, afsr0_el1, afsr1_el1;
	uint64_t par_el1, mdscr_el1, csselr_el1;
	uint64_t cntv_ctl, cntv_cval, cntp_ctl, cntp_cval;
};

/* FP/SIMD registers. */
struct rec_fpregs {
	uint64_t q[32][2];
	uint64_t fpsr, fpcr;
};

/*
 * A PMU realm's PMUv3 registers (PMCR_EL0, the set/clear pairs as their set
 * value, PMSELR, PMUSERENR, the cycle counter and its filter, and the
 * event counters below its MDCR_EL2.HPMN with their event types).
 */
#define REC_PMU_MAX_CTRS	31U
struct rec_pmu {
	uint64_t pmcr, pmcnten, pminten, pmovs, pmselr, pmuserenr, pmccfiltr, pmccntr;
	uint64_t evcntr[REC_PMU_MAX_CTRS], evtyper[REC_PMU_MAX_CTRS];
};

/*
 * An SVE realm's Z0-Z31, P0-P15 and FFR at its vector length do not fit the
 * REC granule (up to 8.5 KB): they live in REC aux granules 1 (Z0-Z15), 2
 * (Z16-Z31) and 3 (P0-P15, FFR); aux granule 0 is attestation's. FPSR and
 * FPCR stay in rec->fp. A scrubbed aux granule is a valid initial state.
 */
#define REC_AUX_SVE_Z_LO	1U
#define REC_AUX_SVE_Z_HI	2U
#define REC_AUX_SVE_P		3U

/* Pointer authentication keys (APIA, APIB, APDA, APDB, APGA; lo/hi). */
struct rec_pauth {
	uint64_t key[5][2];
};

/* What the last exit was, for the REC_ENTER flags that complete it. */
struct rec_last_exit {
	uint64_t esr;
	uint64_t far;		/* of an Unprotected data abort, for INJECT_SEA */
	bool emulatable_mmio;	/* data abort at an Unprotected IPA with ISV = 1 */
	bool unprotected_abort;	/* data abort at an Unprotected IPA */
	bool host_call;		/* results go to the RsiHostCall at host_call_ipa */
	uint64_t host_call_ipa;
	bool ripas_change;	/* IPA_STATE_SET is waiting for the host */
	bool psci;		/* a PSCI call is waiting for the host */
	uint8_t timer_outputs;	/* the EL1 timer outputs of the last exit the host received (REC_TIMER_*) */
};

struct rec {
	struct rec_regs regs;		/* first: run.S addresses it directly */
	enum rec_state state;
	bool runnable;
	uint64_t rd_pa;
	uint64_t mpidr;
	uint64_t index;
	struct rec_sysregs el1;
	struct rec_fpregs fp;
	struct rec_pauth pauth;
	struct realm_cpu_features cpu;	/* the realm's, copied at REC_CREATE */
	uint64_t zcr_el1;		/* SVE realms only */
	struct rec_pmu pmu;		/* PMU realms only */
	struct realm_gic_state gic;	/* VMCR and APRs kept from run to run (arch.h) */
	uint64_t num_aux;
	uint64_t aux[RMI_REC_MAX_AUX];
	struct rec_psci_request psci;
	struct rec_ripas_request ripas;
	struct rec_last_exit last_exit;
};

_Static_assert(sizeof(struct rec) <= GRANULE_SIZE, "the REC fits its granule");

static inline struct rec *rec_from_granule(const struct granule *g)
{
	return granule_va(g, GRANULE_STATE_REC);
}

/* Whether some CPU is inside REC_ENTER for rec (see `state` above). */
static inline bool rec_is_running(const struct rec *rec)
{
	return __atomic_load_n(&rec->state, __ATOMIC_ACQUIRE) == REC_RUNNING;
}

/*
 * The output of an EL1 timer is asserted when its CTL has ENABLE and
 * ISTATUS set and IMASK clear. REC_TIMER_VIRT and REC_TIMER_PHYS: the
 * virtual and physical timer's output, as a bit set.
 */
#define REC_TIMER_VIRT		1U
#define REC_TIMER_PHYS		2U
#define CNT_CTL_OUTPUT_BITS	7U	/* ENABLE, IMASK, ISTATUS */
#define CNT_CTL_ASSERTED	5U	/* ENABLE and ISTATUS */

static inline unsigned int rec_timer_outputs(uint64_t cntv_ctl, uint64_t cntp_ctl)
{
	return ((cntv_ctl & CNT_CTL_OUTPUT_BITS) == CNT_CTL_ASSERTED ? REC_TIMER_VIRT : 0U) |
	       ((cntp_ctl & CNT_CTL_OUTPUT_BITS) == CNT_CTL_ASSERTED ? REC_TIMER_PHYS : 0U);
}

/* PSTATE.nRW of the interrupted realm: AArch32 (only EL0 can be; realm EL1 is AArch64). */
static inline bool rec_in_aarch32(const struct rec *rec)
{
	return (rec->regs.pstate & (1ULL << 4)) != 0U;
}

/*
 * RmiRecExit.pmu_ovf_status: the realm has a PMU, PMCR_EL0.E is set and an
 * enabled counter with its interrupt enabled has overflowed.
 */
static inline bool rec_pmu_overflow_active(const struct rec *rec)
{
	const struct rec_pmu *p = &rec->pmu;

	return rec->cpu.pmu && (p->pmcr & 1U) != 0U &&	/* PMCR_EL0.E */
	       (p->pmovs & p->pminten & p->pmcnten) != 0U;
}

/* RmiRecMpidr: Aff0 [3:0], Aff1 [15:8], Aff2 [23:16], Aff3 [31:24], nothing else. */
bool rec_mpidr_valid(uint64_t mpidr);
uint64_t rec_mpidr_to_index(uint64_t mpidr);

/* MPIDR_EL1 layout as a realm passes it to PSCI (Aff3 in [39:32]) to RmiRecMpidr. */
uint64_t rec_psci_mpidr_to_rec_mpidr(uint64_t mpidr);

/* Resets the REC's CPU state: EL1h, DAIF masked, MMU off, pc = entry. */
void rec_reset_cpu(struct rec *rec, uint64_t entry);

/* PSCI CPU_ON's reset: as above, with SCTLR_EL1.EE (endianness) taken from the caller. */
void rec_reset_cpu_like(struct rec *rec, uint64_t entry, const struct rec *caller);
