/*
 * What a realm exception means (spec 3.4): handled in the RMM and resumed,
 * or reported to the host through RmiRecExit with only what the spec lets
 * the host see.
 */
#include <rmm/realm_exit.h>

#include <atoll/rsi.h>
#include <rmm/log.h>

#define ESR_EC(esr)		(((esr) >> 26) & 0x3FU)
#define EC_WFX			0x01U
#define EC_HVC64		0x16U
#define EC_SMC64		0x17U
#define EC_SYSREG		0x18U
#define EC_IABORT_LOWER		0x20U
#define EC_DABORT_LOWER		0x24U

#define ESR_EC_MASK		(0x3FULL << 26)
#define ESR_ISV			(1ULL << 24)
#define ESR_SAS_MASK		(3ULL << 22)
#define ESR_SAS_SHIFT		22
#define ESR_SSE			(1ULL << 21)
#define ESR_SRT_SHIFT		16
#define ESR_SF			(1ULL << 15)
#define ESR_SET_MASK		(3ULL << 11)
#define ESR_FNV			(1ULL << 10)
#define ESR_EA			(1ULL << 9)
#define ESR_WNR			(1ULL << 6)
#define ESR_FSC_MASK		0x3FULL
#define ESR_WFX_TI_MASK		3ULL
#define ESR_SERROR_KEEP		((1ULL << 24) | (7ULL << 10) | (1ULL << 9) | 0x3FULL) /* IDS AET EA DFSC */

/* What the host may see of an emulatable data abort, and of other aborts. */
#define ESR_EMULATABLE_KEEP	(ESR_EC_MASK | ESR_ISV | ESR_SAS_MASK | ESR_SF | ESR_WNR | \
				 ESR_SET_MASK | ESR_FNV | ESR_EA | ESR_FSC_MASK)
#define ESR_ABORT_KEEP		(ESR_EC_MASK | ESR_SET_MASK | ESR_FNV | ESR_EA | ESR_FSC_MASK)

#define SYSREG_READ		1ULL
#define SYSREG_RT_SHIFT		5

static uint64_t fault_ipa(const struct realm_exit_syndrome *syn)
{
	/* HPFAR_EL2.FIPA holds IPA[51:12] from bit 4; FAR gives the page offset. */
	return ((syn->hpfar >> 4) << 12) | (syn->far & (GRANULE_SIZE - 1U));
}

static void exit_sync(struct rec_run_ctx *ctx, uint64_t esr, uint64_t far, uint64_t hpfar)
{
	ctx->exit->exit_reason = RMI_EXIT_SYNC;
	ctx->exit->esr = esr;
	ctx->exit->far = far;
	ctx->exit->hpfar = hpfar;
	ctx->to_host = true;
}

/* The value a store writes, masked to the access size (XZR reads as 0). */
static uint64_t store_value(const struct rec *rec, uint64_t esr)
{
	unsigned int rt = (unsigned int)((esr >> ESR_SRT_SHIFT) & 0x1FU);
	unsigned int size = 8U << ((esr & ESR_SAS_MASK) >> ESR_SAS_SHIFT);
	uint64_t v = rt == 31U ? 0U : rec->regs.x[rt];

	return size == 64U ? v : v & ((1ULL << size) - 1U);
}

static void handle_unprotected_abort(struct rec_run_ctx *ctx, const struct realm_exit_syndrome *syn)
{
	struct rec *rec = ctx->rec;

	rec->last_exit.unprotected_abort = true;
	rec->last_exit.far = syn->far;
	/* Emulatable means ISV = 1 from AArch64 (spec 3.4): AArch32 loads and stores are not. */
	if ((syn->esr & ESR_ISV) != 0U && !rec_in_aarch32(rec)) {
		rec->last_exit.emulatable_mmio = true;
		rec->last_exit.esr = syn->esr;
		exit_sync(ctx, syn->esr & ESR_EMULATABLE_KEEP, syn->far & (GRANULE_SIZE - 1U),
			  syn->hpfar);
		if ((syn->esr & ESR_WNR) != 0U)
			ctx->exit->gprs[0] = store_value(rec, syn->esr);
		return;
	}
	exit_sync(ctx, syn->esr & ESR_ABORT_KEEP, 0, syn->hpfar);
}

static void no_access(void *va, void *arg)
{
	(void)va;
	(void)arg;
}

/*
 * Synchronous external aborts: FSC 0x10, or on a translation table walk
 * 0x13 (level -1) to 0x17 (level 3). With FEAT_RAS, SET (ESR bits 12:11) of
 * FSC 0x10 says what the error left behind; elsewhere it is RES0.
 */
#define FSC_SEA			0x10U
#define FSC_SEA_TTW_FIRST	0x13U
#define FSC_SEA_TTW_LAST	0x17U
#define ESR_SET(esr)		(((esr) >> 11) & 3U)
#define SET_RECOVERABLE		0U	/* UER */
#define SET_UNCONTAINABLE	2U	/* UC */
#define SET_RESTARTABLE		3U	/* UEO */

static bool is_external_abort(uint64_t esr)
{
	unsigned int fsc = (unsigned int)(esr & ESR_FSC_MASK);

	return fsc == FSC_SEA || (fsc >= FSC_SEA_TTW_FIRST && fsc <= FSC_SEA_TTW_LAST);
}

/*
 * Spec 3.4: a recoverable one is injected into the realm and reported; a
 * restartable one is reported and the realm runs the instruction again; an
 * uncontainable one (or SET's reserved value) stops the system. The host
 * gets the syndrome only: HPFAR_EL2 is UNKNOWN for an external abort, and
 * FAR means nothing to it without the IPA.
 */
static void handle_external_abort(struct rec_run_ctx *ctx, const struct realm_exit_syndrome *syn,
				  bool instruction)
{
	switch (ESR_SET(syn->esr)) {
	case SET_RECOVERABLE:
		if ((syn->esr & ESR_FNV) != 0U)
			realm_inject_sea_far_unknown(ctx->rec, instruction);
		else
			realm_inject_sea(ctx->rec, syn->far, instruction);
		exit_sync(ctx, syn->esr & ESR_ABORT_KEEP, 0, 0);
		break;
	case SET_RESTARTABLE:
		exit_sync(ctx, syn->esr & ESR_ABORT_KEEP, 0, 0);
		break;
	default:
		rmm_log("RMM: uncontainable external abort in a realm, ESR %lx\n",
			(unsigned long)syn->esr);
		arch_panic();
	}
}

static void handle_abort(struct rec_run_ctx *ctx, const struct realm_exit_syndrome *syn,
			 bool instruction)
{
	uint64_t ipa = fault_ipa(syn);
	long level;

	if (is_external_abort(syn->esr)) {
		handle_external_abort(ctx, syn, instruction);
		return;
	}
	if (!ipa_in_range(ctx->rd, ipa) || (instruction && !ipa_in_par(ctx->rd, ipa))) {
		realm_inject_sea(ctx->rec, syn->far, instruction);
		return;
	}
	if (!ipa_in_par(ctx->rd, ipa)) {
		handle_unprotected_abort(ctx, syn);
		return;
	}
	if (realm_page_access(ctx, ipa, no_access, NULL, &level) == REALM_PAGE_EMPTY) {
		realm_inject_sea(ctx->rec, syn->far, instruction);
		return;
	}
	/* RAM or DESTROYED without a valid mapping: the host has to act. */
	exit_sync(ctx, syn->esr & ESR_ABORT_KEEP, 0, syn->hpfar);
}

#define SYSREG_OP0(esr)		(((esr) >> 20) & 3U)
#define SYSREG_OP2(esr)		(((esr) >> 17) & 7U)
#define SYSREG_OP1(esr)		(((esr) >> 14) & 7U)
#define SYSREG_CRN(esr)		(((esr) >> 10) & 0xFU)
#define SYSREG_CRM(esr)		(((esr) >> 1) & 0xFU)

/* Features a realm is not offered, hidden from its ID registers (SVE unless it has it). */
#define ID_PFR0_SVE		(0xFULL << 32)
#define ID_PFR0_HIDDEN		((0xFULL << 40) | (0xFULL << 44) | (0xFULL << 52))
/* ID_AA64PFR1_EL1: MTE, MPAM_frac, SME, MTE_frac, MTEX. */
#define ID_PFR1_HIDDEN		((0xFULL << 8) | (0xFULL << 16) | (0xFULL << 24) | (0xFULL << 40) | \
				 (0xFULL << 52))
/* ID_AA64PFR2_EL1: MTEPERM, MTESTOREONLY, MTEFAR. */
#define ID_PFR2_HIDDEN		0xFFFULL
/*
 * What the RMM traps for realms (rmm/arch/aarch64/realm_run.c): TraceVer,
 * PMSVer (SPE), TraceFilt, TraceBuffer and BRBE; PMUVer unless the realm
 * has the PMU.
 */
#define ID_DFR0_PMUVER		(0xFULL << 8)
#define ID_DFR0_HIDDEN		((0xFULL << 4) | (0xFULL << 32) | (0xFULL << 40) | (0xFULL << 44) | \
				 (0xFULL << 52))

/* ID_AA64DFR0_EL1 debug counts, each minus one: breakpoints, watchpoints, context-aware ones. */
#define ID_DFR0_BRPS_SHIFT	12
#define ID_DFR0_WRPS_SHIFT	20
#define ID_DFR0_CTX_CMPS_SHIFT	28
#define ID_DFR0_COUNTS		((0xFULL << ID_DFR0_BRPS_SHIFT) | (0xFULL << ID_DFR0_WRPS_SHIFT) | \
				 (0xFULL << ID_DFR0_CTX_CMPS_SHIFT))

/*
 * ID_AA64DFR0_EL1 with the breakpoint and watchpoint counts the host chose
 * at REALM_CREATE (docs/realms.md: their registers read as zero). The
 * context-aware breakpoints are the highest-numbered ones, so they are no
 * more than the breakpoints.
 */
static uint64_t realm_dfr0(const struct rd *rd, uint64_t v)
{
	uint64_t ctx_cmps = (v >> ID_DFR0_CTX_CMPS_SHIFT) & 0xFU;

	if (ctx_cmps > rd->num_bps)
		ctx_cmps = rd->num_bps;
	if (!rd->cpu.pmu)
		v &= ~ID_DFR0_PMUVER;
	return (v & ~(ID_DFR0_HIDDEN | ID_DFR0_COUNTS)) |
	       ((uint64_t)rd->num_bps << ID_DFR0_BRPS_SHIFT) |
	       ((uint64_t)rd->num_wps << ID_DFR0_WRPS_SHIFT) | (ctx_cmps << ID_DFR0_CTX_CMPS_SHIFT);
}

/*
 * ID_AA64* registers as the realm sees them: no SME, MPAM, AMU, RME or MTE;
 * SVE and the PMU only when REALM_CREATE gave them.
 */
static uint64_t realm_id_reg(const struct rd *rd, unsigned int crm, unsigned int op2)
{
	uint64_t v = arch_read_id_reg(crm, op2);

	if (crm == 4U && op2 == 0U)
		return v & ~(ID_PFR0_HIDDEN | (rd->cpu.sve ? 0U : ID_PFR0_SVE));
	if (crm == 4U && op2 == 1U)
		return v & ~ID_PFR1_HIDDEN;
	if (crm == 4U && op2 == 2U)
		return v & ~ID_PFR2_HIDDEN;
	if (crm == 4U && op2 == 4U)
		return rd->cpu.sve ? v : 0U;	/* ID_AA64ZFR0_EL1 */
	if (crm == 4U && op2 == 5U)
		return 0;	/* ID_AA64SMFR0_EL1 */
	if (crm == 5U && op2 == 0U)
		return realm_dfr0(rd, v);
	return v;
}

/*
 * GIC CPU-interface writes that trap: ICC_SGI1R/ASGI1R/SGI0R_EL1 (op2 5, 6,
 * 7) always, ICC_DIR_EL1 (op2 1) when the host set TDIR. All are op0 3,
 * op1 0, CRn 12, CRm 11.
 */
static bool sysreg_for_host(uint64_t esr)
{
	unsigned int op2 = SYSREG_OP2(esr);

	return (esr & SYSREG_READ) == 0U && SYSREG_OP0(esr) == 3U && SYSREG_OP1(esr) == 0U &&
	       SYSREG_CRN(esr) == 12U && SYSREG_CRM(esr) == 11U && (op2 == 1U || op2 >= 5U);
}

/*
 * The MTE registers trap while HCR_EL2.ATA is 0 (FEAT_MTE2): GCR_EL1 and
 * RGSR_EL1 (CRn 1, CRm 0, op2 6 and 5), TFSR_EL1 and TFSRE0_EL1 (CRn 5,
 * CRm 6, op2 0 and 1). A realm is offered no MTE, so they are UNDEFINED to
 * it, as on a CPU without the feature.
 */
static bool sysreg_is_mte(uint64_t esr)
{
	unsigned int crn = SYSREG_CRN(esr), crm = SYSREG_CRM(esr), op2 = SYSREG_OP2(esr);

	if (SYSREG_OP0(esr) != 3U || SYSREG_OP1(esr) != 0U)
		return false;
	return (crn == 1U && crm == 0U && (op2 == 5U || op2 == 6U)) ||
	       (crn == 5U && crm == 6U && op2 <= 1U);
}

/*
 * Trapped system registers (spec 3.4): GIC register writes go to the host
 * (full ESR, the value in gprs[0], the PC already advanced); ID registers
 * are emulated; MTE registers are UNDEFINED; trapped PMU and debug
 * registers read as zero and ignore writes.
 */
static void handle_sysreg(struct rec_run_ctx *ctx, uint64_t esr)
{
	struct rec *rec = ctx->rec;
	unsigned int rt = (unsigned int)((esr >> SYSREG_RT_SHIFT) & 0x1FU);
	uint64_t value = 0;

	if (sysreg_is_mte(esr)) {
		realm_inject_undef(rec);
		return;
	}
	rec->regs.pc += 4U;
	if (sysreg_for_host(esr)) {
		exit_sync(ctx, esr, 0, 0);
		ctx->exit->gprs[0] = rt == 31U ? 0U : rec->regs.x[rt];
		return;
	}
	if (SYSREG_OP0(esr) == 3U && SYSREG_OP1(esr) == 0U && SYSREG_CRN(esr) == 0U &&
	    SYSREG_CRM(esr) != 0U)
		value = realm_id_reg(ctx->rd, SYSREG_CRM(esr), SYSREG_OP2(esr));
	if ((esr & SYSREG_READ) != 0U && rt != 31U)
		rec->regs.x[rt] = value;
}

/*
 * RSI calls that hash (MEASUREMENT_EXTEND; ATTEST_TOKEN_INIT and _CONTINUE,
 * which hash the RAK and the token; Atoll's SEALING_KEY, HKDF-SHA-256). The
 * SHA instructions use the SIMD registers, which hold the realm's own while
 * it is loaded: those are saved around them. No other RSI or PSCI handler
 * touches the SIMD registers (the RMM is built with general registers only,
 * apart from mbedTLS's SHA-256 and SHA-512).
 */
static bool rsi_hashes(const struct rec *rec)
{
	uint32_t fid = realm_smc_fid(rec);

	/* Three consecutive function numbers: one compare; then the vendor sealing call. */
	_Static_assert(RSI_ATTEST_TOKEN_INIT == RSI_MEASUREMENT_EXTEND + 1U &&
		       RSI_ATTEST_TOKEN_CONTINUE == RSI_MEASUREMENT_EXTEND + 2U, "RSI FIDs");
	return fid - RSI_MEASUREMENT_EXTEND <= 2U || fid == RSI_ATOLL_SEALING_KEY;
}

static void handle_sync(struct rec_run_ctx *ctx, const struct realm_exit_syndrome *syn)
{
	struct rec *rec = ctx->rec;

	switch (ESR_EC(syn->esr)) {
	case EC_SMC64:
		if (rsi_hashes(rec)) {
			arch_rec_simd_begin(rec);
			rsi_dispatch(ctx);
			arch_rec_simd_end(rec);
		} else {
			rsi_dispatch(ctx);
		}
		break;
	case EC_WFX:
		rec->regs.pc += 4U;
		exit_sync(ctx, (syn->esr & ESR_EC_MASK) | (syn->esr & ESR_WFX_TI_MASK), 0, 0);
		break;
	case EC_DABORT_LOWER:
		handle_abort(ctx, syn, false);
		break;
	case EC_IABORT_LOWER:
		handle_abort(ctx, syn, true);
		break;
	case EC_SYSREG:
		handle_sysreg(ctx, syn->esr);
		break;
	case EC_HVC64:
		/* HVC is not an RSI conduit; its preferred return is after it. */
		rec->regs.pc -= 4U;
		realm_inject_undef(rec);
		break;
	default:
		realm_inject_undef(rec);
		break;
	}
}

void realm_handle_exit(struct rec_run_ctx *ctx, const struct realm_exit_syndrome *syn)
{
	switch (syn->kind) {
	case REALM_EXC_SYNC:
		handle_sync(ctx, syn);
		break;
	case REALM_EXC_IRQ:
		ctx->exit->exit_reason = RMI_EXIT_IRQ;
		ctx->to_host = true;
		break;
	case REALM_EXC_FIQ:
		ctx->exit->exit_reason = RMI_EXIT_FIQ;
		ctx->to_host = true;
		break;
	default:
		ctx->exit->exit_reason = RMI_EXIT_SERROR;
		ctx->exit->esr = syn->esr & (ESR_EC_MASK | ESR_SERROR_KEEP);
		ctx->to_host = true;
		break;
	}
}

void realm_system_off(struct rec_run_ctx *ctx)
{
	granule_lock(ctx->g_rd);
	__atomic_store_n(&ctx->rd->state, REALM_SYSTEM_OFF, __ATOMIC_RELEASE);
	granule_unlock(ctx->g_rd);
}
