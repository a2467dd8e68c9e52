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

#ifndef __ASSEMBLER__
#include <stdint.h>

/* RmiRealmParams (spec 3.1): one 4 KB granule in NS memory. */
#define RMI_REALM_FLAG_LPA2	(1ULL << 0)
#define RMI_REALM_FLAG_SVE	(1ULL << 1)
#define RMI_REALM_FLAG_PMU	(1ULL << 2)
#define RMI_HASH_SHA_256	0U
#define RMI_HASH_SHA_512	1U

struct rmi_realm_params {
	uint64_t flags;			/* 0x000 */
	uint32_t s2sz;			/* 0x008 (u8 in the spec; TF-RMM reads u32) */
	uint8_t pad0[4];
	uint32_t sve_vl;		/* 0x010 */
	uint8_t pad1[4];
	uint32_t num_bps;		/* 0x018 */
	uint8_t pad2[4];
	uint32_t num_wps;		/* 0x020 */
	uint8_t pad3[4];
	uint32_t pmu_num_ctrs;		/* 0x028 */
	uint8_t pad4[4];
	uint8_t hash_algo;		/* 0x030 */
	uint8_t pad5[0x400 - 0x031];
	uint8_t rpv[64];		/* 0x400 */
	uint8_t pad6[0x800 - 0x440];
	uint16_t vmid;			/* 0x800 */
	uint8_t pad7[6];
	uint64_t rtt_base;		/* 0x808 */
	int64_t rtt_level_start;	/* 0x810 */
	uint32_t rtt_num_start;		/* 0x818 */
	uint8_t pad8[0x1000 - 0x81C];
};

/* RmiRecParams (spec 3.2). */
#define RMI_REC_FLAG_RUNNABLE	(1ULL << 0)
#define RMI_REC_MAX_AUX		16U
#define RMI_REC_CREATE_GPRS	8U

struct rmi_rec_params {
	uint64_t flags;				/* 0x000 */
	uint8_t pad0[0x100 - 0x008];
	uint64_t mpidr;				/* 0x100 */
	uint8_t pad1[0x200 - 0x108];
	uint64_t pc;				/* 0x200 */
	uint8_t pad2[0x300 - 0x208];
	uint64_t gprs[RMI_REC_CREATE_GPRS];	/* 0x300 */
	uint8_t pad3[0x800 - 0x340];
	uint64_t num_aux;			/* 0x800 */
	uint64_t aux[RMI_REC_MAX_AUX];		/* 0x808 */
	uint8_t pad4[0x1000 - 0x888];
};

/* RmiRecRun (spec 3.3): enter half then exit half. */
#define RMI_REC_RUN_GPRS	31U
#define RMI_REC_GIC_LRS		16U

struct rmi_rec_enter {
	uint64_t flags;					/* 0x000 */
	uint8_t pad0[0x200 - 0x008];
	uint64_t gprs[RMI_REC_RUN_GPRS];		/* 0x200 */
	uint8_t pad1[0x300 - 0x2F8];
	uint64_t gicv3_hcr;				/* 0x300 */
	uint64_t gicv3_lrs[RMI_REC_GIC_LRS];		/* 0x308 */
	uint8_t pad2[0x800 - 0x388];
};

struct rmi_rec_exit {
	uint64_t exit_reason;				/* 0x000 */
	uint8_t pad0[0x100 - 0x008];
	uint64_t esr;					/* 0x100 */
	uint64_t far;					/* 0x108 */
	uint64_t hpfar;					/* 0x110 */
	uint8_t pad1[0x200 - 0x118];
	uint64_t gprs[RMI_REC_RUN_GPRS];		/* 0x200 */
	uint8_t pad2[0x300 - 0x2F8];
	uint64_t gicv3_hcr;				/* 0x300 */
	uint64_t gicv3_lrs[RMI_REC_GIC_LRS];		/* 0x308 */
	uint64_t gicv3_misr;				/* 0x388 */
	uint64_t gicv3_vmcr;				/* 0x390 */
	uint8_t pad3[0x400 - 0x398];
	uint64_t cntp_ctl;				/* 0x400 */
	uint64_t cntp_cval;				/* 0x408 */
	uint64_t cntv_ctl;				/* 0x410 */
	uint64_t cntv_cval;				/* 0x418 */
	uint8_t pad4[0x500 - 0x420];
	uint64_t ripas_base;				/* 0x500 */
	uint64_t ripas_top;				/* 0x508 */
	uint64_t ripas_value;				/* 0x510 */
	uint8_t pad5[0x600 - 0x518];
	uint64_t imm;					/* 0x600 */
	uint8_t pad6[0x700 - 0x608];
	uint64_t pmu_ovf_status;			/* 0x700 */
	uint8_t pad7[0x800 - 0x708];
};

struct rmi_rec_run {
	struct rmi_rec_enter enter;
	struct rmi_rec_exit exit;
};

/* RTT entry states and RIPAS values as RMI reports them. */
#define RMI_UNASSIGNED		0U
#define RMI_ASSIGNED		1U
#define RMI_TABLE		2U
#define RMI_EMPTY		0U
#define RMI_RAM			1U
#define RMI_DESTROYED		2U

#define RMI_NO_MEASURE_CONTENT	0U
#define RMI_MEASURE_CONTENT	1U

#define RMI_REC_AUX_COUNT_VALUE	16U

/* Spec offsets, checked at compile time (tables 3.1 to 3.3). */
#define RMI_CHECK_OFFSET(type, field, off) \
	_Static_assert(__builtin_offsetof(type, field) == (off), #type "." #field " at " #off " (spec 3)")
RMI_CHECK_OFFSET(struct rmi_realm_params, s2sz, 0x008);
RMI_CHECK_OFFSET(struct rmi_realm_params, hash_algo, 0x030);
RMI_CHECK_OFFSET(struct rmi_realm_params, rpv, 0x400);
RMI_CHECK_OFFSET(struct rmi_realm_params, vmid, 0x800);
RMI_CHECK_OFFSET(struct rmi_realm_params, rtt_base, 0x808);
RMI_CHECK_OFFSET(struct rmi_realm_params, rtt_level_start, 0x810);
RMI_CHECK_OFFSET(struct rmi_realm_params, rtt_num_start, 0x818);
_Static_assert(sizeof(struct rmi_realm_params) == 0x1000, "RmiRealmParams is 4 KB");
RMI_CHECK_OFFSET(struct rmi_rec_params, mpidr, 0x100);
RMI_CHECK_OFFSET(struct rmi_rec_params, pc, 0x200);
RMI_CHECK_OFFSET(struct rmi_rec_params, gprs, 0x300);
RMI_CHECK_OFFSET(struct rmi_rec_params, num_aux, 0x800);
RMI_CHECK_OFFSET(struct rmi_rec_params, aux, 0x808);
_Static_assert(sizeof(struct rmi_rec_params) == 0x1000, "RmiRecParams is 4 KB");
RMI_CHECK_OFFSET(struct rmi_rec_enter, gprs, 0x200);
RMI_CHECK_OFFSET(struct rmi_rec_enter, gicv3_hcr, 0x300);
RMI_CHECK_OFFSET(struct rmi_rec_enter, gicv3_lrs, 0x308);
RMI_CHECK_OFFSET(struct rmi_rec_exit, esr, 0x100);
RMI_CHECK_OFFSET(struct rmi_rec_exit, gprs, 0x200);
RMI_CHECK_OFFSET(struct rmi_rec_exit, gicv3_misr, 0x388);
RMI_CHECK_OFFSET(struct rmi_rec_exit, cntp_ctl, 0x400);
RMI_CHECK_OFFSET(struct rmi_rec_exit, ripas_base, 0x500);
RMI_CHECK_OFFSET(struct rmi_rec_exit, imm, 0x600);
RMI_CHECK_OFFSET(struct rmi_rec_exit, pmu_ovf_status, 0x700);
_Static_assert(sizeof(struct rmi_rec_run) == 0x1000, "RmiRecRun is 4 KB");
#endif
