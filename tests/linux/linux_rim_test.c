/*
 * host/linux/linux_rim.c: the predicted RIM of a Linux guest. That it is
 * the RMM's is shown by the linux-boot suite (tools/linux-run.sh, the
 * token's RIM); here, what it depends on and what it refuses.
 */
#include <string.h>

#include "linux/linux_image.h"
#include "linux/linux_rim.h"
#include "linux/linux_vm.h"
#include "test_groups.h"

#define MiB		(1ULL << 20)
#define KERNEL_SIZE	(3U * 4096U + 100U)	/* a partial last page */
#define INITRD_SIZE	(4096U + 7U)

/* One page more than the files, so that the bytes after each end can be changed. */
static uint8_t kernel[KERNEL_SIZE + 4096U];
static uint8_t initrd[INITRD_SIZE + 4096U];

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static struct linux_rim_input input(void)
{
	memset(kernel, 0, sizeof(kernel));
	for (size_t i = LINUX_IMAGE_HEADER_SIZE; i < KERNEL_SIZE; i++)
		kernel[i] = (uint8_t)(i * 7U);
	put_le64(kernel + 16, 4 * MiB);		/* image_size */
	put_le64(kernel + 24, 0xA);		/* 4K pages, anywhere */
	put_le64(kernel + 56, LINUX_IMAGE_MAGIC);
	for (size_t i = 0; i < sizeof(initrd); i++)
		initrd[i] = i < INITRD_SIZE ? (uint8_t)(i * 13U) : 0U;
	return (struct linux_rim_input){
		.params = { .s2sz = LINUX_REALM_S2SZ, .num_bps = LINUX_REALM_BPS,
			    .num_wps = LINUX_REALM_WPS, .hash_algo = RMI_HASH_SHA_256 },
		.num_recs = 1,
		.ram_size = 16 * MiB,
		.bootargs = "console=ttyAMA0 quiet",
		.kernel = kernel,
		.kernel_size = KERNEL_SIZE,
		.initrd = initrd,
		.initrd_size = INITRD_SIZE,
	};
}

static struct rim_calc predict(const struct linux_rim_input *in)
{
	struct rim_calc c;
	const char *why = NULL;

	memset(&c, 0, sizeof(c));
	assert_true(linux_rim_predict(in, &c, &why));
	return c;
}

static bool same(const struct rim_calc *a, const struct rim_calc *b)
{
	return a->len == b->len && memcmp(a->rim, b->rim, sizeof(a->rim)) == 0;
}

static void linux_rim_is_reproducible(void **state)
{
	struct linux_rim_input in = input();
	struct rim_calc a = predict(&in), b = predict(&in);

	(void)state;
	assert_int_equal(a.len, 32);
	assert_true(same(&a, &b));
}

/* Every input the loader measures changes the RIM. */
static void linux_rim_depends_on_each_input(void **state)
{
	struct linux_rim_input in = input();
	const struct rim_calc base = predict(&in);
	struct rim_calc c;

	(void)state;
	kernel[KERNEL_SIZE - 1U] ^= 1;
	c = predict(&in);
	assert_false(same(&base, &c));
	in = input();
	initrd[0] ^= 1;
	c = predict(&in);
	assert_false(same(&base, &c));
	in = input();
	in.bootargs = "console=ttyAMA0";
	c = predict(&in);
	assert_false(same(&base, &c));
	in = input();
	in.ram_size = 18 * MiB;
	c = predict(&in);
	assert_false(same(&base, &c));
	in = input();
	in.initrd = NULL;
	c = predict(&in);
	assert_false(same(&base, &c));
	in = input();
	in.params.num_bps = 3;
	c = predict(&in);
	assert_false(same(&base, &c));
	in = input();
	in.params.hash_algo = RMI_HASH_SHA_512;
	c = predict(&in);
	assert_int_equal(c.len, 64);
}

/*
 * Whole pages are measured with zeros after each file's end (the loader
 * zeroes them): what the buffers hold there does not count. A second REC
 * is created not runnable, so unmeasured; but its CPU is in the DTB.
 */
static void linux_rim_ignores_what_is_not_measured(void **state)
{
	struct linux_rim_input in = input();
	const struct rim_calc base = predict(&in);
	struct rim_calc c;

	(void)state;
	kernel[KERNEL_SIZE] = 0xFF;
	initrd[INITRD_SIZE + 1U] = 0xFF;
	c = predict(&in);
	assert_true(same(&base, &c));
	in = input();
	in.num_recs = 2;
	c = predict(&in);
	assert_false(same(&base, &c));	/* the DTB has two CPUs */
}

static void linux_rim_refusals(void **state)
{
	struct linux_rim_input in = input();
	struct rim_calc c;
	const char *why = NULL;

	(void)state;
	kernel[56] ^= 1;
	assert_false(linux_rim_predict(&in, &c, &why));
	assert_non_null(strstr(why, "no arm64 Image magic"));
	in = input();
	in.ram_size = 4 * MiB;	/* image_size alone is 4 MiB */
	assert_false(linux_rim_predict(&in, &c, &why));
	assert_non_null(strstr(why, "does not fit in realm RAM"));
	in = input();
	in.initrd_size = 16 * MiB;
	assert_false(linux_rim_predict(&in, &c, &why));
	assert_non_null(strstr(why, "initramfs does not fit"));
	in = input();
	in.num_recs = 0;
	assert_false(linux_rim_predict(&in, &c, &why));
	assert_string_equal(why, "REC count out of range");
	in.num_recs = LINUX_MAX_CPUS + 1U;
	assert_false(linux_rim_predict(&in, &c, &why));
	in = input();
	in.params.hash_algo = 7;
	assert_false(linux_rim_predict(&in, &c, &why));
	assert_string_equal(why, "unknown hash algorithm");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(linux_rim_is_reproducible),
	cmocka_unit_test(linux_rim_depends_on_each_input),
	cmocka_unit_test(linux_rim_ignores_what_is_not_measured),
	cmocka_unit_test(linux_rim_refusals),
};

TEST_GROUP(linux_rim_tests, tests, NULL);
