/*
 * lib/cbor.c, the strict CBOR encoder. Expected bytes are RFC 8949's
 * Appendix A examples and hand-written heads, not the encoder's output.
 */
#include <stdbool.h>
#include <string.h>

#include <lib/cbor.h>

#include "unit.h"

/* Encodes with fn into a fresh buffer and compares with the expected bytes. */
#define EXPECT_ENC(expected, ...)                                                  \
	do {                                                                       \
		static const uint8_t want_[] = expected;                           \
		uint8_t got_[64];                                                  \
		struct cbor_enc e_;                                                \
		cbor_enc_init(&e_, got_, sizeof(got_));                            \
		__VA_ARGS__;                                                       \
		assert_int_equal(cbor_enc_finish(&e_), sizeof(want_));             \
		assert_memory_equal(got_, want_, sizeof(want_));                   \
	} while (0)

#define B(...) { __VA_ARGS__ }

static void cbor_uint_shortest_heads(void **state)
{
	(void)state;
	EXPECT_ENC(B(0x00), cbor_put_uint(&e_, 0));
	EXPECT_ENC(B(0x17), cbor_put_uint(&e_, 23));
	EXPECT_ENC(B(0x18, 0x18), cbor_put_uint(&e_, 24));
	EXPECT_ENC(B(0x18, 0x64), cbor_put_uint(&e_, 100));
	EXPECT_ENC(B(0x18, 0xff), cbor_put_uint(&e_, 255));
	EXPECT_ENC(B(0x19, 0x01, 0x00), cbor_put_uint(&e_, 256));
	EXPECT_ENC(B(0x19, 0x03, 0xe8), cbor_put_uint(&e_, 1000));
	EXPECT_ENC(B(0x19, 0xff, 0xff), cbor_put_uint(&e_, 65535));
	EXPECT_ENC(B(0x1a, 0x00, 0x01, 0x00, 0x00), cbor_put_uint(&e_, 65536));
	EXPECT_ENC(B(0x1a, 0x00, 0x0f, 0x42, 0x40), cbor_put_uint(&e_, 1000000));
	EXPECT_ENC(B(0x1a, 0xff, 0xff, 0xff, 0xff), cbor_put_uint(&e_, 0xffffffffULL));
	EXPECT_ENC(B(0x1b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00),
		   cbor_put_uint(&e_, 0x100000000ULL));
	EXPECT_ENC(B(0x1b, 0x00, 0x00, 0x00, 0xe8, 0xd4, 0xa5, 0x10, 0x00),
		   cbor_put_uint(&e_, 1000000000000ULL));
	EXPECT_ENC(B(0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
		   cbor_put_uint(&e_, UINT64_MAX));
}

static void cbor_int_negative_and_positive(void **state)
{
	(void)state;
	EXPECT_ENC(B(0x0a), cbor_put_int(&e_, 10));
	EXPECT_ENC(B(0x20), cbor_put_int(&e_, -1));
	EXPECT_ENC(B(0x29), cbor_put_int(&e_, -10));
	EXPECT_ENC(B(0x37), cbor_put_int(&e_, -24));
	EXPECT_ENC(B(0x38, 0x18), cbor_put_int(&e_, -25));
	EXPECT_ENC(B(0x38, 0x22), cbor_put_int(&e_, -35));	/* ES384 */
	EXPECT_ENC(B(0x38, 0x63), cbor_put_int(&e_, -100));
	EXPECT_ENC(B(0x39, 0x03, 0xe7), cbor_put_int(&e_, -1000));
	EXPECT_ENC(B(0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
		   cbor_put_int(&e_, INT64_MIN));
}

static void cbor_strings(void **state)
{
	static const uint8_t four[] = { 1, 2, 3, 4 };

	(void)state;
	EXPECT_ENC(B(0x40), cbor_put_bstr(&e_, NULL, 0));
	EXPECT_ENC(B(0x44, 0x01, 0x02, 0x03, 0x04), cbor_put_bstr(&e_, four, 4));
	EXPECT_ENC(B(0x60), cbor_put_tstr(&e_, ""));
	EXPECT_ENC(B(0x61, 0x61), cbor_put_tstr(&e_, "a"));
	EXPECT_ENC(B(0x64, 0x49, 0x45, 0x54, 0x46), cbor_put_tstr(&e_, "IETF"));
	EXPECT_ENC(B(0x62, 0xc3, 0xbc), cbor_put_tstr(&e_, "\xc3\xbc"));
	/* Head only, content after: the 1-byte length form. */
	EXPECT_ENC(B(0x58, 0x18, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		     0, 0, 0),
		   {
			   static const uint8_t zeros[24];
			   cbor_put_bstr_head(&e_, 24);
			   cbor_put_raw(&e_, zeros, 10);
			   cbor_put_raw(&e_, zeros, 14);
		   });
}

static void cbor_containers_and_tags(void **state)
{
	(void)state;
	EXPECT_ENC(B(0x80), cbor_put_array(&e_, 0));
	EXPECT_ENC(B(0xa0), cbor_put_map(&e_, 0));
	EXPECT_ENC(B(0x83, 0x01, 0x02, 0x03), {
		cbor_put_array(&e_, 3);
		cbor_put_uint(&e_, 1);
		cbor_put_uint(&e_, 2);
		cbor_put_uint(&e_, 3);
	});
	/* [1, [2, 3], [4, 5]] */
	EXPECT_ENC(B(0x83, 0x01, 0x82, 0x02, 0x03, 0x82, 0x04, 0x05), {
		cbor_put_array(&e_, 3);
		cbor_put_uint(&e_, 1);
		cbor_put_array(&e_, 2);
		cbor_put_uint(&e_, 2);
		cbor_put_uint(&e_, 3);
		cbor_put_array(&e_, 2);
		cbor_put_uint(&e_, 4);
		cbor_put_uint(&e_, 5);
	});
	/* {1: 2, 3: 4} */
	EXPECT_ENC(B(0xa2, 0x01, 0x02, 0x03, 0x04), {
		cbor_put_map(&e_, 2);
		cbor_put_uint(&e_, 1);
		cbor_put_uint(&e_, 2);
		cbor_put_uint(&e_, 3);
		cbor_put_uint(&e_, 4);
	});
	/* {"a": [], "b": {}}: empty containers complete at once. */
	EXPECT_ENC(B(0xa2, 0x61, 0x61, 0x80, 0x61, 0x62, 0xa0), {
		cbor_put_map(&e_, 2);
		cbor_put_tstr(&e_, "a");
		cbor_put_array(&e_, 0);
		cbor_put_tstr(&e_, "b");
		cbor_put_map(&e_, 0);
	});
	/* 1(1363896240) and the CCA token tag 399 over an empty map. */
	EXPECT_ENC(B(0xc1, 0x1a, 0x51, 0x4b, 0x67, 0xb0), {
		cbor_put_tag(&e_, 1);
		cbor_put_uint(&e_, 1363896240);
	});
	EXPECT_ENC(B(0xd9, 0x01, 0x8f, 0xa0), {
		cbor_put_tag(&e_, 399);
		cbor_put_map(&e_, 0);
	});
	/* Top level may be a sequence of items. */
	EXPECT_ENC(B(0x01, 0x02), {
		cbor_put_uint(&e_, 1);
		cbor_put_uint(&e_, 2);
	});
}

static void cbor_wrapped_bstr(void **state)
{
	(void)state;
	/* h'A10138 22': {1: -35} encoded in place inside a byte string. */
	EXPECT_ENC(B(0x44, 0xa1, 0x01, 0x38, 0x22), {
		struct cbor_enc in;
		cbor_put_bstr_begin(&e_, &in, 4);
		cbor_put_map(&in, 1);
		cbor_put_uint(&in, 1);
		cbor_put_int(&in, -35);
		cbor_put_bstr_end(&e_, &in);
	});
}

/* Each case leaves the encoder with an error or an incomplete structure. */
static void cbor_rejects_broken_structure(void **state)
{
	static const uint8_t src[4];
	uint8_t buf[32];
	struct cbor_enc e, in;

	(void)state;
	/* A map missing its last value. */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_map(&e, 2);
	cbor_put_uint(&e, 1);
	cbor_put_uint(&e, 2);
	cbor_put_uint(&e, 3);
	assert_int_equal(cbor_enc_finish(&e), 0);
	/* A tag with nothing after it. */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_tag(&e, 18);
	assert_int_equal(cbor_enc_finish(&e), 0);
	/* A byte string head whose content never came, or came too long. */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_bstr_head(&e, 4);
	cbor_put_raw(&e, src, 3);
	assert_int_equal(cbor_enc_finish(&e), 0);
	cbor_put_raw(&e, src, 2);
	assert_int_equal(cbor_enc_finish(&e), 0);
	/* An item where byte-string content was due. */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_bstr_head(&e, 1);
	cbor_put_uint(&e, 0);
	cbor_put_raw(&e, src, 1);
	assert_int_equal(cbor_enc_finish(&e), 0);
	/* Raw bytes with no byte string open. */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_raw(&e, src, 1);
	assert_int_equal(cbor_enc_finish(&e), 0);
	/* Wrapped content shorter than announced, or incomplete. */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_bstr_begin(&e, &in, 3);
	cbor_put_uint(&in, 1);
	cbor_put_bstr_end(&e, &in);
	assert_int_equal(cbor_enc_finish(&e), 0);
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_bstr_begin(&e, &in, 2);
	cbor_put_array(&in, 2);
	cbor_put_uint(&in, 1);
	cbor_put_bstr_end(&e, &in);
	assert_int_equal(cbor_enc_finish(&e), 0);
	/* Nesting deeper than CBOR_ENC_MAX_DEPTH. */
	cbor_enc_init(&e, buf, sizeof(buf));
	for (unsigned int i = 0; i <= CBOR_ENC_MAX_DEPTH; i++)
		cbor_put_array(&e, 1);
	assert_int_equal(cbor_enc_finish(&e), 0);
	/* A map count whose item count would wrap. */
	cbor_enc_init(&e, buf, sizeof(buf));
	cbor_put_map(&e, UINT64_MAX);
	assert_int_equal(cbor_enc_finish(&e), 0);
}

static void cbor_overflow_is_sticky_and_bounded(void **state)
{
	static const uint8_t data[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	uint8_t buf[16];
	struct cbor_enc e;

	(void)state;
	memset(buf, 0xEE, sizeof(buf));
	cbor_enc_init(&e, buf, 6);
	cbor_put_bstr(&e, data, sizeof(data));	/* 9 bytes into 6 */
	cbor_put_uint(&e, 0);			/* must not land after the failure */
	assert_int_equal(cbor_enc_finish(&e), 0);
	assert_int_equal(cbor_enc_len(&e), 0);
	for (size_t i = 6; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xEE);
	/* Exactly full is fine. */
	cbor_enc_init(&e, buf, 9);
	cbor_put_bstr(&e, data, sizeof(data));
	assert_int_equal(cbor_enc_finish(&e), 9);
	/* A wrapped string larger than the room left fails without touching inner's room. */
	{
		struct cbor_enc in;

		cbor_enc_init(&e, buf, 4);
		cbor_put_bstr_begin(&e, &in, 8);
		cbor_put_bstr(&in, data, 7);
		cbor_put_bstr_end(&e, &in);
		assert_int_equal(cbor_enc_finish(&e), 0);
	}
}

static void cbor_counting_matches_writing(void **state)
{
	static const uint8_t data[20] = { 0x5a };
	uint8_t buf[64];
	struct cbor_enc count, write;
	struct cbor_enc *encs[] = { &count, &write };

	(void)state;
	cbor_enc_init_count(&count);
	cbor_enc_init(&write, buf, sizeof(buf));
	for (unsigned int i = 0; i < 2U; i++) {
		struct cbor_enc *e = encs[i];

		cbor_put_tag(e, 18);
		cbor_put_array(e, 3);
		cbor_put_int(e, -70000);
		cbor_put_tstr(e, "sha-256");
		cbor_put_bstr(e, data, sizeof(data));
	}
	assert_int_not_equal(cbor_enc_finish(&write), 0);
	assert_int_equal(cbor_enc_finish(&count), cbor_enc_finish(&write));
	assert_null(count.buf);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(cbor_uint_shortest_heads),
	cmocka_unit_test(cbor_int_negative_and_positive),
	cmocka_unit_test(cbor_strings),
	cmocka_unit_test(cbor_containers_and_tags),
	cmocka_unit_test(cbor_wrapped_bstr),
	cmocka_unit_test(cbor_rejects_broken_structure),
	cmocka_unit_test(cbor_overflow_is_sticky_and_bounded),
	cmocka_unit_test(cbor_counting_matches_writing),
};

UNIT_GROUP(cbor_tests, tests, NULL);
