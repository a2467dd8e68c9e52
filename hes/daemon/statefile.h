/*
 * The state file: the device's lifecycle state and its roots HUK and GUK
 * (the core's blob, hes/include/hes/state.h), standing for fuses.
 *
 * - Missing: fresh roots from the OS random source are written to a new
 *   temporary file (O_CREAT|O_EXCL, mode 0600), fsync'ed, and linked to
 *   the path, which fails rather than replace a file that appeared
 *   meanwhile; then the directory is fsync'ed.
 * - Present: it must be a regular file with no group or other permission
 *   bits and a blob the core accepts (magic, version, length, checksum,
 *   lifecycle). Anything else is refused with a message naming the file
 *   and the problem. The file is never written again.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hes/state.h>

#define HESD_STATE_WHY_MAX	512U	/* room for any message of hesd_state_load() */

/*
 * Loads the state at path, or creates it in lifecycle (the daemon's
 * default, or --lifecycle). If want_lifecycle, an existing state must hold
 * exactly that lifecycle. 0, with *created set; -1 with why (why_cap bytes)
 * holding a message that names the file and the problem, for the caller to
 * print with its own name or hand on.
 */
int hesd_state_load(const char *path, uint32_t lifecycle, bool want_lifecycle,
		    struct hes_roots *roots, bool *created, char *why, size_t why_cap);

/* "secured (0x3000)" style name of a lifecycle state. */
const char *hesd_lifecycle_name(uint32_t lifecycle);

/* A lifecycle by name (secured, non-cca-debug, ...) or number (0x3000); 0 or -1. */
int hesd_lifecycle_parse(const char *text, uint32_t *lifecycle);
