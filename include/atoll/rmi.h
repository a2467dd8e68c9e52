/*
 * Realm Management Interface (host to RMM), RMM specification 1.0-REL0.
 * Values from shared/spec/rmm-1.0-abi.md section 2 and 3.
 */
#pragma once

#define RMI_FID(fnum)		(0xC4000000U | (fnum))
#define RMI_FNUM_FIRST		0x150U
#define RMI_FNUM_LAST		0x18FU

#define RMI_VERSION			RMI_FID(0x150U)
#define RMI_GRANULE_DELEGATE		RMI_FID(0x151U)
#define RMI_GRANULE_UNDELEGATE		RMI_FID(0x152U)
#define RMI_DATA_CREATE			RMI_FID(0x153U)
#define RMI_DATA_CREATE_UNKNOWN		RMI_FID(0x154U)
#define RMI_DATA_DESTROY		RMI_FID(0x155U)
#define RMI_REALM_ACTIVATE		RMI_FID(0x157U)
#define RMI_REALM_CREATE		RMI_FID(0x158U)
#define RMI_REALM_DESTROY		RMI_FID(0x159U)
#define RMI_REC_CREATE			RMI_FID(0x15AU)
#define RMI_REC_DESTROY			RMI_FID(0x15BU)
#define RMI_REC_ENTER			RMI_FID(0x15CU)
#define RMI_RTT_CREATE			RMI_FID(0x15DU)
#define RMI_RTT_DESTROY			RMI_FID(0x15EU)
#define RMI_RTT_MAP_UNPROTECTED		RMI_FID(0x15FU)
#define RMI_RTT_READ_ENTRY		RMI_FID(0x161U)
#define RMI_RTT_UNMAP_UNPROTECTED	RMI_FID(0x162U)
#define RMI_PSCI_COMPLETE		RMI_FID(0x164U)
#define RMI_FEATURES			RMI_FID(0x165U)
#define RMI_RTT_FOLD			RMI_FID(0x166U)
#define RMI_REC_AUX_COUNT		RMI_FID(0x167U)
#define RMI_RTT_INIT_RIPAS		RMI_FID(0x168U)
#define RMI_RTT_SET_RIPAS		RMI_FID(0x169U)

/* Interface versions: bits 30:16 major, 15:0 minor. */
#define ABI_VERSION(major, minor)	(((major) << 16) | (minor))
#define ABI_VERSION_MAJOR(v)		(((v) >> 16) & 0x7FFFU)
#define ABI_VERSION_MINOR(v)		((v) & 0xFFFFU)
#define RMI_ABI_VERSION			ABI_VERSION(1U, 0U)

/* Status word: x0 = (index << 8) | status. */
#define RMI_SUCCESS		0U
#define RMI_ERROR_INPUT		1U
#define RMI_ERROR_REALM		2U
#define RMI_ERROR_REC		3U
#define RMI_ERROR_RTT		4U
#define RMI_RETURN_STATUS(x)	((x) & 0xFFU)
#define RMI_RETURN_INDEX(x)	(((x) >> 8) & 0xFFU)
#define RMI_STATUS(status, index) \
	((unsigned long long)(status) | ((unsigned long long)((index) & 0xFF) << 8))

/* RmiFeatureRegister0 fields. */
#define RMI_FEAT0_S2SZ_SHIFT		0
#define RMI_FEAT0_LPA2			(1ULL << 8)
#define RMI_FEAT0_SVE_EN		(1ULL << 9)
#define RMI_FEAT0_SVE_VL_SHIFT		10
#define RMI_FEAT0_NUM_BPS_SHIFT		14
#define RMI_FEAT0_NUM_WPS_SHIFT		20
#define RMI_FEAT0_PMU_EN		(1ULL << 26)
#define RMI_FEAT0_PMU_NUM_CTRS_SHIFT	27
#define RMI_FEAT0_HASH_SHA_256		(1ULL << 32)
#define RMI_FEAT0_HASH_SHA_512		(1ULL << 33)
#define RMI_FEAT0_GICV3_NUM_LRS_SHIFT	34
#define RMI_FEAT0_MAX_RECS_ORDER_SHIFT	38

#define GRANULE_SHIFT	12
#define GRANULE_SIZE	(1ULL << GRANULE_SHIFT)
