/* Shared pieces of the host unit tests (cmocka). */
#pragma once

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <atoll/rmi.h>
#include <rmm/rmi.h>

#include "harness.h"

/* A group of tests, registered in unit_main.c. */
struct unit_group {
	const char *name;
	const struct CMUnitTest *tests;
	size_t count;
	CMFixtureFunction setup;
};

#define UNIT_GROUP(name_, tests_, setup_) \
	const struct unit_group name_ = { #name_, tests_, sizeof(tests_) / sizeof(tests_[0]), setup_ }

/* Resets the platform and cold-boots the RMM with the QEMU manifest. */
int unit_boot_rmm(void **state);

/* The same on a CPU with these realm features (SVE, PMU) instead of QEMU's. */
struct arch_realm_features;
void unit_boot_rmm_with(const struct arch_realm_features *f);

/* Issues one RMI call through the dispatcher, as EL3 would forward it. */
struct rmi_result unit_rmi(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5);

/* Records the state a failing call must leave unchanged (unchanged.h), for a call naming args. */
struct unchanged_snapshot;
void unit_snapshot(struct unchanged_snapshot *s, const uint64_t args[5]);

/* A fresh NS granule for a test, from a region no other test uses. */
uint64_t unit_ns_granule(void);

/* The QEMU bank as TF-A reports it. */
#define UNIT_BANK_BASE	0x40000000ULL
#define UNIT_BANK_SIZE	0xC0000000ULL
