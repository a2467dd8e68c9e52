/* Boot argument and manifest validation: every boot error code, in order. */
#include <string.h>

#include "unit.h"

#define V04	ABI_VERSION(0U, 4U)

static struct rmm_manifest *manifest(void)
{
	return host_pa_ptr(HOST_SHARED_BUF);
}

static struct ns_dram_bank *banks(void)
{
	return host_pa_ptr(manifest()->banks);
}

static struct console_info *console0(void)
{
	return host_pa_ptr(manifest()->consoles);
}

static uint64_t sum_words(uint64_t pa, uint64_t bytes)
{
	uint64_t sum = 0;

	for (uint64_t off = 0; off < bytes; off += 8)
		sum += *(uint64_t *)host_pa_ptr(pa + off);
	return sum;
}

/* Recomputes both checksums after a test changed the manifest. */
static void fix_checksums(void)
{
	struct rmm_manifest *m = manifest();

	m->banks_checksum = -(m->num_banks + m->banks + sum_words(m->banks, m->num_banks * 16));
	m->consoles_checksum =
		-(m->num_consoles + m->consoles + sum_words(m->consoles, m->num_consoles * 48));
}

static int fresh_manifest(void **state)
{
	(void)state;
	host_platform_reset();
	host_write_manifest(UNIT_BANK_BASE, UNIT_BANK_SIZE);
	return 0;
}

static enum rmm_boot_result boot(void)
{
	return host_cold_boot(0, V04, 32, HOST_SHARED_BUF);
}

static void boot_valid_manifest(void **state)
{
	(void)state;
	assert_int_equal(boot(), RMM_BOOT_SUCCESS);
}

static void boot_newer_minor_versions_accepted(void **state)
{
	(void)state;
	manifest()->version = ABI_VERSION(0U, 7U);
	assert_int_equal(host_cold_boot(0, ABI_VERSION(0U, 9U), 32, HOST_SHARED_BUF),
			 RMM_BOOT_SUCCESS);
}

static void boot_version_not_valid(void **state)
{
	(void)state;
	assert_int_equal(host_cold_boot(0, ABI_VERSION(1U, 0U), 32, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_VERSION_NOT_VALID);
	assert_int_equal(host_cold_boot(0, ABI_VERSION(0U, 2U), 32, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_VERSION_NOT_VALID);
	assert_int_equal(host_cold_boot(0, (1ULL << 31) | V04, 32, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_VERSION_NOT_VALID);
	assert_int_equal(host_cold_boot(0, 0, 32, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_VERSION_NOT_VALID);
}

static void boot_cpus_out_of_range(void **state)
{
	(void)state;
	assert_int_equal(host_cold_boot(0, V04, 33, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_CPUS_OUT_OF_RANGE);
	assert_int_equal(host_cold_boot(0, V04, 0, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_CPUS_OUT_OF_RANGE);
	assert_int_equal(host_cold_boot(0, V04, ~0ULL, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_CPUS_OUT_OF_RANGE);
}

static void boot_cpu_id_out_of_range(void **state)
{
	(void)state;
	assert_int_equal(host_cold_boot(4, V04, 4, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_CPU_ID_OUT_OF_RANGE);
	assert_int_equal(host_cold_boot(32, V04, 32, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_CPU_ID_OUT_OF_RANGE);
	assert_int_equal(host_cold_boot(3, V04, 4, HOST_SHARED_BUF), RMM_BOOT_SUCCESS);
}

static void boot_invalid_shared_buffer(void **state)
{
	(void)state;
	assert_int_equal(host_cold_boot(0, V04, 32, 0), RMM_BOOT_ERR_INVALID_SHARED_BUFFER);
	assert_int_equal(host_cold_boot(0, V04, 32, HOST_SHARED_BUF + 8),
			 RMM_BOOT_ERR_INVALID_SHARED_BUFFER);
}

static void boot_manifest_version_not_supported(void **state)
{
	(void)state;
	manifest()->version = ABI_VERSION(1U, 0U);
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_VERSION_NOT_SUPPORTED);
	manifest()->version = ABI_VERSION(0U, 2U);
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_VERSION_NOT_SUPPORTED);
}

static void boot_error_order(void **state)
{
	(void)state;
	/* Every argument wrong: the interface version is reported first. */
	manifest()->version = 0;
	assert_int_equal(host_cold_boot(40, 0, 40, 8), RMM_BOOT_ERR_VERSION_NOT_VALID);
	assert_int_equal(host_cold_boot(40, V04, 40, 8), RMM_BOOT_ERR_CPUS_OUT_OF_RANGE);
	assert_int_equal(host_cold_boot(40, V04, 32, 8), RMM_BOOT_ERR_CPU_ID_OUT_OF_RANGE);
	assert_int_equal(host_cold_boot(0, V04, 32, 8), RMM_BOOT_ERR_INVALID_SHARED_BUFFER);
	assert_int_equal(host_cold_boot(0, V04, 32, HOST_SHARED_BUF),
			 RMM_BOOT_ERR_MANIFEST_VERSION_NOT_SUPPORTED);
}

static void boot_dram_checksum_wrong(void **state)
{
	(void)state;
	manifest()->banks_checksum += 1;
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_console_checksum_wrong(void **state)
{
	(void)state;
	manifest()->consoles_checksum -= 1;
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_console_checksum_without_name_and_flags(void **state)
{
	struct console_info *c = console0();
	struct rmm_manifest *m = manifest();
	uint64_t name;

	(void)state;
	/* TF-A 2.12.1's defect: name and flags left out of the sum. */
	memcpy(&name, c->name, sizeof(name));
	m->consoles_checksum += name;
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_console_flags_counted_in_checksum(void **state)
{
	(void)state;
	console0()->flags = 1;	/* changed without fixing the checksum */
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_no_banks(void **state)
{
	(void)state;
	manifest()->num_banks = 0;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_too_many_banks(void **state)
{
	(void)state;
	manifest()->num_banks = RMM_MAX_DRAM_BANKS + 1U;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_banks_pointer_null(void **state)
{
	(void)state;
	manifest()->banks = 0;
	manifest()->banks_checksum = -(manifest()->num_banks);
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_banks_outside_shared_page(void **state)
{
	(void)state;
	/* Points at NS memory: the RMM must not follow it. */
	manifest()->banks = 0x80000000ULL;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_bank_base_zero(void **state)
{
	(void)state;
	banks()[0].base = 0;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_bank_size_zero(void **state)
{
	(void)state;
	banks()[0].size = 0;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_bank_unaligned(void **state)
{
	(void)state;
	banks()[0].base += 0x800;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
	fresh_manifest(NULL);
	banks()[0].size -= 0x10;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

/* Rewrites the manifest with two banks (consoles dropped) for ordering tests. */
static void two_banks(uint64_t b0, uint64_t s0, uint64_t b1, uint64_t s1)
{
	struct rmm_manifest *m = manifest();

	m->num_banks = 2;
	m->num_consoles = 0;
	m->consoles = 0;
	banks()[0] = (struct ns_dram_bank){ b0, s0 };
	banks()[1] = (struct ns_dram_bank){ b1, s1 };
	fix_checksums();
}

static void boot_two_sorted_banks(void **state)
{
	(void)state;
	two_banks(0x40000000, 0x10000000, 0x80000000, 0x10000000);
	assert_int_equal(boot(), RMM_BOOT_SUCCESS);
}

static void boot_banks_not_sorted(void **state)
{
	(void)state;
	two_banks(0x80000000, 0x10000000, 0x40000000, 0x10000000);
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_banks_overlap(void **state)
{
	(void)state;
	two_banks(0x40000000, 0x10001000, 0x50000000, 0x10000000);
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_bank_beyond_pa_range(void **state)
{
	(void)state;
	banks()[0].base = 0xFFFFFFFFFFFF0000ULL;
	banks()[0].size = 0x20000;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

/* Banks up to the top of the RMM's map are taken; past it they would alias. */
static void boot_bank_up_to_dram_pa_limit(void **state)
{
	(void)state;
	two_banks(0x40000000, 0x10000000, HOST_DRAM_PA_LIMIT - 0x10000000, 0x10000000);
	assert_int_equal(boot(), RMM_BOOT_SUCCESS);
}

static void boot_bank_above_dram_pa_limit(void **state)
{
	(void)state;
	/* Crosses the limit by one granule. */
	two_banks(0x40000000, 0x10000000, HOST_DRAM_PA_LIMIT - 0x10000000, 0x10001000);
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
	/* Starts at it: 2^38 on QEMU's layout, where the RMM's NS window begins. */
	fresh_manifest(NULL);
	two_banks(0x40000000, 0x10000000, HOST_DRAM_PA_LIMIT, 0x10000000);
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
	/* Well inside the 48-bit PA range, far above the map. */
	fresh_manifest(NULL);
	banks()[0].base = 1ULL << 40;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_too_much_dram(void **state)
{
	(void)state;
	banks()[0].size = ((uint64_t)RMM_MAX_GRANULES + 1U) << GRANULE_SHIFT;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_no_consoles_allowed(void **state)
{
	(void)state;
	manifest()->num_consoles = 0;
	manifest()->consoles = 0;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_SUCCESS);
}

static void boot_console_base_zero(void **state)
{
	(void)state;
	console0()->base = 0;
	fix_checksums();
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_padding_not_zero(void **state)
{
	(void)state;
	manifest()->padding = 1;
	assert_int_equal(boot(), RMM_BOOT_ERR_MANIFEST_DATA_ERROR);
}

static void boot_warm_cpu_index(void **state)
{
	(void)state;
	assert_int_equal(rmm_boot_validate_warm(31, 32), RMM_BOOT_SUCCESS);
	assert_int_equal(rmm_boot_validate_warm(32, 32), RMM_BOOT_ERR_CPU_ID_OUT_OF_RANGE);
}

#define T(fn) cmocka_unit_test_setup(fn, fresh_manifest)
static const struct CMUnitTest tests[] = {
	T(boot_valid_manifest),
	T(boot_newer_minor_versions_accepted),
	T(boot_version_not_valid),
	T(boot_cpus_out_of_range),
	T(boot_cpu_id_out_of_range),
	T(boot_invalid_shared_buffer),
	T(boot_manifest_version_not_supported),
	T(boot_error_order),
	T(boot_dram_checksum_wrong),
	T(boot_console_checksum_wrong),
	T(boot_console_checksum_without_name_and_flags),
	T(boot_console_flags_counted_in_checksum),
	T(boot_no_banks),
	T(boot_too_many_banks),
	T(boot_banks_pointer_null),
	T(boot_banks_outside_shared_page),
	T(boot_bank_base_zero),
	T(boot_bank_size_zero),
	T(boot_bank_unaligned),
	T(boot_two_sorted_banks),
	T(boot_banks_not_sorted),
	T(boot_banks_overlap),
	T(boot_bank_beyond_pa_range),
	T(boot_bank_up_to_dram_pa_limit),
	T(boot_bank_above_dram_pa_limit),
	T(boot_too_much_dram),
	T(boot_no_consoles_allowed),
	T(boot_console_base_zero),
	T(boot_padding_not_zero),
	T(boot_warm_cpu_index),
};

UNIT_GROUP(boot_tests, tests, NULL);
