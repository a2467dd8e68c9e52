/* Running cmocka test groups as one suite with the closing line tools/run-tests.sh reads. */
#pragma once

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

struct test_group {
	const char *name;
	const struct CMUnitTest *tests;
	size_t count;
	CMFixtureFunction setup;	/* for the whole group; NULL: none */
};

#define TEST_GROUP(name_, tests_, setup_) \
	const struct test_group name_ = { #name_, tests_, sizeof(tests_) / sizeof(tests_[0]), setup_ }

/* Runs every group, prints "<suite>: N passed, M failed"; 0 if none failed. */
int test_groups_run(const char *suite, const struct test_group *const *groups, size_t n);
