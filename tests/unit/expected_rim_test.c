/*
 * The realm host's expected-RIM calculator (verify/expected_rim.c)
 * against the RMM: the same RMI sequence is issued to the RMM core (host
 * build), and the RIM the realm then reads with RSI_MEASUREMENT_READ must
 * be the one computed without it, both for the whole load recipe of
 * docs/realms.md replayed from an image file and for single steps the
 * loader never takes (a 2 MB RIPAS entry, unmeasured DATA, RECs with
 * registers, unmeasured parameter noise).
 */
#include <stdbool.h>
#include <string.h>

#include <atoll/realm_image.h>

#include "../../verify/expected_rim.h"

#include "realm_script.h"

/*
 * A test image: 4 file pages, RAM up to 2 pages past the 2 MB boundary
 * (so two level-3 tables and two RTT_INIT_RIPAS calls), entry at 0x100.
 */
#define IMG_PAGES	4U
#define IMG_SIZE	(IMG_PAGES * GRANULE_SIZE)
#define IMG_MEMORY	(0x200000ULL - REALM_IMAGE_IPA + 2U * GRANULE_SIZE)
#define IMG_ENTRY	0x100U

static uint8_t image[IMG_SIZE];

static void make_image(void)
{
	struct realm_image_header h = {
		.branch = 0x14000000U | (IMG_ENTRY / 4U),	/* b entry */
		.magic = REALM_IMAGE_MAGIC,
		.version = REALM_IMAGE_VERSION,
		.header_size = REALM_IMAGE_HEADER_SIZE,
		.image_size = IMG_SIZE,
		.memory_size = IMG_MEMORY,
		.entry_offset = IMG_ENTRY,
	};

	for (size_t i = 0; i < sizeof(image); i++)
		image[i] = (uint8_t)(i * 13U + (i >> 12) + 1U);
	memcpy(image, &h, sizeof(h));
}

/*
 * A realm's parameters, with noise (the RPV) in what is not measured: the
 * NS copy REALM_CREATE will read.
 */
static struct rmi_realm_params *new_realm(struct rs_realm *rr, int64_t sl, unsigned int s2sz,
					  uint8_t algo)
{
	struct rmi_realm_params *p;

	memset(rr, 0, sizeof(*rr));
	rs_reset();
	p = fx_realm_params(&rr->r, sl, s2sz);
	p->hash_algo = algo;
	for (unsigned int i = 0; i < sizeof(p->rpv); i++)
		p->rpv[i] = rs_rpv(i);
	return p;
}

static void create_realm(struct rs_realm *rr, const struct rmi_realm_params *p,
			 struct rim_calc *want)
{
	struct realm_measured_params m;

	assert_int_equal(fx_realm_create_call(&rr->r), RMI_SUCCESS);
	realm_measured_params_of(&m, p);
	assert_true(rim_calc_realm_create(want, &m));
}

/* RTT_INIT_RIPAS over [base, top), call after call as the host does. */
static void init_ripas(const struct rs_realm *rr, uint64_t base, uint64_t top)
{
	while (base < top) {
		struct rmi_result res = unit_rmi(RMI_RTT_INIT_RIPAS, rr->r.rd, base, top, 0, 0);

		assert_int_equal(res.x[0], RMI_SUCCESS);
		assert_true(res.x[1] > base);
		base = res.x[1];
	}
}

/* DATA_CREATE at ipa from an NS copy of page (NULL: zeros). */
static void data_create(const struct rs_realm *rr, uint64_t ipa, uint64_t flags, const void *page)
{
	uint64_t src = unit_ns_granule();

	if (page != NULL)
		memcpy(host_pa_ptr(src), page, GRANULE_SIZE);
	else
		memset(host_pa_ptr(src), 0, GRANULE_SIZE);
	fx_rtts_to(&rr->r, ipa, 3);
	assert_int_equal(fx_x0(RMI_DATA_CREATE, rr->r.rd, fx_delegated(), ipa, src, flags),
			 RMI_SUCCESS);
}

static void rec_create(struct rs_realm *rr, uint64_t flags, uint64_t pc, const uint64_t *gprs)
{
	unsigned int i = rr->num_recs++;
	struct rmi_rec_params *p = fx_rec_params(&rr->rec[i], i);

	p->flags = flags;
	p->pc = pc;
	for (unsigned int r = 0; gprs != NULL && r < RMI_REC_CREATE_GPRS; r++)
		p->gprs[r] = gprs[r];
	assert_int_equal(fx_rec_create_call(&rr->r, &rr->rec[i]), RMI_SUCCESS);
	rs_rec(rr, i)->el1.vbar_el1 = RS_VBAR;
}

/* Activates the realm; REC 0 reads slot 0 with RSI_MEASUREMENT_READ. */
static void realm_reads_rim(struct rs_realm *rr, uint8_t rim[RIM_SLOT_SIZE])
{
	const struct rec_regs *x;

	rr->run = unit_ns_granule();
	memset(rs_run(rr), 0, sizeof(struct rmi_rec_run));
	fx_realm_activate(&rr->r);
	x = rs_call(rr, RSI_MEASUREMENT_READ, 0);
	assert_int_equal(x->x[0], RSI_SUCCESS);
	for (unsigned int i = 0; i < RIM_SLOT_SIZE; i++)
		rim[i] = (uint8_t)(x->x[1U + i / 8U] >> (8U * (i % 8U)));
}

/* ---- The load recipe, replayed from the image ------------------------------------ */

/*
 * docs/realms.md, issued to the RMM: RTTs to level 3 over the RAM,
 * RTT_INIT_RIPAS over it, measured DATA for the file's pages and zero
 * pages up to the memory size, REC 0 runnable at the entry, the other
 * RECs not runnable.
 */
static void load_recipe(struct rs_realm *rr, unsigned int num_recs)
{
	for (uint64_t ipa = REALM_IMAGE_IPA & ~0x1FFFFFULL; ipa < REALM_IMAGE_IPA + IMG_MEMORY;
	     ipa += 0x200000ULL)
		fx_rtts_to(&rr->r, ipa, 3);
	init_ripas(rr, REALM_IMAGE_IPA, REALM_IMAGE_IPA + IMG_MEMORY);
	for (uint64_t off = 0; off < IMG_MEMORY; off += GRANULE_SIZE)
		data_create(rr, REALM_IMAGE_IPA + off, RMI_MEASURE_CONTENT,
			    off < IMG_SIZE ? image + off : NULL);
	for (unsigned int i = 0; i < num_recs; i++)
		rec_create(rr, i == 0U ? RMI_REC_FLAG_RUNNABLE : 0U, REALM_IMAGE_IPA + IMG_ENTRY,
			   NULL);
}

struct recipe_row {
	uint8_t algo;
	int64_t sl;
	unsigned int s2sz;
	unsigned int num_recs;
};

static void expected_rim_image_matches_rmm_row(void **state)
{
	const struct recipe_row *row = *state;
	static uint8_t unaligned[IMG_SIZE + 1U];
	struct realm_recipe recipe = { .num_recs = row->num_recs };
	struct rim_calc want, again;
	uint8_t got[RIM_SLOT_SIZE];
	struct rs_realm rr;
	const char *why = NULL;

	make_image();
	realm_measured_params_of(&recipe.params, new_realm(&rr, row->sl, row->s2sz, row->algo));
	assert_int_equal(fx_realm_create_call(&rr.r), RMI_SUCCESS);
	load_recipe(&rr, row->num_recs);
	realm_reads_rim(&rr, got);

	assert_true(expected_rim_for_image(image, sizeof(image), &recipe, &want, &why));
	assert_null(why);
	assert_int_equal(want.len, row->algo == RMI_HASH_SHA_512 ? 64 : 32);
	assert_memory_equal(want.rim, got, RIM_SLOT_SIZE);
	/* The file may sit anywhere in memory. */
	memcpy(unaligned + 1, image, sizeof(image));
	assert_true(expected_rim_for_image(unaligned + 1, sizeof(image), &recipe, &again, NULL));
	assert_memory_equal(again.rim, want.rim, RIM_SLOT_SIZE);
}

/* ---- Single steps, in orders and shapes the loader does not use ------------------ */

#define BLOCK_IPA	0x400000ULL	/* one level-2 entry (2 MB), no level-3 table */
#define PAGE_A		0x1000ULL
#define PAGE_B		0x2000ULL

static void expected_rim_steps_match_rmm_row(void **state)
{
	const uint8_t algo = *(const uint8_t *)*state;
	static uint8_t page[GRANULE_SIZE];
	const uint64_t gprs[8] = { 1, 0x22, 0x333, 0x4444, ~0ULL, 0, 0x8000000000000000ULL, 7 };
	struct rmi_realm_params *p;
	struct rim_calc want;
	uint8_t got[RIM_SLOT_SIZE];
	struct rs_realm rr;

	for (size_t i = 0; i < sizeof(page); i++)
		page[i] = (uint8_t)(0xA0U ^ i);
	p = new_realm(&rr, 0, FX_S2SZ, algo);
	/* Measured though unused: without their flags, sve_vl and pmu_num_ctrs go unvalidated. */
	p->sve_vl = 3;
	p->pmu_num_ctrs = 5;
	create_realm(&rr, p, &want);

	/* A 2 MB RIPAS entry at level 2: one descriptor for the whole block. */
	fx_rtts_to(&rr.r, BLOCK_IPA, 2);
	init_ripas(&rr, BLOCK_IPA, BLOCK_IPA + 0x200000ULL);
	rim_calc_init_ripas(&want, BLOCK_IPA, BLOCK_IPA + 0x200000ULL);
	/* DATA measured and unmeasured, before any RIPAS in their table. */
	data_create(&rr, PAGE_B, RMI_MEASURE_CONTENT, page);
	rim_calc_data_create(&want, PAGE_B, RMI_MEASURE_CONTENT, page);
	data_create(&rr, PAGE_A, RMI_NO_MEASURE_CONTENT, page);
	rim_calc_data_create(&want, PAGE_A, RMI_NO_MEASURE_CONTENT, page);
	/* RECs: runnable with registers, not runnable (no change), runnable with none. */
	rec_create(&rr, RMI_REC_FLAG_RUNNABLE, 0x80004ULL, gprs);
	rim_calc_rec_create(&want, RMI_REC_FLAG_RUNNABLE, 0x80004ULL, gprs);
	rec_create(&rr, 0, 0x90000ULL, gprs);
	rim_calc_rec_create(&want, 0, 0x90000ULL, gprs);
	rec_create(&rr, RMI_REC_FLAG_RUNNABLE, 0xA0000ULL, NULL);
	rim_calc_rec_create(&want, RMI_REC_FLAG_RUNNABLE, 0xA0000ULL, NULL);

	realm_reads_rim(&rr, got);
	assert_memory_equal(want.rim, got, RIM_SLOT_SIZE);
}

/* ---- What the RIM depends on, and what the replay refuses ------------------------ */

static const struct realm_recipe base_recipe = {
	{ 0, FX_S2SZ, 0, 1, 1, 0, RMI_HASH_SHA_256 }, 1
};

static void rim_of(const struct realm_recipe *recipe, struct rim_calc *out)
{
	assert_true(expected_rim_for_image(image, sizeof(image), recipe, out, NULL));
}

static void expected_rim_depends_on_every_image_byte(void **state)
{
	static const size_t offsets[] = { 0x38, IMG_ENTRY, GRANULE_SIZE + 17U, IMG_SIZE - 1U };
	struct rim_calc base, other;

	(void)state;
	make_image();
	rim_of(&base_recipe, &base);
	for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		image[offsets[i]] ^= 0x01U;
		rim_of(&base_recipe, &other);
		image[offsets[i]] ^= 0x01U;
		assert_memory_not_equal(other.rim, base.rim, RIM_SLOT_SIZE);
	}
	rim_of(&base_recipe, &other);
	assert_memory_equal(other.rim, base.rim, RIM_SLOT_SIZE);
}

static void expected_rim_depends_on_measured_recipe_only(void **state)
{
	struct realm_recipe r = base_recipe;
	struct rim_calc base, other;

	(void)state;
	make_image();
	rim_of(&base_recipe, &base);
	/* Extra RECs are not runnable: not measured. */
	r.num_recs = 4;
	rim_of(&r, &other);
	assert_memory_equal(other.rim, base.rim, RIM_SLOT_SIZE);
	/* Every measured parameter counts. */
	r = base_recipe;
	r.params.num_wps = 2;
	rim_of(&r, &other);
	assert_memory_not_equal(other.rim, base.rim, RIM_SLOT_SIZE);
	r = base_recipe;
	r.params.flags = RMI_REALM_FLAG_PMU;
	rim_of(&r, &other);
	assert_memory_not_equal(other.rim, base.rim, RIM_SLOT_SIZE);
	r = base_recipe;
	r.params.hash_algo = RMI_HASH_SHA_512;
	rim_of(&r, &other);
	assert_int_equal(other.len, 64);
	assert_memory_not_equal(other.rim, base.rim, RIM_SLOT_SIZE);
}

static void set_header64(size_t off, uint64_t v)
{
	memcpy(image + off, &v, sizeof(v));
}

static void expected_rim_refuses_bad_images(void **state)
{
	struct realm_recipe r = base_recipe;
	struct rim_calc out;
	const char *why;

	(void)state;
	make_image();
	/* Shorter than the header, or than the file the header describes. */
	why = NULL;
	assert_false(expected_rim_for_image(image, 32, &r, &out, &why));
	assert_non_null(why);
	assert_false(expected_rim_for_image(image, IMG_SIZE - GRANULE_SIZE, &r, &out, NULL));
	/* Bad magic; entry in the header; RAM below the file; RAM past the Protected half. */
	set_header64(offsetof(struct realm_image_header, magic), REALM_IMAGE_MAGIC + 1U);
	assert_false(expected_rim_for_image(image, sizeof(image), &r, &out, NULL));
	make_image();
	set_header64(offsetof(struct realm_image_header, entry_offset), 8);
	assert_false(expected_rim_for_image(image, sizeof(image), &r, &out, NULL));
	make_image();
	set_header64(offsetof(struct realm_image_header, memory_size), IMG_SIZE - GRANULE_SIZE);
	assert_false(expected_rim_for_image(image, sizeof(image), &r, &out, NULL));
	make_image();
	r.params.s2sz = 32;
	set_header64(offsetof(struct realm_image_header, memory_size), 1ULL << 31);
	assert_false(expected_rim_for_image(image, sizeof(image), &r, &out, NULL));
	/* Recipes no host follows: no REC, an unknown hash algorithm. */
	make_image();
	r = base_recipe;
	r.num_recs = 0;
	assert_false(expected_rim_for_image(image, sizeof(image), &r, &out, NULL));
	r = base_recipe;
	r.params.hash_algo = 2;
	why = NULL;
	assert_false(expected_rim_for_image(image, sizeof(image), &r, &out, &why));
	assert_non_null(why);
}

static const struct CMUnitTest tests[] = {
	RS_CASE(expected_rim_image_sha256_matches_rmm, expected_rim_image_matches_rmm_row,
		struct recipe_row, RMI_HASH_SHA_256, 0, FX_S2SZ, 1),
	RS_CASE(expected_rim_image_sha512_two_recs_matches_rmm,
		expected_rim_image_matches_rmm_row, struct recipe_row, RMI_HASH_SHA_512, 1, 40, 2),
	RS_CASE(expected_rim_steps_sha256_match_rmm, expected_rim_steps_match_rmm_row, uint8_t,
		RMI_HASH_SHA_256),
	RS_CASE(expected_rim_steps_sha512_match_rmm, expected_rim_steps_match_rmm_row, uint8_t,
		RMI_HASH_SHA_512),
	cmocka_unit_test(expected_rim_depends_on_every_image_byte),
	cmocka_unit_test(expected_rim_depends_on_measured_recipe_only),
	cmocka_unit_test(expected_rim_refuses_bad_images),
};

UNIT_GROUP(expected_rim_tests, tests, NULL);
