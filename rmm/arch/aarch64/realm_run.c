/*
 * The system-register half of the world switch. The normal world's EL1/EL0
 * registers, EL1 timers, PMU and FP/SIMD/SVE registers are live while the
 * RMM handles REC_ENTER (EL3 does not switch them). arch_rec_load() saves
 * them (FP/SIMD/SVE: simd.c, once for the whole RMI call; the PMU's only
 * for a PMU realm: pmu.c) and loads the REC's once per REC_ENTER;
 * arch_rec_run() then only switches the general registers, however many
 * exits the RMM answers itself; and arch_rec_unload() saves the REC's state
 * and puts the normal world's back before the host sees the exit. The
 * realm's FP/SIMD (or SVE) registers stay live too, except around the RMM's
 * own use of them (arch_rec_simd_begin/end). EL2 registers (HCR_EL2,
 * VTCR_EL2, VTTBR_EL2, CPTR_EL2, MDCR_EL2) are per world in EL3, so they
 * are simply set at load, and the RMM's own traps put back at unload. The
 * RMM does not use pointer authentication itself, so the realm's keys can
 * stay loaded while it runs. */
#include <rmm/arch.h>

#include <rmm/limits.h>
#include <rmm/rec.h>


#include "gic.h"
#include "pmu.h"
#include "simd.h"
#include "sysreg.h"

uint64_t realm_enter(struct rec_regs *regs);

/*
 * A realm runs with: stage 2 on (VM), set/way ops upgraded (SWIO), physical
 * interrupts and SErrors to EL2 (FMO, IMO, AMO), broadcast TLBI/barriers
 * inner shareable (FB, BSU), ID group 3, implementation-defined and auxiliary
 * control registers and set/way ops trapped (TID3, TIDCP, TACR, TSW), SMC
 * trapped (TSC: the RSI conduit), AArch64 EL1 (RW), external aborts to EL2
 * (TEA), PAuth not trapped (APK, API) and stage 2 forcing write-back (FWB);
 * with FEAT_RAS, the RAS error-record registers trapped too (TERR).
 */
#define HCR_VM		(1ULL << 0)
#define HCR_SWIO	(1ULL << 1)
#define HCR_FMO		(1ULL << 3)
#define HCR_IMO		(1ULL << 4)
#define HCR_AMO		(1ULL << 5)
#define HCR_FB		(1ULL << 9)
#define HCR_BSU_IS	(1ULL << 10)
#define HCR_TID3	(1ULL << 18)
#define HCR_TSC		(1ULL << 19)
#define HCR_TIDCP	(1ULL << 20)
#define HCR_TACR	(1ULL << 21)
#define HCR_TSW		(1ULL << 22)
#define HCR_RW		(1ULL << 31)
#define HCR_TERR	(1ULL << 36)
#define HCR_TEA		(1ULL << 37)
#define HCR_APK		(1ULL << 40)
#define HCR_API		(1ULL << 41)
#define HCR_FWB		(1ULL << 46)
#define HCR_REALM	(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | HCR_BSU_IS | \
			 HCR_TID3 | HCR_TSC | HCR_TIDCP | HCR_TACR | HCR_TSW | HCR_RW | HCR_TEA |  \
			 HCR_APK | HCR_API | HCR_FWB)
#define HCR_TWI		(1ULL << 13)
#define HCR_TWE		(1ULL << 14)
/* FP/SIMD allowed; SVE (unless the realm has it), SME and the trace unit registers trapped. */
#define CPTR_REALM	(CPTR_EL2_REALM_BASE | CPTR_EL2_TZ)
#define CPTR_REALM_SVE	CPTR_EL2_REALM_BASE
/*
 * Realm debug register accesses trap to the RMM, and PMU accesses unless
 * the realm has the PMU (then MDCR_EL2.HPMN gives it its counters); so do
 * the SPE sampling controls (TPMS) and the trace filter control (TTRF)
 * where implemented (realm_mdcr()). E2PB and E2TB 0 keep the SPE and trace
 * buffers owned by EL2, their EL1 registers trapped.
 */
#define MDCR_REALM	(MDCR_EL2_TDA | MDCR_EL2_TDOSA | MDCR_EL2_TDRA)
#define MDCR_PMU_TRAPS	(MDCR_EL2_TPMCR | MDCR_EL2_TPM)
/*
 * HCRX_EL2 (with FEAT_HCX): MSCEn lets EL1 and EL0 use the FEAT_MOPS memory
 * copy and set instructions the realm's ID registers show (without it they
 * are UNDEFINED; Linux's memcpy uses them); MCE2 0 keeps their exceptions at EL1.
 */
#define HCRX_MSCEN	(1ULL << 11)
#define write_hcrx(v)	write_sysreg(S3_4_C1_C2_2, v)
#define CNTHCTL_EL1_ACCESS	3ULL	/* EL1PCTEN | EL1PCEN */
#define CNTHCTL_CNTVMASK	(1ULL << 18)	/* FEAT_RME: the EL1 timers' interrupts */
#define CNTHCTL_CNTPMASK	(1ULL << 19)	/* masked in Realm state */

/* The normal world's registers while a realm runs on this CPU. */
static struct ns_state {
	struct rec_sysregs el1;
	struct rec_pauth pauth;		/* the RMM's own keys, from EL3 */
	uint64_t cnthctl, cntvoff;
	struct rec_pmu pmu;		/* while a PMU realm is loaded */
} ns_state[RMM_MAX_CPUS];

#define SAVE_EL1(s)                                                                          \
	do {                                                                                 \
		(s)->sctlr_el1 = read_sysreg(sctlr_el1);                                     \
		(s)->cpacr_el1 = read_sysreg(cpacr_el1);                                     \
		(s)->ttbr0_el1 = read_sysreg(ttbr0_el1);                                     \
		(s)->ttbr1_el1 = read_sysreg(ttbr1_el1);                                     \
		(s)->tcr_el1 = read_sysreg(tcr_el1);                                         \
		(s)->mair_el1 = read_sysreg(mair_el1);                                       \
		(s)->amair_el1 = read_sysreg(amair_el1);                                     \
		(s)->vbar_el1 = read_sysreg(vbar_el1);                                       \
		(s)->contextidr_el1 = read_sysreg(contextidr_el1);                           \
		(s)->tpidr_el0 = read_sysreg(tpidr_el0);                                     \
		(s)->tpidrro_el0 = read_sysreg(tpidrro_el0);                                 \
		(s)->tpidr_el1 = read_sysreg(tpidr_el1);                                     \
		(s)->cntkctl_el1 = read_sysreg(cntkctl_el1);                                 \
		(s)->elr_el1 = read_sysreg(elr_el1);                                         \
		(s)->spsr_el1 = read_sysreg(spsr_el1);                                       \
		(s)->sp_el0 = read_sysreg(sp_el0);                                           \
		(s)->sp_el1 = read_sysreg(sp_el1);                                           \
		(s)->esr_el1 = read_sysreg(esr_el1);                                         \
		(s)->far_el1 = read_sysreg(far_el1);                                         \
		(s)->afsr0_el1 = read_sysreg(afsr0_el1);                                     \
		(s)->afsr1_el1 = read_sysreg(afsr1_el1);                                     \
		(s)->par_el1 = read_sysreg(par_el1);                                         \
		(s)->mdscr_el1 = read_sysreg(mdscr_el1);                                     \
		(s)->csselr_el1 = read_sysreg(csselr_el1);                                   \
		(s)->cntv_ctl = read_sysreg(cntv_ctl_el0);                                   \
		(s)->cntv_cval = read_sysreg(cntv_cval_el0);                                 \
		(s)->cntp_ctl = read_sysreg(cntp_ctl_el0);                                   \
		(s)->cntp_cval = read_sysreg(cntp_cval_el0);                                 \
	} while (0)

static void el1_save(struct rec_sysregs *s)
{
	SAVE_EL1(s);
}

static void el1_restore(const struct rec_sysregs *s)
{
	write_sysreg(sctlr_el1, s->sctlr_el1);
	write_sysreg(cpacr_el1, s->cpacr_el1);
	write_sysreg(ttbr0_el1, s->ttbr0_el1);
	write_sysreg(ttbr1_el1, s->ttbr1_el1);
	write_sysreg(tcr_el1, s->tcr_el1);
	write_sysreg(mair_el1, s->mair_el1);
	write_sysreg(amair_el1, s->amair_el1);
	write_sysreg(vbar_el1, s->vbar_el1);
	write_sysreg(contextidr_el1, s->contextidr_el1);
	write_sysreg(tpidr_el0, s->tpidr_el0);
	write_sysreg(tpidrro_el0, s->tpidrro_el0);
	write_sysreg(tpidr_el1, s->tpidr_el1);
	write_sysreg(cntkctl_el1, s->cntkctl_el1);
	write_sysreg(elr_el1, s->elr_el1);
	write_sysreg(spsr_el1, s->spsr_el1);
	write_sysreg(sp_el0, s->sp_el0);
	write_sysreg(sp_el1, s->sp_el1);
	write_sysreg(esr_el1, s->esr_el1);
	write_sysreg(far_el1, s->far_el1);
	write_sysreg(afsr0_el1, s->afsr0_el1);
	write_sysreg(afsr1_el1, s->afsr1_el1);
	write_sysreg(par_el1, s->par_el1);
	write_sysreg(mdscr_el1, s->mdscr_el1);
	write_sysreg(csselr_el1, s->csselr_el1);
	write_sysreg(cntv_cval_el0, s->cntv_cval);
	write_sysreg(cntv_ctl_el0, s->cntv_ctl);
	write_sysreg(cntp_cval_el0, s->cntp_cval);
	write_sysreg(cntp_ctl_el0, s->cntp_ctl);
}

static void pauth_save(struct rec_pauth *p)
{
	p->key[0][0] = read_sysreg(apiakeylo_el1);
	p->key[0][1] = read_sysreg(apiakeyhi_el1);
	p->key[1][0] = read_sysreg(apibkeylo_el1);
	p->key[1][1] = read_sysreg(apibkeyhi_el1);
	p->key[2][0] = read_sysreg(apdakeylo_el1);
	p->key[2][1] = read_sysreg(apdakeyhi_el1);
	p->key[3][0] = read_sysreg(apdbkeylo_el1);
	p->key[3][1] = read_sysreg(apdbkeyhi_el1);
	p->key[4][0] = read_sysreg(apgakeylo_el1);
	p->key[4][1] = read_sysreg(apgakeyhi_el1);
}

static void pauth_restore(const struct rec_pauth *p)
{
	write_sysreg(apiakeylo_el1, p->key[0][0]);
	write_sysreg(apiakeyhi_el1, p->key[0][1]);
	write_sysreg(apibkeylo_el1, p->key[1][0]);
	write_sysreg(apibkeyhi_el1, p->key[1][1]);
	write_sysreg(apdakeylo_el1, p->key[2][0]);
	write_sysreg(apdakeyhi_el1, p->key[2][1]);
	write_sysreg(apdbkeylo_el1, p->key[3][0]);
	write_sysreg(apdbkeyhi_el1, p->key[3][1]);
	write_sysreg(apgakeylo_el1, p->key[4][0]);
	write_sysreg(apgakeyhi_el1, p->key[4][1]);
}

static uint64_t realm_hcr(const struct realm_run_config *cfg)
{
	uint64_t hcr = HCR_REALM | (cfg->trap_wfi ? HCR_TWI : 0U) | (cfg->trap_wfe ? HCR_TWE : 0U);

	/* TERR is RES0 without FEAT_RAS. */
	if (ID_FIELD(read_sysreg(id_aa64pfr0_el1), ID_AA64PFR0_RAS_SHIFT) != 0U)
		hcr |= HCR_TERR;
	return hcr;
}

/*
 * The RMM's own no-counting bits stay on: it handles the realm's exits
 * under this value (HPMD keeps a PMU realm's counters from counting them).
 */
static uint64_t realm_mdcr(const struct rec *rec)
{
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
	uint64_t mdcr = MDCR_REALM | mdcr_el2_rmm(dfr0);

	if (rec->cpu.pmu)
		mdcr |= rec->cpu.pmu_num_ctrs & MDCR_EL2_HPMN_MASK;
	else
		mdcr |= MDCR_PMU_TRAPS;

	if (ID_FIELD(dfr0, ID_AA64DFR0_PMSVER_SHIFT) != 0U)
		mdcr |= MDCR_EL2_TPMS;
	if (ID_FIELD(dfr0, ID_AA64DFR0_TRACEFILT_SHIFT) != 0U)
		mdcr |= MDCR_EL2_TTRF;
	return mdcr;
}

static bool has_hcx(void)
{
	return ID_FIELD(read_sysreg(id_aa64mmfr1_el1), ID_AA64MMFR1_HCX_SHIFT) != 0U;
}

static uint64_t realm_hcrx(void)
{
	return ID_FIELD(read_sysreg(S3_0_C0_C6_2), ID_AA64ISAR2_MOPS_SHIFT) != 0U ? HCRX_MSCEN : 0U;
}

/*
 * VTCR_EL2: T0SZ, the start level (SL0; level -1 is SL2 = 1 with SL0 = 0),
 * write-back cacheable inner shareable walks, 4 KB granules, PS, VS, RES1
 * bit 31; for an LPA2 realm DS (52-bit OAs in the LPA2 format, PS up to 52
 * bits), otherwise PS at most 48 bits.
 */
#define VTCR_DS		(1ULL << 32)
#define VTCR_SL2	(1ULL << 33)

static uint64_t realm_vtcr(const struct realm_run_config *cfg)
{
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & 0xFU;
	uint64_t ps_max = cfg->lpa2 ? 6U : 5U;
	uint64_t vmid16 = ((read_sysreg(id_aa64mmfr1_el1) >> 4) & 0xFU) == 2U;
	uint64_t sl = cfg->start_level < 0 ? VTCR_SL2 : (uint64_t)(2 - cfg->start_level) << 6;

	return (64U - cfg->s2sz) | sl | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) |
	       ((parange > ps_max ? ps_max : parange) << 16) | (vmid16 << 19) | (1ULL << 31) |
	       (cfg->lpa2 ? VTCR_DS : 0U);
}

static void stage2_set(const struct rec *rec, const struct realm_run_config *cfg, uint64_t hcr)
{
	uint64_t vtcr = realm_vtcr(cfg);

	write_sysreg(vtcr_el2, vtcr);
	write_sysreg(vttbr_el2, cfg->rtt_base | ((uint64_t)cfg->vmid << 48));
	write_sysreg(hcr_el2, hcr);
	if (has_hcx())
		write_hcrx(realm_hcrx());
	write_sysreg(cptr_el2, rec->cpu.sve ? CPTR_REALM_SVE : CPTR_REALM);
	write_sysreg(mdcr_el2, realm_mdcr(rec));
}

void arch_rec_load(struct rec *rec, const struct realm_run_config *cfg,
		   const struct realm_gic_state *gic)
{
	struct ns_state *ns = &ns_state[arch_cpu_index()];
	uint64_t hcr = realm_hcr(cfg);
	uint64_t vmpidr = (rec->mpidr & 0xFFFFFFULL) | ((rec->mpidr >> 24) & 0xFFU) << 32 |
			  (1ULL << 31);

	/* The normal world's FP/SIMD/SVE state: saved for the whole RMI call (arch.h). */
	el1_save(&ns->el1);
	pauth_save(&ns->pauth);
	ns->cnthctl = read_sysreg(cnthctl_el2);
	ns->cntvoff = read_sysreg(cntvoff_el2);
	if (rec->cpu.pmu)
		pmu_load_realm(&ns->pmu, rec);

	/*
	 * Both EL1 timers masked before the REC's are loaded, which may be
	 * asserted: arch_rec_timer_outputs() lifts the mask of each that is
	 * not, so none is signalled to the GIC in between.
	 */
	write_sysreg(cnthctl_el2, CNTHCTL_EL1_ACCESS | CNTHCTL_CNTVMASK | CNTHCTL_CNTPMASK);
	write_sysreg(cntvoff_el2, 0);
	isb();
	el1_restore(&rec->el1);
	simd_rec_load(rec);
	pauth_restore(&rec->pauth);
	write_sysreg(vmpidr_el2, vmpidr);
	gic_load(gic);
	stage2_set(rec, cfg, hcr);
	isb();
}

void arch_rec_run(struct rec *rec, struct realm_exit_syndrome *out)
{
	out->kind = (enum realm_exception)realm_enter(&rec->regs);
	out->esr = read_sysreg(esr_el2);
	out->far = read_sysreg(far_el2);
	out->hpfar = read_sysreg(hpfar_el2);
}

void arch_rec_unload(struct rec *rec, struct realm_gic_state *gic)
{
	struct ns_state *ns = &ns_state[arch_cpu_index()];

	gic_save_and_clear(gic);
	el1_save(&rec->el1);
	simd_rec_save(rec);
	pauth_save(&rec->pauth);
	write_sysreg(hcr_el2, 0);
	if (has_hcx())
		write_hcrx(0);
	write_sysreg(cptr_el2, cptr_el2_rmm());
	write_sysreg(mdcr_el2, mdcr_el2_rmm(read_sysreg(id_aa64dfr0_el1)));
	if (rec->cpu.pmu) {
		isb();	/* no counter of the realm's counts from here on */
		pmu_unload_realm(rec, &ns->pmu);
	}
	el1_restore(&ns->el1);
	pauth_restore(&ns->pauth);
	write_sysreg(cnthctl_el2, ns->cnthctl);
	write_sysreg(cntvoff_el2, ns->cntvoff);
	isb();
}

unsigned int arch_rec_timer_outputs(struct rec *rec)
{
	unsigned int out = rec_timer_outputs(read_sysreg(cntv_ctl_el0), read_sysreg(cntp_ctl_el0));
	uint64_t cnthctl = CNTHCTL_EL1_ACCESS | ((out & REC_TIMER_VIRT) != 0U ? CNTHCTL_CNTVMASK : 0U) |
			   ((out & REC_TIMER_PHYS) != 0U ? CNTHCTL_CNTPMASK : 0U);

	(void)rec;
	/*
	 * A timer is masked before its output is reported (arch_rec_load(),
	 * then here once an exit reported it), never after it was signalled.
	 */
	if (cnthctl != read_sysreg(cnthctl_el2)) {
		write_sysreg(cnthctl_el2, cnthctl);
		isb();
	}
	return out;
}

void arch_rec_el1_sync_out(struct rec *rec)
{
	rec->el1.sctlr_el1 = read_sysreg(sctlr_el1);
	rec->el1.esr_el1 = read_sysreg(esr_el1);
	rec->el1.far_el1 = read_sysreg(far_el1);
	rec->el1.elr_el1 = read_sysreg(elr_el1);
	rec->el1.spsr_el1 = read_sysreg(spsr_el1);
	rec->el1.vbar_el1 = read_sysreg(vbar_el1);
	rec->el1.cntv_ctl = read_sysreg(cntv_ctl_el0);
	rec->el1.cntp_ctl = read_sysreg(cntp_ctl_el0);
}

void arch_rec_el1_sync_in(const struct rec *rec)
{
	write_sysreg(esr_el1, rec->el1.esr_el1);
	write_sysreg(far_el1, rec->el1.far_el1);
	write_sysreg(elr_el1, rec->el1.elr_el1);
	write_sysreg(spsr_el1, rec->el1.spsr_el1);
}

bool arch_irq_pending(void)
{
	return (read_sysreg(isr_el1) & ((1U << 7) | (1U << 6))) != 0U;	/* I or F */
}
