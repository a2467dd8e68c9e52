/*
 * Scripted realms for the REC_ENTER, RSI and realm PSCI tests.
 *
 * On the host build a realm runs no code: arch_rec_run() asks a step
 * function for the next exception. Here that function plays a queue of
 * steps. Each step records the REC's registers it finds (the results of what
 * the RMM did last), sets the registers it names and raises its exception.
 * When the queue runs dry the realm takes an IRQ, so REC_ENTER returns with
 * exit reason IRQ and rs_end() holds the registers the realm had then.
 *
 * A realm from rs_realm() is ACTIVE, s2sz 48 (start level 0), with REC 0
 * runnable at RS_PC and this memory, all in one level 3 RTT:
 *   RS_RAM, RS_RAM2      DATA with RIPAS RAM (mapped), filled with 0xA5
 *   RS_RAM_UNMAPPED      UNASSIGNED, RIPAS RAM
 *   RS_EMPTY             UNASSIGNED, RIPAS EMPTY
 *   RS_ASSIGNED_EMPTY    DATA (ASSIGNED) with RIPAS EMPTY
 *   RS_DESTROYED         UNASSIGNED, RIPAS DESTROYED (its DATA was destroyed)
 * Expected values come from shared/spec/rmm-1.0-abi.md, not from rmm/.
 */
#pragma once

#include <stdbool.h>

#include <atoll/rsi.h>
#include <atoll/smccc.h>
#include <rmm/arch.h>
#include <rmm/rec.h>

#include "realm_fixture.h"

#define RS_PC			0x80000ULL
#define RS_RAM			0x100000ULL
#define RS_RAM2			0x101000ULL
#define RS_RAM_UNMAPPED		0x102000ULL
#define RS_EMPTY		0x103000ULL
#define RS_ASSIGNED_EMPTY	0x104000ULL
#define RS_DESTROYED		0x105000ULL
#define RS_MMIO			(FX_UNPROT + 0x9000000ULL)	/* Unprotected, unmapped */
#define RS_VBAR			0x90000ULL	/* VBAR_EL1 rs_realm gives every REC */

#define RS_MAX_RECS		4U
#define RS_MAX_STEPS		64U

/* ---- ESR_EL2 values a realm's exceptions produce ------------------------------- */

#define RS_EC(ec)		((uint64_t)(ec) << 26)
#define RS_IL			(1ULL << 25)
#define RS_ESR_SMC		(RS_EC(0x17) | RS_IL)
#define RS_ESR_HVC		(RS_EC(0x16) | RS_IL)
#define RS_ISV			(1ULL << 24)
#define RS_SAS(sas)		((uint64_t)(sas) << 22)		/* 0 byte .. 3 doubleword */
#define RS_SSE			(1ULL << 21)
#define RS_SRT(rt)		((uint64_t)(rt) << 16)
#define RS_SF			(1ULL << 15)
#define RS_WNR			(1ULL << 6)
#define RS_FSC_TRANS(l)		(0x04ULL + (uint64_t)(l))	/* translation fault, level l */
/* A data abort from a lower EL with a valid syndrome (ISV = 1). */
#define RS_ESR_DABT_ISV(sas, rt, wnr)	(RS_EC(0x24) | RS_IL | RS_ISV | RS_SAS(sas) | RS_SRT(rt) | \
					 RS_SF | ((wnr) ? RS_WNR : 0U) | RS_FSC_TRANS(3))
#define RS_ESR_DABT		(RS_EC(0x24) | RS_IL | RS_FSC_TRANS(3))
#define RS_ESR_IABT		(RS_EC(0x20) | RS_IL | RS_FSC_TRANS(3))

/* HPFAR_EL2 for an IPA (FIPA = IPA[51:12] in bits [43:4]). */
#define RS_HPFAR(ipa)		(((ipa) >> 12) << 4)

/* PSTATE values. */
#define RS_PSTATE_EL1H_DAIF	0x3C5ULL
#define RS_PSTATE_EL1H		0x5ULL
#define RS_PSTATE_EL1T		0x4ULL
#define RS_PSTATE_EL0T		0x0ULL

/* One cmocka case per row of a table: state points at a `type` literal. */
#define RS_CASE(name, fn, type, ...)                                                    \
	{ #name, fn, unit_boot_rmm, NULL, &(type){ __VA_ARGS__ } }

/* ---- The script ---------------------------------------------------------------- */

struct rs_step {
	struct realm_exit_syndrome syn;	/* the exception raised */
	uint64_t x[31];
	uint32_t set;			/* bit i: x[i] is set before it */
	bool set_pc, set_pstate;
	uint64_t pc, pstate;
	void (*hook)(struct rec_regs *regs);	/* runs last, while the REC is RUNNING */
	struct rec_regs seen;		/* the registers the step found */
	bool ran;
};

/* Empties the queue, installs the script as the host's realm, no IRQ pending. */
void rs_reset(void);
/* Queues an exception; the step can be adjusted until it runs. */
struct rs_step *rs_push(enum realm_exception kind, uint64_t esr, uint64_t far, uint64_t hpfar);
/* Queues an SMC with x0 = fid and x1.. = args[0..n-1]. */
struct rs_step *rs_smcv(uint64_t fid, const uint64_t *args, unsigned int n);
#define rs_smc(fid, ...)                                                                \
	rs_smcv((fid), (const uint64_t[]){ __VA_ARGS__ },                                \
		(unsigned int)(sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t)))
/* Queues a data abort (kind SYNC) at ipa with the given ESR; FAR = ipa. */
struct rs_step *rs_abort(uint64_t esr, uint64_t ipa);
/* Sets x[reg] when the step runs. */
void rs_set(struct rs_step *s, unsigned int reg, uint64_t value);
/* Sets PSTATE (the exception level the step runs at) when the step runs; returns s. */
struct rs_step *rs_at(struct rs_step *s, uint64_t pstate);

/* The registers step i found, i.e. the results of step i - 1 (asserted to have run). */
const struct rec_regs *rs_seen(unsigned int i);
/* The registers at the last time the queue ran dry, and how often it did. */
const struct rec_regs *rs_end(void);
unsigned int rs_ends(void);
/* Steps run so far. */
unsigned int rs_steps_run(void);

/*
 * An SEA taken to the realm's EL1 as the hardware would: ESR_EL1 = EC (lower
 * EL from EL0, current EL otherwise) | IL | FSC 0x10, ELR_EL1 = the faulting
 * PC, SPSR_EL1 = its PSTATE, PC = VBAR_EL1 + the vector offset, EL1h with
 * DAIF masked.
 */
void rs_assert_sea(const struct rec_regs *regs, const struct rec *rec, uint64_t ec, uint64_t elr,
		   uint64_t spsr, uint64_t vector);

/* ---- Realms -------------------------------------------------------------------- */

struct rs_realm {
	struct fx_realm r;
	struct fx_rec rec[RS_MAX_RECS];
	unsigned int num_recs;
	uint64_t run;				/* NS granule: RmiRecRun */
	uint64_t data[2];			/* DATA at RS_RAM, RS_RAM2 */
};

struct rs_opts {
	unsigned int recs;		/* RECs, index 0..recs-1 (0 means 1) */
	uint8_t hash_algo;		/* RMI_HASH_SHA_* */
	bool bare;			/* no memory: no RTTs, DATA or RIPAS changes */
	bool rec0_not_runnable;		/* REC 0 made with flags.runnable = 0 */
	bool all_runnable;		/* RECs 1.. made runnable too (by default they are not) */
	bool stay_new;			/* do not activate */
	unsigned int s2sz;		/* with bare only: IPA width at start level 1 (0: 48 at level 0) */
	uint32_t num_bps, num_wps;	/* RmiRealmParams' (minus one); 0 means 1 */
	uint64_t flags;			/* RmiRealmParams.flags (SVE, PMU) */
	uint32_t sve_vl, pmu_num_ctrs;	/* with their flag */
};

/* The realm described above (REALM_ACTIVE). The script is reset. */
void rs_realm(struct rs_realm *rr);
void rs_realm_opts(struct rs_realm *rr, const struct rs_opts *o);
/* The RPV rs_realm gives every realm: byte i = 0xC0 ^ i. */
uint8_t rs_rpv(unsigned int i);

/* The REC as the RMM keeps it, in its granule. */
struct rec *rs_rec(const struct rs_realm *rr, unsigned int i);
struct rmi_rec_run *rs_run(const struct rs_realm *rr);
/* REC_ENTER of REC i with enter.flags = flags (the rest of enter as the test left it); x0. */
uint64_t rs_enter(const struct rs_realm *rr, unsigned int i, uint64_t flags);
/* rs_enter, asserted to succeed with exit_reason reason. */
void rs_enter_exit(const struct rs_realm *rr, unsigned int i, uint64_t flags, uint64_t reason);

/*
 * The exit of a data abort at Unprotected ipa that is not emulatable MMIO
 * (spec 3.4): ESR with EC, SET, FnV, EA and DFSC only (an ESR with every
 * ISS bit set was raised), far 0, hpfar set, no value in gprs[0].
 */
void rs_assert_abort_exit(const struct rs_realm *rr, uint64_t ipa);

/*
 * One SMC from REC i that the RMM answers without exiting to the host:
 * queued, entered and the registers after it returned.
 */
const struct rec_regs *rs_callv(const struct rs_realm *rr, unsigned int i, uint64_t fid,
				const uint64_t *args, unsigned int n);
#define rs_call(rr, fid, ...)                                                           \
	rs_callv((rr), 0, (fid), (const uint64_t[]){ __VA_ARGS__ },                      \
		 (unsigned int)(sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t)))
#define rs_call_on(rr, i, fid, ...)                                                     \
	rs_callv((rr), (i), (fid), (const uint64_t[]){ __VA_ARGS__ },                    \
		 (unsigned int)(sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t)))
