/*
 * RMI_REC_ENTER (spec 2.4, failure order 1-12): check, complete what the
 * last exit left for the host, run the REC until an exit the host must
 * see, and report it through RmiRecExit.
 */
#include <rmm/rmi.h>

#include <stddef.h>
#include <string.h>

#include <atoll/rmi.h>
#include <atoll/rsi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/realm.h>
#include <rmm/realm_exit.h>
#include <rmm/rec.h>
#include <rmm/rsi.h>

#define ENTER_FLAGS_KNOWN	0x1FULL
#define GIC_HCR_ALLOWED		((0x7FULL << 1) | (1ULL << 14))	/* UIE..VGrp1DIE, TDIR */
#define GIC_HCR_EOICOUNT	(0x1FULL << 27)
#define LR_STATE_SHIFT		62
#define LR_HW			(1ULL << 61)
#define LR_PINTID_MASK		(0x1FFFULL << 32)
#define LR_PINTID_EOI		(1ULL << 41)
#define LR_VINTID_MASK		0xFFFFFFFFULL
#define LR_PRIORITY_SHIFT	48
#define ESR_SRT_SHIFT		16
#define ESR_SSE			(1ULL << 21)
#define ESR_SAS_SHIFT		22
#define ESR_SF			(1ULL << 15)
#define ESR_WNR			(1ULL << 6)

/* The RmiRecEnter fields the RMM reads. */
struct rec_enter_in {
	uint64_t flags;
	uint64_t gprs[RMI_REC_RUN_GPRS];
	uint64_t gicv3_hcr;
	uint64_t gicv3_lrs[RMI_REC_GIC_LRS];
};

static bool read_enter(uint64_t run_pa, struct rec_enter_in *in)
{
	return arch_ns_read(&in->flags, run_pa, sizeof(in->flags)) &&
	       arch_ns_read(in->gprs, run_pa + 0x200U, sizeof(in->gprs)) &&
	       arch_ns_read(&in->gicv3_hcr, run_pa + 0x300U,
			    sizeof(in->gicv3_hcr) + sizeof(in->gicv3_lrs));
}

/*
 * 0..1019 or 8192..max (spec 2.4 REC_ENTER step 9), max given by the
 * virtual INTID width the CPU implements (16 or 24 bits).
 */
static bool vintid_valid(uint64_t v, unsigned int vintid_bits)
{
	return v <= 1019U || (v >= 8192U && v < (1ULL << vintid_bits));
}

/*
 * The priority field's low bits the GIC does not implement are RES0
 * (8 - ICH_VTR_EL2.PRIbits - 1 of them): a host must not hand them in.
 */
static uint64_t lr_priority_res0(unsigned int pri_bits)
{
	return ((1ULL << (8U - pri_bits)) - 1U) << LR_PRIORITY_SHIFT;
}

/* Step 9: list registers the host hands in must describe virtual interrupts sanely. */
static bool gic_state_valid(const struct rec_enter_in *in, const struct arch_features *f)
{
	unsigned int num_lrs = f->gic_num_lrs + 1U;
	uint64_t priority_res0 = lr_priority_res0(f->gic_pri_bits);

	if ((in->gicv3_hcr & ~GIC_HCR_ALLOWED) != 0U)
		return false;
	for (unsigned int i = 0; i < num_lrs && i < RMI_REC_GIC_LRS; i++) {
		uint64_t lr = in->gicv3_lrs[i];

		if ((lr >> LR_STATE_SHIFT) == 0U)
			continue;
		if ((lr & LR_HW) != 0U || (lr & LR_PINTID_MASK & ~LR_PINTID_EOI) != 0U ||
		    (lr & priority_res0) != 0U ||
		    !vintid_valid(lr & LR_VINTID_MASK, f->gic_vintid_bits))
			return false;
		for (unsigned int j = 0; j < i; j++) {
			if ((in->gicv3_lrs[j] >> LR_STATE_SHIFT) != 0U &&
			    (in->gicv3_lrs[j] & LR_VINTID_MASK) == (lr & LR_VINTID_MASK))
				return false;
		}
	}
	return true;
}

/* Steps 5 to 11, with the REC locked. */
static uint64_t rec_enter_check(const struct rec *rec, const struct rd *rd,
				const struct rec_enter_in *in, const struct arch_features *f)
{
	enum realm_state state = __atomic_load_n(&rd->state, __ATOMIC_ACQUIRE);

	if (state == REALM_NEW)
		return RMI_STATUS(RMI_ERROR_REALM, 0);
	if (state == REALM_SYSTEM_OFF)
		return RMI_STATUS(RMI_ERROR_REALM, 1);
	if (!rec->runnable || rec->psci.pending)
		return RMI_ERROR_REC;
	if (!gic_state_valid(in, f))
		return RMI_ERROR_REC;
	if ((in->flags & REC_ENTER_FLAG_INJECT_SEA) != 0U && !rec->last_exit.unprotected_abort)
		return RMI_ERROR_REC;
	if ((in->flags & REC_ENTER_FLAG_EMULATED_MMIO) != 0U &&
	    (in->flags & REC_ENTER_FLAG_INJECT_SEA) == 0U && !rec->last_exit.emulatable_mmio)
		return RMI_ERROR_REC;
	return RMI_SUCCESS;
}

/* Finishes an emulated MMIO read (value into Rt) or write; the PC moves on. */
static void complete_mmio(struct rec *rec, uint64_t value)
{
	uint64_t esr = rec->last_exit.esr;
	unsigned int rt = (unsigned int)((esr >> ESR_SRT_SHIFT) & 0x1FU);
	unsigned int bits = 8U << ((esr >> ESR_SAS_SHIFT) & 3U);

	if ((esr & ESR_WNR) == 0U && rt != 31U) {
		if (bits < 64U) {
			value &= (1ULL << bits) - 1U;
			if ((esr & ESR_SSE) != 0U && (value >> (bits - 1U)) != 0U)
				value |= ~((1ULL << bits) - 1U);
		}
		if ((esr & ESR_SF) == 0U)
			value &= 0xFFFFFFFFULL;
		rec->regs.x[rt] = value;
	}
	rec->regs.pc += 4U;
}

/* What the previous exit left for this entry to finish (spec 2.4 REC_ENTER). */
static void complete_last_exit(struct rec_run_ctx *ctx, const struct rec_enter_in *in)
{
	struct rec *rec = ctx->rec;

	if ((in->flags & REC_ENTER_FLAG_INJECT_SEA) != 0U)
		realm_inject_sea(rec, rec->last_exit.far, false);
	else if ((in->flags & REC_ENTER_FLAG_EMULATED_MMIO) != 0U)
		complete_mmio(rec, in->gprs[0]);
	if (rec->last_exit.ripas_change)
		rsi_ipa_state_set_complete(rec,
					   (in->flags & REC_ENTER_FLAG_RIPAS_RESPONSE) != 0U);
	if (rec->last_exit.host_call)
		rsi_host_call_complete(ctx, in->gprs);
	rec->last_exit.emulatable_mmio = false;
	rec->last_exit.unprotected_abort = false;
}

/* Timers, GIC state and PMU status: reported on every exit. */
static void fill_common_exit(struct rmi_rec_exit *exit, const struct rec *rec,
			     const struct realm_gic_state *gic)
{
	exit->gicv3_hcr = gic->hcr & (GIC_HCR_EOICOUNT | GIC_HCR_ALLOWED);
	memcpy(exit->gicv3_lrs, gic->lrs, sizeof(exit->gicv3_lrs));
	exit->gicv3_misr = gic->misr;
	exit->gicv3_vmcr = gic->vmcr;
	exit->cntp_ctl = rec->el1.cntp_ctl;
	exit->cntp_cval = rec->el1.cntp_cval;
	exit->cntv_ctl = rec->el1.cntv_ctl;
	exit->cntv_cval = rec->el1.cntv_cval;
	exit->pmu_ovf_status = rec_pmu_overflow_active(rec) ? 1U : 0U;
}

static void run_rec(struct rec_run_ctx *ctx, const struct rec_enter_in *in)
{
	struct realm_run_config cfg = {
		ctx->rd->s2.rtt_base, ctx->rd->s2.start_level, ctx->rd->s2.s2sz, ctx->rd->s2.vmid,
		ctx->rd->s2.lpa2,
		(in->flags & REC_ENTER_FLAG_TRAP_WFI) != 0U, (in->flags & REC_ENTER_FLAG_TRAP_WFE) != 0U,
	};
	/* The host's list registers and controls, with the REC's own VMCR and APRs. */
	struct rec *rec = ctx->rec;
	struct realm_gic_state *gic = &rec->gic;
	struct realm_exit_syndrome syn;

	gic->hcr = in->gicv3_hcr;
	memcpy(gic->lrs, in->gicv3_lrs, sizeof(gic->lrs));
	/*
	 * The REC's state stays loaded over the exits the RMM answers itself;
	 * an SEA injected for the last exit goes into the loaded registers.
	 */
	arch_rec_load(rec, &cfg, gic);
	complete_last_exit(ctx, in);
	while (!ctx->to_host) {
		/*
		 * A timer output that changed since the last exit reported it
		 * (it fired while the host ran, or the realm changed it in a call
		 * the RMM answered) is an IRQ exit before the realm runs: the
		 * host turns it into a virtual interrupt (spec 3.4).
		 */
		if (arch_rec_timer_outputs(rec) != rec->last_exit.timer_outputs) {
			ctx->exit->exit_reason = RMI_EXIT_IRQ;
			break;
		}
		arch_rec_run(rec, &syn);
		ctx->replay = false;
		realm_handle_exit(ctx, &syn);
	}
	arch_rec_unload(rec, gic);
	fill_common_exit(ctx->exit, rec, gic);
}

/*
 * The RmiRecExit fields (spec table 3.3) as byte ranges, neighbours merged:
 * the host gets every field of every exit, zero where the exit sets none.
 * The per-CPU exit buffer is all zero between REC_ENTERs (writing it out
 * clears it), and its reserved bytes are never set, so an exit costs its
 * 63 words, not a clear and a copy of 256.
 */
#define EXIT_RANGE(first, last)                                                   \
	{ offsetof(struct rmi_rec_exit, first),                                   \
	  offsetof(struct rmi_rec_exit, last) + sizeof(((struct rmi_rec_exit *)0)->last) - \
		  offsetof(struct rmi_rec_exit, first) }
static const struct arch_ns_range exit_ranges[] = {
	EXIT_RANGE(exit_reason, exit_reason), EXIT_RANGE(esr, hpfar),
	EXIT_RANGE(gprs, gicv3_vmcr),	/* with the 8 reserved bytes at 0x2F8 */
	EXIT_RANGE(cntp_ctl, cntv_cval), EXIT_RANGE(ripas_base, ripas_value),
	EXIT_RANGE(imm, imm), EXIT_RANGE(pmu_ovf_status, pmu_ovf_status),
};

void rmi_rec_enter(const uint64_t *args, struct rmi_result *res)
{
	/* 2 KB each, not on the stack; all zero between calls (exit_ranges). */
	static struct rmi_rec_exit exits[RMM_MAX_CPUS];
	uint64_t rec_pa = args[0], run_pa = args[1];
	struct rmi_rec_exit *exit = &exits[arch_cpu_index()];
	struct rec_enter_in in;
	struct granule *g_rec;
	struct rec_run_ctx ctx;

	res->x[0] = RMI_ERROR_INPUT;
	if (!granule_pa_in_state(run_pa, GRANULE_STATE_UNDELEGATED))
		return;
	g_rec = granule_find_lock(rec_pa, GRANULE_STATE_REC);
	if (g_rec == NULL)
		return;
	ctx.rec = rec_from_granule(g_rec);
	ctx.g_rd = granule_find(ctx.rec->rd_pa);
	ctx.rd = rd_from_granule(ctx.g_rd);
	if (rec_is_running(ctx.rec))
		res->x[0] = RMI_ERROR_REC;
	else if (!read_enter(run_pa, &in))
		res->x[0] = RMI_ERROR_INPUT;
	else
		res->x[0] = rec_enter_check(ctx.rec, ctx.rd, &in, arch_features());
	if (res->x[0] != RMI_SUCCESS) {
		granule_unlock(g_rec);
		return;
	}
	/* RUNNING keeps every other command off this REC; its lock is not held while it runs. */
	__atomic_store_n(&ctx.rec->state, REC_RUNNING, __ATOMIC_RELEASE);
	granule_unlock(g_rec);

	ctx.exit = exit;
	ctx.to_host = false;
	ctx.replay = false;
	run_rec(&ctx, &in);

	/*
	 * The timer outputs the host was told of: not those of an exit it never
	 * received (its run granule left the NS PAS while the realm ran), so
	 * that the next entry reports a change again.
	 */
	if (arch_ns_write_ranges_clear(run_pa + offsetof(struct rmi_rec_run, exit), exit,
				       exit_ranges, sizeof(exit_ranges) / sizeof(exit_ranges[0])))
		ctx.rec->last_exit.timer_outputs =
			(uint8_t)rec_timer_outputs(ctx.rec->el1.cntv_ctl, ctx.rec->el1.cntp_ctl);
	else
		res->x[0] = RMI_ERROR_INPUT;
	__atomic_store_n(&ctx.rec->state, REC_READY, __ATOMIC_RELEASE);
}
