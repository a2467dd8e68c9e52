/*
 * Entropy for realm payloads from the CPU's RNDR (FEAT_RNG), for mbedTLS's
 * hardware source (mbedtls_hardware_poll(), MBEDTLS_ENTROPY_HARDWARE_ALT) and
 * anything else that needs secret random bytes. Where the CPU has no FEAT_RNG
 * this fails clearly, never falls back to anything weaker.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum entropy_status {
	ENTROPY_OK,
	ENTROPY_ABSENT,		/* ID_AA64ISAR0_EL1.RNDR is 0: the CPU has no FEAT_RNG */
	ENTROPY_FAILED,		/* RNDR kept reporting failure (ENTROPY_RETRIES reads in a row) */
};

#define ENTROPY_RETRIES	64U

const char *entropy_status_str(enum entropy_status status);

/* One 64-bit random word; false when the read failed (RNDR sets Z then). */
typedef bool (*entropy_read_fn)(uint64_t *word);

/* Fills out with len bytes from read, retrying failed reads; on error out is zeroed. */
enum entropy_status entropy_fill_from(entropy_read_fn read, bool present, uint8_t *out, size_t len);

/* The same from this CPU's RNDR (realm/rndr.c). */
enum entropy_status realm_entropy_fill(uint8_t *out, size_t len);
