/* Cold and warm boot on the real machine, and the RMI service loop. */
#include <atoll/el3.h>
#include <rmm/boot.h>
#include <rmm/log.h>
#include <rmm/rmi.h>
#include <rmm/rmm.h>

#include "cpu_features.h"
#include "mmu.h"
#include "smc.h"
#include "sysreg.h"

extern uint64_t rmm_console_base;
extern uint64_t rmm_el3_shared_buf;

/* In .data, not .bss: it tells the entry code which boot this is. */
uint32_t rmm_cold_boot_done __attribute__((section(".data")));

/* The RMM's own EL2 traps and PMU prohibition (sysreg.h), on every CPU at every boot. */
static void cpu_traps_init(void)
{
	write_sysreg(cptr_el2, cptr_el2_rmm());
	write_sysreg(mdcr_el2, mdcr_el2_rmm(read_sysreg(id_aa64dfr0_el1)));
	isb();
}

/* CPU count EL3 gave at cold boot; read-only afterwards. */
static uint64_t boot_num_cpus;

/*
 * Reports the boot result to EL3 and serves RMI calls forever. Each SMC
 * returns with the next call: x0 = FID, x1..x7 = arguments.
 */
static _Noreturn void rmi_loop(int64_t boot_result)
{
	struct smc_regs r = { { RMM_BOOT_COMPLETE, (uint64_t)boot_result } };

	for (;;) {
		struct rmi_result res;

		rmm_smc(&r);
		rmi_dispatch(r.x[0], &r.x[1], &res);
		r.x[0] = RMM_RMI_REQ_COMPLETE;
		for (unsigned int i = 0; i < 5U; i++)
			r.x[1 + i] = res.x[i];
		r.x[6] = 0;
		r.x[7] = 0;
	}
}

/* start: the counter at entry (instructions under QEMU -icount), for the boot's cost. */
_Noreturn void rmm_cold_boot(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t start)
{
	struct rmm_boot_args args = { x0, x1, x2, x3 };
	static struct rmm_platform plat;
	enum rmm_boot_result ret;

	cpu_traps_init();
	/* MMU off: the shared buffer is read through its PA. */
	ret = rmm_boot_validate(&args, (const void *)x3, &plat);
	if (ret != RMM_BOOT_SUCCESS)
		rmi_loop(ret);

	rmm_console_base = plat.console_base;
	mmu_build(&plat, x3);
	mmu_enable();
	boot_num_cpus = x2;
	rmm_el3_shared_buf = x3;
	arch_features_init();
	sha_detect();
	rmm_core_init(&plat);
	rmm_log("RMM: cold boot complete on CPU %lu of %lu (%lu counter ticks)\n", x0, x2,
		read_sysreg(cntpct_el0) - start);
	__atomic_store_n(&rmm_cold_boot_done, 1U, __ATOMIC_RELEASE);
	rmi_loop(RMM_BOOT_SUCCESS);
}

_Noreturn void rmm_warm_boot(uint64_t x0)
{
	enum rmm_boot_result ret;

	cpu_traps_init();
	ret = rmm_boot_validate_warm(x0, boot_num_cpus);
	if (ret != RMM_BOOT_SUCCESS)
		rmi_loop(ret);
	mmu_enable();
	rmm_log("RMM: warm boot on CPU %lu\n", x0);
	rmi_loop(RMM_BOOT_SUCCESS);
}
