/* Shared pieces of the HES unit tests (cmocka). */
#pragma once

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <hes/hes.h>

/* A group of tests, registered in hes_main.c. */
struct hes_group {
	const char *name;
	const struct CMUnitTest *tests;
	size_t count;
};

#define HES_GROUP(name_, tests_) \
	const struct hes_group name_ = { #name_, tests_, sizeof(tests_) / sizeof(tests_[0]) }

/*
 * The test device: the roots and ROM hash of tests/hes/kat_vectors.h,
 * Atoll's default config, initialised once. Setup starts a fresh boot.
 */
extern struct hes *test_hes;
int hes_test_boot(void **state);

/* Deterministic bytes (an xorshift stream), as the random source. */
int hes_test_random(void *ctx, uint8_t *buf, size_t len);

/* A random source that always fails. */
int hes_test_random_fails(void *ctx, uint8_t *buf, size_t len);

/* Extends slot index with a SHA-256 measurement of 32 bytes of fill. */
int32_t hes_test_extend(struct hes *h, uint32_t index, const char *sw_type, uint8_t fill);

/* Replays the extends of kat_vectors.h. */
void hes_test_kat_boot(struct hes *h);

/*
 * A fresh boot with the extends of kat_vectors.h, the DAK (P-384, SHA-256)
 * and the platform token for the DAK's challenge in buf; 0 or -1 (a setup).
 */
int hes_test_kat_token(void **state, uint8_t *buf, size_t cap, size_t *len);
