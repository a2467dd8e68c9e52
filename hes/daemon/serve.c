/* The connection loop (see serve.h). */
#include "serve.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <hes/protocol.h>

#include "io.h"
#include "log.h"
#include "signals.h"

struct conn {
	int fd;
	bool broken;		/* a write failed: the boot ends after this chunk */
	unsigned int boot;
	unsigned int replies, drop_after;
	struct hes_proto proto;
};

static struct conn conn;	/* about 8 KB of frame buffers */

/*
 * The core calls this with the request still in proto.rx (its fixed part
 * at least, proto.have bytes), which is what the log line decodes.
 */
static void on_reply(void *ctx, const uint8_t *reply, size_t len)
{
	struct conn *c = ctx;

	hesd_log_request(c->boot, c->proto.rx, c->proto.have, reply, len);
	if (c->drop_after != 0U && c->replies == c->drop_after) {
		hesd_log_event("boot %u: request not answered (--drop-after %u)", c->boot,
			       c->drop_after);
		return;
	}
	if (!c->broken && hesd_write_all(c->fd, reply, len) != 0) {
		hesd_log_event("boot %u: reply not sent: %s", c->boot, strerror(errno));
		c->broken = true;
	}
	c->replies++;
}

/* Waits for bytes, idle or a second peer; false when the boot ends. */
static bool serve_once(struct conn *c, struct hesd_transport *t, int idle_ms)
{
	struct pollfd pfd[2] = {
		{ .fd = c->fd, .events = POLLIN },
		{ .fd = t->listen_fd, .events = POLLIN },
	};
	uint8_t buf[4096];
	int ready = hesd_poll(pfd, t->listen_fd >= 0 ? 2 : 1, c->proto.have != 0U ? idle_ms : -1);
	ssize_t n;

	if (ready < 0)
		return false;
	if (ready == 0) {
		hesd_log_event("boot %u: dropped a partial frame of %zu bytes after %d ms of silence",
			       c->boot, c->proto.have, idle_ms);
		hes_proto_idle(&c->proto);
		return true;
	}
	/*
	 * Another peer waiting is refused only once this one has nothing
	 * pending: after a QEMU restart the old connection's end of file comes
	 * first, and the waiting peer is then the next boot.
	 */
	if (pfd[0].revents == 0) {
		hesd_transport_refuse(t);
		return true;
	}
	n = read(c->fd, buf, sizeof(buf));
	if (n <= 0)
		return false;
	hes_proto_feed(&c->proto, buf, (size_t)n);
	return !c->broken;
}

static void say_ready(const struct hesd_transport *t)
{
	printf("ready %s\n", t->name);
	fflush(stdout);
}

int hesd_serve(struct hes *h, struct hesd_transport *t, int idle_ms, unsigned int drop_after)
{
	if (t->ep.listen)
		say_ready(t);
	while (!hesd_stopping()) {
		conn.fd = hesd_transport_next(t);
		if (conn.fd < 0)
			return hesd_stopping() ? 0 : -1;
		if (conn.boot++ == 0U && !t->ep.listen)
			say_ready(t);
		conn.broken = false;
		conn.replies = 0;
		conn.drop_after = drop_after;
		hes_boot_reset(h);
		hes_proto_init(&conn.proto, h, on_reply, &conn);
		hesd_log_event("boot %u: connected on %s; slots empty, no DAK", conn.boot, t->name);
		while (serve_once(&conn, t, idle_ms))
			;
		hesd_log_event("boot %u: %s; %llu requests, %llu bytes dropped, %llu partial frames",
			       conn.boot, hesd_stopping() ? "stopping" : "disconnected",
			       (unsigned long long)conn.proto.stats.requests,
			       (unsigned long long)conn.proto.stats.dropped,
			       (unsigned long long)conn.proto.stats.truncated);
		close(conn.fd);
		conn.fd = -1;
		hes_boot_reset(h);	/* the DAK is not kept while no one is connected */
	}
	return 0;
}
