/*
 * A small test framework for freestanding images (the realm host's system
 * tests, realm test payloads). A test is a function registered with
 * TEST_IN(section, name); test_run_all() runs a section's tests in link
 * order, prints PASS or FAIL with the reason for each, and ends with the
 * closing line "<suite>: N passed, M failed".
 */
#pragma once

#include <stdint.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

#define TEST_IN(sect, name)                                                            \
	static void test_##name(void);                                                 \
	static const struct test_case test_case_##name                                 \
		__attribute__((section(#sect), used)) = { #name, test_##name };        \
	static void test_##name(void)

/* Records the first failure of the running test. */
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int test_failed(void);

#define CHECK(cond)                                                      \
	do {                                                             \
		if (!(cond)) {                                           \
			test_fail(__FILE__, __LINE__, "%s", #cond);      \
			return;                                          \
		}                                                        \
	} while (0)

#define CHECK_EQ(actual, expected)                                                  \
	do {                                                                        \
		uint64_t a_ = (uint64_t)(actual), e_ = (uint64_t)(expected);        \
		if (a_ != e_) {                                                     \
			test_fail(__FILE__, __LINE__, "%s = %lx, expected %s = %lx", \
				  #actual, a_, #expected, e_);                      \
			return;                                                     \
		}                                                                   \
	} while (0)

typedef void (*test_print_fn)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct test_totals {
	unsigned int passed;
	unsigned int failed;
};

/* Runs the tests in [first, last), printing through print. */
struct test_totals test_run_all(const struct test_case *first, const struct test_case *last,
				const char *suite, test_print_fn print);
