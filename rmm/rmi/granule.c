/* RMI_GRANULE_DELEGATE and RMI_GRANULE_UNDELEGATE (spec order, section 2.4). */
#include <rmm/rmi.h>

#include <atoll/el3.h>
#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/log.h>

void rmi_granule_delegate(const uint64_t *args, struct rmi_result *res)
{
	/* 1 unaligned, 2 untracked, 3 not UNDELEGATED: all INPUT. */
	struct granule *g = granule_find_lock(args[0], GRANULE_STATE_UNDELEGATED);

	if (g == NULL) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	/* 4 the GPT does not say NS (e.g. RMM or Secure memory). */
	if (arch_el3_gtsi_delegate(args[0]) != E_RMM_OK) {
		granule_unlock(g);
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	/* A DELEGATED granule is always zero: whatever the host left goes now. */
	granule_set_state_locked(g, GRANULE_STATE_DELEGATED);
	arch_granule_zero(granule_va(g, GRANULE_STATE_DELEGATED));
	granule_unlock(g);
	res->x[0] = RMI_SUCCESS;
}

void rmi_granule_undelegate(const uint64_t *args, struct rmi_result *res)
{
	struct granule *g = granule_find_lock(args[0], GRANULE_STATE_DELEGATED);

	if (g == NULL) {
		res->x[0] = RMI_ERROR_INPUT;
		return;
	}
	/* DELEGATED granules are already zero, so nothing to scrub here. */
	if (arch_el3_gtsi_undelegate(args[0]) != E_RMM_OK) {
		/* The granule table and the GPT disagree: not recoverable. */
		rmm_log("RMM: GTSI_UNDELEGATE failed for %lx\n", args[0]);
		arch_panic();
	}
	granule_set_state_locked(g, GRANULE_STATE_UNDELEGATED);
	granule_unlock(g);
	res->x[0] = RMI_SUCCESS;
}
