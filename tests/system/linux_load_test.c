/*
 * The Linux loader (host/builder/linux_load.c) with a stand-in kernel
 * (linux_boot_image.S): what an arm64 kernel finds at its entry (x0 = the
 * DTB, its header, x1..x3 = 0, the initrd after image_size, all RAM RIPAS
 * RAM), SYSTEM_OFF, a teardown that gives every granule back; and the
 * refusals that must leave nothing delegated.
 */
#include <stdint.h>

#include <lib/fdt.h>

#include "builder/linux_load.h"
#include "linux/linux_image.h"
#include "run/realm_run.h"
#include "test.h"

extern char linux_boot_image[], linux_boot_image_end[];

#define RAM_SIZE	(16ULL << 20)
#define INITRD_SIZE	5000U		/* two pages, the second partly */
#define INITRD_WORD	0x1122334455667788ULL
#define LEDGER_SIZE	2048U

static struct realm_vm vm;
static struct host_granule ledger[LEDGER_SIZE];
static uint64_t initrd[2 * GRANULE_SIZE / 8] __attribute__((aligned(GRANULE_SIZE)));
/* An Image with the magic broken: same size as the stand-in. */
static uint8_t not_an_image[GRANULE_SIZE] __attribute__((aligned(GRANULE_SIZE)));

static const struct linux_vm_config cfg = {
	.vm = { "linux", 40, 0, 2, RMI_HASH_SHA_256, NULL },
	.ram_size = RAM_SIZE,
	.bootargs = "console=ttyAMA0 rdinit=/init",
};

static struct linux_vm_images stand_in(void)
{
	initrd[0] = INITRD_WORD;
	return (struct linux_vm_images){ linux_boot_image,
					 (uint64_t)(linux_boot_image_end - linux_boot_image), initrd,
					 INITRD_SIZE };
}

static uint32_t be32(uint64_t v)
{
	return __builtin_bswap32((uint32_t)v);
}

TEST(linux_stand_in_kernel_finds_dtb_initrd_and_ram)
{
	struct linux_vm_images img = stand_in();
	const struct linux_layout *l;

	CHECK_EQ(linux_vm_load(&vm, &cfg, &img, ledger, LEDGER_SIZE), RMI_SUCCESS);
	l = linux_vm_layout();
	CHECK_EQ(l->kernel_ipa, 0x40000000);
	CHECK_EQ(l->initrd_ipa, 0x40010000);
	CHECK_EQ(l->dtb_ipa, 0x40000000 + RAM_SIZE - (2ULL << 20));
	CHECK_EQ(realm_vm_run(&vm), REALM_VM_SYSTEM_OFF);
	CHECK(vm.values_seen);
	CHECK_EQ(vm.values[0], l->dtb_ipa);
	CHECK_EQ(be32(vm.values[1]), FDT_MAGIC);
	CHECK_EQ(vm.values[2], 0);
	CHECK(be32(vm.values[3]) > FDT_HEADER_SIZE && be32(vm.values[3]) <= GRANULE_SIZE);
	CHECK_EQ(vm.values[4], INITRD_WORD);
	CHECK_EQ(vm.values[5], RSI_SUCCESS);
	CHECK_EQ(vm.values[6], RSI_RIPAS_RAM);
	CHECK_EQ(vm.values[7], 0);
	/* The bss pages it touched were faulted in, not loaded. */
	CHECK(vm.counts[REALM_EXIT_COUNT_S2_FAULT] >= 1U);
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
	CHECK_EQ(vm.realm.ledger.num_granules, 0);
}

/* Each refusal comes before any RMI call: nothing delegated, nothing to give back. */
TEST(linux_loader_refuses_bad_parts_before_delegating)
{
	struct linux_vm_images img = stand_in();
	struct linux_vm_config big = cfg;

	vm.realm.ledger.num_granules = 0;
	img.kernel = not_an_image;
	img.kernel_size = sizeof(not_an_image);
	CHECK_EQ(linux_vm_load(&vm, &cfg, &img, ledger, LEDGER_SIZE), RMI_ERROR_INPUT);
	CHECK_EQ(vm.realm.ledger.num_granules, 0);

	img = stand_in();
	img.initrd_size = RAM_SIZE;	/* more than all of RAM */
	CHECK_EQ(linux_vm_load(&vm, &cfg, &img, ledger, LEDGER_SIZE), RMI_ERROR_INPUT);
	CHECK_EQ(vm.realm.ledger.num_granules, 0);

	img = stand_in();
	img.initrd = (const uint8_t *)initrd + 8;	/* DATA_CREATE needs whole pages */
	CHECK_EQ(linux_vm_load(&vm, &cfg, &img, ledger, LEDGER_SIZE), RMI_ERROR_INPUT);
	CHECK_EQ(vm.realm.ledger.num_granules, 0);

	img = stand_in();
	big.vm.s2sz = 31;	/* the protected half ends at 1 GiB, where RAM starts */
	CHECK_EQ(linux_vm_load(&vm, &big, &img, ledger, LEDGER_SIZE), RMI_ERROR_INPUT);
	CHECK_EQ(vm.realm.ledger.num_granules, 0);
}
