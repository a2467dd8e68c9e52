/*
 * Linux image main (`make run-linux`, docs/linux-realm.md): Debian's arm64
 * kernel and the project's initramfs, put in NS memory by QEMU's loader
 * with a record of where they are, loaded into a realm (linux_load.h) and
 * run with the PL011 on its console and the GICv3 model (timer and UART
 * interrupts injected) until the realm powers off or fails.
 */
#include <stdint.h>

#include "../host.h"
#include "../builder/linux_load.h"
#include "../linux/linux_vm.h"
#include "../run/linux_console.h"
#include "../run/linux_irq.h"
#include "../run/realm_run.h"

/* Where tools/linux-run.sh has QEMU put the record of the parts (linux/linux_vm.h). */
#define PARTS_RECORD_PA		0xF0000000UL

#define RAM_MAX			(512ULL << 20)
#define LEDGER_SIZE		(140U * 1024U)	/* every 4 KB page of RAM_MAX, plus tables */
#define HEARTBEAT_TICKS		10000000000ULL	/* 10 s of the counter */
#define TICKS_PER_MS		1000000U	/* the 1 GHz counter */
/*
 * The longest a REC runs without an exit: then the host re-derives the
 * virtual timer's line (the RMM reports it on exits only), so a guest that
 * spins with interrupts enabled still gets its tick. The run loop arms it
 * shorter when the guest's timer fires sooner; SGIs and the UART's
 * interrupt kick the other CPU, so this is the fallback.
 */
#define TICK_TICKS		10000000U	/* 10 ms of the 1 GHz counter */

static struct realm_vm vm;
static struct host_granule ledger[LEDGER_SIZE];

static char bootargs[LINUX_BOOTARGS_MAX];
/* The measured parameters are fixed (linux_vm.h): build/linux-check predicts the RIM from them. */
static struct linux_vm_config cfg = {
	.vm = { "linux", LINUX_REALM_S2SZ, 0, 1, RMI_HASH_SHA_256, NULL, LINUX_REALM_BPS,
		LINUX_REALM_WPS },
	.bootargs = bootargs,
};

static void print_heartbeat(void)
{
	volatile const struct rmi_rec_run *run = (const void *)(uintptr_t)vm.vcpus[0].run;

	realm_vm_print_stats(&vm);
	host_printf("HOST: linux: WFI %lu MMIO r/w %lu/%lu faults %lu shared %lu SEA %lu RIPAS %lu "
		    "IRQ %lu GIC %lu; "
		    "last exit %lu ESR %lx cntv_ctl %lx cval-now %ld LRs %lx %lx\n",
		    vm.counts[REALM_EXIT_COUNT_WFI], vm.counts[REALM_EXIT_COUNT_MMIO_READ],
		    vm.counts[REALM_EXIT_COUNT_MMIO_WRITE], vm.counts[REALM_EXIT_COUNT_S2_FAULT],
		    vm.counts[REALM_EXIT_COUNT_SHARED_MAPPED], vm.counts[REALM_EXIT_COUNT_SEA_INJECTED],
		    vm.counts[REALM_EXIT_COUNT_RIPAS], vm.exits[RMI_EXIT_IRQ],
		    vm.counts[REALM_EXIT_COUNT_GIC_SYSREG], run->exit.exit_reason, run->exit.esr,
		    run->exit.cntv_ctl, (long)(run->exit.cntv_cval - host_counter()),
		    run->exit.gicv3_lrs[0], run->exit.gicv3_lrs[1]);
}

/* The record QEMU's loader left; false (after a message) if it is missing or out of range. */
static bool read_record(struct linux_vm_images *img)
{
	const uint64_t rec = PARTS_RECORD_PA;
	unsigned int i;

	if (mmio_read64(rec) != LINUX_PARTS_MAGIC) {
		host_printf("HOST: no kernel/initrd record at %lx (QEMU's loader)\n", rec);
		return false;
	}
	*img = (struct linux_vm_images){
		(const void *)mmio_read64(rec + 8), mmio_read64(rec + 16),
		(const void *)mmio_read64(rec + 24), mmio_read64(rec + 32),
	};
	cfg.ram_size = mmio_read64(rec + 40);
	cfg.vm.num_recs = (unsigned int)mmio_read64(rec + 48);
	for (i = 0; i + 1U < sizeof(bootargs); i++) {
		bootargs[i] = (char)*(volatile const uint8_t *)(rec + LINUX_PARTS_BOOTARGS + i);
		if (bootargs[i] == '\0')
			break;
	}
	bootargs[i] = '\0';
	if (cfg.ram_size > RAM_MAX || cfg.vm.num_recs == 0U ||
	    cfg.vm.num_recs > REALM_VM_HOST_CPUS) {
		host_printf("HOST: linux: %lu bytes of RAM (at most %llu) or %u RECs (1 to %u)\n",
			    cfg.ram_size, RAM_MAX, cfg.vm.num_recs, REALM_VM_HOST_CPUS);
		return false;
	}
	return true;
}

static unsigned long now_ms(void)
{
	return (unsigned long)(host_counter() / TICKS_PER_MS);
}

_Noreturn void host_main(void)
{
	struct linux_vm_images img;
	uint64_t status;

	host_printf("HOST: Atoll realm host, Linux guest\n");
	if (!read_record(&img))
		psci_system_off();
	host_printf("HOST: kernel %lu bytes at %p, initrd %lu bytes at %p, %lu MiB, %u REC%s, at %lu ms\n",
		    img.kernel_size, img.kernel, img.initrd_size, img.initrd, cfg.ram_size >> 20,
		    cfg.vm.num_recs, cfg.vm.num_recs == 1U ? "" : "s", now_ms());
	host_printf("HOST: bootargs \"%s\"\n", bootargs);
	status = linux_vm_load(&vm, &cfg, &img, ledger, LEDGER_SIZE);
	host_printf("HOST: linux guest loaded -> %lx (%lu granules) at %lu ms\n", status,
		    (unsigned long)vm.realm.ledger.num_granules, now_ms());
	if (status == RMI_SUCCESS && linux_vm_add_pl011(&vm) && linux_vm_add_gic(&vm)) {
		vm.tick = TICK_TICKS;
		vm.line_stamps = true;
		/* vCPU i on host CPU i (CPU_ON starts it), woken by the tick when it waits. */
		vm.concurrent_recs = true;
		vm.native_wfx = true;
		host_tick_init();
		/* A line of exit counts now and then shows where a slow or stuck boot spends its time. */
		uint64_t beat = host_counter() + HEARTBEAT_TICKS;

		while (realm_vm_step(&vm, 0)) {
			if (host_counter() >= beat) {
				print_heartbeat();
				beat += HEARTBEAT_TICKS;
			}
		}
		(void)realm_vm_wait_recs(&vm);
		host_printf("HOST: linux guest stopped, state %u, at %lu ms\n", (unsigned int)vm.state,
			    now_ms());
		realm_vm_print_stats(&vm);
	}
	psci_system_off();
}
