/*
 * RSI and PSCI from inside a realm (shared/spec/rmm-1.0-abi.md section 4):
 * each command with good and bad arguments, registers across host calls,
 * RIPAS changes the host accepts or refuses, EMPTY and Unprotected memory,
 * and a second REC. The host runs it with 2 RECs and the policies of
 * host/realm_services.c. Tests run in this order and some build on the
 * state earlier ones leave (REMs, RIPAS of RIPAS_BASE).
 */
#include <stddef.h>

#include <atoll/realm_image.h>
#include <atoll/smccc.h>
#include <mbedtls/sha256.h>

#include "rsi.h"
#include "test.h"

#define PAGE		4096ULL
/* Protected IPAs away from the image (at 0x80000): no table, RIPAS EMPTY. */
#define RIPAS_BASE	0x400000ULL
#define RIPAS_PAGES	16ULL
#define RIPAS_TOP	(RIPAS_BASE + RIPAS_PAGES * PAGE)
#define EMPTY_IPA	0x600000ULL
/* An Unprotected IPA no device claims and nothing maps: reads as 0. */
#define MMIO_OFFSET	0x3000ULL
#define HOST_CALL_ROUNDS	64U

static uint64_t page_buf[PAGE / 8U] __attribute__((aligned(4096)));
static struct rsi_host_call hc __attribute__((aligned(256)));

static uint64_t unprotected(uint64_t offset)
{
	return realm_unprotected_base() + offset;
}

static uint64_t exit_count(unsigned int kind)
{
	uint64_t n = ~0ULL;

	(void)realm_host_call(REALM_HC_EXIT_COUNT, kind, 0, &n);
	return n;
}

static uint64_t set_policy(unsigned int policy)
{
	uint64_t bad = 1;

	(void)realm_host_call(REALM_HC_RIPAS_POLICY, policy, 0, &bad);
	return bad;
}

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
	const uint64_t fids[] = { RSI_FID(0x19AU), RSI_FID(RSI_FNUM_LAST), 0xC4000150ULL };

	for (unsigned int i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		uint64_t r[REALM_SMC_REGS] = { fids[i] };

		realm_smc(r);
		CHECK_EQ(r[0], SMC_NOT_SUPPORTED);
	}
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
	uint64_t buf = (uint64_t)(uintptr_t)page_buf, n;

	CHECK_EQ(rsi_attest_token_continue(buf + 8U, 0, 64, &n), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_attest_token_continue(buf, PAGE, 0, &n), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_attest_token_continue(buf, 8, PAGE, &n), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_attest_token_continue(buf, 8, ~0ULL, &n), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_attest_token_continue(unprotected(0), 0, 64, &n), RSI_ERROR_INPUT);
	/* Good arguments, but no INIT yet. */
	CHECK_EQ(rsi_attest_token_continue(buf, 0, PAGE, &n), RSI_ERROR_STATE);
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
	CHECK_EQ(rsi_realm_config((uint64_t)(uintptr_t)page_buf + 8U), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_realm_config(unprotected(0)), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_realm_config(1ULL << realm_ipa_width()), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_realm_config(EMPTY_IPA), RSI_ERROR_INPUT);
}

/* ---- HOST_CALL ---- */

TEST(host_call_bad_args)
{
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

void realm_fp_fill(uint64_t seed);
uint64_t realm_fp_check(uint64_t seed);

TEST(host_call_preserves_fp_registers)
{
	for (unsigned int round = 0; round < HOST_CALL_ROUNDS / 4U; round++) {
		uint64_t seed = 0xF0F0000000000000ULL | (uint64_t)round << 8;

		realm_fp_fill(seed);
		CHECK_EQ(realm_host_call(REALM_HC_ECHO, round, 0, NULL), RSI_SUCCESS);
		CHECK_EQ(realm_fp_check(seed), 0);
	}
}

/* ---- IPA_STATE_GET / IPA_STATE_SET ---- */

static uint64_t ripas_of(uint64_t base, uint64_t end, uint64_t *top)
{
	uint64_t ripas = ~0ULL;

	if (rsi_ipa_state_get(base, end, top, &ripas) != RSI_SUCCESS)
		return ~0ULL;
	return ripas;
}

TEST(ipa_state_get_image_and_empty)
{
	uint64_t top;

	CHECK_EQ(ripas_of(REALM_IMAGE_IPA, REALM_IMAGE_IPA + PAGE, &top), RSI_RIPAS_RAM);
	CHECK_EQ(top, REALM_IMAGE_IPA + PAGE);
	CHECK_EQ(ripas_of(EMPTY_IPA, EMPTY_IPA + 2U * PAGE, &top), RSI_RIPAS_EMPTY);
	CHECK_EQ(top, EMPTY_IPA + 2U * PAGE);
}

TEST(ipa_state_get_bad_args)
{
	const uint64_t u = realm_unprotected_base();
	uint64_t top, ripas;

	CHECK_EQ(rsi_ipa_state_get(EMPTY_IPA + 8U, EMPTY_IPA + PAGE, &top, &ripas),
		 RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_get(EMPTY_IPA, EMPTY_IPA + 8U, &top, &ripas), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_get(EMPTY_IPA, EMPTY_IPA, &top, &ripas), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_get(u, u + PAGE, &top, &ripas), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_get(u - PAGE, u + PAGE, &top, &ripas), RSI_ERROR_INPUT);
}

TEST(ipa_state_set_bad_args)
{
	const uint64_t u = realm_unprotected_base(), count = exit_count(REALM_EXIT_COUNT_RIPAS);
	uint64_t next, response;

	CHECK_EQ(rsi_ipa_state_set(RIPAS_BASE, RIPAS_TOP, RSI_RIPAS_DESTROYED, 0, &next, &response),
		 RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_set(RIPAS_BASE, RIPAS_TOP, 3, 0, &next, &response), RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_set(RIPAS_BASE + 8U, RIPAS_TOP, RSI_RIPAS_RAM, 0, &next, &response),
		 RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_set(RIPAS_BASE, RIPAS_TOP - 8U, RSI_RIPAS_RAM, 0, &next, &response),
		 RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_set(RIPAS_BASE, RIPAS_BASE, RSI_RIPAS_RAM, 0, &next, &response),
		 RSI_ERROR_INPUT);
	CHECK_EQ(rsi_ipa_state_set(u - PAGE, u + PAGE, RSI_RIPAS_RAM, 0, &next, &response),
		 RSI_ERROR_INPUT);
	/* Refused by the RMM: the host never heard of them. */
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_RIPAS), count);
}

/* IPA_STATE_SET over the whole test range until done or refused; 0 or the failing code. */
static uint64_t set_ripas(uint64_t ripas, unsigned int *calls, uint64_t *response)
{
	uint64_t base = RIPAS_BASE, status = RSI_SUCCESS;

	*calls = 0;
	*response = RSI_ACCEPT;
	while (base < RIPAS_TOP && *response == RSI_ACCEPT && status == RSI_SUCCESS) {
		uint64_t next = base;

		status = rsi_ipa_state_set(base, RIPAS_TOP, ripas, RSI_NO_CHANGE_DESTROYED, &next,
					   response);
		(*calls)++;
		if (status == RSI_SUCCESS && *response == RSI_ACCEPT && next <= base)
			return ~0ULL;	/* no progress: the realm would spin */
		base = next;
	}
	return status;
}

TEST(ipa_state_set_ram_accepted)
{
	uint64_t response, top;
	unsigned int calls;

	CHECK_EQ(set_policy(REALM_RIPAS_ACCEPT), 0);
	CHECK_EQ(set_ripas(RSI_RIPAS_RAM, &calls, &response), RSI_SUCCESS);
	CHECK_EQ(response, RSI_ACCEPT);
	CHECK_EQ(calls, 1);
	CHECK_EQ(ripas_of(RIPAS_BASE, RIPAS_TOP, &top), RSI_RIPAS_RAM);
	CHECK_EQ(top, RIPAS_TOP);
	CHECK_EQ(ripas_of(RIPAS_TOP, RIPAS_TOP + PAGE, &top), RSI_RIPAS_EMPTY);
}

TEST(ram_without_memory_is_faulted_in)
{
	const uint64_t faults = exit_count(REALM_EXIT_COUNT_S2_FAULT);

	/* RAM with nothing behind it: the host supplies zero pages on first touch. */
	CHECK_EQ(realm_read64(RIPAS_BASE), 0);
	realm_write64(RIPAS_BASE + PAGE + 8U, 0x1234567887654321ULL);
	CHECK_EQ(realm_read64(RIPAS_BASE + PAGE + 8U), 0x1234567887654321ULL);
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_S2_FAULT), faults + 2U);
}

/* Reads ipa expecting a synchronous external abort; false if none came. */
static bool read_takes_sea(uint64_t ipa)
{
	struct realm_fault f;

	realm_fault_expect();
	(void)realm_read64(ipa);
	f = realm_fault_end();
	return f.taken && ESR_EC(f.esr) == ESR_EC_DABT_CUR && ESR_DFSC(f.esr) == ESR_DFSC_SEA;
}

TEST(ipa_state_set_empty_then_access_is_sea)
{
	uint64_t response, top;
	unsigned int calls;

	CHECK_EQ(set_ripas(RSI_RIPAS_EMPTY, &calls, &response), RSI_SUCCESS);
	CHECK_EQ(response, RSI_ACCEPT);
	CHECK_EQ(ripas_of(RIPAS_BASE, RIPAS_TOP, &top), RSI_RIPAS_EMPTY);
	CHECK_EQ(top, RIPAS_TOP);
	/* Both the faulted-in page and one that never had memory. */
	CHECK(read_takes_sea(RIPAS_BASE));
	CHECK(read_takes_sea(RIPAS_BASE + 5U * PAGE));
}

TEST(ipa_state_set_ram_rejected)
{
	uint64_t next, response = RSI_ACCEPT, top;

	CHECK_EQ(set_policy(REALM_RIPAS_REJECT), 0);
	CHECK_EQ(rsi_ipa_state_set(RIPAS_BASE, RIPAS_TOP, RSI_RIPAS_RAM, 0, &next, &response),
		 RSI_SUCCESS);
	CHECK_EQ(set_policy(REALM_RIPAS_ACCEPT), 0);
	CHECK_EQ(response, RSI_REJECT);
	CHECK_EQ(next, RIPAS_BASE);
	CHECK_EQ(ripas_of(RIPAS_BASE, RIPAS_TOP, &top), RSI_RIPAS_EMPTY);
}

TEST(ipa_state_set_one_page_per_exit)
{
	uint64_t response, top;
	unsigned int calls;

	CHECK_EQ(set_policy(REALM_RIPAS_ONE_PAGE), 0);
	CHECK_EQ(set_ripas(RSI_RIPAS_RAM, &calls, &response), RSI_SUCCESS);
	CHECK_EQ(set_policy(REALM_RIPAS_ACCEPT), 0);
	CHECK_EQ(response, RSI_ACCEPT);
	CHECK_EQ(calls, RIPAS_PAGES);
	CHECK_EQ(ripas_of(RIPAS_BASE, RIPAS_TOP, &top), RSI_RIPAS_RAM);
	CHECK_EQ(top, RIPAS_TOP);
	CHECK_EQ(set_ripas(RSI_RIPAS_EMPTY, &calls, &response), RSI_SUCCESS);
}

TEST(ipa_state_set_bad_policy_refused_by_host)
{
	CHECK_EQ(set_policy(REALM_RIPAS_ONE_PAGE + 1U), 1);
	CHECK_EQ(set_policy(REALM_RIPAS_ACCEPT), 0);
}

/* ---- EMPTY and Unprotected memory ---- */

TEST(empty_memory_access_is_sea)
{
	CHECK(read_takes_sea(EMPTY_IPA));
	CHECK(read_takes_sea(EMPTY_IPA + 0x10000U));
}

TEST(unprotected_mmio_read_is_zero)
{
	const uint64_t reads = exit_count(REALM_EXIT_COUNT_MMIO_READ);
	uint32_t v32;

	CHECK_EQ(realm_read64(unprotected(MMIO_OFFSET)), 0);
	v32 = *(volatile uint32_t *)(uintptr_t)unprotected(MMIO_OFFSET + 4U);
	CHECK_EQ(v32, 0);
	/* Writes to a page no device claims are dropped. */
	realm_write64(unprotected(MMIO_OFFSET), 0xFFFF);
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_MMIO_READ), reads + 2U);
}

TEST(unprotected_access_without_syndrome_is_sea)
{
	const uint64_t seas = exit_count(REALM_EXIT_COUNT_SEA_INJECTED);
	uint64_t ipa = unprotected(MMIO_OFFSET);
	struct realm_fault f;

	/* A store pair has no single-register syndrome (ISV = 0): nothing to emulate. */
	realm_fault_expect();
	__asm__ volatile("stp xzr, xzr, [%0]" : : "r"(ipa) : "memory");
	f = realm_fault_end();
	CHECK(f.taken);
	CHECK_EQ(ESR_EC(f.esr), ESR_EC_DABT_CUR);
	CHECK_EQ(ESR_DFSC(f.esr), ESR_DFSC_SEA);
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_SEA_INJECTED), seas + 1U);
}

TEST(unprotected_shared_page_both_ways)
{
	const uint64_t ipa = unprotected(REALM_SHARED_OFFSET);
	uint64_t ok = 1, seen = 0;

	CHECK_EQ(realm_host_call(REALM_HC_SHARE_PAGE, ipa, 0, &ok), RSI_SUCCESS);
	CHECK_EQ(ok, 0);
	CHECK_EQ(realm_read64(ipa), REALM_SHARED_PATTERN(ipa));
	CHECK_EQ(realm_read64(ipa + PAGE - 8U), REALM_SHARED_PATTERN(ipa));
	realm_write64(ipa, 0x7E57ULL);
	CHECK_EQ(realm_host_call(REALM_HC_READ_SHARED, ipa, 0, &seen), RSI_SUCCESS);
	CHECK_EQ(seen, 0x7E57ULL);
	/* The host refuses to share a Protected IPA. */
	CHECK_EQ(realm_host_call(REALM_HC_SHARE_PAGE, EMPTY_IPA, 0, &ok), RSI_SUCCESS);
	CHECK_EQ(ok, 1);
}

/* ---- WFI/WFE ---- */

TEST(wfi_traps_to_host)
{
	const uint64_t wfi = exit_count(REALM_EXIT_COUNT_WFI);

	__asm__ volatile("wfi" ::: "memory");
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_WFI), wfi + 1U);
	/*
	 * WFE is trapped too, but QEMU never suspends on WFE and so never
	 * takes that trap: it must merely come back.
	 */
	__asm__ volatile("wfe; wfe" ::: "memory");
}

/* ---- PSCI ---- */

TEST(psci_smccc_versions)
{
	CHECK_EQ(smccc_version(), 0x10002U);
	CHECK(psci_version() >= 0x10001U);
}

TEST(psci_features_of_each_call)
{
	const uint64_t supported[] = { PSCI_CPU_SUSPEND_32, PSCI_CPU_SUSPEND_64, PSCI_CPU_OFF,
				       PSCI_CPU_ON_32,	    PSCI_CPU_ON_64,	 PSCI_AFFINITY_INFO_32,
				       PSCI_AFFINITY_INFO_64, PSCI_SYSTEM_OFF,	 PSCI_SYSTEM_RESET,
				       PSCI_FEATURES,	    SMCCC_VERSION_FID };

	for (unsigned int i = 0; i < sizeof(supported) / sizeof(supported[0]); i++)
		CHECK_EQ(psci_features(supported[i]), PSCI_RET_SUCCESS);
	CHECK_EQ(psci_features(0x84000007U), PSCI_RET_NOT_SUPPORTED);	/* CPU_FREEZE */
	CHECK_EQ(psci_features(RSI_VERSION), PSCI_RET_NOT_SUPPORTED);
}

TEST(psci_cpu_suspend_returns)
{
	const uint64_t psci = exit_count(REALM_EXIT_COUNT_PSCI);

	CHECK_EQ(psci_cpu_suspend(0, 0, 0), PSCI_RET_SUCCESS);
	/* The host hears of it, but has nothing to complete. */
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_PSCI), psci + 1U);
}

TEST(psci_bad_args)
{
	const uint64_t self = realm_mpidr() & 0xFFU, psci = exit_count(REALM_EXIT_COUNT_PSCI);

	CHECK_EQ(psci_affinity_info(self, 0), 0);	/* ON, answered by the RMM */
	CHECK_EQ(psci_affinity_info(1, 1), PSCI_RET_INVALID_PARAMS);
	CHECK_EQ(psci_affinity_info(9, 0), PSCI_RET_INVALID_PARAMS);
	CHECK_EQ(psci_cpu_on(self, realm_secondary_entry_ipa(), 0), PSCI_RET_ALREADY_ON);
	CHECK_EQ(psci_cpu_on(7, realm_secondary_entry_ipa(), 0), PSCI_RET_INVALID_PARAMS);
	CHECK_EQ(psci_cpu_on(1, realm_unprotected_base(), 0), PSCI_RET_INVALID_ADDRESS);
	CHECK_EQ(exit_count(REALM_EXIT_COUNT_PSCI), psci);
}

/* What the second REC saw; it writes, REC 0 reads after CPU_ON. */
struct second_rec {
	volatile uint64_t runs;
	volatile uint64_t mpidr;
	volatile int64_t affinity_of_rec0;
};

static void second_rec_main(void *arg)
{
	struct second_rec *s = arg;
	s->mpidr = realm_mpidr();
	s->affinity_of_rec0 = psci_affinity_info(0, 0);
	realm_printf("second REC: running, MPIDR %lx\n", s->mpidr);
	s->runs = s->runs + 1U;
}

/* Until AFFINITY_INFO says OFF: the host may still be finishing the CPU_OFF. */
static int64_t wait_off(uint64_t mpidr)
{
	int64_t state = 0;

	for (unsigned int i = 0; i < 1000U && state != 1; i++)
		state = psci_affinity_info(mpidr, 0);
	return state;
}

TEST(psci_cpu_on_second_rec)
{
	static struct second_rec s;
	struct realm_cpu_work work = { second_rec_main, &s };

	CHECK_EQ(psci_affinity_info(1, 0), 1);	/* OFF */
	for (unsigned int round = 1; round <= 2U; round++) {
		CHECK_EQ(realm_cpu_on(1, &work), PSCI_RET_SUCCESS);
		CHECK_EQ(wait_off(1), 1);
		CHECK_EQ(s.runs, round);
		CHECK_EQ(s.mpidr & 0xFFU, 1);
		CHECK_EQ(s.affinity_of_rec0, 0);	/* REC 0 is ON */
	}
}

void realm_main(void)
{
	(void)realm_run_tests();
}
