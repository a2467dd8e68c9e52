/* System tests: RMI_VERSION, RMI_FEATURES and unknown FIDs. */
#include <atoll/rmi.h>
#include <atoll/smccc.h>

#include "rmi/calls.h"
#include "test.h"

TEST(version_supported)
{
	struct rmi_ret r = rmi_call(RMI_VERSION, RMI_ABI_VERSION, 0, 0, 0, 0);

	CHECK_EQ(r.x[0], RMI_SUCCESS);
	CHECK_EQ(r.x[1], RMI_ABI_VERSION);
	CHECK_EQ(r.x[2], RMI_ABI_VERSION);
}

TEST(version_unsupported_major)
{
	struct rmi_ret r = rmi_call(RMI_VERSION, ABI_VERSION(2U, 0U), 0, 0, 0, 0);

	CHECK_EQ(r.x[0], RMI_ERROR_INPUT);
	CHECK_EQ(r.x[1], RMI_ABI_VERSION);
	CHECK_EQ(r.x[2], RMI_ABI_VERSION);
}

TEST(version_unsupported_minor)
{
	struct rmi_ret r = rmi_call(RMI_VERSION, ABI_VERSION(1U, 1U), 0, 0, 0, 0);

	CHECK_EQ(r.x[0], RMI_ERROR_INPUT);
	CHECK_EQ(r.x[1], RMI_ABI_VERSION);
	CHECK_EQ(r.x[2], RMI_ABI_VERSION);
	r = rmi_call(RMI_VERSION, 0, 0, 0, 0, 0);
	CHECK_EQ(r.x[0], RMI_ERROR_INPUT);
}

TEST(version_with_sve_hint)
{
	struct rmi_ret r = rmi_call(RMI_VERSION | SMCCC_SVE_HINT, RMI_ABI_VERSION, 0, 0, 0, 0);

	CHECK_EQ(r.x[0], RMI_SUCCESS);
	CHECK_EQ(r.x[1], RMI_ABI_VERSION);
}

TEST(features_index0)
{
	struct rmi_ret r = rmi_call(RMI_FEATURES, 0, 0, 0, 0, 0);
	uint64_t s2sz = r.x[1] & 0xFFU;

	CHECK_EQ(r.x[0], RMI_SUCCESS);
	/* 48 bits at most without LPA2, 52 with it; QEMU's -cpu max has FEAT_LPA2 and 52-bit PAs. */
	CHECK(s2sz >= 32U && s2sz <= ((r.x[1] & RMI_FEAT0_LPA2) != 0U ? 52U : 48U));
	CHECK_EQ(r.x[1] & RMI_FEAT0_LPA2, RMI_FEAT0_LPA2);
	CHECK_EQ(s2sz, 52);
	CHECK_EQ(r.x[1] >> 42, 0);
	/* SVE and PMUv3 too (docs/realms.md). */
	CHECK(r.x[1] & RMI_FEAT0_SVE_EN);
	CHECK(r.x[1] & RMI_FEAT0_PMU_EN);
	CHECK(r.x[1] & RMI_FEAT0_HASH_SHA_256);
	CHECK(r.x[1] & RMI_FEAT0_HASH_SHA_512);
}

TEST(features_index_out_of_range)
{
	static const uint64_t indices[] = { 1, 2, 0xFF, 0xFFFFFFFFFFFFFFFFULL };

	for (unsigned int i = 0; i < sizeof(indices) / sizeof(indices[0]); i++) {
		struct rmi_ret r = rmi_call(RMI_FEATURES, indices[i], 0, 0, 0, 0);

		CHECK_EQ(r.x[0], RMI_SUCCESS);
		CHECK_EQ(r.x[1], 0);
	}
}

TEST(unknown_rmi_fid_not_supported)
{
	static const uint32_t fids[] = { RMI_FID(0x156U), RMI_FID(0x160U), RMI_FID(0x163U),
					 RMI_FID(0x16AU), RMI_FID(0x18EU) };

	for (unsigned int i = 0; i < sizeof(fids) / sizeof(fids[0]); i++)
		CHECK_EQ(rmi_call(fids[i], 0, 0, 0, 0, 0).x[0], SMC_NOT_SUPPORTED);
}

TEST(unused_result_register_x4_preserved)
{
	struct rmi_ret r = rmi_call(RMI_VERSION, RMI_ABI_VERSION, 0, 0, 0x1234567890ULL, 0);

	CHECK_EQ(r.x[4], 0x1234567890ULL);
}
