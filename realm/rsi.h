/*
 * Calls a realm makes to the RMM: RSI (shared/spec/rmm-1.0-abi.md section
 * 4) and the PSCI/SMCCC calls the RMM answers for realms. Every call is an
 * SMC with x0..x10 in and x0..x8 out. Addresses are IPAs, which with the
 * MMU off are also the payload's pointers.
 */
#pragma once

#include <stdint.h>

#include <atoll/rsi.h>

#define REALM_SMC_REGS		11U	/* x0 = FID, x1..x10 arguments */
#define REALM_SMC_RESULTS	9U	/* x0..x8 */
#define REALM_SMC_ALL_REGS	31U

/* Raw SMC: regs[0] = FID, regs[1..10] arguments; regs[0..8] get the results. */
void realm_smc(uint64_t regs[REALM_SMC_REGS]);

/* SMC with x0..x30 from regs, all stored back after it (smc.S): for register tests. */
void realm_smc_all_regs(uint64_t regs[REALM_SMC_ALL_REGS]);

/*
 * v<n> = {seed + 2n, seed + 2n + 1} for every FP/SIMD register, and a mask
 * of the registers that no longer hold that (smc.S): for register tests.
 */
void realm_fp_fill(uint64_t seed);
uint64_t realm_fp_check(uint64_t seed);

/* Measurement and attestation values are 64 bytes: eight registers. */
#define RSI_VALUE_WORDS	8U

uint64_t rsi_version(uint64_t requested, uint64_t *lower, uint64_t *higher);
uint64_t rsi_features(uint64_t index, uint64_t *value);
uint64_t rsi_measurement_read(uint64_t index, uint64_t value[RSI_VALUE_WORDS]);
uint64_t rsi_measurement_extend(uint64_t index, uint64_t size,
				const uint64_t value[RSI_VALUE_WORDS]);
uint64_t rsi_attest_token_init(const uint64_t challenge[RSI_VALUE_WORDS], uint64_t *max_size);
uint64_t rsi_attest_token_continue(uint64_t granule, uint64_t offset, uint64_t size,
				   uint64_t *written);
uint64_t rsi_realm_config(uint64_t config_ipa);
uint64_t rsi_ipa_state_set(uint64_t base, uint64_t top, uint64_t ripas, uint64_t flags,
			   uint64_t *new_base, uint64_t *response);
uint64_t rsi_ipa_state_get(uint64_t base, uint64_t end, uint64_t *top, uint64_t *ripas);
uint64_t rsi_host_call(struct rsi_host_call *call);

/*
 * Atoll's realm sealing key (docs/sealing.md): flags RSI_SEALING_KEY_VHUK_M
 * and/or RSI_SEALING_KEY_RIM, svn any 64-bit value; key gets the 32 bytes
 * (zeros on an error). RSI_ERROR_UNKNOWN: this platform has no sealing keys
 * (no HES); SMC_NOT_SUPPORTED: the RMM has no such call (not Atoll's).
 */
uint64_t rsi_atoll_sealing_key(uint64_t flags, uint64_t svn, uint8_t key[RSI_SEALING_KEY_SIZE]);

/* SMCCC and PSCI; results are the PSCI return codes (PSCI_RET_*) as int64_t. */
uint64_t smccc_version(void);
uint64_t psci_version(void);
int64_t psci_features(uint64_t fid);
int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context);
int64_t psci_cpu_off(void);
int64_t psci_cpu_suspend(uint64_t state, uint64_t entry, uint64_t context);
int64_t psci_affinity_info(uint64_t mpidr, uint64_t lowest_level);
_Noreturn void psci_system_off(void);
_Noreturn void psci_system_reset(void);
