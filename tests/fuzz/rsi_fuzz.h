/*
 * The RSI fuzzer (rsi_fuzz.c, rsi_calls.c, rsi_view.c): realm-side call
 * sequences against an activated realm on the host build, interleaved
 * with the host's answers. Shared declarations and the input format.
 *
 * An input is a header record, then a sequence of RF_RECORD-byte records
 * (fixed size, so a mutated byte changes one action, not how the rest
 * parses). Bytes past the end of the input read as 0, and 0 is always a
 * plain choice.
 *
 * Header: byte 0 = RECs - 1 (mod RF_MAX_RECS), byte 1 = flags (enum
 * rf_config), byte 2 = geometry (mod RF_NUM_GEOMETRIES).
 *
 * Record byte 0 picks the action (mod RF_NUM_ACTIONS, enum rf_action);
 * byte 1 the REC it concerns (mod the REC count); the rest as listed at
 * each action. A realm action (RF_REALM_CALL, RF_REALM_MMIO) is taken by
 * its REC (rf_realm_rec(): another if that one cannot run): if no REC is
 * running the host enters it first, and a running REC that reaches a
 * record of another REC or of the host takes an IRQ exit. Argument bytes pick from small sets of boundary values
 * (rsi_calls.c): valid ones first, so 0 means "the plain valid value".
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <atoll/rmi.h>
#include <atoll/rsi.h>

#define RF_RECORD	16U
#define RF_MAX_RECS	4U
#define RF_MAX_RECORDS	96U	/* per input, so a run stays short (tools/fuzz.sh: -max_len) */

enum rf_config {
	RF_CFG_SHA512 = 1U << 0,	/* the realm's hash algorithm */
	RF_CFG_NO_RAK = 1U << 1,	/* EL3 refuses the attestation key: INIT fails */
	RF_CFG_NO_VHUKS = 1U << 2,	/* no sealing keys */
	RF_CFG_RUNNABLE = 1U << 3,	/* RECs 1.. runnable from the start (else only REC 0) */
};

#define RF_NUM_GEOMETRIES	3U	/* (s2sz, start level, roots): (40, 1, 2), (48, 0, 1), (33, 2, 8) */

enum rf_action {
	RF_NOP,
	/* byte 2 call (enum rf_call), byte 3 FID variant, bytes 4.. arguments */
	RF_REALM_CALL,
	/* byte 2 kind/size/register, byte 3 IPA, bytes 4..: value */
	RF_REALM_MMIO,
	/* byte 2 flags, byte 3 gprs values, byte 4 GIC state, byte 5 run granule, byte 6 IRQ */
	RF_HOST_ENTER,
	/* byte 2 rec (the one that asked, or another), byte 3 base, byte 4 top */
	RF_HOST_SET_RIPAS,
	/* byte 2 target, byte 3 status */
	RF_HOST_PSCI_COMPLETE,
	/* byte 2 command (enum rf_rmi), bytes 3.. arguments */
	RF_HOST_RMI,
	RF_NUM_ACTIONS
};

/* The realm's calls: every RSI command, Atoll's sealing key, every PSCI function, others. */
enum rf_call {
	RC_VERSION, RC_FEATURES, RC_MEAS_READ, RC_MEAS_EXTEND, RC_TOKEN_INIT, RC_TOKEN_CONTINUE,
	RC_REALM_CONFIG, RC_IPA_STATE_SET, RC_IPA_STATE_GET, RC_HOST_CALL, RC_SEALING_KEY,
	RC_SMCCC_VERSION, RC_PSCI_VERSION, RC_PSCI_FEATURES, RC_CPU_SUSPEND, RC_CPU_OFF, RC_CPU_ON,
	RC_AFFINITY_INFO, RC_SYSTEM_OFF, RC_SYSTEM_RESET, RC_PSCI_OTHER, RC_UNKNOWN,
	RC_NUM_CALLS
};

/* RMI commands the host makes between runs (RF_HOST_RMI). */
enum rf_rmi {
	RR_DATA_DESTROY, RR_DATA_CREATE_UNKNOWN, RR_RTT_CREATE, RR_RTT_DESTROY, RR_RTT_FOLD,
	RR_RTT_READ_ENTRY, RR_MAP_UNPROTECTED, RR_UNMAP_UNPROTECTED, RR_REC_DESTROY,
	RR_REALM_DESTROY, RR_INIT_RIPAS, RR_DELEGATE, RR_UNDELEGATE,
	RR_NUM
};

/* ---- the realm's memory (IPAs), made by the set-up in one level 3 RTT ------------ */

#define RF_MEM_BASE	0x100000ULL
#define RF_PAGE(i)	(RF_MEM_BASE + (uint64_t)(i) * 0x1000ULL)
enum rf_page {
	RF_P_RAM0, RF_P_RAM1, RF_P_RAM2, RF_P_RAM3,	/* DATA, RIPAS RAM (mapped) */
	RF_P_RAM_UNMAPPED, RF_P_RAM_UNMAPPED2,		/* UNASSIGNED, RAM */
	RF_P_EMPTY, RF_P_EMPTY2,			/* UNASSIGNED, EMPTY */
	RF_P_ASSIGNED_EMPTY,				/* DATA, RIPAS EMPTY */
	RF_P_DESTROYED,					/* UNASSIGNED, DESTROYED */
	RF_NUM_PAGES					/* the realm's memory the fuzzer tracks */
};

/* ---- what the harness knows (its model of the realm) ----------------------------- */

enum rf_token { RT_IDLE, RT_SIGNING, RT_READING };

/*
 * A realm call (or data abort) made and not yet checked: checked when its
 * REC next runs, against what the spec says it gives back.
 */
struct rf_pending {
	bool active;
	enum rf_call call;		/* RC_NUM_CALLS: a data abort */
	uint32_t fid;			/* the canonical FID (W0 without the SVE hint) */
	uint64_t regs[31], pc, pstate;	/* the REC's registers when it made the call */
	uint32_t outputs;		/* bit i: x[i] may change */
	uint32_t known;			/* bit i: x[i] must be want[i] */
	uint64_t want[31];
	uint32_t x0_allowed;		/* without known bit 0: bit s allows x0 = s */
	bool replay;			/* the PC stays (emulated abort, abort not completed) */
	bool injected;			/* an exception was injected: the REC is at its vector */
	bool to_host;			/* the call exits to the host, as rf.expect says */
	bool may_yield;			/* CONTINUE while signing with an IRQ pending */
	bool exited;			/* the exit it caused was seen */
	uint64_t mmio_ipa;		/* a data abort's IPA */
	uint64_t buffer;		/* the IPA of a token piece: buffer + offset */
};

struct rf_rec {
	uint64_t pa;
	bool alive;
	bool runnable;
	/* PSCI request waiting for PSCI_COMPLETE. */
	bool psci_pending;
	uint32_t psci_fid;
	uint64_t psci_target, psci_entry, psci_context;	/* target as an index (or ~0: invalid) */
	bool reset_pending;		/* CPU_ON completed: next run checks the reset state */
	uint64_t reset_entry, reset_context;
	/* IPA_STATE_SET waiting for the host. */
	bool ripas_pending;
	uint64_t ripas_base, ripas_top, ripas_progress, ripas_value;
	bool ripas_change_destroyed;
	bool ripas_reject;		/* the entry that completes it set RIPAS_RESPONSE */
	/* HOST_CALL waiting for the host. */
	bool host_call_pending;
	uint64_t host_call_ipa;
	/* The last exit, for the REC_ENTER flags that complete it. */
	bool last_unprot_abort, last_emulatable;
	uint64_t last_mmio_esr;
	enum rf_token token;
	unsigned int token_read;	/* bytes of the token handed out */
	struct rf_pending call;
};

struct rf_world {
	uint64_t rd;
	unsigned int s2sz;
	long start_level;
	unsigned int num_roots;
	uint64_t par;			/* 2^(s2sz - 1) */
	uint8_t algo;			/* RMI_HASH_SHA_* */
	bool rak, vhuks;
	bool realm_alive;
	bool system_off;
	unsigned int num_recs;
	struct rf_rec rec[RF_MAX_RECS];
	uint64_t run;			/* NS granule: RmiRecRun */
	uint8_t rim[64], rem[4][64];	/* the model's measurements */
	uint8_t rpv[64];
	bool irq_pending;
	int running;			/* the REC inside REC_ENTER, or -1 */
	/* The exit the last realm step asked for (checked against RmiRecExit). */
	struct rmi_rec_exit expect;
	bool expect_set;
	bool step_irq;			/* the realm had nothing more to do: an IRQ exit */
	bool completion_abort;		/* the entry could not write host-call results */
	/* The realm's pages as the model has them (contents of mapped DATA). */
	bool page_known[RF_NUM_PAGES];
	uint8_t page[RF_NUM_PAGES][4096];
};

extern struct rf_world rf;

/* ---- reading the input --------------------------------------------------------------- */

struct rf_input {
	const uint8_t *data;
	size_t size;
	size_t next;			/* offset of the next record */
};

extern struct rf_input rf_in;

/* Byte i of the record at offset off (0 past the end). */
uint8_t rf_byte(size_t off, unsigned int i);
/* Whether another record follows. */
bool rf_more(void);
/*
 * The REC a realm record (REC byte b) is for: the one it names if that one
 * runs or can, else the running one, else the first that can; -1 if none.
 */
int rf_realm_rec(uint8_t b);

/* With RSI_FUZZ_TRACE set: one line per action and result, on stderr. */
extern bool rf_tracing;
#define rf_trace(...)	do { if (rf_tracing) rf_trace_line(__VA_ARGS__); } while (0)
__attribute__((format(printf, 1, 2))) void rf_trace_line(const char *fmt, ...);

/* ---- the harness's checks --------------------------------------------------------- */

/* Prints "RSI INVARIANT VIOLATED: ...", the call being checked, and aborts. */
__attribute__((format(printf, 1, 2))) _Noreturn void rf_fail(const char *fmt, ...);

/* ---- the realm side (rsi_calls.c) ---------------------------------------------------- */

/* The step function REC_ENTER runs (harness.h host_realm_script). */
struct rec_regs;
struct realm_exit_syndrome;
void rf_realm_step(struct rec_regs *regs, struct realm_exit_syndrome *out, void *arg);
/* The exit REC i must have given (after REC_ENTER succeeded): what its last action asked for. */
const struct rmi_rec_exit *rf_expected_exit(unsigned int rec, const struct rmi_rec_exit *exit);
/* The result a PSCI_COMPLETE gave the waiting REC: its call now expects x0 = result. */
void rf_psci_completed(unsigned int rec, int64_t result);
/* Checks the results of REC i's pending call in the registers it now has. */
void rf_check_call(unsigned int rec, const struct rec_regs *now);
/* What the next entry completes for REC i (flags, gprs of RmiRecEnter): sets its expectations. */
void rf_entry_completes(unsigned int rec, uint64_t flags, const uint64_t *gprs);
/* Measurements change only through MEASUREMENT_EXTEND (the model's values). */
void rf_check_measurements(const char *what);
/* With RSI_FUZZ_STATS set: how each call ended, printed at exit. */
void rf_print_stats(void);
/* Resets the per-input state of the realm side (sealing keys seen). */
void rf_calls_reset(void);
/* Names the realm call of REC i that is being checked, for failure reports. */
const char *rf_call_name(enum rf_call c);

/* ---- the realm seen from outside (rsi_view.c) ---------------------------------------- */

enum rf_page_state { RF_MAPPED, RF_EMPTY, RF_UNMAPPED };

/* What the RMM's access to the page at ipa finds; *level: where the walk stopped. */
enum rf_page_state rf_view_page(uint64_t ipa, long *level, uint64_t *pa);
/* The RIPAS of ipa (in PAR) from the realm's tables, and the level of its entry. */
unsigned int rf_view_ripas(uint64_t ipa, long *level);
/*
 * IPA_STATE_GET's expected result for [base, end): the end of the run of
 * entries in the last-level RTT reached from base with base's RIPAS.
 */
uint64_t rf_view_state_get_top(uint64_t base, uint64_t end, unsigned int *ripas);

/* The RIPAS of the realm's whole PAR, as merged intervals. */
#define RF_MAX_INTERVALS	8192U
struct rf_ripas_map {
	unsigned int n;
	struct rf_interval {
		uint64_t base, top;
		unsigned int ripas;
	} iv[RF_MAX_INTERVALS];
};
void rf_ripas_snapshot(struct rf_ripas_map *map);
/*
 * Checks that RIPAS changed between *before and now only within [base,
 * top), and there only to value, and from DESTROYED only if
 * destroyed_may_change. what names the step for the report.
 */
void rf_ripas_check(const struct rf_ripas_map *before, uint64_t base, uint64_t top,
		    unsigned int value, bool destroyed_may_change, const char *what);

/* Whether all of [base, top) now has RIPAS value. */
bool rf_ripas_uniform(uint64_t base, uint64_t top, unsigned int value);

/* Compares the realm's mapped pages with the model (rf.page), and refreshes what is unknown. */
void rf_check_pages(const char *what);

/* ---- seeds (rsi_seeds.c) ------------------------------------------------------------ */

bool rf_write_seeds(const char *dir);
