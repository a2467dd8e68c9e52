/*
 * Linux image main (`make run-linux`, docs/linux-realm.md): Debian's arm64
 * kernel and the project's initramfs, put in NS memory by QEMU's loader
 * with a record of where they are, loaded into a realm (linux_load.h) and
 * run with the PL011 on its console until the realm powers off or fails.
 */
#include <stdint.h>

#include "../host.h"
#include "../builder/linux_load.h"
#include "../run/linux_console.h"
#include "../run/realm_run.h"

/* Where tools/linux-run.sh has QEMU put the record: magic, kernel PA and size, initrd PA and size. */
#define PARTS_RECORD_PA		0xF0000000UL
#define PARTS_RECORD_MAGIC	0x5354524158554E4CULL	/* "LNUXARTS" */

#define RAM_SIZE		(512ULL << 20)
#define LEDGER_SIZE		(140U * 1024U)	/* every 4 KB page of RAM, plus tables */

static struct realm_vm vm;
static struct host_granule ledger[LEDGER_SIZE];

static const struct linux_vm_config cfg = {
	.vm = { "linux", 40, 0, 1, RMI_HASH_SHA_256, NULL },
	.ram_size = RAM_SIZE,
	/* earlycon at the PL011's unprotected alias: before RSI init Linux knows no better. */
	.bootargs = "console=ttyAMA0 earlycon=pl011,mmio32,0x8009000000 rdinit=/init swiotlb=1",
};

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
	host_printf("HOST: kernel %lu bytes at %p, initrd %lu bytes at %p\n", img.kernel_size,
		    img.kernel, img.initrd_size, img.initrd);
	status = linux_vm_load(&vm, &cfg, &img, ledger, LEDGER_SIZE);
	host_printf("HOST: linux guest loaded -> %lx (%lu granules)\n", status,
		    (unsigned long)vm.realm.ledger.num_granules);
	if (status == RMI_SUCCESS && linux_vm_add_pl011(&vm)) {
		enum realm_vm_state state = realm_vm_run(&vm);

		host_printf("HOST: linux guest stopped, state %u\n", (unsigned int)state);
		realm_vm_print_stats(&vm);
	}
	psci_system_off();
}
