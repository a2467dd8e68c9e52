/* host/linux/linux_image.c: the arm64 Image header checks and the guest RAM layout. */
#include <string.h>

#include "linux/linux_image.h"
#include "linux/linux_vm.h"
#include "test_groups.h"

#define MiB	(1ULL << 20)

static uint8_t image[LINUX_IMAGE_HEADER_SIZE];

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A header as Debian's kernel has it: text_offset 0, 4K pages, anywhere in memory. */
static void make_image(uint64_t text_offset, uint64_t image_size, uint64_t flags)
{
	memset(image, 0, sizeof(image));
	image[0] = 0x4D;	/* "MZ" of the EFI stub; the loader does not care */
	image[1] = 0x5A;
	put_le64(image + 8, text_offset);
	put_le64(image + 16, image_size);
	put_le64(image + 24, flags);
	put_le64(image + 56, LINUX_IMAGE_MAGIC);
}

static const char *parse(uint64_t file_size, struct linux_image_header *h)
{
	return linux_image_parse(image, file_size, h);
}

static void linux_image_debian_like_header_accepted(void **state)
{
	struct linux_image_header h;

	(void)state;
	make_image(0, 52 * MiB, 0xA);
	assert_null(parse(51 * MiB, &h));
	assert_int_equal(h.text_offset, 0);
	assert_int_equal(h.image_size, 52 * MiB);
	assert_int_equal(h.flags, 0xA);
}

static void linux_image_refusals(void **state)
{
	struct linux_image_header h;

	(void)state;
	make_image(0, 4 * MiB, 0xA);
	assert_string_equal(parse(63, &h), "shorter than the 64-byte arm64 Image header");
	image[56] ^= 1;
	assert_non_null(strstr(parse(MiB, &h), "no arm64 Image magic"));
	make_image(0, 4 * MiB, 0xB);
	assert_string_equal(parse(MiB, &h), "a big-endian kernel");
	make_image(0, 4 * MiB, 0x4);	/* page size 2 = 16K */
	assert_string_equal(parse(MiB, &h), "a kernel for 16K or 64K pages (realms use 4K)");
	make_image(0, 0, 0xA);
	assert_string_equal(parse(MiB, &h), "image_size is 0 (a kernel older than 3.17)");
	make_image(0x80, 4 * MiB, 0xA);
	assert_string_equal(parse(MiB, &h), "text_offset is not page aligned below 2 MiB");
	make_image(0, 4 * MiB, 0xA);
	assert_string_equal(parse(4 * MiB + 1, &h), "the file is larger than its image_size");
	/* Page size 0 (unspecified) is fine. */
	make_image(0, 4 * MiB, 0x8);
	assert_null(parse(MiB, &h));
}

static void linux_layout_places_kernel_initrd_dtb(void **state)
{
	struct linux_image_header h;
	struct linux_layout l;

	(void)state;
	make_image(0, 52 * MiB + 123, 0xA);
	assert_null(parse(51 * MiB, &h));
	assert_null(linux_layout_plan(&h, 51 * MiB, 0x123456, 512 * MiB, &l));
	assert_int_equal(l.kernel_ipa, LINUX_RAM_BASE);
	assert_int_equal(l.kernel_file_size, 51 * MiB);
	assert_int_equal(l.kernel_end, LINUX_RAM_BASE + 52 * MiB + 4096);
	assert_int_equal(l.initrd_ipa, l.kernel_end);
	assert_int_equal(l.initrd_size, 0x123456);
	assert_int_equal(l.dtb_ipa, LINUX_RAM_BASE + 510 * MiB);
	assert_int_equal(l.ram_size, 512 * MiB);

	/* No initrd: none placed. */
	assert_null(linux_layout_plan(&h, 51 * MiB, 0, 512 * MiB, &l));
	assert_int_equal(l.initrd_ipa, 0);
}

static void linux_layout_initrd_must_fit(void **state)
{
	struct linux_image_header h;
	struct linux_layout l;
	uint64_t room;

	(void)state;
	make_image(0, 8 * MiB, 0xA);
	assert_null(parse(MiB, &h));
	room = 64 * MiB - 2 * MiB - 8 * MiB;	/* between the kernel and the DTB */
	assert_null(linux_layout_plan(&h, MiB, room, 64 * MiB, &l));
	assert_string_equal(linux_layout_plan(&h, MiB, room + 1, 64 * MiB, &l),
			    "the initramfs does not fit in realm RAM between the kernel and the DTB");
	assert_non_null(linux_layout_plan(&h, MiB, UINT64_MAX, 64 * MiB, &l));
}

static void linux_layout_ram_and_kernel_checked(void **state)
{
	static const char ram_rule[] =
		"realm RAM must be a multiple of 2 MiB, at least 4 MiB and at most 32 GiB";
	struct linux_image_header h;
	struct linux_layout l;

	(void)state;
	make_image(0, 8 * MiB, 0xA);
	assert_null(parse(MiB, &h));
	assert_string_equal(linux_layout_plan(&h, MiB, 0, 65 * MiB, &l), ram_rule);
	assert_string_equal(linux_layout_plan(&h, MiB, 0, 2 * MiB, &l), ram_rule);
	assert_string_equal(linux_layout_plan(&h, MiB, 0, 64ULL << 30, &l), ram_rule);
	assert_string_equal(linux_layout_plan(&h, MiB, 0, 8 * MiB, &l),
			    "the kernel's image_size does not fit in realm RAM below the DTB");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(linux_image_debian_like_header_accepted),
	cmocka_unit_test(linux_image_refusals),
	cmocka_unit_test(linux_layout_places_kernel_initrd_dtb),
	cmocka_unit_test(linux_layout_initrd_must_fit),
	cmocka_unit_test(linux_layout_ram_and_kernel_checked),
};

TEST_GROUP(linux_image_tests, tests, NULL);
