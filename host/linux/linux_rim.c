/* The predicted RIM of a Linux realm guest (linux_rim.h). */
#include "linux/linux_rim.h"

#include <stddef.h>
#include <string.h>

#include "linux/linux_dt.h"
#include "linux/linux_image.h"

/* The loader's DTB buffer: two pages (builder/linux_load.c). */
#define DTB_BUFFER_SIZE		(2U * GRANULE_SIZE)

static uint8_t dtb[DTB_BUFFER_SIZE];
static uint8_t last_page[GRANULE_SIZE];

/* Measured DATA of size bytes at ipa, page by page; the last page's tail is zero. */
static void measure_pages(struct rim_calc *c, uint64_t ipa, const uint8_t *src, uint64_t size)
{
	for (uint64_t off = 0; off < size; off += GRANULE_SIZE) {
		const uint8_t *page = src + off;

		if (size - off < GRANULE_SIZE) {
			memset(last_page, 0, sizeof(last_page));
			memcpy(last_page, page, (size_t)(size - off));
			page = last_page;
		}
		rim_calc_data_create(c, ipa + off, RMI_MEASURE_CONTENT, page);
	}
}

static bool refuse(const char **why, const char *what)
{
	if (why != NULL)
		*why = what;
	return false;
}

bool linux_rim_predict(const struct linux_rim_input *in, struct rim_calc *out, const char **why)
{
	struct linux_image_header h;
	struct linux_layout l;
	const char *problem = linux_image_parse(in->kernel, in->kernel_size, &h);
	uint64_t gprs[8] = { 0 };
	size_t dtb_size;

	if (problem == NULL)
		problem = linux_layout_plan(&h, in->kernel_size, in->initrd == NULL ? 0U : in->initrd_size,
					    in->ram_size, &l);
	if (problem != NULL)
		return refuse(why, problem);
	if (in->num_recs == 0U || in->num_recs > LINUX_MAX_CPUS)
		return refuse(why, "REC count out of range");
	dtb_size = linux_dt_write_for(&l, in->num_recs, in->bootargs, dtb, sizeof(dtb));
	if (dtb_size == 0U)
		return refuse(why, "the device tree does not fit in its buffer");
	if (!rim_calc_realm_create(out, &in->params))
		return refuse(why, "unknown hash algorithm");
	for (uint64_t ipa = LINUX_RAM_BASE; ipa < LINUX_RAM_BASE + l.ram_size; ipa += LINUX_RIPAS_BLOCK)
		rim_calc_init_ripas(out, ipa, ipa + LINUX_RIPAS_BLOCK);
	measure_pages(out, l.kernel_ipa, in->kernel, l.kernel_file_size);
	if (l.initrd_size != 0U)
		measure_pages(out, l.initrd_ipa, in->initrd, l.initrd_size);
	measure_pages(out, l.dtb_ipa, dtb, dtb_size);
	gprs[0] = l.dtb_ipa;
	for (unsigned int i = 0; i < in->num_recs; i++)
		rim_calc_rec_create(out, i == 0U ? RMI_REC_FLAG_RUNNABLE : 0U, l.kernel_ipa,
				    i == 0U ? gprs : NULL);
	return true;
}
