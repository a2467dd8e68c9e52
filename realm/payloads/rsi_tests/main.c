/*
 * RSI and PSCI from inside a realm (shared/spec/rmm-1.0-abi.md section 4),
 * run by the host with 2 RECs: each command with good and bad arguments
 * (calls.c), RIPAS changes the host accepts or refuses, EMPTY and
 * Unprotected memory (memory.c), WFI and PSCI with a second REC (psci.c),
 * registers that trap to the RMM (traps.c). The files run in that order;
 * tests within a file may build on the state earlier ones leave.
 */
#include <stddef.h>

#include <atoll/realm_image.h>

#include "rsi.h"
#include "rsi_tests.h"
#include "test.h"

uint64_t unprotected(uint64_t offset)
{
	return realm_unprotected_base() + offset;
}

uint64_t exit_count(unsigned int kind)
{
	uint64_t n = ~0ULL;

	(void)realm_host_call(REALM_HC_EXIT_COUNT, kind, 0, &n);
	return n;
}

uint64_t set_policy(unsigned int policy)
{
	uint64_t bad = 1;

	(void)realm_host_call(REALM_HC_RIPAS_POLICY, policy, 0, &bad);
	return bad;
}

void realm_main(void)
{
	(void)realm_run_tests();
}
