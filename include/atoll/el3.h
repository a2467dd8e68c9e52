/*
 * RMM-EL3 interface of TF-A 2.12 (interface 0.4, boot manifest 0.3):
 * shared/spec/rmm-1.0-abi.md section 7.
 */
#pragma once

#include <stdint.h>

#define RMM_EL3_IFC_VERSION_MAJOR	0U
#define RMM_EL3_IFC_VERSION_MINOR_MIN	3U
#define RMM_MANIFEST_VERSION_MAJOR	0U
#define RMM_MANIFEST_VERSION_MINOR_MIN	3U

#define RMM_GTSI_DELEGATE		0xC40001B0U
#define RMM_GTSI_UNDELEGATE		0xC40001B1U
#define RMM_ATTEST_GET_REALM_KEY	0xC40001B2U
#define RMM_ATTEST_GET_PLAT_TOKEN	0xC40001B3U
#define RMM_ATTEST_CURVE_P384		0U	/* GET_REALM_KEY x3 */
#define RMM_EL3_FEATURES		0xC40001B4U
#define RMM_RMI_REQ_COMPLETE		0xC400018FU
#define RMM_BOOT_COMPLETE		0xC40001CFU

/* Results of RMM-EL3 services. */
#define E_RMM_OK	0
#define E_RMM_UNK	(-1)
#define E_RMM_BAD_ADDR	(-2)
#define E_RMM_BAD_PAS	(-3)
#define E_RMM_NOMEM	(-4)
#define E_RMM_INVAL	(-5)
#define E_RMM_AGAIN	(-6)

/* Boot results passed to RMM_BOOT_COMPLETE in x1. */
enum rmm_boot_result {
	RMM_BOOT_SUCCESS = 0,
	RMM_BOOT_ERR_UNKNOWN = -1,
	RMM_BOOT_ERR_VERSION_NOT_VALID = -2,
	RMM_BOOT_ERR_CPUS_OUT_OF_RANGE = -3,
	RMM_BOOT_ERR_CPU_ID_OUT_OF_RANGE = -4,
	RMM_BOOT_ERR_INVALID_SHARED_BUFFER = -5,
	RMM_BOOT_ERR_MANIFEST_VERSION_NOT_SUPPORTED = -6,
	RMM_BOOT_ERR_MANIFEST_DATA_ERROR = -7,
};

struct ns_dram_bank {
	uint64_t base;
	uint64_t size;
};

struct console_info {
	uint64_t base;
	uint64_t map_pages;
	char name[8];
	uint64_t clk_in_hz;
	uint64_t baud_rate;
	uint64_t flags;
};

struct rmm_manifest {
	uint32_t version;
	uint32_t padding;
	uint64_t plat_data;
	uint64_t num_banks;
	uint64_t banks;		/* PA of struct ns_dram_bank[num_banks] */
	uint64_t banks_checksum;
	uint64_t num_consoles;
	uint64_t consoles;	/* PA of struct console_info[num_consoles] */
	uint64_t consoles_checksum;
};

_Static_assert(sizeof(struct rmm_manifest) == 64, "boot manifest v0.3 is 64 bytes (spec 7.1)");
_Static_assert(sizeof(struct ns_dram_bank) == 16, "ns_dram_bank is 16 bytes (spec 7.1)");
_Static_assert(sizeof(struct console_info) == 48, "console_info is 48 bytes (spec 7.1)");
