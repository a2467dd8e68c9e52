/* Loading a realm payload image (docs/realms.md) and tearing the realm down. */
#include <stddef.h>
#include <string.h>

#include <atoll/realm_image.h>

#include "builder/realm_vm.h"
#include "host.h"

/* Unprotected mappings of shared pages: Normal WB (MemAttr 0b110 with FWB), RW. */
#define SHARED_ATTRS	((6ULL << 2) | (3ULL << 6))

/* One NS page of zeros: the source of the image's bss and stack pages. */
static uint64_t zero_page(void)
{
	static uint64_t pa;

	if (pa == 0U) {
		pa = host_alloc_granule();
		for (uint64_t off = 0; off < GRANULE_SIZE; off += 8U)
			mmio_write64(pa + off, 0);
	}
	return pa;
}

static bool refuse(const char *why)
{
	host_printf("realm image: %s\n", why);
	return false;
}

/*
 * The header checks (shared with the verifier's replay of the load): the
 * loader trusts nothing the image says before them. DATA_CREATE copies from
 * the image in place, so it must also be granule aligned.
 */
static bool image_valid(const struct realm_image_header *h, uint64_t file_size,
			unsigned int s2sz)
{
	const char *problem = realm_image_problem(h, file_size, s2sz);

	if (((uintptr_t)h & (GRANULE_SIZE - 1U)) != 0U)
		return refuse("not granule aligned");
	return problem == NULL || refuse(problem);
}

/* RTTs down to level 3 over the RAM, then RIPAS RAM over it (measured). */
static uint64_t prepare_ram(struct realm_vm *vm)
{
	const uint64_t l3_span = host_rtt_entry_size(2);	/* what one level-3 table maps */
	uint64_t status = RMI_SUCCESS;

	for (uint64_t ipa = REALM_IMAGE_IPA & ~(l3_span - 1U);
	     ipa < REALM_IMAGE_IPA + vm->memory_size && status == RMI_SUCCESS; ipa += l3_span)
		status = host_realm_rtt_create_to(&vm->realm, ipa, 3);
	if (status == RMI_SUCCESS)
		status = host_realm_init_ripas(&vm->realm, REALM_IMAGE_IPA,
					       REALM_IMAGE_IPA + vm->memory_size);
	return status;
}

/* Measured DATA: the file's pages from src, then copies of the zero page. */
static uint64_t load_pages(struct realm_vm *vm, const struct realm_image_header *h, uint64_t src,
			   uint64_t zero)
{
	uint64_t status = host_realm_data_load(&vm->realm, REALM_IMAGE_IPA, src,
					       (unsigned int)(h->image_size / GRANULE_SIZE), true);

	for (uint64_t off = h->image_size; off < h->memory_size && status == RMI_SUCCESS;
	     off += GRANULE_SIZE)
		status = host_realm_data_create(&vm->realm, REALM_IMAGE_IPA + off, zero, true);
	return status;
}

/* A zeroed RmiRecRun page and the REC; only REC 0 is runnable (and measured), with gprs. */
static uint64_t create_vcpu(struct realm_vm *vm, unsigned int i, const uint64_t gprs[8])
{
	struct realm_vcpu *v = &vm->vcpus[i];

	v->run = host_alloc_granule();
	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8U)
		mmio_write64(v->run + off, 0);
	v->on = i == 0U;
	return host_realm_rec_create(&vm->realm, vm->entry, v->on ? gprs : NULL, v->on, &v->rec);
}

uint64_t realm_vm_create_recs(struct realm_vm *vm, const uint64_t gprs0[8])
{
	uint64_t status = RMI_SUCCESS;

	for (unsigned int i = 0; i < vm->num_recs && status == RMI_SUCCESS; i++)
		status = create_vcpu(vm, i, gprs0);
	return status;
}

bool realm_vm_add_device(struct realm_vm *vm, const struct realm_mmio_device *dev)
{
	if (vm->num_devices == REALM_VM_MAX_DEVICES)
		return false;
	vm->devices[vm->num_devices++] = *dev;
	return true;
}

void realm_vm_reset(struct realm_vm *vm, const struct realm_vm_config *cfg, uint64_t entry,
		    uint64_t memory_size)
{
	memset(vm, 0, sizeof(*vm));
	vm->name = cfg->name;
	vm->num_recs = cfg->num_recs;
	vm->entry = entry;
	vm->memory_size = memory_size;
}

uint64_t realm_vm_create_realm(struct realm_vm *vm, const struct realm_vm_config *cfg,
			       struct host_granule *storage, unsigned int capacity)
{
	/* 4 KB: static rather than on the host's stack. */
	static struct rmi_realm_params params;
	uint64_t status;

	host_realm_params_init(&params, cfg->s2sz, cfg->level_start);
	params.hash_algo = cfg->hash_algo;
	if (cfg->rpv != NULL)
		memcpy(params.rpv, cfg->rpv, sizeof(params.rpv));
	if (cfg->num_bps != 0U)
		params.num_bps = cfg->num_bps;
	if (cfg->num_wps != 0U)
		params.num_wps = cfg->num_wps;
	if (cfg->sve) {
		params.flags |= RMI_REALM_FLAG_SVE;
		params.sve_vl = cfg->sve_vl;
	}
	if (cfg->lpa2)
		params.flags |= RMI_REALM_FLAG_LPA2;
	if (cfg->pmu) {
		params.flags |= RMI_REALM_FLAG_PMU;
		params.pmu_num_ctrs = cfg->pmu_num_ctrs;
	}
	realm_measured_params_of(&vm->recipe.params, &params);
	vm->recipe.num_recs = cfg->num_recs;
	status = host_realm_create_in(&vm->realm, &params, storage, capacity);
	if (status != RMI_SUCCESS)
		(void)host_realm_release(&vm->realm);
	return status;
}

uint64_t realm_vm_build(struct realm_vm *vm, const struct realm_image_header *h, uint64_t src,
			uint64_t zero)
{
	uint64_t status = prepare_ram(vm);

	if (status == RMI_SUCCESS)
		status = load_pages(vm, h, src, zero);
	if (status == RMI_SUCCESS)
		status = realm_vm_create_recs(vm, NULL);
	if (status == RMI_SUCCESS)
		status = host_realm_activate(&vm->realm);
	return status;
}

uint64_t realm_vm_load(struct realm_vm *vm, const struct realm_vm_config *cfg,
		       struct realm_image_blob image)
{
	return realm_vm_load_in(vm, cfg, image, vm->realm.ledger_storage, HOST_REALM_MAX_GRANULES);
}

uint64_t realm_vm_load_in(struct realm_vm *vm, const struct realm_vm_config *cfg,
			  struct realm_image_blob image, struct host_granule *storage,
			  unsigned int capacity)
{
	const struct realm_image_header *h = (const void *)image.start;
	uint64_t status;

	if (!image_valid(h, (uint64_t)(image.end - image.start), cfg->s2sz) ||
	    cfg->num_recs == 0U || cfg->num_recs > REALM_VM_MAX_RECS)
		return RMI_ERROR_INPUT;
	realm_vm_reset(vm, cfg, REALM_IMAGE_IPA + h->entry_offset, h->memory_size);
	status = realm_vm_create_realm(vm, cfg, storage, capacity);
	if (status != RMI_SUCCESS)
		return status;
	/* Half a realm is of no use to the caller: give its granules back. */
	status = realm_vm_build(vm, h, (uint64_t)(uintptr_t)h, zero_page());
	if (status != RMI_SUCCESS)
		(void)host_realm_teardown(&vm->realm);
	return status;
}

/* Maps a fresh NS page filled with REALM_SHARED_PATTERN(ipa) at the Unprotected ipa. */
uint64_t realm_vm_map_shared(struct realm_vm *vm, uint64_t ipa, uint64_t pa)
{
	uint64_t status = host_realm_rtt_create_to(&vm->realm, ipa, 3);

	if (status == RMI_SUCCESS)
		status = host_realm_map_unprotected(&vm->realm, ipa, 3, pa | SHARED_ATTRS);
	return status;
}

uint64_t realm_vm_share_page(struct realm_vm *vm, uint64_t ipa)
{
	uint64_t pa, status;

	if (vm->num_shared == REALM_VM_MAX_SHARED)
		return RMI_ERROR_INPUT;
	pa = host_alloc_granule();
	for (uint64_t off = 0; off < GRANULE_SIZE; off += 8U)
		mmio_write64(pa + off, REALM_SHARED_PATTERN(ipa));
	status = realm_vm_map_shared(vm, ipa, pa);
	if (status == RMI_SUCCESS)
		vm->shared[vm->num_shared++] = (struct realm_shared_page){ ipa, pa, 1 };
	return status;
}

uint64_t realm_vm_map_shared_range(struct realm_vm *vm, uint64_t ipa, uint64_t pa,
				   uint64_t pages)
{
	uint64_t status = RMI_SUCCESS, done = 0;

	if (vm->num_shared == REALM_VM_MAX_SHARED || pages == 0U)
		return RMI_ERROR_INPUT;
	for (; done < pages && status == RMI_SUCCESS; done++)
		status = realm_vm_map_shared(vm, ipa + done * GRANULE_SIZE, pa + done * GRANULE_SIZE);
	/* What did get mapped is unmapped by realm_vm_destroy() either way. */
	if (status != RMI_SUCCESS)
		done--;
	if (done != 0U)
		vm->shared[vm->num_shared++] = (struct realm_shared_page){ ipa, pa, done };
	return status;
}

uint64_t realm_vm_destroy(struct realm_vm *vm)
{
	uint64_t status = RMI_SUCCESS;

	for (unsigned int i = 0; i < vm->num_shared && status == RMI_SUCCESS; i++) {
		for (uint64_t p = 0; p < vm->shared[i].pages && status == RMI_SUCCESS; p++)
			status = host_realm_unmap_unprotected(&vm->realm,
							      vm->shared[i].ipa + p * GRANULE_SIZE,
							      3, NULL);
	}
	vm->num_shared = 0;
	if (status == RMI_SUCCESS)
		status = host_realm_teardown(&vm->realm);
	return status;
}
