/* rsi_tests: WFI, SMCCC/PSCI answered by the RMM, and a second REC started with CPU_ON. */
#include <stddef.h>

#include <atoll/realm_image.h>
#include <atoll/smccc.h>

#include "rsi.h"
#include "rsi_tests.h"
#include "test.h"

/* ---- WFI/WFE ---- */

TEST(wfi_traps_to_host)
{
	const uint64_t wfi = exit_count(REALM_EXIT_COUNT_WFI);

	__asm__ volatile("wfi" ::: "memory");
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_WFI), wfi + 1U);
	/*
	 * WFE is trapped too, but QEMU never suspends on WFE and so never
	 * takes that trap: it must merely come back.
	 */
	__asm__ volatile("wfe; wfe" ::: "memory");
}

/* ---- PSCI ---- */

TEST(psci_smccc_versions)
{
	CHECK_EQ(smccc_version(), 0x10002U);
	CHECK(psci_version() >= 0x10001U);
}

TEST(psci_features_of_each_call)
{
	const uint64_t supported[] = { PSCI_CPU_SUSPEND_32, PSCI_CPU_SUSPEND_64, PSCI_CPU_OFF,
				       PSCI_CPU_ON_32,	    PSCI_CPU_ON_64,	 PSCI_AFFINITY_INFO_32,
				       PSCI_AFFINITY_INFO_64, PSCI_SYSTEM_OFF,	 PSCI_SYSTEM_RESET,
				       PSCI_FEATURES,	    SMCCC_VERSION_FID };

	for (unsigned int i = 0; i < sizeof(supported) / sizeof(supported[0]); i++)
		CHECK_EQ(psci_features(supported[i]), PSCI_RET_SUCCESS);
	CHECK_EQ(psci_features(0x84000007U), PSCI_RET_NOT_SUPPORTED);	/* CPU_FREEZE */
	CHECK_EQ(psci_features(RSI_VERSION), PSCI_RET_NOT_SUPPORTED);
}

TEST(psci_cpu_suspend_returns)
{
	const uint64_t psci = exit_count(REALM_EXIT_COUNT_PSCI);

	CHECK_EQ(psci_cpu_suspend(0, 0, 0), PSCI_RET_SUCCESS);
	/* The host hears of it, but has nothing to complete. */
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_PSCI), psci + 1U);
}

TEST(psci_bad_args)
{
	/* covers: PSCI_AFFINITY_INFO.level_1, PSCI_AFFINITY_INFO.target_index_2 */
	/* covers: PSCI_CPU_ON.self, PSCI_CPU_ON.entry_unprotected */
	const uint64_t self = realm_mpidr() & 0xFFU, psci = exit_count(REALM_EXIT_COUNT_PSCI);

	CHECK_EQ(psci_affinity_info(self, 0), 0);	/* ON, answered by the RMM */
	CHECK_EQ(psci_affinity_info(1, 1), PSCI_RET_INVALID_PARAMS);
	CHECK_EQ(psci_affinity_info(9, 0), PSCI_RET_INVALID_PARAMS);
	CHECK_EQ(psci_cpu_on(self, realm_secondary_entry_ipa(), 0), PSCI_RET_ALREADY_ON);
	CHECK_EQ(psci_cpu_on(7, realm_secondary_entry_ipa(), 0), PSCI_RET_INVALID_PARAMS);
	CHECK_EQ(psci_cpu_on(1, realm_unprotected_base(), 0), PSCI_RET_INVALID_ADDRESS);
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_PSCI), psci);
}

/* What the second REC saw; it writes, REC 0 reads after CPU_ON. */
struct second_rec {
	volatile uint64_t runs;
	volatile uint64_t mpidr;
	volatile int64_t affinity_of_rec0;
};

static void second_rec_main(void *arg)
{
	struct second_rec *s = arg;
	s->mpidr = realm_mpidr();
	s->affinity_of_rec0 = psci_affinity_info(0, 0);
	realm_printf("second REC: running, MPIDR %lx\n", s->mpidr);
	s->runs = s->runs + 1U;
}

/* Until AFFINITY_INFO says OFF: the host may still be finishing the CPU_OFF. */
static int64_t wait_off(uint64_t mpidr)
{
	int64_t state = 0;

	for (unsigned int i = 0; i < 1000U && state != 1; i++)
		state = psci_affinity_info(mpidr, 0);
	return state;
}

TEST(psci_cpu_on_second_rec)
{
	static struct second_rec s;
	struct realm_cpu_work work = { second_rec_main, &s };

	CHECK_EQ(psci_affinity_info(1, 0), 1);	/* OFF */
	for (unsigned int round = 1; round <= 2U; round++) {
		CHECK_EQ(realm_cpu_on(1, &work), PSCI_RET_SUCCESS);
		CHECK_EQ(wait_off(1), 1);
		CHECK_EQ(s.runs, round);
		CHECK_EQ(s.mpidr & 0xFFU, 1);
		CHECK_EQ(s.affinity_of_rec0, 0);	/* REC 0 is ON */
	}
}
