/* The scripted realm of realm_script.h: a queue of steps and a ready-made realm. */
#include "realm_script.h"

#include <stdio.h>
#include <string.h>

#include "unchanged.h"

static struct rs_step steps[RS_MAX_STEPS];
static unsigned int num_steps, next_step;
static struct rec_regs end_regs;
static unsigned int ends;

static void play(struct rec_regs *regs, struct realm_exit_syndrome *out, void *arg)
{
	struct rs_step *s;

	(void)arg;
	if (next_step == num_steps) {
		end_regs = *regs;
		ends++;
		*out = (struct realm_exit_syndrome){ .kind = REALM_EXC_IRQ };
		return;
	}
	s = &steps[next_step++];
	s->seen = *regs;
	s->ran = true;
	for (unsigned int i = 0; i < 31; i++) {
		if ((s->set & (1U << i)) != 0U)
			regs->x[i] = s->x[i];
	}
	if (s->set_pc)
		regs->pc = s->pc;
	if (s->set_pstate)
		regs->pstate = s->pstate;
	if (s->hook != NULL)
		s->hook(regs);
	*out = s->syn;
}

void rs_reset(void)
{
	memset(steps, 0, sizeof(steps));
	num_steps = next_step = ends = 0;
	host_set_irq_pending(false);
	host_realm_script(play, NULL);
}

struct rs_step *rs_push(enum realm_exception kind, uint64_t esr, uint64_t far, uint64_t hpfar)
{
	struct rs_step *s;

	assert_true(num_steps < RS_MAX_STEPS);
	s = &steps[num_steps++];
	s->syn = (struct realm_exit_syndrome){ kind, esr, far, hpfar };
	return s;
}

void rs_set(struct rs_step *s, unsigned int reg, uint64_t value)
{
	s->x[reg] = value;
	s->set |= 1U << reg;
}

struct rs_step *rs_at(struct rs_step *s, uint64_t pstate)
{
	s->set_pstate = true;
	s->pstate = pstate;
	return s;
}

struct rs_step *rs_smcv(uint64_t fid, const uint64_t *args, unsigned int n)
{
	struct rs_step *s = rs_push(REALM_EXC_SYNC, RS_ESR_SMC, 0, 0);

	rs_set(s, 0, fid);
	for (unsigned int i = 0; i < n; i++)
		rs_set(s, i + 1U, args[i]);
	return s;
}

struct rs_step *rs_abort(uint64_t esr, uint64_t ipa)
{
	return rs_push(REALM_EXC_SYNC, esr, ipa, RS_HPFAR(ipa));
}

const struct rec_regs *rs_seen(unsigned int i)
{
	assert_true(i < num_steps);
	assert_true(steps[i].ran);
	return &steps[i].seen;
}

const struct rec_regs *rs_end(void)
{
	assert_true(ends > 0);
	return &end_regs;
}

unsigned int rs_ends(void)
{
	return ends;
}

unsigned int rs_steps_run(void)
{
	return next_step;
}

/* ---- Realms ------------------------------------------------------------------------ */

uint8_t rs_rpv(unsigned int i)
{
	return (uint8_t)(0xC0U ^ i);
}

static void make_memory(struct rs_realm *rr)
{
	const struct fx_realm *r = &rr->r;
	uint64_t gone;

	fx_rtts_to(r, RS_RAM, 3);
	rr->data[0] = fx_data(r, RS_RAM, 0xA5);
	rr->data[1] = fx_data(r, RS_RAM2, 0xA5);
	fx_init_ripas(r, RS_RAM_UNMAPPED, RS_RAM_UNMAPPED + GRANULE_SIZE);
	fx_data_unknown(r, RS_ASSIGNED_EMPTY);
	gone = fx_data(r, RS_DESTROYED, 0);
	assert_int_equal(fx_x0(RMI_DATA_DESTROY, r->rd, RS_DESTROYED, 0, 0, 0), RMI_SUCCESS);
	fx_assert_delegated(gone);
}

void rs_realm_opts(struct rs_realm *rr, const struct rs_opts *o)
{
	struct rmi_realm_params *p;

	memset(rr, 0, sizeof(*rr));
	rs_reset();
	assert_true(o->s2sz == 0U || o->bare);
	p = o->s2sz != 0U ? fx_realm_params(&rr->r, 1, o->s2sz) : fx_realm_params(&rr->r, 0, FX_S2SZ);
	p->hash_algo = o->hash_algo;
	p->num_bps = o->num_bps != 0U ? o->num_bps : 1U;
	p->num_wps = o->num_wps != 0U ? o->num_wps : 1U;
	p->flags = o->flags;
	p->sve_vl = o->sve_vl;
	p->pmu_num_ctrs = o->pmu_num_ctrs;
	for (unsigned int i = 0; i < sizeof(p->rpv); i++)
		p->rpv[i] = rs_rpv(i);
	assert_int_equal(fx_realm_create_call(&rr->r), RMI_SUCCESS);
	if (!o->bare)
		make_memory(rr);
	rr->num_recs = o->recs == 0 ? 1U : o->recs;
	assert_true(rr->num_recs <= RS_MAX_RECS);
	for (unsigned int i = 0; i < rr->num_recs; i++) {
		struct rmi_rec_params *rp = fx_rec_params(&rr->rec[i], i);

		bool runnable = i == 0 ? !o->rec0_not_runnable : o->all_runnable;

		rp->flags = runnable ? RMI_REC_FLAG_RUNNABLE : 0U;
		assert_int_equal(fx_rec_create_call(&rr->r, &rr->rec[i]), RMI_SUCCESS);
		rs_rec(rr, i)->el1.vbar_el1 = RS_VBAR;
	}
	rr->run = unit_ns_granule();
	memset(rs_run(rr), 0, sizeof(struct rmi_rec_run));
	if (!o->stay_new)
		fx_realm_activate(&rr->r);
}

void rs_realm(struct rs_realm *rr)
{
	rs_realm_opts(rr, &(struct rs_opts){ 0 });
}

struct rec *rs_rec(const struct rs_realm *rr, unsigned int i)
{
	assert_true(i < rr->num_recs);
	return host_pa_ptr(rr->rec[i].rec);
}

struct rmi_rec_run *rs_run(const struct rs_realm *rr)
{
	return host_pa_ptr(rr->run);
}

uint64_t rs_enter(const struct rs_realm *rr, unsigned int i, uint64_t flags)
{
	assert_true(i < rr->num_recs);
	rs_run(rr)->enter.flags = flags;
	return fx_x0(RMI_REC_ENTER, rr->rec[i].rec, rr->run, 0, 0, 0);
}

void rs_enter_exit(const struct rs_realm *rr, unsigned int i, uint64_t flags, uint64_t reason)
{
	assert_int_equal(rs_enter(rr, i, flags), RMI_SUCCESS);
	assert_int_equal(rs_run(rr)->exit.exit_reason, reason);
}

/* The realm's call failed: SMC_NOT_SUPPORTED, an RSI error, or a negative PSCI result. */
static bool call_failed(uint64_t fid, uint64_t x0)
{
	uint32_t w0 = (uint32_t)fid, fnum = w0 & SMCCC_FNUM_MASK, entity = (w0 >> 24) & 0x3FU;

	if (x0 == SMC_NOT_SUPPORTED)
		return true;
	if (entity == 4U && fnum >= 0x190U && fnum <= 0x1AFU)
		return x0 == RSI_ERROR_INPUT || x0 == RSI_ERROR_STATE || x0 == RSI_ERROR_UNKNOWN;
	return entity == 4U && fnum <= 0x1FU && (int32_t)(uint32_t)x0 < 0;
}

const struct rec_regs *rs_callv(const struct rs_realm *rr, unsigned int i, uint64_t fid,
				const uint64_t *args, unsigned int n)
{
	static const uint64_t none[5];
	static struct unchanged_snapshot before;
	unsigned int first = rs_steps_run(), ended = rs_ends();
	char call[96];

	unit_snapshot(&before, none);
	rs_smcv(fid, args, n);
	rs_enter_exit(rr, i, 0, RMI_EXIT_IRQ);
	/* The SMC ran, the RMM answered it and the realm went on at the next instruction. */
	assert_int_equal(rs_steps_run(), first + 1U);
	assert_int_equal(rs_ends(), ended + 1U);
	assert_int_equal(rs_end()->pc, rs_seen(first)->pc + 4U);
	/* A failed call changed no RD (measurements), RTT or granule state either. */
	if (call_failed(fid, rs_end()->x[0])) {
		snprintf(call, sizeof(call), "the realm's call %#llx failed with %#llx",
			 (unsigned long long)fid, (unsigned long long)rs_end()->x[0]);
		unchanged_assert(&before, call);
	}
	return rs_end();
}

void rs_assert_abort_exit(const struct rs_realm *rr, uint64_t ipa)
{
	const struct rmi_rec_exit *e = &rs_run(rr)->exit;

	assert_int_equal(e->exit_reason, RMI_EXIT_SYNC);
	assert_int_equal(e->esr, RS_EC(0x24) | (3ULL << 11) | (1ULL << 10) | (1ULL << 9) | 0x3FULL);
	assert_int_equal(e->far, 0);
	assert_int_equal(e->hpfar, RS_HPFAR(ipa));
	assert_int_equal(e->gprs[0], 0);
}

void rs_assert_sea(const struct rec_regs *regs, const struct rec *rec, uint64_t ec, uint64_t elr,
		   uint64_t spsr, uint64_t vector)
{
	assert_int_equal(rec->el1.esr_el1, RS_EC(ec) | RS_IL | 0x10U);
	assert_int_equal(rec->el1.elr_el1, elr);
	assert_int_equal(rec->el1.spsr_el1, spsr);
	assert_int_equal(regs->pc, RS_VBAR + vector);
	assert_int_equal(regs->pstate, RS_PSTATE_EL1H_DAIF);
}
