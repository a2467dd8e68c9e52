/*
 * host/linux/linux_dt.c: the guest's DTB, decompiled by Debian's dtc, equals
 * the hand-written tests/linux/golden/linux_vm.dts run through dtc the same
 * way; the optional parts and the refused descriptions.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux/linux_dt.h"
#include "test_groups.h"

#define GOLDEN_DTS	"tests/linux/golden/linux_vm.dts"

static uint8_t dtb[4096] __attribute__((aligned(8)));

static const struct linux_vm_desc golden_desc = {
	.ram_size = 512ULL << 20,
	.num_cpus = 2,
	.initrd_start = 0x44000000ULL,
	.initrd_end = 0x44123000ULL,
	.bootargs = "console=ttyAMA0 rdinit=/init",
};

/*
 * The dts text dtc decompiles from a DTB, in a malloc'd string: from the DTB
 * file in, or (from_source) from the DTB dtc compiles from the source in, so
 * that both sides lose the source's grouping of cells and strings alike.
 */
static char *dtc_to_dts(bool from_source, const char *in)
{
	char cmd[512], *text = NULL;
	size_t cap = 0;
	FILE *p;
	ssize_t n;

	if (from_source)
		snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb %s | dtc -q -I dtb -O dts - 2>&1", in);
	else
		snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts %s 2>&1", in);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = getdelim(&text, &cap, '\0', p);
	assert_int_equal(pclose(p), 0);
	assert_true(n > 0);
	return text;
}

static char *write_temp(const void *data, size_t len)
{
	char *name = strdup("/tmp/linux-dt-XXXXXX");
	int fd = mkstemp(name);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return name;
}

static void linux_dt_matches_golden_through_dtc(void **state)
{
	size_t len = linux_dt_write(&golden_desc, dtb, sizeof(dtb));
	char *file, *got, *want;

	(void)state;
	assert_int_not_equal(len, 0);
	file = write_temp(dtb, len);
	got = dtc_to_dts(false, file);
	want = dtc_to_dts(true, GOLDEN_DTS);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "dtc of the DTB:\n%s\nexpected:\n%s\n", got, want);
	assert_string_equal(got, want);
	unlink(file);
	free(file);
	free(got);
	free(want);
}

static bool contains(const uint8_t *buf, size_t len, const char *s)
{
	return memmem(buf, len, s, strlen(s)) != NULL;
}

static void linux_dt_without_initrd_has_no_initrd_properties(void **state)
{
	struct linux_vm_desc d = golden_desc;
	size_t len;

	(void)state;
	d.initrd_start = d.initrd_end = 0;
	len = linux_dt_write(&d, dtb, sizeof(dtb));
	assert_int_not_equal(len, 0);
	assert_false(contains(dtb, len, "linux,initrd-start"));
	assert_true(contains(dtb, len, "console=ttyAMA0 rdinit=/init"));
}

/* REC_CREATE's MPIDR encoding: Aff0 = index % 16, Aff1 = index / 16. */
static void linux_vm_mpidr_affinity_fields(void **state)
{
	(void)state;
	assert_int_equal(linux_vm_mpidr(0), 0);
	assert_int_equal(linux_vm_mpidr(15), 0xF);
	assert_int_equal(linux_vm_mpidr(16), 0x100);
	assert_int_equal(linux_vm_mpidr(17), 0x101);
}

static void linux_dt_lists_every_cpu(void **state)
{
	struct linux_vm_desc d = golden_desc;
	size_t len;

	(void)state;
	d.num_cpus = LINUX_MAX_CPUS;
	len = linux_dt_write(&d, dtb, sizeof(dtb));
	assert_int_not_equal(len, 0);
	assert_true(contains(dtb, len, "cpu@7"));
	assert_false(contains(dtb, len, "cpu@8"));
}

static void linux_dt_refuses_bad_descriptions(void **state)
{
	struct linux_vm_desc d = golden_desc;

	(void)state;
	d.num_cpus = 0;
	assert_int_equal(linux_dt_write(&d, dtb, sizeof(dtb)), 0);
	d.num_cpus = LINUX_MAX_CPUS + 1U;
	assert_int_equal(linux_dt_write(&d, dtb, sizeof(dtb)), 0);
	d = golden_desc;
	d.ram_size = 0;
	assert_int_equal(linux_dt_write(&d, dtb, sizeof(dtb)), 0);
	d = golden_desc;
	d.initrd_end = d.initrd_start - 1U;
	assert_int_equal(linux_dt_write(&d, dtb, sizeof(dtb)), 0);
	d = golden_desc;
	d.bootargs = NULL;
	assert_int_equal(linux_dt_write(&d, dtb, sizeof(dtb)), 0);
}

static void linux_dt_too_small_buffer_fails(void **state)
{
	(void)state;
	assert_int_equal(linux_dt_write(&golden_desc, dtb, 256), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(linux_dt_matches_golden_through_dtc),
	cmocka_unit_test(linux_dt_without_initrd_has_no_initrd_properties),
	cmocka_unit_test(linux_vm_mpidr_affinity_fields),
	cmocka_unit_test(linux_dt_lists_every_cpu),
	cmocka_unit_test(linux_dt_refuses_bad_descriptions),
	cmocka_unit_test(linux_dt_too_small_buffer_fails),
};

TEST_GROUP(linux_dt_tests, tests, NULL);
