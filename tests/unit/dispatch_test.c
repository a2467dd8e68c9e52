/* RMI dispatch, RMI_VERSION and RMI_FEATURES. */
#include <atoll/smccc.h>

#include "unit.h"

static void version_supported(void **state)
{
	struct rmi_result r = unit_rmi(RMI_VERSION, RMI_ABI_VERSION, 0, 0, 0, 0);

	(void)state;
	assert_int_equal(r.x[0], RMI_SUCCESS);
	assert_int_equal(r.x[1], RMI_ABI_VERSION);
	assert_int_equal(r.x[2], RMI_ABI_VERSION);
}

static void version_unsupported(void **state)
{
	/* covers: RMI_VERSION.req_unsupported */
	static const uint64_t reqs[] = { 0, ABI_VERSION(0U, 9U), ABI_VERSION(1U, 1U),
					 ABI_VERSION(2U, 0U), (1ULL << 31) | RMI_ABI_VERSION };

	(void)state;
	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		struct rmi_result r = unit_rmi(RMI_VERSION, reqs[i], 0, 0, 0, 0);

		assert_int_equal(r.x[0], RMI_ERROR_INPUT);
		assert_int_equal(r.x[1], RMI_ABI_VERSION);
		assert_int_equal(r.x[2], RMI_ABI_VERSION);
	}
}

static void features_register0(void **state)
{
	struct rmi_result r = unit_rmi(RMI_FEATURES, 0, 0, 0, 0, 0);

	(void)state;
	assert_int_equal(r.x[0], RMI_SUCCESS);
	/* The host platform's CPU has 52-bit PAs and FEAT_LPA2, as QEMU's -cpu max. */
	assert_int_equal(r.x[1] & 0xFF, 52);
	assert_int_equal(r.x[1] >> 42, 0);
	assert_int_equal(r.x[1] & RMI_FEAT0_LPA2, RMI_FEAT0_LPA2);
	assert_int_equal((r.x[1] >> RMI_FEAT0_NUM_BPS_SHIFT) & 0x3F, 5);
	assert_int_equal((r.x[1] >> RMI_FEAT0_NUM_WPS_SHIFT) & 0x3F, 3);
	assert_int_equal((r.x[1] >> RMI_FEAT0_GICV3_NUM_LRS_SHIFT) & 0xF, 3);
	/* The host platform's CPU is QEMU's: SVE up to 2048 bits, PMUv3 with 6 counters. */
	assert_int_equal(r.x[1] & RMI_FEAT0_SVE_EN, RMI_FEAT0_SVE_EN);
	assert_int_equal((r.x[1] >> RMI_FEAT0_SVE_VL_SHIFT) & 0xF, 15);
	assert_int_equal(r.x[1] & RMI_FEAT0_PMU_EN, RMI_FEAT0_PMU_EN);
	assert_int_equal((r.x[1] >> RMI_FEAT0_PMU_NUM_CTRS_SHIFT) & 0x1F, 6);
}

static void features_other_index_zero(void **state)
{
	(void)state;
	assert_int_equal(unit_rmi(RMI_FEATURES, 1, 0, 0, 0, 0).x[1], 0);
	assert_int_equal(unit_rmi(RMI_FEATURES, ~0ULL, 0, 0, 0, 0).x[1], 0);
}

static void unknown_fid_not_supported(void **state)
{
	/* covers: RMI.unknown_fid */
	static const uint64_t fids[] = { RMI_FID(0x156U), RMI_FID(0x160U), RMI_FID(0x163U),
					 RMI_FID(0x16AU), RMI_FID(0x18EU), RMI_FID(0x18FU),
					 0x84000150U, RMI_FID(0x150U) | (1U << 17) };

	(void)state;
	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++)
		assert_int_equal(unit_rmi(fids[i], 0, 0, 0, 0, 0).x[0], SMC_NOT_SUPPORTED);
}

static void sve_hint_ignored(void **state)
{
	(void)state;
	assert_int_equal(unit_rmi(RMI_VERSION | SMCCC_SVE_HINT, RMI_ABI_VERSION, 0, 0, 0, 0).x[0],
			 RMI_SUCCESS);
}

static void x4_returned_unchanged(void **state)
{
	(void)state;
	assert_int_equal(unit_rmi(RMI_FEATURES, 0, 0, 0, 0xABCDEF, 0).x[4], 0xABCDEF);
	assert_int_equal(unit_rmi(RMI_FID(0x156U), 0, 0, 0, 0x77, 0).x[4], 0x77);
}

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	T(version_supported),
	T(version_unsupported),
	T(features_register0),
	T(features_other_index_zero),
	T(unknown_fid_not_supported),
	T(sve_hint_ignored),
	T(x4_returned_unchanged),
};

UNIT_GROUP(dispatch_tests, tests, NULL);
