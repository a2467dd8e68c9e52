/* Runs a payload's registered tests and reports the totals to the host. */
#include <stddef.h>

#include <atoll/realm_image.h>

#include "test.h"

extern const struct test_case __start_realm_tests[], __stop_realm_tests[];

struct test_totals realm_run_tests(void)
{
	struct test_totals t = test_run_all(__start_realm_tests, __stop_realm_tests, "realm",
					    realm_printf);

	(void)realm_host_call(REALM_HC_RESULT, t.passed, t.failed, NULL);
	return t;
}
