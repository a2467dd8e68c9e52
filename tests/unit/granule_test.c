/* RMI_GRANULE_DELEGATE / UNDELEGATE on the host platform, by failure condition. */
#include <string.h>

#include <rmm/arch.h>
#include <rmm/granule.h>

#include "realm_fixture.h"
#include "unit.h"

static uint64_t delegate(uint64_t pa)
{
	return unit_rmi(RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0).x[0];
}

static uint64_t undelegate(uint64_t pa)
{
	return unit_rmi(RMI_GRANULE_UNDELEGATE, pa, 0, 0, 0, 0).x[0];
}

static void delegate_success(void **state)
{
	uint64_t pa = unit_ns_granule();

	(void)state;
	assert_int_equal(delegate(pa), RMI_SUCCESS);
	assert_int_equal(host_gpt_get(pa), HOST_PAS_REALM);
	assert_int_equal(granule_find(pa)->state, GRANULE_STATE_DELEGATED);
}

static void delegate_zeroes_contents(void **state)
{
	uint64_t pa = unit_ns_granule();
	uint8_t zero[GRANULE_SIZE] = { 0 };

	(void)state;
	memset(host_pa_ptr(pa), 0xA5, GRANULE_SIZE);
	assert_int_equal(delegate(pa), RMI_SUCCESS);
	assert_memory_equal(host_pa_ptr(pa), zero, GRANULE_SIZE);
}

static void delegate_unaligned(void **state)
{
	/* covers: GRANULE_DELEGATE.unaligned */
	uint64_t pa = unit_ns_granule();

	(void)state;
	assert_int_equal(delegate(pa + 1), RMI_ERROR_INPUT);
	assert_int_equal(delegate(pa + 0xFF8), RMI_ERROR_INPUT);
	assert_int_equal(host_el3_stats.delegate_calls, 0);
	assert_int_equal(host_gpt_get(pa), HOST_PAS_NS);
}

static void delegate_untracked(void **state)
{
	/* covers: GRANULE_DELEGATE.untracked, GRANULE_DELEGATE.untracked_above_dram */
	(void)state;
	assert_int_equal(delegate(0), RMI_ERROR_INPUT);
	assert_int_equal(delegate(0x3FFFF000ULL), RMI_ERROR_INPUT);
	assert_int_equal(delegate(HOST_PA_END), RMI_ERROR_INPUT);
	assert_int_equal(delegate(0xFFFFFFFFFFFFF000ULL), RMI_ERROR_INPUT);
	assert_int_equal(host_el3_stats.delegate_calls, 0);
}

static void delegate_already_delegated(void **state)
{
	/* covers: GRANULE_DELEGATE.state_delegated */
	uint64_t pa = unit_ns_granule();

	(void)state;
	assert_int_equal(delegate(pa), RMI_SUCCESS);
	assert_int_equal(delegate(pa), RMI_ERROR_INPUT);
	assert_int_equal(host_el3_stats.delegate_calls, 1);
	assert_int_equal(granule_find(pa)->state, GRANULE_STATE_DELEGATED);
}

static void delegate_gpt_not_ns(void **state)
{
	/* covers: GRANULE_DELEGATE.gpt_realm */
	(void)state;
	/* Tracked, UNDELEGATED in the table, but the GPT says Realm (RMM memory). */
	assert_int_equal(delegate(HOST_RMM_BASE), RMI_ERROR_INPUT);
	assert_int_equal(delegate(HOST_SHARED_BUF), RMI_ERROR_INPUT);
	assert_int_equal(granule_find(HOST_RMM_BASE)->state, GRANULE_STATE_UNDELEGATED);
	assert_int_equal(granule_find(HOST_RMM_BASE)->lock, 0);
}

static void delegate_secure_granule(void **state)
{
	/* covers: GRANULE_DELEGATE.gpt_not_ns */
	uint64_t pa = unit_ns_granule();

	(void)state;
	host_gpt_set(pa, HOST_PAS_ROOT);
	assert_int_equal(delegate(pa), RMI_ERROR_INPUT);
	assert_int_equal(granule_find(pa)->state, GRANULE_STATE_UNDELEGATED);
}

static void undelegate_success(void **state)
{
	uint64_t pa = unit_ns_granule();
	uint64_t v;

	(void)state;
	assert_int_equal(delegate(pa), RMI_SUCCESS);
	assert_int_equal(undelegate(pa), RMI_SUCCESS);
	assert_int_equal(host_gpt_get(pa), HOST_PAS_NS);
	assert_int_equal(granule_find(pa)->state, GRANULE_STATE_UNDELEGATED);
	assert_true(host_ns_load64(pa, &v));
	assert_int_equal(v, 0);
}

static void undelegate_unaligned(void **state)
{
	/* covers: GRANULE_UNDELEGATE.unaligned */
	uint64_t pa = unit_ns_granule();

	(void)state;
	assert_int_equal(delegate(pa), RMI_SUCCESS);
	assert_int_equal(undelegate(pa + 0x10), RMI_ERROR_INPUT);
	assert_int_equal(host_el3_stats.undelegate_calls, 0);
	assert_int_equal(host_gpt_get(pa), HOST_PAS_REALM);
}

static void undelegate_untracked(void **state)
{
	/* covers: GRANULE_UNDELEGATE.untracked, GRANULE_UNDELEGATE.untracked_above_dram */
	(void)state;
	assert_int_equal(undelegate(0x1000), RMI_ERROR_INPUT);
	assert_int_equal(undelegate(HOST_PA_END), RMI_ERROR_INPUT);
	assert_int_equal(host_el3_stats.undelegate_calls, 0);
}

static void undelegate_not_delegated(void **state)
{
	/* covers: GRANULE_UNDELEGATE.state_undelegated, GRANULE_UNDELEGATE.state_rmm_memory */
	uint64_t pa = unit_ns_granule();

	(void)state;
	assert_int_equal(undelegate(pa), RMI_ERROR_INPUT);
	assert_int_equal(undelegate(HOST_RMM_BASE), RMI_ERROR_INPUT);
	assert_int_equal(host_el3_stats.undelegate_calls, 0);
}

static void undelegate_in_use_state(void **state)
{
	uint64_t pa = unit_ns_granule();
	struct granule *g;

	(void)state;
	assert_int_equal(delegate(pa), RMI_SUCCESS);
	/* A granule an object holds (here marked RD directly) is not DELEGATED. */
	g = granule_find(pa);
	g->state = GRANULE_STATE_RD;
	assert_int_equal(undelegate(pa), RMI_ERROR_INPUT);
	assert_int_equal(host_gpt_get(pa), HOST_PAS_REALM);
}

static void ns_read_of_delegated_granule_faults(void **state)
{
	uint64_t pa = unit_ns_granule();
	uint64_t v;

	(void)state;
	assert_int_equal(delegate(pa), RMI_SUCCESS);
	assert_false(host_ns_load64(pa, &v));
	assert_false(arch_ns_read(&v, pa, sizeof(v)));
	assert_int_equal(undelegate(pa), RMI_SUCCESS);
	assert_true(arch_ns_read(&v, pa, sizeof(v)));
}

static void granule_addr_round_trip(void **state)
{
	static const uint64_t pas[] = { UNIT_BANK_BASE, 0x80000000ULL, HOST_PA_END - GRANULE_SIZE };

	(void)state;
	for (size_t i = 0; i < sizeof(pas) / sizeof(pas[0]); i++)
		assert_int_equal(granule_addr(granule_find(pas[i])), pas[i]);
}

/* Every granule an object holds, and device memory: INPUT, and the world unchanged. */
static const struct fx_slot delegate_slot = { .fid = RMI_GRANULE_DELEGATE };
static const struct fx_slot undelegate_slot = { .fid = RMI_GRANULE_UNDELEGATE };

#define STATE_ROWS(cmd, slot)                                                         \
	FX_ARG(cmd##_untracked_mmio, slot, FX_K_MMIO, INPUT),                          \
	FX_ARG(cmd##_state_rd, slot, FX_K_RD, INPUT),                                  \
	FX_ARG(cmd##_state_rec, slot, FX_K_REC, INPUT),                                \
	FX_ARG(cmd##_state_rec_aux, slot, FX_K_REC_AUX, INPUT),                        \
	FX_ARG(cmd##_state_data, slot, FX_K_DATA, INPUT),                              \
	FX_ARG(cmd##_state_rtt, slot, FX_K_RTT, INPUT)

#define T(fn) cmocka_unit_test_setup(fn, unit_boot_rmm)
static const struct CMUnitTest tests[] = {
	T(delegate_success),
	T(delegate_zeroes_contents),
	T(delegate_unaligned),
	T(delegate_untracked),
	T(delegate_already_delegated),
	T(delegate_gpt_not_ns),
	T(delegate_secure_granule),
	T(undelegate_success),
	T(undelegate_unaligned),
	T(undelegate_untracked),
	T(undelegate_not_delegated),
	T(undelegate_in_use_state),
	T(ns_read_of_delegated_granule_faults),
	T(granule_addr_round_trip),
	STATE_ROWS(granule_delegate, delegate_slot),
	STATE_ROWS(granule_undelegate, undelegate_slot),
};

UNIT_GROUP(granule_tests, tests, NULL);
