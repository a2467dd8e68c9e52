/* The embed protocol as a byte-stream state machine (see protocol.h). */
#include <hes/protocol.h>

#include <stdbool.h>
#include <string.h>

#define OFF_VERSION	0U
#define OFF_CLIENT_ID	2U
#define OFF_HANDLE	4U
#define OFF_CTRL	8U
#define OFF_IO_SIZE	12U
#define OFF_RETURN_VAL	4U
#define OFF_OUT_SIZE	8U

/* ctrl_param: type 15:0, out_len 18:16, in_len 26:24, every other bit 0. */
#define CTRL_TYPE(c)	((c) & 0xFFFFU)
#define CTRL_OUT_LEN(c)	(((c) >> 16) & 0x7U)
#define CTRL_IN_LEN(c)	(((c) >> 24) & 0x7U)
#define CTRL_RESERVED	0xF8F80000U

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (unsigned int i = 0; i < 4U; i++)
		p[i] = (uint8_t)(v >> (8U * i));
}

void hes_proto_init(struct hes_proto *p, struct hes *h, hes_reply_fn *fn, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->hes = h;
	p->reply_fn = fn;
	p->reply_ctx = ctx;
}

/* Whether bytes [0, have) agree with the sync pattern so far. */
static bool could_start_frame(const uint8_t *b, size_t have)
{
	if (have > OFF_VERSION && b[OFF_VERSION] != HES_PROTO_EMBED &&
	    b[OFF_VERSION] != HES_PROTO_POINTER)
		return false;
	/* client_id, a u16 LE, byte by byte as they arrive. */
	if (have > OFF_CLIENT_ID && b[OFF_CLIENT_ID] != (HES_PROTO_CLIENT_ID & 0xFFU))
		return false;
	if (have > OFF_CLIENT_ID + 1U && b[OFF_CLIENT_ID + 1U] != (HES_PROTO_CLIENT_ID >> 8))
		return false;
	return have < OFF_CTRL + 4U || (get_le32(b + OFF_CTRL) & CTRL_RESERVED) == 0U;
}

/* Drops leading bytes until what is left could start a frame. */
static void resync(struct hes_proto *p)
{
	size_t skip = 0;

	while (skip < p->have && !could_start_frame(p->rx + skip, p->have - skip))
		skip++;
	if (skip == 0U)
		return;
	memmove(p->rx, p->rx + skip, p->have - skip);
	p->have -= skip;
	p->stats.dropped += skip;
}

/* The fixed part of the frame that starts in rx. */
static size_t fixed_len(const struct hes_proto *p)
{
	return p->have > 0U && p->rx[OFF_VERSION] == HES_PROTO_POINTER ? HES_PTR_REQ_SIZE
									: HES_REQ_FIXED;
}

static void frame_done(struct hes_proto *p)
{
	p->have = 0;
	p->need = 0;
}

/* Header echoed, return_val; the caller has filled what follows. */
static void send(struct hes_proto *p, int32_t status, size_t len)
{
	memcpy(p->reply, p->rx, HES_PROTO_HEADER);
	put_le32(p->reply + OFF_RETURN_VAL, (uint32_t)status);
	p->stats.requests++;
	p->reply_fn(p->reply_ctx, p->reply, len);
}

/* An embed reply with no data: out_size all 0, as TF-A needs with an error. */
static void send_status(struct hes_proto *p, int32_t status)
{
	memset(p->reply + OFF_OUT_SIZE, 0, 4U * sizeof(uint16_t));
	send(p, status, HES_REPLY_FIXED);
	frame_done(p);
}

/* Pointer access needs the HES to reach AP memory: refused, in its own reply form. */
static void send_pointer_refusal(struct hes_proto *p)
{
	memset(p->reply + OFF_OUT_SIZE, 0, 4U * sizeof(uint32_t));
	send(p, PSA_ERROR_NOT_SUPPORTED, HES_PTR_REPLY_SIZE);
	frame_done(p);
}

static size_t io_size(const struct hes_proto *p, size_t i)
{
	return get_le16(p->rx + OFF_IO_SIZE + 2U * i);
}

/* Sum of io_size[first, first + count). */
static size_t io_total(const struct hes_proto *p, size_t first, size_t count)
{
	size_t sum = 0;

	for (size_t i = first; i < first + count; i++)
		sum += io_size(p, i);
	return sum;
}

/*
 * The fixed part is in: its counts and sizes say how long the frame is. If
 * they cannot (counts or trailer past what any client sends), the request
 * is answered now and what follows is scanned for the next frame.
 */
static void examine_header(struct hes_proto *p)
{
	uint32_t ctrl = get_le32(p->rx + OFF_CTRL);
	size_t in_len = CTRL_IN_LEN(ctrl);

	if (p->rx[OFF_VERSION] == HES_PROTO_POINTER) {
		send_pointer_refusal(p);
		return;
	}
	if (in_len > HES_MAX_IOVEC || CTRL_OUT_LEN(ctrl) > HES_MAX_IOVEC ||
	    io_total(p, 0, in_len) > HES_PAYLOAD_MAX) {
		send_status(p, PSA_ERROR_INVALID_ARGUMENT);
		return;
	}
	p->need = HES_REQ_FIXED + io_total(p, 0, in_len);
}

/* Moves the outputs (written at their capacities' offsets) back to back. */
static size_t pack_outputs(struct hes_proto *p, struct hes_outvec *out, size_t out_len)
{
	uint8_t *dst = p->reply + HES_REPLY_FIXED;

	memset(p->reply + OFF_OUT_SIZE, 0, 4U * sizeof(uint16_t));
	for (size_t i = 0; i < out_len; i++) {
		memmove(dst, out[i].base, out[i].len);
		dst += out[i].len;
		p->reply[OFF_OUT_SIZE + 2U * i] = (uint8_t)out[i].len;
		p->reply[OFF_OUT_SIZE + 2U * i + 1U] = (uint8_t)(out[i].len >> 8);
	}
	return (size_t)(dst - p->reply);
}

/* A whole request is in rx: call the service and reply. */
static void answer(struct hes_proto *p)
{
	uint32_t ctrl = get_le32(p->rx + OFF_CTRL);
	size_t in_len = CTRL_IN_LEN(ctrl), out_len = CTRL_OUT_LEN(ctrl);
	struct hes_invec in[HES_MAX_IOVEC];
	struct hes_outvec out[HES_MAX_IOVEC];
	size_t at = HES_REQ_FIXED;
	int32_t status;

	/* io_size has four entries for both directions together. */
	if (in_len + out_len > HES_MAX_IOVEC || io_total(p, in_len, out_len) > HES_PAYLOAD_MAX) {
		send_status(p, PSA_ERROR_INVALID_ARGUMENT);
		return;
	}
	for (size_t i = 0; i < in_len; at += in[i].len, i++)
		in[i] = (struct hes_invec){ p->rx + at, io_size(p, i) };
	at = HES_REPLY_FIXED;
	for (size_t i = 0; i < out_len; at += out[i].cap, i++)
		out[i] = (struct hes_outvec){ p->reply + at, io_size(p, in_len + i), 0 };
	status = hes_call(p->hes, (int32_t)get_le32(p->rx + OFF_HANDLE), CTRL_TYPE(ctrl), in,
			  in_len, out, out_len);
	if (status != PSA_SUCCESS) {
		send_status(p, status);
		return;
	}
	send(p, status, pack_outputs(p, out, out_len));
	frame_done(p);
}

/* Bytes still wanted before the next decision. */
static size_t wanted(const struct hes_proto *p)
{
	return (p->need != 0U ? p->need : fixed_len(p)) - p->have;
}

void hes_proto_feed(struct hes_proto *p, const uint8_t *data, size_t len)
{
	while (len > 0U) {
		size_t n = wanted(p) < len ? wanted(p) : len;

		memcpy(p->rx + p->have, data, n);
		p->have += n;
		data += n;
		len -= n;
		if (p->need == 0U) {
			resync(p);
			if (p->have < fixed_len(p))
				continue;
			examine_header(p);
		}
		if (p->need != 0U && p->have == p->need)
			answer(p);
	}
}

void hes_proto_idle(struct hes_proto *p)
{
	if (p->have != 0U)
		p->stats.truncated++;
	frame_done(p);
}
