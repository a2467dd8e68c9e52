/* Unit-test runner for the host build: runs every group, prints the totals. */
#include <stdio.h>

#include "unchanged.h"
#include "unit.h"

extern const struct unit_group lifecycle_tests;
extern const struct unit_group boot_tests, granule_tests, dispatch_tests, measure_tests;

/* RMI realm lifecycle (realm_fixture.c). */
extern const struct unit_group realm_tests, rec_tests, rtt_tests, rtt_fold_tests, rtt_map_tests,
	data_tests, ripas_tests;

/* Security regressions: realm geometry and the stage-2 walk's backstops. */
extern const struct unit_group realm_geometry_tests;

/* LPA2 realms: level -1 and the 52-bit entry format. */
extern const struct unit_group lpa2_tests;

/* Faults below the RMM: EL3 refusing GTSI calls. */
extern const struct unit_group el3_fault_tests;

/* Attestation: the CBOR encoder, the token, and the realm host's verifier. */
extern const struct unit_group cbor_tests, attest_tests, verify_tests;

/* The realm host's expected RIM (verify/expected_rim.c) against the RMM's. */
extern const struct unit_group expected_rim_tests;

/* Running realms: REC_ENTER, RSI and PSCI with scripted realms (realm_script.c). */
extern const struct unit_group rec_enter_tests, rec_gic_tests, rsi_tests, rsi_ripas_tests,
	rsi_attest_tests, realm_psci_tests, realm_inject_tests, rec_timer_tests,
	realm_external_abort_tests;

/* What a realm sees of the CPU: features offered and hidden. */
extern const struct unit_group realm_cpu_features_tests;

/* The NEW-only commands in a realm that is SYSTEM_OFF. */
extern const struct unit_group system_off_tests;

/* Realm sealing keys: the derivation and RSI_ATOLL_SEALING_KEY. */
extern const struct unit_group sealing_tests;

static const struct unit_group *const groups[] = {
	&boot_tests,
	&granule_tests,
	&dispatch_tests,
	&measure_tests,
	&lifecycle_tests,
	&realm_tests,
	&lpa2_tests,
	&rec_tests,
	&rtt_tests,
	&rtt_fold_tests,
	&rtt_map_tests,
	&data_tests,
	&ripas_tests,
	&realm_geometry_tests,
	&el3_fault_tests,
	&cbor_tests,
	&attest_tests,
	&verify_tests,
	&expected_rim_tests,
	&rec_enter_tests,
	&rec_gic_tests,
	&rsi_tests,
	&rsi_ripas_tests,
	&rsi_attest_tests,
	&realm_psci_tests,
	&realm_inject_tests,
	&rec_timer_tests,
	&realm_external_abort_tests,
	&realm_cpu_features_tests,
	&system_off_tests,
	&sealing_tests,
};

/* unit_ns_granule() hands out granules from here up. */
#define FIRST_TEST_GRANULE	0x80000000ULL

static uint64_t next_granule;

static int boot(const struct arch_realm_features *f)
{
	host_platform_reset();
	if (f != NULL)
		host_set_realm_features(f);
	host_write_manifest(UNIT_BANK_BASE, UNIT_BANK_SIZE);
	next_granule = FIRST_TEST_GRANULE;
	return host_cold_boot(0, ABI_VERSION(0U, 4U), 32, HOST_SHARED_BUF) == RMM_BOOT_SUCCESS ? 0
												 : -1;
}

int unit_boot_rmm(void **state)
{
	(void)state;
	return boot(NULL);
}

void unit_boot_rmm_with(const struct arch_realm_features *f)
{
	assert_int_equal(boot(f), 0);
}

void unit_snapshot(struct unchanged_snapshot *s, const uint64_t args[5])
{
	unchanged_take(s, FIRST_TEST_GRANULE, next_granule, args);
}

struct rmi_result unit_rmi(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5)
{
	/* One snapshot per nesting level: a realm script's hook may call while REC_ENTER runs. */
	static struct unchanged_snapshot snapshots[4];
	static unsigned int depth;
	uint64_t args[7] = { a1, a2, a3, a4, a5, 0, 0 };
	bool skip = unchanged_skipping();
	struct unchanged_snapshot *before;
	struct rmi_result res;
	char call[160];

	assert_in_range(depth, 0, 3);
	before = &snapshots[depth++];
	unit_snapshot(before, args);
	rmi_dispatch(fid, args, &res);
	depth--;
	if (res.x[0] != RMI_SUCCESS && !skip) {
		snprintf(call, sizeof(call), "RMI %#llx(%#llx, %#llx, %#llx, %#llx, %#llx) failed with %#llx",
			 (unsigned long long)fid, (unsigned long long)a1, (unsigned long long)a2,
			 (unsigned long long)a3, (unsigned long long)a4, (unsigned long long)a5,
			 (unsigned long long)res.x[0]);
		unchanged_assert(before, call);
	}
	return res;
}

uint64_t unit_ns_granule(void)
{
	uint64_t pa = next_granule;

	next_granule += GRANULE_SIZE;
	return pa;
}

int main(void)
{
	size_t passed = 0, failed = 0;

	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		const struct unit_group *g = groups[i];
		int fails = _cmocka_run_group_tests(g->name, g->tests, g->count, g->setup, NULL);

		failed += (size_t)fails;
		passed += g->count - (size_t)fails;
	}
	printf("unit: %zu passed, %zu failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
