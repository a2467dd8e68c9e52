/*
 * Stopping on SIGTERM/SIGINT without races: the stop signals stay blocked
 * except inside hesd_poll(), so a signal can only interrupt a wait, never a
 * reply half written. SIGPIPE is ignored (a closed peer is a write error).
 */
#pragma once

#include <poll.h>
#include <stdbool.h>

/* Blocks SIGTERM, SIGINT and SIGHUP and installs their handler; 0 or -1. */
int hesd_signals_init(void);

/* Whether a stop signal has arrived. */
bool hesd_stopping(void);

/*
 * poll() with the stop signals let through: the number of ready fds, 0 on
 * timeout (timeout_ms < 0: none), -1 on a stop signal or an error.
 */
int hesd_poll(struct pollfd *fds, nfds_t n, int timeout_ms);
