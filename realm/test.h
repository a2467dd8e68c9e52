/*
 * Tests inside a realm payload (lib/test.h): TEST(name) registers one,
 * realm_run_tests() runs them all, prints "realm: N passed, M failed" and
 * hands the totals to the host (REALM_HC_RESULT).
 */
#pragma once

#include <lib/test.h>

#include "realm.h"

#define TEST(name)	TEST_IN(realm_tests, name)

struct test_totals realm_run_tests(void);
