/*
 * Host tests of the launcher's virtio-console driver (host/devices/virtq.c,
 * virtio_mmio.c, virtio_console.c) against a fake virtio-mmio device that
 * reads and writes the driver's rings as QEMU's virtio-serial would.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_groups.h"
#include "transport_fake.h"
#include "virtio_console.h"

static struct virtio_console con;

static int reset_dev(void **unused)
{
	(void)unused;
	fake_reset();
	return 0;
}

static int ready_console(void **state)
{
	reset_dev(state);
	return virtio_console_init(&con, &fake_io) == VIRTIO_MMIO_OK ? 0 : -1;
}

static void pattern(uint8_t *buf, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(i * 131 + seed + (i >> 9));
}

/* ---- Initialisation ---------------------------------------------------------- */

static void init_negotiates_version_1_only(void **unused)
{
	const uint32_t expect[] = { 0, 1, 3, 11, 15 };

	(void)unused;
	assert_int_equal(virtio_console_init(&con, &fake_io), VIRTIO_MMIO_OK);
	assert_int_equal(fake.status_writes, 5);
	assert_memory_equal(fake.status_log, expect, sizeof(expect));
	assert_true(fake.accepted == 1ull << VIRTIO_F_VERSION_1);	/* MULTIPORT, EMERG_WRITE declined */
	for (unsigned int n = 0; n < 2; n++) {
		assert_int_equal(fake.q[n].ready, 1);
		assert_int_equal(fake.q[n].num, VIRTQ_SIZE);
		assert_int_equal(fake.q[n].desc % 16, 0);
		assert_int_equal(fake.q[n].device % 4, 0);
	}
	assert_int_equal(ring_avail(VIRTIO_CONSOLE_RX_Q)[1], VIRTQ_SIZE);	/* every rx buffer posted */
	assert_int_equal(ring_avail(VIRTIO_CONSOLE_TX_Q)[1], 0);
}

static void expect_init(enum virtio_mmio_status expect, bool failed_set)
{
	enum virtio_mmio_status s = virtio_console_init(&con, &fake_io);

	printf("virtio: refused: %s\n", virtio_mmio_status_str(s));
	assert_int_equal(s, expect);
	assert_int_equal(!!(fake.status & VIRTIO_STATUS_FAILED), failed_set);
	assert_int_equal(fake.status & VIRTIO_STATUS_DRIVER_OK, 0);
}

static void init_refuses_bad_magic(void **u) { (void)u; fake.magic = 0x12345678; expect_init(VIRTIO_MMIO_ERR_MAGIC, false); }
static void init_refuses_legacy(void **u) { (void)u; fake.version = 1; expect_init(VIRTIO_MMIO_ERR_LEGACY, false); }
static void init_refuses_empty_slot(void **u) { (void)u; fake.device_id = 0; expect_init(VIRTIO_MMIO_ERR_DEVICE, false); }
static void init_refuses_other_device(void **u) { (void)u; fake.device_id = 2; expect_init(VIRTIO_MMIO_ERR_DEVICE, false); }
static void init_refuses_without_version_1(void **u) { (void)u; fake.offered = 2; expect_init(VIRTIO_MMIO_ERR_FEATURES, true); }
static void init_refuses_dropped_features_ok(void **u) { (void)u; fake.drop_features_ok = true; expect_init(VIRTIO_MMIO_ERR_FEATURES, true); }
static void init_refuses_small_queue(void **u) { (void)u; fake.q[1].num_max = VIRTQ_SIZE / 2; expect_init(VIRTIO_MMIO_ERR_QUEUE, true); }
static void init_refuses_live_queue(void **u) { (void)u; fake.q[0].ready = 1; expect_init(VIRTIO_MMIO_ERR_QUEUE, true); }

/* ---- Transmit and receive ------------------------------------------------------ */

static void write_reaches_device_in_order(void **unused)
{
	static uint8_t data[3000];

	(void)unused;
	pattern(data, sizeof(data), 1);
	assert_int_equal(virtio_console_write(&con, data, sizeof(data)), sizeof(data));
	assert_int_equal(fake.out_len, sizeof(data));
	assert_memory_equal(fake.out, data, sizeof(data));
}

static void write_stops_when_ring_is_full(void **unused)
{
	static uint8_t data[20 * VIRTIO_CONSOLE_BUF];
	const long ring = VIRTQ_SIZE * VIRTIO_CONSOLE_BUF;

	(void)unused;
	pattern(data, sizeof(data), 2);
	fake.hold_tx = true;
	assert_int_equal(virtio_console_write(&con, data, sizeof(data)), ring);
	assert_int_equal(virtio_console_write(&con, data + ring, sizeof(data) - ring), 0);
	fake_drain_tx();
	assert_int_equal(virtio_console_write(&con, data + ring, sizeof(data) - ring), sizeof(data) - ring);
	fake_drain_tx();
	assert_int_equal(fake.out_len, sizeof(data));
	assert_memory_equal(fake.out, data, sizeof(data));
}

static void read_returns_bytes_in_order(void **unused)
{
	static uint8_t data[5000], got[5000];
	size_t have = 0;

	(void)unused;
	pattern(data, sizeof(data), 3);
	assert_int_equal(fake_deliver(data, sizeof(data)), sizeof(data));
	while (have < sizeof(got)) {
		long n = virtio_console_read(&con, got + have, 300);

		assert_true(n > 0);
		have += (size_t)n;
	}
	assert_int_equal(virtio_console_read(&con, got, sizeof(got)), 0);
	assert_memory_equal(got, data, sizeof(data));
}

/* The device can deliver only into posted buffers, and gets each back once it is read. */
static void read_gives_back_pressure(void **unused)
{
	static uint8_t data[3 * VIRTQ_SIZE * VIRTIO_CONSOLE_BUF], got[sizeof(data)];
	const size_t ring = VIRTQ_SIZE * VIRTIO_CONSOLE_BUF;
	size_t sent = 0, have = 0;
	unsigned int rounds = 0;

	(void)unused;
	pattern(data, sizeof(data), 4);
	sent = fake_deliver(data, sizeof(data));
	assert_int_equal(sent, ring);
	assert_int_equal(fake_deliver(data + sent, sizeof(data) - sent), 0);
	while (have < sizeof(data)) {
		long n = virtio_console_read(&con, got + have, 700);

		assert_true(n >= 0);
		assert_true(++rounds < 1000);	/* a driver that never gives buffers back stalls */
		have += (size_t)n;
		sent += fake_deliver(data + sent, sizeof(data) - sent);
		assert_true(sent - have <= ring);
	}
	assert_memory_equal(got, data, sizeof(data));
}

/* 70,000 one-byte transfers each way: the 16-bit ring indices wrap. */
static void ring_indices_wrap(void **unused)
{
	(void)unused;
	for (unsigned int i = 0; i < 70000; i++) {
		uint8_t b = (uint8_t)(i * 7), r = 0;

		assert_int_equal(virtio_console_write(&con, &b, 1), 1);
		assert_int_equal(fake_deliver(&b, 1), 1);
		assert_int_equal(virtio_console_read(&con, &r, 1), 1);
		assert_int_equal(r, b);
		assert_int_equal(fake.out[fake.out_len - 1], b);
		fake.out_len = 0;
	}
	assert_int_equal(ring_used(VIRTIO_CONSOLE_TX_Q)[1], (uint16_t)70000);
}

/* ---- A misbehaving device stops the console ------------------------------------ */

static void expect_stopped(const char *why)
{
	uint8_t b = 0;

	assert_int_equal(virtio_console_read(&con, &b, 1), -1);
	assert_int_equal(virtio_console_write(&con, &b, 1), -1);
	printf("virtio: stopped: %s\n", virtio_console_error(&con));
	assert_string_equal(virtio_console_error(&con), why);
	assert_true(fake.status & VIRTIO_STATUS_FAILED);
}

static void used_id_out_of_range_stops(void **unused)
{
	(void)unused;
	push_used(VIRTIO_CONSOLE_RX_Q, 99, 1);
	expect_stopped("device returned a descriptor that was not in flight");
}

static void used_twice_stops(void **unused)
{
	uint8_t b = 5;

	(void)unused;
	assert_int_equal(virtio_console_write(&con, &b, 1), 1);	/* the device uses it once */
	push_used(VIRTIO_CONSOLE_TX_Q, ring_avail(VIRTIO_CONSOLE_TX_Q)[2], 0);	/* and again */
	expect_stopped("device returned a descriptor that was not in flight");
}

static void used_len_beyond_buffer_stops(void **unused)
{
	int id = pop_avail(VIRTIO_CONSOLE_RX_Q);

	(void)unused;
	push_used(VIRTIO_CONSOLE_RX_Q, (uint32_t)id, VIRTIO_CONSOLE_BUF + 1);
	expect_stopped("device wrote more than the buffer holds");
}

static void used_idx_jump_stops(void **unused)
{
	(void)unused;
	ring_used(VIRTIO_CONSOLE_RX_Q)[1] += VIRTQ_SIZE + 1;
	expect_stopped("device moved the used index by more than the queue size");
}

static const struct CMUnitTest init_tests[] = {
	cmocka_unit_test_setup(init_negotiates_version_1_only, reset_dev),
	cmocka_unit_test_setup(init_refuses_bad_magic, reset_dev),
	cmocka_unit_test_setup(init_refuses_legacy, reset_dev),
	cmocka_unit_test_setup(init_refuses_empty_slot, reset_dev),
	cmocka_unit_test_setup(init_refuses_other_device, reset_dev),
	cmocka_unit_test_setup(init_refuses_without_version_1, reset_dev),
	cmocka_unit_test_setup(init_refuses_dropped_features_ok, reset_dev),
	cmocka_unit_test_setup(init_refuses_small_queue, reset_dev),
	cmocka_unit_test_setup(init_refuses_live_queue, reset_dev),
};
static const struct CMUnitTest transfer_tests[] = {
	cmocka_unit_test_setup(write_reaches_device_in_order, ready_console),
	cmocka_unit_test_setup(write_stops_when_ring_is_full, ready_console),
	cmocka_unit_test_setup(read_returns_bytes_in_order, ready_console),
	cmocka_unit_test_setup(read_gives_back_pressure, ready_console),
	cmocka_unit_test_setup(ring_indices_wrap, ready_console),
};
static const struct CMUnitTest fault_tests[] = {
	cmocka_unit_test_setup(used_id_out_of_range_stops, ready_console),
	cmocka_unit_test_setup(used_twice_stops, ready_console),
	cmocka_unit_test_setup(used_len_beyond_buffer_stops, ready_console),
	cmocka_unit_test_setup(used_idx_jump_stops, ready_console),
};
TEST_GROUP(virtio_init, init_tests, NULL);
TEST_GROUP(virtio_transfer, transfer_tests, NULL);
TEST_GROUP(virtio_faults, fault_tests, NULL);
