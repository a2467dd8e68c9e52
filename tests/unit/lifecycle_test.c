/* A whole realm lifecycle on the host build: create, populate, activate, tear down. */
#include <string.h>

#include <rmm/granule.h>

#include "unit.h"

static uint64_t delegated(void)
{
	uint64_t pa = unit_ns_granule();

	assert_int_equal(unit_rmi(RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0).x[0], RMI_SUCCESS);
	return pa;
}

static void lifecycle_create_populate_destroy(void **state)
{
	uint64_t params = unit_ns_granule(), src = unit_ns_granule(), rec_params = unit_ns_granule();
	struct rmi_realm_params *p = host_pa_ptr(params);
	struct rmi_rec_params *rp = host_pa_ptr(rec_params);
	uint64_t rd = delegated(), root = delegated();
	uint64_t l1 = delegated(), l2 = delegated(), l3 = delegated(), data = delegated();
	uint64_t rec = delegated(), aux[16];
	struct rmi_result r;

	(void)state;
	memset(p, 0, sizeof(*p));
	p->s2sz = 40;
	p->num_bps = 1;
	p->num_wps = 1;
	p->rtt_base = root;
	p->rtt_level_start = 1;
	p->rtt_num_start = 1;
	/* s2sz 40 at level 1 needs two concatenated roots, not one. */
	assert_int_equal(unit_rmi(RMI_REALM_CREATE, rd, params, 0, 0, 0).x[0], RMI_ERROR_INPUT);
	p->rtt_level_start = 0;
	p->rtt_num_start = 1;
	assert_int_equal(unit_rmi(RMI_REALM_CREATE, rd, params, 0, 0, 0).x[0], RMI_SUCCESS);
	assert_int_equal(granule_find(rd)->state, GRANULE_STATE_RD);

	assert_int_equal(unit_rmi(RMI_RTT_CREATE, rd, l1, 0, 1, 0).x[0], RMI_SUCCESS);
	assert_int_equal(unit_rmi(RMI_RTT_CREATE, rd, l2, 0, 2, 0).x[0], RMI_SUCCESS);
	assert_int_equal(unit_rmi(RMI_RTT_CREATE, rd, l3, 0, 3, 0).x[0], RMI_SUCCESS);
	r = unit_rmi(RMI_RTT_INIT_RIPAS, rd, 0, 0x4000, 0, 0);
	assert_int_equal(r.x[0], RMI_SUCCESS);
	assert_int_equal(r.x[1], 0x4000);
	memset(host_pa_ptr(src), 0x42, GRANULE_SIZE);
	assert_int_equal(unit_rmi(RMI_DATA_CREATE, rd, data, 0x1000, src, 1).x[0], RMI_SUCCESS);
	assert_memory_equal(host_pa_ptr(data), host_pa_ptr(src), GRANULE_SIZE);
	r = unit_rmi(RMI_RTT_READ_ENTRY, rd, 0x1000, 3, 0, 0);
	assert_int_equal(r.x[0], RMI_SUCCESS);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], data);
	assert_int_equal(r.x[4], RMI_RAM);

	memset(rp, 0, sizeof(*rp));
	rp->flags = RMI_REC_FLAG_RUNNABLE;
	rp->num_aux = 16;
	for (int i = 0; i < 16; i++)
		rp->aux[i] = aux[i] = delegated();
	assert_int_equal(unit_rmi(RMI_REC_CREATE, rd, rec, rec_params, 0, 0).x[0], RMI_SUCCESS);
	assert_int_equal(unit_rmi(RMI_REALM_ACTIVATE, rd, 0, 0, 0, 0).x[0], RMI_SUCCESS);
	assert_int_equal(unit_rmi(RMI_REALM_DESTROY, rd, 0, 0, 0, 0).x[0], RMI_ERROR_REALM);

	assert_int_equal(unit_rmi(RMI_REC_DESTROY, rec, 0, 0, 0, 0).x[0], RMI_SUCCESS);
	r = unit_rmi(RMI_DATA_DESTROY, rd, 0x1000, 0, 0, 0);
	assert_int_equal(r.x[0], RMI_SUCCESS);
	assert_int_equal(r.x[1], data);
	r = unit_rmi(RMI_RTT_DESTROY, rd, 0, 3, 0, 0);
	assert_int_equal(r.x[0], RMI_SUCCESS);
	assert_int_equal(r.x[1], l3);
	assert_int_equal(unit_rmi(RMI_RTT_DESTROY, rd, 0, 2, 0, 0).x[1], l2);
	assert_int_equal(unit_rmi(RMI_RTT_DESTROY, rd, 0, 1, 0, 0).x[1], l1);
	assert_int_equal(unit_rmi(RMI_REALM_DESTROY, rd, 0, 0, 0, 0).x[0], RMI_SUCCESS);
	for (int i = 0; i < 16; i++)
		assert_int_equal(unit_rmi(RMI_GRANULE_UNDELEGATE, aux[i], 0, 0, 0, 0).x[0],
				 RMI_SUCCESS);
	uint64_t all[] = { rd, root, l1, l2, l3, data, rec };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		assert_int_equal(unit_rmi(RMI_GRANULE_UNDELEGATE, all[i], 0, 0, 0, 0).x[0],
				 RMI_SUCCESS);
}

/* Two concatenated roots (s2sz 40 from level 1) must start on an 8 KB boundary. */
static void realm_create_concatenated_roots_misaligned(void **state)
{
	uint64_t params = unit_ns_granule(), rd = delegated();
	struct rmi_realm_params *p = host_pa_ptr(params);
	uint64_t run[3];

	(void)state;
	for (int i = 0; i < 3; i++)
		run[i] = delegated();
	/* Three consecutive granules: one pair starts on an odd 4 KB boundary. */
	uint64_t odd = (run[0] & 0x1000U) != 0U ? run[0] : run[1];

	assert_int_equal(run[1], run[0] + GRANULE_SIZE);
	assert_int_equal(run[2], run[1] + GRANULE_SIZE);
	memset(p, 0, sizeof(*p));
	p->s2sz = 40;
	p->num_bps = 1;
	p->num_wps = 1;
	p->rtt_level_start = 1;
	p->rtt_num_start = 2;
	p->rtt_base = odd;
	assert_int_equal(unit_rmi(RMI_REALM_CREATE, rd, params, 0, 0, 0).x[0], RMI_ERROR_INPUT);
	assert_int_equal(granule_find(rd)->state, GRANULE_STATE_DELEGATED);
	assert_int_equal(granule_find(odd)->state, GRANULE_STATE_DELEGATED);
	p->rtt_base = odd == run[0] ? run[1] : run[0];
	assert_int_equal(unit_rmi(RMI_REALM_CREATE, rd, params, 0, 0, 0).x[0], RMI_SUCCESS);
	assert_int_equal(granule_find(p->rtt_base)->state, GRANULE_STATE_RTT);
	assert_int_equal(granule_find(p->rtt_base + GRANULE_SIZE)->state, GRANULE_STATE_RTT);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(lifecycle_create_populate_destroy, unit_boot_rmm),
	cmocka_unit_test_setup(realm_create_concatenated_roots_misaligned, unit_boot_rmm),
};

UNIT_GROUP(lifecycle_tests, tests, NULL);
