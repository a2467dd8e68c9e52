/*
 * The x86 programs' platform (ml-provider, ml-client, ml-sim-server): Unix
 * sockets as mbedTLS BIO callbacks, and a CTR_DRBG seeded from the OS.
 */
#pragma once

#include <stddef.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

/* "unix:PATH" -> PATH, or NULL if addr is not of that form (or the path is too long). */
const char *ml_unix_path(const char *addr);

/*
 * Listens on addr (a stale socket file there is replaced) and accepts one
 * connection; the listening socket is closed. The fd, or -1 with errno set
 * and why in err.
 */
int ml_listen_accept(const char *addr, char *err, size_t cap);

/* Connects to addr, retrying for up to wait_ms while nobody listens yet. */
int ml_connect(const char *addr, unsigned int wait_ms, char *err, size_t cap);

/* mbedTLS BIO callbacks on a blocking socket; ctx points to the int fd. */
int ml_fd_send(void *ctx, const unsigned char *buf, size_t len);
int ml_fd_recv(void *ctx, unsigned char *buf, size_t len);

/* CTR_DRBG seeded from the OS entropy source; ml_rng is its f_rng. */
struct ml_rng {
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
};
int ml_rng_init(struct ml_rng *r, const char *personalisation);
void ml_rng_free(struct ml_rng *r);
int ml_rng(void *r, unsigned char *out, size_t len);

/* Reads a whole file (at most max bytes) into a malloc'd buffer; NULL with why in err. */
unsigned char *ml_read_file(const char *path, size_t max, size_t *len, char *err, size_t cap);
