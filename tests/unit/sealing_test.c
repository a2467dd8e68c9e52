/*
 * Realm sealing keys (docs/sealing.md): the derivation against known answers
 * from python3-cryptography (sealing_kat.py), RSI_ATOLL_SEALING_KEY from
 * scripted realms against OpenSSL's HKDF over the documented info bytes, the
 * properties issue 8 asks for (RIM, reboot, VHUK_A vs VHUK_M, SVN, a new
 * VHUK_M), the flag checks, and an EL3 without VHUKs.
 */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <atoll/el3.h>
#include <rmm/attest_key.h>
#include <rmm/sealing.h>

#include "attest_fixture.h"
#include "realm_script.h"
#include "sealing_kat.h"

#define A		0U
#define M		RSI_SEALING_KEY_VHUK_M
#define RIM		RSI_SEALING_KEY_RIM

struct key {
	uint8_t b[RSI_SEALING_KEY_SIZE];
};

/* ---- The derivation: known answers ------------------------------------------------ */

/* The realm sealing_kat.py describes: RPV byte i = 0xC0 ^ i, RIM byte i = 0x5A + 3i. */
static const struct rd *kat_realm(uint8_t hash_algo)
{
	static struct rd rd;
	size_t rim_size = hash_algo == RMI_HASH_SHA_512 ? 64U : 32U;

	memset(&rd, 0, sizeof(rd));
	rd.algo = hash_algo == RMI_HASH_SHA_512 ? MEASURE_SHA512 : MEASURE_SHA256;
	for (unsigned int i = 0; i < sizeof(rd.rpv); i++)
		rd.rpv[i] = (uint8_t)(0xC0U ^ i);
	for (unsigned int i = 0; i < rim_size; i++)
		rd.rim[i] = (uint8_t)(0x5AU + 3U * i);
	/* The rest of the RD must not enter the key. */
	memset(rd.rem, 0xEE, sizeof(rd.rem));
	rd.flags = 0xFF;
	return &rd;
}

static void sealing_key_derive_kat(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sealing_kats) / sizeof(sealing_kats[0]); i++) {
		const struct sealing_kat *k = &sealing_kats[i];
		struct rsi_sealing_info info;
		uint8_t key[RSI_SEALING_KEY_SIZE];

		sealing_info_init(&info, k->flags, k->svn, kat_realm(k->hash_algo));
		assert_true(sealing_key_derive(&info, key));
		assert_memory_equal(key, k->key, sizeof(key));
	}
}

/* Cold boot asks EL3 once; derivations never ask again. */
static void sealing_init_fetches_vhuks_once(void **state)
{
	struct rsi_sealing_info info;
	uint8_t key[RSI_SEALING_KEY_SIZE];

	(void)state;
	assert_true(sealing_available());
	assert_int_equal(host_el3_attest.vhuk_calls, 1);
	sealing_info_init(&info, M | RIM, 1, kat_realm(RMI_HASH_SHA_256));
	assert_true(sealing_key_derive(&info, key));
	assert_true(sealing_key_derive(&info, key));
	assert_int_equal(host_el3_attest.vhuk_calls, 1);
}

/* ---- The RSI call ------------------------------------------------------------------- */

static struct key seal(const struct rs_realm *rr, uint64_t flags, uint64_t svn)
{
	const struct rec_regs *x = rs_call(rr, RSI_ATOLL_SEALING_KEY, flags, svn);
	struct key k;

	assert_int_equal(x->x[0], RSI_SUCCESS);
	memcpy(k.b, &x->x[1], sizeof(k.b));
	return k;
}

static bool key_equal(struct key a, struct key b)
{
	return memcmp(a.b, b.b, sizeof(a.b)) == 0;
}

/* The info bytes from docs/sealing.md's offsets (not from struct rsi_sealing_info). */
static void doc_info(uint8_t out[0xB8], const struct rs_realm *rr, uint64_t flags, uint64_t svn)
{
	static const char label[] = "Atoll RMM realm sealing key v1";
	const struct rec_regs *x;

	memset(out, 0, 0xB8);
	memcpy(out, label, sizeof(label) - 1U);
	memcpy(out + 0x20, &flags, 8);
	memcpy(out + 0x28, &svn, 8);
	for (unsigned int i = 0; i < 64U; i++)
		out[0x30 + i] = rs_rpv(i);
	if ((flags & RIM) != 0U) {
		out[0x70] = RMI_HASH_SHA_256;	/* rs_realm's algorithm */
		x = rs_call(rr, RSI_MEASUREMENT_READ, 0);
		assert_int_equal(x->x[0], RSI_SUCCESS);
		memcpy(out + 0x78, &x->x[1], 64);
	}
}

/* HKDF-SHA-256 by OpenSSL: IKM, no salt, info. */
static struct key openssl_hkdf(const uint8_t ikm[32], const uint8_t *info, size_t len)
{
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
	struct key k;
	size_t out = sizeof(k.b);

	assert_non_null(pctx);
	assert_int_equal(EVP_PKEY_derive_init(pctx), 1);
	assert_int_equal(EVP_PKEY_CTX_set_hkdf_md(pctx, EVP_sha256()), 1);
	assert_int_equal(EVP_PKEY_CTX_set1_hkdf_key(pctx, ikm, 32), 1);
	assert_int_equal(EVP_PKEY_CTX_add1_hkdf_info(pctx, info, (int)len), 1);
	assert_int_equal(EVP_PKEY_derive(pctx, k.b, &out), 1);
	assert_int_equal(out, sizeof(k.b));
	EVP_PKEY_CTX_free(pctx);
	return k;
}

/* Every flag combination, key bytes 8i..8i+7 little-endian in x(1+i). */
static void rsi_sealing_key_matches_hkdf(void **state)
{
	static const uint64_t svns[] = { 0, 1, 0x8000000000000001ULL };
	struct rs_realm rr;
	uint8_t info[0xB8];

	(void)state;
	rs_realm(&rr);
	for (uint64_t flags = 0; flags <= (M | RIM); flags++) {
		for (size_t i = 0; i < sizeof(svns) / sizeof(svns[0]); i++) {
			const uint8_t *ikm = (flags & M) != 0U ? host_el3_vhuk_m : host_el3_vhuk_a;

			doc_info(info, &rr, flags, svns[i]);
			assert_true(key_equal(seal(&rr, flags, svns[i]),
					      openssl_hkdf(ikm, info, sizeof(info))));
		}
	}
}

/* Two realms with the same RPV and different RIMs (num_bps is measured). */
static void rsi_sealing_key_rim_separates_realms(void **state)
{
	struct rs_realm one, two;
	const struct rec_regs *x;
	uint8_t rim_one[64];

	(void)state;
	rs_realm_opts(&one, &(struct rs_opts){ .num_bps = 1 });
	rs_realm_opts(&two, &(struct rs_opts){ .num_bps = 2 });
	x = rs_call(&one, RSI_MEASUREMENT_READ, 0);
	memcpy(rim_one, &x->x[1], sizeof(rim_one));
	x = rs_call(&two, RSI_MEASUREMENT_READ, 0);
	assert_memory_not_equal(rim_one, &x->x[1], sizeof(rim_one));
	for (uint64_t key = A; key <= M; key++) {
		assert_false(key_equal(seal(&one, key | RIM, 5), seal(&two, key | RIM, 5)));
		/* Without the RIM only the RPV names the realm: one key for both. */
		assert_true(key_equal(seal(&one, key, 5), seal(&two, key, 5)));
	}
}

/* A fresh rs_realm's keys for every flag combination, index = flags. */
static void seal_fresh_realm(struct rs_realm *rr, uint64_t svn, struct key out[4])
{
	rs_realm(rr);
	for (uint64_t flags = 0; flags <= (M | RIM); flags++)
		out[flags] = seal(rr, flags, svn);
}

/* The same image and RPV after a reboot of the RMM (same VHUKs): the same keys. */
static void rsi_sealing_key_same_after_reboot(void **state)
{
	struct key before[4], after[4];
	struct rs_realm rr;

	(void)state;
	seal_fresh_realm(&rr, 9, before);
	assert_int_equal(unit_boot_rmm(NULL), 0);
	seal_fresh_realm(&rr, 9, after);
	for (uint64_t flags = 0; flags <= (M | RIM); flags++) {
		assert_true(key_equal(after[flags], before[flags]));
		/* ... and the same realm asking again. */
		assert_true(key_equal(seal(&rr, flags, 9), before[flags]));
	}
}

/* Each input changes the key: the VHUK, the RIM flag, the SVN. */
static void rsi_sealing_key_inputs_change_key(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	assert_false(key_equal(seal(&rr, A, 0), seal(&rr, M, 0)));
	assert_false(key_equal(seal(&rr, A | RIM, 0), seal(&rr, M | RIM, 0)));
	assert_false(key_equal(seal(&rr, A, 0), seal(&rr, A | RIM, 0)));
	assert_false(key_equal(seal(&rr, M, 0), seal(&rr, M | RIM, 0)));
	assert_false(key_equal(seal(&rr, M | RIM, 0), seal(&rr, M | RIM, 1)));
	assert_false(key_equal(seal(&rr, A, 1), seal(&rr, A, 1ULL << 63)));
}

/*
 * Another BL33 gives the HES another VHUK_M and the same VHUK_A: a reboot
 * with a new emulated VHUK_M changes the M keys only.
 */
static void rsi_sealing_key_new_vhuk_m_changes_m_keys_only(void **state)
{
	uint8_t other_m[HOST_EL3_VHUK_SIZE];
	struct key before[4], after[4];
	struct rs_realm rr;

	(void)state;
	seal_fresh_realm(&rr, 3, before);
	memcpy(other_m, host_el3_vhuk_m, sizeof(other_m));
	other_m[31] ^= 1U;
	host_el3_attest.vhuk_m = other_m;
	at_reboot();
	seal_fresh_realm(&rr, 3, after);
	for (uint64_t flags = 0; flags <= (M | RIM); flags++)
		assert_int_equal(key_equal(after[flags], before[flags]), (flags & M) == 0U);
	host_el3_attest.vhuk_m = NULL;
}

/* The registers the call answers with, x0..x4, for flags and the same SVN. */
static const struct rec_regs *seal_regs(const struct rs_realm *rr, uint64_t flags)
{
	/* x1..x4 hold garbage before the call: an error must not leave it there. */
	const uint64_t args[] = { flags, 1, 0x3333, 0x4444, 0x5555 };

	return rs_callv(rr, 0, RSI_ATOLL_SEALING_KEY, args, 5);
}

static void assert_no_key(const struct rec_regs *x, uint64_t status)
{
	assert_int_equal(x->x[0], status);
	for (unsigned int i = 1; i <= 4U; i++)
		assert_int_equal(x->x[i], 0);
	assert_int_equal(x->x[5], 0x5555);
}

struct flags_row {
	uint64_t flags;
};

/* A reserved flag bit: ERROR_INPUT, with or without valid bits beside it. */
static void rsi_sealing_key_reserved_flag(void **state)
{
	const struct flags_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	assert_no_key(seal_regs(&rr, row->flags), RSI_ERROR_INPUT);
	assert_no_key(seal_regs(&rr, row->flags | M | RIM), RSI_ERROR_INPUT);
}

/* The SHA code runs on the SIMD registers: the realm's are saved around it. */
static void rsi_sealing_key_saves_realm_simd(void **state)
{
	struct rs_realm rr;
	unsigned long saves;

	(void)state;
	rs_realm(&rr);
	saves = host_rec_simd_saves;
	(void)seal(&rr, M | RIM, 0);
	assert_int_equal(host_rec_simd_saves, saves + 1U);
}

struct el3_row {
	int64_t error;
};

/*
 * EL3 without VHUKs (stock TF-A answers SMC_UNK, -1): the call answers
 * ERROR_UNKNOWN with no key, asking EL3 nothing; the rest of the RMM,
 * attestation included, is as before.
 */
static void rsi_sealing_key_no_vhuks_from_el3(void **state)
{
	const struct el3_row *row = *state;
	struct rs_realm rr;
	const struct rec_regs *x;

	host_el3_attest.vhuk_error = row->error;
	at_reboot();
	assert_false(sealing_available());
	assert_int_equal(attest_key_state(), ATTEST_KEY_PENDING);
	rs_realm(&rr);
	for (uint64_t flags = 0; flags <= (M | RIM); flags++)
		assert_no_key(seal_regs(&rr, flags), RSI_ERROR_UNKNOWN);
	/* Reserved bits are still refused as such. */
	assert_no_key(seal_regs(&rr, 1ULL << 2), RSI_ERROR_INPUT);
	assert_int_equal(host_el3_attest.vhuk_calls, 2);	/* the two cold boots */
	x = rs_call(&rr, RSI_VERSION, RSI_ABI_VERSION);
	assert_int_equal(x->x[0], RSI_SUCCESS);
	x = rs_call(&rr, RSI_MEASUREMENT_READ, 0);
	assert_int_equal(x->x[0], RSI_SUCCESS);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(sealing_key_derive_kat, unit_boot_rmm),
	cmocka_unit_test_setup(sealing_init_fetches_vhuks_once, unit_boot_rmm),
	cmocka_unit_test_setup(rsi_sealing_key_matches_hkdf, unit_boot_rmm),
	cmocka_unit_test_setup(rsi_sealing_key_rim_separates_realms, unit_boot_rmm),
	cmocka_unit_test_setup(rsi_sealing_key_same_after_reboot, unit_boot_rmm),
	cmocka_unit_test_setup(rsi_sealing_key_inputs_change_key, unit_boot_rmm),
	cmocka_unit_test_setup(rsi_sealing_key_new_vhuk_m_changes_m_keys_only, unit_boot_rmm),
	RS_CASE(rsi_sealing_key_reserved_flag_bit2, rsi_sealing_key_reserved_flag,
		struct flags_row, 1ULL << 2),
	RS_CASE(rsi_sealing_key_reserved_flag_bit3, rsi_sealing_key_reserved_flag,
		struct flags_row, 1ULL << 3),
	RS_CASE(rsi_sealing_key_reserved_flag_bit63, rsi_sealing_key_reserved_flag,
		struct flags_row, 1ULL << 63),
	cmocka_unit_test_setup(rsi_sealing_key_saves_realm_simd, unit_boot_rmm),
	RS_CASE(rsi_sealing_key_no_vhuks_smc_unk, rsi_sealing_key_no_vhuks_from_el3,
		struct el3_row, E_RMM_UNK),
	RS_CASE(rsi_sealing_key_no_vhuks_bad_addr, rsi_sealing_key_no_vhuks_from_el3,
		struct el3_row, E_RMM_BAD_ADDR),
};

UNIT_GROUP(sealing_tests, tests, NULL);
