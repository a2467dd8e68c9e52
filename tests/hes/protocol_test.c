/*
 * The embed protocol over a byte stream (hes/protocol.c): every class of
 * malformed frame gets its PSA error, garbage is skipped, a truncated frame
 * is dropped at idle and the next one answered.
 */
#include <string.h>

#include "frames.h"
#include "hes_test.h"
#include "kat_vectors.h"

#define MAX_REPLIES 8

static struct hes_proto proto;
static uint8_t replies[MAX_REPLIES][HES_REPLY_MAX];
static size_t reply_len[MAX_REPLIES];
static size_t reply_count;
static uint8_t frame[HES_REQ_MAX + 64];

static void collect(void *ctx, const uint8_t *reply, size_t len)
{
	(void)ctx;
	assert_true(reply_count < MAX_REPLIES && len <= HES_REPLY_MAX);
	memcpy(replies[reply_count], reply, len);
	reply_len[reply_count++] = len;
}

static int fresh(void **state)
{
	reply_count = 0;
	hes_proto_init(&proto, test_hes, collect, NULL);
	return hes_test_boot(state);
}

/* The only reply so far, parsed; it must echo seq. */
static struct frame_reply only_reply(uint8_t seq)
{
	struct frame_reply r;

	assert_int_equal(reply_count, 1);
	assert_true(frame_parse_reply(replies[0], reply_len[0], &r));
	assert_int_equal(r.version, HES_PROTO_EMBED);
	assert_int_equal(r.seq, seq);
	assert_int_equal(r.client_id, 1);
	return r;
}

static int32_t status_of(const uint8_t *buf, size_t len, uint8_t seq)
{
	struct frame_reply r;

	reply_count = 0;
	hes_proto_feed(&proto, buf, len);
	r = only_reply(seq);
	if (r.status != PSA_SUCCESS)
		assert_int_equal(r.data_len, 0);	/* errors carry no data */
	return r.status;
}

static void proto_extend_as_tf_a_sends_it(void **state)
{
	static const uint8_t start[20] = { 0x00, 0x07, 0x01, 0x00, 0x10, 0x01, 0x00, 0x40,
		0xea, 0x03, 0x00, 0x04, 0x2c, 0x00, 0x20, 0x00, 0x00, 0x00, 0x20, 0x00 };
	size_t len = frame_extend(frame, sizeof(frame), 7, 11, "SECURE_RT_EL3", 0xAB);

	(void)state;
	assert_int_equal(len, 128);
	assert_memory_equal(frame, start, sizeof(start));
	assert_int_equal(status_of(frame, len, 7), PSA_SUCCESS);
	assert_int_equal(reply_len[0], HES_REPLY_FIXED);
	assert_true(test_hes->slots.slot[11].populated);
}

static void proto_byte_at_a_time(void **state)
{
	size_t len = frame_extend(frame, sizeof(frame), 9, 11, "BL_2", 1);

	(void)state;
	for (size_t i = 0; i < len; i++) {
		assert_int_equal(reply_count, 0);
		hes_proto_feed(&proto, frame + i, 1);
	}
	assert_int_equal(only_reply(9).status, PSA_SUCCESS);
}

static void proto_two_frames_in_one_chunk(void **state)
{
	size_t a = frame_extend(frame, sizeof(frame), 1, 10, "BL_2", 1);
	size_t b = frame_delegated_key(frame + a, sizeof(frame) - a, 2);
	struct frame_reply r;

	(void)state;
	hes_proto_feed(&proto, frame, a + b);
	assert_int_equal(reply_count, 2);
	assert_true(frame_parse_reply(replies[1], reply_len[1], &r));
	assert_int_equal(r.seq, 2);
	assert_int_equal(r.status, PSA_SUCCESS);
	assert_int_equal(r.out_size[0], 48);
	assert_int_equal(r.data_len, 48);
}

static void proto_unknown_handle_invalid_handle(void **state)
{
	size_t len = frame_request(frame, sizeof(frame), 3, 0x40000999, 1001, NULL, 0, NULL, 0);

	(void)state;
	assert_int_equal(status_of(frame, len, 3), PSA_ERROR_INVALID_HANDLE);
}

static void proto_unknown_type_not_supported(void **state)
{
	size_t len = frame_request(frame, sizeof(frame), 3, HES_SID_MEASURED_BOOT, 1003, NULL, 0,
				   NULL, 0);

	(void)state;
	assert_int_equal(status_of(frame, len, 3), PSA_ERROR_NOT_SUPPORTED);
}

static void proto_wrong_iovec_count_invalid_argument(void **state)
{
	uint8_t id = 1;
	struct hes_invec in[2] = { { &id, 1 }, { &id, 1 } };
	uint16_t cap[2] = { 32, 32 };
	size_t len = frame_request(frame, sizeof(frame), 4, HES_SID_VHUK, HES_TYPE_GET_VHUK, in, 2,
				   cap, 1);

	(void)state;
	assert_int_equal(status_of(frame, len, 4), PSA_ERROR_INVALID_ARGUMENT);
	len = frame_request(frame, sizeof(frame), 5, HES_SID_VHUK, HES_TYPE_GET_VHUK, in, 1, cap, 2);
	assert_int_equal(status_of(frame, len, 5), PSA_ERROR_INVALID_ARGUMENT);
}

static void proto_wrong_iovec_size_invalid_argument(void **state)
{
	uint8_t id[2] = { 1, 0 };
	struct hes_invec in = { id, 2 };
	uint16_t cap = 32;
	size_t len = frame_request(frame, sizeof(frame), 6, HES_SID_VHUK, HES_TYPE_GET_VHUK, &in, 1,
				   &cap, 1);

	(void)state;
	assert_int_equal(status_of(frame, len, 6), PSA_ERROR_INVALID_ARGUMENT);
}

static void proto_out_capacity_too_small(void **state)
{
	uint8_t id = HES_VHUK_ID_M;
	struct hes_invec in = { &id, 1 };
	uint16_t cap = 31;
	size_t len = frame_request(frame, sizeof(frame), 6, HES_SID_VHUK, HES_TYPE_GET_VHUK, &in, 1,
				   &cap, 1);

	(void)state;
	assert_int_equal(status_of(frame, len, 6), PSA_ERROR_BUFFER_TOO_SMALL);
	cap = 32;
	len = frame_request(frame, sizeof(frame), 6, HES_SID_VHUK, HES_TYPE_GET_VHUK, &in, 1, &cap, 1);
	assert_int_equal(status_of(frame, len, 6), PSA_SUCCESS);
	assert_int_equal(reply_len[0], HES_REPLY_FIXED + 32);
	/* An error right after a reply with data leaves none of its out_size behind. */
	cap = 31;
	len = frame_request(frame, sizeof(frame), 7, HES_SID_VHUK, HES_TYPE_GET_VHUK, &in, 1, &cap, 1);
	assert_int_equal(status_of(frame, len, 7), PSA_ERROR_BUFFER_TOO_SMALL);
}

/* in_len 5 (TF-A refuses it locally): answered right after the header. */
static void proto_in_len_over_4_invalid_argument(void **state)
{
	size_t len = frame_request(frame, sizeof(frame), 8, HES_SID_VHUK, HES_TYPE_GET_VHUK, NULL, 0,
				   NULL, 0);

	(void)state;
	frame[11] = 5;
	assert_int_equal(status_of(frame, len, 8), PSA_ERROR_INVALID_ARGUMENT);
	frame[11] = 0;
	frame[10] = 5;	/* out_len 5 */
	assert_int_equal(status_of(frame, len, 8), PSA_ERROR_INVALID_ARGUMENT);
}

/* in_len + out_len > 4: the trailer is still read, so the next frame is found. */
static void proto_more_than_4_vectors_invalid_argument(void **state)
{
	uint8_t b = 0;
	struct hes_invec in[3] = { { &b, 1 }, { &b, 1 }, { &b, 1 } };
	uint16_t cap[2] = { 8, 8 };
	size_t len = frame_request(frame, sizeof(frame), 9, HES_SID_VHUK, HES_TYPE_GET_VHUK, in, 3,
				   cap, 1);

	(void)state;
	frame[10] = 2;	/* out_len 2 */
	len += frame_extend(frame + len, sizeof(frame) - len, 10, 12, "HW_CONFIG", 3);
	hes_proto_feed(&proto, frame, len);
	assert_int_equal(reply_count, 2);
	assert_int_equal((int32_t)(replies[0][4] | replies[0][5] << 8 | replies[0][6] << 16 |
				   (uint32_t)replies[0][7] << 24), PSA_ERROR_INVALID_ARGUMENT);
	assert_int_equal(replies[1][1], 10);
	assert_true(test_hes->slots.slot[12].populated);
}

static void proto_trailer_over_payload_max_invalid_argument(void **state)
{
	size_t len = frame_request(frame, sizeof(frame), 11, HES_SID_MEASURED_BOOT,
				   HES_TYPE_MB_EXTEND, NULL, 0, NULL, 0);

	(void)state;
	frame[11] = 2;	/* in_len 2, of 0x800 + 0x801 bytes */
	frame[12] = 0x00, frame[13] = 0x08, frame[14] = 0x01, frame[15] = 0x08;
	assert_int_equal(status_of(frame, len, 11), PSA_ERROR_INVALID_ARGUMENT);
}

static void proto_out_capacity_over_payload_max_invalid_argument(void **state)
{
	uint8_t challenge[32] = { 0 };
	struct hes_invec in = { challenge, 32 };
	uint16_t cap = HES_PAYLOAD_MAX + 1;
	size_t len = frame_request(frame, sizeof(frame), 12, HES_SID_DELEGATED_ATTEST,
				   HES_TYPE_GET_PLATFORM_TOKEN, &in, 1, &cap, 1);

	(void)state;
	assert_int_equal(status_of(frame, len, 12), PSA_ERROR_INVALID_ARGUMENT);
}

static void proto_pointer_access_not_supported(void **state)
{
	uint8_t req[HES_PTR_REQ_SIZE] = { HES_PROTO_POINTER, 13, 1, 0 };

	(void)state;
	hes_proto_feed(&proto, req, sizeof(req));
	assert_int_equal(reply_count, 1);
	assert_int_equal(reply_len[0], HES_PTR_REPLY_SIZE);
	assert_int_equal(replies[0][0], HES_PROTO_POINTER);
	assert_int_equal(replies[0][1], 13);
	assert_int_equal((int32_t)(replies[0][4] | replies[0][5] << 8 | replies[0][6] << 16 |
				   (uint32_t)replies[0][7] << 24), PSA_ERROR_NOT_SUPPORTED);
}

/* Bytes that cannot start a frame, some of them nearly a header, then a frame. */
static void proto_garbage_skipped(void **state)
{
	static const uint8_t garbage[] = {
		0xFF,
		0x00, 0x05, 0x01, 0x00, 0x02, 0x00, 0x03, 0x03, 0x00, 0x10, 0x81, 0x00,	/* bit 23 */
		0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0,	/* bit 28 */
		0x0D, 0x0A,
	};
	size_t len = frame_extend(frame + sizeof(garbage), sizeof(frame) - sizeof(garbage), 14, 13,
				  "SOC_FW_CONFIG", 4);

	(void)state;
	memcpy(frame, garbage, sizeof(garbage));
	assert_int_equal(status_of(frame, sizeof(garbage) + len, 14), PSA_SUCCESS);
	assert_int_equal(proto.stats.dropped, sizeof(garbage));
}

static void proto_truncated_then_idle_then_good(void **state)
{
	size_t len = frame_extend(frame, sizeof(frame), 15, 10, "BL_2", 5);

	(void)state;
	hes_proto_feed(&proto, frame, 50);
	hes_proto_idle(&proto);
	assert_int_equal(reply_count, 0);
	assert_int_equal(proto.stats.truncated, 1);
	frame[1] = 16;
	assert_int_equal(status_of(frame, len, 16), PSA_SUCCESS);
	assert_true(test_hes->slots.slot[10].populated);
	/* Idle between frames drops nothing. */
	hes_proto_idle(&proto);
	assert_int_equal(proto.stats.truncated, 1);
}

/* The whole attestation flow as TF-A and the RMM drive it. */
static void proto_platform_token_round_trip(void **state)
{
	struct hes_invec in = { kat_dak_challenge, 32 };
	uint16_t cap = HES_PAYLOAD_MAX;
	struct frame_reply r;
	size_t len;

	(void)state;
	hes_test_kat_boot(test_hes);
	len = frame_delegated_key(frame, sizeof(frame), 20);
	assert_int_equal(status_of(frame, len, 20), PSA_SUCCESS);
	assert_memory_equal(replies[0] + HES_REPLY_FIXED, kat_dak_priv, 48);
	len = frame_request(frame, sizeof(frame), 21, HES_SID_DELEGATED_ATTEST,
			    HES_TYPE_GET_PLATFORM_TOKEN, &in, 1, &cap, 1);
	assert_int_equal(status_of(frame, len, 21), PSA_SUCCESS);
	r = only_reply(21);
	assert_true(r.out_size[0] > 600 && r.data[0] == 0xD2);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(proto_extend_as_tf_a_sends_it, fresh),
	cmocka_unit_test_setup(proto_byte_at_a_time, fresh),
	cmocka_unit_test_setup(proto_two_frames_in_one_chunk, fresh),
	cmocka_unit_test_setup(proto_unknown_handle_invalid_handle, fresh),
	cmocka_unit_test_setup(proto_unknown_type_not_supported, fresh),
	cmocka_unit_test_setup(proto_wrong_iovec_count_invalid_argument, fresh),
	cmocka_unit_test_setup(proto_wrong_iovec_size_invalid_argument, fresh),
	cmocka_unit_test_setup(proto_out_capacity_too_small, fresh),
	cmocka_unit_test_setup(proto_in_len_over_4_invalid_argument, fresh),
	cmocka_unit_test_setup(proto_more_than_4_vectors_invalid_argument, fresh),
	cmocka_unit_test_setup(proto_trailer_over_payload_max_invalid_argument, fresh),
	cmocka_unit_test_setup(proto_out_capacity_over_payload_max_invalid_argument, fresh),
	cmocka_unit_test_setup(proto_pointer_access_not_supported, fresh),
	cmocka_unit_test_setup(proto_garbage_skipped, fresh),
	cmocka_unit_test_setup(proto_truncated_then_idle_then_good, fresh),
	cmocka_unit_test_setup(proto_platform_token_round_trip, fresh),
};

HES_GROUP(protocol_tests, tests);
