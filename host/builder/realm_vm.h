/*
 * A realm VM on the NS host: a realm payload image (docs/realms.md,
 * include/atoll/realm_image.h) loaded with the realm builder (realm.h),
 * and the state its run (run/realm_run.h) keeps: vCPUs, emulated devices
 * by IPA range, exit counts, console output.
 *
 * One CPU at a time drives a realm: a REC started with CPU_ON runs on the
 * second CPU while the first waits for it (host_run_on_cpu), so the state
 * below needs no lock.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/realm_image.h>
#include <atoll/rsi.h>

#include "builder/realm.h"
#include "host.h"
#include "verify/expected_rim.h"

#define REALM_VM_MAX_RECS	4U
#define REALM_VM_MAX_DEVICES	4U
#define REALM_VM_MAX_SHARED	8U
#define REALM_VM_OUTPUT_SIZE	8192U
#define REALM_VM_LINE_SIZE	160U
#define REALM_VM_TOKEN_SIZE	4096U

/* Host CPUs RECs are spread over: REC i runs on CPU i % REALM_VM_HOST_CPUS. */
#define REALM_VM_HOST_CPUS	2U

/* An image embedded in the host image (host/images/realm_images.h). */
struct realm_image_blob {
	const char *start;
	const char *end;
};

struct realm_vm_config {
	const char *name;	/* prefix of the realm's console lines */
	unsigned int s2sz;
	int level_start;
	unsigned int num_recs;
	uint8_t hash_algo;	/* RMI_HASH_SHA_256 (the default, 0) or RMI_HASH_SHA_512 */
	const uint8_t *rpv;	/* 64-byte Realm Personalization Value; NULL: all zero */
	unsigned int num_bps;	/* breakpoints and watchpoints; 0: the platform's maximum */
	unsigned int num_wps;
	bool sve;		/* RMI_REALM_FLAG_SVE, with sve_vl (VL/128 - 1) */
	unsigned int sve_vl;
	bool pmu;		/* RMI_REALM_FLAG_PMU, with pmu_num_ctrs event counters */
	unsigned int pmu_num_ctrs;
	bool lpa2;		/* RMI_REALM_FLAG_LPA2: s2sz up to 52, level_start -1 */
};

struct realm_vm;

/* An emulated device: accesses to [base, base + size) of the realm's IPA space. */
struct realm_mmio_device {
	uint64_t base;
	uint64_t size;
	uint64_t (*read)(struct realm_vm *vm, uint64_t offset, unsigned int bytes);
	void (*write)(struct realm_vm *vm, uint64_t offset, unsigned int bytes, uint64_t value);
};

/* An emulated interrupt controller: what the run loop asks of it. */
struct realm_irqchip {
	/* Before each REC_ENTER of REC rec: its list registers from the controller's state. */
	void (*fill_lrs)(struct realm_vm *vm, unsigned int rec);
	/*
	 * A trapped GIC CPU-interface write of REC rec (ICC_SGI1R_EL1 and the
	 * like): the exit's ESR and the value written. False: not served.
	 */
	bool (*sysreg_write)(struct realm_vm *vm, unsigned int rec, uint64_t esr, uint64_t value);
};

struct realm_vcpu {
	uint64_t rec;		/* REC granule */
	uint64_t run;		/* NS granule holding its RmiRecRun */
	uint64_t enter_flags;	/* completion flags for the next REC_ENTER */
	bool on;		/* runnable: REC 0 from the start, the others after CPU_ON */
	uint32_t host_cpus;	/* bit n: host CPU n has entered it */
};

enum realm_vm_state {
	REALM_VM_RUNNING = 0,
	REALM_VM_SYSTEM_OFF,	/* the realm called PSCI SYSTEM_OFF */
	REALM_VM_SYSTEM_RESET,	/* ... or SYSTEM_RESET */
	REALM_VM_ALL_OFF,	/* every REC called CPU_OFF */
	REALM_VM_FAILED,	/* an RMI call failed or an exit could not be served */
};

/* pages NS granules from pa, mapped at the Unprotected IPAs from ipa. */
struct realm_shared_page {
	uint64_t ipa;
	uint64_t pa;
	uint64_t pages;
};

struct realm_vm {
	struct host_realm realm;
	const char *name;
	uint64_t entry;			/* IPA of REC 0's first instruction */
	uint64_t memory_size;		/* RAM from REALM_IMAGE_IPA on */
	unsigned int num_recs;
	/*
	 * The measured parameters REALM_CREATE got and the RECs made: with the
	 * image, all the RIM depends on (expected_rim_for_image()).
	 */
	struct realm_recipe recipe;
	struct realm_vcpu vcpus[REALM_VM_MAX_RECS];
	enum realm_vm_state state;
	unsigned int ripas_policy;	/* REALM_RIPAS_* */

	unsigned int num_devices;
	struct realm_mmio_device devices[REALM_VM_MAX_DEVICES];
	const struct realm_irqchip *irqchip;	/* NULL: no interrupts are injected */
	/*
	 * Counter ticks a REC may run before the host's tick (host_tick_arm())
	 * forces an IRQ exit; 0: no tick, a REC runs until it exits by itself.
	 */
	uint64_t tick;
	/*
	 * REC_ENTER with the SMCCC SVE hint (FID bit 16): the host has no live
	 * SVE state beyond FP/SIMD, so the RMM keeps only that part of it.
	 */
	bool sve_hint;
	/*
	 * Protected IPAs [shared_base, shared_base + shared_size) whose
	 * Unprotected alias is memory the guest may share with the host (its
	 * RAM: swiotlb's bounce buffers): the first access to an alias there
	 * maps a zeroed NS granule at it (size 0: none, such accesses are MMIO).
	 */
	uint64_t shared_base, shared_size;
	unsigned int num_shared;
	struct realm_shared_page shared[REALM_VM_MAX_SHARED];

	/*
	 * Host calls the run loop does not serve itself: a launcher's own
	 * (returns false for one it does not know either), with its state.
	 */
	bool (*extra_host_call)(struct realm_vm *vm, uint64_t imm, uint64_t *gprs);
	void *extra;

	uint64_t exits[RMI_EXIT_SERROR + 1U];	/* by RmiRecExitReason */
	uint64_t counts[REALM_EXIT_COUNTS];	/* by REALM_EXIT_COUNT_* */
	uint64_t rec_enters;

	bool result_seen;		/* REALM_HC_RESULT */
	uint64_t result_passed, result_failed;
	bool values_seen;		/* REALM_HC_VALUES */
	uint64_t values[8];
	uint64_t token_size;		/* REALM_HC_TOKEN: 0 until the realm hands one over */
	uint64_t token[REALM_VM_TOKEN_SIZE / 8U];

	bool line_stamps;		/* each console line with the counter's ms (phase times) */
	unsigned int line_len;		/* console line being assembled */
	char line[REALM_VM_LINE_SIZE];
	unsigned int output_len;	/* everything the realm printed */
	char output[REALM_VM_OUTPUT_SIZE];
};

/* ---- Loading (realm_load.c) ---- */

/*
 * Creates the realm and loads the image as docs/realms.md says: RTTs, RAM
 * over the image's memory size, measured DATA for the file and the zero
 * pages after it, cfg->num_recs RECs (REC 0 runnable at the entry),
 * REALM_ACTIVATE, recording the measured parameters and the REC count in
 * vm->recipe. Returns the first failing RMI status, or RMI_ERROR_INPUT
 * for an image the checks refuse (the reason is printed); after a failure
 * whatever was built is torn down again.
 */
uint64_t realm_vm_load(struct realm_vm *vm, const struct realm_vm_config *cfg,
		       struct realm_image_blob image);

/* The same with a ledger of capacity entries in storage (a realm of more than 4 MB). */
uint64_t realm_vm_load_in(struct realm_vm *vm, const struct realm_vm_config *cfg,
			  struct realm_image_blob image, struct host_granule *storage,
			  unsigned int capacity);

/* Unmaps the shared pages and tears the realm down; the ledger ends empty. */
uint64_t realm_vm_destroy(struct realm_vm *vm);

/*
 * Maps a fresh NS page at the Unprotected ipa (level 3), every word of it
 * REALM_SHARED_PATTERN(ipa), and remembers it for realm_vm_destroy().
 */
uint64_t realm_vm_share_page(struct realm_vm *vm, uint64_t ipa);

/* Maps the NS granule pa at the Unprotected ipa (level 3, Normal WB, RW), adding RTTs as needed. */
uint64_t realm_vm_map_shared(struct realm_vm *vm, uint64_t ipa, uint64_t pa);

/*
 * Maps pages NS granules from pa (the caller's memory, left as it is) at the
 * Unprotected IPAs from ipa, and remembers them for realm_vm_destroy().
 */
uint64_t realm_vm_map_shared_range(struct realm_vm *vm, uint64_t ipa, uint64_t pa,
				   uint64_t pages);

/* Adds an emulated device; false when the table is full. */
bool realm_vm_add_device(struct realm_vm *vm, const struct realm_mmio_device *dev);

/* ---- For loaders (realm_load.c; used by linux_load.c too) ---- */

/* Clears vm and names it; REC 0 will enter at entry. */
void realm_vm_reset(struct realm_vm *vm, const struct realm_vm_config *cfg, uint64_t entry,
		    uint64_t memory_size);

/*
 * REALM_CREATE with cfg's parameters (SHA-256 unless cfg says otherwise, the
 * RPV), the ledger in storage of capacity entries, the measured parameters
 * recorded in vm->recipe. On failure the realm's granules are released.
 */
uint64_t realm_vm_create_realm(struct realm_vm *vm, const struct realm_vm_config *cfg,
			       struct host_granule *storage, unsigned int capacity);

/* vm->num_recs RECs, REC 0 runnable at vm->entry with x0..x7 = gprs0 (NULL: zero). */
uint64_t realm_vm_create_recs(struct realm_vm *vm, const uint64_t gprs0[8]);

struct realm_image_header;
/*
 * Everything after REALM_CREATE for image h: level-3 RTTs and RIPAS RAM over
 * the RAM, the file's pages measured from the NS address src, measured
 * copies of the NS zero page zero up to memory_size, the RECs, ACTIVATE.
 * The launcher's src is h itself; the simulator's a copy of the file in its
 * emulated NS memory (which each of its boots allocates afresh).
 */
uint64_t realm_vm_build(struct realm_vm *vm, const struct realm_image_header *h, uint64_t src,
			uint64_t zero);
