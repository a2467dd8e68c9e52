/* Suite runner over cmocka groups (test_groups.h). */
#include "test_groups.h"

#include <stdio.h>

int test_groups_run(const char *suite, const struct test_group *const *groups, size_t n)
{
	size_t passed = 0, failed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct test_group *g = groups[i];
		int fails = _cmocka_run_group_tests(g->name, g->tests, g->count, g->setup, NULL);

		failed += (size_t)fails;
		passed += g->count - (size_t)fails;
	}
	printf("%s: %zu passed, %zu failed\n", suite, passed, failed);
	return failed == 0 ? 0 : 1;
}
