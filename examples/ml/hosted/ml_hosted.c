/* The x86 programs' platform (ml_hosted.h). */
#include "ml_hosted.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/net_sockets.h>

const char *ml_unix_path(const char *addr)
{
	struct sockaddr_un sun;

	if (!addr || strncmp(addr, "unix:", 5) != 0 || addr[5] == '\0' ||
	    strlen(addr + 5) >= sizeof(sun.sun_path))
		return NULL;
	return addr + 5;
}

static int unix_socket(const char *addr, struct sockaddr_un *sun, char *err, size_t cap)
{
	const char *path = ml_unix_path(addr);
	int fd;

	if (!path) {
		snprintf(err, cap, "%s: not an address of the form unix:PATH", addr);
		errno = EINVAL;
		return -1;
	}
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		snprintf(err, cap, "socket: %s", strerror(errno));
	return fd;
}

int ml_listen_accept(const char *addr, char *err, size_t cap)
{
	struct sockaddr_un sun;
	struct stat st;
	int lfd = unix_socket(addr, &sun, err, cap), fd, saved;

	if (lfd < 0)
		return -1;
	/* Replace only a socket left behind, never another kind of file. */
	if (lstat(sun.sun_path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(sun.sun_path);
	if (bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) != 0 || listen(lfd, 1) != 0) {
		saved = errno;
		snprintf(err, cap, "%s: cannot listen: %s", addr, strerror(saved));
		close(lfd);
		errno = saved;
		return -1;
	}
	do
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	saved = errno;
	if (fd < 0)
		snprintf(err, cap, "%s: accept: %s", addr, strerror(saved));
	close(lfd);
	unlink(sun.sun_path);
	errno = saved;
	return fd;
}

int ml_connect(const char *addr, unsigned int wait_ms, char *err, size_t cap)
{
	struct sockaddr_un sun;
	unsigned int waited = 0;

	for (;;) {
		int fd = unix_socket(addr, &sun, err, cap), saved;

		if (fd < 0)
			return -1;
		if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
			return fd;
		saved = errno;
		close(fd);
		if ((saved != ENOENT && saved != ECONNREFUSED) || waited >= wait_ms) {
			snprintf(err, cap, "%s: cannot connect: %s", addr, strerror(saved));
			errno = saved;
			return -1;
		}
		nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
		waited += 20;
	}
}

int ml_fd_send(void *ctx, const unsigned char *buf, size_t len)
{
	int fd = *(int *)ctx;
	ssize_t n;

	do
		n = send(fd, buf, len, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EPIPE || errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET :
							       MBEDTLS_ERR_NET_SEND_FAILED;
	return (int)n;
}

int ml_fd_recv(void *ctx, unsigned char *buf, size_t len)
{
	int fd = *(int *)ctx;
	ssize_t n;

	do
		n = recv(fd, buf, len, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
	return (int)n;
}

int ml_rng_init(struct ml_rng *r, const char *personalisation)
{
	mbedtls_entropy_init(&r->entropy);
	mbedtls_ctr_drbg_init(&r->drbg);
	return mbedtls_ctr_drbg_seed(&r->drbg, mbedtls_entropy_func, &r->entropy,
				     (const unsigned char *)personalisation, strlen(personalisation));
}

void ml_rng_free(struct ml_rng *r)
{
	mbedtls_ctr_drbg_free(&r->drbg);
	mbedtls_entropy_free(&r->entropy);
}

int ml_rng(void *r, unsigned char *out, size_t len)
{
	return mbedtls_ctr_drbg_random(&((struct ml_rng *)r)->drbg, out, len);
}

unsigned char *ml_read_file(const char *path, size_t max, size_t *len, char *err, size_t cap)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	size_t n;

	if (!f) {
		snprintf(err, cap, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(max + 1);
	n = buf ? fread(buf, 1, max + 1, f) : 0;
	if (!buf || ferror(f) || n > max) {
		snprintf(err, cap, "%s: %s", path, !buf ? "out of memory" : ferror(f) ?
			 strerror(errno) : "larger than the protocol's maximum");
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}
