/* The state file: created 0600 when missing, each refusal, the roots kept across starts. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hes/state.h>

#include "hesd_test.h"

static const char *const show[] = { "--show-cpak", NULL };

/* A fresh state file (made by the daemon) read back into blob. */
static void make_state(uint8_t blob[HES_STATE_SIZE])
{
	char *text;

	assert_int_equal(daemon_run(show), 0);
	assert_int_equal(read_whole(test_path("state"), &text), HES_STATE_SIZE);
	memcpy(blob, text, HES_STATE_SIZE);
}

static void write_state(const uint8_t *blob, size_t len)
{
	int fd = open(test_path("state"), O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, blob, len), (ssize_t)len);
	close(fd);
}

/* Files in the test directory whose name starts with prefix. */
static size_t entries_named(const char *prefix)
{
	DIR *d = opendir(test_path(""));
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

/* A run with args exits 1 and its message names path and the problem. */
static void assert_run_fails(const char *const *args, const char *path, const char *problem)
{
	char *text;

	assert_int_equal(daemon_run(args), 1);
	assert_true(read_whole(test_path("err"), &text) > 0);
	assert_non_null(strstr(text, path));
	assert_non_null(strstr(text, problem));
}

/* The daemon refuses the state file with exit 1, naming it and the problem; the file is unchanged. */
static void assert_refused(const char *problem)
{
	static const char *const listen[] = { "--listen", "unix:/nonexistent/sock", NULL };
	uint8_t before[HES_STATE_SIZE + 188];
	char *text;
	ssize_t len = read_whole(test_path("state"), &text);

	assert_true(len >= 0 && (size_t)len <= sizeof(before));
	memcpy(before, text, (size_t)len);
	assert_run_fails(show, test_path("state"), problem);
	assert_true(read_whole(test_path("err"), &text) > 0);
	assert_non_null(strstr(text, "atoll-hesd: "));
	assert_non_null(strstr(text, "(the file is left as it is; deleting it makes a new device "
				     "identity); refusing to start"));
	assert_run_fails(listen, test_path("state"), problem);
	assert_int_equal(read_whole(test_path("state"), &text), len);
	assert_memory_equal(text, before, (size_t)len);
}

static void state_missing_created_0600(void **state)
{
	struct stat st;
	char *err;

	(void)state;
	assert_int_equal(stat(test_path("state"), &st), -1);
	assert_int_equal(daemon_run(show), 0);
	assert_int_equal(stat(test_path("state"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, HES_STATE_SIZE);
	assert_true(read_whole(test_path("err"), &err) > 0);
	assert_non_null(strstr(err, "created a new device state (lifecycle secured)"));
	assert_int_equal(entries_named("state."), 0);	/* no temporary file left */
}

static void state_group_or_world_access_refused(void **state)
{
	static const mode_t modes[] = { 0644, 0640, 0604, 0620, 0602 };
	uint8_t blob[HES_STATE_SIZE];
	char problem[32];

	(void)state;
	make_state(blob);
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		assert_int_equal(chmod(test_path("state"), modes[i]), 0);
		snprintf(problem, sizeof(problem), "has mode %04o", (unsigned int)modes[i]);
		assert_refused(problem);
	}
	assert_int_equal(chmod(test_path("state"), 0400), 0);
	assert_int_equal(daemon_run(show), 0);
}

static void state_truncated_refused(void **state)
{
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	make_state(blob);
	write_state(blob, HES_STATE_SIZE - 1U);
	assert_refused("truncated (111 bytes)");
	write_state(blob, 0);
	assert_refused("truncated (0 bytes)");
}

static void state_other_version_refused(void **state)
{
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	make_state(blob);
	blob[8] = 2;
	write_state(blob, sizeof(blob));
	assert_refused("another format version");
}

static void state_corrupt_refused(void **state)
{
	uint8_t blob[HES_STATE_SIZE + 188] = { 0 };

	(void)state;
	make_state(blob);
	blob[20] ^= 1;		/* a HUK bit */
	write_state(blob, HES_STATE_SIZE);
	assert_refused("checksum mismatch");
	blob[20] ^= 1;
	write_state(blob, sizeof(blob));
	assert_refused("trailing bytes (300 bytes)");
	memcpy(blob, "ATOLLHEZ", 8);
	write_state(blob, HES_STATE_SIZE);
	assert_refused("not an Atoll HES state file");
}

static void state_not_regular_refused(void **state)
{
	const char *const fifo[] = { "--state", test_path("fifo"), "--show-cpak", NULL };

	(void)state;
	assert_int_equal(mkdir(test_path("state"), 0700), 0);
	assert_run_fails(show, test_path("state"), "not a regular file");
	assert_int_equal(mkfifo(test_path("fifo"), 0600), 0);
	assert_run_fails(fifo, test_path("fifo"), "not a regular file");
}

/* The same file gives the same CPAK on every start; another file, another CPAK. */
static void state_second_start_same_cpak(void **state)
{
	const char *const other[] = { "--state", test_path("other"), "--show-cpak", NULL };
	char first[2 * 97 + 1], second[2 * 97 + 1], *text;

	(void)state;
	show_cpak(first);
	show_cpak(second);
	assert_string_equal(first, second);
	assert_int_equal(daemon_run(other), 0);
	assert_true(read_whole(test_path("out"), &text) > 0);
	assert_memory_not_equal(text, first, 2 * 97);
}

static void state_lifecycle_chosen_on_create(void **state)
{
	static const char *const debug[] = { "--lifecycle", "non-cca-debug", "--show-cpak", NULL };
	char *text;

	(void)state;
	assert_int_equal(daemon_run(debug), 0);
	assert_int_equal(read_whole(test_path("state"), &text), HES_STATE_SIZE);
	assert_memory_equal(text + 12, "\x00\x40\x00\x00", 4);
	assert_int_equal(daemon_run(debug), 0);		/* asking for what it holds is fine */
	assert_int_equal(daemon_run(show), 0);		/* as is not asking */
}

static void state_lifecycle_change_refused(void **state)
{
	static const char *const debug[] = { "--lifecycle", "0x5000", "--show-cpak", NULL };
	uint8_t blob[HES_STATE_SIZE];

	(void)state;
	make_state(blob);
	assert_run_fails(debug, test_path("state"),
			 "holds lifecycle secured (0x3000), not the requested recoverable-debug (0x5000)");
}

static void args_usage_errors(void **state)
{
	static const char *const none[] = { NULL };
	static const char *const two[] = { "--listen", "unix:/tmp/a", "--connect", "unix:/tmp/b", NULL };
	static const char *const lcs[] = { "--lifecycle", "0x7000", "--show-cpak", NULL };
	static const char *const ep[] = { "--listen", "udp:1.2.3.4:5", NULL };
	static const char *const idle[] = { "--idle-ms", "0", "--show-cpak", NULL };
	const char *const *cases[] = { none, two, lcs, ep, idle };
	struct stat st;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(daemon_run(cases[i]), 2);
	assert_int_equal(stat(test_path("state"), &st), -1);	/* nothing created */
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(state_missing_created_0600, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(state_group_or_world_access_refused, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(state_truncated_refused, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(state_other_version_refused, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(state_corrupt_refused, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(state_not_regular_refused, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(state_second_start_same_cpak, hesd_test_setup, hesd_test_teardown),
	cmocka_unit_test_setup_teardown(state_lifecycle_chosen_on_create, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(state_lifecycle_change_refused, hesd_test_setup,
					hesd_test_teardown),
	cmocka_unit_test_setup_teardown(args_usage_errors, hesd_test_setup, hesd_test_teardown),
};

HES_GROUP(state_file_tests, tests);
