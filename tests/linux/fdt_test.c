/* lib/fdt.c: exact bytes of small trees, and each error making fdt_finish() fail. */
#include <string.h>

#include <lib/fdt.h>

#include "test_groups.h"

static uint8_t buf[4096] __attribute__((aligned(8)));

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* / { a = <1>; }; */
static void fdt_minimal_tree_bytes(void **state)
{
	static const uint8_t want[] = {
		/* header: magic, totalsize 92, struct 56, strings 88, rsvmap 40, v17, v16, cpu 0, 2, 32 */
		0xD0, 0x0D, 0xFE, 0xED, 0, 0, 0, 92, 0, 0, 0, 56, 0, 0, 0, 88,
		0, 0, 0, 40, 0, 0, 0, 17, 0, 0, 0, 16, 0, 0, 0, 0,
		0, 0, 0, 2, 0, 0, 0, 32,
		/* the empty reservation map */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		/* BEGIN_NODE "" (padded), PROP len 4 nameoff 0 value 1, END_NODE, END */
		0, 0, 0, 1, 0, 0, 0, 0,
		0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 1,
		0, 0, 0, 2, 0, 0, 0, 9,
		/* strings: "a\0", padded */
		'a', 0, 0, 0,
	};
	struct fdt_writer w;

	(void)state;
	memset(buf, 0xAA, sizeof(buf));
	fdt_init(&w, buf, sizeof(buf));
	fdt_begin_node(&w, "");
	fdt_prop_u32(&w, "a", 1);
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
}

/* A name used twice is stored once; a node name pads to 4; u64 and strings are big-endian / NUL-ended. */
static void fdt_strings_shared_and_values_encoded(void **state)
{
	struct fdt_writer w;
	size_t len;
	uint32_t off_struct, off_strings;

	(void)state;
	fdt_init(&w, buf, sizeof(buf));
	fdt_set_boot_cpuid(&w, 3);
	fdt_begin_node(&w, "");
	fdt_prop_u64(&w, "reg", 0x0000000140000000ULL);
	fdt_begin_node(&w, "n@1");
	fdt_prop_string(&w, "reg", "xyz");
	fdt_end_node(&w);
	fdt_end_node(&w);
	len = fdt_finish(&w);
	assert_int_not_equal(len, 0);
	off_struct = be32(buf + 8);
	off_strings = be32(buf + 12);
	assert_int_equal(be32(buf + 28), 3);			/* boot_cpuid_phys */
	assert_int_equal(be32(buf + 32), 4);			/* "reg\0" once */
	assert_memory_equal(buf + off_strings, "reg", 4);
	/* root BEGIN (8), PROP head (12) then the u64 */
	assert_int_equal(be32(buf + off_struct + 20), 0x00000001);
	assert_int_equal(be32(buf + off_struct + 24), 0x40000000);
	/* BEGIN_NODE "n@1\0" takes exactly 4 bytes of name */
	assert_int_equal(be32(buf + off_struct + 28), FDT_BEGIN_NODE);
	assert_memory_equal(buf + off_struct + 32, "n@1", 4);
	/* its PROP: len 4, name offset 0 (shared), "xyz\0" */
	assert_int_equal(be32(buf + off_struct + 36), FDT_PROP);
	assert_int_equal(be32(buf + off_struct + 40), 4);
	assert_int_equal(be32(buf + off_struct + 44), 0);
	assert_memory_equal(buf + off_struct + 48, "xyz", 4);
	assert_int_equal(len, be32(buf + 4));
}

static void fdt_buffer_too_small_fails(void **state)
{
	struct fdt_writer w;

	(void)state;
	fdt_init(&w, buf, 60);	/* room for the header and one token only */
	fdt_begin_node(&w, "");
	fdt_prop_string(&w, "bootargs", "console=ttyAMA0");
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);
}

static void fdt_property_outside_a_node_fails(void **state)
{
	struct fdt_writer w;

	(void)state;
	fdt_init(&w, buf, sizeof(buf));
	fdt_prop_u32(&w, "a", 1);
	fdt_begin_node(&w, "");
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);
}

static void fdt_unclosed_node_fails(void **state)
{
	struct fdt_writer w;

	(void)state;
	fdt_init(&w, buf, sizeof(buf));
	fdt_begin_node(&w, "");
	fdt_begin_node(&w, "cpus");
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);
}

static void fdt_node_closed_twice_fails(void **state)
{
	struct fdt_writer w;

	(void)state;
	fdt_init(&w, buf, sizeof(buf));
	fdt_begin_node(&w, "");
	fdt_end_node(&w);
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);
}

static void fdt_node_names_checked(void **state)
{
	struct fdt_writer w;

	(void)state;
	fdt_init(&w, buf, sizeof(buf));
	fdt_begin_node(&w, "root");	/* the root has no name */
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);

	fdt_init(&w, buf, sizeof(buf));
	fdt_begin_node(&w, "");
	fdt_begin_node(&w, "");		/* only the root is nameless */
	fdt_end_node(&w);
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);
}

static void fdt_string_list_must_end_in_nul(void **state)
{
	static const char list[] = { 'a', 0, 'b' };
	struct fdt_writer w;

	(void)state;
	fdt_init(&w, buf, sizeof(buf));
	fdt_begin_node(&w, "");
	fdt_prop_strings(&w, "compatible", list, sizeof(list));
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);
}

static void fdt_string_table_full_fails(void **state)
{
	static struct fdt_writer w;
	char name[16];

	(void)state;
	fdt_init(&w, buf, sizeof(buf));
	fdt_begin_node(&w, "");
	/* 200 distinct 8-byte names: more than FDT_STRINGS_MAX. */
	for (unsigned int i = 0; i < 200U; i++) {
		memcpy(name, "prop", 4);
		name[4] = (char)('a' + i / 26 % 26);
		name[5] = (char)('a' + i % 26);
		name[6] = (char)('a' + i / 676);
		name[7] = '\0';
		fdt_prop_empty(&w, name);
	}
	fdt_end_node(&w);
	assert_int_equal(fdt_finish(&w), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(fdt_minimal_tree_bytes),
	cmocka_unit_test(fdt_strings_shared_and_values_encoded),
	cmocka_unit_test(fdt_buffer_too_small_fails),
	cmocka_unit_test(fdt_property_outside_a_node_fails),
	cmocka_unit_test(fdt_unclosed_node_fails),
	cmocka_unit_test(fdt_node_closed_twice_fails),
	cmocka_unit_test(fdt_node_names_checked),
	cmocka_unit_test(fdt_string_list_must_end_in_nul),
	cmocka_unit_test(fdt_string_table_full_fails),
};

TEST_GROUP(fdt_tests, tests, NULL);
