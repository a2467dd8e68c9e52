/* Loading a Linux realm guest (linux_load.h). */
#include "builder/linux_load.h"

#include <stddef.h>

#include "builder/realm.h"
#include "host.h"
#include "linux/linux_dt.h"
#include "linux/linux_image.h"

/* The DTB, in NS memory as DATA_CREATE's source (linux/linux_rim.c measures the same size). */
#define DTB_BUFFER_SIZE	(2U * GRANULE_SIZE)

static uint8_t dtb[DTB_BUFFER_SIZE] __attribute__((aligned(GRANULE_SIZE)));
static struct linux_layout layout;

static uint64_t refuse(const char *what, const char *why)
{
	host_printf("linux: %s: %s\n", what, why);
	return RMI_ERROR_INPUT;
}

static unsigned int pages(uint64_t size)
{
	return (unsigned int)((size + GRANULE_SIZE - 1U) / GRANULE_SIZE);
}

/* DATA_CREATE measures whole pages: the bytes after an image's end in its last page must be 0. */
static void zero_tail(const void *image, uint64_t size)
{
	uint8_t *p = (uint8_t *)(uintptr_t)image;

	for (uint64_t off = size; off % GRANULE_SIZE != 0U; off++)
		p[off] = 0;
}

/* RTTs to level 2 and RIPAS RAM over all of RAM, then the measured images, in IPA order. */
static uint64_t populate(struct realm_vm *vm, const struct linux_vm_images *img, size_t dtb_size)
{
	const uint64_t l2_span = host_rtt_entry_size(1);	/* what one level-2 table maps */
	const uint64_t ram_end = LINUX_RAM_BASE + layout.ram_size;
	struct host_realm *r = &vm->realm;
	uint64_t status = RMI_SUCCESS;

	for (uint64_t ipa = LINUX_RAM_BASE; ipa < ram_end && status == RMI_SUCCESS; ipa += l2_span)
		status = host_realm_rtt_create_to(r, ipa, 2);
	if (status == RMI_SUCCESS)
		status = host_realm_init_ripas(r, LINUX_RAM_BASE, ram_end);
	if (status == RMI_SUCCESS)
		status = host_realm_data_load(r, layout.kernel_ipa, (uint64_t)(uintptr_t)img->kernel,
					      pages(layout.kernel_file_size), true);
	if (status == RMI_SUCCESS && layout.initrd_size != 0U)
		status = host_realm_data_load(r, layout.initrd_ipa, (uint64_t)(uintptr_t)img->initrd,
					      pages(layout.initrd_size), true);
	if (status == RMI_SUCCESS)
		status = host_realm_data_load(r, layout.dtb_ipa, (uint64_t)(uintptr_t)dtb,
					      pages(dtb_size), true);
	return status;
}

/* The checks that need no RMI: on failure nothing has been delegated. */
static uint64_t plan(const struct linux_vm_config *cfg, const struct linux_vm_images *img,
		     size_t *dtb_size)
{
	struct linux_image_header h;
	const char *why = linux_image_parse(img->kernel, img->kernel_size, &h);

	if (why != NULL)
		return refuse("kernel", why);
	why = linux_layout_plan(&h, img->kernel_size, img->initrd_size, cfg->ram_size, &layout);
	if (why != NULL)
		return refuse("layout", why);
	if (((uintptr_t)img->kernel | (uintptr_t)img->initrd) % GRANULE_SIZE != 0U)
		return refuse("images", "not page aligned in NS memory");
	if (cfg->vm.num_recs == 0U || cfg->vm.num_recs > REALM_VM_MAX_RECS ||
	    LINUX_RAM_BASE + cfg->ram_size > 1ULL << (cfg->vm.s2sz - 1U))
		return refuse("realm", "RECs out of range or RAM above the protected half");
	*dtb_size = linux_dt_write_for(&layout, cfg->vm.num_recs, cfg->bootargs, dtb, sizeof(dtb));
	if (*dtb_size == 0U)
		return refuse("device tree", "does not fit in its buffer");
	return RMI_SUCCESS;
}

uint64_t linux_vm_load(struct realm_vm *vm, const struct linux_vm_config *cfg,
		       const struct linux_vm_images *img, struct host_granule *storage,
		       unsigned int capacity)
{
	uint64_t gprs0[8] = { 0 };
	size_t dtb_size = 0;
	uint64_t status = plan(cfg, img, &dtb_size);

	if (status != RMI_SUCCESS)
		return status;
	zero_tail(img->kernel, img->kernel_size);
	if (img->initrd != NULL)
		zero_tail(img->initrd, img->initrd_size);
	realm_vm_reset(vm, &cfg->vm, layout.kernel_ipa, cfg->ram_size);
	/* What Linux shares (swiotlb) is its RAM, reached at the alias. */
	vm->shared_base = LINUX_RAM_BASE;
	vm->shared_size = cfg->ram_size;
	status = realm_vm_create_realm(vm, &cfg->vm, storage, capacity);
	if (status != RMI_SUCCESS)
		return status;
	gprs0[0] = layout.dtb_ipa;
	status = populate(vm, img, dtb_size);
	if (status == RMI_SUCCESS)
		status = realm_vm_create_recs(vm, gprs0);
	if (status == RMI_SUCCESS)
		status = host_realm_activate(&vm->realm);
	if (status != RMI_SUCCESS)
		(void)host_realm_teardown(&vm->realm);
	return status;
}

const struct linux_layout *linux_vm_layout(void)
{
	return &layout;
}
