/* rsi_tests: VERSION, FEATURES, measurements, attestation, REALM_CONFIG and HOST_CALL. */
#include <stddef.h>

#include <atoll/realm_image.h>
#include <atoll/smccc.h>
#include <mbedtls/sha256.h>

#include "rsi.h"
#include "rsi_tests.h"
#include "test.h"

#define HOST_CALL_ROUNDS	64U

static uint64_t page_buf[PAGE / 8U] __attribute__((aligned(4096)));
static struct rsi_host_call hc __attribute__((aligned(256)));

/* ---- VERSION, FEATURES, unknown calls ---- */

TEST(rsi_version_1_0)
{
	uint64_t lower, higher;

	CHECK_EQ(rsi_version(RSI_ABI_VERSION, &lower, &higher), RSI_SUCCESS);
	CHECK_EQ(lower, RSI_ABI_VERSION);
	CHECK_EQ(higher, RSI_ABI_VERSION);
}

TEST(rsi_version_unsupported_request)
{
	/* covers: RSI_VERSION.req_unsupported */
	const uint64_t requests[] = { 0x20000, 0, 0x10001 };

	for (unsigned int i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		uint64_t lower = 0, higher = 0;

		CHECK_EQ(rsi_version(requests[i], &lower, &higher), RSI_ERROR_INPUT);
		/* Both are written whatever was asked. */
		CHECK_EQ(lower, RSI_ABI_VERSION);
		CHECK_EQ(higher, RSI_ABI_VERSION);
	}
}

TEST(rsi_features_all_zero)
{
	const uint64_t indexes[] = { 0, 1, 0xFFFFFFFFFFFFFFFFULL };

	for (unsigned int i = 0; i < sizeof(indexes) / sizeof(indexes[0]); i++) {
		uint64_t value = 1;

		CHECK_EQ(rsi_features(indexes[i], &value), RSI_SUCCESS);
		CHECK_EQ(value, 0);
	}
}

TEST(rsi_unused_fid_not_supported)
{
	/* covers: RSI.unknown_fid */
	const uint64_t fids[] = { RSI_FID(0x19AU), RSI_FID(RSI_FNUM_LAST), 0xC4000150ULL };

	for (unsigned int i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		uint64_t r[REALM_SMC_REGS] = { fids[i] };

		realm_smc(r);
		CHECK_EQ(r[0], SMC_NOT_SUPPORTED);
	}
}

/* SMCCC's function ID is W0: bits 63:32 of X0 are ignored, for RSI and PSCI alike. */
#define X0_UPPER	0xFFFFFFFF00000000ULL

TEST(rsi_fid_upper_bits_ignored)
{
	uint64_t r[REALM_SMC_REGS] = { X0_UPPER | RSI_VERSION, RSI_ABI_VERSION };
	uint64_t p[REALM_SMC_REGS] = { 0x8000000100000000ULL | PSCI_VERSION };

	realm_smc(r);
	CHECK_EQ(r[0], RSI_SUCCESS);
	CHECK_EQ(r[1], RSI_ABI_VERSION);
	CHECK_EQ(r[2], RSI_ABI_VERSION);
	realm_smc(p);
	CHECK_EQ(p[0], psci_version());
}

TEST(hvc_is_undefined)
{
	struct realm_fault f;

	realm_fault_expect();
	__asm__ volatile("mov x0, %0; hvc #0" : : "r"((uint64_t)RSI_VERSION) : "x0", "memory");
	f = realm_fault_end();
	CHECK(f.taken);
	CHECK_EQ(ESR_EC(f.esr), ESR_EC_UNKNOWN);
}

/*
 * The RMM takes an exception it injects as the PE takes one to EL1 (Arm
 * ARM, AArch64.TakeException): the PSTATE at the vector of the UNDEFINED it
 * injects for HVC is the one the PE itself gives a UDF. SCTLR_EL1.SPAN = 0
 * and DSSBS = 1, and an interrupted PSTATE with PAN and SSBS clear and DIT
 * and UAO set, make every entry rule show. Except DIT: the architecture
 * leaves it unchanged, QEMU 10.0 clears it (its exception entry keeps only
 * PAN of the old PSTATE), so DIT is checked against the rule instead.
 */
#define SCTLR_SPAN	(1ULL << 23)
#define SCTLR_DSSBS	(1ULL << 44)

static uint64_t sctlr_read(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
	return v;
}

static void sctlr_write(uint64_t v)
{
	__asm__ volatile("msr sctlr_el1, %0; isb" : : "r"(v) : "memory");
}

TEST(injected_exception_pstate_as_hardware)
{
	const uint64_t fields = realm_pstate_fields(), sctlr = sctlr_read();
	const uint64_t before = realm_pstate_read();
	struct realm_fault hw, injected;

	sctlr_write((sctlr & ~SCTLR_SPAN) | SCTLR_DSSBS);
	realm_pstate_write((before & ~(REALM_PSTATE_PAN | REALM_PSTATE_SSBS)) | REALM_PSTATE_DIT |
			   REALM_PSTATE_UAO);
	realm_fault_expect();
	__asm__ volatile("udf #0" ::: "memory");
	hw = realm_fault_end();
	realm_fault_expect();
	__asm__ volatile("mov x0, %0; hvc #0" : : "r"((uint64_t)RSI_VERSION) : "x0", "memory");
	injected = realm_fault_end();
	realm_pstate_write(before);
	sctlr_write(sctlr);

	realm_printf("PSTATE fields %lx at the vector: UDF %lx, injected %lx\n", fields, hw.pstate,
		     injected.pstate);
	CHECK(hw.taken);
	CHECK(injected.taken);
	CHECK_EQ(ESR_EC(hw.esr), ESR_EC_UNKNOWN);
	CHECK_EQ(ESR_EC(injected.esr), ESR_EC_UNKNOWN);
	CHECK_EQ(injected.pstate & ~REALM_PSTATE_DIT, hw.pstate & ~REALM_PSTATE_DIT);
	CHECK_EQ(injected.pstate & REALM_PSTATE_DIT, fields & REALM_PSTATE_DIT);
	/* The set-up had its effect where the realm has the fields: SPAN = 0 set PAN. */
	CHECK_EQ(hw.pstate & REALM_PSTATE_PAN, fields & REALM_PSTATE_PAN);
	CHECK_EQ(realm_pstate_read(), before);
}

/* ---- Measurements ---- */

TEST(measurement_read_initial)
{
	uint64_t v[RSI_VALUE_WORDS];
	uint64_t rim_bits = 0;

	CHECK_EQ(rsi_measurement_read(0, v), RSI_SUCCESS);
	for (unsigned int i = 0; i < 4U; i++)
		rim_bits |= v[i];
	CHECK(rim_bits != 0U);
	/* SHA-256: bytes 32..63 of every slot are zero. */
	for (unsigned int i = 4; i < RSI_VALUE_WORDS; i++)
		CHECK_EQ(v[i], 0);
	for (unsigned int slot = 1; slot < RSI_MEASUREMENT_SLOTS; slot++) {
		CHECK_EQ(rsi_measurement_read(slot, v), RSI_SUCCESS);
		for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
			CHECK_EQ(v[i], 0);
	}
}

TEST(measurement_read_bad_index)
{
	/* covers: RSI_MEASUREMENT_READ.index_above_4 */
	uint64_t v[RSI_VALUE_WORDS];

	CHECK_EQ(rsi_measurement_read(RSI_MEASUREMENT_SLOTS, v), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_measurement_read(~0ULL, v), RSI_ERROR_INPUT);
}

/* What the RMM should compute: H(REM (32 bytes) || data[0..size)). */
static void expected_extend(const uint64_t rem[RSI_VALUE_WORDS],
			    const uint64_t data[RSI_VALUE_WORDS], uint64_t size,
			    uint64_t out[RSI_VALUE_WORDS])
{
	uint8_t in[32 + 64], digest[32];

	for (unsigned int i = 0; i < 32U; i++)
		in[i] = (uint8_t)(rem[i / 8U] >> (8U * (i % 8U)));
	for (unsigned int i = 0; i < size; i++)
		in[32U + i] = (uint8_t)(data[i / 8U] >> (8U * (i % 8U)));
	(void)mbedtls_sha256(in, 32U + size, digest, 0);
	for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
		out[i] = 0;
	for (unsigned int i = 0; i < 32U; i++)
		out[i / 8U] |= (uint64_t)digest[i] << (8U * (i % 8U));
}

TEST(measurement_extend_each_rem)
{
	/* One size per REM: all of x3..x10, a part of a register, nothing, odd. */
	const uint64_t sizes[RSI_MEASUREMENT_SLOTS - 1U] = { 64, 3, 0, 33 };
	uint64_t data[RSI_VALUE_WORDS], before[RSI_VALUE_WORDS], after[RSI_VALUE_WORDS];
	uint64_t want[RSI_VALUE_WORDS];

	for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
		data[i] = 0x0102030405060708ULL * (i + 1U);
	for (unsigned int slot = 1; slot < RSI_MEASUREMENT_SLOTS; slot++) {
		CHECK_EQ(rsi_measurement_read(slot, before), RSI_SUCCESS);
		expected_extend(before, data, sizes[slot - 1U], want);
		CHECK_EQ(rsi_measurement_extend(slot, sizes[slot - 1U], data), RSI_SUCCESS);
		CHECK_EQ(rsi_measurement_read(slot, after), RSI_SUCCESS);
		for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
			CHECK_EQ(after[i], want[i]);
	}
}

TEST(measurement_extend_bad_args)
{
	/* covers: RSI_MEASUREMENT_EXTEND.index_0, RSI_MEASUREMENT_EXTEND.index_above_4 */
	/* covers: RSI_MEASUREMENT_EXTEND.size_above_64, RSI_MEASUREMENT_EXTEND.failure_keeps_rems */
	uint64_t data[RSI_VALUE_WORDS] = { 1 }, before[RSI_VALUE_WORDS], after[RSI_VALUE_WORDS];

	CHECK_EQ(rsi_measurement_read(1, before), RSI_SUCCESS);
	CHECK_EQ(rsi_measurement_extend(0, 8, data), RSI_ERROR_INPUT);	/* the RIM */
	CHECK_EQ(rsi_measurement_extend(RSI_MEASUREMENT_SLOTS, 8, data), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_measurement_extend(1, RSI_MEASUREMENT_MAX_SIZE + 1U, data), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_measurement_read(1, after), RSI_SUCCESS);
	for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
		CHECK_EQ(after[i], before[i]);
}

/* ---- Attestation ---- */

TEST(attest_token_continue_bad_args)
{
	/* covers: RSI_ATTEST_TOKEN_CONTINUE.addr_unaligned */
	/* covers: RSI_ATTEST_TOKEN_CONTINUE.offset_4096 */
	/* covers: RSI_ATTEST_TOKEN_CONTINUE.offset_plus_size_4097 */
	/* covers: RSI_ATTEST_TOKEN_CONTINUE.size_all_ones, RSI_ATTEST_TOKEN_CONTINUE.addr_unprotected */
	/* covers: RSI_ATTEST_TOKEN_CONTINUE.no_init */
	uint64_t buf = (uint64_t)(uintptr_t)page_buf, n;

	CHECK_EQ(rsi_attest_token_continue(buf + 8U, 0, 64, &n), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_attest_token_continue(buf, PAGE, 0, &n), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_attest_token_continue(buf, 8, PAGE, &n), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_attest_token_continue(buf, 8, ~0ULL, &n), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_attest_token_continue(unprotected(0), 0, 64, &n), RSI_ERROR_INPUT);
	/* Good arguments, but no INIT yet. */
	CHECK_EQ(rsi_attest_token_continue(buf, 0, PAGE, &n), RSI_ERROR_STATE);
}

/* INIT, then CONTINUE into page_buf until SUCCESS; 0 if anything failed. */
static uint64_t get_token(void)
{
	const uint64_t challenge[RSI_VALUE_WORDS] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	uint64_t max, size = 0, n, status;

	if (rsi_attest_token_init(challenge, &max) != RSI_SUCCESS || max == 0U)
		return 0;
	/* A zero-sized piece is fine and writes nothing. */
	if (rsi_attest_token_continue((uint64_t)(uintptr_t)page_buf, 0, 0, &n) != RSI_INCOMPLETE ||
	    n != 0U)
		return 0;
	do {
		status = rsi_attest_token_continue((uint64_t)(uintptr_t)page_buf, size, PAGE - size,
						   &n);
		size += n;
	} while (status == RSI_INCOMPLETE && size < PAGE);
	return status == RSI_SUCCESS && size <= max ? size : 0;
}

TEST(attest_token_init_continue)
{
	uint64_t size = get_token(), n;

	CHECK(size > 0U);
	/* A CCA token: CBOR tag 399 (D9 01 8F) around a map of 2 (A2). */
	CHECK_EQ(page_buf[0] & 0xFFFFFFFFU, 0xA28F01D9U);
	/* After SUCCESS the next CONTINUE has nothing to give. */
	CHECK_EQ(rsi_attest_token_continue((uint64_t)(uintptr_t)page_buf, 0, PAGE, &n),
		 RSI_ERROR_STATE);
}

/* ---- REALM_CONFIG ---- */

TEST(realm_config_values)
{
	const struct rsi_realm_config *c = (const void *)page_buf;

	CHECK_EQ(rsi_realm_config((uint64_t)(uintptr_t)page_buf), RSI_SUCCESS);
	CHECK_EQ(c->ipa_width, realm_ipa_width());
	CHECK(c->ipa_width >= 32U && c->ipa_width <= 48U);
	CHECK_EQ(c->hash_algo, 0);	/* SHA-256: the host's choice */
	for (unsigned int i = 0; i < sizeof(c->rpv); i++)
		CHECK_EQ(c->rpv[i], 0);
}

TEST(realm_config_bad_args)
{
	/* covers: RSI_REALM_CONFIG.unaligned, RSI_REALM_CONFIG.unprotected */
	/* covers: RSI_REALM_CONFIG.beyond_s2sz, RSI_REALM_CONFIG.ripas_empty */
	CHECK_EQ(rsi_realm_config((uint64_t)(uintptr_t)page_buf + 8U), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_realm_config(unprotected(0)), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_realm_config(1ULL << realm_ipa_width()), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_realm_config(EMPTY_IPA), RSI_ERROR_INPUT);
}

/* ---- HOST_CALL ---- */

TEST(host_call_bad_args)
{
	/* covers: RSI_HOST_CALL.unaligned_8, RSI_HOST_CALL.unprotected */
	/* covers: RSI_HOST_CALL.ripas_empty */
	const uint64_t count = exit_count(REALM_EXIT_COUNT_HOST_CALL);

	CHECK_EQ(rsi_host_call((struct rsi_host_call *)((uintptr_t)&hc + 8U)), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_host_call((struct rsi_host_call *)(uintptr_t)unprotected(0)), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_host_call((struct rsi_host_call *)(uintptr_t)EMPTY_IPA), RSI_ERROR_INPUT);
	/* None of them reached the host: only the count query itself did. */
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_HOST_CALL), count + 1U);
}

TEST(host_call_results_in_every_gpr)
{
	hc.imm = REALM_HC_ECHO;
	for (unsigned int i = 0; i < RSI_HOST_CALL_GPRS; i++)
		hc.gprs[i] = 0x1111111111111111ULL * i + i;
	CHECK_EQ(rsi_host_call(&hc), RSI_SUCCESS);
	for (unsigned int i = 0; i < RSI_HOST_CALL_GPRS; i++)
		CHECK_EQ(hc.gprs[i], ~(0x1111111111111111ULL * i + i));
	CHECK_EQ(hc.imm, REALM_HC_ECHO);
}

/*
 * x4..x30 keep their values across a host call even though the host
 * clobbers its own registers meanwhile (only x0 is a result; the sheet
 * lets x1..x3 change).
 */
TEST(host_call_preserves_registers)
{
	uint64_t regs[REALM_SMC_ALL_REGS];

	for (unsigned int round = 0; round < HOST_CALL_ROUNDS; round++) {
		hc.imm = REALM_HC_ECHO;
		hc.gprs[0] = round;
		for (unsigned int i = 0; i < REALM_SMC_ALL_REGS; i++)
			regs[i] = 0xA5A5000000000000ULL | (uint64_t)round << 16 | i;
		regs[0] = RSI_HOST_CALL;
		regs[1] = (uint64_t)(uintptr_t)&hc;
		realm_smc_all_regs(regs);
		CHECK_EQ(regs[0], RSI_SUCCESS);
		for (unsigned int i = 4; i < REALM_SMC_ALL_REGS; i++)
			CHECK_EQ(regs[i], 0xA5A5000000000000ULL | (uint64_t)round << 16 | i);
		CHECK_EQ(hc.gprs[0], ~(uint64_t)round);
	}
}

TEST(host_call_preserves_fp_registers)
{
	for (unsigned int round = 0; round < HOST_CALL_ROUNDS / 4U; round++) {
		uint64_t seed = 0xF0F0000000000000ULL | (uint64_t)round << 8;

		realm_fp_fill(seed);
		CHECK_EQ(realm_host_call(REALM_HC_ECHO, round, 0, NULL), RSI_SUCCESS);
		CHECK_EQ(realm_fp_check(seed), 0);
	}
}

/*
 * A hashing call named with bits 63:32 of X0 set extends its REM and keeps
 * the realm's FP registers like any other.
 */
TEST(measurement_extend_fid_upper_bits_preserves_fp_registers)
{
	for (unsigned int round = 0; round < 4U; round++) {
		uint64_t seed = 0x0F0F000000000000ULL | (uint64_t)round << 8;
		uint64_t r[REALM_SMC_REGS] = { X0_UPPER | RSI_MEASUREMENT_EXTEND, 4, 8, round };
		uint64_t data[RSI_VALUE_WORDS] = { round }, before[RSI_VALUE_WORDS];
		uint64_t want[RSI_VALUE_WORDS], after[RSI_VALUE_WORDS];

		CHECK_EQ(rsi_measurement_read(4, before), RSI_SUCCESS);
		expected_extend(before, data, 8, want);
		realm_fp_fill(seed);
		realm_smc(r);
		CHECK_EQ(realm_fp_check(seed), 0);
		CHECK_EQ(r[0], RSI_SUCCESS);
		CHECK_EQ(rsi_measurement_read(4, after), RSI_SUCCESS);
		for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
			CHECK_EQ(after[i], want[i]);
	}
}
