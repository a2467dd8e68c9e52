/*
 * atoll run (docs/cli.md): a realm image on the whole CCA stack under QEMU:
 * the HES daemon, TF-A, the Atoll RMM and the run launcher
 * (host/main/run_image.c), the realm's console streamed to ours.
 *
 * The runtime is what `make` stages in build/share/atoll/ and `make install`
 * puts in PREFIX/share/atoll/: the flash image, atoll-hesd and the two boot
 * scripts (tools/hesd-run.sh, tools/qemu-run.sh), found next to this binary
 * or named by $ATOLL_RUNTIME_DIR. The scripts do the booting, as for make run.
 */
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atoll/run_record.h>

#include "cli.h"

#define RUN_FLASH	"flash-hes-run.bin"
#define RUN_TIMEOUT_S	600U

static const char usage[] =
	"usage: atoll run IMAGE [--s2sz N] [--hash sha-256|sha-512] [--bps N] [--wps N] [--recs N]\n"
	"                 [--state FILE] [--timeout SECONDS] [--log FILE] [--token FILE]\n"
	"  Boots the CCA stack on QEMU (the HES daemon, TF-A, the Atoll RMM, the launcher),\n"
	"  loads the realm image IMAGE into a realm with these parameters (measure's defaults),\n"
	"  runs it and streams its console until it powers off. Needs qemu-system-aarch64.\n"
	"  --state    the emulated device's identity (default ~/.local/share/atoll/qemu-hes.state,\n"
	"             created on first use)\n"
	"  --timeout  stop QEMU after this many seconds (default 600)\n"
	"  --log      keep the console log in FILE\n"
	"  --token    write the attestation token the realm handed over (if any) to FILE\n"
	"  Exit 0 only if the realm powered itself off; 1 if it failed; 4 if the stack did not boot.\n";

/* snprintf into a path buffer; a path too long to fit leaves "" (and fails later, named). */
__attribute__((format(printf, 3, 4))) static void path_fmt(char *out, size_t cap,
							   const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap)
		out[0] = '\0';
}

struct run_options {
	const char *image_path, *state, *log, *token;
	struct atoll_realm_params params;
	unsigned long timeout_s;
};

/* The runtime directory: $ATOLL_RUNTIME_DIR, or share/atoll next to or above this binary. */
static int find_runtime(char dir[PATH_MAX])
{
	const char *env = getenv("ATOLL_RUNTIME_DIR");
	char exe[PATH_MAX], probe[PATH_MAX + 32];
	ssize_t n;

	if (env != NULL && env[0] != '\0') {
		path_fmt(dir, PATH_MAX, "%s", env);
		path_fmt(probe, sizeof(probe), "%s/" RUN_FLASH, dir);
		if (access(probe, R_OK) == 0)
			return 0;
		return cli_fail(CLI_BACKEND, "ATOLL_RUNTIME_DIR=%s holds no " RUN_FLASH, env);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1U);
	if (n <= 0)
		return cli_fail(CLI_BACKEND, "cannot find this program's directory: %s",
				strerror(errno));
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	for (int up = 0; up < 2; up++) {
		path_fmt(dir, PATH_MAX, "%s%s/share/atoll", exe, up ? "/.." : "");
		path_fmt(probe, sizeof(probe), "%s/" RUN_FLASH, dir);
		if (access(probe, R_OK) == 0)
			return 0;
	}
	return cli_fail(CLI_BACKEND, "no Atoll runtime (" RUN_FLASH ") in %s/share/atoll or "
			"%s/../share/atoll: run make (or make install), or set ATOLL_RUNTIME_DIR",
			exe, exe);
}

static bool on_path(const char *program)
{
	const char *path = getenv("PATH");
	char probe[PATH_MAX];

	for (const char *p = path != NULL ? path : ""; *p != '\0';) {
		size_t n = strcspn(p, ":");

		path_fmt(probe, sizeof(probe), "%.*s/%s", (int)n, p, program);
		if (access(probe, X_OK) == 0)
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

/* ~/.local/share/atoll/qemu-hes.state, its directory made (0700) if missing. */
static int default_state(char out[PATH_MAX])
{
	const char *home = getenv("HOME");
	char dir[PATH_MAX];

	if (home == NULL || home[0] != '/')
		return cli_fail(CLI_USAGE, "no HOME: name the device identity with --state FILE");
	path_fmt(dir, sizeof(dir), "%s/.local", home);
	(void)mkdir(dir, 0700);
	path_fmt(dir, sizeof(dir), "%s/.local/share", home);
	(void)mkdir(dir, 0700);
	path_fmt(dir, sizeof(dir), "%s/.local/share/atoll", home);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return cli_fail(CLI_IO, "cannot create %s: %s", dir, strerror(errno));
	path_fmt(out, PATH_MAX, "%s/qemu-hes.state", dir);
	return 0;
}

static int parse(int argc, char **argv, struct run_options *o)
{
	memset(o, 0, sizeof(*o));
	atoll_realm_params_default(&o->params);
	o->timeout_s = RUN_TIMEOUT_S;
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool bad = false;
		uint64_t n;

		if (argv[i][0] != '-' && o->image_path == NULL) {
			o->image_path = argv[i];
		} else if (strcmp(argv[i], "--state") == 0 && v != NULL) {
			o->state = argv[++i];
		} else if (strcmp(argv[i], "--log") == 0 && v != NULL) {
			o->log = argv[++i];
		} else if (strcmp(argv[i], "--token") == 0 && v != NULL) {
			o->token = argv[++i];
		} else if (strcmp(argv[i], "--timeout") == 0 && v != NULL) {
			if (!cli_parse_uint(argv[++i], 86400, &n) || n == 0U)
				return cli_fail(CLI_USAGE, "--timeout takes 1..86400 seconds");
			o->timeout_s = (unsigned long)n;
		} else if (!cli_realm_option(&o->params, argc, argv, &i, &bad) || bad) {
			return cli_usage(usage);
		}
	}
	return o->image_path == NULL ? cli_usage(usage) : CLI_OK;
}

/* The record the launcher reads (include/atoll/run_record.h). */
static int write_record(const char *path, const struct atoll_realm_params *p, size_t size)
{
	struct atoll_run_record r = {
		.version = ATOLL_RUN_VERSION, .num_recs = p->num_recs,
		.image_pa = ATOLL_RUN_IMAGE_PA, .image_size = size, .s2sz = p->s2sz,
		.hash_algo = p->hash_algo, .num_bps = p->num_bps, .num_wps = p->num_wps,
	};

	memcpy(r.magic, ATOLL_RUN_MAGIC, sizeof(r.magic));
	return cli_write_file(path, &r, sizeof(r), false);
}

/* hesd-run.sh ... -- qemu-run.sh arguments; its exit status, or -1. */
static int boot(const char *runtime, const char *work, const char *state, const char *image,
		const char *log, unsigned long timeout_s)
{
	char script[PATH_MAX + 16], flash[PATH_MAX + 32], hesd_log[PATH_MAX + 16];
	char load_image[PATH_MAX + 32], load_record[PATH_MAX + 32], timeout[24];
	int status;
	pid_t pid;

	path_fmt(script, sizeof(script), "%s/hesd-run.sh", runtime);
	path_fmt(flash, sizeof(flash), "%s/" RUN_FLASH, runtime);
	path_fmt(hesd_log, sizeof(hesd_log), "%s/hesd.log", work);
	path_fmt(load_image, sizeof(load_image), "%s@0x%llx", image,
		 (unsigned long long)ATOLL_RUN_IMAGE_PA);
	path_fmt(load_record, sizeof(load_record), "%s/record@0x%llx", work,
		 (unsigned long long)ATOLL_RUN_RECORD_PA);
	path_fmt(timeout, sizeof(timeout), "%lu", timeout_s);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* hesd-run.sh finds the daemon as $BUILD/atoll-hesd and keeps its socket in $BUILD/run. */
		setenv("BUILD", work, 1);
		execl("/bin/bash", "bash", script, "--state", state, "--hesd-log", hesd_log, "--",
		      "--smp", "2", "--timeout", timeout, "--stream", "--load", load_image, "--load",
		      load_record, flash, log, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Whether the launcher's log says the realm ran and powered off. */
static bool run_complete(const char *log)
{
	FILE *f = fopen(log, "r");
	char line[512];
	bool done = false;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		done = done || strncmp(line, "HOST: run complete", 18) == 0;
	if (f != NULL)
		fclose(f);
	return done;
}

static int save_token(const char *log, const char *out)
{
	char context[PATH_MAX + 32];
	size_t len;
	int rc;

	path_fmt(context, sizeof(context), "no token to write to %s: ", out);
	rc = cli_save_console_token(log, out, context, &len);
	if (rc == CLI_OK)
		printf("atoll run: token of %zu bytes written to %s (atoll token show %s)\n", len, out,
		       out);
	return rc;
}

static int run(const struct run_options *o, const char *runtime, const char *state,
	       const char *work)
{
	char image[PATH_MAX], log[PATH_MAX], record[PATH_MAX + 16], hesd[PATH_MAX + 16];
	char hesd_link[PATH_MAX + 16];
	uint8_t rim[ATOLL_DIGEST_MAX], *bytes;
	const char *why = "";
	size_t len, rim_len;
	time_t start;
	int rc;

	bytes = cli_read_file(o->image_path, ATOLL_RUN_IMAGE_MAX, &len);
	if (bytes == NULL)
		return CLI_IO;
	rc = atoll_measure(bytes, len, &o->params, rim, &rim_len, &why) == ATOLL_OK ? CLI_OK
		: cli_fail(CLI_FAILED, "%s: realm image refused: %s", o->image_path, why);
	free(bytes);
	if (rc != CLI_OK)
		return rc;
	if (realpath(o->image_path, image) == NULL)
		return cli_fail(CLI_IO, "%s: %s", o->image_path, strerror(errno));
	printf("atoll run: %s, %zu bytes; its RIM will be ", o->image_path, len);
	cli_print_hex(rim, rim_len);
	putchar('\n');
	path_fmt(record, sizeof(record), "%s/record", work);
	path_fmt(hesd, sizeof(hesd), "%s/atoll-hesd", runtime);
	path_fmt(hesd_link, sizeof(hesd_link), "%s/atoll-hesd", work);
	path_fmt(log, sizeof(log), "%s", o->log != NULL ? o->log : "");
	if (o->log == NULL)
		path_fmt(log, sizeof(log), "%s/console.log", work);
	if (write_record(record, &o->params, len) != 0)
		return CLI_IO;
	if (symlink(hesd, hesd_link) != 0)
		return cli_fail(CLI_IO, "cannot link %s: %s", hesd_link, strerror(errno));
	printf("atoll run: booting QEMU: the HES (device identity %s), TF-A, the Atoll RMM, the "
	       "launcher, then the realm\n", state);
	start = time(NULL);
	rc = boot(runtime, work, state, image, log, o->timeout_s);
	if (rc != 0) {
		return cli_fail(CLI_BACKEND, "the stack did not boot or stopped (status %d, after "
				"%ld s); the console log is %s", rc, (long)(time(NULL) - start),
				o->log != NULL ? o->log : "removed: keep it with --log FILE");
	}
	if (!run_complete(log))
		return cli_fail(CLI_FAILED, "the realm did not power itself off (%ld s); see the "
				"launcher's HOST: lines above", (long)(time(NULL) - start));
	printf("atoll run: the realm powered off after %ld s of QEMU\n", (long)(time(NULL) - start));
	return o->token != NULL ? save_token(log, o->token) : CLI_OK;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

int cli_run(int argc, char **argv)
{
	char runtime[PATH_MAX], state[PATH_MAX], work[] = "/tmp/atoll-run.XXXXXX";
	struct run_options o;
	int rc;

	if (cli_wants_help(argc, argv, usage))
		return CLI_OK;
	rc = parse(argc, argv, &o);
	if (rc != CLI_OK)
		return rc;
	if (find_runtime(runtime) != 0)
		return CLI_BACKEND;
	if (!on_path("qemu-system-aarch64"))
		return cli_fail(CLI_BACKEND, "qemu-system-aarch64 is not on PATH (Debian package "
				"qemu-system-arm, version 10 or later for RME)");
	if (o.state != NULL)
		path_fmt(state, sizeof(state), "%s", o.state);
	else if (default_state(state) != 0)
		return CLI_IO;
	if (mkdtemp(work) == NULL)
		return cli_fail(CLI_IO, "cannot create a work directory: %s", strerror(errno));
	rc = run(&o, runtime, state, work);
	if (nftw(work, remove_entry, 8, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "atoll: could not remove %s: %s\n", work, strerror(errno));
	return rc;
}
