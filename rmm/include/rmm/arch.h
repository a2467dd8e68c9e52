/*
 * The RMM core's only window on the machine. Implemented twice:
 * rmm/arch/aarch64 (real R-EL2) and rmm/arch/host (an x86 process with
 * emulated memory, GPT and EL3). Core code includes no other arch header.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RMM-EL3 services; return the signed E_RMM_* result. */
int64_t arch_el3_gtsi_delegate(uint64_t pa);
int64_t arch_el3_gtsi_undelegate(uint64_t pa);

/*
 * RMM_ATTEST_GET_REALM_KEY: the Realm Attestation Key, a big-endian P-384
 * private scalar, into buf (*key_len bytes). No copy stays in EL3's
 * shared buffer.
 */
int64_t arch_el3_get_realm_key(uint8_t *buf, size_t size, size_t *key_len);

/*
 * RMM_ATOLL_GET_REALM_PUBKEY (docs/hes-tfa.md): the Realm Attestation Key's
 * public key, SEC1 uncompressed (04 || x || y, 97 bytes for P-384), into
 * buf (*key_len bytes). Firmware without Atoll's call answers SMC_UNK (-1).
 */
#define ARCH_P384_PUBKEY_SIZE	97U
int64_t arch_el3_get_realm_pubkey(uint8_t *buf, size_t size, size_t *key_len);

/*
 * RMM_ATTEST_GET_PLAT_TOKEN: the whole platform token (every hunk) for this
 * challenge (c_size 32, 48 or 64) into buf (*token_len bytes); E_RMM_NOMEM
 * if it does not fit in size.
 */
int64_t arch_el3_get_plat_token(const uint8_t *challenge, size_t c_size, uint8_t *buf,
				size_t size, size_t *token_len);

/*
 * RMM_ATOLL_GET_VHUKS (docs/hes-tfa.md): VHUK_A and VHUK_M, 32 bytes each,
 * through EL3's shared buffer; no copy stays there. On any result but
 * E_RMM_OK both outputs are zero. Stock TF-A answers SMC_UNK (-1).
 */
#define ARCH_VHUK_SIZE	32U
int64_t arch_el3_get_vhuks(uint8_t vhuk_a[ARCH_VHUK_SIZE], uint8_t vhuk_m[ARCH_VHUK_SIZE]);

/*
 * The end of the physical range the RMM can map tracked DRAM in. Boot
 * refuses a DRAM bank reaching above it: the RMM would reach it through an
 * address that aliases something else.
 */
uint64_t arch_dram_pa_limit(void);

/* Realm-PAS view of a tracked DRAM granule (or of the EL3 shared buffer). */
void *arch_granule_va(uint64_t pa);

/* Fills a 4 KB granule, given by its Realm-PAS VA, with zeros. */
void arch_granule_zero(void *va);

/*
 * Copies to or from normal-world memory through the NS PAS. Return false,
 * with no fault left pending, when the access takes a Granule Protection
 * Fault (the granule is not NS) or the address is not NS DRAM.
 * len must be a multiple of 8 and the NS address 8-byte aligned.
 */
bool arch_ns_read(void *dst, uint64_t ns_pa, size_t len);
bool arch_ns_write(uint64_t ns_pa, const void *src, size_t len);

/* Bytes [off, off + len) of a structure; both multiples of 8. */
struct arch_ns_range {
	uint16_t off, len;
};

/*
 * Writes the n ranges (ascending, non-overlapping) of src to the same
 * offsets from ns_pa, as arch_ns_write would, with one check of the whole
 * span, and leaves those ranges of src zero whether or not the writes
 * succeeded: a buffer whose other bytes stay zero is clean for its next use.
 */
bool arch_ns_write_ranges_clear(uint64_t ns_pa, void *src, const struct arch_ns_range *ranges,
				unsigned int n);

/* Index of the calling CPU (as passed at boot). */
unsigned int arch_cpu_index(void);

/* What this CPU implements, for RMI_FEATURES and parameter checks. */
struct arch_features {
	unsigned int pa_bits;		/* physical address width */
	unsigned int num_bps;		/* breakpoints, minus-one encoding */
	unsigned int num_wps;		/* watchpoints, minus-one encoding */
	unsigned int gic_num_lrs;	/* list registers, minus-one encoding */
	unsigned int gic_vintid_bits;	/* width of a virtual INTID: 16 or 24 */
	unsigned int gic_pri_bits;	/* virtual priority bits implemented: 5..8 */
	unsigned int vmid_bits;		/* 8 or 16 */
};
/* Constant after cold boot. */
const struct arch_features *arch_features(void);

/*
 * The CPU features a realm may be given (RMI_FEATURES, REALM_CREATE's
 * flags): read once at boot, not on every REC_ENTER (finding the SVE vector
 * length writes ZCR_EL2).
 */
struct arch_realm_features {
	bool sve;			/* FEAT_SVE */
	unsigned int sve_vl;		/* the longest vector length, VL/128 - 1 */
	bool pmu;			/* PMUv3 */
	unsigned int pmu_num_ctrs;	/* event counters (PMCR_EL0.N) */
	bool pmu_hpmn0;			/* FEAT_HPMN0: MDCR_EL2.HPMN may be 0 */
	bool lpa2;			/* FEAT_LPA2 for 4 KB granules, stage 1 and stage 2 */
};
void arch_get_realm_features(struct arch_realm_features *out);

/* Console output of one character (no-op until a console is configured). */
void arch_console_putc(char c);

/* Stops this CPU for good after a fatal error. */
_Noreturn void arch_panic(void);

/*
 * Stage-2 TLB maintenance for a realm's VMID, after an entry that may have
 * been valid changes (break-before-make) or a table is torn down.
 */
void arch_tlbi_realm_ipa(uint16_t vmid, uint64_t ipa);
void arch_tlbi_realm_all(uint16_t vmid);

/* ---- Running a realm (REC_ENTER) ---------------------------------------- */

struct rec;

enum realm_exception {
	REALM_EXC_SYNC = 0,
	REALM_EXC_IRQ,
	REALM_EXC_FIQ,
	REALM_EXC_SERROR,
};

/* Why the realm stopped: the exception class and EL2 syndrome registers. */
struct realm_exit_syndrome {
	enum realm_exception kind;
	uint64_t esr;
	uint64_t far;
	uint64_t hpfar;
};

/*
 * A REC's GIC virtual CPU interface. hcr and lrs come from the host at each
 * REC_ENTER and go back to it at the exit, with misr. vmcr (priority mask,
 * binary points, EOI mode, group enables) and the active priorities are
 * the REC's own: loaded with it and saved with it, on whichever CPU.
 * Only as many APRs as the CPU implements are used.
 */
#define REALM_GIC_MAX_LRS	16U
#define REALM_GIC_MAX_APRS	4U
struct realm_gic_state {
	uint64_t hcr;
	uint64_t lrs[REALM_GIC_MAX_LRS];
	uint64_t misr;
	uint64_t vmcr;
	uint64_t ap0r[REALM_GIC_MAX_APRS];	/* Group 0 active priorities */
	uint64_t ap1r[REALM_GIC_MAX_APRS];	/* Group 1 active priorities */
};

/* The optional CPU features of a realm (REALM_CREATE's flags), fixed for its life. */
struct realm_cpu_features {
	bool sve;
	uint8_t sve_vl;		/* VL/128 - 1, with sve */
	bool pmu;
	uint8_t pmu_num_ctrs;	/* event counters, with pmu (MDCR_EL2.HPMN) */
};

/* What a REC runs with: its realm's stage 2 and the host's trap choices. */
struct realm_run_config {
	uint64_t rtt_base;
	long start_level;
	unsigned int s2sz;
	uint16_t vmid;
	bool lpa2;		/* stage 2 in the LPA2 format (VTCR_EL2.DS) */
	bool trap_wfi;
	bool trap_wfe;
};

/*
 * Running a REC is split in three so that exits the RMM answers itself
 * (most RSI calls) do not switch the whole CPU state twice:
 *
 * arch_rec_load() saves the normal world's EL1/EL0 registers, timers,
 * PAuth keys (and PMU, for a PMU realm) and loads the REC's, with its
 * FP/SIMD (or SVE) registers, its GIC state (gic) and its realm's stage 2;
 * once per REC_ENTER, before the first run. It runs between
 * arch_simd_begin() and arch_simd_end() (REC_ENTER is a command that uses
 * the SIMD registers), which keep the normal world's FP/SIMD/SVE state.
 * arch_rec_run() runs the loaded REC until it takes an exception to EL2:
 * only the general registers (rec->regs) are switched.
 * arch_rec_unload() saves the REC's state back into struct rec and gic, and
 * puts the normal world's back; before the host sees the exit.
 *
 * Between load and unload the REC's EL1 state in struct rec is stale. Core
 * code that reads or changes it calls arch_rec_el1_sync_out() first (the
 * live SCTLR, ESR, FAR, ELR, SPSR, VBAR and the two timer CTLs into rec->el1) and
 * arch_rec_el1_sync_in() after (ESR, FAR, ELR and SPSR written back). Only
 * between load and unload: anywhere else struct rec holds it all.
 */
void arch_rec_load(struct rec *rec, const struct realm_run_config *cfg,
		   const struct realm_gic_state *gic);
void arch_rec_run(struct rec *rec, struct realm_exit_syndrome *out);
void arch_rec_unload(struct rec *rec, struct realm_gic_state *gic);
void arch_rec_el1_sync_out(struct rec *rec);
void arch_rec_el1_sync_in(const struct rec *rec);

/*
 * Before each arch_rec_run(): the loaded REC's EL1 timer outputs
 * (rec_timer_outputs()). Those asserted are masked at EL2 for the run
 * (CNTHCTL_EL2.CNTVMASK, CNTPMASK: the host already has their level, which
 * would otherwise take the realm out again at once); the others are not, so
 * one that asserts while the realm runs is a physical interrupt, an IRQ exit.
 */
unsigned int arch_rec_timer_outputs(struct rec *rec);

/*
 * Brackets the RMM's own use of the SIMD registers (hashing) between load
 * and unload, when they hold the loaded REC's: saved into struct rec at
 * begin, loaded again at end.
 */
void arch_rec_simd_begin(struct rec *rec);
void arch_rec_simd_end(const struct rec *rec);

/* True when a physical interrupt is pending for the host (long RSI work yields then). */
bool arch_irq_pending(void);

/*
 * Brackets the RMM's own use of SIMD registers (the SHA instructions in
 * mbedTLS) and a realm's: the normal world's FP/SIMD/SVE state is saved at
 * begin and restored at end. Pairs may nest. ns_fp_only is the SMCCC SVE
 * hint of the RMI call: the normal world has no live SVE state beyond
 * FP/SIMD, so only that is kept (the rest of the SVE registers are then
 * zero at end, never a realm's values).
 */
void arch_simd_begin(bool ns_fp_only);
void arch_simd_end(void);

/* The CPU's value of ID register (op0 3, op1 0, CRn 0, crm 1..7, op2), 0 if none. */
uint64_t arch_read_id_reg(unsigned int crm, unsigned int op2);
