/* Unix and TCP sockets to QEMU's UART1 chardev (see transport.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* accept4 */
#endif
#include "transport.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "log.h"
#include "signals.h"

#define RETRY_MS	100	/* --connect: between attempts */
#define SEND_TIMEOUT_S	2	/* a reply QEMU does not take in this long ends the boot */

int hesd_endpoint_parse(struct hesd_endpoint *ep, const char *spec, bool listen)
{
	const char *colon;

	memset(ep, 0, sizeof(*ep));
	ep->listen = listen;
	if (strncmp(spec, "unix:", 5) == 0) {
		ep->kind = HESD_ENDPOINT_UNIX;
		if (spec[5] == '\0' || strlen(spec + 5) >= sizeof(ep->path)) {
			fprintf(stderr, "atoll-hesd: %s: socket path empty or over %zu bytes\n", spec,
				sizeof(ep->path) - 1U);
			return -1;
		}
		strcpy(ep->path, spec + 5);
		return 0;
	}
	colon = strrchr(spec, ':');
	if (strncmp(spec, "tcp:", 4) != 0 || colon == spec + 3 || colon[1] == '\0' ||
	    (size_t)(colon - spec - 4) >= sizeof(ep->host) || strlen(colon + 1) >= sizeof(ep->port)) {
		fprintf(stderr, "atoll-hesd: %s: not unix:PATH or tcp:HOST:PORT\n", spec);
		return -1;
	}
	ep->kind = HESD_ENDPOINT_TCP;
	memcpy(ep->host, spec + 4, (size_t)(colon - spec - 4));
	strcpy(ep->port, colon + 1);
	return 0;
}

static int unix_socket(const char *path, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	strcpy(sa->sun_path, path);	/* length checked by hesd_endpoint_parse */
	return socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

/* The socket file at path, if any, is a dead daemon's: removed; anything else is refused. */
static int clear_stale_socket(const char *path)
{
	struct sockaddr_un sa;
	struct stat st;
	int fd, live;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISSOCK(st.st_mode)) {
		fprintf(stderr, "atoll-hesd: %s: exists and is not a socket; not replacing it\n", path);
		return -1;
	}
	fd = unix_socket(path, &sa);
	if (fd < 0)
		return -1;
	live = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	close(fd);
	if (live) {
		fprintf(stderr, "atoll-hesd: %s: another process is listening there\n", path);
		return -1;
	}
	return unlink(path);
}

static int unix_listen(struct hesd_transport *t)
{
	struct sockaddr_un sa;

	if (clear_stale_socket(t->ep.path) != 0)
		return -1;
	t->listen_fd = unix_socket(t->ep.path, &sa);
	if (t->listen_fd < 0 || bind(t->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		return -1;
	t->made_socket_file = true;
	return listen(t->listen_fd, 1);
}

static struct addrinfo *tcp_lookup(const struct hesd_endpoint *ep)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE };
	struct addrinfo *res = NULL;
	int err = getaddrinfo(ep->host, ep->port, &hints, &res);

	if (err != 0) {
		fprintf(stderr, "atoll-hesd: tcp:%s:%s: %s\n", ep->host, ep->port, gai_strerror(err));
		return NULL;
	}
	return res;
}

/* The TCP name with the port actually bound (port 0 picks one). */
static void tcp_name(struct hesd_transport *t)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char port[16];

	if (getsockname(t->listen_fd, (struct sockaddr *)&ss, &len) != 0 ||
	    getnameinfo((struct sockaddr *)&ss, len, NULL, 0, port, sizeof(port), NI_NUMERICSERV) != 0)
		strcpy(port, t->ep.port);
	snprintf(t->name, sizeof(t->name), "tcp:%s:%s", t->ep.host, port);
}

static int tcp_listen(struct hesd_transport *t)
{
	struct addrinfo *res = tcp_lookup(&t->ep);
	int one = 1;

	for (struct addrinfo *ai = res; ai != NULL && t->listen_fd < 0; ai = ai->ai_next) {
		t->listen_fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (t->listen_fd < 0)
			continue;
		if (setsockopt(t->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
		    bind(t->listen_fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(t->listen_fd, 1) != 0) {
			close(t->listen_fd);
			t->listen_fd = -1;
		}
	}
	if (res == NULL)
		return -1;
	freeaddrinfo(res);
	if (t->listen_fd >= 0)
		tcp_name(t);
	return t->listen_fd >= 0 ? 0 : -1;
}

int hesd_transport_open(struct hesd_transport *t, const struct hesd_endpoint *ep)
{
	int err;

	memset(t, 0, sizeof(*t));
	t->ep = *ep;
	t->listen_fd = -1;
	if (ep->kind == HESD_ENDPOINT_UNIX)
		snprintf(t->name, sizeof(t->name), "unix:%s", ep->path);
	else
		snprintf(t->name, sizeof(t->name), "tcp:%s:%s", ep->host, ep->port);
	if (!ep->listen)
		return 0;
	errno = 0;
	err = ep->kind == HESD_ENDPOINT_UNIX ? unix_listen(t) : tcp_listen(t);
	if (err != 0) {
		if (errno != 0)
			fprintf(stderr, "atoll-hesd: cannot listen on %s: %m\n", t->name);
		hesd_transport_close(t);
	}
	return err;
}

/* Per connection: a reply QEMU will not take must not hold shutdown up forever. */
static int set_up_connection(const struct hesd_transport *t, int fd)
{
	struct timeval tv = { SEND_TIMEOUT_S, 0 };
	int one = 1;

	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) != 0)
		hesd_log_event("%s: no send timeout: %s", t->name, strerror(errno));
	if (t->ep.kind == HESD_ENDPOINT_TCP)
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* One attempt to reach QEMU's listening socket: an fd, or -1. */
static int try_connect(const struct hesd_endpoint *ep)
{
	struct sockaddr_un sa;
	struct addrinfo *res;
	int fd = -1;

	if (ep->kind == HESD_ENDPOINT_UNIX) {
		fd = unix_socket(ep->path, &sa);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
			close(fd);
			fd = -1;
		}
		return fd;
	}
	res = tcp_lookup(ep);
	for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
			close(fd);
			fd = -1;
		}
	}
	if (res != NULL)
		freeaddrinfo(res);
	return fd;
}

int hesd_transport_next(struct hesd_transport *t)
{
	struct pollfd pfd = { .fd = t->listen_fd, .events = POLLIN };
	bool said = false;
	int fd;

	while (t->listen_fd >= 0) {
		if (hesd_poll(&pfd, 1, -1) < 0)
			return -1;
		fd = accept4(t->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd >= 0)
			return set_up_connection(t, fd);
		hesd_log_event("accept on %s: %s", t->name, strerror(errno));
		if (hesd_poll(NULL, 0, RETRY_MS) < 0)	/* e.g. out of fds: no busy loop */
			return -1;
	}
	while ((fd = try_connect(&t->ep)) < 0) {
		if (!said)
			hesd_log_event("waiting for %s", t->name);
		said = true;
		if (hesd_poll(NULL, 0, RETRY_MS) < 0)
			return -1;
	}
	return set_up_connection(t, fd);
}

void hesd_transport_refuse(struct hesd_transport *t)
{
	int fd = accept4(t->listen_fd, NULL, NULL, SOCK_CLOEXEC);

	if (fd >= 0) {
		hesd_log_event("refused a second connection on %s (one boot at a time)", t->name);
		close(fd);
	}
}

void hesd_transport_close(struct hesd_transport *t)
{
	if (t->listen_fd >= 0)
		close(t->listen_fd);
	t->listen_fd = -1;
	if (t->made_socket_file)
		unlink(t->ep.path);
	t->made_socket_file = false;
}
