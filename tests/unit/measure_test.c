/*
 * Realm measurements (spec section 5). The expected values are built here
 * byte by byte from the spec's layouts and hashed with OpenSSL, so they do
 * not share code (or a hash library) with rmm/core/measure.c.
 */
#include <stdbool.h>
#include <string.h>

#include <openssl/evp.h>

#include <rmm/measure.h>

#include "unit.h"

#define SLOT		MEASURE_SLOT_SIZE
#define IMAGE_SIZE	4096U
#define DESC_SIZE	0x100U

/* ---- Reference side: spec layouts by hand, OpenSSL for the hash ------------ */

static void ref_hash(enum measure_algo algo, const void *data, size_t len, uint8_t out[SLOT])
{
	unsigned int n = 0;

	memset(out, 0, SLOT);
	assert_int_equal(EVP_Digest(data, len, out, &n,
				    algo == MEASURE_SHA512 ? EVP_sha512() : EVP_sha256(), NULL),
			 1);
	assert_int_equal(n, algo == MEASURE_SHA512 ? 64 : 32);
}

static void put_le(uint8_t *buf, size_t off, uint64_t value, size_t bytes)
{
	for (size_t i = 0; i < bytes; i++)
		buf[off + i] = (uint8_t)(value >> (8U * i));
}

/* A descriptor with the common header filled in: type @0, len @8, rim @0x10. */
static void ref_desc_head(uint8_t desc[DESC_SIZE], uint8_t type, const uint8_t rim[SLOT])
{
	memset(desc, 0, DESC_SIZE);
	desc[0] = type;
	put_le(desc, 0x08, DESC_SIZE, 8);
	memcpy(desc + 0x10, rim, SLOT);
}

static void ref_rim_ripas(enum measure_algo algo, uint8_t rim[SLOT], uint64_t base, uint64_t top)
{
	uint8_t desc[DESC_SIZE];

	ref_desc_head(desc, 2, rim);
	put_le(desc, 0x50, base, 8);
	put_le(desc, 0x58, top, 8);
	ref_hash(algo, desc, sizeof(desc), rim);
}

static void ref_rim_data(enum measure_algo algo, uint8_t rim[SLOT], uint64_t ipa, uint64_t flags,
			 const uint8_t *granule)
{
	uint8_t desc[DESC_SIZE];

	ref_desc_head(desc, 0, rim);
	put_le(desc, 0x50, ipa, 8);
	put_le(desc, 0x58, flags, 8);
	if (flags == 1)
		ref_hash(algo, granule, IMAGE_SIZE, desc + 0x60);
	ref_hash(algo, desc, sizeof(desc), rim);
}

/* ---- The fixed recipe: what the host passes in ---------------------------- */

#define R_FLAGS		(RMI_REALM_FLAG_LPA2 | RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU)
#define R_S2SZ		40U
#define R_SVE_VL	3U
#define R_NUM_BPS	5U
#define R_NUM_WPS	3U
#define R_PMU_CTRS	6U
#define REC_PC		0x80000000ULL
#define REC_GPR(i)	(0x1111ULL * ((i) + 1U))
#define DATA_IPA	0x1000ULL
#define DATA2_IPA	0x2000ULL

static const uint64_t ripas_ranges[][2] = {
	{ 0x000000, 0x200000 }, { 0x200000, 0x400000 }, { 0x400000, 0x401000 },
};

static struct rmi_realm_params realm_params;
static struct rmi_rec_params rec_params;
static uint8_t granule[IMAGE_SIZE], granule2[IMAGE_SIZE];

static void ref_rim_init(enum measure_algo algo, uint8_t rim[SLOT])
{
	static uint8_t image[IMAGE_SIZE];

	memset(image, 0, sizeof(image));
	put_le(image, 0x000, R_FLAGS, 8);
	put_le(image, 0x008, R_S2SZ, 4);
	put_le(image, 0x010, R_SVE_VL, 4);
	put_le(image, 0x018, R_NUM_BPS, 4);
	put_le(image, 0x020, R_NUM_WPS, 4);
	put_le(image, 0x028, R_PMU_CTRS, 4);
	image[0x030] = (uint8_t)algo;
	ref_hash(algo, image, sizeof(image), rim);
}

static void ref_rim_rec(enum measure_algo algo, uint8_t rim[SLOT])
{
	static uint8_t image[IMAGE_SIZE];
	uint8_t desc[DESC_SIZE];

	memset(image, 0, sizeof(image));
	put_le(image, 0x000, RMI_REC_FLAG_RUNNABLE, 8);
	put_le(image, 0x200, REC_PC, 8);
	for (unsigned int i = 0; i < 8; i++)
		put_le(image, 0x300 + 8U * i, REC_GPR(i), 8);
	ref_desc_head(desc, 1, rim);
	ref_hash(algo, image, sizeof(image), desc + 0x50);
	ref_hash(algo, desc, sizeof(desc), rim);
}

/* Fills the host's structures, with noise in every unmeasured field. */
static int recipe_setup(void **state)
{
	(void)state;
	memset(&realm_params, 0, sizeof(realm_params));
	realm_params.flags = R_FLAGS;
	realm_params.s2sz = R_S2SZ;
	realm_params.sve_vl = R_SVE_VL;
	realm_params.num_bps = R_NUM_BPS;
	realm_params.num_wps = R_NUM_WPS;
	realm_params.pmu_num_ctrs = R_PMU_CTRS;
	memset(realm_params.rpv, 0x5A, sizeof(realm_params.rpv));
	realm_params.vmid = 9;
	realm_params.rtt_base = 0x88000000ULL;
	realm_params.rtt_level_start = 0;
	realm_params.rtt_num_start = 1;

	memset(&rec_params, 0, sizeof(rec_params));
	rec_params.flags = RMI_REC_FLAG_RUNNABLE;
	rec_params.mpidr = 0x100;
	rec_params.pc = REC_PC;
	for (unsigned int i = 0; i < RMI_REC_CREATE_GPRS; i++)
		rec_params.gprs[i] = REC_GPR(i);
	rec_params.num_aux = 2;
	rec_params.aux[0] = 0x88100000ULL;
	rec_params.aux[1] = 0x88101000ULL;

	for (size_t i = 0; i < sizeof(granule); i++)
		granule[i] = (uint8_t)(i * 7U + 3U);
	memset(granule2, 0xEE, sizeof(granule2));
	return 0;
}

/* The realm's life as REALM_CREATE, RTT_INIT_RIPAS, DATA_CREATE and REC_CREATE see it. */
static void build_realm(enum measure_algo algo, uint8_t rim[SLOT])
{
	realm_params.hash_algo = (uint8_t)algo;
	measure_rim_init(algo, &realm_params, rim);
	for (size_t i = 0; i < sizeof(ripas_ranges) / sizeof(ripas_ranges[0]); i++)
		measure_rim_ripas(algo, rim, ripas_ranges[i][0], ripas_ranges[i][1]);
	measure_rim_data(algo, rim, DATA_IPA, RMI_MEASURE_CONTENT, granule);
	measure_rim_data(algo, rim, DATA2_IPA, RMI_NO_MEASURE_CONTENT, granule2);
	measure_rim_rec(algo, rim, &rec_params);
}

static void ref_build_realm(enum measure_algo algo, uint8_t rim[SLOT])
{
	ref_rim_init(algo, rim);
	for (size_t i = 0; i < sizeof(ripas_ranges) / sizeof(ripas_ranges[0]); i++)
		ref_rim_ripas(algo, rim, ripas_ranges[i][0], ripas_ranges[i][1]);
	ref_rim_data(algo, rim, DATA_IPA, 1, granule);
	ref_rim_data(algo, rim, DATA2_IPA, 0, granule2);
	ref_rim_rec(algo, rim);
}

static void check_recipe(enum measure_algo algo)
{
	uint8_t rim[SLOT], expected[SLOT];

	build_realm(algo, rim);
	ref_build_realm(algo, expected);
	assert_memory_equal(rim, expected, SLOT);
}

static void measure_rim_known_answer_sha256(void **state)
{
	(void)state;
	check_recipe(MEASURE_SHA256);
}

static void measure_rim_known_answer_sha512(void **state)
{
	(void)state;
	check_recipe(MEASURE_SHA512);
}

/* ---- Which RmiRealmParams / RmiRecParams bytes count ----------------------- */

static void rim_init_with_byte_flipped(size_t off, uint8_t rim[SLOT])
{
	uint8_t *p = (uint8_t *)&realm_params;

	p[off] ^= 0x01;
	measure_rim_init(MEASURE_SHA256, &realm_params, rim);
	p[off] ^= 0x01;
}

/* Flips one byte at each offset: the RIM must change iff the byte is measured. */
static void check_rim_init_offsets(const size_t *offs, size_t n, bool measured)
{
	uint8_t base[SLOT], rim[SLOT];

	measure_rim_init(MEASURE_SHA256, &realm_params, base);
	for (size_t i = 0; i < n; i++) {
		rim_init_with_byte_flipped(offs[i], rim);
		if (measured)
			assert_memory_not_equal(rim, base, SLOT);
		else
			assert_memory_equal(rim, base, SLOT);
	}
}

static void measure_rim_init_measured_fields(void **state)
{
	/* flags, s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs, hash_algo. */
	static const size_t measured[] = { 0x000, 0x008, 0x010, 0x018, 0x020, 0x028, 0x030 };

	(void)state;
	check_rim_init_offsets(measured, sizeof(measured) / sizeof(measured[0]), true);
}

static void measure_rim_init_unmeasured_fields(void **state)
{
	/* rpv, vmid, rtt_base, rtt_level_start, rtt_num_start, and reserved bytes. */
	static const size_t unmeasured[] = { 0x400, 0x43F, 0x800, 0x808, 0x810, 0x818,
					     0x00C, 0x031, 0xFFF };

	(void)state;
	check_rim_init_offsets(unmeasured, sizeof(unmeasured) / sizeof(unmeasured[0]), false);
}

static void measure_rim_rec_unmeasured_fields(void **state)
{
	static struct rmi_rec_params changed;
	uint8_t base[SLOT] = { 0 }, rim[SLOT] = { 0 };

	(void)state;
	measure_rim_rec(MEASURE_SHA256, base, &rec_params);
	changed = rec_params;
	changed.mpidr = 0x10203;
	changed.num_aux = 16;
	changed.aux[15] = 0x89000000ULL;
	measure_rim_rec(MEASURE_SHA256, rim, &changed);
	assert_memory_equal(rim, base, SLOT);

	memset(rim, 0, SLOT);
	changed.gprs[7] ^= 1;
	measure_rim_rec(MEASURE_SHA256, rim, &changed);
	assert_memory_not_equal(rim, base, SLOT);
}

static void measure_rim_data_unmeasured_content(void **state)
{
	uint8_t a[SLOT] = { 0 }, b[SLOT] = { 0 };

	(void)state;
	measure_rim_data(MEASURE_SHA512, a, DATA_IPA, RMI_NO_MEASURE_CONTENT, granule);
	measure_rim_data(MEASURE_SHA512, b, DATA_IPA, RMI_NO_MEASURE_CONTENT, granule2);
	assert_memory_equal(a, b, SLOT);
	memset(a, 0, SLOT);
	memset(b, 0, SLOT);
	measure_rim_data(MEASURE_SHA512, a, DATA_IPA, RMI_MEASURE_CONTENT, granule);
	measure_rim_data(MEASURE_SHA512, b, DATA_IPA, RMI_MEASURE_CONTENT, granule2);
	assert_memory_not_equal(a, b, SLOT);
}

/* ---- Digests and REM extension --------------------------------------------- */

static void measure_digest_sizes(void **state)
{
	(void)state;
	assert_int_equal(measure_digest_size(MEASURE_SHA256), 32);
	assert_int_equal(measure_digest_size(MEASURE_SHA512), 64);
}

/* FIPS 180-2 example vectors for "abc". */
static void measure_hash_fips_vectors(void **state)
{
	static const uint8_t sha256_abc[SLOT] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae,
		0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61,
		0xf2, 0x00, 0x15, 0xad,
	};
	static const uint8_t sha512_abc[SLOT] = {
		0xdd, 0xaf, 0x35, 0xa1, 0x93, 0x61, 0x7a, 0xba, 0xcc, 0x41, 0x73, 0x49, 0xae, 0x20,
		0x41, 0x31, 0x12, 0xe6, 0xfa, 0x4e, 0x89, 0xa9, 0x7e, 0xa2, 0x0a, 0x9e, 0xee, 0xe6,
		0x4b, 0x55, 0xd3, 0x9a, 0x21, 0x92, 0x99, 0x2a, 0x27, 0x4f, 0xc1, 0xa8, 0x36, 0xba,
		0x3c, 0x23, 0xa3, 0xfe, 0xeb, 0xbd, 0x45, 0x4d, 0x44, 0x23, 0x64, 0x3c, 0xe8, 0x0e,
		0x2a, 0x9a, 0xc9, 0x4f, 0xa5, 0x4c, 0xa4, 0x9f,
	};
	uint8_t out[SLOT];

	(void)state;
	memset(out, 0xFF, sizeof(out));
	measure_hash(MEASURE_SHA256, "abc", 3, out);
	assert_memory_equal(out, sha256_abc, SLOT);
	measure_hash(MEASURE_SHA512, "abc", 3, out);
	assert_memory_equal(out, sha512_abc, SLOT);
}

/* rem = H(rem[0..digest) || data[0..size)), computed the reference way. */
static void ref_rem_extend(enum measure_algo algo, uint8_t rem[SLOT], const uint8_t *data,
			   size_t size)
{
	uint8_t buf[2 * SLOT];
	size_t dl = algo == MEASURE_SHA512 ? 64 : 32;

	memcpy(buf, rem, dl);
	if (size > 0)
		memcpy(buf + dl, data, size);
	ref_hash(algo, buf, dl + size, rem);
}

static void check_rem_extend(enum measure_algo algo, size_t size)
{
	uint8_t data[SLOT], rem[SLOT] = { 0 }, expected[SLOT] = { 0 };

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(0xA0U + i);
	/* Twice, so the second extension starts from a non-zero REM. */
	for (int round = 0; round < 2; round++) {
		measure_rem_extend(algo, rem, size > 0 ? data : NULL, size);
		ref_rem_extend(algo, expected, data, size);
		assert_memory_equal(rem, expected, SLOT);
	}
}

static void measure_rem_extend_size0(void **state)
{
	(void)state;
	check_rem_extend(MEASURE_SHA256, 0);
	check_rem_extend(MEASURE_SHA512, 0);
}

static void measure_rem_extend_size64(void **state)
{
	(void)state;
	check_rem_extend(MEASURE_SHA256, 64);
	check_rem_extend(MEASURE_SHA512, 64);
	check_rem_extend(MEASURE_SHA256, 13);
}

/* SHA-256 hashes only REM[0..32) and leaves REM[32..64) zero. */
static void measure_rem_sha256_tail_stays_zero(void **state)
{
	static const uint8_t zeros[SLOT / 2];
	uint8_t rem[SLOT] = { 0 }, expected[SLOT] = { 0 };

	(void)state;
	measure_rem_extend(MEASURE_SHA256, rem, "x", 1);
	assert_memory_equal(rem + 32, zeros, sizeof(zeros));

	memcpy(expected, rem, SLOT);
	ref_rem_extend(MEASURE_SHA256, expected, (const uint8_t *)"y", 1);
	memset(rem + 32, 0xAA, 32);
	measure_rem_extend(MEASURE_SHA256, rem, "y", 1);
	assert_memory_equal(rem, expected, SLOT);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(measure_digest_sizes),
	cmocka_unit_test(measure_hash_fips_vectors),
	cmocka_unit_test(measure_rim_known_answer_sha256),
	cmocka_unit_test(measure_rim_known_answer_sha512),
	cmocka_unit_test(measure_rim_init_measured_fields),
	cmocka_unit_test(measure_rim_init_unmeasured_fields),
	cmocka_unit_test(measure_rim_rec_unmeasured_fields),
	cmocka_unit_test(measure_rim_data_unmeasured_content),
	cmocka_unit_test(measure_rem_extend_size0),
	cmocka_unit_test(measure_rem_extend_size64),
	cmocka_unit_test(measure_rem_sha256_tail_stays_zero),
};

UNIT_GROUP(measure_tests, tests, recipe_setup);
