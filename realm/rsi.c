/* RSI, SMCCC and PSCI calls from R-EL1: thin wrappers over realm_smc(). */
#include "rsi.h"

#include <string.h>

#include <atoll/smccc.h>

void realm_smc(uint64_t regs[REALM_SMC_REGS])
{
	uint64_t all[REALM_SMC_ALL_REGS] = { 0 };

	for (unsigned int i = 0; i < REALM_SMC_REGS; i++)
		all[i] = regs[i];
	realm_smc_all_regs(all);
	for (unsigned int i = 0; i < REALM_SMC_RESULTS; i++)
		regs[i] = all[i];
}

/* One call with up to 10 arguments; regs gets the results. */
static uint64_t call(uint64_t regs[REALM_SMC_REGS], uint64_t fid)
{
	regs[0] = fid;
	realm_smc(regs);
	return regs[0];
}

uint64_t rsi_version(uint64_t requested, uint64_t *lower, uint64_t *higher)
{
	uint64_t r[REALM_SMC_REGS] = { 0, requested };
	uint64_t status = call(r, RSI_VERSION);

	*lower = r[1];
	*higher = r[2];
	return status;
}

uint64_t rsi_features(uint64_t index, uint64_t *value)
{
	uint64_t r[REALM_SMC_REGS] = { 0, index };
	uint64_t status = call(r, RSI_FEATURES);

	*value = r[1];
	return status;
}

uint64_t rsi_measurement_read(uint64_t index, uint64_t value[RSI_VALUE_WORDS])
{
	uint64_t r[REALM_SMC_REGS] = { 0, index };
	uint64_t status = call(r, RSI_MEASUREMENT_READ);

	for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
		value[i] = r[1U + i];
	return status;
}

uint64_t rsi_measurement_extend(uint64_t index, uint64_t size,
				const uint64_t value[RSI_VALUE_WORDS])
{
	uint64_t r[REALM_SMC_REGS] = { 0, index, size };

	for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
		r[3U + i] = value[i];
	return call(r, RSI_MEASUREMENT_EXTEND);
}

uint64_t rsi_attest_token_init(const uint64_t challenge[RSI_VALUE_WORDS], uint64_t *max_size)
{
	uint64_t r[REALM_SMC_REGS] = { 0 };
	uint64_t status;

	for (unsigned int i = 0; i < RSI_VALUE_WORDS; i++)
		r[1U + i] = challenge[i];
	status = call(r, RSI_ATTEST_TOKEN_INIT);
	*max_size = r[1];
	return status;
}

uint64_t rsi_attest_token_continue(uint64_t granule, uint64_t offset, uint64_t size,
				   uint64_t *written)
{
	uint64_t r[REALM_SMC_REGS] = { 0, granule, offset, size };
	uint64_t status = call(r, RSI_ATTEST_TOKEN_CONTINUE);

	*written = r[1];
	return status;
}

uint64_t rsi_realm_config(uint64_t config_ipa)
{
	uint64_t r[REALM_SMC_REGS] = { 0, config_ipa };

	return call(r, RSI_REALM_CONFIG);
}

uint64_t rsi_ipa_state_set(uint64_t base, uint64_t top, uint64_t ripas, uint64_t flags,
			   uint64_t *new_base, uint64_t *response)
{
	uint64_t r[REALM_SMC_REGS] = { 0, base, top, ripas, flags };
	uint64_t status = call(r, RSI_IPA_STATE_SET);

	*new_base = r[1];
	*response = r[2];
	return status;
}

uint64_t rsi_ipa_state_get(uint64_t base, uint64_t end, uint64_t *top, uint64_t *ripas)
{
	uint64_t r[REALM_SMC_REGS] = { 0, base, end };
	uint64_t status = call(r, RSI_IPA_STATE_GET);

	*top = r[1];
	*ripas = r[2];
	return status;
}

uint64_t rsi_host_call(struct rsi_host_call *hc)
{
	uint64_t r[REALM_SMC_REGS] = { 0, (uint64_t)(uintptr_t)hc };

	return call(r, RSI_HOST_CALL);
}

uint64_t smccc_version(void)
{
	uint64_t r[REALM_SMC_REGS] = { 0 };

	return call(r, SMCCC_VERSION_FID);
}

uint64_t psci_version(void)
{
	uint64_t r[REALM_SMC_REGS] = { 0 };

	return call(r, PSCI_VERSION);
}

int64_t psci_features(uint64_t fid)
{
	uint64_t r[REALM_SMC_REGS] = { 0, fid };

	return (int64_t)call(r, PSCI_FEATURES);
}

int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	uint64_t r[REALM_SMC_REGS] = { 0, mpidr, entry, context };

	return (int64_t)call(r, PSCI_CPU_ON_64);
}

int64_t psci_cpu_off(void)
{
	uint64_t r[REALM_SMC_REGS] = { 0 };

	return (int64_t)call(r, PSCI_CPU_OFF);
}

int64_t psci_cpu_suspend(uint64_t state, uint64_t entry, uint64_t context)
{
	uint64_t r[REALM_SMC_REGS] = { 0, state, entry, context };

	return (int64_t)call(r, PSCI_CPU_SUSPEND_64);
}

int64_t psci_affinity_info(uint64_t mpidr, uint64_t lowest_level)
{
	uint64_t r[REALM_SMC_REGS] = { 0, mpidr, lowest_level };

	return (int64_t)call(r, PSCI_AFFINITY_INFO_64);
}

/* SYSTEM_OFF and SYSTEM_RESET never return: the REC is not entered again. */
static _Noreturn void system_call(uint64_t fid)
{
	uint64_t r[REALM_SMC_REGS] = { 0 };

	(void)call(r, fid);
	for (;;)
		__asm__ volatile("wfi");
}

_Noreturn void psci_system_off(void)
{
	system_call(PSCI_SYSTEM_OFF);
}

_Noreturn void psci_system_reset(void)
{
	system_call(PSCI_SYSTEM_RESET);
}

uint64_t rsi_atoll_sealing_key(uint64_t flags, uint64_t svn, uint8_t key[RSI_SEALING_KEY_SIZE])
{
	uint64_t r[REALM_SMC_REGS] = { 0, flags, svn };
	uint64_t status = call(r, RSI_ATOLL_SEALING_KEY);

	/* Bytes 8i..8i+7 are x(1+i), little-endian. */
	if (status == RSI_SUCCESS)
		memcpy(key, &r[1], RSI_SEALING_KEY_SIZE);
	else
		memset(key, 0, RSI_SEALING_KEY_SIZE);
	return status;
}
