/* The arm64 Image header and the guest's RAM layout (linux_image.h). */
#include "linux/linux_image.h"

#include <stddef.h>

#include "linux/linux_vm.h"

#define RAM_ALIGN	(2ULL << 20)	/* the kernel's base must be 2 MiB aligned */
/* booting.rst: the initrd within a 1 GiB-aligned window of at most 32 GiB with the kernel. */
#define RAM_MAX		(32ULL << 30)

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t page_up(uint64_t v)
{
	return (v + LINUX_PAGE_SIZE - 1U) & ~(LINUX_PAGE_SIZE - 1U);
}

const char *linux_image_parse(const void *file, uint64_t file_size, struct linux_image_header *h)
{
	const uint8_t *p = file;
	uint64_t page_size;

	if (file_size < LINUX_IMAGE_HEADER_SIZE)
		return "shorter than the 64-byte arm64 Image header";
	if ((le64(p + 56) & 0xFFFFFFFFU) != LINUX_IMAGE_MAGIC)
		return "no arm64 Image magic (\"ARM\\x64\" at offset 56): not an arm64 Linux Image";
	h->text_offset = le64(p + 8);
	h->image_size = le64(p + 16);
	h->flags = le64(p + 24);
	page_size = (h->flags & LINUX_IMAGE_PAGE_SIZE_MASK) >> LINUX_IMAGE_PAGE_SIZE_SHIFT;
	if ((h->flags & LINUX_IMAGE_FLAG_BE) != 0U)
		return "a big-endian kernel";
	if (page_size != 0U && page_size != LINUX_IMAGE_PAGE_4K)
		return "a kernel for 16K or 64K pages (realms use 4K)";
	if (h->image_size == 0U)
		return "image_size is 0 (a kernel older than 3.17)";
	if ((h->text_offset & (LINUX_PAGE_SIZE - 1U)) != 0U || h->text_offset >= RAM_ALIGN)
		return "text_offset is not page aligned below 2 MiB";
	/* Debian's appended signature is inside image_size (it lands in bss). */
	if (file_size > h->image_size)
		return "the file is larger than its image_size";
	return NULL;
}

const char *linux_layout_plan(const struct linux_image_header *h, uint64_t file_size,
			      uint64_t initrd_size, uint64_t ram_size, struct linux_layout *out)
{
	uint64_t dtb_ipa, initrd_end;

	if (ram_size % RAM_ALIGN != 0U || ram_size < 2U * RAM_ALIGN || ram_size > RAM_MAX)
		return "realm RAM must be a multiple of 2 MiB, at least 4 MiB and at most 32 GiB";
	dtb_ipa = LINUX_RAM_BASE + ram_size - LINUX_DTB_MAX_SIZE;
	out->ram_size = ram_size;
	out->kernel_ipa = LINUX_RAM_BASE + h->text_offset;
	out->kernel_file_size = file_size;
	out->kernel_end = page_up(out->kernel_ipa + h->image_size);
	out->dtb_ipa = dtb_ipa;
	out->initrd_size = initrd_size;
	out->initrd_ipa = initrd_size == 0U ? 0U : out->kernel_end;
	if (out->kernel_end > dtb_ipa)
		return "the kernel's image_size does not fit in realm RAM below the DTB";
	initrd_end = out->kernel_end + page_up(initrd_size);
	if (initrd_size > dtb_ipa - out->kernel_end || initrd_end > dtb_ipa)
		return "the initramfs does not fit in realm RAM between the kernel and the DTB";
	return NULL;
}
