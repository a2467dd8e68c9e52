/*
 * The transport's end-to-end check (tests/system/qemu_channel.sh): on each
 * channel in turn (model, then chat) the realm reads a 4-byte little-endian
 * count N and N bytes, and writes back every byte plus one, so that what
 * the peer gets back was made in the realm, not looped back by the host.
 * First it counts its runs in the launcher's store, which outlives each
 * realm: run twice, the second realm must find the first one's count.
 */
#include <stddef.h>

#include <atoll/realm_image.h>

#include "channel.h"
#include "realm.h"
#include "store.h"
#include "test.h"

#define LIMIT_MS	20000U
#define STORE_MAGIC	0x31524f5453484345ULL	/* "ECHSTOR1" */

TEST(store_counts_the_runs)
{
	volatile uint64_t *store = realm_store_map(4096);

	CHECK(store != NULL);
	if (store == NULL)
		return;
	if (store[0] != STORE_MAGIC) {
		CHECK_EQ(store[1], 0);	/* never written: zeros */
		store[0] = STORE_MAGIC;
		store[1] = 0;
	}
	store[1] = store[1] + 1U;
	realm_printf("store: run %lu\n", (unsigned long)store[1]);
	CHECK(realm_store_map(REALM_STORE_MAX + 4096U) == NULL);
}

static bool read_all(struct realm_channel *c, uint8_t *buf, size_t len)
{
	while (len > 0U) {
		long n = realm_channel_read(c, buf, len, LIMIT_MS);

		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

static void echo(unsigned int id)
{
	static struct realm_channel c;
	uint8_t count[4], buf[700];
	uint32_t n = 0, done = 0;

	CHECK(realm_channel_open(&c, id));
	CHECK(read_all(&c, count, sizeof(count)));
	for (unsigned int i = 0; i < 4U; i++)
		n |= (uint32_t)count[i] << (8U * i);
	while (done < n && !c.broken) {
		size_t k = n - done < sizeof(buf) ? n - done : sizeof(buf);

		if (!read_all(&c, buf, k))
			break;
		for (size_t i = 0; i < k; i++)
			buf[i] = (uint8_t)(buf[i] + 1U);
		if (!realm_channel_write(&c, buf, k))
			break;
		done += (uint32_t)k;
	}
	realm_printf("echo: channel %u: %u of %u bytes\n", id, done, n);
	CHECK(n > 0U);
	CHECK_EQ(done, n);
	CHECK(!c.broken);
}

TEST(echo_on_the_model_channel)
{
	echo(REALM_CHANNEL_MODEL);
}

TEST(echo_on_the_chat_channel)
{
	echo(REALM_CHANNEL_CHAT);
}

TEST(a_channel_opens_once)
{
	struct realm_channel again;

	CHECK(!realm_channel_open(&again, REALM_CHANNEL_MODEL));
	CHECK(!realm_channel_open(&again, REALM_CHANNELS));
}

void realm_main(void)
{
	(void)realm_run_tests();
}
