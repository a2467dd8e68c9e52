/*
 * PSCI and SMCCC calls from a scripted realm (spec 4, PSCI table) and their
 * completion through RMI_PSCI_COMPLETE (spec 2.4).
 */
#include <string.h>

#include "realm_script.h"

#define ENTRY		0x88000ULL
#define CONTEXT		0xC0FFEEULL
#define SCTLR_M		1ULL
#define SCTLR_EE	(1ULL << 25)
#define AFF_ON		0U
#define AFF_OFF		1U

static uint64_t psci(int64_t v)
{
	return (uint64_t)v;
}

static struct rs_realm *realm2(struct rs_realm *rr)
{
	rs_realm_opts(rr, &(struct rs_opts){ .recs = 2, .bare = true });
	return rr;
}

/* Two RECs, both made runnable. */
static struct rs_realm *realm2_on(struct rs_realm *rr)
{
	rs_realm_opts(rr, &(struct rs_opts){ .recs = 2, .bare = true, .all_runnable = true });
	return rr;
}

static uint64_t complete(const struct rs_realm *rr, unsigned int caller, unsigned int target,
			 int64_t status)
{
	return fx_x0(RMI_PSCI_COMPLETE, rr->rec[caller].rec, rr->rec[target].rec, psci(status), 0,
		     0);
}

/*
 * A PSCI call from REC i that the host must see: exit PSCI with gprs[0] =
 * FID, gprs[1] = target (CPU_ON/AFFINITY_INFO) or 0, everything else 0,
 * although the realm's x2..x30 are all set.
 */
static void psci_exit(const struct rs_realm *rr, unsigned int i, uint64_t fid, uint64_t x1,
		      uint64_t x2, uint64_t x3, uint64_t target)
{
	const struct rmi_rec_exit *e = &rs_run(rr)->exit;
	struct rs_step *s = rs_smc(fid, x1, x2, x3);

	for (unsigned int r = 4; r < 31; r++)
		rs_set(s, r, 0x1000U + r);
	rs_enter_exit(rr, i, 0, RMI_EXIT_PSCI);
	assert_int_equal(e->gprs[0], fid);
	assert_int_equal(e->gprs[1], target);
	for (unsigned int r = 2; r < RMI_REC_RUN_GPRS; r++)
		assert_int_equal(e->gprs[r], 0);
	assert_int_equal(e->esr, 0);
	assert_int_equal(e->far, 0);
	assert_int_equal(e->hpfar, 0);
}

/* REC 0 asks for CPU_ON of REC target: the PSCI exit. */
static void cpu_on_exit(const struct rs_realm *rr, uint64_t fid, unsigned int target)
{
	psci_exit(rr, 0, fid, target, ENTRY, CONTEXT, target);
}

/* REC 0 switches REC 1 on (CPU_ON at ENTRY with CONTEXT) and the host completes it with status. */
static void rec1_cpu_on(const struct rs_realm *rr, int64_t status)
{
	cpu_on_exit(rr, PSCI_CPU_ON_64, 1);
	assert_int_equal(complete(rr, 0, 1, status), RMI_SUCCESS);
}

/* REC i's next entry: the call returns x0 (and x1..x3 = 0 after PSCI_COMPLETE). */
static const struct rec_regs *resume(const struct rs_realm *rr, unsigned int i, uint64_t x0)
{
	rs_enter_exit(rr, i, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->x[0], x0);
	return rs_end();
}

/* ---- Calls the RMM answers ---------------------------------------------------------------- */

static void psci_smccc_version(void **state)
{
	struct rs_realm rr;

	(void)state;
	assert_int_equal(rs_call(realm2(&rr), SMCCC_VERSION_FID, 0)->x[0], 0x10002);
}

static void psci_version(void **state)
{
	struct rs_realm rr;

	(void)state;
	assert_int_equal(rs_call(realm2(&rr), PSCI_VERSION, 0)->x[0], 0x10001);
}

/* The SVE hint (FID bit 16) is masked off before decoding, for PSCI as for RSI. */
static void psci_version_sve_hint(void **state)
{
	struct rs_realm rr;

	(void)state;
	assert_int_equal(rs_call(realm2(&rr), PSCI_VERSION | SMCCC_SVE_HINT, 0)->x[0], 0x10001);
}

/* The FID is W0 for PSCI too: bits 63:32 of X0 are ignored. */
static void psci_fid_upper_bits_ignored(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	assert_int_equal(rs_call(&rr, 0xFFFFFFFF00000000ULL | PSCI_VERSION, 0)->x[0], 0x10001);
	assert_int_equal(rs_call(&rr, 0x8000000000000000ULL | SMCCC_VERSION_FID, 0)->x[0],
			 0x10002);
	assert_int_equal(rs_call(&rr, 0x0000000100000000ULL | PSCI_AFFINITY_INFO_64, 0, 0)->x[0],
			 AFF_ON);
	/* The host sees the FID the realm called. */
	rs_smc(0xABCD000000000000ULL | PSCI_CPU_SUSPEND_64, 0, 0, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_PSCI);
	assert_int_equal(rs_run(&rr)->exit.gprs[0], PSCI_CPU_SUSPEND_64);
}

static void features(const uint64_t *fids, size_t n, uint64_t expect)
{
	struct rs_realm rr;

	realm2(&rr);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rs_call(&rr, PSCI_FEATURES, fids[i])->x[0], expect);
}

static void psci_features_listed(void **state)
{
	static const uint64_t fids[] = {
		PSCI_CPU_SUSPEND_32, PSCI_CPU_SUSPEND_64, PSCI_CPU_OFF, PSCI_CPU_ON_32,
		PSCI_CPU_ON_64, PSCI_AFFINITY_INFO_32, PSCI_AFFINITY_INFO_64, PSCI_SYSTEM_OFF,
		PSCI_SYSTEM_RESET, PSCI_FEATURES, SMCCC_VERSION_FID,
	};

	(void)state;
	features(fids, sizeof(fids) / sizeof(fids[0]), PSCI_RET_SUCCESS);
}

static void psci_features_unlisted(void **state)
{
	static const uint64_t fids[] = {
		PSCI_VERSION, 0x84000005 /* MIGRATE */, 0x84000006, 0x8400000B /* CPU_FREEZE */,
		0x8400000C, 0xC400000E /* SYSTEM_SUSPEND */, 0x84000012 /* SYSTEM_RESET2 */,
		0xC4000002, 0xC4000008, 0xC4000009, 0xC400000A, RSI_VERSION, 0x80000001, 0,
	};

	(void)state;
	features(fids, sizeof(fids) / sizeof(fids[0]), psci(PSCI_RET_NOT_SUPPORTED));
}

static void psci_unknown_fids(void **state)
{
	static const uint64_t fids[] = {
		0x84000005, 0x84000006, 0xC4000007, 0x8400000B, 0x8400000C, 0xC400000E,
		0x84000012, 0xC4000012, 0x84000013, 0x8400001F, 0xC4000002, 0xC4000008,
	};
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++)
		assert_int_equal(rs_call(&rr, fids[i], 1, ENTRY)->x[0],
				 psci(PSCI_RET_NOT_SUPPORTED));
}

/* ---- CPU_ON and AFFINITY_INFO answered at once ------------------------------------------ */

struct now_row {
	uint64_t fid;
	uint64_t x1, x2;	/* target, entry (CPU_ON) or lowest affinity level */
	int64_t expect;
};

static void psci_now_row(void **state)
{
	const struct now_row *row = *state;
	struct rs_realm rr;

	realm2(&rr);
	assert_int_equal(rs_call(&rr, row->fid, row->x1, row->x2, CONTEXT)->x[0], psci(row->expect));
	/* Nothing is pending: REC 0 runs on, REC 1 is still off. */
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), INPUT);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_enter(&rr, 1, 0), REC_ERR);
}

#define NOW(name, ...)	RS_CASE(psci_##name, psci_now_row, struct now_row, __VA_ARGS__)

/* ---- CPU_ON through PSCI_COMPLETE ------------------------------------------------------------ */

static void psci_cpu_on_success_row(void **state)
{
	uint64_t fid = *(const uint64_t *)*state;
	struct rs_realm rr;
	const struct rec_regs *x;
	struct rec *target;

	realm2(&rr);
	cpu_on_exit(&rr, fid, 1);
	/* Both wait for the host: the caller on its request, the target for being switched on. */
	assert_int_equal(rs_enter(&rr, 0, 0), REC_ERR);
	assert_int_equal(rs_enter(&rr, 1, 0), REC_ERR);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), RMI_SUCCESS);
	target = rs_rec(&rr, 1);
	assert_int_equal(target->regs.pc, ENTRY);
	assert_int_equal(target->regs.x[0], CONTEXT);
	for (unsigned int r = 1; r < 31; r++)
		assert_int_equal(target->regs.x[r], 0);
	assert_int_equal(target->regs.pstate, RS_PSTATE_EL1H_DAIF);
	assert_int_equal(target->el1.sctlr_el1 & SCTLR_M, 0);
	/* The target runs from its entry point. */
	x = resume(&rr, 1, CONTEXT);
	assert_int_equal(x->pc, ENTRY);
	/* The caller gets SUCCESS, x1..x3 = 0, and goes on after the SMC. */
	x = resume(&rr, 0, PSCI_RET_SUCCESS);
	for (unsigned int r = 1; r <= 3; r++)
		assert_int_equal(x->x[r], 0);
	assert_int_equal(x->x[4], 0x1004);
	assert_int_equal(x->pc, RS_PC + 4);
}

/*
 * SMC32 calls take their arguments in W registers: CPU_ON_32 with bits
 * 63:32 of x1..x3 set names REC 1, its entry and context by the low halves
 * (the host sees the 32-bit target, REC 1 starts at ENTRY with CONTEXT).
 */
#define W_UPPER		0xFFFFFFFF00000000ULL

static void psci_cpu_on_32_uses_low_32_bits(void **state)
{
	const struct rmi_rec_exit *e;
	struct rs_realm rr;
	struct rec *target;

	(void)state;
	realm2(&rr);
	e = &rs_run(&rr)->exit;
	rs_smc(PSCI_CPU_ON_32, W_UPPER | 1U, W_UPPER | ENTRY, W_UPPER | CONTEXT);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_PSCI);
	assert_int_equal(e->gprs[0], PSCI_CPU_ON_32);
	assert_int_equal(e->gprs[1], 1);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), RMI_SUCCESS);
	target = rs_rec(&rr, 1);
	assert_int_equal(target->regs.pc, ENTRY);
	assert_int_equal(target->regs.x[0], CONTEXT);
	resume(&rr, 0, PSCI_RET_SUCCESS);
}

/*
 * CPU_ON_32's entry W2 outside PAR is INVALID_ADDRESS, whatever bits 63:32
 * hold; a realm of 32 IPA bits has its Unprotected half inside W2's range.
 */
static void psci_cpu_on_32_entry_unprotected(void **state)
{
	const uint64_t unprotected = 1ULL << 31;
	struct rs_realm rr;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 2, .bare = true, .s2sz = 32 });
	assert_int_equal(rs_call(&rr, PSCI_CPU_ON_32, 1, unprotected, 0)->x[0],
			 psci(PSCI_RET_INVALID_ADDRESS));
	assert_int_equal(rs_call(&rr, PSCI_CPU_ON_32, 1, W_UPPER | unprotected, 0)->x[0],
			 psci(PSCI_RET_INVALID_ADDRESS));
	/* Nothing is pending. */
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), INPUT);
}

/* AFFINITY_INFO_32: target and lowest affinity level are W1 and W2. */
static void psci_affinity_info_32_uses_low_32_bits(void **state)
{
	const struct rmi_rec_exit *e;
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	e = &rs_run(&rr)->exit;
	assert_int_equal(rs_call(&rr, PSCI_AFFINITY_INFO_32, W_UPPER | 0U, W_UPPER)->x[0], AFF_ON);
	rs_smc(PSCI_AFFINITY_INFO_32, W_UPPER | 1U, W_UPPER);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_PSCI);
	assert_int_equal(e->gprs[0], PSCI_AFFINITY_INFO_32);
	assert_int_equal(e->gprs[1], 1);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), RMI_SUCCESS);
	resume(&rr, 0, AFF_OFF);
}

/* The SMC64 forms keep all 64 bits: the same upper bits make the arguments invalid. */
static void psci_64_uses_all_bits(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	assert_int_equal(rs_call(&rr, PSCI_AFFINITY_INFO_64, W_UPPER | 1U, 0)->x[0],
			 psci(PSCI_RET_INVALID_PARAMS));
	assert_int_equal(rs_call(&rr, PSCI_AFFINITY_INFO_64, 1, W_UPPER)->x[0],
			 psci(PSCI_RET_INVALID_PARAMS));
	assert_int_equal(rs_call(&rr, PSCI_CPU_ON_64, W_UPPER | 1U, ENTRY, 0)->x[0],
			 psci(PSCI_RET_INVALID_PARAMS));
	assert_int_equal(rs_call(&rr, PSCI_CPU_ON_64, 1, W_UPPER | ENTRY, 0)->x[0],
			 psci(PSCI_RET_INVALID_ADDRESS));
}

#define SCTLR_EE	(1ULL << 25)

/* The target's reset takes its endianness (SCTLR_EL1.EE) from the caller (spec 2.4). */
static void psci_cpu_on_target_gets_caller_ee(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	rs_rec(&rr, 0)->el1.sctlr_el1 |= SCTLR_EE;
	rec1_cpu_on(&rr, PSCI_RET_SUCCESS);
	assert_int_equal(rs_rec(&rr, 1)->el1.sctlr_el1 & SCTLR_EE, SCTLR_EE);
	assert_int_equal(rs_rec(&rr, 1)->el1.sctlr_el1 & SCTLR_M, 0);
}

static void psci_cpu_on_denied(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	rec1_cpu_on(&rr, PSCI_RET_DENIED);
	resume(&rr, 0, psci(PSCI_RET_DENIED));
	assert_int_equal(rs_enter(&rr, 1, 0), REC_ERR);
	assert_int_equal(rs_rec(&rr, 1)->regs.pc, RS_PC);
}

/* A second CPU_ON of a REC that is on: ALREADY_ON, and the target is not reset. */
static void psci_cpu_on_target_already_on(void **state)
{
	/* covers: PSCI_COMPLETE.cpu_on_denied_target_on */
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	rec1_cpu_on(&rr, PSCI_RET_SUCCESS);
	resume(&rr, 1, CONTEXT);
	rs_set(rs_push(REALM_EXC_IRQ, 0, 0, 0), 0, 0x77);	/* REC 1 runs on */
	rs_enter_exit(&rr, 1, 0, RMI_EXIT_IRQ);
	cpu_on_exit(&rr, PSCI_CPU_ON_32, 1);
	/* DENIED for a target that is on is not a valid answer (step 10). */
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_DENIED), INPUT);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), RMI_SUCCESS);
	resume(&rr, 0, psci(PSCI_RET_ALREADY_ON));
	assert_int_equal(rs_rec(&rr, 1)->regs.x[0], 0x77);
	assert_int_equal(rs_rec(&rr, 1)->regs.pc, ENTRY);
}

/* A target created runnable is on from the start. */
static void psci_cpu_on_target_created_runnable(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm2_on(&rr);
	rec1_cpu_on(&rr, PSCI_RET_SUCCESS);
	resume(&rr, 0, psci(PSCI_RET_ALREADY_ON));
	assert_int_equal(rs_rec(&rr, 1)->regs.pc, RS_PC);
}

/* CPU_ON statuses other than SUCCESS and DENIED are INPUT; the request stays. */
static void psci_complete_cpu_on_bad_status(void **state)
{
	static const int64_t statuses[] = { PSCI_RET_NOT_SUPPORTED, PSCI_RET_INVALID_PARAMS,
					    PSCI_RET_ALREADY_ON, PSCI_RET_INVALID_ADDRESS, 1,
					    -5, INT64_MIN };
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	cpu_on_exit(&rr, PSCI_CPU_ON_64, 1);
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		assert_int_equal(complete(&rr, 0, 1, statuses[i]), INPUT);
	assert_int_equal(rs_enter(&rr, 0, 0), REC_ERR);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), RMI_SUCCESS);
	resume(&rr, 0, PSCI_RET_SUCCESS);
}

/* The target must be the REC the realm named (step 7), of the same realm (step 6). */
static void psci_complete_wrong_target(void **state)
{
	struct rs_realm rr, other;

	(void)state;
	rs_realm_opts(&other, &(struct rs_opts){ .recs = 2, .bare = true });
	rs_realm_opts(&rr, &(struct rs_opts){ .recs = 3, .bare = true });
	cpu_on_exit(&rr, PSCI_CPU_ON_64, 2);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), INPUT);
	assert_int_equal(fx_x0(RMI_PSCI_COMPLETE, rr.rec[0].rec, other.rec[1].rec, 0, 0, 0), INPUT);
	assert_int_equal(fx_x0(RMI_PSCI_COMPLETE, rr.rec[0].rec, other.rec[0].rec, 0, 0, 0), INPUT);
	assert_int_equal(complete(&rr, 0, 0, PSCI_RET_SUCCESS), INPUT);
	assert_int_equal(complete(&rr, 2, 0, PSCI_RET_SUCCESS), INPUT);
	assert_int_equal(rs_enter(&rr, 1, 0), REC_ERR);
	assert_int_equal(complete(&rr, 0, 2, PSCI_RET_SUCCESS), RMI_SUCCESS);
	/* Once only. */
	assert_int_equal(complete(&rr, 0, 2, PSCI_RET_SUCCESS), INPUT);
	resume(&rr, 2, CONTEXT);
	resume(&rr, 0, PSCI_RET_SUCCESS);
}

/* ---- AFFINITY_INFO through PSCI_COMPLETE --------------------------------------------------- */

struct affinity_row {
	uint64_t fid;
	bool target_on;
	uint64_t expect;
};

static void psci_affinity_info_row(void **state)
{
	const struct affinity_row *row = *state;
	bool target_on = row->target_on;
	struct rs_realm rr;

	if (target_on)
		realm2_on(&rr);
	else
		realm2(&rr);
	psci_exit(&rr, 0, row->fid, 1, 0, 0, 1);
	assert_int_equal(rs_enter(&rr, 0, 0), REC_ERR);
	/* Only SUCCESS completes an AFFINITY_INFO (step 9). */
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_DENIED), INPUT);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_NOT_SUPPORTED), INPUT);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), RMI_SUCCESS);
	resume(&rr, 0, row->expect);
	/* The target is not changed. */
	if (target_on)
		assert_int_equal(resume(&rr, 1, 0)->pc, RS_PC);
	else
		assert_int_equal(rs_enter(&rr, 1, 0), REC_ERR);
}

/* ---- CPU_OFF, CPU_SUSPEND, SYSTEM_OFF/RESET -------------------------------------------------- */

/* CPU_OFF: the REC stops being runnable until another REC switches it on again. */
static void psci_cpu_off_and_on_again(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	rec1_cpu_on(&rr, PSCI_RET_SUCCESS);
	psci_exit(&rr, 1, PSCI_CPU_OFF, 7, 8, 9, 0);
	assert_int_equal(rs_rec(&rr, 1)->regs.x[0], PSCI_RET_SUCCESS);
	assert_int_equal(rs_enter(&rr, 1, 0), REC_ERR);
	/* AFFINITY_INFO sees it off. */
	psci_exit(&rr, 0, PSCI_AFFINITY_INFO_64, 1, 0, 0, 1);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), RMI_SUCCESS);
	resume(&rr, 0, AFF_OFF);
	/* Switched on again, at the new entry. */
	psci_exit(&rr, 0, PSCI_CPU_ON_64, 1, ENTRY + 0x100, 5, 1);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), RMI_SUCCESS);
	assert_int_equal(resume(&rr, 1, 5)->pc, ENTRY + 0x100);
}

/* REC 0 itself can be switched off and back on by REC 1. */
static void psci_cpu_off_rec_0(void **state)
{
	struct rs_realm rr;

	(void)state;
	realm2(&rr);
	rec1_cpu_on(&rr, PSCI_RET_SUCCESS);
	psci_exit(&rr, 0, PSCI_CPU_OFF, 0, 0, 0, 0);
	assert_int_equal(rs_enter(&rr, 0, 0), REC_ERR);
	psci_exit(&rr, 1, PSCI_CPU_ON_32, 0, ENTRY, CONTEXT, 0);
	assert_int_equal(complete(&rr, 1, 0, PSCI_RET_SUCCESS), RMI_SUCCESS);
	assert_int_equal(resume(&rr, 0, CONTEXT)->pc, ENTRY);
	resume(&rr, 1, PSCI_RET_SUCCESS);
}

/* CPU_SUSPEND is only a notification: no PSCI_COMPLETE, SUCCESS at the next entry. */
static void psci_cpu_suspend_row(void **state)
{
	uint64_t fid = *(const uint64_t *)*state;
	struct rs_realm rr;

	realm2(&rr);
	psci_exit(&rr, 0, fid, 0x10000, ENTRY, CONTEXT, 0);
	assert_int_equal(complete(&rr, 0, 1, PSCI_RET_SUCCESS), INPUT);
	assert_int_equal(resume(&rr, 0, PSCI_RET_SUCCESS)->pc, RS_PC + 4);
}

/* SYSTEM_OFF / SYSTEM_RESET: no REC runs again; the realm can then be torn down. */
static void psci_system_off_row(void **state)
{
	uint64_t fid = *(const uint64_t *)*state;
	struct rs_realm rr;

	realm2(&rr);
	psci_exit(&rr, 0, fid, 0, 0, 0, 0);
	assert_int_equal(rs_enter(&rr, 0, 0), RMI_STATUS(RMI_ERROR_REALM, 1));
	assert_int_equal(rs_enter(&rr, 1, 0), RMI_STATUS(RMI_ERROR_REALM, 1));
	assert_int_equal(fx_x0(RMI_REALM_ACTIVATE, rr.r.rd, 0, 0, 0, 0), REALM_ERR);
	for (unsigned int i = 0; i < rr.num_recs; i++)
		assert_int_equal(fx_x0(RMI_REC_DESTROY, rr.rec[i].rec, 0, 0, 0, 0), RMI_SUCCESS);
	assert_int_equal(fx_x0(RMI_REALM_DESTROY, rr.r.rd, 0, 0, 0, 0), RMI_SUCCESS);
}

#define FID(name, fn, fid)	RS_CASE(psci_##name, fn, uint64_t, fid)
#define AFFINITY(name, ...) \
	RS_CASE(psci_affinity_info_##name, psci_affinity_info_row, struct affinity_row, __VA_ARGS__)
#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	T(psci_smccc_version),
	T(psci_version),
	T(psci_version_sve_hint),
	T(psci_fid_upper_bits_ignored),
	T(psci_cpu_on_32_uses_low_32_bits),
	T(psci_cpu_on_32_entry_unprotected),
	T(psci_affinity_info_32_uses_low_32_bits),
	T(psci_64_uses_all_bits),
	T(psci_features_listed),
	T(psci_features_unlisted),
	T(psci_unknown_fids),
	NOW(cpu_on_entry_unprotected, PSCI_CPU_ON_64, 1, FX_UNPROT, PSCI_RET_INVALID_ADDRESS),
	NOW(cpu_on_entry_beyond_s2sz, PSCI_CPU_ON_64, 1, FX_IPA_LIMIT, PSCI_RET_INVALID_ADDRESS),
	NOW(cpu_on_target_index_2, PSCI_CPU_ON_64, 2, ENTRY, PSCI_RET_INVALID_PARAMS),
	NOW(cpu_on_target_aff1, PSCI_CPU_ON_64, 0x100, ENTRY, PSCI_RET_INVALID_PARAMS),
	NOW(cpu_on_target_aff3, PSCI_CPU_ON_64, 1ULL << 32, ENTRY, PSCI_RET_INVALID_PARAMS),
	NOW(cpu_on_target_aff0_bit4, PSCI_CPU_ON_64, 0x11, ENTRY, PSCI_RET_INVALID_PARAMS),
	NOW(cpu_on_target_bit40, PSCI_CPU_ON_64, (1ULL << 40) | 1U, ENTRY,
	    PSCI_RET_INVALID_PARAMS),
	NOW(cpu_on_32_target_index_2, PSCI_CPU_ON_32, 2, ENTRY, PSCI_RET_INVALID_PARAMS),
	NOW(cpu_on_self, PSCI_CPU_ON_64, 0, ENTRY, PSCI_RET_ALREADY_ON),
	NOW(cpu_on_32_self, PSCI_CPU_ON_32, 0, ENTRY, PSCI_RET_ALREADY_ON),
	NOW(affinity_info_level_1, PSCI_AFFINITY_INFO_64, 1, 1, PSCI_RET_INVALID_PARAMS),
	NOW(affinity_info_self_level_1, PSCI_AFFINITY_INFO_64, 0, 1, PSCI_RET_INVALID_PARAMS),
	NOW(affinity_info_target_index_2, PSCI_AFFINITY_INFO_64, 2, 0, PSCI_RET_INVALID_PARAMS),
	NOW(affinity_info_target_aff1, PSCI_AFFINITY_INFO_32, 0x100, 0, PSCI_RET_INVALID_PARAMS),
	NOW(affinity_info_self, PSCI_AFFINITY_INFO_64, 0, 0, AFF_ON),
	NOW(affinity_info_32_self, PSCI_AFFINITY_INFO_32, 0, 0, AFF_ON),
	FID(cpu_on_64_success, psci_cpu_on_success_row, PSCI_CPU_ON_64),
	FID(cpu_on_32_success, psci_cpu_on_success_row, PSCI_CPU_ON_32),
	T(psci_cpu_on_denied),
	T(psci_cpu_on_target_gets_caller_ee),
	T(psci_cpu_on_target_already_on),
	T(psci_cpu_on_target_created_runnable),
	T(psci_complete_cpu_on_bad_status),
	T(psci_complete_wrong_target),
	/* covers: PSCI_COMPLETE.affinity_info_bad_status */
	AFFINITY(64_off, PSCI_AFFINITY_INFO_64, false, AFF_OFF),
	/* covers: PSCI_COMPLETE.affinity_info_bad_status */
	AFFINITY(32_off, PSCI_AFFINITY_INFO_32, false, AFF_OFF),
	/* covers: PSCI_COMPLETE.affinity_info_bad_status */
	AFFINITY(64_on, PSCI_AFFINITY_INFO_64, true, AFF_ON),
	/* covers: PSCI_COMPLETE.affinity_info_bad_status */
	AFFINITY(32_on, PSCI_AFFINITY_INFO_32, true, AFF_ON),
	T(psci_cpu_off_and_on_again),
	T(psci_cpu_off_rec_0),
	FID(cpu_suspend_64, psci_cpu_suspend_row, PSCI_CPU_SUSPEND_64),
	FID(cpu_suspend_32, psci_cpu_suspend_row, PSCI_CPU_SUSPEND_32),
	FID(system_off, psci_system_off_row, PSCI_SYSTEM_OFF),
	FID(system_reset, psci_system_off_row, PSCI_SYSTEM_RESET),
};

UNIT_GROUP(realm_psci_tests, tests, NULL);
