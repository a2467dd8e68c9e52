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
#include "../run/linux_console.h"
#include "../run/linux_irq.h"
#include "../run/realm_run.h"

/* Where tools/linux-run.sh has QEMU put the record: magic, kernel PA and size, initrd PA and size. */
#define PARTS_RECORD_PA		0xF0000000UL
#define PARTS_RECORD_MAGIC	0x5354524158554E4CULL	/* "LNUXARTS" */

#define RAM_SIZE		(512ULL << 20)
#define LEDGER_SIZE		(140U * 1024U)	/* every 4 KB page of RAM, plus tables */
#define HEARTBEAT_TICKS		10000000000ULL	/* 10 s of the counter */
/*
 * The longest a REC runs without an exit: then the host re-derives the
 * virtual timer's line (the RMM reports it on exits only), so a guest that
 * spins with interrupts enabled still gets its tick.
 */
#define TICK_TICKS		1000000U	/* 1 ms of the 1 GHz counter */

static struct realm_vm vm;
static struct host_granule ledger[LEDGER_SIZE];

static const struct linux_vm_config cfg = {
	.vm = { "linux", 40, 0, 1, RMI_HASH_SHA_256, NULL },
	.ram_size = RAM_SIZE,
	/* earlycon at the PL011's unprotected alias: before RSI init Linux knows no better. */
	.bootargs = "console=ttyAMA0 earlycon=pl011,mmio32,0x8009000000 rdinit=/init swiotlb=1",
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

_Noreturn void host_main(void)
{
	struct linux_vm_images img;
	uint64_t status;

	host_printf("HOST: Atoll realm host, Linux guest\n");
	if (mmio_read64(PARTS_RECORD_PA) != PARTS_RECORD_MAGIC) {
		host_printf("HOST: no kernel/initrd record at %lx (QEMU's loader)\n", PARTS_RECORD_PA);
		psci_system_off();
	}
	img = (struct linux_vm_images){
		(const void *)mmio_read64(PARTS_RECORD_PA + 8),
		mmio_read64(PARTS_RECORD_PA + 16),
		(const void *)mmio_read64(PARTS_RECORD_PA + 24),
		mmio_read64(PARTS_RECORD_PA + 32),
	};
	host_printf("HOST: kernel %lu bytes at %p, initrd %lu bytes at %p, counter %lu\n",
		    img.kernel_size, img.kernel, img.initrd_size, img.initrd, host_counter());
	status = linux_vm_load(&vm, &cfg, &img, ledger, LEDGER_SIZE);
	host_printf("HOST: linux guest loaded -> %lx (%lu granules) at counter %lu\n", status,
		    (unsigned long)vm.realm.ledger.num_granules, host_counter());
	if (status == RMI_SUCCESS && linux_vm_add_pl011(&vm) && linux_vm_add_gic(&vm)) {
		vm.tick = TICK_TICKS;
		host_tick_init();
		/* A line of exit counts now and then shows where a slow or stuck boot spends its time. */
		uint64_t beat = host_counter() + HEARTBEAT_TICKS;

		while (realm_vm_step(&vm, 0)) {
			if (host_counter() >= beat) {
				print_heartbeat();
				beat += HEARTBEAT_TICKS;
			}
		}
		host_printf("HOST: linux guest stopped, state %u\n", (unsigned int)vm.state);
		realm_vm_print_stats(&vm);
	}
	psci_system_off();
}
