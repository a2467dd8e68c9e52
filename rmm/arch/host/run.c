/*
 * Running a realm on the host build: no code runs. The test installs a
 * script step function that plays the realm: it sees the REC's registers
 * (the results of the previous exit) and says which exception comes next.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>

#include <rmm/arch.h>
#include <rmm/limits.h>
#include <rmm/rec.h>

static host_realm_step_fn step_fn;
static void *step_arg;
static bool irq_pending;
static struct realm_gic_state gic_vcpu[RMM_MAX_CPUS];

void host_realm_script(host_realm_step_fn fn, void *arg)
{
	step_fn = fn;
	step_arg = arg;
}

void host_set_irq_pending(bool pending)
{
	__atomic_store_n(&irq_pending, pending, __ATOMIC_RELAXED);
}

struct realm_gic_state *host_gic_vcpu(void)
{
	return &gic_vcpu[arch_cpu_index()];
}

/* The host build has no realm registers to switch but the GIC's: only the script runs. */
void arch_rec_load(struct rec *rec, const struct realm_run_config *cfg,
		   const struct realm_gic_state *gic)
{
	(void)rec;
	(void)cfg;
	*host_gic_vcpu() = *gic;
}

void arch_rec_run(struct rec *rec, struct realm_exit_syndrome *out)
{
	if (step_fn == NULL) {
		fprintf(stderr, "host platform: REC_ENTER without a realm script\n");
		abort();
	}
	step_fn(&rec->regs, out, step_arg);
}

void arch_rec_unload(struct rec *rec, struct realm_gic_state *gic)
{
	(void)rec;
	*gic = *host_gic_vcpu();
	*host_gic_vcpu() = (struct realm_gic_state){ 0 };
}

/* The host build's timers are rec->el1's CTLs; the masks are kept for the tests. */
static unsigned int timer_masks[RMM_MAX_CPUS];

unsigned int arch_rec_timer_outputs(struct rec *rec)
{
	unsigned int out = rec_timer_outputs(rec->el1.cntv_ctl, rec->el1.cntp_ctl);

	timer_masks[arch_cpu_index()] = out;
	return out;
}

unsigned int host_timer_masks(void)
{
	return timer_masks[arch_cpu_index()];
}

/* struct rec is the only copy of the REC's EL1 state here. */
void arch_rec_el1_sync_out(struct rec *rec)
{
	(void)rec;
}

void arch_rec_el1_sync_in(const struct rec *rec)
{
	(void)rec;
}

unsigned long host_rec_simd_saves;

void arch_rec_simd_begin(struct rec *rec)
{
	(void)rec;
	__atomic_fetch_add(&host_rec_simd_saves, 1UL, __ATOMIC_RELAXED);
}

void arch_rec_simd_end(const struct rec *rec)
{
	(void)rec;
}

bool arch_irq_pending(void)
{
	return __atomic_load_n(&irq_pending, __ATOMIC_RELAXED);
}
