/*
 * atoll-hesd: the HES as a host process. It keeps the device's roots in a
 * state file (statefile.c), serves TF-A's PSA calls from QEMU's secure
 * UART1 over a socket (transport.c, serve.c) with the OS-free core in
 * hes/, logs every request (log.c) and stops cleanly on SIGTERM/SIGINT
 * (signals.c). Usage: args.c, docs/hes.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hes/hes.h>
#include <mbedtls/platform_util.h>

#include "args.h"
#include "log.h"
#include "random.h"
#include "serve.h"
#include "signals.h"
#include "statefile.h"

static struct hes device;	/* about 60 KB: not on the stack */

/* The device from its state file; 0, or -1 after a message. */
static int set_up_device(const struct hesd_args *a)
{
	struct hes_config cfg;
	struct hes_roots roots;
	bool created;
	int32_t status;

	char why[HESD_STATE_WHY_MAX];

	if (hesd_state_load(a->state_path, a->lifecycle, a->lifecycle_given, &roots, &created, why,
			    sizeof(why)) != 0) {
		fprintf(stderr, "atoll-hesd: %s; refusing to start\n", why);
		return -1;
	}
	hesd_log_event("state %s: %s, lifecycle %s (0x%04x)", a->state_path,
		       created ? "created with fresh roots" : "loaded", hesd_lifecycle_name(roots.lifecycle),
		       roots.lifecycle);
	if (created)
		fprintf(stderr, "atoll-hesd: %s: created a new device state (lifecycle %s)\n",
			a->state_path, hesd_lifecycle_name(roots.lifecycle));
	hes_config_default(&cfg);
	if (a->verification_url != NULL)
		strcpy(cfg.verification_url, a->verification_url);	/* length checked by args.c */
	status = hes_init(&device, &cfg, &roots, hesd_random, NULL);
	mbedtls_platform_zeroize(&roots, sizeof(roots));
	if (status != PSA_SUCCESS) {
		fprintf(stderr, "atoll-hesd: cannot set up the device keys (PSA status %d)\n", status);
		return -1;
	}
	return 0;
}

static void print_cpak(void)
{
	for (size_t i = 0; i < HES_P384_PUB_BYTES; i++)
		printf("%02x", device.cpak_pub[i]);
	printf("\n");
}

static int write_pidfile(const char *path)
{
	FILE *f = fopen(path, "we");

	if (f == NULL || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) != 0) {
		fprintf(stderr, "atoll-hesd: cannot write pidfile %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Listens (or gets ready to connect), serves until stopped; the exit status. */
static int run(const struct hesd_args *a)
{
	struct hesd_transport t;
	int err;

	if (hesd_transport_open(&t, &a->endpoint) != 0)
		return 1;
	if (a->pidfile != NULL && write_pidfile(a->pidfile) != 0) {
		hesd_transport_close(&t);
		return 1;
	}
	hesd_log_event("serving on %s (%s)", t.name, a->endpoint.listen ? "listening" : "connecting");
	err = hesd_serve(&device, &t, a->idle_ms, a->drop_after);
	hesd_transport_close(&t);
	if (a->pidfile != NULL)
		unlink(a->pidfile);
	hesd_log_event("%s", err == 0 ? "stopped; state file untouched" : "transport failed");
	return err == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct hesd_args a;
	int rc;

	switch (hesd_args_parse(&a, argc, argv)) {
	case HESD_ARGS_HELP: return 0;
	case HESD_ARGS_ERROR: return 2;
	case HESD_ARGS_RUN: break;
	}
	if (hesd_signals_init() != 0 || hesd_log_open(a.log_path) != 0)
		return 1;
	rc = set_up_device(&a) != 0 ? 1 : 0;
	if (rc == 0 && a.show_cpak)
		print_cpak();
	else if (rc == 0)
		rc = run(&a);
	hes_wipe(&device);
	hesd_log_close();
	return rc;
}
