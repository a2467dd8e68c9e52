/* A realm payload's end of a byte channel (channel.h). */
#include "channel.h"

#include <atoll/byte_channel.h>
#include <atoll/realm_image.h>

#include "realm.h"

#define CHANNEL_PAGE	4096U

static uint64_t wait(struct realm_channel *c, uint64_t limit_ms)
{
	uint64_t r = REALM_CHANNEL_WAIT_BROKEN;

	if (realm_host_call(REALM_HC_CHANNEL_WAIT, c->id, limit_ms, &r) != 0U ||
	    r == REALM_CHANNEL_WAIT_BROKEN)
		c->broken = true;
	return r;
}

bool realm_channel_open(struct realm_channel *c, unsigned int id)
{
	uint64_t ipa = realm_unprotected_base() + REALM_CHANNEL_OFFSET + (uint64_t)id * CHANNEL_PAGE;
	struct byte_channel_page *page = (struct byte_channel_page *)(uintptr_t)ipa;
	uint64_t r = 1;

	c->id = id;
	c->broken = realm_host_call(REALM_HC_CHANNEL_OPEN, id, ipa, &r) != 0U || r != 0U;
	if (c->broken)
		return false;
	/* The host zeroed the page; each end starts at 0 and publishes only its own index. */
	byte_ring_end_init(&c->out, &page->to_host, 1);
	byte_ring_end_init(&c->in, &page->to_realm, 0);
	return true;
}

bool realm_channel_write(struct realm_channel *c, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len > 0U && !c->broken) {
		size_t n = byte_ring_put(&c->out, p, len);

		if (n == BYTE_RING_BROKEN) {
			c->broken = true;
			break;
		}
		p += n;
		len -= n;
		if (len > 0U || n == 0U)
			(void)wait(c, 0);
	}
	/* Let the host take the tail now rather than at the next wait. */
	if (!c->broken)
		(void)wait(c, 1);
	return !c->broken;
}

long realm_channel_read(struct realm_channel *c, void *buf, size_t max, uint64_t limit_ms)
{
	while (!c->broken) {
		size_t n = byte_ring_get(&c->in, buf, max);

		if (n == BYTE_RING_BROKEN) {
			c->broken = true;
			break;
		}
		if (n > 0U)
			return (long)n;
		if (wait(c, limit_ms) == REALM_CHANNEL_WAIT_TIMEOUT)
			return 0;
	}
	return -1;
}
