/* The CPU's features as arch_features() reports them. */
#pragma once

/*
 * Reads them from the ID and GIC registers, once at cold boot before any
 * RMI call: every CPU is taken to have the boot CPU's.
 */
void arch_features_init(void);
