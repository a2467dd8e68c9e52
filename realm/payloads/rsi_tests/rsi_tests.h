/* Shared by the rsi_tests payload's files: IPAs the tests use and host-call helpers. */
#pragma once

#include <stdint.h>

#define PAGE		4096ULL
/* Protected IPAs away from the image (at 0x80000): no table, RIPAS EMPTY. */
#define RIPAS_BASE	0x400000ULL
#define RIPAS_PAGES	16ULL
#define RIPAS_TOP	(RIPAS_BASE + RIPAS_PAGES * PAGE)
#define EMPTY_IPA	0x600000ULL
/* An Unprotected IPA no device claims and nothing maps: reads as 0. */
#define MMIO_OFFSET	0x3000ULL

/* The Unprotected IPA at offset from the start of that half. */
uint64_t unprotected(uint64_t offset);

/* How many exits of a REALM_EXIT_COUNT_* kind the host has served. */
uint64_t exit_count(unsigned int kind);

/* Sets the host's REALM_RIPAS_* policy; 0 if the host took it. */
uint64_t set_policy(unsigned int policy);
