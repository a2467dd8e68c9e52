/* Boot argument and manifest validation: shared/spec/rmm-1.0-abi.md section 7.1. */
#include <rmm/boot.h>

#include <stdbool.h>
#include <string.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>

#define SHARED_BUF_SIZE		GRANULE_SIZE

static bool version_supported(uint64_t version, uint32_t major, uint32_t minor_min)
{
	/* Bit 31 and above must be zero; major must match; minor may be newer. */
	return (version >> 31) == 0U && ABI_VERSION_MAJOR(version) == major &&
	       ABI_VERSION_MINOR(version) >= minor_min;
}

/*
 * Translates a PA in the manifest into a pointer inside the shared page, or
 * NULL if [pa, pa + size) is not wholly inside it. EL3 puts the arrays in the
 * shared page; anything else is refused rather than followed.
 */
static const void *shared_ptr(const struct rmm_boot_args *args, const void *shared_va,
			      uint64_t pa, uint64_t size)
{
	uint64_t offset = pa - args->shared_buf;

	if (pa < args->shared_buf || offset > SHARED_BUF_SIZE ||
	    size > SHARED_BUF_SIZE - offset || (pa & 7U) != 0U)
		return NULL;
	return (const uint8_t *)shared_va + offset;
}

/* Sum of num + pointer + checksum + every u64 of the array must wrap to 0. */
static bool checksum_ok(uint64_t num, uint64_t ptr, uint64_t checksum,
			const uint64_t *words, uint64_t num_words)
{
	uint64_t sum = num + ptr + checksum;

	for (uint64_t i = 0; i < num_words; i++)
		sum += words[i];
	return sum == 0U;
}

static bool banks_valid(const struct ns_dram_bank *banks, uint64_t num, uint64_t *granules)
{
	uint64_t limit = arch_dram_pa_limit();
	uint64_t total = 0;

	for (uint64_t i = 0; i < num; i++) {
		uint64_t base = banks[i].base, size = banks[i].size;

		if (base == 0U || size == 0U || (base | size) & (GRANULE_SIZE - 1U))
			return false;
		/* Above the limit the RMM's map would alias the bank onto other memory. */
		if (base >= limit || size > limit - base)
			return false;
		/* Ascending and non-overlapping. */
		if (i > 0 && base < banks[i - 1].base + banks[i - 1].size)
			return false;
		total += size >> GRANULE_SHIFT;
	}
	if (total > RMM_MAX_GRANULES)
		return false;
	*granules = total;
	return true;
}

static enum rmm_boot_result parse_dram(const struct rmm_boot_args *args, const void *shared_va,
				       const struct rmm_manifest *m, struct rmm_platform *plat)
{
	const struct ns_dram_bank *banks;

	if (m->num_banks == 0U || m->num_banks > RMM_MAX_DRAM_BANKS || m->banks == 0U)
		return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;
	banks = shared_ptr(args, shared_va, m->banks, m->num_banks * sizeof(*banks));
	if (banks == NULL)
		return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;
	if (!checksum_ok(m->num_banks, m->banks, m->banks_checksum, (const uint64_t *)banks,
			 m->num_banks * sizeof(*banks) / sizeof(uint64_t)))
		return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;
	if (!banks_valid(banks, m->num_banks, &plat->num_granules))
		return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;
	plat->num_banks = m->num_banks;
	memcpy(plat->banks, banks, m->num_banks * sizeof(*banks));
	return RMM_BOOT_SUCCESS;
}

#define RMM_MAX_CONSOLES	4U

static enum rmm_boot_result parse_consoles(const struct rmm_boot_args *args, const void *shared_va,
					   const struct rmm_manifest *m, struct rmm_platform *plat)
{
	const struct console_info *consoles = NULL;

	if (m->num_consoles > RMM_MAX_CONSOLES)
		return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;
	if (m->num_consoles > 0U) {
		consoles = shared_ptr(args, shared_va, m->consoles,
				      m->num_consoles * sizeof(*consoles));
		if (consoles == NULL)
			return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;
	}
	if (!checksum_ok(m->num_consoles, m->consoles, m->consoles_checksum,
			 (const uint64_t *)consoles,
			 m->num_consoles * sizeof(*consoles) / sizeof(uint64_t)))
		return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;

	plat->console_base = 0;
	for (uint64_t i = 0; i < m->num_consoles; i++) {
		const struct console_info *c = &consoles[i];

		if (c->base == 0U || (c->base & (GRANULE_SIZE - 1U)) || c->map_pages == 0U)
			return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;
		if (plat->console_base == 0U && strncmp(c->name, "pl011", sizeof(c->name)) == 0) {
			plat->console_base = c->base;
			plat->console_baud = c->baud_rate;
			plat->console_clk = c->clk_in_hz;
		}
	}
	return RMM_BOOT_SUCCESS;
}

enum rmm_boot_result rmm_boot_validate(const struct rmm_boot_args *args, const void *shared_va,
				       struct rmm_platform *plat)
{
	const struct rmm_manifest *m = shared_va;
	enum rmm_boot_result ret;

	if (!version_supported(args->ifc_version, RMM_EL3_IFC_VERSION_MAJOR,
			       RMM_EL3_IFC_VERSION_MINOR_MIN))
		return RMM_BOOT_ERR_VERSION_NOT_VALID;
	if (args->num_cpus == 0U || args->num_cpus > RMM_MAX_CPUS)
		return RMM_BOOT_ERR_CPUS_OUT_OF_RANGE;
	if (args->cpu_index >= args->num_cpus)
		return RMM_BOOT_ERR_CPU_ID_OUT_OF_RANGE;
	if (args->shared_buf == 0U || (args->shared_buf & (GRANULE_SIZE - 1U)))
		return RMM_BOOT_ERR_INVALID_SHARED_BUFFER;
	if (!version_supported(m->version, RMM_MANIFEST_VERSION_MAJOR,
			       RMM_MANIFEST_VERSION_MINOR_MIN))
		return RMM_BOOT_ERR_MANIFEST_VERSION_NOT_SUPPORTED;
	if (m->padding != 0U)
		return RMM_BOOT_ERR_MANIFEST_DATA_ERROR;

	ret = parse_dram(args, shared_va, m, plat);
	if (ret != RMM_BOOT_SUCCESS)
		return ret;
	return parse_consoles(args, shared_va, m, plat);
}

enum rmm_boot_result rmm_boot_validate_warm(uint64_t cpu_index, uint64_t num_cpus)
{
	return cpu_index < num_cpus ? RMM_BOOT_SUCCESS : RMM_BOOT_ERR_CPU_ID_OUT_OF_RANGE;
}
