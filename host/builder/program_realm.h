/*
 * Realms that run a small position-independent program (a blob in the host
 * image): one measured DATA page at PROGRAM_REALM_IPA and one runnable REC
 * entering there with x7 = PROGRAM_REALM_MMIO_IPA, an Unprotected IPA left
 * unmapped, so the program's loads and stores there are emulated MMIO.
 */
#pragma once

#include <stdint.h>

#include "builder/realm.h"

#define PROGRAM_REALM_IPA	0x80000UL
#define PROGRAM_REALM_S2SZ	40U
#define PROGRAM_REALM_MMIO_IPA	(1UL << (PROGRAM_REALM_S2SZ - 1U))

/* Builds and activates the realm; *rec gets the REC. The first failing RMI status. */
uint64_t program_realm_create(struct host_realm *r, const char *start, const char *end,
			      uint64_t *rec);
