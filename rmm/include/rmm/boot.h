/* Validation of the boot arguments and the EL3 boot manifest (spec 7.1). */
#pragma once

#include <stdint.h>

#include <atoll/el3.h>
#include <rmm/limits.h>

struct rmm_boot_args {
	uint64_t cpu_index;	/* x0 */
	uint64_t ifc_version;	/* x1 */
	uint64_t num_cpus;	/* x2 */
	uint64_t shared_buf;	/* x3: PA of the EL3-RMM shared page */
};

/* Platform description taken from a valid manifest. */
struct rmm_platform {
	uint64_t num_banks;
	struct ns_dram_bank banks[RMM_MAX_DRAM_BANKS];
	uint64_t num_granules;
	uint64_t console_base;	/* 0 when the manifest lists no PL011 */
	uint64_t console_baud;
	uint64_t console_clk;
};

/*
 * Checks the cold-boot arguments and the manifest in the shared page (whose
 * Realm-PAS VA is shared_va), in the order -2, -3, -4, -5, -6, -7. Fills *plat
 * on success. Reads nothing outside the shared page.
 */
enum rmm_boot_result rmm_boot_validate(const struct rmm_boot_args *args,
				       const void *shared_va,
				       struct rmm_platform *plat);

/* Checks a warm-boot CPU index against the CPU count given at cold boot. */
enum rmm_boot_result rmm_boot_validate_warm(uint64_t cpu_index, uint64_t num_cpus);
