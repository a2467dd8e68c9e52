/*
 * linux-check IMAGE INITRD RAM_MIB RECS BOOTARGS: the launcher's checks of a
 * Linux realm guest's parts (host/linux/linux_image.c), run on the host
 * before QEMU starts so that a wrong kernel or an initramfs too large for
 * realm RAM is a clear error there, not a silent boot failure; then the RIM
 * the RMM will compute for the guest linux_vm_load() builds from the same
 * parts (host/linux/linux_rim.c, with the parameters of linux_vm.h).
 * Prints the layout and "linux-check: predicted RIM <hex>".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linux/linux_image.h"
#include "linux/linux_rim.h"
#include "linux/linux_vm.h"

#define FILE_MAX	(256ULL << 20)

struct file {
	unsigned char *data;
	uint64_t size;
};

static int refuse(const char *file, const char *why)
{
	fprintf(stderr, "linux-check: %s: %s\n", file, why);
	return 1;
}

/* The whole file; 0, or 1 after a message. */
static int read_whole(const char *path, struct file *f)
{
	FILE *fp = fopen(path, "rb");
	long size;

	if (fp == NULL)
		return refuse(path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
	    (uint64_t)size > FILE_MAX) {
		fclose(fp);
		return refuse(path, "cannot be read, or larger than 256 MiB");
	}
	f->size = (uint64_t)size;
	f->data = malloc(f->size + 1U);
	if (f->data == NULL || fread(f->data, 1, f->size, fp) != f->size) {
		fclose(fp);
		return refuse(path, "cannot be read");
	}
	fclose(fp);
	return 0;
}

/* A decimal number in [1, max]; 0 if s is not one. */
static unsigned long long number(const char *s, unsigned long long max)
{
	char *end;
	unsigned long long n = strtoull(s, &end, 10);

	return *s == '\0' || *end != '\0' || n > max ? 0U : n;
}

int main(int argc, char **argv)
{
	struct file image = { NULL, 0 }, initrd = { NULL, 0 };
	struct linux_image_header h;
	struct linux_layout l;
	struct linux_rim_input in;
	struct rim_calc rim;
	const char *why;
	unsigned long long ram_mib, recs;

	if (argc != 6) {
		fprintf(stderr, "usage: linux-check IMAGE INITRD RAM_MIB RECS BOOTARGS\n");
		return 2;
	}
	ram_mib = number(argv[3], 1ULL << 20);
	recs = number(argv[4], LINUX_MAX_CPUS);
	if (ram_mib == 0U)
		return refuse(argv[3], "not a RAM size in MiB");
	if (recs == 0U)
		return refuse(argv[4], "not a REC count from 1 to 8");
	if (strlen(argv[5]) >= LINUX_BOOTARGS_MAX)
		return refuse("bootargs", "longer than the launcher takes");
	if (read_whole(argv[1], &image) != 0 || read_whole(argv[2], &initrd) != 0)
		return 1;
	why = linux_image_parse(image.data, image.size, &h);
	if (why != NULL)
		return refuse(argv[1], why);
	why = linux_layout_plan(&h, image.size, initrd.size, ram_mib << 20, &l);
	if (why != NULL) {
		fprintf(stderr, "linux-check: kernel %llu bytes (image_size %llu), initramfs %llu bytes, "
			"%llu MiB of realm RAM: %s\n", (unsigned long long)image.size,
			(unsigned long long)h.image_size, (unsigned long long)initrd.size, ram_mib, why);
		return 1;
	}
	printf("linux-check: kernel at %#llx (%llu bytes, ends %#llx), initrd at %#llx (%llu bytes), "
	       "DTB at %#llx, %llu MiB RAM\n", (unsigned long long)l.kernel_ipa,
	       (unsigned long long)l.kernel_file_size, (unsigned long long)l.kernel_end,
	       (unsigned long long)l.initrd_ipa, (unsigned long long)l.initrd_size,
	       (unsigned long long)l.dtb_ipa, ram_mib);
	in = (struct linux_rim_input){
		.params = { .s2sz = LINUX_REALM_S2SZ, .num_bps = LINUX_REALM_BPS,
			    .num_wps = LINUX_REALM_WPS, .hash_algo = RMI_HASH_SHA_256 },
		.num_recs = (unsigned int)recs,
		.ram_size = ram_mib << 20,
		.bootargs = argv[5],
		.kernel = image.data,
		.kernel_size = image.size,
		.initrd = initrd.size == 0U ? NULL : initrd.data,
		.initrd_size = initrd.size,
	};
	if (!linux_rim_predict(&in, &rim, &why))
		return refuse("RIM", why);
	printf("linux-check: predicted RIM ");
	for (size_t i = 0; i < rim.len; i++)
		printf("%02x", rim.rim[i]);
	printf("\n");
	free(image.data);
	free(initrd.data);
	return 0;
}
