/* Running atoll-hesd and talking to it (see hesd_test.h). */
#include "hesd_test.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MS	5000
#define MAX_ARGS	32

#define MAX_PATHS	16

static char dir[64];
static struct {
	char name[32];
	char path[128];
} paths[MAX_PATHS];	/* test_path's, for the current test */
static size_t path_count;
static char listen_arg[160];	/* --listen unix:DIR/sock */
static pid_t spawned[8];	/* this test's daemons: teardown kills any left */
static size_t spawned_count;

int hesd_test_setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/hesd-test-XXXXXX");
	path_count = 0;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(listen_arg, sizeof(listen_arg), "unix:%s/sock", dir);
	return 0;
}

int hesd_test_teardown(void **state)
{
	char cmd[96];

	(void)state;
	for (size_t i = 0; i < spawned_count; i++)
		if (waitpid(spawned[i], NULL, WNOHANG) == 0) {
			kill(spawned[i], SIGKILL);
			waitpid(spawned[i], NULL, 0);
		}
	spawned_count = 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

const char *test_path(const char *name)
{
	for (size_t i = 0; i < path_count; i++)
		if (strcmp(paths[i].name, name) == 0)
			return paths[i].path;
	assert_true(path_count < MAX_PATHS && strlen(name) < sizeof(paths[0].name));
	strcpy(paths[path_count].name, name);
	snprintf(paths[path_count].path, sizeof(paths[0].path), "%s/%s", dir, name);
	return paths[path_count++].path;
}

static bool has_arg(const char *const *args, const char *name)
{
	for (size_t i = 0; args[i] != NULL; i++)
		if (strcmp(args[i], name) == 0)
			return true;
	return false;
}

/* The binary, the default options args does not override, then args. */
static void build_argv(const char **argv, const char *const *args, bool daemon)
{
	size_t n = 0;

	argv[n++] = hesd_bin;
	if (!has_arg(args, "--state")) {
		argv[n++] = "--state";
		argv[n++] = test_path("state");
	}
	if (daemon) {
		argv[n++] = "--log";
		argv[n++] = test_path("log");
		argv[n++] = "--idle-ms";
		argv[n++] = "50";
		if (!has_arg(args, "--listen") && !has_arg(args, "--connect")) {
			argv[n++] = "--listen";
			argv[n++] = listen_arg;
		}
	}
	for (size_t i = 0; args[i] != NULL && n < MAX_ARGS - 1U; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
}

static pid_t spawn(const char *const *argv, int out_fd, const char *err_path)
{
	pid_t pid = fork();

	if (pid == 0) {
		int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(out_fd, 1);
		dup2(err, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (pid > 0 && spawned_count < sizeof(spawned) / sizeof(spawned[0]))
		spawned[spawned_count++] = pid;
	return pid;
}

/* waitpid with a deadline: the exit status, -1 if still running (or killed by a signal). */
static int wait_exit(pid_t pid, int timeout_ms)
{
	int status;

	for (int waited = 0; waited <= timeout_ms; waited += 10) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

/* Reads the ready line from fd; 0 with the endpoint copied, -1 on EOF or timeout. */
static int read_ready(int fd, char *endpoint, size_t cap)
{
	char line[160];
	size_t have = 0;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (have < sizeof(line) - 1U && poll(&pfd, 1, TIMEOUT_MS) == 1) {
		ssize_t n = read(fd, line + have, 1);

		if (n <= 0)
			return -1;
		if (line[have] == '\n') {
			line[have] = '\0';
			if (strncmp(line, "ready ", 6) != 0)
				return -1;
			snprintf(endpoint, cap, "%s", line + 6);
			return 0;
		}
		have++;
	}
	return -1;
}

int daemon_start(struct daemon *d, const char *const *args, bool wait_ready)
{
	const char *argv[MAX_ARGS];
	int pipefd[2];

	build_argv(argv, args, true);
	if (pipe(pipefd) != 0)
		return -1;
	d->pid = spawn(argv, pipefd[1], test_path("err"));
	close(pipefd[1]);
	d->out_fd = pipefd[0];
	d->endpoint[0] = '\0';
	return wait_ready ? daemon_wait_ready(d) : 0;
}

int daemon_wait_ready(struct daemon *d)
{
	if (read_ready(d->out_fd, d->endpoint, sizeof(d->endpoint)) == 0)
		return 0;
	wait_exit(d->pid, TIMEOUT_MS);
	d->pid = 0;
	return -1;
}

int daemon_stop(struct daemon *d)
{
	int status;

	kill(d->pid, SIGTERM);
	status = wait_exit(d->pid, TIMEOUT_MS);
	d->pid = 0;
	close(d->out_fd);
	return status;
}

int daemon_run(const char *const *args)
{
	const char *argv[MAX_ARGS];
	int out = open(test_path("out"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	pid_t pid;

	build_argv(argv, args, false);
	pid = spawn(argv, out, test_path("err"));
	close(out);
	return wait_exit(pid, TIMEOUT_MS);
}

ssize_t read_whole(const char *path, char **text)
{
	static char buf[65536];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1U);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	*text = buf;
	return n;
}
