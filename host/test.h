/*
 * System-test framework of the realm host. A test is a function registered
 * with TEST(name); tests run in link order, each prints PASS or FAIL with
 * the reason, and the run ends with "N passed, M failed".
 */
#pragma once

#include <stdint.h>

#include "host.h"

struct host_test {
	const char *name;
	void (*fn)(void);
};

#define TEST(name)                                                                    \
	static void test_##name(void);                                                \
	static const struct host_test host_test_##name                                \
		__attribute__((section("host_tests"), used)) = { #name, test_##name }; \
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
