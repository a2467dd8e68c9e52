/* The emulated realm's RSI calls (realm_calls.h). */
#include "realm_calls.h"

#include <string.h>

#include <atoll/realm_image.h>
#include <atoll/rmi.h>
#include <atoll/rsi.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/rec.h>

#include "builder/realm_vm.h"
#include "harness.h"
#include "rmi/report.h"

#define ESR_SMC		((0x17ULL << 26) | (1ULL << 25))
#define STEPS_MAX	1000000U	/* a token takes a few hundred CONTINUEs */
#define DESC_OA_MASK	0x0000FFFFFFFFF000ULL

enum script_kind { SCRIPT_CALL, SCRIPT_ATTEST };

struct script {
	enum script_kind kind;
	unsigned int steps;
	bool done, failed;
	/* SCRIPT_CALL: one SMC and its results. */
	uint64_t fid, args[10], result[5];
	unsigned int num_args;
	/* SCRIPT_ATTEST */
	uint64_t buf_ipa;
	size_t copied;
	uint64_t status;		/* the RSI status that stopped it */
	const char *failed_call;
};

static void smc(struct rec_regs *regs, struct realm_exit_syndrome *out, uint64_t fid,
		const uint64_t *args, unsigned int n)
{
	regs->x[0] = fid;
	for (unsigned int i = 0; i < n; i++)
		regs->x[1U + i] = args[i];
	*out = (struct realm_exit_syndrome){ .kind = REALM_EXC_SYNC, .esr = ESR_SMC };
}

static void finish(struct script *s, struct realm_exit_syndrome *out)
{
	s->done = true;
	*out = (struct realm_exit_syndrome){ .kind = REALM_EXC_IRQ };
}

static void fail(struct script *s, struct realm_exit_syndrome *out, const char *call,
		 uint64_t status)
{
	s->failed = true;
	s->failed_call = call;
	s->status = status;
	finish(s, out);
}

/* INIT, then CONTINUE into the buffer page from where the last one stopped. */
static void attest_step(struct script *s, struct rec_regs *regs, struct realm_exit_syndrome *out)
{
	uint64_t status = regs->x[0];

	if (s->steps == 1U) {
		smc(regs, out, RSI_ATTEST_TOKEN_INIT, s->args, 8);
		return;
	}
	if (s->steps == 2U && status != RSI_SUCCESS) {
		fail(s, out, "RSI_ATTEST_TOKEN_INIT", status);
		return;
	}
	if (s->steps > 2U) {
		if (status != RSI_SUCCESS && status != RSI_INCOMPLETE) {
			fail(s, out, "RSI_ATTEST_TOKEN_CONTINUE", status);
			return;
		}
		s->copied += regs->x[1];
		if (status == RSI_SUCCESS) {
			finish(s, out);
			return;
		}
		if (s->copied >= GRANULE_SIZE) {
			fail(s, out, "RSI_ATTEST_TOKEN_CONTINUE (token over one page)", status);
			return;
		}
	}
	smc(regs, out, RSI_ATTEST_TOKEN_CONTINUE,
	    (const uint64_t[]){ s->buf_ipa, s->copied, GRANULE_SIZE - s->copied }, 3);
}

/* The realm script hook: the next exception of the emulated realm. */
static void step(struct rec_regs *regs, struct realm_exit_syndrome *out, void *arg)
{
	struct script *s = arg;

	if (s->done || ++s->steps > STEPS_MAX) {
		if (!s->done)
			fail(s, out, "the script (too many steps)", 0);
		*out = (struct realm_exit_syndrome){ .kind = REALM_EXC_IRQ };
		return;
	}
	if (s->kind == SCRIPT_ATTEST) {
		attest_step(s, regs, out);
	} else if (s->steps == 1U) {
		smc(regs, out, s->fid, s->args, s->num_args);
	} else {
		memcpy(s->result, regs->x, sizeof(s->result));
		finish(s, out);
	}
}

/* One REC_ENTER of REC 0 that plays the script until its IRQ exit. */
static atoll_status run(struct atoll_ctx *ctx, struct realm_vm *vm, struct script *s)
{
	const struct realm_vcpu *v = &vm->vcpus[0];
	const struct rmi_rec_run *run_page = host_pa_ptr(v->run);
	uint64_t status;

	host_realm_script(step, s);
	status = rmi_reported("REC_ENTER", RMI_REC_ENTER, v->rec, v->run, 0, 0, 0).x[0];
	host_realm_script(NULL, NULL);
	if (status != RMI_SUCCESS)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "REC_ENTER failed: %s",
				  host_rmi_status_name(status));
	if (!s->done || run_page->exit.exit_reason != RMI_EXIT_IRQ)
		return atoll_fail(ctx, ATOLL_E_BACKEND,
				  "the realm left with exit reason %llu before its script ended",
				  (unsigned long long)run_page->exit.exit_reason);
	if (s->failed)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "%s answered status %llu", s->failed_call,
				  (unsigned long long)s->status);
	return ATOLL_OK;
}

atoll_status sim_realm_attest(struct atoll_ctx *ctx, struct realm_vm *vm,
			      const uint8_t challenge[ATOLL_CHALLENGE_SIZE], uint8_t *buf,
			      size_t cap, size_t *len)
{
	struct script s = { .kind = SCRIPT_ATTEST };
	struct host_rtt_entry e;
	atoll_status st;

	s.buf_ipa = REALM_IMAGE_IPA + vm->memory_size - GRANULE_SIZE;
	memcpy(s.args, challenge, ATOLL_CHALLENGE_SIZE);	/* x1..x8, little-endian words */
	st = run(ctx, vm, &s);
	if (st != ATOLL_OK)
		return st;
	if (host_realm_read_entry(&vm->realm, s.buf_ipa, 3, &e) != RMI_SUCCESS ||
	    e.state != RMI_ASSIGNED)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "the realm's token page is not mapped");
	*len = s.copied;
	if (cap < s.copied)
		return atoll_fail(ctx, ATOLL_E_BUFFER_TOO_SMALL, "the token needs %zu bytes",
				  s.copied);
	memcpy(buf, host_pa_ptr(e.desc & DESC_OA_MASK), s.copied);
	return ATOLL_OK;
}

static atoll_status call(struct atoll_ctx *ctx, struct realm_vm *vm, struct script *s,
			 const char *name)
{
	atoll_status st = run(ctx, vm, s);

	if (st == ATOLL_OK && s->result[0] != RSI_SUCCESS)
		st = atoll_fail(ctx, ATOLL_E_BACKEND, "%s answered status %llu", name,
				(unsigned long long)s->result[0]);
	return st;
}

atoll_status sim_realm_sealing_key(struct atoll_ctx *ctx, struct realm_vm *vm, uint64_t flags,
				   uint64_t svn, uint8_t key[ATOLL_SEALING_KEY_SIZE])
{
	struct script s = { .kind = SCRIPT_CALL, .fid = RSI_ATOLL_SEALING_KEY,
			    .args = { flags, svn }, .num_args = 2 };
	atoll_status st = call(ctx, vm, &s, "RSI_ATOLL_SEALING_KEY");

	_Static_assert(ATOLL_SEALING_KEY_SIZE == 4U * sizeof(uint64_t), "key in x1..x4");
	if (st == ATOLL_OK)
		memcpy(key, &s.result[1], ATOLL_SEALING_KEY_SIZE);	/* little-endian words */
	memset(s.result, 0, sizeof(s.result));
	return st;
}

atoll_status sim_realm_extend_rem(struct atoll_ctx *ctx, struct realm_vm *vm, unsigned int index,
				  const uint8_t *data, size_t len)
{
	struct script s = { .kind = SCRIPT_CALL, .fid = RSI_MEASUREMENT_EXTEND,
			    .args = { index, len }, .num_args = 10 };

	memcpy(&s.args[2], data, len);	/* x3..x10 */
	return call(ctx, vm, &s, "RSI_MEASUREMENT_EXTEND");
}
