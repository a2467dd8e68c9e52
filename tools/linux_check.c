/*
 * linux-check IMAGE INITRD RAM_MIB: the launcher's checks of a Linux realm
 * guest's parts (host/linux/linux_image.c), run on the host before QEMU
 * starts so that a wrong kernel or an initramfs too large for realm RAM is
 * a clear error there, not a silent boot failure. Prints the layout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "linux/linux_image.h"

static int refuse(const char *file, const char *why)
{
	fprintf(stderr, "linux-check: %s: %s\n", file, why);
	return 1;
}

int main(int argc, char **argv)
{
	unsigned char header[LINUX_IMAGE_HEADER_SIZE] = { 0 };
	struct linux_image_header h;
	struct linux_layout l;
	struct stat image_st, initrd_st;
	const char *why;
	char *end;
	unsigned long long ram_mib;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: linux-check IMAGE INITRD RAM_MIB\n");
		return 2;
	}
	ram_mib = strtoull(argv[3], &end, 10);
	if (*argv[3] == '\0' || *end != '\0' || ram_mib == 0U || ram_mib > (1ULL << 20))
		return refuse(argv[3], "not a RAM size in MiB");
	if (stat(argv[1], &image_st) != 0)
		return refuse(argv[1], strerror(errno));
	if (stat(argv[2], &initrd_st) != 0)
		return refuse(argv[2], strerror(errno));
	f = fopen(argv[1], "rb");
	if (f == NULL)
		return refuse(argv[1], strerror(errno));
	(void)fread(header, 1, sizeof(header), f);
	fclose(f);
	why = linux_image_parse(header, (uint64_t)image_st.st_size, &h);
	if (why != NULL)
		return refuse(argv[1], why);
	why = linux_layout_plan(&h, (uint64_t)image_st.st_size, (uint64_t)initrd_st.st_size,
				ram_mib << 20, &l);
	if (why != NULL) {
		fprintf(stderr, "linux-check: kernel %lld bytes (image_size %llu), initramfs %lld bytes, "
			"%llu MiB of realm RAM: %s\n", (long long)image_st.st_size,
			(unsigned long long)h.image_size, (long long)initrd_st.st_size, ram_mib, why);
		return 1;
	}
	printf("linux-check: kernel at %#llx (%llu bytes, ends %#llx), initrd at %#llx (%llu bytes), "
	       "DTB at %#llx, %llu MiB RAM\n", (unsigned long long)l.kernel_ipa,
	       (unsigned long long)l.kernel_file_size, (unsigned long long)l.kernel_end,
	       (unsigned long long)l.initrd_ipa, (unsigned long long)l.initrd_size,
	       (unsigned long long)l.dtb_ipa, ram_mib);
	return 0;
}
