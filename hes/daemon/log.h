/*
 * The daemon's log (--log FILE, or - for stderr): one line per event and
 * one per request, each with a UTC timestamp. A request line has the boot,
 * seq, handle, type (and the call's name), input sizes, output capacities,
 * output sizes and the PSA status; never a byte of any vector, so no key
 * material reaches the log.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Opens the log (appending); NULL path: no log. 0, or -1 with a message on stderr. */
int hesd_log_open(const char *path);
void hesd_log_close(void);

/* A free-form event line. */
void hesd_log_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A request and its reply: req is the request's fixed part as received
 * (req_len bytes, at least its 20-byte header), reply the whole reply.
 */
void hesd_log_request(unsigned int boot, const uint8_t *req, size_t req_len, const uint8_t *reply,
		      size_t reply_len);
