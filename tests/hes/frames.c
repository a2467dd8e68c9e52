/* Embed requests and replies for tests (see frames.h). */
#include "frames.h"

#include <string.h>

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (unsigned int i = 0; i < 4U; i++)
		p[i] = (uint8_t)(v >> (8U * i));
}

size_t frame_request(uint8_t *buf, size_t cap, uint8_t seq, int32_t handle, uint16_t type,
		     const struct hes_invec *in, size_t in_len, const uint16_t *out_cap,
		     size_t out_len)
{
	size_t len = HES_REQ_FIXED;

	for (size_t i = 0; i < in_len; i++)
		len += in[i].len;
	if (len > cap || in_len + out_len > 4U)
		return 0;
	memset(buf, 0, HES_REQ_FIXED);
	buf[1] = seq;
	put_le16(buf + 2, HES_PROTO_CLIENT_ID);
	put_le32(buf + 4, (uint32_t)handle);
	put_le32(buf + 8, type | (uint32_t)out_len << 16 | (uint32_t)in_len << 24);
	len = HES_REQ_FIXED;
	for (size_t i = 0; i < in_len; len += in[i].len, i++) {
		put_le16(buf + 12 + 2 * i, (uint16_t)in[i].len);
		memcpy(buf + len, in[i].base, in[i].len);
	}
	for (size_t i = 0; i < out_len; i++)
		put_le16(buf + 12 + 2 * (in_len + i), out_cap[i]);
	return len;
}

size_t frame_extend(uint8_t *buf, size_t cap, uint8_t seq, uint8_t index, const char *sw_type,
		    uint8_t fill)
{
	uint8_t iov[44] = { 0 }, signer[32] = { 0 }, value[32];
	size_t type_len = strlen(sw_type);
	struct hes_invec in[4] = {
		{ iov, sizeof(iov) }, { signer, sizeof(signer) }, { iov, 0 }, { value, sizeof(value) },
	};

	iov[0] = index;
	put_le32(iov + 4, PSA_ALG_SHA_256);
	memcpy(iov + 8, sw_type, type_len < 32U ? type_len : 32U);
	iov[40] = (uint8_t)type_len;
	memset(value, fill, sizeof(value));
	return frame_request(buf, cap, seq, HES_SID_MEASURED_BOOT, HES_TYPE_MB_EXTEND, in, 4, NULL,
			     0);
}

size_t frame_delegated_key(uint8_t *buf, size_t cap, uint8_t seq)
{
	uint8_t curve = PSA_ECC_FAMILY_SECP_R1, bits[4], alg[4];
	struct hes_invec in[3] = { { &curve, 1 }, { bits, 4 }, { alg, 4 } };
	uint16_t out_cap = 48;

	put_le32(bits, 384);
	put_le32(alg, PSA_ALG_SHA_256);
	return frame_request(buf, cap, seq, HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_DELEGATED_KEY,
			     in, 3, &out_cap, 1);
}

int frame_parse_reply(const uint8_t *buf, size_t len, struct frame_reply *r)
{
	size_t sum = 0;

	if (len < HES_REPLY_FIXED)
		return 0;
	r->version = buf[0];
	r->seq = buf[1];
	r->client_id = (uint16_t)(buf[2] | buf[3] << 8);
	r->status = (int32_t)((uint32_t)buf[4] | (uint32_t)buf[5] << 8 | (uint32_t)buf[6] << 16 |
			      (uint32_t)buf[7] << 24);
	for (size_t i = 0; i < 4U; i++) {
		r->out_size[i] = (uint16_t)(buf[8 + 2 * i] | buf[9 + 2 * i] << 8);
		sum += r->out_size[i];
	}
	r->data = buf + HES_REPLY_FIXED;
	r->data_len = len - HES_REPLY_FIXED;
	return sum == r->data_len;
}
