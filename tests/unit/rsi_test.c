/*
 * RSI calls from a scripted realm against spec section 4: VERSION, FEATURES,
 * MEASUREMENT_READ/EXTEND (expected values hashed here with OpenSSL),
 * REALM_CONFIG, HOST_CALL, the ATTEST_TOKEN argument checks and unknown
 * FIDs. IPA_STATE_SET/GET are in rsi_ripas_test.c.
 */
#include <string.h>

#include <openssl/evp.h>

#include "realm_script.h"

/* The emulated abort for an unmapped RSI buffer (spec 3.4): level 3 translation fault. */
static void assert_emulated_abort(const struct rs_realm *rr, uint64_t ipa, unsigned int level)
{
	const struct rmi_rec_exit *e = &rs_run(rr)->exit;

	assert_int_equal(e->exit_reason, RMI_EXIT_SYNC);
	assert_int_equal(e->esr, RS_EC(0x24) | RS_FSC_TRANS(level));
	assert_int_equal(e->far, 0);
	assert_int_equal(e->hpfar, ipa >> 8);
}

/* ---- VERSION and FEATURES ------------------------------------------------------------ */

struct version_row {
	uint64_t req, expect;
};

static void rsi_version_row(void **state)
{
	const struct version_row *row = *state;
	struct rs_realm rr;
	const struct rec_regs *x;

	rs_realm(&rr);
	x = rs_call(&rr, RSI_VERSION, row->req, 0x2222, 0x3333, 0x4444);
	assert_int_equal(x->x[0], row->expect);
	assert_int_equal(x->x[1], RSI_ABI_VERSION);
	assert_int_equal(x->x[2], RSI_ABI_VERSION);
	/* Registers that carry no result keep their values. */
	assert_int_equal(x->x[3], 0x3333);
	assert_int_equal(x->x[4], 0x4444);
}

/* The SVE hint (FID bit 16) is masked off before decoding. */
static void rsi_version_sve_hint(void **state)
{
	struct rs_realm rr;
	const struct rec_regs *x;

	(void)state;
	rs_realm(&rr);
	x = rs_call(&rr, RSI_VERSION | SMCCC_SVE_HINT, RSI_ABI_VERSION);
	assert_int_equal(x->x[0], RSI_SUCCESS);
	assert_int_equal(x->x[1], RSI_ABI_VERSION);
}

/*
 * SMCCC puts the function ID in W0: bits 63:32 of X0 are ignored (an RSI
 * call is answered; a W0 that names nothing stays NOT_SUPPORTED).
 */
#define X0_UPPER	0xFFFFFFFF00000000ULL

static void rsi_fid_upper_bits_ignored(void **state)
{
	struct rs_realm rr;
	const struct rec_regs *x;

	(void)state;
	rs_realm(&rr);
	x = rs_call(&rr, X0_UPPER | RSI_VERSION, RSI_ABI_VERSION);
	assert_int_equal(x->x[0], RSI_SUCCESS);
	assert_int_equal(x->x[1], RSI_ABI_VERSION);
	assert_int_equal(x->x[2], RSI_ABI_VERSION);
	x = rs_call(&rr, 0x1234567800000000ULL | RSI_VERSION | SMCCC_SVE_HINT, RSI_ABI_VERSION);
	assert_int_equal(x->x[0], RSI_SUCCESS);
	x = rs_call(&rr, (uint64_t)RSI_VERSION << 32, 0x1111, 0x2222);
	assert_int_equal(x->x[0], SMC_NOT_SUPPORTED);
	assert_int_equal(x->x[1], 0x1111);
	assert_int_equal(x->x[2], 0x2222);
}

static void rsi_features_every_index_zero(void **state)
{
	static const uint64_t indexes[] = { 0, 1, 2, 0xFFFF, ~0ULL };
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	for (size_t i = 0; i < sizeof(indexes) / sizeof(indexes[0]); i++) {
		const struct rec_regs *x = rs_call(&rr, RSI_FEATURES, indexes[i], 0x2222);

		assert_int_equal(x->x[0], RSI_SUCCESS);
		assert_int_equal(x->x[1], 0);
		assert_int_equal(x->x[2], 0x2222);
	}
}

/* ---- MEASUREMENT_READ / EXTEND ----------------------------------------------------------- */

#define SLOT		64U

static const EVP_MD *ref_md(uint8_t algo)
{
	return algo == RMI_HASH_SHA_512 ? EVP_sha512() : EVP_sha256();
}

static size_t ref_len(uint8_t algo)
{
	return algo == RMI_HASH_SHA_512 ? 64U : 32U;
}

/* out = H(a || b), zero-padded to 64 bytes (out may alias a). */
static void ref_hash2(uint8_t algo, const void *a, size_t alen, const void *b, size_t blen,
		      uint8_t out[SLOT])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	uint8_t digest[SLOT] = { 0 };
	unsigned int n = 0;

	assert_non_null(ctx);
	assert_int_equal(EVP_DigestInit_ex(ctx, ref_md(algo), NULL), 1);
	assert_int_equal(EVP_DigestUpdate(ctx, a, alen), 1);
	assert_int_equal(EVP_DigestUpdate(ctx, b, blen), 1);
	assert_int_equal(EVP_DigestFinal_ex(ctx, digest, &n), 1);
	EVP_MD_CTX_free(ctx);
	assert_int_equal(n, ref_len(algo));
	memcpy(out, digest, SLOT);
}

static void put64(uint8_t *buf, size_t off, uint64_t v)
{
	for (unsigned int i = 0; i < 8; i++)
		buf[off + i] = (uint8_t)(v >> (8U * i));
}

/* x1..x8 as 64 bytes: byte 0 is the low byte of x1. */
static void regs_to_bytes(const uint64_t *x, uint8_t out[SLOT])
{
	for (unsigned int i = 0; i < 8; i++)
		put64(out, 8U * i, x[i]);
}

/*
 * The RIM of a bare realm (rs_opts.bare) with one runnable REC, from spec
 * section 5: H(params image), then one REC descriptor.
 */
static void ref_bare_rim(uint8_t algo, uint8_t rim[SLOT])
{
	static uint8_t image[4096];
	uint8_t desc[0x100];

	memset(image, 0, sizeof(image));
	put64(image, 0x008, FX_S2SZ);
	put64(image, 0x018, 1);		/* num_bps */
	put64(image, 0x020, 1);		/* num_wps */
	image[0x030] = algo;
	ref_hash2(algo, image, sizeof(image), NULL, 0, rim);

	memset(image, 0, sizeof(image));
	put64(image, 0x000, RMI_REC_FLAG_RUNNABLE);
	put64(image, 0x200, RS_PC);
	memset(desc, 0, sizeof(desc));
	desc[0] = 1;
	put64(desc, 0x08, sizeof(desc));
	memcpy(desc + 0x10, rim, SLOT);
	ref_hash2(algo, image, sizeof(image), NULL, 0, desc + 0x50);
	ref_hash2(algo, desc, sizeof(desc), NULL, 0, rim);
}

static void read_slot(const struct rs_realm *rr, uint64_t index, uint8_t out[SLOT])
{
	const struct rec_regs *x = rs_call(rr, RSI_MEASUREMENT_READ, index);

	assert_int_equal(x->x[0], RSI_SUCCESS);
	regs_to_bytes(&x->x[1], out);
}

static void rsi_measurement_read_rim_row(void **state)
{
	uint8_t algo = *(const uint8_t *)*state;
	uint8_t expect[SLOT], got[SLOT];
	struct rs_realm rr;

	rs_realm_opts(&rr, &(struct rs_opts){ .bare = true, .hash_algo = algo });
	ref_bare_rim(algo, expect);
	read_slot(&rr, 0, got);
	assert_memory_equal(got, expect, SLOT);
}

/* REMs start at zero; x9 and up are untouched. */
static void rsi_measurement_read_rems_zero(void **state)
{
	static const uint8_t zero[SLOT];
	struct rs_realm rr;
	uint8_t got[SLOT];

	(void)state;
	rs_realm(&rr);
	for (uint64_t i = 1; i <= 4; i++) {
		read_slot(&rr, i, got);
		assert_memory_equal(got, zero, SLOT);
	}
	rs_smc(RSI_MEASUREMENT_READ, 4, 1, 1, 1, 1, 1, 1, 1, 0x9999);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->x[9], 0x9999);
}

struct index_row {
	uint64_t fid, index, size;
};

static void rsi_measurement_bad_index_row(void **state)
{
	const struct index_row *row = *state;
	struct rs_realm rr;
	const struct rec_regs *x;

	rs_realm(&rr);
	x = rs_call(&rr, row->fid, row->index, row->size, 0x3333);
	assert_int_equal(x->x[0], RSI_ERROR_INPUT);
	if (row->fid == RSI_MEASUREMENT_EXTEND) {
		/* x1.. are all inputs: unchanged. */
		assert_int_equal(x->x[1], row->index);
		assert_int_equal(x->x[3], 0x3333);
	}
}

/* A failed extension changes no slot. */
static void rsi_measurement_extend_failure_keeps_rems(void **state)
{
	static const uint8_t zero[SLOT];
	struct rs_realm rr;
	uint8_t rim_before[SLOT], got[SLOT];

	(void)state;
	rs_realm(&rr);
	read_slot(&rr, 0, rim_before);
	assert_int_equal(rs_call(&rr, RSI_MEASUREMENT_EXTEND, 1, 65)->x[0], RSI_ERROR_INPUT);
	assert_int_equal(rs_call(&rr, RSI_MEASUREMENT_EXTEND, 0, 64)->x[0], RSI_ERROR_INPUT);
	read_slot(&rr, 0, got);
	assert_memory_equal(got, rim_before, SLOT);
	for (uint64_t i = 1; i <= 4; i++) {
		read_slot(&rr, i, got);
		assert_memory_equal(got, zero, SLOT);
	}
}

/* Extends slot index with size bytes of x3..x10 (filled with a pattern) and checks every slot. */
struct extend_row {
	uint8_t algo;
	uint64_t index;
	uint64_t size;
	unsigned int times;
};

static void rsi_measurement_extend_row(void **state)
{
	const struct extend_row *row = *state;
	uint8_t rems[4][SLOT] = { { 0 } }, value[SLOT], got[SLOT], rim_before[SLOT];
	uint64_t args[10];
	struct rs_realm rr;

	rs_realm_opts(&rr, &(struct rs_opts){ .hash_algo = row->algo });
	read_slot(&rr, 0, rim_before);
	args[0] = row->index;
	args[1] = row->size;
	for (unsigned int t = 0; t < row->times; t++) {
		for (unsigned int i = 0; i < 8; i++)
			args[2 + i] = 0x0101010101010101ULL * (t + 1U) + 0x0001020304050607ULL * i;
		regs_to_bytes(&args[2], value);
		ref_hash2(row->algo, rems[row->index - 1U], ref_len(row->algo), value, row->size,
			  rems[row->index - 1U]);
		assert_int_equal(rs_callv(&rr, 0, RSI_MEASUREMENT_EXTEND, args, 10)->x[0],
				 RSI_SUCCESS);
	}
	for (uint64_t i = 1; i <= 4; i++) {
		read_slot(&rr, i, got);
		assert_memory_equal(got, rems[i - 1U], SLOT);
	}
	read_slot(&rr, 0, got);
	assert_memory_equal(got, rim_before, SLOT);
}

/*
 * A hashing call with bits 63:32 of X0 set is still one that hashes: the
 * realm's SIMD registers are saved around it once, and REM0 is extended.
 */
static void rsi_measurement_extend_fid_upper_bits_saves_fp(void **state)
{
	uint8_t want[SLOT] = { 0 }, value[SLOT], got[SLOT];
	uint64_t args[10] = { 1, 64 };
	unsigned long saves;
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	for (unsigned int i = 0; i < 8; i++)
		args[2 + i] = 0x1111111111111111ULL * (i + 1U);
	regs_to_bytes(&args[2], value);
	ref_hash2(RMI_HASH_SHA_256, want, ref_len(RMI_HASH_SHA_256), value, 64, want);
	saves = host_rec_simd_saves;
	assert_int_equal(rs_callv(&rr, 0, X0_UPPER | RSI_MEASUREMENT_EXTEND, args, 10)->x[0],
			 RSI_SUCCESS);
	assert_int_equal(host_rec_simd_saves, saves + 1U);
	read_slot(&rr, 1, got);
	assert_memory_equal(got, want, SLOT);
	/* A call that does not hash is not bracketed. */
	assert_int_equal(rs_call(&rr, X0_UPPER | RSI_VERSION, RSI_ABI_VERSION)->x[0], RSI_SUCCESS);
	assert_int_equal(host_rec_simd_saves, saves + 1U);
}

#define EXTEND(name, ...) \
	RS_CASE(rsi_measurement_extend_##name, rsi_measurement_extend_row, struct extend_row, \
		__VA_ARGS__)

/* ---- REALM_CONFIG ---------------------------------------------------------------------- */

static void rsi_realm_config_row(void **state)
{
	uint8_t algo = *(const uint8_t *)*state;
	struct rsi_realm_config *cfg;
	struct rs_realm rr;
	uint8_t *page;

	rs_realm_opts(&rr, &(struct rs_opts){ .hash_algo = algo });
	assert_int_equal(rs_call(&rr, RSI_REALM_CONFIG, RS_RAM2)->x[0], RSI_SUCCESS);
	cfg = host_pa_ptr(rr.data[1]);
	page = (uint8_t *)cfg;
	assert_int_equal(cfg->ipa_width, FX_S2SZ);
	assert_int_equal(cfg->hash_algo, algo);
	for (unsigned int i = 0; i < 64; i++)
		assert_int_equal(cfg->rpv[i], rs_rpv(i));
	/* Every other byte is reserved: zero (the page was filled with 0xA5). */
	for (unsigned int i = 0x10; i < 0x1000; i++) {
		if (i < 0x200 || i >= 0x240)
			assert_int_equal(page[i], 0);
	}
	/* The other RAM page is untouched. */
	assert_int_equal(((uint8_t *)host_pa_ptr(rr.data[0]))[0], 0xA5);
}

/* An RSI call taking a buffer IPA that is ERROR_INPUT: no exit, nothing written. */
struct input_row {
	uint64_t fid, ipa;
};

static void rsi_buffer_input_row(void **state)
{
	const struct input_row *row = *state;
	struct rs_realm rr;

	rs_realm(&rr);
	assert_int_equal(rs_call(&rr, row->fid, row->ipa)->x[0], RSI_ERROR_INPUT);
	assert_int_equal(rs_steps_run(), 1);
	assert_int_equal(((uint8_t *)host_pa_ptr(rr.data[0]))[0], 0xA5);
}

/*
 * RIPAS RAM without a page: an emulated abort and the SMC is not passed
 * (PC unchanged). The host maps the page; the realm issues the SMC again.
 */
static void rsi_realm_config_unmapped(void **state)
{
	struct rs_realm rr;
	uint64_t data;

	(void)state;
	rs_realm(&rr);
	rs_smc(RSI_REALM_CONFIG, RS_RAM_UNMAPPED);
	rs_enter(&rr, 0, 0);
	assert_emulated_abort(&rr, RS_RAM_UNMAPPED, 3);
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC);
	assert_int_equal(rs_rec(&rr, 0)->regs.x[0], RSI_REALM_CONFIG);
	data = fx_delegated();
	assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, rr.r.rd, data, RS_RAM_UNMAPPED, 0, 0),
			 RMI_SUCCESS);
	assert_int_equal(rs_call(&rr, RSI_REALM_CONFIG, RS_RAM_UNMAPPED)->x[0], RSI_SUCCESS);
	assert_int_equal(((struct rsi_realm_config *)host_pa_ptr(data))->ipa_width, FX_S2SZ);
}

static void rsi_realm_config_destroyed(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_smc(RSI_REALM_CONFIG, RS_DESTROYED);
	rs_enter(&rr, 0, 0);
	assert_emulated_abort(&rr, RS_DESTROYED, 3);
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC);
}

/* An abort reported at the level where the walk stopped (no level 3 RTT at 2 MB). */
static void rsi_realm_config_unmapped_level_2(void **state)
{
	struct rs_realm rr;
	uint64_t ipa = 0x400000;

	(void)state;
	rs_realm_opts(&rr, &(struct rs_opts){ .stay_new = true });
	fx_init_ripas(&rr.r, ipa, ipa + FX_LEVEL_SIZE(2));
	fx_realm_activate(&rr.r);
	rs_smc(RSI_REALM_CONFIG, ipa + 0x3000);
	rs_enter(&rr, 0, 0);
	assert_emulated_abort(&rr, ipa + 0x3000, 2);
}

/* ---- HOST_CALL ------------------------------------------------------------------------------ */

#define CALL_IPA	(RS_RAM + 0x300)

static struct rsi_host_call *call_in(const struct rs_realm *rr, uint64_t ipa)
{
	return (struct rsi_host_call *)((uint8_t *)host_pa_ptr(rr->data[ipa >= RS_RAM2]) +
					(ipa & (GRANULE_SIZE - 1U)));
}

/* Exit HOST_CALL with imm and gprs from the RsiHostCall; the host's results go back. */
static void rsi_host_call_round_trip(void **state)
{
	struct rsi_host_call *c;
	struct rmi_rec_exit *e;
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	c = call_in(&rr, CALL_IPA);
	c->imm = 0xBEEF;
	for (unsigned int i = 0; i < RSI_HOST_CALL_GPRS; i++)
		c->gprs[i] = 0x1000U + i;
	rs_smc(RSI_HOST_CALL, CALL_IPA, 0x2222);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_HOST_CALL);
	e = &rs_run(&rr)->exit;
	assert_int_equal(e->imm, 0xBEEF);
	for (unsigned int i = 0; i < RSI_HOST_CALL_GPRS; i++) {
		assert_int_equal(e->gprs[i], 0x1000U + i);
		rs_run(&rr)->enter.gprs[i] = 0x2000U + i;
	}
	assert_int_equal(e->esr, 0);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_end()->x[0], RSI_SUCCESS);
	assert_int_equal(rs_end()->x[1], CALL_IPA);
	assert_int_equal(rs_end()->x[2], 0x2222);
	assert_int_equal(rs_end()->pc, RS_PC + 4);
	assert_int_equal(c->imm, 0xBEEF);
	for (unsigned int i = 0; i < RSI_HOST_CALL_GPRS; i++)
		assert_int_equal(c->gprs[i], 0x2000U + i);
	/* The bytes around the structure are untouched. */
	assert_int_equal(((uint8_t *)c)[-1], 0xA5);
	assert_int_equal(((uint8_t *)c)[sizeof(*c)], 0xA5);
}

/* The last 256 bytes of a page. */
static void rsi_host_call_end_of_page(void **state)
{
	struct rs_realm rr;
	uint64_t ipa = RS_RAM2 + GRANULE_SIZE - 0x100;

	(void)state;
	rs_realm(&rr);
	call_in(&rr, ipa)->imm = 7;
	call_in(&rr, ipa)->gprs[30] = 0x3030;
	rs_smc(RSI_HOST_CALL, ipa);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_HOST_CALL);
	assert_int_equal(rs_run(&rr)->exit.imm, 7);
	assert_int_equal(rs_run(&rr)->exit.gprs[30], 0x3030);
	rs_run(&rr)->enter.gprs[30] = 0x4040;
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(call_in(&rr, ipa)->gprs[30], 0x4040);
}


/* RIPAS RAM without a page: emulated abort, PC not advanced, no HOST_CALL exit. */
static void rsi_host_call_unmapped(void **state)
{
	struct rs_realm rr;
	uint64_t ipa = RS_RAM_UNMAPPED + 0x200;
	uint64_t data;

	(void)state;
	rs_realm(&rr);
	rs_smc(RSI_HOST_CALL, ipa);
	rs_enter(&rr, 0, 0);
	assert_emulated_abort(&rr, ipa, 3);
	assert_int_equal(rs_rec(&rr, 0)->regs.pc, RS_PC);
	assert_int_equal(rs_run(&rr)->exit.imm, 0);
	/* The host maps the page and the realm calls again. */
	data = fx_delegated();
	assert_int_equal(fx_x0(RMI_DATA_CREATE_UNKNOWN, rr.r.rd, data, RS_RAM_UNMAPPED, 0, 0),
			 RMI_SUCCESS);
	((struct rsi_host_call *)((uint8_t *)host_pa_ptr(data) + 0x200))->imm = 0x42;
	rs_smc(RSI_HOST_CALL, ipa);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_HOST_CALL);
	assert_int_equal(rs_run(&rr)->exit.imm, 0x42);
}

/*
 * The page goes away while the host handles the call: REC_ENTER succeeds
 * with an emulated abort instead of the results, and again while it stays.
 */
static void rsi_host_call_page_destroyed_before_results(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_smc(RSI_HOST_CALL, CALL_IPA);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_HOST_CALL);
	assert_int_equal(unit_rmi(RMI_DATA_DESTROY, rr.r.rd, RS_RAM, 0, 0, 0).x[0], RMI_SUCCESS);
	rs_run(&rr)->enter.gprs[0] = 0x55;
	rs_enter(&rr, 0, 0);
	assert_emulated_abort(&rr, CALL_IPA, 3);
	assert_int_equal(rs_rec(&rr, 0)->regs.x[0], RSI_HOST_CALL);
	assert_int_equal(rs_steps_run(), 1);
	rs_enter(&rr, 0, 0);
	assert_emulated_abort(&rr, CALL_IPA, 3);
	assert_int_equal(rs_steps_run(), 1);
}

/* ---- ATTEST_TOKEN_CONTINUE argument checks (no token without INIT) ------------------------ */

struct attest_row {
	uint64_t addr, offset, size;
	uint64_t expect;
};

static void rsi_attest_continue_row(void **state)
{
	const struct attest_row *row = *state;
	struct rs_realm rr;
	const struct rec_regs *x;

	rs_realm(&rr);
	x = rs_call(&rr, RSI_ATTEST_TOKEN_CONTINUE, row->addr, row->offset, row->size);
	assert_int_equal(x->x[0], row->expect);
	assert_int_equal(((uint8_t *)host_pa_ptr(rr.data[0]))[0], 0xA5);
}

#define ATTEST(name, ...) \
	RS_CASE(rsi_attest_token_continue_##name, rsi_attest_continue_row, struct attest_row, \
		__VA_ARGS__)
#define A_INPUT		.expect = RSI_ERROR_INPUT
#define A_STATE		.expect = RSI_ERROR_STATE

/* ---- Unknown FIDs ----------------------------------------------------------------------------- */

static void rsi_unknown_fids(void **state)
{
	static const uint64_t fids[] = {
		RSI_FID(0x19A), RSI_FID(0x1AF), 0xC4000150, 0xC4000169, 0xC40001B0, 0xC40001CF,
		0x84000190, 0x84000199, 0xC2000000, 0xC5000000, 0x80000001, 0x8000FFFF, 0,
		0xC4000020, 0x84000020, RSI_FID(0x1A0),
	};
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		const struct rec_regs *x = rs_call(&rr, fids[i], 0x1111, 0x2222);

		assert_int_equal(x->x[0], SMC_NOT_SUPPORTED);
		assert_int_equal(x->x[1], 0x1111);
		assert_int_equal(x->x[2], 0x2222);
	}
}

/* Several calls in one run: each answered in turn, the PC moving on by 4 each time. */
static void rsi_calls_in_one_run(void **state)
{
	struct rs_realm rr;

	(void)state;
	rs_realm(&rr);
	rs_smc(RSI_VERSION, RSI_ABI_VERSION);
	rs_smc(RSI_FEATURES, 0);
	rs_smc(RSI_MEASUREMENT_READ, 9);
	rs_enter_exit(&rr, 0, 0, RMI_EXIT_IRQ);
	assert_int_equal(rs_seen(1)->x[1], RSI_ABI_VERSION);
	assert_int_equal(rs_seen(1)->pc, RS_PC + 4);
	assert_int_equal(rs_seen(2)->x[0], RSI_SUCCESS);
	assert_int_equal(rs_seen(2)->pc, RS_PC + 8);
	assert_int_equal(rs_end()->x[0], RSI_ERROR_INPUT);
	assert_int_equal(rs_end()->pc, RS_PC + 12);
}

#define VERSION(name, ...) RS_CASE(rsi_version_##name, rsi_version_row, struct version_row, __VA_ARGS__)
#define BAD_INDEX(name, ...) \
	RS_CASE(rsi_measurement_##name, rsi_measurement_bad_index_row, struct index_row, __VA_ARGS__)
#define CONFIG_INPUT(name, ipa) \
	RS_CASE(rsi_realm_config_##name, rsi_buffer_input_row, struct input_row, RSI_REALM_CONFIG, ipa)
#define HOST_CALL_INPUT(name, ipa) \
	RS_CASE(rsi_host_call_##name, rsi_buffer_input_row, struct input_row, RSI_HOST_CALL, ipa)
#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	VERSION(1_0, RSI_ABI_VERSION, RSI_SUCCESS),
	VERSION(0_0, 0, RSI_ERROR_INPUT),	/* covers: RSI_VERSION.req_unsupported */
	/* covers: RSI_VERSION.req_unsupported */
	VERSION(1_1, RSI_ABI_VERSION + 1U, RSI_ERROR_INPUT),
	VERSION(2_0, 0x20000, RSI_ERROR_INPUT),	/* covers: RSI_VERSION.req_unsupported */
	/* covers: RSI_VERSION.req_unsupported */
	VERSION(bit_63, (1ULL << 63) | RSI_ABI_VERSION, RSI_ERROR_INPUT),
	T(rsi_version_sve_hint),
	T(rsi_fid_upper_bits_ignored),
	T(rsi_features_every_index_zero),
	RS_CASE(rsi_measurement_read_rim_sha256, rsi_measurement_read_rim_row, uint8_t,
		RMI_HASH_SHA_256),
	RS_CASE(rsi_measurement_read_rim_sha512, rsi_measurement_read_rim_row, uint8_t,
		RMI_HASH_SHA_512),
	T(rsi_measurement_read_rems_zero),
	/* covers: RSI_MEASUREMENT_READ.index_above_4 */
	BAD_INDEX(read_index_5, RSI_MEASUREMENT_READ, 5, 0),
	/* covers: RSI_MEASUREMENT_READ.index_above_4 */
	BAD_INDEX(read_index_all_ones, RSI_MEASUREMENT_READ, ~0ULL, 0),
	BAD_INDEX(extend_index_0, RSI_MEASUREMENT_EXTEND, 0, 8),
	/* covers: RSI_MEASUREMENT_EXTEND.index_above_4 */
	BAD_INDEX(extend_index_5, RSI_MEASUREMENT_EXTEND, 5, 8),
	/* covers: RSI_MEASUREMENT_EXTEND.index_above_4 */
	BAD_INDEX(extend_index_2_pow_32, RSI_MEASUREMENT_EXTEND, (1ULL << 32) | 1U, 8),
	/* covers: RSI_MEASUREMENT_EXTEND.size_above_64 */
	BAD_INDEX(extend_size_65, RSI_MEASUREMENT_EXTEND, 1, 65),
	/* covers: RSI_MEASUREMENT_EXTEND.size_above_64 */
	BAD_INDEX(extend_size_all_ones, RSI_MEASUREMENT_EXTEND, 2, ~0ULL),
	T(rsi_measurement_extend_failure_keeps_rems),
	T(rsi_measurement_extend_fid_upper_bits_saves_fp),
	EXTEND(sha256_rem0_64_bytes, RMI_HASH_SHA_256, 1, 64, 1),
	EXTEND(sha256_rem3_twice, RMI_HASH_SHA_256, 4, 64, 2),
	EXTEND(sha256_size_0, RMI_HASH_SHA_256, 2, 0, 1),
	EXTEND(sha256_size_1, RMI_HASH_SHA_256, 3, 1, 1),
	EXTEND(sha256_size_13_three_times, RMI_HASH_SHA_256, 2, 13, 3),
	EXTEND(sha256_size_63, RMI_HASH_SHA_256, 1, 63, 1),
	EXTEND(sha512_rem0_64_bytes, RMI_HASH_SHA_512, 1, 64, 1),
	EXTEND(sha512_rem2_size_32_twice, RMI_HASH_SHA_512, 3, 32, 2),
	EXTEND(sha512_size_0, RMI_HASH_SHA_512, 4, 0, 1),
	RS_CASE(rsi_realm_config_sha256, rsi_realm_config_row, uint8_t, RMI_HASH_SHA_256),
	RS_CASE(rsi_realm_config_sha512, rsi_realm_config_row, uint8_t, RMI_HASH_SHA_512),
	CONFIG_INPUT(unaligned, RS_RAM + 8),
	CONFIG_INPUT(unprotected, RS_MMIO),
	CONFIG_INPUT(first_unprotected, FX_UNPROT),
	CONFIG_INPUT(beyond_s2sz, FX_IPA_LIMIT),
	CONFIG_INPUT(ripas_empty, RS_EMPTY),
	CONFIG_INPUT(assigned_empty, RS_ASSIGNED_EMPTY),
	CONFIG_INPUT(ripas_empty_level_0, 1ULL << 40),
	T(rsi_realm_config_unmapped),
	T(rsi_realm_config_destroyed),
	T(rsi_realm_config_unmapped_level_2),
	T(rsi_host_call_round_trip),
	T(rsi_host_call_end_of_page),
	HOST_CALL_INPUT(unaligned_8, RS_RAM + 8),
	HOST_CALL_INPUT(unaligned_128, RS_RAM + 0x80),
	HOST_CALL_INPUT(unprotected, RS_MMIO),
	HOST_CALL_INPUT(beyond_s2sz, FX_IPA_LIMIT + 0x100),
	HOST_CALL_INPUT(ripas_empty, RS_EMPTY + 0x100),
	HOST_CALL_INPUT(assigned_empty, RS_ASSIGNED_EMPTY),
	T(rsi_host_call_unmapped),
	T(rsi_host_call_page_destroyed_before_results),
	ATTEST(no_init, RS_RAM, 0, 4096, A_STATE),
	ATTEST(no_init_size_0, RS_RAM, 0, 0, A_STATE),
	ATTEST(no_init_last_byte, RS_RAM, 4095, 1, A_STATE),
	ATTEST(addr_unaligned, RS_RAM + 0x800, 0, 16, A_INPUT),
	ATTEST(addr_unaligned_8, RS_RAM + 8, 0, 16, A_INPUT),
	ATTEST(offset_4096, RS_RAM, 4096, 0, A_INPUT),
	ATTEST(offset_all_ones, RS_RAM, ~0ULL, 0, A_INPUT),
	ATTEST(offset_plus_size_4097, RS_RAM, 4000, 97, A_INPUT),
	ATTEST(size_4097, RS_RAM, 0, 4097, A_INPUT),
	ATTEST(size_all_ones, RS_RAM, 1, ~0ULL, A_INPUT),
	ATTEST(addr_unprotected, RS_MMIO, 0, 16, A_INPUT),
	ATTEST(addr_beyond_s2sz, FX_IPA_LIMIT, 0, 16, A_INPUT),
	T(rsi_unknown_fids),	/* covers: RSI.unknown_fid */
	T(rsi_calls_in_one_run),
};

UNIT_GROUP(rsi_tests, tests, NULL);
