/*
 * TF-A's RSE PSA-call protocol (shared/hes.md 1), embed form, over a byte
 * stream: a pure state machine that takes bytes in any chunking and hands
 * out one reply per request. Wire format and the resynchronisation rule:
 * docs/hes-protocol.md. In short: a frame starts with the sync pattern
 * (protocol_ver 0, any seq, client_id 1, ctrl_param's reserved bits 0);
 * bytes that cannot start one are dropped one at a time; a synced request
 * is always answered with a PSA status; hes_proto_idle() (the line went
 * quiet) drops a partial frame.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <hes/hes.h>

#define HES_PAYLOAD_MAX		0x1000U	/* PLAT_RSE_COMMS_PAYLOAD_MAX_SIZE */
#define HES_PROTO_HEADER	4U
#define HES_REQ_FIXED		20U	/* header, handle, ctrl_param, io_size[4] */
#define HES_REPLY_FIXED		16U	/* header, return_val, out_size[4] */
#define HES_REQ_MAX		(HES_REQ_FIXED + HES_PAYLOAD_MAX)
#define HES_REPLY_MAX		(HES_REPLY_FIXED + HES_PAYLOAD_MAX)

#define HES_PROTO_EMBED		0U
#define HES_PROTO_POINTER	1U
#define HES_PROTO_CLIENT_ID	1U
/* A pointer-access request (never usable over a UART) and its reply. */
#define HES_PTR_REQ_SIZE	60U
#define HES_PTR_REPLY_SIZE	24U

/* Called once per reply; the bytes are valid only during the call. */
typedef void hes_reply_fn(void *ctx, const uint8_t *reply, size_t len);

struct hes_proto_stats {
	uint64_t requests;	/* answered */
	uint64_t dropped;	/* bytes that could not start a frame */
	uint64_t truncated;	/* partial frames dropped at idle */
};

struct hes_proto {
	struct hes *hes;
	hes_reply_fn *reply_fn;
	void *reply_ctx;
	size_t have;			/* bytes of the current frame in rx */
	size_t need;			/* its total length, once known (else 0) */
	struct hes_proto_stats stats;
	_Alignas(4) uint8_t rx[HES_REQ_MAX];
	_Alignas(4) uint8_t reply[HES_REPLY_MAX];
};

void hes_proto_init(struct hes_proto *p, struct hes *h, hes_reply_fn *fn, void *ctx);

/* Takes len bytes of the stream; calls the reply function for each complete request. */
void hes_proto_feed(struct hes_proto *p, const uint8_t *data, size_t len);

/* The line has been idle: a partial frame will never complete, so drop it. */
void hes_proto_idle(struct hes_proto *p);
