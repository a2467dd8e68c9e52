/*
 * The realm each CPU plays during its REC_ENTERs (stress.h). The host build
 * runs no realm code: arch_rec_run() asks the installed step function for
 * the next exception. This one keeps its queue per thread, so each CPU
 * plays its own plan on whichever REC it entered; the steps run on the
 * entering thread, inside the RMM, while peers change the same realm.
 */
#include "stress.h"

#include <string.h>

#include <atoll/rsi.h>
#include <atoll/smccc.h>
#include <rmm/arch.h>
#include <rmm/rec.h>

#include "harness.h"

#define MAX_STEPS	4U
#define ESR_SMC		((0x17ULL << 26) | (1ULL << 25))

enum step_kind {
	STEP_VERSION, STEP_STATE_GET, STEP_MEASURE, STEP_CONFIG, STEP_STATE_SET, STEP_PSCI,
	STEP_ATTEST_INIT, STEP_ATTEST_CONTINUE,
};

/* CONTINUE calls one token may take (each copies a piece; INCOMPLETE without progress is a bug). */
#define MAX_CONTINUES	8U

struct step {
	enum step_kind kind;
	uint64_t x[11];		/* x0 = FID, then the arguments */
};

static _Thread_local struct {
	struct stress_cpu *c;
	struct step steps[MAX_STEPS];
	unsigned int n, next;
	bool ended;		/* the queue ran dry: the realm took an IRQ */
	bool again;		/* the last CONTINUE gave INCOMPLETE: issue it again */
	unsigned int continues;
} play;

/* What the RMM answered the previous step, found in the realm's registers. */
static void check_answer(const struct step *s, const struct rec_regs *r)
{
	uint64_t x0 = r->x[0];

	play.c->rsi_answered++;
	switch (s->kind) {
	case STEP_VERSION:
		if (x0 != RSI_SUCCESS || r->x[1] != RSI_ABI_VERSION || r->x[2] != RSI_ABI_VERSION)
			stress_violation(play.c, "RSI_VERSION answered %#llx", (unsigned long long)x0);
		break;
	case STEP_STATE_GET:
		if (x0 != RSI_SUCCESS || r->x[1] <= s->x[1] || r->x[1] > s->x[2] ||
		    r->x[2] > RSI_RIPAS_DESTROYED)
			stress_violation(play.c, "RSI_IPA_STATE_GET(%#llx, %#llx) answered %#llx, %#llx, %#llx",
					 (unsigned long long)s->x[1], (unsigned long long)s->x[2],
					 (unsigned long long)x0, (unsigned long long)r->x[1],
					 (unsigned long long)r->x[2]);
		break;
	case STEP_MEASURE:
		if (x0 != RSI_SUCCESS)
			stress_violation(play.c, "RSI_MEASUREMENT_EXTEND answered %#llx",
					 (unsigned long long)x0);
		break;
	case STEP_CONFIG:
		/* Mapped: written; EMPTY: INPUT (unmapped exits to the host instead). */
		if (x0 != RSI_SUCCESS && x0 != RSI_ERROR_INPUT)
			stress_violation(play.c, "RSI_REALM_CONFIG answered %#llx", (unsigned long long)x0);
		break;
	case STEP_STATE_SET:
		stress_violation(play.c, "the realm ran on after RSI_IPA_STATE_SET");
		break;
	case STEP_ATTEST_INIT:
		if (x0 != RSI_SUCCESS || r->x[1] != RSI_ATTEST_TOKEN_MAX_SIZE)
			stress_violation(play.c, "RSI_ATTEST_TOKEN_INIT answered %#llx, %#llx",
					 (unsigned long long)x0, (unsigned long long)r->x[1]);
		break;
	case STEP_ATTEST_CONTINUE:
		/*
		 * SUCCESS: the token's last piece is in the buffer page; INCOMPLETE:
		 * a piece (the buffer holds less than the token); INPUT: the page is
		 * EMPTY (an unmapped one exits to the host instead).
		 */
		play.again = x0 == RSI_INCOMPLETE && r->x[1] != 0U && r->x[1] <= s->x[3];
		play.c->tokens += x0 == RSI_SUCCESS;
		if ((x0 == RSI_SUCCESS && (r->x[1] == 0U || r->x[1] > s->x[3])) ||
		    (x0 == RSI_INCOMPLETE && !play.again) ||
		    (x0 != RSI_SUCCESS && x0 != RSI_INCOMPLETE && x0 != RSI_ERROR_INPUT))
			stress_violation(play.c, "RSI_ATTEST_TOKEN_CONTINUE(offset %llu, size %llu) answered %#llx, %#llx",
					 (unsigned long long)s->x[2], (unsigned long long)s->x[3],
					 (unsigned long long)x0, (unsigned long long)r->x[1]);
		break;
	case STEP_PSCI:
		/* Answered by the RMM: no such REC, or the caller itself (spec PSCI table). */
		if (s->x[0] == PSCI_AFFINITY_INFO_64 ? x0 != (uint64_t)PSCI_RET_INVALID_PARAMS && x0 != 0U
						     : x0 != (uint64_t)PSCI_RET_INVALID_PARAMS &&
						       x0 != (uint64_t)PSCI_RET_ALREADY_ON)
			stress_violation(play.c, "PSCI %#llx answered %#llx without the host",
					 (unsigned long long)s->x[0], (unsigned long long)x0);
		break;
	}
}

static void step(struct rec_regs *regs, struct realm_exit_syndrome *out, void *arg)
{
	struct step *s;

	(void)arg;
	/* The first step finds what the REC's last exit left, which any CPU may have caused. */
	play.again = false;
	if (play.next > 0U)
		check_answer(&play.steps[play.next - 1U], regs);
	if (play.again) {
		/* The next piece of the token, after the one just copied. */
		s = &play.steps[play.next - 1U];
		if (++play.continues == MAX_CONTINUES)
			stress_violation(play.c, "the token was not read out in %u CONTINUE calls",
					 MAX_CONTINUES);
		s->x[2] += regs->x[1];
		s->x[3] = RSI_ATTEST_TOKEN_MAX_SIZE - s->x[2] < s->x[3] ?
				  RSI_ATTEST_TOKEN_MAX_SIZE - s->x[2] : s->x[3];
		memcpy(regs->x, s->x, sizeof(s->x));
		*out = (struct realm_exit_syndrome){ .kind = REALM_EXC_SYNC, .esr = ESR_SMC };
		return;
	}
	if (play.next == play.n) {
		play.ended = true;
		*out = (struct realm_exit_syndrome){ .kind = REALM_EXC_IRQ };
		return;
	}
	s = &play.steps[play.next++];
	memcpy(regs->x, s->x, sizeof(s->x));
	*out = (struct realm_exit_syndrome){ .kind = REALM_EXC_SYNC, .esr = ESR_SMC };
}

void realm_play_install(void)
{
	host_realm_script(step, NULL);
}

static void add(struct stress_cpu *c, enum step_kind kind)
{
	struct step *s = &play.steps[play.n++];
	uint64_t base = stress_pick_page(c);

	memset(s, 0, sizeof(*s));
	s->kind = kind;
	switch (kind) {
	case STEP_VERSION:
		s->x[0] = RSI_VERSION;
		s->x[1] = RSI_ABI_VERSION;
		break;
	case STEP_STATE_GET:
		s->x[0] = RSI_IPA_STATE_GET;
		s->x[1] = base;
		s->x[2] = base + (1U + stress_rand(c) % 3U) * GRANULE_SIZE;
		break;
	case STEP_MEASURE:
		s->x[0] = RSI_MEASUREMENT_EXTEND;
		s->x[1] = 1U + stress_rand(c) % 4U;
		s->x[2] = stress_rand(c) % (RSI_MEASUREMENT_MAX_SIZE + 1U);
		s->x[3] = stress_rand(c);
		break;
	case STEP_CONFIG:
		s->x[0] = RSI_REALM_CONFIG;
		s->x[1] = base;
		break;
	case STEP_STATE_SET:
		s->x[0] = RSI_IPA_STATE_SET;
		s->x[1] = base;
		s->x[2] = base + (1U + stress_rand(c) % 3U) * GRANULE_SIZE;
		s->x[3] = stress_rand(c) % 2U == 0U ? RSI_RIPAS_RAM : RSI_RIPAS_EMPTY;
		s->x[4] = stress_rand(c) % 2U == 0U ? RSI_CHANGE_DESTROYED : RSI_NO_CHANGE_DESTROYED;
		break;
	case STEP_ATTEST_INIT:
		s->x[0] = RSI_ATTEST_TOKEN_INIT;
		for (unsigned int i = 1; i <= 8U; i++)
			s->x[i] = stress_rand(c);	/* the 64-byte challenge */
		break;
	case STEP_ATTEST_CONTINUE:
		/* The buffer: a page that may be DATA (mapped), EMPTY or unmapped; pieces of 1 KB or more. */
		s->x[0] = RSI_ATTEST_TOKEN_CONTINUE;
		s->x[1] = base;
		s->x[2] = 0;
		s->x[3] = 1024U * (1U + stress_rand(c) % 4U);
		break;
	case STEP_PSCI:
		/* Another REC of the realm (index 0..3, which may not exist): the host completes it. */
		s->x[0] = stress_rand(c) % 2U == 0U ? PSCI_AFFINITY_INFO_64 : PSCI_CPU_ON_64;
		s->x[1] = stress_rand(c) % 4U;
		s->x[2] = s->x[0] == PSCI_CPU_ON_64 ? 0x80000U : 0U;
		s->x[3] = stress_rand(c);
		break;
	}
}

void realm_play_plan(struct stress_cpu *c)
{
	unsigned int calls = (unsigned int)(stress_rand(c) % 3U), last = (unsigned int)(stress_rand(c) % 40U);
	static const enum step_kind answered[] = { STEP_VERSION, STEP_STATE_GET, STEP_MEASURE };

	play.c = c;
	play.n = play.next = play.continues = 0;
	play.ended = false;
	for (unsigned int i = 0; i < calls; i++)
		add(c, answered[stress_rand(c) % 3U]);
	/*
	 * Last, as it may end the entry: a REALM_CONFIG (it exits when
	 * unmapped), an IPA_STATE_SET, a PSCI call for another REC (each in a
	 * fifth of the entries), or, in a quarter, a token: CONTINUE signs
	 * (and the first one sets up the RAK for every CPU) before it looks at
	 * the buffer page, so the signing runs on many CPUs at once even when
	 * the page turns out not to be mapped.
	 */
	if (last < 8U) {
		add(c, STEP_CONFIG);
	} else if (last < 16U) {
		add(c, STEP_STATE_SET);
	} else if (last < 24U) {
		add(c, STEP_PSCI);
	} else if (last < 34U) {
		add(c, STEP_ATTEST_INIT);
		add(c, STEP_ATTEST_CONTINUE);
	}
}

void realm_play_check(struct stress_cpu *c, bool entered, struct realm_plan *plan)
{
	const struct rmi_rec_exit *e = &((const struct rmi_rec_run *)host_pa_ptr(c->run))->exit;
	const struct step *s = play.next > 0U ? &play.steps[play.next - 1U] : NULL;

	memset(plan, 0, sizeof(*plan));
	if (!entered) {
		if (play.next != 0U || play.ended)
			stress_violation(c, "REC_ENTER failed but the realm ran");
		return;
	}
	if (play.ended) {
		if (e->exit_reason != RMI_EXIT_IRQ)
			stress_violation(c, "the realm took an IRQ but the exit reason is %llu",
					 (unsigned long long)e->exit_reason);
		return;
	}
	if (s != NULL && s->kind == STEP_PSCI) {
		if (e->exit_reason != RMI_EXIT_PSCI || e->gprs[0] != s->x[0] || e->gprs[1] != s->x[1])
			stress_violation(c, "PSCI %#llx(%llu) gave exit %llu (%#llx, %#llx)",
					 (unsigned long long)s->x[0], (unsigned long long)s->x[1],
					 (unsigned long long)e->exit_reason, (unsigned long long)e->gprs[0],
					 (unsigned long long)e->gprs[1]);
		*plan = (struct realm_plan){ .psci = true, .psci_fid = s->x[0], .psci_target = s->x[1] };
		return;
	}
	if (s != NULL && s->kind == STEP_STATE_SET) {
		if (e->exit_reason != RMI_EXIT_RIPAS_CHANGE || e->ripas_base != s->x[1] ||
		    e->ripas_top != s->x[2] || e->ripas_value != s->x[3])
			stress_violation(c, "IPA_STATE_SET(%#llx, %#llx, %llu) gave exit %llu (%#llx, %#llx, %llu)",
					 (unsigned long long)s->x[1], (unsigned long long)s->x[2],
					 (unsigned long long)s->x[3], (unsigned long long)e->exit_reason,
					 (unsigned long long)e->ripas_base, (unsigned long long)e->ripas_top,
					 (unsigned long long)e->ripas_value);
		*plan = (struct realm_plan){ .ripas_change = true, .base = s->x[1], .top = s->x[2],
					     .ripas = s->x[3] };
		return;
	}
	if (s != NULL && (s->kind == STEP_CONFIG || s->kind == STEP_ATTEST_CONTINUE)) {
		/* The page was unmapped: the RMM reports the access as the realm's data abort. */
		if (e->exit_reason != RMI_EXIT_SYNC || e->hpfar != s->x[1] >> 8)
			stress_violation(c, "RSI %#llx at %#llx left the realm with exit %llu, hpfar %#llx",
					 (unsigned long long)s->x[0],
					 (unsigned long long)s->x[1], (unsigned long long)e->exit_reason,
					 (unsigned long long)e->hpfar);
		return;
	}
	stress_violation(c, "REC_ENTER returned after %u of %u steps", play.next, play.n);
}
