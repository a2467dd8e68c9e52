/* rsi_tests: IPA_STATE_GET/SET with the host's policies, EMPTY and Unprotected memory. */
#include <stddef.h>

#include <atoll/realm_image.h>

#include "rsi.h"
#include "rsi_tests.h"
#include "test.h"

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
	/* covers: RSI_IPA_STATE_GET.base_unaligned, RSI_IPA_STATE_GET.end_unaligned */
	/* covers: RSI_IPA_STATE_GET.end_equals_base, RSI_IPA_STATE_GET.base_unprotected */
	/* covers: RSI_IPA_STATE_GET.end_unprotected */
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
	/* covers: RSI_IPA_STATE_SET.ripas_invalid, RSI_IPA_STATE_SET.base_unaligned */
	/* covers: RSI_IPA_STATE_SET.top_unaligned, RSI_IPA_STATE_SET.top_equals_base */
	/* covers: RSI_IPA_STATE_SET.top_unprotected */
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
