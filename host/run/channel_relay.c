/* Realm byte channel <-> virtio-console (channel_relay.h). */
#include "run/channel_relay.h"

void channel_relay_init(struct channel_relay *r, struct virtio_console *con, struct byte_channel_page *page)
{
	r->con = con;
	byte_ring_end_init(&r->to_realm, &page->to_realm, 1);
	byte_ring_end_init(&r->to_host, &page->to_host, 0);
	r->out_len = r->out_off = r->in_len = r->in_off = 0;
}

/* Realm -> console; bytes moved or -1. */
static long realm_to_console(struct channel_relay *r)
{
	if (r->out_off == r->out_len) {
		size_t n = byte_ring_get(&r->to_host, r->out, sizeof(r->out));

		if (n == BYTE_RING_BROKEN)
			return -1;
		r->out_len = n;
		r->out_off = 0;
	}
	if (r->out_off == r->out_len)
		return 0;
	long n = virtio_console_write(r->con, r->out + r->out_off, r->out_len - r->out_off);
	if (n > 0)
		r->out_off += (size_t)n;
	return n;
}

/* Console -> realm; bytes moved or -1. */
static long console_to_realm(struct channel_relay *r)
{
	if (r->in_off == r->in_len) {
		long n = virtio_console_read(r->con, r->in, sizeof(r->in));

		if (n < 0)
			return -1;
		r->in_len = (size_t)n;
		r->in_off = 0;
	}
	if (r->in_off == r->in_len)
		return 0;
	size_t n = byte_ring_put(&r->to_realm, r->in + r->in_off, r->in_len - r->in_off);
	if (n == BYTE_RING_BROKEN)
		return -1;
	r->in_off += n;
	return (long)n;
}

long channel_relay_step(struct channel_relay *r)
{
	long total = 0, a, b;

	do {
		a = realm_to_console(r);
		b = console_to_realm(r);
		if (a < 0 || b < 0)
			return -1;
		total += a + b;
	} while (a + b > 0);
	return total;
}
