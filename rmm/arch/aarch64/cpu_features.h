/* What the RMM reads of the CPU once, at cold boot. */
#pragma once

/*
 * The features arch_features() reports, from the ID and GIC registers,
 * before any RMI call: every CPU is taken to have the boot CPU's.
 */
void arch_features_init(void);

/*
 * Chooses the SHA-256/512 code (sha_detect.c) from ID_AA64ISAR0_EL1, once
 * at cold boot before anything hashes.
 */
void sha_detect(void);
