/* Whole transfers (see io.h). */
#include "io.h"

#include <errno.h>
#include <stdint.h>
#include <unistd.h>

int hesd_io_full(hesd_io_step *step, int fd, void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len > 0U) {
		ssize_t n = step(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* write() as a step: buf is only read. */
static ssize_t write_step(int fd, void *buf, size_t len)
{
	return write(fd, buf, len);
}

int hesd_write_all(int fd, const void *buf, size_t len)
{
	return hesd_io_full(write_step, fd, (void *)buf, len);
}
