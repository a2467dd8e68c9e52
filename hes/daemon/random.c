/* The OS random source (see random.h). */
#include "random.h"

#include <errno.h>
#include <sys/random.h>

int hesd_random(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	while (len > 0U) {
		ssize_t n = getrandom(buf, len, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}
