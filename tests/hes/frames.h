/*
 * Building embed requests as TF-A's rse_comms.c serialises them, and
 * reading replies: for the protocol tests and the fuzzer's seeds.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <hes/protocol.h>

/* A request: vectors in, capacities out; returns its length (0 if it does not fit). */
size_t frame_request(uint8_t *buf, size_t cap, uint8_t seq, int32_t handle, uint16_t type,
		     const struct hes_invec *in, size_t in_len, const uint16_t *out_cap,
		     size_t out_len);

/* MB_EXTEND of a SHA-256 value of 32 fill bytes, signer 32 zeros, as BL2 sends it. */
size_t frame_extend(uint8_t *buf, size_t cap, uint8_t seq, uint8_t index, const char *sw_type,
		    uint8_t fill);

/* GET_DELEGATED_KEY as TF-A's cca_attestation.c asks (P-384, SHA-256). */
size_t frame_delegated_key(uint8_t *buf, size_t cap, uint8_t seq);

struct frame_reply {
	uint8_t version, seq;
	uint16_t client_id;
	int32_t status;
	uint16_t out_size[4];
	const uint8_t *data;	/* the outputs, back to back */
	size_t data_len;
};

/* Splits an embed reply; 0 if its length disagrees with its out_size. */
int frame_parse_reply(const uint8_t *buf, size_t len, struct frame_reply *r);
