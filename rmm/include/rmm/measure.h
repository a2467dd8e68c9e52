/*
 * Realm measurements (spec section 5): the RIM and its descriptors, and
 * REM extension. Digests live in 64-byte slots; SHA-256 leaves the upper
 * 32 bytes zero. Hashing is done with mbedTLS.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <atoll/rmi.h>

#define MEASURE_SLOT_SIZE	64U

enum measure_algo {
	MEASURE_SHA256 = RMI_HASH_SHA_256,
	MEASURE_SHA512 = RMI_HASH_SHA_512,
};

/* 32 for SHA-256, 64 for SHA-512. */
size_t measure_digest_size(enum measure_algo algo);

/* out = H(data), zero-padded to 64 bytes. */
void measure_hash(enum measure_algo algo, const void *data, size_t len,
		  uint8_t out[MEASURE_SLOT_SIZE]);

/* Initial RIM from the measured fields of RmiRealmParams. */
void measure_rim_init(enum measure_algo algo, const struct rmi_realm_params *params,
		      uint8_t rim[MEASURE_SLOT_SIZE]);

/* RIM extension by a DATA descriptor; data is the 4 KB granule (hashed when flags == 1). */
void measure_rim_data(enum measure_algo algo, uint8_t rim[MEASURE_SLOT_SIZE], uint64_t ipa,
		      uint64_t flags, const void *data);

/* RIM extension by a REC descriptor (flags, pc and gprs of the params are measured). */
void measure_rim_rec(enum measure_algo algo, uint8_t rim[MEASURE_SLOT_SIZE],
		     const struct rmi_rec_params *params);

/* RIM extension by a RIPAS descriptor for one RTT entry [base, top). */
void measure_rim_ripas(enum measure_algo algo, uint8_t rim[MEASURE_SLOT_SIZE], uint64_t base,
		       uint64_t top);

/* REM = H(REM[0..digest) || data[0..size)), size <= 64. */
void measure_rem_extend(enum measure_algo algo, uint8_t rem[MEASURE_SLOT_SIZE], const void *data,
			size_t size);
