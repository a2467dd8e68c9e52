/*
 * Debian's arm64 Linux Image (Documentation/arch/arm64/booting.rst) and
 * where it, the initrd and the DTB go in a Linux realm guest's RAM
 * (linux_vm.h): the kernel at the RAM base + text_offset, the initrd on the
 * next page after the kernel's image_size, the DTB at the start of the last
 * 2 MiB. Plain checks and arithmetic, no RMI: the launcher and the host-side
 * check that runs before QEMU share them.
 */
#pragma once

#include <stdint.h>

#define LINUX_IMAGE_MAGIC		0x644D5241U	/* "ARM\x64" at offset 56 */
#define LINUX_IMAGE_HEADER_SIZE		64U
#define LINUX_IMAGE_FLAG_BE		(1ULL << 0)
#define LINUX_IMAGE_PAGE_SIZE_SHIFT	1
#define LINUX_IMAGE_PAGE_SIZE_MASK	(3ULL << LINUX_IMAGE_PAGE_SIZE_SHIFT)
#define LINUX_IMAGE_PAGE_4K		1ULL
#define LINUX_DTB_MAX_SIZE		(2ULL << 20)
#define LINUX_PAGE_SIZE			4096ULL

/* The header fields the loader uses (little-endian in the file). */
struct linux_image_header {
	uint64_t text_offset;
	uint64_t image_size;	/* bytes from the load address that must be free RAM, bss included */
	uint64_t flags;
};

struct linux_layout {
	uint64_t kernel_ipa;		/* first byte of the Image: REC 0's entry */
	uint64_t kernel_file_size;	/* bytes of the file, loaded as measured DATA */
	uint64_t kernel_end;		/* kernel_ipa + image_size, rounded up to a page */
	uint64_t initrd_ipa;		/* 0 with no initrd */
	uint64_t initrd_size;
	uint64_t dtb_ipa;
	uint64_t ram_size;
};

/*
 * Reads and checks the header of an Image file of file_size bytes: the
 * magic, little-endian, 4 KB pages (or unspecified), a page-aligned
 * text_offset and an image_size that covers the file. NULL if it is fine,
 * else why not.
 */
const char *linux_image_parse(const void *file, uint64_t file_size, struct linux_image_header *h);

/*
 * Plans the guest's RAM for an Image (already parsed), an initrd of
 * initrd_size bytes (0: none) and ram_size bytes of RAM from
 * LINUX_RAM_BASE. NULL if everything fits, else what does not.
 */
const char *linux_layout_plan(const struct linux_image_header *h, uint64_t file_size,
			      uint64_t initrd_size, uint64_t ram_size, struct linux_layout *out);
