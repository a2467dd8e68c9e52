/*
 * The commands allowed only in a NEW realm (DATA_CREATE, REC_CREATE,
 * REALM_ACTIVATE, RTT_INIT_RIPAS), called for a realm that is SYSTEM_OFF
 * after its REC called PSCI SYSTEM_OFF: REALM, with valid other arguments
 * (spec 2.4, "realm state != NEW").
 */
#include "realm_script.h"

#define FREE_IPA	(RS_DESTROYED + GRANULE_SIZE)	/* UNASSIGNED/EMPTY, in the level 3 RTT */

struct fx_row {
	/* The command with valid arguments; returns x0. Checks what it was given. */
	uint64_t (*call)(const struct rs_realm *rr);
};

static uint64_t data_create_call(const struct rs_realm *rr)
{
	uint64_t data = fx_delegated();
	uint64_t x0 = fx_x0(RMI_DATA_CREATE, rr->r.rd, data, FREE_IPA, fx_src(0x3C),
			    RMI_MEASURE_CONTENT);

	fx_assert_delegated(data);
	return x0;
}

static uint64_t rec_create_call(const struct rs_realm *rr)
{
	struct fx_rec c;
	uint64_t x0;

	fx_rec_params(&c, rr->num_recs);
	x0 = fx_rec_create_call(&rr->r, &c);
	fx_assert_delegated(c.rec);
	for (unsigned int i = 0; i < RMI_REC_MAX_AUX; i++)
		fx_assert_delegated(c.aux[i]);
	return x0;
}

static uint64_t realm_activate_call(const struct rs_realm *rr)
{
	return fx_x0(RMI_REALM_ACTIVATE, rr->r.rd, 0, 0, 0, 0);
}

static uint64_t rtt_init_ripas_call(const struct rs_realm *rr)
{
	return fx_x0(RMI_RTT_INIT_RIPAS, rr->r.rd, FREE_IPA, FREE_IPA + GRANULE_SIZE, 0, 0);
}

static void system_off_row(void **state)
{
	const struct fx_row *row = *state;
	struct rs_realm rr;
	struct rmi_result before[4];

	rs_realm(&rr);
	rs_smc(PSCI_SYSTEM_OFF, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_PSCI);
	fx_view(&rr.r, FREE_IPA, before);
	assert_int_equal(row->call(&rr), REALM_ERR);
	fx_assert_view(&rr.r, FREE_IPA, before);
	/* Still SYSTEM_OFF: REC_ENTER gives (REALM, 1). */
	assert_int_equal(rs_enter(&rr, 0, 0), RMI_STATUS(RMI_ERROR_REALM, 1));
}

#define OFF(cmd) FX_ROW(cmd##_realm_system_off, system_off_row, cmd##_call)
static const struct CMUnitTest tests[] = {
	OFF(data_create),
	OFF(rec_create),
	OFF(realm_activate),
	OFF(rtt_init_ripas),
};

UNIT_GROUP(system_off_tests, tests, NULL);
