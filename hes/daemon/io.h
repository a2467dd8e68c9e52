/* Whole transfers: a step (write, getrandom) repeated until every byte is done. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* One try: bytes done, or -1 with errno (0 counts as a failure). */
typedef ssize_t hesd_io_step(int fd, void *buf, size_t len);

/* Repeats step over buf (EINTR retried); 0 once len bytes are done, else -1. */
int hesd_io_full(hesd_io_step *step, int fd, void *buf, size_t len);

/* write() of all len bytes (to a socket as well: SIGPIPE is ignored); 0 or -1. */
int hesd_write_all(int fd, const void *buf, size_t len);
