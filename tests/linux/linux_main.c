/* Host tests of the Linux guest's launcher pieces: then "linux: N passed, M failed". */
#include "test_groups.h"

extern const struct test_group fdt_tests, linux_dt_tests, linux_image_tests, linux_rim_tests,
	pl011_tests,
	vgic_tests, vgic_lr_tests, vgic_sgi_tests;

static const struct test_group *const groups[] = {
	&fdt_tests,
	&linux_dt_tests,
	&linux_image_tests,
	&linux_rim_tests,
	&pl011_tests,
	&vgic_tests,
	&vgic_lr_tests,
	&vgic_sgi_tests,
};

int main(void)
{
	return test_groups_run("linux", groups, sizeof(groups) / sizeof(groups[0]));
}
