/* Stop signals and interruptible waits (see signals.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* ppoll */
#endif
#include "signals.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>

static volatile sig_atomic_t stop_signal;
static sigset_t wait_mask;	/* the mask inside hesd_poll: stop signals unblocked */

static void on_stop(int sig)
{
	stop_signal = sig;
}

int hesd_signals_init(void)
{
	static const int stops[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa = { .sa_handler = on_stop };
	sigset_t block;

	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		sigaddset(&block, stops[i]);
		if (sigaction(stops[i], &sa, NULL) != 0)
			return -1;
	}
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR || sigprocmask(SIG_BLOCK, &block, &wait_mask) != 0)
		return -1;
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		sigdelset(&wait_mask, stops[i]);
	return 0;
}

bool hesd_stopping(void)
{
	return stop_signal != 0;
}

int hesd_poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
	int ready;

	if (hesd_stopping())
		return -1;
	do
		ready = ppoll(fds, n, timeout_ms < 0 ? NULL : &ts, &wait_mask);
	while (ready < 0 && errno == EINTR && !hesd_stopping());
	return ready;
}
