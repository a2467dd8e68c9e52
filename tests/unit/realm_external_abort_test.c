/*
 * Synchronous external aborts a realm's access takes to EL2 (HCR_EL2.TEA),
 * classified as spec 3.4 says by ESR_EL2.SET: recoverable (UER, 0b00) is
 * injected into the realm and reported to the host; restartable (UEO, 0b11)
 * is reported and the realm runs the instruction again; uncontainable (UC,
 * 0b10, and the reserved 0b01) stops the RMM. The host sees EC, SET, FnV, EA
 * and FSC only, no FAR and no HPFAR (UNKNOWN for an external abort), and
 * such an exit is no emulatable MMIO: EMUL_MMIO and INJECT_SEA are refused
 * after it. Wherever the IPA is: the classification comes before it.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "realm_script.h"

#define FSC_SEA		0x10ULL
#define SET(v)		((uint64_t)(v) << 11)
#define FNV		(1ULL << 10)
#define EA		(1ULL << 9)
/* What the host may see of an external abort. */
#define KEEP		(RS_EC(0x3F) | SET(3) | FNV | EA | 0x3FULL)
/* Every other ISS bit set, as the hardware might: ISV, SAS, SRT, SF, AR, WnR... */
#define NOISE		(RS_ISV | RS_SAS(3) | RS_SSE | RS_SRT(5) | RS_SF | (1ULL << 14) | RS_WNR | \
			 (1ULL << 7) | (1ULL << 8))

#define DABT_SEA(set)	(RS_EC(0x24) | RS_IL | NOISE | SET(set) | EA | FSC_SEA)
#define IABT_SEA(set)	(RS_EC(0x20) | RS_IL | SET(set) | FSC_SEA)

static void assert_reported(const struct rs_realm *rr, uint64_t esr)
{
	const struct rmi_rec_exit *e = &rs_run(rr)->exit;

	assert_int_equal(e->exit_reason, RMI_EXIT_SYNC);
	assert_int_equal(e->esr, esr & KEEP);
	assert_int_equal(e->far, 0);
	assert_int_equal(e->hpfar, 0);
	assert_int_equal(e->gprs[0], 0);
}

/* After an external abort exit neither completion flag is accepted, and nothing changed. */
static void assert_no_completion_flags(const struct rs_realm *rr)
{
	struct rec before = *rs_rec(rr, 0);

	assert_int_equal(rs_enter(rr, 0, REC_ENTER_FLAG_EMULATED_MMIO), RMI_ERROR_REC);
	assert_int_equal(rs_enter(rr, 0, REC_ENTER_FLAG_INJECT_SEA), RMI_ERROR_REC);
	assert_memory_equal(&rs_rec(rr, 0)->regs, &before.regs, sizeof(before.regs));
	assert_memory_equal(&rs_rec(rr, 0)->el1, &before.el1, sizeof(before.el1));
}

struct recoverable_row {
	uint64_t esr, ipa, pstate;
	uint64_t ec, vector;	/* of the SEA the realm takes */
};

/* Recoverable: the realm takes the SEA at its vector, and the host hears of it. */
static void recoverable_row(void **state)
{
	const struct recoverable_row *row = *state;
	struct rs_realm rr;
	struct rec *rec;

	rs_realm(&rr);
	rs_at(rs_abort(row->esr, row->ipa), row->pstate);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	assert_reported(&rr, row->esr);
	rec = rs_rec(&rr, 0);
	rs_assert_sea(&rec->regs, rec, row->ec, RS_PC, row->pstate, row->vector);
	assert_int_equal(rec->el1.far_el1, row->ipa);
	assert_no_completion_flags(&rr);
	/* The next entry runs the realm's handler: no step is replayed. */
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->pc, RS_VBAR + row->vector);
}

/*
 * Recoverable with FnV set: FAR_EL2 is not the abort's (it holds what an
 * earlier fault left), so the realm gets FnV and FAR 0, not that value.
 */
static void external_abort_recoverable_far_not_valid(void **state)
{
	const uint64_t esr = DABT_SEA(0) | FNV;
	struct rs_realm rr;
	struct rec *rec;

	(void)state;
	rs_realm(&rr);
	rs_abort(esr, RS_RAM + 0x40);	/* FAR_EL2 = a stale address */
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	assert_reported(&rr, esr);
	rec = rs_rec(&rr, 0);
	assert_int_equal(rec->el1.esr_el1, RS_EC(0x25) | RS_IL | FNV | FSC_SEA);
	assert_int_equal(rec->el1.far_el1, 0);
	assert_int_equal(rec->regs.pc, RS_VBAR + 0x200);
}

#define REC(name, ...)	RS_CASE(external_abort_recoverable_##name, recoverable_row, \
				struct recoverable_row, __VA_ARGS__)

/* Restartable: reported only; the realm runs the same instruction again. */
static void restartable_row(void **state)
{
	const uint64_t *esr = *state;
	struct rs_realm rr;
	struct rec *rec;

	rs_realm(&rr);
	rs_abort(*esr, RS_MMIO);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_SYNC);
	assert_reported(&rr, *esr);
	rec = rs_rec(&rr, 0);
	assert_int_equal(rec->regs.pc, RS_PC);
	assert_int_equal(rec->el1.esr_el1, 0);
	assert_no_completion_flags(&rr);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->pc, RS_PC);
}

/* Uncontainable, or SET's reserved value: the RMM stops (SIGABRT on the host build). */
static void uncontainable_row(void **state)
{
	const uint64_t *esr = *state;
	struct rs_realm rr;
	int status;
	pid_t child;

	rs_realm(&rr);
	rs_abort(*esr, RS_RAM);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		(void)rs_enter(&rr, 0, 0);
		_exit(0);	/* the RMM went on: the test fails */
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

#define ESR_ROW(group, name, fn, value) \
	{ "external_abort_" #group "_" #name, fn, unit_boot_rmm, NULL, &(uint64_t){ value } }

static const struct CMUnitTest tests[] = {
	/* At an Unprotected IPA with ISV set: without the classification an MMIO exit. */
	REC(unprotected_isv, .esr = DABT_SEA(0), .ipa = RS_MMIO, .pstate = RS_PSTATE_EL1H,
	    .ec = 0x25, .vector = 0x200),
	REC(protected_ram, .esr = DABT_SEA(0), .ipa = RS_RAM + 0x40, .pstate = RS_PSTATE_EL1H,
	    .ec = 0x25, .vector = 0x200),
	REC(from_el0, .esr = DABT_SEA(0), .ipa = RS_RAM, .pstate = RS_PSTATE_EL0T, .ec = 0x24,
	    .vector = 0x400),
	REC(instruction_fetch, .esr = IABT_SEA(0), .ipa = RS_RAM, .pstate = RS_PSTATE_EL1H,
	    .ec = 0x21, .vector = 0x200),
	/* On a translation table walk (FSC 0x13 level -1 .. 0x17 level 3; SET is RES0). */
	REC(table_walk_level_minus_1, .esr = RS_EC(0x24) | RS_IL | 0x13U, .ipa = RS_RAM,
	    .pstate = RS_PSTATE_EL1H, .ec = 0x25, .vector = 0x200),
	REC(table_walk_level_0, .esr = RS_EC(0x24) | RS_IL | 0x14U, .ipa = RS_RAM_UNMAPPED,
	    .pstate = RS_PSTATE_EL1H, .ec = 0x25, .vector = 0x200),
	REC(table_walk_level_3, .esr = RS_EC(0x24) | RS_IL | 0x17U, .ipa = RS_EMPTY,
	    .pstate = RS_PSTATE_EL1H, .ec = 0x25, .vector = 0x200),
	cmocka_unit_test_setup(external_abort_recoverable_far_not_valid, unit_boot_rmm),
	ESR_ROW(restartable, data_unprotected, restartable_row, DABT_SEA(3)),
	ESR_ROW(restartable, instruction, restartable_row, IABT_SEA(3)),
	ESR_ROW(uncontainable, data, uncontainable_row, DABT_SEA(2)),
	ESR_ROW(uncontainable, instruction, uncontainable_row, IABT_SEA(2)),
	ESR_ROW(uncontainable, reserved_set, uncontainable_row, DABT_SEA(1)),
};

UNIT_GROUP(realm_external_abort_tests, tests, NULL);
