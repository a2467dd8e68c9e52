/* Runner of the daemon tests: hesd-tests ATOLL_HESD; ends "hesd: N passed, M failed". */
#include <stdio.h>

#include "hesd_test.h"

extern const struct hes_group state_file_tests, serve_tests;

static const struct hes_group *const groups[] = { &state_file_tests, &serve_tests };

const char *hesd_bin;

int main(int argc, char **argv)
{
	size_t passed = 0, failed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: hesd-tests PATH-OF-atoll-hesd\n");
		return 2;
	}
	hesd_bin = argv[1];
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		const struct hes_group *g = groups[i];
		int fails = _cmocka_run_group_tests(g->name, g->tests, g->count, NULL, NULL);

		failed += (size_t)fails;
		passed += g->count - (size_t)fails;
	}
	printf("hesd: %zu passed, %zu failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
