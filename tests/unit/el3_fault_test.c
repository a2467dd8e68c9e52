/*
 * Fault injection below the RMM: the emulated EL3 refuses a GTSI call
 * (harness.h host_el3_faults). DELEGATE: the host gets RMI_ERROR_INPUT, the
 * granule stays UNDELEGATED and NS with its contents, and the next call
 * works. UNDELEGATE: a refusal means the granule table and the GPT no longer
 * agree, so the RMM stops (docs/threat-model.md) rather than hand the granule
 * back as NS while EL3 may still have it in the Realm PAS.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atoll/el3.h>
#include <rmm/granule.h>

#include "realm_fixture.h"
#include "unit.h"

static uint64_t delegate(uint64_t pa)
{
	return unit_rmi(RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0).x[0];
}

/* Every error EL3 may give: the RMM's answer does not depend on which. */
static const int64_t el3_errors[] = { E_RMM_UNK,   E_RMM_BAD_ADDR, E_RMM_BAD_PAS,
				      E_RMM_NOMEM, E_RMM_INVAL,	   E_RMM_AGAIN };

static void gtsi_delegate_refused_leaves_granule_undelegated(void **state)
{
	uint8_t pattern[GRANULE_SIZE];

	(void)state;
	memset(pattern, 0x5A, sizeof(pattern));
	for (size_t i = 0; i < sizeof(el3_errors) / sizeof(el3_errors[0]); i++) {
		uint64_t pa = unit_ns_granule();
		unsigned long calls = host_el3_stats.delegate_calls;

		memcpy(host_pa_ptr(pa), pattern, sizeof(pattern));
		host_el3_faults.delegate_error = el3_errors[i];
		assert_int_equal(delegate(pa), RMI_ERROR_INPUT);
		assert_int_equal(host_el3_stats.delegate_calls, calls + 1U);
		assert_int_equal(granule_find(pa)->state, GRANULE_STATE_UNDELEGATED);
		assert_int_equal(granule_find(pa)->refcount, 0);
		assert_int_equal(host_gpt_get(pa), HOST_PAS_NS);
		/* Not scrubbed: the host's page is still the host's. */
		assert_memory_equal(host_pa_ptr(pa), pattern, sizeof(pattern));
		/* The refusal was EL3's, once: the same granule delegates now. */
		assert_int_equal(delegate(pa), RMI_SUCCESS);
		assert_int_equal(granule_find(pa)->state, GRANULE_STATE_DELEGATED);
		assert_int_equal(host_gpt_get(pa), HOST_PAS_REALM);
	}
}

/* After a refused DELEGATE the host builds a realm as usual (the fixture checks every step). */
static void gtsi_delegate_refused_then_realm_created(void **state)
{
	uint64_t pa = unit_ns_granule();
	struct fx_realm r;

	(void)state;
	host_el3_faults.delegate_error = E_RMM_AGAIN;
	assert_int_equal(delegate(pa), RMI_ERROR_INPUT);
	fx_realm_default(&r);
	fx_realm_activate(&r);
	assert_int_equal(granule_find(r.rd)->state, GRANULE_STATE_RD);
	assert_int_equal(delegate(pa), RMI_SUCCESS);
}

/*
 * Runs an UNDELEGATE that EL3 refuses in a child process; the RMM must stop
 * (arch_panic, SIGABRT on the host platform) and never report SUCCESS.
 */
static void gtsi_undelegate_refused_stops_the_rmm(void **state)
{
	uint64_t pa = unit_ns_granule();
	int status;
	pid_t child;

	(void)state;
	assert_int_equal(delegate(pa), RMI_SUCCESS);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		host_el3_faults.undelegate_error = E_RMM_BAD_PAS;
		(void)unit_rmi(RMI_GRANULE_UNDELEGATE, pa, 0, 0, 0, 0);
		_exit(0);	/* the RMM went on: the test fails */
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	/* The parent's RMM, which saw no fault, still has the granule and undelegates it. */
	assert_int_equal(unit_rmi(RMI_GRANULE_UNDELEGATE, pa, 0, 0, 0, 0).x[0], RMI_SUCCESS);
	assert_int_equal(host_gpt_get(pa), HOST_PAS_NS);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	T(gtsi_delegate_refused_leaves_granule_undelegated),
	T(gtsi_delegate_refused_then_realm_created),
	T(gtsi_undelegate_refused_stops_the_rmm),
};

UNIT_GROUP(el3_fault_tests, tests, NULL);
