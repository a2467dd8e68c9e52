/*
 * Host tests of the realm's byte channel (lib/byte_ring.c) and of the
 * launcher's relay between it and the virtio console (host/run/channel_relay.c),
 * the console's device being the fake of virtio_console_test.c.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <lib/byte_ring.h>

#include "run/channel_relay.h"
#include "test_groups.h"
#include "transport_fake.h"

static struct byte_channel_page page;

static void fill(uint8_t *buf, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(i * 29 + seed + (i >> 10));
}

/* ---- The ring -------------------------------------------------------------------- */

/* 100,000 bytes through a 1 KB ring in uneven pieces, the indices starting just below 2^32. */
static void ring_moves_bytes_in_order_across_index_wrap(void **unused)
{
	static uint8_t data[100000], got[sizeof(data)];
	struct byte_ring_end prod, cons;
	size_t sent = 0, have = 0;
	unsigned int step = 0;

	(void)unused;
	fill(data, sizeof(data), 1);
	byte_ring_end_init(&prod, &page.to_host, 1);
	byte_ring_end_init(&cons, &page.to_host, 0);
	prod.index = cons.index = page.to_host.head = page.to_host.tail = 0xfffff000u;
	while (have < sizeof(data)) {
		size_t n = byte_ring_put(&prod, data + sent, (sizeof(data) - sent) < 777 ? sizeof(data) - sent : 777);

		assert_true(n <= BYTE_CHANNEL_RING_SIZE);
		sent += n;
		n = byte_ring_get(&cons, got + have, 100 + step++ % 500);
		assert_true(n <= BYTE_CHANNEL_RING_SIZE);
		have += n;
		assert_true(step < 10000);
	}
	assert_memory_equal(got, data, sizeof(data));
	assert_true(page.to_host.head < 0xfffff000u);	/* it wrapped */
}

static void ring_full_and_empty(void **unused)
{
	static uint8_t data[BYTE_CHANNEL_RING_SIZE + 10], got[sizeof(data)];
	struct byte_ring_end prod, cons;

	(void)unused;
	byte_ring_end_init(&prod, &page.to_realm, 1);
	byte_ring_end_init(&cons, &page.to_realm, 0);
	assert_int_equal(byte_ring_get(&cons, got, sizeof(got)), 0);
	assert_int_equal(byte_ring_put(&prod, data, sizeof(data)), BYTE_CHANNEL_RING_SIZE);
	assert_int_equal(byte_ring_put(&prod, data, 1), 0);
	assert_int_equal(byte_ring_get(&cons, got, 10), 10);
	assert_int_equal(byte_ring_put(&prod, data, sizeof(data)), 10);
}

/* A peer that publishes an impossible index breaks the ring; nothing moves, nothing outside it is touched. */
static void ring_refuses_lying_producer(void **unused)
{
	uint8_t got[64];
	struct byte_ring_end cons;

	(void)unused;
	byte_ring_end_init(&cons, &page.to_realm, 0);
	memset(got, 0xee, sizeof(got));
	page.to_realm.head = BYTE_CHANNEL_RING_SIZE + 1;
	assert_true(byte_ring_get(&cons, got, sizeof(got)) == BYTE_RING_BROKEN);
	assert_int_equal(cons.index, 0);
	assert_int_equal(page.to_realm.tail, 0);
	assert_int_equal(got[0], 0xee);
}

static void ring_refuses_lying_consumer(void **unused)
{
	uint8_t data[8] = { 0 };
	struct byte_ring_end prod;

	(void)unused;
	byte_ring_end_init(&prod, &page.to_host, 1);
	page.to_host.tail = 5;		/* consumed 5 bytes of none */
	assert_true(byte_ring_put(&prod, data, sizeof(data)) == BYTE_RING_BROKEN);
	assert_int_equal(page.to_host.head, 0);
}

/* The page's copy of our own index is not trusted: the private one is. */
static void ring_ignores_peer_writing_our_index(void **unused)
{
	uint8_t data[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, got[8];
	struct byte_ring_end prod, cons;

	(void)unused;
	byte_ring_end_init(&prod, &page.to_host, 1);
	byte_ring_end_init(&cons, &page.to_host, 0);
	assert_int_equal(byte_ring_put(&prod, data, 4), 4);
	page.to_host.head = 0x7777;	/* a peer overwrites the producer's published index */
	assert_int_equal(byte_ring_put(&prod, data + 4, 4), 4);
	assert_int_equal(page.to_host.head, 8);
	assert_int_equal(byte_ring_get(&cons, got, 8), 8);
	assert_memory_equal(got, data, 8);
}

/* ---- The relay ------------------------------------------------------------------ */

static struct virtio_console con;
static struct channel_relay relay;
static struct byte_ring_end realm_out, realm_in;	/* the realm's ends */

static int relay_setup(void **unused)
{
	(void)unused;
	memset(&page, 0x5a, sizeof(page));	/* the launcher zeroes the indices */
	fake_reset();
	if (virtio_console_init(&con, &fake_io) != VIRTIO_MMIO_OK)
		return -1;
	channel_relay_init(&relay, &con, &page);
	byte_ring_end_init(&realm_out, &page.to_host, 1);	/* as the realm opens the channel */
	byte_ring_end_init(&realm_in, &page.to_realm, 0);
	return 0;
}

static void relay_carries_realm_bytes_to_the_port(void **unused)
{
	static uint8_t data[20000];
	size_t sent = 0;
	unsigned int rounds = 0;

	(void)unused;
	fill(data, sizeof(data), 7);
	while (sent < sizeof(data) || fake_out_len() < sizeof(data)) {
		sent += byte_ring_put(&realm_out, data + sent, sizeof(data) - sent);
		/*
		 * The port drains only every tenth round, so the console's 16 buffers fill
		 * up (2 a round) and the relay must hold what the console cannot take.
		 */
		fake.hold_tx = rounds % 10 != 0;
		if (!fake.hold_tx)
			fake_drain_tx();
		assert_true(channel_relay_step(&relay) >= 0);
		assert_true(++rounds < 1000);
	}
	assert_int_equal(fake_out_len(), sizeof(data));
	assert_memory_equal(fake_out(), data, sizeof(data));
}

static void relay_carries_port_bytes_to_the_realm(void **unused)
{
	static uint8_t data[20000], got[sizeof(data)];
	size_t sent = 0, have = 0;
	unsigned int rounds = 0;

	(void)unused;
	fill(data, sizeof(data), 8);
	while (have < sizeof(data)) {
		sent += fake_deliver(data + sent, sizeof(data) - sent);
		assert_true(channel_relay_step(&relay) >= 0);
		have += byte_ring_get(&realm_in, got + have, sizeof(got) - have);
		assert_true(++rounds < 1000);
	}
	assert_memory_equal(got, data, sizeof(data));
}

static void relay_stops_on_lying_realm(void **unused)
{
	(void)unused;
	page.to_host.head = 0x12345;
	assert_int_equal(channel_relay_step(&relay), -1);
	assert_int_equal(fake_out_len(), 0);
}

static const struct CMUnitTest ring_tests[] = {
	cmocka_unit_test(ring_moves_bytes_in_order_across_index_wrap),
	cmocka_unit_test(ring_full_and_empty),
	cmocka_unit_test(ring_refuses_lying_producer),
	cmocka_unit_test(ring_refuses_lying_consumer),
	cmocka_unit_test(ring_ignores_peer_writing_our_index),
};
static const struct CMUnitTest relay_tests[] = {
	cmocka_unit_test_setup(relay_carries_realm_bytes_to_the_port, relay_setup),
	cmocka_unit_test_setup(relay_carries_port_bytes_to_the_realm, relay_setup),
	cmocka_unit_test_setup(relay_stops_on_lying_realm, relay_setup),
};
TEST_GROUP(byte_ring, ring_tests, NULL);
TEST_GROUP(channel_relay, relay_tests, NULL);
