/*
 * System-test framework of the realm host (lib/test.h): a test is a
 * function registered with TEST(name); tests run in link order, each
 * prints PASS or FAIL with the reason, and the run ends with
 * "system: N passed, M failed".
 */
#pragma once

#include <lib/test.h>

#include "host.h"

#define TEST(name)	TEST_IN(host_tests, name)
