/* The OS random source (see random.h). */
#include "random.h"

#include <sys/random.h>

#include "io.h"

static ssize_t random_step(int fd, void *buf, size_t len)
{
	(void)fd;
	return getrandom(buf, len, 0);
}

int hesd_random(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	return hesd_io_full(random_step, -1, buf, len);
}
