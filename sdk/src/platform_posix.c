/*
 * The library on x86 processes: a pthread library lock, the open error per
 * thread, random bytes from the OS, and the backends an x86 build has (the
 * rsi backend is only in libatoll-realm.a, the bare-metal realm build).
 */
#include <pthread.h>
#include <sys/random.h>

#include "internal.h"

static pthread_mutex_t lib_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local char open_error[ATOLL_DETAIL_MAX];

void atoll_lock(void)
{
	(void)pthread_mutex_lock(&lib_lock);
}

void atoll_unlock(void)
{
	(void)pthread_mutex_unlock(&lib_lock);
}

char *atoll_open_error_buf(void)
{
	return open_error;
}

bool atoll_random(uint8_t *buf, size_t len)
{
	return getrandom(buf, len, 0) == (ssize_t)len;
}

static atoll_status rsi_open_elsewhere(struct atoll_ctx *ctx, const struct atoll_options *opt)
{
	(void)opt;
	return atoll_fail(ctx, ATOLL_E_UNSUPPORTED,
			  "the rsi backend runs only in a bare-metal realm payload linked with "
			  "libatoll-realm.a; use sim on x86 or tsm in a Linux realm");
}

static const struct atoll_backend_ops rsi_elsewhere = {
	.name = "rsi",
	.open = rsi_open_elsewhere,
};

const struct atoll_backend_ops *const atoll_backends[] = {
	&atoll_backend_sim, &atoll_backend_tsm, &rsi_elsewhere, &atoll_backend_none,
};
const size_t atoll_backend_count = sizeof(atoll_backends) / sizeof(atoll_backends[0]);
