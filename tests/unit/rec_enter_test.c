/*
 * RMI_REC_ENTER against spec 2.4 (failure conditions in order) and 3.3/3.4
 * (what each exit reports and how the next entry completes it), with
 * scripted realms (realm_script.h).
 */
#include <string.h>

#include "realm_script.h"
#include "unchanged.h"

#define REALM_NEW_ERR		RMI_STATUS(RMI_ERROR_REALM, 0)
#define REALM_OFF_ERR		RMI_STATUS(RMI_ERROR_REALM, 1)
#define EXIT_PATTERN		0xEE

/* The exit half of the run granule is filled with a pattern a failing entry must keep. */
static void poison_exit(const struct rs_realm *rr)
{
	memset(&rs_run(rr)->exit, EXIT_PATTERN, sizeof(struct rmi_rec_exit));
}

static void assert_exit_untouched(const struct rs_realm *rr)
{
	static uint8_t pattern[sizeof(struct rmi_rec_exit)];

	memset(pattern, EXIT_PATTERN, sizeof(pattern));
	assert_memory_equal(&rs_run(rr)->exit, pattern, sizeof(pattern));
}

/* REC_ENTER fails with expect and changes neither the REC's registers nor RmiRecExit. */
static void assert_enter_fails(const struct rs_realm *rr, unsigned int i, uint64_t flags,
			       uint64_t expect)
{
	struct rec_regs before = rs_rec(rr, i)->regs;
	unsigned int ran = rs_steps_run();

	poison_exit(rr);
	assert_int_equal(rs_enter(rr, i, flags), expect);
	assert_exit_untouched(rr);
	assert_memory_equal(&rs_rec(rr, i)->regs, &before, sizeof(before));
	assert_int_equal(rs_steps_run(), ran);
}

/* ---- Steps 1 and 2: run_ptr and rec, on the lifecycle tests' world --------------------- */

/* The world's REC, its realm activated and the realm script installed. */
static void world_active(struct fx_world *w)
{
	fx_obj(w, FX_K_REC);
	fx_realm_activate(&w->realm);
	rs_reset();
}

static uint64_t enter_with_run(struct fx_world *w, uint64_t run)
{
	return fx_x0(RMI_REC_ENTER, w->rec.rec, run, 0, 0, 0);
}

/* A valid run granule whose enter half has an invalid GIC state (step 9 would fail). */
static uint64_t enter_with_rec(struct fx_world *w, uint64_t rec)
{
	uint64_t run = unit_ns_granule();
	struct rmi_rec_run *p = host_pa_ptr(run);

	(void)w;
	memset(p, 0, sizeof(*p));
	p->enter.gicv3_hcr = 1ULL << 8;
	p->enter.gicv3_lrs[0] = (1ULL << 62) | (1ULL << 61) | 40U;
	return fx_x0(RMI_REC_ENTER, rec, run, 0, 0, 0);
}

static const struct fx_slot run_slot = { .prepare = world_active, .call = enter_with_run };
static const struct fx_slot rec_slot = { .prepare = world_active, .call = enter_with_rec };

/* ---- Step 1 before steps 5, 6 and 7 (order checked) ---------------------------------- */

enum bad_run { RUN_UNALIGNED, RUN_UNTRACKED, RUN_SECURE, RUN_DELEGATED };
enum realm_cond { COND_NEW, COND_SYSTEM_OFF, COND_NOT_RUNNABLE };

struct fx_row {
	enum bad_run run;
	enum realm_cond cond;
};

static uint64_t bad_run_ptr(enum bad_run kind)
{
	uint64_t pa = unit_ns_granule();

	switch (kind) {
	case RUN_UNALIGNED:
		return pa + 8;
	case RUN_UNTRACKED:
		return UNIT_BANK_BASE - GRANULE_SIZE;
	case RUN_SECURE:
		host_gpt_set(pa, HOST_PAS_ROOT);
		return pa;
	case RUN_DELEGATED:
		assert_int_equal(fx_delegate(pa), RMI_SUCCESS);
		return pa;
	}
	return pa;
}

/* Realm 0's REC 0 NEW, SYSTEM_OFF (after a scripted SYSTEM_OFF) or not runnable. */
static void realm_in(struct rs_realm *rr, enum realm_cond cond)
{
	rs_realm_opts(rr, &(struct rs_opts){ .stay_new = cond == COND_NEW,
					     .rec0_not_runnable = cond == COND_NOT_RUNNABLE });
	if (cond == COND_SYSTEM_OFF) {
		rs_smc(PSCI_SYSTEM_OFF, 0);
		rs_enter_exit(rr, 0, 0, RMI_EXIT_PSCI);
	}
}

static void rec_enter_bad_run_row(void **state)
{
	const struct fx_row *row = *state;
	struct rs_realm rr;

	realm_in(&rr, row->cond);
	assert_int_equal(fx_x0(RMI_REC_ENTER, rr.rec[0].rec, bad_run_ptr(row->run), 0, 0, 0),
			 INPUT);
	/* The condition itself is what a valid run_ptr gets. */
	assert_int_equal(rs_enter(&rr, 0, 0), row->cond == COND_NEW ? REALM_NEW_ERR
					      : row->cond == COND_SYSTEM_OFF ? REALM_OFF_ERR : REC_ERR);
}

#define BAD_RUN(name, ...) FX_ROW(rec_enter_##name, rec_enter_bad_run_row, __VA_ARGS__)

/* ---- Steps 3 to 8 ------------------------------------------------------------------- */

static struct rs_realm *running;	/* the realm whose REC 0 a hook sees RUNNING */

static void calls_while_running(struct rec_regs *regs)
{
	uint64_t other_run = unit_ns_granule();
	const struct fx_rec *c = &running->rec[0];

	(void)regs;
	host_set_cpu(1);
	assert_int_equal(fx_x0(RMI_REC_ENTER, c->rec, other_run, 0, 0, 0), REC_ERR);
	assert_int_equal(fx_x0(RMI_REC_ENTER, c->rec, running->run, 0, 0, 0), REC_ERR);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, c->rec, 0, 0, 0, 0), REC_ERR);
	assert_int_equal(fx_x0(RMI_RTT_SET_RIPAS, running->r.rd, c->rec, RS_RAM,
			       RS_RAM + GRANULE_SIZE, 0),
			 REC_ERR);
	assert_int_equal(fx_x0(RMI_PSCI_COMPLETE, c->rec, running->rec[1].rec, 0, 0, 0), INPUT);
	host_set_cpu(0);
}

/* Step 3: the REC is RUNNING while the realm script runs (another CPU calls). */
static void rec_enter_rec_running(void **state)
{
	/* covers: REC_DESTROY.rec_running, RTT_SET_RIPAS.rec_running */
	/* covers: PSCI_COMPLETE.calling_rec_running */
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2 });
	running = &rr;
	rs_push(REALM_EXC_IRQ, 0, 0, 0)->hook = calls_while_running;
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 1);
	/* READY again afterwards. */
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, rr.rec[1].rec, 0, 0, 0, 0), RMI_SUCCESS);
}

static void rec_enter_realm_new(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .stay_new = true });
	assert_enter_fails(&rr, 0, 0, REALM_NEW_ERR);
}

/* Step 5 before step 7 (TF-RMM order; not checked by the suite). */
static void rec_enter_realm_new_before_not_runnable(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .stay_new = true, .rec0_not_runnable = true });
	assert_enter_fails(&rr, 0, 0, REALM_NEW_ERR);
}

/* Every REC of a realm that called SYSTEM_OFF gets (REALM, 1), runnable or not. */
static void rec_enter_realm_system_off(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2 });
	rs_smc(PSCI_SYSTEM_OFF, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_PSCI);
	assert_enter_fails(&rr, 0, 0, REALM_OFF_ERR);
	assert_enter_fails(&rr, 1, 0, REALM_OFF_ERR);
	assert_enter_fails(&rr, 0, REC_ENTER_FLAG_INJECT_SEA, REALM_OFF_ERR);
}

static void rec_enter_realm_system_reset(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_smc(PSCI_SYSTEM_RESET, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_PSCI);
	assert_int_equal(rs_run(&rr)->exit.gprs[0], PSCI_SYSTEM_RESET);
	assert_enter_fails(&rr, 0, 0, REALM_OFF_ERR);
}

static void rec_enter_not_runnable(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2 });
	assert_enter_fails(&rr, 1, 0, REC_ERR);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
}

static void rec_enter_psci_pending(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2 });
	rs_smc(PSCI_CPU_ON_64, 1, RS_PC, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_PSCI);
	assert_enter_fails(&rr, 0, 0, REC_ERR);
	assert_int_equal(fx_x0(RMI_PSCI_COMPLETE, rr.rec[0].rec, rr.rec[1].rec, PSCI_RET_SUCCESS,
			       0, 0),
			 RMI_SUCCESS);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
}

/* Step 12: the run granule stops being NS while the realm runs. */
static uint64_t fault_run;

static void run_becomes_secure(struct rec_regs *regs)
{
	(void)regs;
	host_gpt_set(fault_run, HOST_PAS_ROOT);
}

static void rec_enter_exit_write_faults(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	fault_run = rr.run;
	rs_push(REALM_EXC_IRQ, 0, 0, 0)->hook = run_becomes_secure;
	/* The realm ran (and the hook changed the GPT): state changes, by design. */
	unchanged_skip_next_call();
	assert_int_equal(rs_enter(&rr, 0, 0), INPUT);
	host_gpt_set(rr.run, HOST_PAS_NS);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
}

/* ---- Steps 9 to 11: GIC state and flags against the previous exit --------------------- */

enum last_exit {
	LAST_NONE,		/* first entry */
	LAST_IRQ,
	LAST_MMIO_READ,		/* emulatable data abort at an Unprotected IPA */
	LAST_MMIO_WRITE,
	LAST_UNPROT_NO_ISV,	/* data abort at an Unprotected IPA, ISV = 0 */
	LAST_PROT_ABORT,	/* data abort at a Protected RAM IPA without a mapping */
	LAST_MMIO_THEN_IRQ,	/* an MMIO exit, then an IRQ exit */
};

#define LR(state, vintid)	(((uint64_t)(state) << 62) | (1ULL << 60) | (uint64_t)(vintid))
#define LR_HW			(1ULL << 61)
#define LR_PENDING		1U
#define LR_ACTIVE		2U
#define LR_PENDING_ACTIVE	3U
#define LR_PAST_USED		0xFF	/* .lr_at: the first LR past GICV3_NUM_LRS + 1 */

struct gic_row {
	uint64_t hcr;
	uint64_t lr[4];
	unsigned int lr_at;	/* index of lr[3] (default 3) */
	enum last_exit last;
	uint64_t flags;
	uint64_t expect;
};

static void make_last_exit(const struct rs_realm *rr, enum last_exit last)
{
	switch (last) {
	case LAST_NONE:
		return;
	case LAST_IRQ:
		rs_enter_exit(rr, 0, 0, RMI_EXIT_IRQ);
		return;
	case LAST_MMIO_READ:
	case LAST_MMIO_THEN_IRQ:
		rs_abort(RS_ESR_DABT_ISV(2, 3, false), RS_MMIO);
		break;
	case LAST_MMIO_WRITE:
		rs_abort(RS_ESR_DABT_ISV(2, 3, true), RS_MMIO);
		break;
	case LAST_UNPROT_NO_ISV:
		rs_abort(RS_ESR_DABT, RS_MMIO);
		break;
	case LAST_PROT_ABORT:
		rs_abort(RS_ESR_DABT, RS_RAM_UNMAPPED);
		break;
	}
	rs_enter_exit(rr, 0, 0, RMI_EXIT_SYNC);
	if (last == LAST_MMIO_THEN_IRQ)
		rs_enter_exit(rr, 0, 0, RMI_EXIT_IRQ);
}

static unsigned int used_lrs(void)
{
	uint64_t feat = unit_rmi(RMI_FEATURES, 0, 0, 0, 0, 0).x[1];

	return (unsigned int)((feat >> RMI_FEAT0_GICV3_NUM_LRS_SHIFT) & 0xFU) + 1U;
}

static void rec_enter_gic_row(void **state)
{
	const struct gic_row *row = *state;
	struct rmi_rec_enter *in;
	struct rs_realm rr;
	unsigned int at = row->lr_at == 0 ? 3U : row->lr_at;

	rs_realm(&rr);
	make_last_exit(&rr, row->last);
	in = &rs_run(&rr)->enter;
	in->gicv3_hcr = row->hcr;
	if (at == LR_PAST_USED)
		at = used_lrs();
	assert_true(at < RMI_REC_GIC_LRS);
	memcpy(in->gicv3_lrs, row->lr, 3 * sizeof(uint64_t));
	in->gicv3_lrs[at] = row->lr[3];
	if (row->expect != RMI_SUCCESS) {
		assert_enter_fails(&rr, 0, row->flags, row->expect);
		return;
	}
	assert_int_equal(rs_enter(&rr, 0, row->flags), RMI_SUCCESS);
	assert_int_equal(rs_run(&rr)->exit.exit_reason, RMI_EXIT_IRQ);
}

#define GIC(name, ...)	RS_CASE(rec_enter_##name, rec_enter_gic_row, struct gic_row, __VA_ARGS__)
#define GIC_OK		.expect = RMI_SUCCESS
#define GIC_BAD		.expect = REC_ERR
#define HCR_ALLOWED	(0xFEULL | (1ULL << 14))

/* ---- Exits: IRQ, FIQ, SError, WFx --------------------------------------------------- */

/* REC_ENTER zeroes the exit half: nothing but the reason is left from earlier exits. */
static void assert_exit_clean(const struct rmi_rec_exit *e)
{
	static const uint64_t zero[RMI_REC_RUN_GPRS];

	assert_int_equal(e->esr, 0);
	assert_int_equal(e->far, 0);
	assert_int_equal(e->hpfar, 0);
	assert_memory_equal(e->gprs, zero, sizeof(zero));
	assert_int_equal(e->ripas_base, 0);
	assert_int_equal(e->ripas_top, 0);
	assert_int_equal(e->ripas_value, 0);
	assert_int_equal(e->imm, 0);
	assert_int_equal(e->pmu_ovf_status, 0);
}

struct kind_row {
	enum realm_exception kind;
	uint64_t reason;
};

static void rec_enter_exit_kind_row(void **state)
{
	const struct kind_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	poison_exit(&rr);
	rs_push(row->kind, 0, 0, 0);
	rs_enter_exit(&rr, 0, 0, row->reason);
	assert_exit_clean(&rs_run(&rr)->exit);
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC);
}

/* SError: esr keeps EC, IDS, AET, EA and DFSC only. */
static void rec_enter_exit_serror(void **state)
{
	uint64_t esr = RS_EC(0x2F) | 0x1FFFFFFULL;
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_push(REALM_EXC_SERROR, esr, 0x1234, 0x5670);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SERROR);
	assert_int_equal(rs_run(&rr)->exit.esr,
			 RS_EC(0x2F) | (1ULL << 24) | (7ULL << 10) | (1ULL << 9) | 0x3FULL);
	assert_int_equal(rs_run(&rr)->exit.far, 0);
	assert_int_equal(rs_run(&rr)->exit.hpfar, 0);
}

/* WFI (TI 0) and WFE (TI 1): esr = EC 0x01 plus TI, the PC already advanced. */
struct wfx_row {
	uint64_t ti, flag;
};

static void rec_enter_exit_wfx_row(void **state)
{
	const struct wfx_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	rs_push(REALM_EXC_SYNC, RS_EC(0x01) | RS_IL | 0x1FFFFFCULL | row->ti, 0, 0);
	rs_enter_exit(&rr, 0, row->flag, RMI_EXIT_SYNC);
	assert_int_equal(rs_run(&rr)->exit.esr, RS_EC(0x01) | row->ti);
	assert_int_equal(rs_run(&rr)->exit.far, 0);
	assert_int_equal(rs_run(&rr)->exit.hpfar, 0);
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC + 4);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->pc, RS_PC + 4);
}

/* Timers, GIC state and PMU status are reported on every exit. */
static void rec_enter_exit_common_fields(void **state)
{
	struct rmi_rec_enter *in;
	struct rmi_rec_exit *out;
	struct rs_realm rr;
	struct rec *rec;

	(void)state;
	rs_realm(&rr);
	rec = rs_rec(&rr, 0);
	rec->el1.cntp_ctl = 1;
	rec->el1.cntp_cval = 0x1111;
	rec->el1.cntv_ctl = 7;	/* fired but masked: no output, so no IRQ exit first */
	rec->el1.cntv_cval = 0x2222;
	in = &rs_run(&rr)->enter;
	in->gicv3_hcr = HCR_ALLOWED;
	in->gicv3_lrs[0] = LR(LR_PENDING, 27);
	in->gicv3_lrs[1] = LR(LR_ACTIVE, 8200);
	rs_push(REALM_EXC_FIQ, 0, 0, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_FIQ);
	out = &rs_run(&rr)->exit;
	assert_int_equal(out->cntp_ctl, 1);
	assert_int_equal(out->cntp_cval, 0x1111);
	assert_int_equal(out->cntv_ctl, 7);
	assert_int_equal(out->cntv_cval, 0x2222);
	assert_int_equal(out->gicv3_hcr & ~(0x1FULL << 27), HCR_ALLOWED);
	assert_int_equal(out->gicv3_lrs[0], LR(LR_PENDING, 27));
	assert_int_equal(out->gicv3_lrs[1], LR(LR_ACTIVE, 8200));
	assert_int_equal(out->pmu_ovf_status, 0);
}

/* ---- Emulatable data aborts (MMIO) -------------------------------------------------- */

#define MMIO_VALUE	0x8877665544332211ULL
#define ESR_ALL_ISS	0x1FFFFFFULL

/* What the host may see of a data abort ESR: EC ISV SAS SF WnR SET FnV EA DFSC. */
#define EMUL_KEEP	(RS_EC(0x3F) | RS_ISV | RS_SAS(3) | RS_SF | RS_WNR | (3ULL << 11) | \
			 (1ULL << 10) | (1ULL << 9) | 0x3FULL)

/* An MMIO write of size 2^sas bytes from x[rt] = MMIO_VALUE: gprs[0] holds it masked. */
struct write_row {
	unsigned int sas, rt;
	uint64_t expect;
};

static void rec_enter_mmio_write_row(void **state)
{
	const struct write_row *row = *state;
	unsigned int sas = row->sas, rt = row->rt;
	struct rs_realm rr;
	struct rs_step *s;
	struct rmi_rec_exit *e;

	rs_realm(&rr);
	s = rs_abort(RS_ESR_DABT_ISV(sas, rt, true), RS_MMIO + 0xABC);
	if (rt != 31)
		rs_set(s, rt, MMIO_VALUE);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	e = &rs_run(&rr)->exit;
	assert_int_equal(e->esr, RS_ESR_DABT_ISV(sas, rt, true) & EMUL_KEEP);
	assert_int_equal(e->far, 0xABC);
	assert_int_equal(e->hpfar, RS_HPFAR(RS_MMIO));
	assert_int_equal(e->gprs[0], row->expect);
	for (unsigned int i = 1; i < RMI_REC_RUN_GPRS; i++)
		assert_int_equal(e->gprs[i], 0);
	/* Completing the write moves the PC on and changes no register. */
	rs_enter_exit(&rr, 0, REC_ENTER_FLAG_EMULATED_MMIO, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->pc, RS_PC + 4);
	for (unsigned int i = 0; i < 31; i++)
		assert_int_equal(rs_end()->x[i], i == rt ? MMIO_VALUE : 0);
}

/* Every ISS bit set: SRT, SSE, AR and the rest are dropped, ISV, SAS, SF, WnR... kept. */
static void rec_enter_mmio_esr_sanitised(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_abort(RS_EC(0x24) | RS_IL | ESR_ALL_ISS, RS_MMIO + 0xFFF);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	assert_int_equal(rs_run(&rr)->exit.esr, (RS_EC(0x24) | ESR_ALL_ISS) & EMUL_KEEP);
	assert_int_equal(rs_run(&rr)->exit.far, 0xFFF);
}

/* An MMIO read completed by the host: Rt gets the value, extended and truncated. */
struct read_row {
	unsigned int sas, rt;
	bool sse, sf;
	uint64_t value, expect;
};

static void rec_enter_mmio_read_row(void **state)
{
	const struct read_row *row = *state;
	uint64_t esr = RS_EC(0x24) | RS_IL | RS_ISV | RS_SAS(row->sas) | RS_SRT(row->rt) |
		       (row->sse ? RS_SSE : 0U) | (row->sf ? RS_SF : 0U) | RS_FSC_TRANS(3);
	struct rs_realm rr;
	struct rs_step *s;

	rs_realm(&rr);
	s = rs_abort(esr, RS_MMIO + 0x10);
	for (unsigned int i = 0; i < 31; i++)
		rs_set(s, i, 0xDEAD0000ULL + i);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	assert_int_equal(rs_run(&rr)->exit.esr, esr & EMUL_KEEP);
	assert_int_equal(rs_run(&rr)->exit.gprs[0], 0);
	rs_run(&rr)->enter.gprs[0] = row->value;
	rs_run(&rr)->enter.gprs[1] = 0x5555;	/* not used by a read completion */
	rs_enter_exit(&rr, 0, REC_ENTER_FLAG_EMULATED_MMIO, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->pc, RS_PC + 4);
	for (unsigned int i = 0; i < 31; i++)
		assert_int_equal(rs_end()->x[i], i == row->rt ? row->expect : 0xDEAD0000ULL + i);
}

#define READ(name, ...) \
	RS_CASE(rec_enter_mmio_read_##name, rec_enter_mmio_read_row, struct read_row, __VA_ARGS__)

/* Without EMUL_MMIO the access is not completed: the PC stays on it, Rt unchanged. */
static void rec_enter_mmio_read_not_completed(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_set(rs_abort(RS_ESR_DABT_ISV(3, 4, false), RS_MMIO), 4, 0x4444);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	rs_run(&rr)->enter.gprs[0] = 0x1234;
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->pc, RS_PC);
	assert_int_equal(rs_end()->x[4], 0x4444);
}

/* An MMIO exit, then a failed entry (bad GIC): the next good entry still completes it. */
static void rec_enter_mmio_completion_survives_failed_entry(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_abort(RS_ESR_DABT_ISV(3, 9, false), RS_MMIO);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	rs_run(&rr)->enter.gprs[0] = 0x99;
	rs_run(&rr)->enter.gicv3_hcr = 1;
	assert_enter_fails(&rr, 0, REC_ENTER_FLAG_EMULATED_MMIO, REC_ERR);
	rs_run(&rr)->enter.gicv3_hcr = 0;
	rs_enter_exit(&rr, 0, REC_ENTER_FLAG_EMULATED_MMIO, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->x[9], 0x99);
	assert_int_equal(rs_end()->pc, RS_PC + 4);
}

/* ---- Other aborts ------------------------------------------------------------------- */

/* Unprotected IPA without ISV: reported as a non-emulatable abort. */
static void rec_enter_unprotected_abort_no_isv(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_abort(RS_EC(0x24) | RS_IL | (ESR_ALL_ISS & ~RS_ISV), RS_MMIO + 0x44);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	rs_assert_abort_exit(&rr, RS_MMIO);
}

/* Protected IPA, RIPAS RAM or DESTROYED, no valid mapping: the host must act. */
struct abort_row {
	uint64_t esr, ipa;
};

static void rec_enter_protected_abort_row(void **state)
{
	const struct abort_row *row = *state;
	uint64_t esr = row->esr, ipa = row->ipa;
	struct rs_realm rr;
	struct rmi_rec_exit *e;

	rs_realm(&rr);
	rs_abort(esr | ESR_ALL_ISS, ipa + 0x123);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	e = &rs_run(&rr)->exit;
	assert_int_equal(e->esr, (esr & RS_EC(0x3F)) | (3ULL << 11) | (1ULL << 10) | (1ULL << 9) |
					 0x3FULL);
	assert_int_equal(e->far, 0);
	assert_int_equal(e->hpfar, RS_HPFAR(ipa));
	assert_int_equal(e->gprs[0], 0);
	/* Nothing was injected: the PC is unchanged. */
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC);
	assert_int_equal(rs_rec(&rr, 0)->el1.esr_el1, 0);
}

/* An abort the RMM answers with an SEA, without exiting: the realm goes on at its vector. */
struct sea_row {
	uint64_t esr;
	uint64_t ipa;
	uint64_t pstate;
	uint64_t ec, vector;
};

static void rec_enter_sea_row(void **state)
{
	const struct sea_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	rs_at(rs_abort(row->esr, row->ipa), row->pstate);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_steps_run(), 1);
	rs_assert_sea(rs_end(), rs_rec(&rr, 0), row->ec, RS_PC, row->pstate, row->vector);
	assert_int_equal(rs_rec(&rr, 0)->el1.far_el1, row->ipa);
}

#define SEA(name, ...)	RS_CASE(rec_enter_sea_##name, rec_enter_sea_row, struct sea_row, __VA_ARGS__)

/* INJECT_SEA after an abort at an Unprotected IPA. */
struct inject_row {
	uint64_t esr, pstate, flags;
	uint64_t ec, vector;
};

static void rec_enter_inject_sea_row(void **state)
{
	const struct inject_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	rs_set(rs_at(rs_abort(row->esr, RS_MMIO), row->pstate), 3, 0x3333);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	rs_run(&rr)->enter.gprs[0] = 0x77;
	rs_enter_exit(&rr, 0, row->flags, RMI_EXIT_IRQ);
	rs_assert_sea(rs_end(), rs_rec(&rr, 0), row->ec, RS_PC, row->pstate, row->vector);
	/* The injected abort names the faulting address (its ESR says FAR is valid). */
	assert_int_equal(rs_rec(&rr, 0)->el1.far_el1, RS_MMIO);
	/* No read was completed. */
	assert_int_equal(rs_end()->x[3], 0x3333);
}

/* ---- HVC, unknown exceptions, trapped system registers --------------------------- */

/* HVC is no RSI conduit: UNDEFINED at the HVC (its ELR_EL2 is the next instruction). */
static void rec_enter_hvc_undefined(void **state)
{
	struct rs_realm rr;
	struct rs_step *s;
	struct rec *rec;

	(void)state;
	rs_realm(&rr);
	s = rs_push(REALM_EXC_SYNC, RS_ESR_HVC, 0, 0);
	rs_set(s, 0, RSI_VERSION);
	rs_set(s, 1, RSI_ABI_VERSION);
	s->set_pc = true;
	s->pc = RS_PC + 4;
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	rec = rs_rec(&rr, 0);
	assert_int_equal(rec->el1.esr_el1, RS_EC(0) | RS_IL);
	assert_int_equal(rec->el1.elr_el1, RS_PC);
	assert_int_equal(rs_end()->pc, RS_VBAR + 0x200);
	assert_int_equal(rs_end()->pstate, RS_PSTATE_EL1H_DAIF);
	/* Not handled as RSI: x0..x2 as the realm left them. */
	assert_int_equal(rs_end()->x[0], RSI_VERSION);
	assert_int_equal(rs_end()->x[2], 0);
}

static void rec_enter_unknown_ec_undefined(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_push(REALM_EXC_SYNC, RS_EC(0x0E) | RS_IL, 0, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_rec(&rr, 0)->el1.esr_el1, RS_EC(0) | RS_IL);
	assert_int_equal(rs_rec(&rr, 0)->el1.elr_el1, RS_PC);
	assert_int_equal(rs_end()->pc, RS_VBAR + 0x200);
}

/* ESR ISS of a trapped MSR/MRS: Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10], Rt, CRm, read. */
#define SYSREG(op0, op1, crn, crm, op2) (((uint64_t)(op0) << 20) | ((uint64_t)(op2) << 17) |  \
					 ((uint64_t)(op1) << 14) | ((uint64_t)(crn) << 10) |  \
					 ((uint64_t)(crm) << 1))
#define SYSREG_ESR(reg, rt, read)	(RS_EC(0x18) | RS_IL | (reg) | ((uint64_t)(rt) << 5) | \
					 ((read) ? 1U : 0U))
#define PMCCNTR_EL0	SYSREG(3, 3, 9, 13, 0)
#define ICC_SGI1R_EL1	SYSREG(3, 0, 12, 11, 5)
#define ICC_ASGI1R_EL1	SYSREG(3, 0, 12, 11, 6)
#define ICC_SGI0R_EL1	SYSREG(3, 0, 12, 11, 7)
#define ICC_DIR_EL1	SYSREG(3, 0, 12, 11, 1)

/* Other trapped registers read as zero and ignore writes, without an exit. */
static void rec_enter_sysreg_read_as_zero(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(PMCCNTR_EL0, 6, true), 0, 0), 6, 0x6666);
	rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(PMCCNTR_EL0, 7, false), 0, 0), 7, 0x7777);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_seen(1)->x[6], 0);
	assert_int_equal(rs_seen(1)->pc, RS_PC + 4);
	assert_int_equal(rs_end()->x[7], 0x7777);
	assert_int_equal(rs_end()->pc, RS_PC + 8);
}

/*
 * ID registers are emulated without an exit: the host platform's CPU has
 * SVE (ID_AA64PFR0_EL1 = 0x100000011), a PMU and 6 breakpoints, 4
 * watchpoints, 2 of the breakpoints context-aware (ID_AA64DFR0_EL1 =
 * 0x10305606: DebugVer 6, PMUVer 6, BRPs 5, WRPs 3, CTX_CMPs 1). A realm
 * created without SVE or PMU sees neither, and sees the breakpoint and
 * watchpoint counts REALM_CREATE gave (rs_realm: num_bps = num_wps = 1).
 */
#define ID_AA64PFR0_EL1	SYSREG(3, 0, 0, 4, 0)
#define ID_AA64DFR0_EL1	SYSREG(3, 0, 0, 5, 0)
#define DFR0(brps, wrps, ctx_cmps)	(0x6ULL | ((uint64_t)(brps) << 12) |		\
					 ((uint64_t)(wrps) << 20) | ((uint64_t)(ctx_cmps) << 28))

static void rec_enter_sysreg_id_registers(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(ID_AA64PFR0_EL1, 3, true), 0, 0), 3, ~0ULL);
	rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(ID_AA64DFR0_EL1, 4, true), 0, 0), 4, ~0ULL);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->x[3], 0x11);
	assert_int_equal(rs_end()->x[4], DFR0(1, 1, 1));
	assert_int_equal(rs_end()->pc, RS_PC + 8);
}

/* REALM_CREATE's num_bps and num_wps are what ID_AA64DFR0_EL1 shows (minus-one encoding). */
struct dfr0_row {
	uint32_t num_bps, num_wps;
	uint64_t hw_dfr0;	/* 0: the platform's */
	uint64_t expect;
};

static void rec_enter_sysreg_dfr0_row(void **state)
{
	const struct dfr0_row *row = *state;
	struct rs_realm rr;

	rs_realm_opts(&rr, &(struct rs_opts){ .num_bps = row->num_bps, .num_wps = row->num_wps });
	if (row->hw_dfr0 != 0U)
		host_set_id_reg(5, 0, row->hw_dfr0);
	rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(ID_AA64DFR0_EL1, 9, true), 0, 0), 9, ~0ULL);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->x[9], row->expect);
}

#define DFR0_ROW(name, ...) \
	RS_CASE(rec_enter_sysreg_dfr0_##name, rec_enter_sysreg_dfr0_row, struct dfr0_row, __VA_ARGS__)

/*
 * Breakpoint and watchpoint registers read as zero and ignore writes
 * (docs/realms.md), without an exit, whatever count the realm was given.
 */
#define DBGBVR0_EL1	SYSREG(2, 0, 0, 0, 4)
#define DBGBCR1_EL1	SYSREG(2, 0, 0, 1, 5)
#define DBGWVR0_EL1	SYSREG(2, 0, 0, 0, 6)
#define DBGWCR1_EL1	SYSREG(2, 0, 0, 1, 7)

static void rec_enter_sysreg_debug_registers_read_as_zero(void **state)
{
	static const uint64_t regs[] = { DBGBVR0_EL1, DBGBCR1_EL1, DBGWVR0_EL1, DBGWCR1_EL1 };
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	for (unsigned int i = 0; i < 4; i++) {
		rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(regs[i], 5, false), 0, 0), 5, 0x5555);
		rs_set(rs_push(REALM_EXC_SYNC, SYSREG_ESR(regs[i], 6, true), 0, 0), 6, 0x6666);
	}
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	/* Each read's result is what the next step found. */
	for (unsigned int i = 0; i < 3; i++)
		assert_int_equal(rs_seen(2U * i + 2U)->x[6], 0);
	assert_int_equal(rs_end()->x[6], 0);
	assert_int_equal(rs_end()->x[5], 0x5555);
	assert_int_equal(rs_end()->pc, RS_PC + 32);
}

/* GIC SGI register writes (and DIR, which traps only when the host set TDIR) go to the host. */
struct sysreg_row {
	uint64_t reg;
	unsigned int rt;
	uint64_t expect;
};

static void rec_enter_sysreg_to_host_row(void **state)
{
	const struct sysreg_row *row = *state;
	unsigned int rt = row->rt;
	uint64_t esr = SYSREG_ESR(row->reg, rt, false);
	struct rs_realm rr;
	struct rs_step *s;

	rs_realm(&rr);
	rs_run(&rr)->enter.gicv3_hcr = 1ULL << 14;	/* TDIR */
	s = rs_push(REALM_EXC_SYNC, esr, 0, 0);
	if (rt != 31)
		rs_set(s, rt, 0x0123456789ABCDEFULL);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	assert_int_equal(rs_run(&rr)->exit.esr, esr);
	assert_int_equal(rs_run(&rr)->exit.gprs[0], row->expect);
	assert_int_equal(rs_run(&rr)->exit.far, 0);
	assert_int_equal(rs_run(&rr)->exit.hpfar, 0);
	/* The PC is advanced before the exit; the next entry needs no flag. */
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC + 4);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->pc, RS_PC + 4);
}

/* ---- The table ------------------------------------------------------------------------ */

#define KIND(name, ...)	RS_CASE(rec_enter_##name, rec_enter_exit_kind_row, struct kind_row, __VA_ARGS__)
#define WFX(name, ...)	RS_CASE(rec_enter_##name, rec_enter_exit_wfx_row, struct wfx_row, __VA_ARGS__)
#define WRITE(name, ...) \
	RS_CASE(rec_enter_mmio_write_##name, rec_enter_mmio_write_row, struct write_row, __VA_ARGS__)
#define ABORT(name, ...) \
	RS_CASE(rec_enter_##name, rec_enter_protected_abort_row, struct abort_row, __VA_ARGS__)
#define INJECT(name, ...) \
	RS_CASE(rec_enter_inject_sea_##name, rec_enter_inject_sea_row, struct inject_row, __VA_ARGS__)
#define SYSREG_HOST(name, ...) \
	RS_CASE(rec_enter_sysreg_##name, rec_enter_sysreg_to_host_row, struct sysreg_row, __VA_ARGS__)
#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	/* covers(rec_enter_run_ptr_secure): REC_ENTER.enter_read_faults */
	FX_NS_PTR_ROWS(rec_enter, run_ptr, run_slot),
	FX_ARG(rec_enter_run_ptr_mmio, run_slot, FX_K_MMIO, INPUT),
	FX_ARG(rec_enter_run_ptr_rd, run_slot, FX_K_RD, INPUT),
	FX_ARG(rec_enter_run_ptr_rec, run_slot, FX_K_REC, INPUT),
	FX_ARG(rec_enter_run_ptr_data, run_slot, FX_K_DATA, INPUT),
	FX_ARG(rec_enter_run_ptr_rtt, run_slot, FX_K_RTT, INPUT),
	BAD_RUN(run_ptr_unaligned_before_realm_new, RUN_UNALIGNED, COND_NEW),
	BAD_RUN(run_ptr_untracked_before_realm_new, RUN_UNTRACKED, COND_NEW),
	BAD_RUN(run_ptr_secure_before_realm_new, RUN_SECURE, COND_NEW),
	BAD_RUN(run_ptr_delegated_before_realm_new, RUN_DELEGATED, COND_NEW),
	BAD_RUN(run_ptr_untracked_before_system_off, RUN_UNTRACKED, COND_SYSTEM_OFF),
	BAD_RUN(run_ptr_secure_before_system_off, RUN_SECURE, COND_SYSTEM_OFF),
	BAD_RUN(run_ptr_unaligned_before_system_off, RUN_UNALIGNED, COND_SYSTEM_OFF),
	BAD_RUN(run_ptr_untracked_before_not_runnable, RUN_UNTRACKED, COND_NOT_RUNNABLE),
	BAD_RUN(run_ptr_secure_before_not_runnable, RUN_SECURE, COND_NOT_RUNNABLE),
	BAD_RUN(run_ptr_delegated_before_not_runnable, RUN_DELEGATED, COND_NOT_RUNNABLE),
	FX_REC_ROWS(rec_enter, rec_before_gic, rec_slot),
	FX_ARG(rec_enter_rec_mmio, rec_slot, FX_K_MMIO, INPUT),
	FX_ARG(rec_enter_rec_rtt_root, rec_slot, FX_K_RTT_ROOT, INPUT),
	T(rec_enter_rec_running),
	T(rec_enter_realm_new),
	T(rec_enter_realm_new_before_not_runnable),
	T(rec_enter_realm_system_off),
	T(rec_enter_realm_system_reset),
	T(rec_enter_not_runnable),
	T(rec_enter_psci_pending),
	T(rec_enter_exit_write_faults),
	GIC(gic_hcr_en, .hcr = 1, GIC_BAD),
	GIC(gic_hcr_bit8, .hcr = 1ULL << 8, GIC_BAD),
	GIC(gic_hcr_bit11, .hcr = 1ULL << 11, GIC_BAD),
	GIC(gic_hcr_tc, .hcr = 1ULL << 10, GIC_BAD),
	GIC(gic_hcr_tall1, .hcr = 1ULL << 13, GIC_BAD),
	GIC(gic_hcr_eoicount, .hcr = 1ULL << 27, GIC_BAD),
	GIC(gic_hcr_bit63, .hcr = 1ULL << 63, GIC_BAD),
	GIC(gic_hcr_allowed_bits, .hcr = HCR_ALLOWED, GIC_OK),
	GIC(gic_lr_hw_pending, .lr = { LR(LR_PENDING, 32) | LR_HW }, GIC_BAD),
	GIC(gic_lr_hw_active, .lr = { 0, LR(LR_ACTIVE, 32) | LR_HW }, GIC_BAD),
	GIC(gic_lr_hw_pending_active, .lr = { [3] = LR(LR_PENDING_ACTIVE, 32) | LR_HW }, GIC_BAD),
	GIC(gic_lr_hw_invalid_state, .lr = { LR(0, 32) | LR_HW }, GIC_OK),
	GIC(gic_lr_pintid_bit32, .lr = { LR(LR_PENDING, 32) | (1ULL << 32) }, GIC_BAD),
	GIC(gic_lr_pintid_bit44, .lr = { LR(LR_PENDING, 32) | (1ULL << 44) }, GIC_BAD),
	GIC(gic_lr_pintid_eoi, .lr = { LR(LR_PENDING, 32) | (1ULL << 41) }, GIC_OK),
	GIC(gic_vintid_0, .lr = { LR(LR_PENDING, 0) }, GIC_OK),
	GIC(gic_vintid_1019, .lr = { LR(LR_PENDING, 1019) }, GIC_OK),
	/* QEMU's (and the host build's) 5 priority bits: Priority[2:0] is RES0. */
	GIC(gic_lr_priority_res0, .lr = { LR(LR_PENDING, 32) | (1ULL << 48) }, GIC_BAD),
	/* covers: REC_ENTER.gic_lr_priority_res0 */
	GIC(gic_lr_priority_res0_bit50, .lr = { 0, LR(LR_ACTIVE, 33) | (4ULL << 48) }, GIC_BAD),
	GIC(gic_lr_priority_implemented_bits, .lr = { LR(LR_PENDING, 32) | (0xF8ULL << 48) },
	    GIC_OK),
	GIC(gic_vintid_1020, .lr = { LR(LR_PENDING, 1020) }, GIC_BAD),
	GIC(gic_vintid_1023, .lr = { LR(LR_ACTIVE, 1023) }, GIC_BAD),
	GIC(gic_vintid_8191, .lr = { 0, 0, LR(LR_PENDING, 8191) }, GIC_BAD),
	GIC(gic_vintid_8192, .lr = { LR(LR_PENDING, 8192) }, GIC_OK),
	GIC(gic_vintid_65535, .lr = { LR(LR_PENDING, 65535) }, GIC_OK),
	GIC(gic_vintid_2_pow_24, .lr = { LR(LR_PENDING, 1U << 24) }, GIC_BAD),
	GIC(gic_vintid_all_ones, .lr = { LR(LR_PENDING, 0xFFFFFFFFU) }, GIC_BAD),
	GIC(gic_vintid_1020_invalid_state, .lr = { LR(0, 1020) }, GIC_OK),
	GIC(gic_vintid_duplicate, .lr = { LR(LR_PENDING, 40), 0, 0, LR(LR_ACTIVE, 40) }, GIC_BAD),
	GIC(gic_vintid_duplicate_adjacent, .lr = { LR(LR_PENDING, 40), LR(LR_PENDING, 40) },
	    GIC_BAD),
	GIC(gic_vintid_duplicate_invalid_state, .lr = { LR(LR_PENDING, 40), LR(0, 40) }, GIC_OK),
	GIC(gic_vintids_distinct, .lr = { LR(LR_PENDING, 40), LR(LR_ACTIVE, 41),
					  LR(LR_PENDING_ACTIVE, 8192), LR(LR_PENDING, 1019) },
	    GIC_OK),
	GIC(gic_lr_past_used_ignored, .lr = { [3] = LR(LR_PENDING, 1020) | LR_HW },
	    .lr_at = LR_PAST_USED, GIC_OK),
	GIC(gic_duplicate_past_used_ignored, .lr = { LR(LR_PENDING, 40), [3] = LR(LR_PENDING, 40) },
	    .lr_at = LR_PAST_USED, GIC_OK),
	GIC(gic_invalid_before_inject_sea, .hcr = 1, .flags = REC_ENTER_FLAG_INJECT_SEA, GIC_BAD),
	GIC(inject_sea_first_entry, .flags = REC_ENTER_FLAG_INJECT_SEA, GIC_BAD),
	GIC(inject_sea_after_irq, .last = LAST_IRQ, .flags = REC_ENTER_FLAG_INJECT_SEA, GIC_BAD),
	GIC(inject_sea_after_protected_abort, .last = LAST_PROT_ABORT,
	    .flags = REC_ENTER_FLAG_INJECT_SEA, GIC_BAD),
	GIC(inject_sea_after_mmio_then_irq, .last = LAST_MMIO_THEN_IRQ,
	    .flags = REC_ENTER_FLAG_INJECT_SEA, GIC_BAD),
	GIC(inject_sea_after_mmio_read, .last = LAST_MMIO_READ, .flags = REC_ENTER_FLAG_INJECT_SEA,
	    GIC_OK),
	GIC(inject_sea_after_unprotected_no_isv, .last = LAST_UNPROT_NO_ISV,
	    .flags = REC_ENTER_FLAG_INJECT_SEA, GIC_OK),
	GIC(emul_mmio_first_entry, .flags = REC_ENTER_FLAG_EMULATED_MMIO, GIC_BAD),
	GIC(emul_mmio_after_irq, .last = LAST_IRQ, .flags = REC_ENTER_FLAG_EMULATED_MMIO, GIC_BAD),
	GIC(emul_mmio_after_unprotected_no_isv, .last = LAST_UNPROT_NO_ISV,
	    .flags = REC_ENTER_FLAG_EMULATED_MMIO, GIC_BAD),
	GIC(emul_mmio_after_protected_abort, .last = LAST_PROT_ABORT,
	    .flags = REC_ENTER_FLAG_EMULATED_MMIO, GIC_BAD),
	GIC(emul_mmio_after_mmio_then_irq, .last = LAST_MMIO_THEN_IRQ,
	    .flags = REC_ENTER_FLAG_EMULATED_MMIO, GIC_BAD),
	GIC(emul_mmio_after_mmio_read, .last = LAST_MMIO_READ,
	    .flags = REC_ENTER_FLAG_EMULATED_MMIO, GIC_OK),
	GIC(emul_mmio_after_mmio_write, .last = LAST_MMIO_WRITE,
	    .flags = REC_ENTER_FLAG_EMULATED_MMIO, GIC_OK),
	GIC(emul_mmio_with_inject_sea_after_no_isv, .last = LAST_UNPROT_NO_ISV,
	    .flags = REC_ENTER_FLAG_EMULATED_MMIO | REC_ENTER_FLAG_INJECT_SEA, GIC_OK),
	GIC(trap_and_response_flags_first_entry,
	    .flags = REC_ENTER_FLAG_TRAP_WFI | REC_ENTER_FLAG_TRAP_WFE |
		     REC_ENTER_FLAG_RIPAS_RESPONSE,
	    GIC_OK),
	KIND(exit_irq, REALM_EXC_IRQ, RMI_EXIT_IRQ),
	KIND(exit_fiq, REALM_EXC_FIQ, RMI_EXIT_FIQ),
	T(rec_enter_exit_serror),
	WFX(exit_wfi, 0, REC_ENTER_FLAG_TRAP_WFI),
	WFX(exit_wfe, 1, REC_ENTER_FLAG_TRAP_WFE),
	T(rec_enter_exit_common_fields),
	WRITE(byte, 0, 7, 0x11),
	WRITE(halfword, 1, 7, 0x2211),
	WRITE(word, 2, 0, 0x44332211),
	WRITE(doubleword, 3, 30, MMIO_VALUE),
	WRITE(xzr, 3, 31, 0),
	T(rec_enter_mmio_esr_sanitised),
	READ(byte, .sas = 0, .rt = 1, .sf = true, .value = 0x1234, .expect = 0x34),
	READ(byte_sign_extended, .sas = 0, .rt = 1, .sse = true, .sf = true, .value = 0x80,
	     .expect = 0xFFFFFFFFFFFFFF80ULL),
	READ(byte_sign_extended_32, .sas = 0, .rt = 1, .sse = true, .value = 0xF0,
	     .expect = 0xFFFFFFF0ULL),
	READ(byte_positive_sse, .sas = 0, .rt = 1, .sse = true, .sf = true, .value = 0x17F,
	     .expect = 0x7F),
	READ(halfword, .sas = 1, .rt = 0, .sf = true, .value = 0xFFFF8001ULL, .expect = 0x8001),
	READ(halfword_sign_extended, .sas = 1, .rt = 0, .sse = true, .sf = true, .value = 0x8001,
	     .expect = 0xFFFFFFFFFFFF8001ULL),
	READ(word, .sas = 2, .rt = 30, .value = 0x1122334455667788ULL, .expect = 0x55667788),
	READ(word_sign_extended_64, .sas = 2, .rt = 30, .sse = true, .sf = true,
	     .value = 0x80000000ULL, .expect = 0xFFFFFFFF80000000ULL),
	READ(word_sign_extended_32, .sas = 2, .rt = 30, .sse = true, .value = 0x80000000ULL,
	     .expect = 0x80000000ULL),
	READ(doubleword, .sas = 3, .rt = 5, .sf = true, .value = 0x8877665544332211ULL,
	     .expect = 0x8877665544332211ULL),
	READ(doubleword_sf_clear_truncates, .sas = 3, .rt = 5, .value = 0x8877665544332211ULL,
	     .expect = 0x44332211ULL),
	READ(into_xzr, .sas = 3, .rt = 31, .sf = true, .value = 0x1234, .expect = 0),
	T(rec_enter_mmio_read_not_completed),
	T(rec_enter_mmio_completion_survives_failed_entry),
	T(rec_enter_unprotected_abort_no_isv),
	ABORT(data_abort_ram_unmapped, RS_EC(0x24) | RS_IL, RS_RAM_UNMAPPED),
	ABORT(data_abort_destroyed, RS_EC(0x24) | RS_IL, RS_DESTROYED),
	ABORT(instruction_abort_ram_unmapped, RS_EC(0x20) | RS_IL, RS_RAM_UNMAPPED),
	SEA(ripas_empty_data, .esr = RS_ESR_DABT, .ipa = RS_EMPTY + 0x18, .pstate = RS_PSTATE_EL1H,
	    .ec = 0x25, .vector = 0x200),
	SEA(ripas_empty_assigned_data, .esr = RS_ESR_DABT, .ipa = RS_ASSIGNED_EMPTY,
	    .pstate = RS_PSTATE_EL1H, .ec = 0x25, .vector = 0x200),
	SEA(ripas_empty_unmapped_level, .esr = RS_ESR_DABT, .ipa = 1ULL << 40,
	    .pstate = RS_PSTATE_EL1H, .ec = 0x25, .vector = 0x200),
	SEA(ripas_empty_instruction, .esr = RS_ESR_IABT, .ipa = RS_EMPTY,
	    .pstate = RS_PSTATE_EL1H, .ec = 0x21, .vector = 0x200),
	SEA(ripas_empty_from_el0, .esr = RS_ESR_DABT, .ipa = RS_EMPTY, .pstate = RS_PSTATE_EL0T,
	    .ec = 0x24, .vector = 0x400),
	SEA(ripas_empty_instruction_from_el0, .esr = RS_ESR_IABT, .ipa = RS_EMPTY,
	    .pstate = RS_PSTATE_EL0T, .ec = 0x20, .vector = 0x400),
	SEA(ripas_empty_from_el1t, .esr = RS_ESR_DABT, .ipa = RS_EMPTY, .pstate = RS_PSTATE_EL1T,
	    .ec = 0x25, .vector = 0x000),
	SEA(ipa_beyond_s2sz, .esr = RS_ESR_DABT_ISV(3, 1, true), .ipa = FX_IPA_LIMIT,
	    .pstate = RS_PSTATE_EL1H, .ec = 0x25, .vector = 0x200),
	SEA(ipa_far_beyond_s2sz, .esr = RS_ESR_DABT, .ipa = 1ULL << 51, .pstate = RS_PSTATE_EL1H,
	    .ec = 0x25, .vector = 0x200),
	SEA(instruction_fetch_unprotected, .esr = RS_ESR_IABT, .ipa = RS_MMIO,
	    .pstate = RS_PSTATE_EL1H, .ec = 0x21, .vector = 0x200),
	INJECT(after_mmio, RS_ESR_DABT_ISV(3, 3, false), RS_PSTATE_EL1H, REC_ENTER_FLAG_INJECT_SEA,
	       0x25, 0x200),
	INJECT(wins_over_emul_mmio, RS_ESR_DABT_ISV(3, 3, false), RS_PSTATE_EL1H,
	       REC_ENTER_FLAG_INJECT_SEA | REC_ENTER_FLAG_EMULATED_MMIO, 0x25, 0x200),
	INJECT(after_no_isv_abort, RS_ESR_DABT, RS_PSTATE_EL1H, REC_ENTER_FLAG_INJECT_SEA, 0x25,
	       0x200),
	INJECT(from_el0, RS_ESR_DABT_ISV(3, 3, false), RS_PSTATE_EL0T, REC_ENTER_FLAG_INJECT_SEA,
	       0x24, 0x400),
	INJECT(from_el1t, RS_ESR_DABT_ISV(3, 3, false), RS_PSTATE_EL1T, REC_ENTER_FLAG_INJECT_SEA,
	       0x25, 0x000),
	T(rec_enter_hvc_undefined),
	T(rec_enter_unknown_ec_undefined),
	T(rec_enter_sysreg_read_as_zero),
	T(rec_enter_sysreg_id_registers),
	DFR0_ROW(bps_3_wps_2, 3, 2, 0, DFR0(3, 2, 1)),
	DFR0_ROW(bps_5_wps_3_hw_max, 5, 3, 0, DFR0(5, 3, 1)),
	/* CTX_CMPs is capped at BRPs: the context-aware breakpoints are among the realm's. */
	DFR0_ROW(ctx_cmps_capped, 2, 1, 0x30305606ULL, DFR0(2, 1, 2)),
	DFR0_ROW(ctx_cmps_kept, 4, 1, 0x30305606ULL, DFR0(4, 1, 3)),
	/* Trace (TraceVer, TraceFilt, TraceBuffer), SPE (PMSVer) and BRBE: trapped, so hidden. */
	DFR0_ROW(trace_spe_brbe_hidden, 2, 1,
		 DFR0(5, 3, 1) | (1ULL << 4) | (1ULL << 32) | (1ULL << 40) | (1ULL << 44) |
			 (1ULL << 52),
		 DFR0(2, 1, 1)),
	T(rec_enter_sysreg_debug_registers_read_as_zero),
	SYSREG_HOST(icc_sgi1r, ICC_SGI1R_EL1, 2, 0x0123456789ABCDEFULL),
	SYSREG_HOST(icc_asgi1r, ICC_ASGI1R_EL1, 30, 0x0123456789ABCDEFULL),
	SYSREG_HOST(icc_sgi0r, ICC_SGI0R_EL1, 0, 0x0123456789ABCDEFULL),
	SYSREG_HOST(icc_sgi1r_xzr, ICC_SGI1R_EL1, 31, 0),
	SYSREG_HOST(icc_dir, ICC_DIR_EL1, 12, 0x0123456789ABCDEFULL),
};

UNIT_GROUP(rec_enter_tests, tests, NULL);
