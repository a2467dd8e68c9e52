/* Realm memory as the RMM sees it for RSI calls, and exceptions it injects. */
#include <rmm/realm_exit.h>

#include <string.h>

#include <atoll/rsi.h>

#define ESR_EC_SHIFT		26
#define ESR_IL			(1ULL << 25)
#define EC_UNKNOWN		0x00ULL
#define EC_IABORT_LOWER		0x20ULL
#define EC_IABORT_CUR		0x21ULL
#define EC_DABORT_LOWER		0x24ULL
#define EC_DABORT_CUR		0x25ULL
#define FSC_SEA			0x10ULL
#define ESR_FNV			(1ULL << 10)	/* FAR not valid */
#define FSC_TRANSLATION_L0	0x04ULL

#define PSTATE_M_MASK		0xFULL
#define PSTATE_EL0T		0x0ULL
#define PSTATE_EL1T		0x4ULL
#define PSTATE_EL1H_DAIF	0x3C5ULL
#define VBAR_CUR_SP0		0x000ULL
#define VBAR_CUR_SPX		0x200ULL
#define VBAR_LOWER_A64		0x400ULL
#define VBAR_LOWER_A32		0x600ULL

/* PSTATE bits an exception entry keeps or sets (SPSR AArch64 layout). */
#define PSTATE_NZCV		(0xFULL << 28)
#define PSTATE_TCO		(1ULL << 25)
#define PSTATE_DIT		(1ULL << 24)
#define PSTATE_PAN		(1ULL << 22)
#define PSTATE_ALLINT		(1ULL << 13)
#define PSTATE_SSBS		(1ULL << 12)

#define SCTLR_SPAN		(1ULL << 23)
#define SCTLR_DSSBS		(1ULL << 44)
#define SCTLR_SPINTMASK		(1ULL << 62)

/* ID register fields (op0 3, op1 0, CRn 0, crm, op2) that say a feature is there. */
#define ID_FIELD(crm, op2, shift)	((arch_read_id_reg((crm), (op2)) >> (shift)) & 0xFU)
#define HAS_PAN()		(ID_FIELD(7, 1, 20) != 0U)	/* ID_AA64MMFR1_EL1.PAN */
#define HAS_SSBS()		(ID_FIELD(4, 1, 4) != 0U)	/* ID_AA64PFR1_EL1.SSBS */
#define HAS_MTE()		(ID_FIELD(4, 1, 8) != 0U)	/* ID_AA64PFR1_EL1.MTE */
#define HAS_NMI()		(ID_FIELD(4, 1, 36) != 0U)	/* ID_AA64PFR1_EL1.NMI */

static enum realm_page_state entry_page_state(uint64_t e, long level)
{
	enum s2tt_hipas h = s2tte_hipas(e, level);

	if (h == HIPAS_ASSIGNED && s2tte_ripas(e) == RIPAS_RAM)
		return REALM_PAGE_MAPPED;
	if ((h == HIPAS_UNASSIGNED || h == HIPAS_ASSIGNED) && s2tte_ripas(e) == RIPAS_EMPTY)
		return REALM_PAGE_EMPTY;
	return REALM_PAGE_UNMAPPED;
}

enum realm_page_state realm_page_access(struct rec_run_ctx *ctx, uint64_t ipa,
					void (*access)(void *va, void *arg), void *arg,
					long *level)
{
	enum realm_page_state state;
	struct granule *g_data;
	struct s2tt_walk w;
	uint64_t e, pa;

	granule_lock(ctx->g_rd);
	if (!s2tt_walk_lock(&ctx->rd->s2, ipa, S2TT_PAGE_LEVEL, &w)) {
		granule_unlock(ctx->g_rd);
		*level = ctx->rd->s2.start_level;
		return REALM_PAGE_UNMAPPED;
	}
	e = *s2tt_walk_entry(&w);
	*level = w.level;
	state = entry_page_state(e, w.level);
	if (state == REALM_PAGE_MAPPED) {
		/* A block maps many pages: pick the one holding ipa. */
		pa = s2tte_oa(e, ctx->rd->s2.lpa2) + (ipa & (s2tt_level_size(w.level) - 1U) & ~(GRANULE_SIZE - 1U));
		g_data = granule_find(pa);
		/* The RTT lock keeps the page DATA while it is accessed. */
		if (g_data != NULL)
			access(granule_va(g_data, GRANULE_STATE_DATA), arg);
		else
			state = REALM_PAGE_UNMAPPED;	/* a mapping of no tracked granule: inconsistent */
	}
	granule_unlock(w.g_table);
	granule_unlock(ctx->g_rd);
	return state;
}

void realm_exit_emulated_abort(struct rec_run_ctx *ctx, uint64_t ipa, long level)
{
	ctx->exit->exit_reason = RMI_EXIT_SYNC;
	ctx->exit->esr = (EC_DABORT_LOWER << ESR_EC_SHIFT) | (FSC_TRANSLATION_L0 + (uint64_t)level);
	ctx->exit->far = 0;
	ctx->exit->hpfar = ipa >> 8;
	ctx->to_host = true;
	ctx->replay = true;
}

/*
 * PSTATE on taking an exception to EL1, as AArch64.TakeException builds it
 * from the interrupted one: EL1h with D, A, I and F masked; NZCV, DIT and
 * PAN kept; PAN set when SCTLR_EL1.SPAN is 0; SSBS from SCTLR_EL1.DSSBS;
 * TCO set with MTE; ALLINT from NOT SCTLR_EL1.SPINTMASK with NMI. All
 * else (SS, IL, UAO, BTYPE, PACM, AArch32's IT, T, Q, GE) is cleared. The
 * kept bits sit in the same places in SPSR_EL2 from AArch32 and AArch64.
 */
static uint64_t el1_entry_pstate(const struct rec *rec)
{
	uint64_t old = rec->regs.pstate, sctlr = rec->el1.sctlr_el1;
	uint64_t p = PSTATE_EL1H_DAIF | (old & (PSTATE_NZCV | PSTATE_DIT | PSTATE_PAN));

	if (HAS_PAN() && (sctlr & SCTLR_SPAN) == 0U)
		p |= PSTATE_PAN;
	if (HAS_SSBS() && (sctlr & SCTLR_DSSBS) != 0U)
		p |= PSTATE_SSBS;
	if (HAS_MTE())
		p |= PSTATE_TCO;
	if (HAS_NMI() && (sctlr & SCTLR_SPINTMASK) == 0U)
		p |= PSTATE_ALLINT;
	return p;
}

static uint64_t vector_offset(const struct rec *rec)
{
	uint64_t mode = rec->regs.pstate & PSTATE_M_MASK;

	if (rec_in_aarch32(rec))
		return VBAR_LOWER_A32;
	return mode == PSTATE_EL0T ? VBAR_LOWER_A64 : mode == PSTATE_EL1T ? VBAR_CUR_SP0
									 : VBAR_CUR_SPX;
}

/* Takes an exception to the realm's EL1 vector table, as the hardware would. */
static void inject(struct rec *rec, uint64_t esr, uint64_t far)
{
	/* The REC is loaded for a run (arch.h): its live EL1 registers are used. */
	arch_rec_el1_sync_out(rec);
	rec->el1.esr_el1 = esr;
	rec->el1.far_el1 = far;
	rec->el1.elr_el1 = rec->regs.pc;
	rec->el1.spsr_el1 = rec->regs.pstate;
	rec->regs.pc = rec->el1.vbar_el1 + vector_offset(rec);
	rec->regs.pstate = el1_entry_pstate(rec);
	arch_rec_el1_sync_in(rec);
}

/* Realm EL0, AArch64 or AArch32: the exception comes from a lower EL. */
static bool from_el0(const struct rec *rec)
{
	return rec_in_aarch32(rec) || (rec->regs.pstate & PSTATE_M_MASK) == PSTATE_EL0T;
}

static uint64_t sea_esr(const struct rec *rec, bool instruction)
{
	uint64_t ec = instruction ? (from_el0(rec) ? EC_IABORT_LOWER : EC_IABORT_CUR)
				  : (from_el0(rec) ? EC_DABORT_LOWER : EC_DABORT_CUR);

	return (ec << ESR_EC_SHIFT) | ESR_IL | FSC_SEA;
}

void realm_inject_sea(struct rec *rec, uint64_t far, bool instruction)
{
	inject(rec, sea_esr(rec, instruction), far);
}

void realm_inject_sea_far_unknown(struct rec *rec, bool instruction)
{
	inject(rec, sea_esr(rec, instruction) | ESR_FNV, 0);
}

void realm_inject_undef(struct rec *rec)
{
	inject(rec, (EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL, 0);
}
