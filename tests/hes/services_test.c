/* PSA calls onto the services (hes/services.c): dispatch and vector layouts. */
#include <string.h>

#include "hes_test.h"

static uint8_t out0[64], out1[64], out2[64];

static int32_t call(int32_t handle, uint32_t type, const struct hes_invec *in, size_t in_len,
		    struct hes_outvec *out, size_t out_len)
{
	return hes_call(test_hes, handle, type, in, in_len, out, out_len);
}

static void call_unknown_handle_invalid_handle(void **state)
{
	(void)state;
	assert_int_equal(call(0x40000112, 0, NULL, 0, NULL, 0), PSA_ERROR_INVALID_HANDLE);
	assert_int_equal(call(0, HES_TYPE_MB_READ, NULL, 0, NULL, 0), PSA_ERROR_INVALID_HANDLE);
}

static void call_unknown_type_not_supported(void **state)
{
	(void)state;
	assert_int_equal(call(HES_SID_VHUK, 1001, NULL, 0, NULL, 0), PSA_ERROR_NOT_SUPPORTED);
	assert_int_equal(call(HES_SID_DELEGATED_ATTEST, 1006, NULL, 0, NULL, 0),
			 PSA_ERROR_NOT_SUPPORTED);
}

static void call_wrong_counts_invalid_argument(void **state)
{
	uint8_t idx[3] = { 10, 32, 14 };
	struct hes_invec in[2] = { { idx, 3 }, { idx, 3 } };
	struct hes_outvec out[3] = { { out0, 64, 0 }, { out1, 64, 0 }, { out2, 64, 0 } };

	(void)state;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, in, 2, out, 3),
			 PSA_ERROR_INVALID_ARGUMENT);
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, in, 1, out, 2),
			 PSA_ERROR_INVALID_ARGUMENT);
}

/* GET_DELEGATED_PUB_KEY takes no input vector and one output of 97 bytes. */
static void delegated_pub_key_layout(void **state)
{
	static uint8_t pub[128];
	uint8_t key[48];
	size_t len = 0;
	struct hes_outvec out[1] = { { pub, sizeof(pub), 0 } };

	(void)state;
	hes_test_kat_boot(test_hes);
	assert_int_equal(hes_get_delegated_key(test_hes, PSA_ECC_FAMILY_SECP_R1, 384,
					       PSA_ALG_SHA_256, key, sizeof(key), &len),
			 PSA_SUCCESS);
	assert_int_equal(call(HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_DELEGATED_PUB_KEY, NULL, 0,
			      out, 1),
			 PSA_SUCCESS);
	assert_int_equal(out[0].len, HES_P384_PUB_BYTES);
	assert_int_equal(pub[0], 0x04);
	assert_int_equal(call(HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_DELEGATED_PUB_KEY, NULL, 0,
			      out, 2),
			 PSA_ERROR_INVALID_ARGUMENT);
}

/* The extend_iovec's own fields: its size, the lock byte, sw_type_size. */
static void extend_iovec_checked(void **state)
{
	uint8_t iov[45] = { 0 }, signer[32] = { 0 }, value[32] = { 0 };
	struct hes_invec in[4] = { { iov, 44 }, { signer, 32 }, { iov, 0 }, { value, 32 } };

	(void)state;
	iov[0] = 10;
	iov[4] = 0x09, iov[5] = 0x00, iov[6] = 0x00, iov[7] = 0x02;	/* SHA-256 */
	in[0].len = 43;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_EXTEND, in, 4, NULL, 0),
			 PSA_ERROR_INVALID_ARGUMENT);
	in[0].len = 45;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_EXTEND, in, 4, NULL, 0),
			 PSA_ERROR_INVALID_ARGUMENT);
	in[0].len = 44;
	iov[1] = 2;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_EXTEND, in, 4, NULL, 0),
			 PSA_ERROR_INVALID_ARGUMENT);
	iov[1] = 0;
	iov[40] = 33;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_EXTEND, in, 4, NULL, 0),
			 PSA_ERROR_INVALID_ARGUMENT);
	iov[40] = 0;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_EXTEND, in, 4, NULL, 0),
			 PSA_SUCCESS);
}

/* read_iovec_out at TF-A's offsets: locked 0, algo 4, sw_type 8, its length 40, version 41, 55. */
static void read_layout(void **state)
{
	uint8_t idx[3] = { 14, 32, 14 };
	struct hes_invec in = { idx, 3 };
	struct hes_outvec out[3] = { { out0, 56, 0 }, { out1, 64, 0 }, { out2, 32, 0 } };
	struct hes_measurement m;
	uint8_t signer[33], value[32];

	(void)state;
	memset(signer, 0x77, sizeof(signer));
	memset(value, 0x01, sizeof(value));
	m = (struct hes_measurement){ .index = 14, .lock = true, .alg = PSA_ALG_SHA_256,
		.signer_id = signer, .signer_id_len = 33, .sw_type = "RMM", .sw_type_len = 3,
		.version = "0.6.0", .version_len = 5, .value = value, .value_len = 32 };
	assert_int_equal(hes_slots_extend(&test_hes->slots, &m), PSA_SUCCESS);
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, &in, 1, out, 3), PSA_SUCCESS);
	assert_int_equal(out[0].len, 56);
	assert_int_equal(out0[0], 1);
	assert_memory_equal(out0 + 4, "\x09\x00\x00\x02", 4);
	assert_memory_equal(out0 + 8, "RMM", 3);
	assert_int_equal(out0[40], 3);
	assert_memory_equal(out0 + 41, "0.6.0", 5);
	assert_int_equal(out0[55], 5);
	assert_int_equal(out[1].len, 33);
	assert_memory_equal(out1, signer, 33);
	assert_int_equal(out[2].len, 32);
	assert_memory_equal(out2, test_hes->slots.slot[14].value, 32);
}

static void read_small_capacities_buffer_too_small(void **state)
{
	uint8_t idx[3] = { 10, 32, 14 };
	struct hes_invec in = { idx, 3 };
	struct hes_outvec out[3] = { { out0, 56, 0 }, { out1, 32, 0 }, { out2, 32, 0 } };

	(void)state;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, &in, 1, out, 3),
			 PSA_ERROR_DOES_NOT_EXIST);
	assert_int_equal(hes_test_extend(test_hes, 10, "BL_2", 1), PSA_SUCCESS);
	out[0].cap = 55;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, &in, 1, out, 3),
			 PSA_ERROR_BUFFER_TOO_SMALL);
	out[0].cap = 56;
	out[2].cap = 31;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, &in, 1, out, 3),
			 PSA_ERROR_BUFFER_TOO_SMALL);
	out[2].cap = 32;
	idx[1] = 3;	/* sw_type "BL_2" needs 4 */
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, &in, 1, out, 3),
			 PSA_ERROR_BUFFER_TOO_SMALL);
	idx[1] = 4;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, &in, 1, out, 3), PSA_SUCCESS);
	idx[0] = 32;
	assert_int_equal(call(HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, &in, 1, out, 3),
			 PSA_ERROR_INVALID_ARGUMENT);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(call_unknown_handle_invalid_handle, hes_test_boot),
	cmocka_unit_test_setup(call_unknown_type_not_supported, hes_test_boot),
	cmocka_unit_test_setup(call_wrong_counts_invalid_argument, hes_test_boot),
	cmocka_unit_test_setup(extend_iovec_checked, hes_test_boot),
	cmocka_unit_test_setup(delegated_pub_key_layout, hes_test_boot),
	cmocka_unit_test_setup(read_layout, hes_test_boot),
	cmocka_unit_test_setup(read_small_capacities_buffer_too_small, hes_test_boot),
};

HES_GROUP(services_tests, tests);
