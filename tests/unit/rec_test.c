/* RMI_REC_CREATE, REC_DESTROY and PSCI_COMPLETE (argument checks) against spec 2.4. */
#include <string.h>

#include <atoll/smccc.h>

#include "realm_fixture.h"

/* ---- REC_CREATE: wrong granules --------------------------------------------------- */

/* Valid params for the world realm's next REC (index 1 once the world REC exists). */
static struct rmi_rec_params *next_rec_params(struct fx_world *w, struct fx_rec *c)
{
	return fx_rec_params(c, w->rec.rec != 0 ? 1 : 0);
}

static void assert_rec_granules_delegated(const struct fx_rec *c)
{
	fx_assert_delegated(c->rec);
	for (unsigned int i = 0; i < RMI_REC_MAX_AUX; i++)
		fx_assert_delegated(c->aux[i]);
}

static uint64_t create_with_rd(struct fx_world *w, uint64_t rd)
{
	struct fx_rec c;
	uint64_t ret;

	next_rec_params(w, &c);
	ret = fx_x0(RMI_REC_CREATE, rd, c.rec, c.params, 0, 0);
	assert_rec_granules_delegated(&c);
	return ret;
}

static uint64_t create_with_rec(struct fx_world *w, uint64_t rec)
{
	struct fx_rec c;
	uint64_t ret;

	next_rec_params(w, &c);
	ret = fx_x0(RMI_REC_CREATE, w->realm.rd, rec, c.params, 0, 0);
	assert_rec_granules_delegated(&c);
	return ret;
}

static uint64_t create_with_params(struct fx_world *w, uint64_t params)
{
	struct fx_rec c;
	uint64_t ret;

	next_rec_params(w, &c);
	if (params >= UNIT_BANK_BASE && params < UNIT_BANK_BASE + UNIT_BANK_SIZE &&
	    host_gpt_get(params) != HOST_PAS_REALM)
		memcpy(host_pa_ptr(params & ~(GRANULE_SIZE - 1U)), host_pa_ptr(c.params),
		       GRANULE_SIZE);
	ret = fx_x0(RMI_REC_CREATE, w->realm.rd, c.rec, params, 0, 0);
	assert_rec_granules_delegated(&c);
	return ret;
}

static uint64_t create_with_aux(struct fx_world *w, uint64_t aux)
{
	struct fx_rec c;
	uint64_t ret;

	next_rec_params(w, &c)->aux[5] = aux;
	ret = fx_rec_create_call(&w->realm, &c);
	assert_rec_granules_delegated(&c);
	return ret;
}

static const struct fx_slot create_rd = { .call = create_with_rd };
static const struct fx_slot create_rec = { .call = create_with_rec };
static const struct fx_slot create_params = { .call = create_with_params };
static const struct fx_slot create_aux = { .call = create_with_aux };

/* ---- REC_CREATE: parameter values, one row each ------------------------------------ */

struct fx_row {
	uint64_t mpidr;
	uint64_t num_aux;
	int dup_aux;		/* aux[15] = aux[dup_aux - 1] when non-zero */
	unsigned int recs_before;	/* RECs made first, indexes 0.. */
	bool active;		/* activate the realm first */
	uint8_t alias;		/* ALIAS_*: an aux entry names the rec or the rd */
	uint64_t expect;
};

enum { ALIAS_NONE, ALIAS_AUX_IS_REC, ALIAS_AUX_IS_RD };

static void rec_create_row(void **state)
{
	const struct fx_row *row = *state;
	struct fx_realm r;
	struct fx_rec c, before;
	struct rmi_rec_params *p;

	fx_realm_default(&r);
	for (unsigned int i = 0; i < row->recs_before; i++)
		fx_rec(&r, &before, i);
	if (row->active)
		fx_realm_activate(&r);
	p = fx_rec_params(&c, row->mpidr);
	p->num_aux = row->num_aux;
	if (row->dup_aux != 0)
		p->aux[15] = p->aux[row->dup_aux - 1];
	if (row->alias != ALIAS_NONE)
		p->aux[2] = row->alias == ALIAS_AUX_IS_REC ? c.rec : r.rd;
	assert_int_equal(fx_rec_create_call(&r, &c), row->expect);
	if (row->expect != RMI_SUCCESS) {
		assert_rec_granules_delegated(&c);
		return;
	}
	fx_assert_in_use(c.rec);
	for (unsigned int i = 0; i < row->num_aux; i++)
		fx_assert_in_use(c.aux[i]);
}

#define AUX		RMI_REC_AUX_COUNT_VALUE
#define BAD(name, ...)	FX_ROW(rec_create_##name, rec_create_row, __VA_ARGS__, .expect = INPUT)
#define RBAD(name, ...)	FX_ROW(rec_create_##name, rec_create_row, __VA_ARGS__, .expect = REALM_ERR)
#define GOOD(name, ...)	FX_ROW(rec_create_##name, rec_create_row, __VA_ARGS__, .expect = RMI_SUCCESS)

/* ---- REC_CREATE: other conditions ------------------------------------------------- */

static void rec_create_success(void **state)
{
	struct fx_realm r;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&r);
	fx_rec(&r, &c, 0);
	fx_assert_in_use(c.rec);
	for (unsigned int i = 0; i < RMI_REC_MAX_AUX; i++)
		fx_assert_in_use(c.aux[i]);
	/* The realm now has a REC: it is live. */
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), REALM_ERR);
}

static void rec_create_not_runnable(void **state)
{
	struct fx_realm r;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&r);
	fx_rec_params(&c, 0)->flags = 0;
	assert_int_equal(fx_rec_create_call(&r, &c), RMI_SUCCESS);
	fx_assert_in_use(c.rec);
}

static void rec_create_same_rec_twice(void **state)
{
	struct fx_realm r;
	struct fx_rec a, b;

	(void)state;
	fx_realm_default(&r);
	fx_rec(&r, &a, 0);
	fx_rec_params(&b, 1);
	assert_int_equal(fx_x0(RMI_REC_CREATE, r.rd, a.rec, b.params, 0, 0), INPUT);
	assert_rec_granules_delegated(&b);
}

static void rec_create_rec_is_rd(void **state)
{
	struct fx_realm r;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&r);
	fx_rec_params(&c, 0);
	assert_int_equal(fx_x0(RMI_REC_CREATE, r.rd, r.rd, c.params, 0, 0), INPUT);
	assert_rec_granules_delegated(&c);
	assert_int_equal(fx_x0(RMI_REC_AUX_COUNT, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
}

static void rec_create_index_not_reused_after_destroy(void **state)
{
	struct fx_realm r;
	struct fx_rec a, b;

	(void)state;
	fx_realm_default(&r);
	fx_rec(&r, &a, 0);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, a.rec, 0, 0, 0, 0), RMI_SUCCESS);
	fx_rec_params(&b, 0);
	assert_int_equal(fx_rec_create_call(&r, &b), INPUT);
	fx_rec(&r, &b, 1);
}

static void rec_create_index_16_is_aff1(void **state)
{
	struct fx_realm r;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&r);
	for (uint64_t i = 0; i < 16; i++)
		fx_rec(&r, &c, i);
	/* index 16 = Aff1 1, Aff0 0 (spec 2.2). */
	fx_rec_params(&c, 0x10);
	assert_int_equal(fx_rec_create_call(&r, &c), INPUT);
	fx_rec(&r, &c, 0x100);
}

/* 2^MAX_RECS_ORDER - 1 = 1023 RECs, then: REALM (step 5 before 7). */
static void rec_create_max_recs(void **state)
{
	struct fx_realm r;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&r);
	for (uint64_t i = 0; i < 1023; i++)
		fx_rec(&r, &c, (i & 0xF) | (i >> 4) << 8);
	fx_rec_params(&c, 0x3F0F);	/* index 1023 */
	assert_int_equal(fx_rec_create_call(&r, &c), REALM_ERR);
	fx_rec_params(&c, 0);		/* also a wrong index */
	assert_int_equal(fx_rec_create_call(&r, &c), REALM_ERR);
	assert_rec_granules_delegated(&c);
}

/* ---- REC_DESTROY --------------------------------------------------------------------- */

static const struct fx_slot destroy_rec = { .fid = RMI_REC_DESTROY };

static void rec_destroy_success(void **state)
{
	struct fx_realm r;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&r);
	fx_rec(&r, &c, 0);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, c.rec, 0, 0, 0, 0), RMI_SUCCESS);
	assert_rec_granules_delegated(&c);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
}

static void rec_destroy_twice(void **state)
{
	struct fx_realm r;
	struct fx_rec c;

	(void)state;
	fx_realm_default(&r);
	fx_rec(&r, &c, 0);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, c.rec, 0, 0, 0, 0), RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, c.rec, 0, 0, 0, 0), INPUT);
}

static void rec_destroy_active_realm(void **state)
{
	struct fx_realm r;
	struct fx_rec a, b;

	(void)state;
	fx_realm_default(&r);
	fx_rec(&r, &a, 0);
	fx_rec(&r, &b, 1);
	fx_realm_activate(&r);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, b.rec, 0, 0, 0, 0), RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), REALM_ERR);
	assert_int_equal(fx_x0(RMI_REC_DESTROY, a.rec, 0, 0, 0, 0), RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, r.rd, 0, 0, 0, 0), RMI_SUCCESS);
}

/* ---- PSCI_COMPLETE: no PSCI request can be pending without REC_ENTER -------------- */

static struct fx_rec second;	/* REC 1 of the world realm */

static void make_second(struct fx_world *w)
{
	fx_obj(w, FX_K_REC);
	fx_rec(&w->realm, &second, 1);
}

static uint64_t psci_calling(struct fx_world *w, uint64_t calling)
{
	(void)w;
	return fx_x0(RMI_PSCI_COMPLETE, calling, second.rec, PSCI_RET_SUCCESS, 0, 0);
}

static uint64_t psci_target(struct fx_world *w, uint64_t target)
{
	(void)w;
	return fx_x0(RMI_PSCI_COMPLETE, second.rec, target, PSCI_RET_SUCCESS, 0, 0);
}

static const struct fx_slot psci_calling_slot = { .prepare = make_second, .call = psci_calling };
static const struct fx_slot psci_target_slot = { .prepare = make_second, .call = psci_target };

static void psci_complete_row(void **state)
{
	const int64_t *status = *state;
	struct fx_world *w = fx_world();

	make_second(w);
	fx_world_snapshot(w);
	assert_int_equal(fx_x0(RMI_PSCI_COMPLETE, w->rec.rec, second.rec, (uint64_t)*status, 0, 0),
			 INPUT);
	assert_int_equal(fx_x0(RMI_PSCI_COMPLETE, second.rec, w->rec.rec, (uint64_t)*status, 0, 0),
			 INPUT);
	fx_world_check(w);
}

#define PSCI_NO_REQUEST(name, status)                                                  \
	{ "psci_complete_no_request_" #name, psci_complete_row, unit_boot_rmm, NULL,   \
	  &(int64_t){ status } }

static void psci_complete_same_rec(void **state)
{
	struct fx_world *w = fx_world();

	(void)state;
	fx_obj(w, FX_K_REC);
	fx_world_snapshot(w);
	assert_int_equal(fx_x0(RMI_PSCI_COMPLETE, w->rec.rec, w->rec.rec, 0, 0, 0), INPUT);
	fx_world_check(w);
}

static void psci_complete_target_other_realm(void **state)
{
	struct fx_world *w = fx_world();

	(void)state;
	make_second(w);
	fx_world_snapshot(w);
	assert_int_equal(fx_x0(RMI_PSCI_COMPLETE, second.rec, fx_obj(w, FX_K_OTHER_REC), 0, 0, 0),
			 INPUT);
	fx_world_check(w);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	FX_NS_PTR_ROWS(rec_create, params, create_params),
	BAD(num_aux_17, .num_aux = 17),	/* covers: REC_CREATE.num_aux_above_16 */
	BAD(num_aux_256, .num_aux = 256),	/* covers: REC_CREATE.num_aux_above_16 */
	BAD(num_aux_all_ones, .num_aux = ~0ULL),	/* covers: REC_CREATE.num_aux_above_16 */
	BAD(num_aux_17_before_realm_state, .num_aux = 17, .active = true),
	FX_DELEGATED_ROWS(rec_create, aux, create_aux),
	BAD(aux_duplicate, .num_aux = AUX, .dup_aux = 1),
	BAD(aux_duplicate_before_realm_state, .num_aux = AUX, .dup_aux = 3, .active = true),
	FX_DELEGATED_ROWS(rec_create, rec, create_rec),
	FX_RD_ROWS(rec_create, create_rd),
	FX_ARG(rec_create_rd_other_realm_rec, create_rd, FX_K_OTHER_REC, INPUT),
	RBAD(realm_active, .num_aux = AUX, .active = true),
	RBAD(realm_active_before_mpidr, .mpidr = 5, .num_aux = AUX, .active = true),
	RBAD(realm_active_before_num_aux, .num_aux = 15, .active = true),
	BAD(mpidr_skips_index_0, .mpidr = 1, .num_aux = AUX),
	BAD(mpidr_index_taken, .num_aux = AUX, .recs_before = 1),
	BAD(mpidr_skips_index_2, .mpidr = 3, .num_aux = AUX, .recs_before = 2),
	/* covers: REC_CREATE.mpidr_reserved_bits */
	BAD(mpidr_aff0_bit4, .mpidr = 0x10, .num_aux = AUX),
	/* covers: REC_CREATE.mpidr_reserved_bits */
	BAD(mpidr_bit31, .mpidr = 1ULL << 31, .num_aux = AUX),
	/* covers: REC_CREATE.mpidr_reserved_bits */
	BAD(mpidr_bit32, .mpidr = 1ULL << 32, .num_aux = AUX),
	/* covers: REC_CREATE.mpidr_reserved_bits */
	BAD(mpidr_bit63, .mpidr = 1ULL << 63, .num_aux = AUX),
	BAD(mpidr_and_num_aux_both_wrong, .mpidr = 1, .num_aux = 15),
	BAD(num_aux_15, .num_aux = 15),	/* covers: REC_CREATE.num_aux_not_aux_count */
	BAD(num_aux_0, .num_aux = 0),	/* covers: REC_CREATE.num_aux_not_aux_count */
	GOOD(first_index_0, .num_aux = AUX),
	GOOD(index_2_after_two, .mpidr = 2, .num_aux = AUX, .recs_before = 2),
	T(rec_create_success),
	T(rec_create_not_runnable),
	T(rec_create_same_rec_twice),
	T(rec_create_rec_is_rd),
	BAD(rec_is_aux, .num_aux = AUX, .alias = ALIAS_AUX_IS_REC),
	BAD(aux_is_own_rd, .num_aux = AUX, .alias = ALIAS_AUX_IS_RD),
	T(rec_create_index_not_reused_after_destroy),
	T(rec_create_index_16_is_aff1),
	T(rec_create_max_recs),
	FX_REC_ROWS(rec_destroy, rec, destroy_rec),
	T(rec_destroy_success),
	T(rec_destroy_twice),
	T(rec_destroy_active_realm),
	FX_REC_ROWS(psci_complete, calling_rec, psci_calling_slot),
	FX_REC_ROWS(psci_complete, target_rec, psci_target_slot),
	PSCI_NO_REQUEST(success, PSCI_RET_SUCCESS),
	PSCI_NO_REQUEST(denied, PSCI_RET_DENIED),
	PSCI_NO_REQUEST(not_supported, PSCI_RET_NOT_SUPPORTED),
	T(psci_complete_same_rec),
	T(psci_complete_target_other_realm),
};

UNIT_GROUP(rec_tests, tests, NULL);
