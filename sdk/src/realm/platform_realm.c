/*
 * The library in a bare-metal realm payload (libatoll-realm.a): a spin lock
 * for RECs that call it at once, one open-error buffer, secret random bytes
 * from the CPU's RNDR (realm/entropy.c), and the backends a realm has: rsi,
 * and none for verifying. Memory comes from the payload's heap
 * (realm/heap.c: calloc/free).
 */
#include "entropy.h"
#include "internal.h"

static volatile int lib_lock;
static char open_error[ATOLL_DETAIL_MAX];

void atoll_lock(void)
{
	while (__atomic_test_and_set(&lib_lock, __ATOMIC_ACQUIRE))
		;
}

void atoll_unlock(void)
{
	__atomic_clear(&lib_lock, __ATOMIC_RELEASE);
}

char *atoll_open_error_buf(void)
{
	return open_error;
}

bool atoll_random(uint8_t *buf, size_t len)
{
	return realm_entropy_fill(buf, len) == ENTROPY_OK;
}

const struct atoll_backend_ops *const atoll_backends[] = {
	&atoll_backend_rsi, &atoll_backend_none,
};
const size_t atoll_backend_count = sizeof(atoll_backends) / sizeof(atoll_backends[0]);
