/*
 * The byte stream to QEMU's UART1: a Unix or TCP socket, one connection at
 * a time. --listen: the daemon listens and QEMU connects (-chardev
 * socket,...,server=off, or -serial tcp:HOST:PORT); --connect: QEMU listens
 * (server=on) and the daemon connects, retrying until it can. Endpoints
 * are written unix:PATH or tcp:HOST:PORT.
 */
#pragma once

#include <stdbool.h>
#include <sys/un.h>

enum hesd_endpoint_kind {
	HESD_ENDPOINT_UNIX,
	HESD_ENDPOINT_TCP,
};

struct hesd_endpoint {
	bool listen;			/* else connect */
	enum hesd_endpoint_kind kind;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];	/* unix */
	char host[256];			/* tcp */
	char port[16];
};

/* Parses unix:PATH or tcp:HOST:PORT; 0, or -1 with a message on stderr. */
int hesd_endpoint_parse(struct hesd_endpoint *ep, const char *spec, bool listen);

struct hesd_transport {
	struct hesd_endpoint ep;
	int listen_fd;			/* -1 when connecting */
	bool made_socket_file;		/* unlinked by close */
	char name[300];			/* "unix:PATH", "tcp:HOST:PORT" with the bound port */
};

/* Binds and listens (listen) or only records the peer (connect); 0, or -1 with a message. */
int hesd_transport_open(struct hesd_transport *t, const struct hesd_endpoint *ep);

/* The next connection's fd: waits for QEMU; -1 on a stop signal or a fatal error. */
int hesd_transport_next(struct hesd_transport *t);

/* Accepts and closes a connection waiting while one is served (listen only); its fd is readable. */
void hesd_transport_refuse(struct hesd_transport *t);

/* Closes the listening socket and removes the socket file it made. */
void hesd_transport_close(struct hesd_transport *t);
