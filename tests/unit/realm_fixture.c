/* Realm-building helpers and the on-demand "world" of the lifecycle tests. */
#include "realm_fixture.h"

#include <string.h>

/* Never reused within a run, so no test depends on VMIDs being freed by a reboot. */
static uint16_t next_vmid;

uint64_t fx_x0(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	return unit_rmi(fid, a1, a2, a3, a4, a5).x[0];
}

uint64_t fx_delegate(uint64_t pa)
{
	return fx_x0(RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0);
}

uint64_t fx_undelegate(uint64_t pa)
{
	return fx_x0(RMI_GRANULE_UNDELEGATE, pa, 0, 0, 0, 0);
}

uint64_t fx_delegated(void)
{
	uint64_t pa = unit_ns_granule();

	assert_int_equal(fx_delegate(pa), RMI_SUCCESS);
	return pa;
}

uint64_t fx_granule_run(unsigned int n, uint64_t align, bool delegate)
{
	uint64_t first = unit_ns_granule();

	while ((first & (align - 1U)) != 0U)
		first = unit_ns_granule();
	for (unsigned int i = 0; i < n; i++) {
		uint64_t pa = i == 0 ? first : unit_ns_granule();

		assert_int_equal(pa, first + i * GRANULE_SIZE);
		if (delegate)
			assert_int_equal(fx_delegate(pa), RMI_SUCCESS);
	}
	return first;
}

uint64_t fx_src(uint8_t byte)
{
	uint64_t pa = unit_ns_granule();

	memset(host_pa_ptr(pa), byte, GRANULE_SIZE);
	return pa;
}

void fx_assert_delegated(uint64_t pa)
{
	assert_int_equal(fx_undelegate(pa), RMI_SUCCESS);
	assert_int_equal(fx_delegate(pa), RMI_SUCCESS);
}

void fx_assert_in_use(uint64_t pa)
{
	assert_int_equal(fx_undelegate(pa), INPUT);
	assert_int_equal(fx_delegate(pa), INPUT);
}

/* ---- Realms ------------------------------------------------------------------- */

/* Root RTT count for (sl, s2sz) by the rule of spec 2.4 REALM_CREATE. */
static unsigned int root_count(int64_t sl, unsigned int s2sz)
{
	unsigned int one_table = 9U * (unsigned int)(3 - sl) + 21U;

	return s2sz <= one_table ? 1U : 1U << (s2sz - one_table);
}

struct rmi_realm_params *fx_realm_params(struct fx_realm *r, int64_t sl, unsigned int s2sz)
{
	return fx_realm_params_n(r, sl, s2sz, root_count(sl, s2sz));
}

struct rmi_realm_params *fx_realm_params_n(struct fx_realm *r, int64_t sl, unsigned int s2sz,
					   unsigned int num_rtts)
{
	struct rmi_realm_params *p;

	memset(r, 0, sizeof(*r));
	r->level_start = sl;
	r->s2sz = s2sz;
	r->num_rtts = num_rtts;
	r->rd = fx_delegated();
	/* Concatenated roots are aligned to their total size, as REALM_CREATE requires. */
	r->rtt_base = fx_granule_run(num_rtts == 0 ? 1 : num_rtts,
				     (num_rtts == 0 ? 1 : num_rtts) * GRANULE_SIZE, true);
	r->params = unit_ns_granule();
	p = host_pa_ptr(r->params);
	memset(p, 0, sizeof(*p));
	p->s2sz = s2sz;
	p->num_bps = 1;
	p->num_wps = 1;
	p->hash_algo = RMI_HASH_SHA_256;
	p->vmid = ++next_vmid;
	p->rtt_base = r->rtt_base;
	p->rtt_level_start = sl;
	p->rtt_num_start = r->num_rtts;
	return p;
}

uint64_t fx_realm_create_call(const struct fx_realm *r)
{
	return fx_x0(RMI_REALM_CREATE, r->rd, r->params, 0, 0, 0);
}

void fx_realm(struct fx_realm *r, int64_t sl, unsigned int s2sz)
{
	fx_realm_params(r, sl, s2sz);
	assert_int_equal(fx_realm_create_call(r), RMI_SUCCESS);
}

void fx_realm_default(struct fx_realm *r)
{
	fx_realm(r, 0, FX_S2SZ);
}

void fx_realm_activate(const struct fx_realm *r)
{
	assert_int_equal(fx_x0(RMI_REALM_ACTIVATE, r->rd, 0, 0, 0, 0), RMI_SUCCESS);
}

/* ---- RTTs ------------------------------------------------------------------- */

struct rmi_result fx_read(const struct fx_realm *r, uint64_t ipa, int64_t level)
{
	return unit_rmi(RMI_RTT_READ_ENTRY, r->rd, ipa, (uint64_t)level, 0, 0);
}

void fx_assert_entry(const struct fx_realm *r, uint64_t ipa, int64_t level, int64_t walk_level,
		     uint64_t state, uint64_t desc, uint64_t ripas)
{
	struct rmi_result e = fx_read(r, ipa, level);

	assert_int_equal(e.x[0], RMI_SUCCESS);
	assert_int_equal(e.x[1], (uint64_t)walk_level);
	assert_int_equal(e.x[2], state);
	assert_int_equal(e.x[3], desc);
	assert_int_equal(e.x[4], ripas);
}

uint64_t fx_rtt_create_call(const struct fx_realm *r, uint64_t ipa, int64_t level, uint64_t *rtt)
{
	*rtt = fx_delegated();
	return fx_x0(RMI_RTT_CREATE, r->rd, *rtt, ipa, (uint64_t)level, 0);
}

uint64_t fx_rtt(const struct fx_realm *r, uint64_t ipa, int64_t level)
{
	uint64_t rtt;

	assert_int_equal(fx_rtt_create_call(r, ipa, level, &rtt), RMI_SUCCESS);
	return rtt;
}

uint64_t fx_rtts_to(const struct fx_realm *r, uint64_t ipa, int64_t level)
{
	uint64_t rtt = 0;

	for (int64_t l = r->level_start + 1; l <= level; l++) {
		uint64_t base = ipa & ~(FX_LEVEL_SIZE(l - 1) - 1U);
		struct rmi_result e = fx_read(r, base, l - 1);

		assert_int_equal(e.x[0], RMI_SUCCESS);
		rtt = e.x[2] == RMI_TABLE ? e.x[3] : fx_rtt(r, base, l);
	}
	return rtt;
}

void fx_view(const struct fx_realm *r, uint64_t ipa, struct rmi_result v[4])
{
	for (int64_t l = 0; l <= 3; l++)
		v[l] = fx_read(r, ipa & (FX_IPA_LIMIT - FX_LEVEL_SIZE(l)), l);
}

void fx_assert_view(const struct fx_realm *r, uint64_t ipa, const struct rmi_result before[4])
{
	struct rmi_result now[4];

	fx_view(r, ipa, now);
	assert_memory_equal(now, before, sizeof(now));
}

/* ---- DATA and RECs ------------------------------------------------------------ */

uint64_t fx_data_unknown(const struct fx_realm *r, uint64_t ipa)
{
	uint64_t data;

	fx_rtts_to(r, ipa, 3);
	data = fx_delegated();
	assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, r->rd, data, ipa, 0, 0), RMI_SUCCESS);
	return data;
}

uint64_t fx_data(const struct fx_realm *r, uint64_t ipa, uint8_t byte)
{
	uint64_t src = fx_src(byte), data;

	fx_rtts_to(r, ipa, 3);
	data = fx_delegated();
	assert_int_equal(fx_x0(RMI_DATA_CREATE, r->rd, data, ipa, src, RMI_NO_MEASURE_CONTENT),
			 RMI_SUCCESS);
	return data;
}

void fx_init_ripas(const struct fx_realm *r, uint64_t base, uint64_t top)
{
	struct rmi_result res = unit_rmi(RMI_RTT_INIT_RIPAS, r->rd, base, top, 0, 0);

	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], top);
}

struct rmi_rec_params *fx_rec_params(struct fx_rec *c, uint64_t mpidr)
{
	struct rmi_rec_params *p;

	c->rec = fx_delegated();
	for (unsigned int i = 0; i < RMI_REC_MAX_AUX; i++)
		c->aux[i] = fx_delegated();
	c->params = unit_ns_granule();
	p = host_pa_ptr(c->params);
	memset(p, 0, sizeof(*p));
	p->flags = RMI_REC_FLAG_RUNNABLE;
	p->mpidr = mpidr;
	p->pc = 0x80000;
	p->num_aux = RMI_REC_AUX_COUNT_VALUE;
	memcpy(p->aux, c->aux, sizeof(c->aux));
	return p;
}

uint64_t fx_rec_create_call(const struct fx_realm *r, const struct fx_rec *c)
{
	return fx_x0(RMI_REC_CREATE, r->rd, c->rec, c->params, 0, 0);
}

void fx_rec(const struct fx_realm *r, struct fx_rec *c, uint64_t mpidr)
{
	fx_rec_params(c, mpidr);
	assert_int_equal(fx_rec_create_call(r, c), RMI_SUCCESS);
}

/* ---- World ---------------------------------------------------------------------- */

static struct fx_world world;

/* (ipa, level) points whose RTT_READ_ENTRY outputs a failing call must not change. */
static const struct {
	uint64_t ipa;
	int64_t level;
} view_points[] = {
	{ 0, 0 }, { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0x3000, 3 }, { 0x200000, 2 },
	{ FX_UNPROT, 0 }, { FX_UNPROT, 1 }, { FX_UNPROT, 2 }, { FX_UNPROT, 3 },
	{ FX_UNPROT + 0x3000, 3 }, { FX_WORLD_IPA, 2 }, { FX_WORLD_IPA, 3 },
	{ FX_WORLD_IPA + 0x1000, 3 },
};
#define NUM_VIEW_POINTS (sizeof(view_points) / sizeof(view_points[0]))
static struct rmi_result view[NUM_VIEW_POINTS];

struct fx_world *fx_world(void)
{
	memset(&world, 0, sizeof(world));
	fx_realm_default(&world.realm);
	world.delegated = fx_delegated();
	world.undelegated = unit_ns_granule();
	world.src = fx_src(0x5A);
	return &world;
}

void fx_world_aux(struct fx_world *w)
{
	for (unsigned int i = 0; i < RMI_REC_MAX_AUX; i++)
		w->aux[i] = fx_delegated();
}

static void make_rtt3(struct fx_world *w)
{
	if (w->rtt3 == 0)
		w->rtt3 = fx_rtts_to(&w->realm, FX_WORLD_IPA, 3);
}

static void make_other(struct fx_world *w)
{
	if (w->other.rd == 0)
		fx_realm_default(&w->other);
}

uint64_t fx_obj(struct fx_world *w, enum fx_kind kind)
{
	switch (kind) {
	case FX_K_UNALIGNED:
		return w->delegated + 0x800;
	case FX_K_RD_UNALIGNED:
		return w->realm.rd + 8;
	case FX_K_UNTRACKED:
		return UNIT_BANK_BASE - GRANULE_SIZE;
	case FX_K_ABOVE_DRAM:
		return UNIT_BANK_BASE + UNIT_BANK_SIZE;
	case FX_K_MMIO:
		return 0x09000000ULL;
	case FX_K_RMM:
		return HOST_RMM_BASE;
	case FX_K_SECURE:
		if (w->secure == 0) {
			w->secure = unit_ns_granule();
			host_gpt_set(w->secure, HOST_PAS_ROOT);
		}
		return w->secure;
	case FX_K_UNDELEGATED:
		return w->undelegated;
	case FX_K_DELEGATED:
		return w->delegated;
	case FX_K_RD:
		return w->realm.rd;
	case FX_K_OTHER_RD:
		make_other(w);
		return w->other.rd;
	case FX_K_DEAD_RD:
		if (w->dead.rd == 0) {
			fx_realm_default(&w->dead);
			assert_int_equal(fx_x0(RMI_REALM_DESTROY, w->dead.rd, 0, 0, 0, 0),
					 RMI_SUCCESS);
		}
		return w->dead.rd;
	case FX_K_REC:
	case FX_K_REC_UNALIGNED:
	case FX_K_REC_AUX:
		if (w->rec.rec == 0)
			fx_rec(&w->realm, &w->rec, 0);
		if (kind == FX_K_REC_AUX)
			return w->rec.aux[3];
		return kind == FX_K_REC ? w->rec.rec : w->rec.rec + 8;
	case FX_K_OTHER_REC:
		make_other(w);
		if (w->other_rec.rec == 0)
			fx_rec(&w->other, &w->other_rec, 0);
		return w->other_rec.rec;
	case FX_K_DATA:
		if (w->data == 0) {
			make_rtt3(w);
			w->data = fx_data_unknown(&w->realm, FX_WORLD_IPA);
		}
		return w->data;
	case FX_K_RTT:
		make_rtt3(w);
		return w->rtt3;
	case FX_K_RTT_ROOT:
		return w->realm.rtt_base;
	}
	fail_msg("unknown kind %d", (int)kind);
	return 0;
}

void fx_world_snapshot(struct fx_world *w)
{
	for (size_t i = 0; i < NUM_VIEW_POINTS; i++)
		view[i] = fx_read(&w->realm, view_points[i].ipa, view_points[i].level);
}

static void check_rec(const struct fx_rec *c)
{
	if (c->rec == 0)
		return;
	fx_assert_in_use(c->rec);
	fx_assert_in_use(c->aux[0]);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, c->rec, 0, 0, 0, 0), RMI_SUCCESS);
	fx_assert_delegated(c->rec);
	for (unsigned int i = 0; i < RMI_REC_MAX_AUX; i++)
		fx_assert_delegated(c->aux[i]);
}

void fx_world_check(struct fx_world *w)
{
	for (size_t i = 0; i < NUM_VIEW_POINTS; i++) {
		struct rmi_result now = fx_read(&w->realm, view_points[i].ipa, view_points[i].level);

		assert_memory_equal(&view[i], &now, sizeof(now));
	}
	assert_int_equal(fx_x0(RMI_REC_AUX_COUNT, w->realm.rd, 0, 0, 0, 0), RMI_SUCCESS);
	if (w->other.rd != 0)
		assert_int_equal(fx_x0(RMI_REC_AUX_COUNT, w->other.rd, 0, 0, 0, 0), RMI_SUCCESS);
	if (w->rtt3 != 0)
		fx_assert_entry(&w->realm, FX_WORLD_IPA, 2, 2, RMI_TABLE, w->rtt3, RMI_EMPTY);
	if (w->data != 0)
		fx_assert_entry(&w->realm, FX_WORLD_IPA, 3, 3, RMI_ASSIGNED, w->data, RMI_EMPTY);
	fx_assert_delegated(w->delegated);
	if (w->dead.rd != 0)
		fx_assert_delegated(w->dead.rd);
	for (unsigned int i = 0; i < RMI_REC_MAX_AUX && w->aux[0] != 0; i++)
		fx_assert_delegated(w->aux[i]);
	if (w->secure != 0)
		assert_int_equal(host_gpt_get(w->secure), HOST_PAS_ROOT);
	assert_int_equal(host_gpt_get(HOST_RMM_BASE), HOST_PAS_REALM);
	assert_int_equal(fx_undelegate(HOST_RMM_BASE), INPUT);
	check_rec(&w->rec);
	check_rec(&w->other_rec);
	assert_int_equal(fx_delegate(w->undelegated), RMI_SUCCESS);
}

void fx_run_arg_case(void **state)
{
	const struct fx_arg_case *c = *state;
	struct fx_world *w = fx_world();
	uint64_t arg = fx_obj(w, c->kind);

	if (c->slot->prepare != NULL)
		c->slot->prepare(w);
	fx_world_snapshot(w);
	if (c->slot->call == NULL)
		assert_int_equal(fx_x0(c->slot->fid, arg, c->slot->args[0], c->slot->args[1],
				       c->slot->args[2], c->slot->args[3]),
				 c->expect);
	else
		assert_int_equal(c->slot->call(w, arg), c->expect);
	fx_world_check(w);
}

void fx_assert_realm_granules_delegated(const struct fx_realm *r)
{
	fx_assert_delegated(r->rd);
	for (unsigned int i = 0; i < (r->num_rtts == 0 ? 1U : r->num_rtts); i++)
		fx_assert_delegated(r->rtt_base + i * GRANULE_SIZE);
}

uint64_t fx_assigned_block(const struct fx_realm *r, uint64_t ipa)
{
	uint64_t base = fx_granule_run(512, FX_LEVEL_SIZE(2), true);
	uint64_t rtt = fx_rtts_to(r, ipa, 3);
	struct rmi_result res;

	for (uint64_t i = 0; i < 512; i++)
		assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, r->rd, base + i * GRANULE_SIZE,
				       ipa + i * GRANULE_SIZE, 0, 0),
				 RMI_SUCCESS);
	res = unit_rmi(RMI_RTT_FOLD, r->rd, ipa, 3, 0, 0);
	assert_int_equal(res.x[0], RMI_SUCCESS);
	assert_int_equal(res.x[1], rtt);
	return base;
}
