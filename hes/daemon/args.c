/* Command-line parsing (see args.h). */
#include "args.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hes/hes.h>

#include "statefile.h"

static const char usage[] =
	"usage: atoll-hesd --state FILE (--listen ENDPOINT | --connect ENDPOINT | --show-cpak)\n"
	"                  [--log FILE|-] [--pidfile FILE] [--idle-ms N] [--lifecycle STATE]\n"
	"                  [--verification-url URL] [--drop-after N]\n"
	"The HES daemon: serves TF-A's PSA calls on QEMU's secure UART1.\n"
	"  --state FILE       the device's roots (HUK, GUK) and lifecycle, mode 0600; created\n"
	"                     with fresh roots if missing, never rewritten; delete it to make a\n"
	"                     new device identity\n"
	"  --listen EP        listen on unix:PATH or tcp:HOST:PORT (QEMU connects: server=off)\n"
	"  --connect EP       connect to QEMU's socket (server=on), retrying until it is there\n"
	"  --show-cpak        print the CPAK public key (SEC1 uncompressed, hex) and exit\n"
	"  --log FILE|-       one line per request and per connection event (- is stderr)\n"
	"  --pidfile FILE     written once listening, removed at exit\n"
	"  --idle-ms N        drop a partial frame after N ms of silence (default 500)\n"
	"  --lifecycle STATE  for a new state file only: assembly-and-test, provisioning,\n"
	"                     secured (default), non-cca-debug, recoverable-debug,\n"
	"                     decommissioned, or a number such as 0x3000\n"
	"  --verification-url URL  claim 2400 of the platform token (default: left out)\n"
	"  --drop-after N     answer only the first N requests of each boot, then go silent:\n"
	"                     an HES that dies mid-boot, for tests (default: answer all)\n"
	"Once listening (or, with --connect, connected) it prints \"ready ENDPOINT\" on stdout.\n"
	"A new connection is a new boot: slots empty, no DAK; the roots and CPAK stay.\n"
	"SIGTERM or SIGINT: the current reply is finished, the socket closed, exit 0.\n";

enum { OPT_STATE = 1, OPT_LISTEN, OPT_CONNECT, OPT_LOG, OPT_PIDFILE, OPT_IDLE, OPT_LIFECYCLE,
       OPT_URL, OPT_SHOW_CPAK, OPT_DROP_AFTER, OPT_HELP };

static const struct option options[] = {
	{ "state", required_argument, NULL, OPT_STATE },
	{ "listen", required_argument, NULL, OPT_LISTEN },
	{ "connect", required_argument, NULL, OPT_CONNECT },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "pidfile", required_argument, NULL, OPT_PIDFILE },
	{ "idle-ms", required_argument, NULL, OPT_IDLE },
	{ "lifecycle", required_argument, NULL, OPT_LIFECYCLE },
	{ "verification-url", required_argument, NULL, OPT_URL },
	{ "show-cpak", no_argument, NULL, OPT_SHOW_CPAK },
	{ "drop-after", required_argument, NULL, OPT_DROP_AFTER },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

/* A decimal number in [1, max]; -1 if it is not one. */
static long parse_count(const char *text, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || v < 1 || v > max)
		return -1;
	return v;
}

/* One option; 0, or -1 after a message. */
static int take(struct hesd_args *a, int opt, const char *arg)
{
	switch (opt) {
	case OPT_STATE: a->state_path = arg; return 0;
	case OPT_LOG: a->log_path = arg; return 0;
	case OPT_PIDFILE: a->pidfile = arg; return 0;
	case OPT_SHOW_CPAK: a->show_cpak = true; return 0;
	case OPT_URL:
		a->verification_url = arg;
		if (strlen(arg) < HES_VERIFICATION_URL_MAX)
			return 0;
		fprintf(stderr, "atoll-hesd: --verification-url: over %u bytes\n",
			HES_VERIFICATION_URL_MAX - 1U);
		return -1;
	case OPT_LISTEN:
	case OPT_CONNECT:
		if (a->have_endpoint) {
			fprintf(stderr, "atoll-hesd: one --listen or --connect, not two\n");
			return -1;
		}
		a->have_endpoint = true;
		return hesd_endpoint_parse(&a->endpoint, arg, opt == OPT_LISTEN);
	case OPT_IDLE:
		a->idle_ms = (int)parse_count(arg, 60000);
		if (a->idle_ms > 0)
			return 0;
		fprintf(stderr, "atoll-hesd: --idle-ms %s: not 1..60000\n", arg);
		return -1;
	case OPT_DROP_AFTER: {
		long n = parse_count(arg, 1000000);

		a->drop_after = n > 0 ? (unsigned int)n : 0U;
		if (n > 0)
			return 0;
		fprintf(stderr, "atoll-hesd: --drop-after %s: not 1..1000000\n", arg);
		return -1;
	}
	case OPT_LIFECYCLE:
		a->lifecycle_given = true;
		if (hesd_lifecycle_parse(arg, &a->lifecycle) == 0)
			return 0;
		fprintf(stderr, "atoll-hesd: --lifecycle %s: not a lifecycle state\n", arg);
		return -1;
	}
	return -1;
}

enum hesd_args_result hesd_args_parse(struct hesd_args *a, int argc, char **argv)
{
	int opt;

	memset(a, 0, sizeof(*a));
	a->lifecycle = HES_LCS_SECURED;
	a->idle_ms = HESD_IDLE_MS_DEFAULT;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == OPT_HELP) {
			fputs(usage, stdout);
			return HESD_ARGS_HELP;
		}
		if (opt == '?') {
			fprintf(stderr, "atoll-hesd: unknown option or missing argument: %s\n",
				argv[optind - 1]);
			return HESD_ARGS_ERROR;
		}
		if (take(a, opt, optarg) != 0)
			return HESD_ARGS_ERROR;
	}
	if (optind < argc)
		fprintf(stderr, "atoll-hesd: unexpected argument %s\n", argv[optind]);
	else if (a->state_path == NULL)
		fprintf(stderr, "atoll-hesd: --state FILE is required\n");
	else if (a->have_endpoint == a->show_cpak)
		fprintf(stderr, "atoll-hesd: give one of --listen, --connect or --show-cpak\n");
	else
		return HESD_ARGS_RUN;
	fprintf(stderr, "(atoll-hesd --help for usage)\n");
	return HESD_ARGS_ERROR;
}
