/*
 * The host platform: what an x86 process emulates for the RMM core. Memory
 * is one host mapping standing for PA [HOST_PA_BASE, HOST_PA_END); a
 * granule protection table (one byte per granule) makes a wrong-world
 * access fail the way a Granule Protection Fault does on the machine; EL3's
 * GTSI calls flip it. Tests drive it through these functions.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rmm/boot.h>

#define HOST_PA_BASE		0x40000000ULL
#define HOST_PA_END		0x100000000ULL
#define HOST_RMM_BASE		0x40100000ULL	/* Realm PAS from here ... */
#define HOST_SHARED_BUF		0x418FF000ULL	/* ... to the end of the shared page */
/* arch_dram_pa_limit(): the aarch64 RMM's, whose 39-bit map holds tracked DRAM twice. */
#define HOST_DRAM_PA_LIMIT	(1ULL << 38)

enum host_pas { HOST_PAS_NS = 0, HOST_PAS_REALM, HOST_PAS_ROOT };

/* Maps the emulated memory (first call) and resets it and the GPT. */
void host_platform_reset(void);

/*
 * The same reset, cheaper, for a fuzzer that resets once per input: only
 * [base, base + size) is zeroed and given back to NS, with the RMM's own
 * region and the shared page. Valid only if, since the last full reset,
 * nothing outside that range was written or delegated (a fuzzer that names
 * only granules in the range guarantees it: the RMM writes only granules
 * it is given).
 */
void host_platform_reset_range(uint64_t base, uint64_t size);

/* Writes a valid TF-A style boot manifest (one bank, one PL011) into the shared page. */
void host_write_manifest(uint64_t bank_base, uint64_t bank_size);

/* Runs the RMM's cold boot as the aarch64 entry does; returns the boot result. */
enum rmm_boot_result host_cold_boot(uint64_t cpu, uint64_t version, uint64_t cpus,
				    uint64_t shared_buf);

/*
 * Sets what the emulated CPU's ID register (op0 3, op1 0, CRn 0, crm, op2)
 * reads as, until the next platform reset.
 */
void host_set_id_reg(unsigned int crm, unsigned int op2, uint64_t value);

/* The GPT entry of the granule at pa. */
enum host_pas host_gpt_get(uint64_t pa);
void host_gpt_set(uint64_t pa, enum host_pas pas);

/* Pointer to emulated memory at pa, ignoring the GPT (the test's own view). */
void *host_pa_ptr(uint64_t pa);

/* Normal-world access to pa, through the GPT: false on a protection fault. */
bool host_ns_load64(uint64_t pa, uint64_t *val);
bool host_ns_store64(uint64_t pa, uint64_t val);

/*
 * What the RMM touched, for a fuzzer's invariants: the PA of every granule
 * it mapped (arch_granule_va, each PA once) and every NS range it wrote
 * (arch_ns_write), since host_access_log_start(). Off until then, and after
 * every platform reset. overflow: more than HOST_ACCESS_MAX of either.
 * One log per thread: with threads as CPUs (tests/stress), each CPU records
 * only its own calls.
 */
#define HOST_ACCESS_MAX		128U

struct host_ns_write {
	uint64_t pa;
	uint64_t len;
};

struct host_access_log {
	bool on;
	bool overflow;
	unsigned int num_mapped, num_ns_writes;
	uint64_t mapped[HOST_ACCESS_MAX];
	struct host_ns_write ns_write[HOST_ACCESS_MAX];
};
extern _Thread_local struct host_access_log host_access_log;
void host_access_log_start(void);

/*
 * The RMM's own region [HOST_RMM_BASE, HOST_SHARED_BUF) is tracked DRAM in
 * the Realm PAS and UNDELEGATED in the granule table, as on QEMU; every
 * platform reset plants in it what the RMM keeps there on the machine
 * (rmm_region.c): canary words, and at HOST_RMM_SECRET a copy of the Realm
 * Attestation Key scalar.
 */
#define HOST_RMM_SECRET		(HOST_RMM_BASE + 0x200000ULL)
void host_rmm_region_plant(void);
/* w is a planted word: a canary, or 8 bytes of the key scalar (either byte order). */
bool host_rmm_secret_word(uint64_t w);
/* PA of the first planted word that no longer holds its value, or 0. */
uint64_t host_rmm_region_changed(void);

/*
 * Selects the CPU index the calling thread runs as (arch_cpu_index(); 0
 * until set, and after a platform reset on the resetting thread). Each
 * thread has its own, so threads can be CPUs of one emulated machine.
 */
void host_set_cpu(unsigned int cpu);

/*
 * Stage-2 TLB invalidations the RMM asked for since the last
 * host_tlbi_log_reset() (tlb.c): per IPA page, or all of a VMID. Per thread,
 * like the access log: each CPU's log holds the invalidations it issued.
 */
#define HOST_TLBI_LOG_SIZE	1024U
struct host_tlbi {
	uint16_t vmid;
	bool all;
	uint64_t ipa;
};
struct host_tlbi_log {
	unsigned int count;
	bool overflow;
	struct host_tlbi ops[HOST_TLBI_LOG_SIZE];
};
extern _Thread_local struct host_tlbi_log host_tlbi_log;
void host_tlbi_log_reset(void);
/* Whether every 4 KB page of [base, base + size) of vmid was invalidated. */
bool host_tlbi_covers(uint16_t vmid, uint64_t base, uint64_t size);

/* Counters of EL3 calls, so tests can check what reached EL3 (updated atomically). */
struct host_el3_stats {
	unsigned long delegate_calls;
	unsigned long undelegate_calls;
};
extern struct host_el3_stats host_el3_stats;

/*
 * Faults of the emulated EL3 (fault injection): a non-zero error is what the
 * next GTSI call of that kind returns, without touching the GPT, as EL3 would
 * when it refuses; the field is cleared by that call. Reset clears both.
 */
struct host_el3_faults {
	int64_t delegate_error;
	int64_t undelegate_error;
};
extern struct host_el3_faults host_el3_faults;

/*
 * Realm execution on the host build. A step function plays the realm: it
 * gets the REC's registers (results of what the RMM did last) and fills in
 * the exception the realm takes next, e.g. an SMC (ESR EC 0x17) with the
 * RSI FID in regs->x[0].
 */
struct rec_regs;
struct realm_exit_syndrome;
typedef void (*host_realm_step_fn)(struct rec_regs *regs, struct realm_exit_syndrome *out,
				   void *arg);
void host_realm_script(host_realm_step_fn fn, void *arg);
void host_set_irq_pending(bool pending);
/* How often the RMM saved a loaded REC's SIMD registers around its own use of them. */
extern unsigned long host_rec_simd_saves;

/*
 * The GIC virtual CPU interface of the calling CPU, as the hardware would
 * hold it: arch_rec_load() puts the REC's state there, a step function may
 * change it as the realm's own accesses would, and arch_rec_unload() saves
 * it back and clears it.
 */
struct realm_gic_state;
struct realm_gic_state *host_gic_vcpu(void);

/*
 * The EL1 timers a REC last ran with masked at EL2 on the calling CPU
 * (REC_TIMER_VIRT, REC_TIMER_PHYS): as arch_rec_timer_outputs() set them.
 * The host build's live timer state is rec->el1's CTLs.
 */
unsigned int host_timer_masks(void);

/* The virtual INTID width arch_features() reports: 24 after a reset (as on QEMU) or 16. */
void host_set_gic_vintid_bits(unsigned int bits);

/*
 * What arch_get_realm_features() reports (read by the RMM at cold boot):
 * after a reset QEMU's -cpu max (SVE up to 2048 bits, PMU with 6 counters
 * and FEAT_HPMN0, FEAT_LPA2 with 52-bit PAs). Set it before unit_boot_rmm() to take effect.
 */
struct arch_realm_features;
void host_set_realm_features(const struct arch_realm_features *f);

/* The virtual priority bits arch_features() reports: 5 after a reset (as on QEMU), up to 8. */
void host_set_gic_pri_bits(unsigned int bits);

/*
 * Emulated EL3 attestation (el3_attest.c): a fixed Realm Attestation Key,
 * and a platform token signed (ES384) with a fixed platform key. Tests may
 * set the fields of host_el3_attest; every platform reset clears them.
 */
#define HOST_EL3_KEY_SIZE	48U
extern const uint8_t host_el3_rak[HOST_EL3_KEY_SIZE];		/* private scalars */
extern const uint8_t host_el3_platform_key[HOST_EL3_KEY_SIZE];
/* The emulated HES's VHUKs (tests/unit/sealing_kat.py uses the same bytes). */
#define HOST_EL3_VHUK_SIZE	32U
extern const uint8_t host_el3_vhuk_a[HOST_EL3_VHUK_SIZE];
extern const uint8_t host_el3_vhuk_m[HOST_EL3_VHUK_SIZE];

/*
 * What RMM_ATOLL_GET_REALM_PUBKEY answers. The default is firmware without
 * the call (SMC_UNK), so the RMM derives the public key itself.
 */
enum host_el3_pubkey {
	HOST_EL3_PUBKEY_WITHHELD = 0,	/* SMC_UNK, as TF-A without Atoll's patch */
	HOST_EL3_PUBKEY_MATCHING,	/* host_el3_rak_pub: the RAK's own public key */
	HOST_EL3_PUBKEY_OFF_CURVE,	/* host_el3_rak_pub with y + 1: not a point of P-384 */
	HOST_EL3_PUBKEY_SHORT,		/* host_el3_rak_pub without its last byte */
	HOST_EL3_PUBKEY_COMPRESSED,	/* 02/03 || x: a form the call does not use */
};
#define HOST_EL3_PUBKEY_SIZE	97U
extern const uint8_t host_el3_rak_pub[HOST_EL3_PUBKEY_SIZE];	/* 04 || x || y of host_el3_rak */

struct host_el3_attest {
	int64_t realm_key_error;	/* != 0: GET_REALM_KEY fails with it */
	enum host_el3_pubkey pubkey;	/* what GET_REALM_PUBKEY answers */
	unsigned long pubkey_calls;
	int64_t plat_token_error;	/* != 0: GET_PLAT_TOKEN fails with it */
	size_t plat_token_size;		/* != 0: an opaque token of this size instead */
	unsigned long realm_key_calls;
	unsigned long plat_token_calls;
	uint8_t challenge[64];		/* what the last GET_PLAT_TOKEN carried */
	size_t c_size;
	/* RMM_ATOLL_GET_VHUKS: host_el3_vhuk_a/_m unless these point at others. */
	int64_t vhuk_error;		/* != 0: GET_VHUKS fails with it (SMC_UNK: stock TF-A) */
	const uint8_t *vhuk_a, *vhuk_m;	/* != NULL: the 32 bytes EL3 hands out */
	unsigned long vhuk_calls;
};
extern struct host_el3_attest host_el3_attest;
void host_el3_attest_reset(void);
