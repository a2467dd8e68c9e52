/*
 * The end of a run (stress.h): with the threads joined, destroy every
 * object the rounds left, each call's result exact, then undelegate every
 * granule. A leaked reference shows here as a realm or RTT that cannot go.
 */
#include "stress.h"

static enum granule_state state_of(unsigned int i)
{
	return (enum granule_state)granule_find(POOL_PA(i))->state;
}

static void must(struct stress_cpu *c, struct rmi_result r, const char *what)
{
	if (r.x[0] != RMI_SUCCESS)
		stress_violation(c, "teardown: %s failed", what);
}

/* RTT_DESTROY of (ipa, level): gone, or there was no table (the walk stops above level). */
static void destroy_table(struct stress_cpu *c, uint64_t rd, uint64_t ipa, unsigned int level)
{
	struct rmi_result r = stress_rmi(c, RMI_RTT_DESTROY, rd, ipa, level, 0, 0);
	int child;

	if (r.x[0] == RMI_SUCCESS) {
		child = pool_index(r.x[1]);
		if (child < 0 || state_of((unsigned int)child) != GRANULE_STATE_DELEGATED)
			stress_violation(c, "teardown: RTT_DESTROY freed no pool RTT");
		return;
	}
	if (RMI_RETURN_STATUS(r.x[0]) != RMI_ERROR_RTT || RMI_RETURN_INDEX(r.x[0]) >= level)
		stress_violation(c, "teardown: a level %u RTT is still live", level);
}

static void destroy_realm(struct stress_cpu *c, uint64_t rd)
{
	for (unsigned int t = 0; t < NUM_L3_BASES; t++) {
		for (unsigned int p = 0; p < PAGES_PER_L3; p++) {
			uint64_t ipa = stress_l3_base(t) + p * GRANULE_SIZE;
			struct rmi_result r = ipa < UNPROT_BASE ?
				stress_rmi(c, RMI_DATA_DESTROY, rd, ipa, 0, 0, 0) :
				stress_rmi(c, RMI_RTT_UNMAP_UNPROTECTED, rd, ipa, 3, 0, 0);

			/* Gone, or nothing was there (RTT: the walk stopped or the entry is unassigned). */
			if (r.x[0] != RMI_SUCCESS && RMI_RETURN_STATUS(r.x[0]) != RMI_ERROR_RTT)
				stress_violation(c, "teardown: DATA_DESTROY/RTT_UNMAP_UNPROTECTED failed");
		}
		destroy_table(c, rd, stress_l3_base(t), 3);
	}
	for (unsigned int t = 0; t < NUM_L2_BASES; t++)
		destroy_table(c, rd, stress_l2_base(t), 2);
	must(c, stress_rmi(c, RMI_REALM_DESTROY, rd, 0, 0, 0, 0), "REALM_DESTROY");
}

void stress_teardown(struct stress_cpu *c)
{
	for (unsigned int i = 0; i < POOL_N; i++) {
		if (state_of(i) == GRANULE_STATE_REC)
			must(c, stress_rmi(c, RMI_REC_DESTROY, POOL_PA(i), 0, 0, 0, 0), "REC_DESTROY");
	}
	for (unsigned int i = 0; i < POOL_N; i++) {
		if (state_of(i) == GRANULE_STATE_RD)
			destroy_realm(c, POOL_PA(i));
	}
	for (unsigned int i = 0; i < POOL_N; i++) {
		if (state_of(i) == GRANULE_STATE_DELEGATED)
			must(c, stress_rmi(c, RMI_GRANULE_UNDELEGATE, POOL_PA(i), 0, 0, 0, 0),
			     "GRANULE_UNDELEGATE");
		if (state_of(i) != GRANULE_STATE_UNDELEGATED)
			stress_violation(c, "teardown: granule %#llx is left in state %u",
					 (unsigned long long)POOL_PA(i), (unsigned int)state_of(i));
	}
}
