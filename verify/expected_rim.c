/*
 * Expected RIM (see expected_rim.h), written from shared/spec/rmm-1.0-abi.md
 * section 5, as literally as it reads: each 4 KB parameter image is a
 * zero-filled page with the measured fields copied in, each descriptor a
 * zero-filled 256 bytes with its fields, all serialised little-endian here,
 * then hashed whole with mbedTLS's one-call SHA-256/SHA-512.
 *
 * The 4 KB images (RmiRealmParams, RmiRecParams, a zero DATA page) are
 * built in one static page rather than on the stack (the NS host's stacks
 * are 16 KB): one caller at a time.
 */
#include "expected_rim.h"

#include <string.h>

#include <atoll/realm_image.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#define DESC_SIZE		0x100U

/* Measurement descriptor types and where their fields sit (spec section 5). */
#define DESC_DATA		0U
#define DESC_REC		1U
#define DESC_RIPAS		2U
#define DESC_OFF_LEN		0x08U
#define DESC_OFF_RIM		0x10U
#define DESC_OFF_DATA_IPA	0x50U
#define DESC_OFF_DATA_FLAGS	0x58U
#define DESC_OFF_DATA_CONTENT	0x60U
#define DESC_OFF_REC_CONTENT	0x50U
#define DESC_OFF_RIPAS_BASE	0x50U
#define DESC_OFF_RIPAS_TOP	0x58U

/* Where the measured fields sit in the two 4 KB parameter images (spec 3.1, 3.2). */
#define REALM_OFF_FLAGS		0x000U
#define REALM_OFF_S2SZ		0x008U	/* then sve_vl, num_bps, num_wps, pmu_num_ctrs, 8 apart */
#define REALM_OFF_HASH_ALGO	0x030U
#define REC_OFF_FLAGS		0x000U
#define REC_OFF_PC		0x200U
#define REC_OFF_GPRS		0x300U

static uint8_t scratch[GRANULE_SIZE];

static void put_le(uint8_t *buf, uint64_t value, size_t bytes)
{
	for (size_t i = 0; i < bytes; i++)
		buf[i] = (uint8_t)(value >> (8U * i));
}

/* out = H(data): the whole 64-byte slot, zero after the digest. out may be in data. */
static void digest(uint8_t algo, const void *data, size_t len, uint8_t out[RIM_SLOT_SIZE])
{
	uint8_t d[RIM_SLOT_SIZE] = { 0 };

	/* Both fail only for a bad is224/is384 argument. */
	if (algo == RMI_HASH_SHA_512)
		(void)mbedtls_sha512(data, len, d, 0);
	else
		(void)mbedtls_sha256(data, len, d, 0);
	memcpy(out, d, sizeof(d));
}

/* ---- Measurement steps --------------------------------------------------------- */

void realm_measured_params_of(struct realm_measured_params *m, const struct rmi_realm_params *p)
{
	m->flags = p->flags;
	m->s2sz = p->s2sz;
	m->sve_vl = p->sve_vl;
	m->num_bps = p->num_bps;
	m->num_wps = p->num_wps;
	m->pmu_num_ctrs = p->pmu_num_ctrs;
	m->hash_algo = p->hash_algo;
}

bool rim_calc_realm_create(struct rim_calc *c, const struct realm_measured_params *p)
{
	const uint32_t words[] = { p->s2sz, p->sve_vl, p->num_bps, p->num_wps, p->pmu_num_ctrs };

	if (p->hash_algo != RMI_HASH_SHA_256 && p->hash_algo != RMI_HASH_SHA_512)
		return false;
	memset(scratch, 0, sizeof(scratch));
	put_le(scratch + REALM_OFF_FLAGS, p->flags, 8);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		put_le(scratch + REALM_OFF_S2SZ + 8U * i, words[i], 4);
	scratch[REALM_OFF_HASH_ALGO] = p->hash_algo;
	c->hash_algo = p->hash_algo;
	c->len = p->hash_algo == RMI_HASH_SHA_512 ? 64U : 32U;
	digest(c->hash_algo, scratch, sizeof(scratch), c->rim);
	return true;
}

/* A zero descriptor of this type with its length and the current RIM (all 64 bytes). */
static void desc_start(const struct rim_calc *c, uint8_t desc[DESC_SIZE], uint8_t type)
{
	memset(desc, 0, DESC_SIZE);
	desc[0] = type;
	put_le(desc + DESC_OFF_LEN, DESC_SIZE, 8);
	memcpy(desc + DESC_OFF_RIM, c->rim, RIM_SLOT_SIZE);
}

void rim_calc_init_ripas(struct rim_calc *c, uint64_t base, uint64_t top)
{
	uint8_t desc[DESC_SIZE];

	desc_start(c, desc, DESC_RIPAS);
	put_le(desc + DESC_OFF_RIPAS_BASE, base, 8);
	put_le(desc + DESC_OFF_RIPAS_TOP, top, 8);
	digest(c->hash_algo, desc, sizeof(desc), c->rim);
}

void rim_calc_data_create(struct rim_calc *c, uint64_t ipa, uint64_t flags, const void *page)
{
	uint8_t desc[DESC_SIZE];

	desc_start(c, desc, DESC_DATA);
	put_le(desc + DESC_OFF_DATA_IPA, ipa, 8);
	put_le(desc + DESC_OFF_DATA_FLAGS, flags, 8);
	if (flags == RMI_MEASURE_CONTENT) {
		if (page == NULL) {
			memset(scratch, 0, sizeof(scratch));
			page = scratch;
		}
		digest(c->hash_algo, page, GRANULE_SIZE, desc + DESC_OFF_DATA_CONTENT);
	}
	digest(c->hash_algo, desc, sizeof(desc), c->rim);
}

void rim_calc_rec_create(struct rim_calc *c, uint64_t flags, uint64_t pc, const uint64_t gprs[8])
{
	uint8_t desc[DESC_SIZE];

	if ((flags & RMI_REC_FLAG_RUNNABLE) == 0U)
		return;
	memset(scratch, 0, sizeof(scratch));
	put_le(scratch + REC_OFF_FLAGS, flags, 8);
	put_le(scratch + REC_OFF_PC, pc, 8);
	for (unsigned int i = 0; gprs != NULL && i < 8U; i++)
		put_le(scratch + REC_OFF_GPRS + 8U * i, gprs[i], 8);
	desc_start(c, desc, DESC_REC);
	digest(c->hash_algo, scratch, sizeof(scratch), desc + DESC_OFF_REC_CONTENT);
	digest(c->hash_algo, desc, sizeof(desc), c->rim);
}

/* ---- A whole image and recipe (docs/realms.md) ------------------------------- */

const char *realm_image_problem(const void *image, size_t size, unsigned int s2sz)
{
	struct realm_image_header h;

	if (size < sizeof(h))
		return "shorter than its header";
	/* Copied out: the file need not be aligned. */
	memcpy(&h, image, sizeof(h));
	if (h.magic != REALM_IMAGE_MAGIC || h.version != REALM_IMAGE_VERSION ||
	    h.header_size != REALM_IMAGE_HEADER_SIZE)
		return "bad magic, version or header size";
	if (h.image_size != size || (h.image_size & (GRANULE_SIZE - 1U)) != 0U)
		return "image size is not the file's size in whole granules";
	if (h.memory_size < h.image_size || (h.memory_size & (GRANULE_SIZE - 1U)) != 0U)
		return "memory size below the image size or not in whole granules";
	if (h.entry_offset < sizeof(h) || h.entry_offset >= h.image_size ||
	    (h.entry_offset & 3U) != 0U)
		return "entry outside the image";
	if (s2sz < 32U || s2sz > 64U || h.memory_size > (1ULL << (s2sz - 1U)) - REALM_IMAGE_IPA)
		return "memory does not fit the Protected IPA range";
	return NULL;
}

bool expected_rim_for_image(const void *image, size_t size, const struct realm_recipe *recipe,
			    struct rim_calc *out, const char **why)
{
	const uint8_t *file = image;
	struct realm_image_header h;
	const char *problem = realm_image_problem(image, size, recipe->params.s2sz);

	if (problem == NULL && recipe->num_recs == 0U)
		problem = "a realm needs a REC";
	if (problem == NULL && !rim_calc_realm_create(out, &recipe->params))
		problem = "unknown hash algorithm";
	if (problem != NULL) {
		if (why != NULL)
			*why = problem;
		return false;
	}
	memcpy(&h, image, sizeof(h));
	/* RTT_INIT_RIPAS over the RAM: level-3 tables, so one entry per page. */
	for (uint64_t ipa = REALM_IMAGE_IPA; ipa < REALM_IMAGE_IPA + h.memory_size;
	     ipa += GRANULE_SIZE)
		rim_calc_init_ripas(out, ipa, ipa + GRANULE_SIZE);
	/* Measured DATA: the file's pages, then zero pages up to the memory size. */
	for (uint64_t off = 0; off < h.memory_size; off += GRANULE_SIZE)
		rim_calc_data_create(out, REALM_IMAGE_IPA + off, RMI_MEASURE_CONTENT,
				     off < h.image_size ? file + off : NULL);
	/* REC 0 runnable at the entry, x0..x7 zero; the others are not measured. */
	for (unsigned int i = 0; i < recipe->num_recs; i++)
		rim_calc_rec_create(out, i == 0U ? RMI_REC_FLAG_RUNNABLE : 0U,
				    REALM_IMAGE_IPA + h.entry_offset, NULL);
	return true;
}
