/* atoll-hesd's command line (the usage text is in args.c; docs/hes.md). */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "transport.h"

#define HESD_IDLE_MS_DEFAULT	500	/* well under TF-A's 2 s reply timeout */

struct hesd_args {
	const char *state_path;		/* --state, required */
	const char *log_path;		/* --log FILE or -, NULL: none */
	const char *pidfile;		/* --pidfile */
	const char *verification_url;	/* --verification-url: claim 2400 */
	bool have_endpoint;
	struct hesd_endpoint endpoint;	/* --listen or --connect */
	bool lifecycle_given;
	uint32_t lifecycle;		/* --lifecycle, else secured */
	int idle_ms;			/* --idle-ms */
	unsigned int drop_after;	/* --drop-after: answer N requests a boot, 0: all */
	bool show_cpak;			/* --show-cpak: print the CPAK public key and exit */
};

enum hesd_args_result {
	HESD_ARGS_RUN,
	HESD_ARGS_HELP,		/* usage printed on stdout: exit 0 */
	HESD_ARGS_ERROR,	/* message on stderr: exit 2 */
};

enum hesd_args_result hesd_args_parse(struct hesd_args *a, int argc, char **argv);
