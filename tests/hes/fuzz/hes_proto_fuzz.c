/*
 * libFuzzer target for the HES protocol (hes/protocol.c) and the services
 * behind it. An input is one control byte, then the byte stream: bits 4:0
 * give the chunk size (1 to 32) it is fed in, bit 5 asks for an idle after
 * every chunk. Each input gets a new boot of one device (the roots are
 * fixed; the CPAK is derived once). Every reply is checked: its length
 * against its out_size, the echoed client id, a known PSA status, no data
 * with an error; a violation abort()s.
 *
 * HES_FUZZ_WRITE_SEEDS=dir writes the seed inputs there and exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hes/protocol.h>

#include "frames.h"

static struct hes device;
static struct hes_proto proto;
static size_t replies;

static int fuzz_random(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	memset(buf, 0x5A, len);	/* blinding only: any bytes do */
	return 0;
}

static int known_status(int32_t s)
{
	static const int32_t known[] = { PSA_SUCCESS, PSA_ERROR_NOT_PERMITTED,
		PSA_ERROR_NOT_SUPPORTED, PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_INVALID_HANDLE,
		PSA_ERROR_BAD_STATE, PSA_ERROR_BUFFER_TOO_SMALL, PSA_ERROR_DOES_NOT_EXIST };

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i] == s)
			return 1;
	return 0;
}

static void check_reply(void *ctx, const uint8_t *reply, size_t len)
{
	struct frame_reply r;

	(void)ctx;
	replies++;
	if (len == HES_PTR_REPLY_SIZE && reply[0] == HES_PROTO_POINTER)
		return;
	if (len > HES_REPLY_MAX || !frame_parse_reply(reply, len, &r) ||
	    r.version != HES_PROTO_EMBED || r.client_id != HES_PROTO_CLIENT_ID ||
	    !known_status(r.status) || (r.status != PSA_SUCCESS && r.data_len != 0)) {
		fprintf(stderr, "HES-FUZZ: bad reply of %zu bytes, status %d\n", len, (int)r.status);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_seed(const char *dir, int n, uint8_t mode, const uint8_t *frames, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/seed-%02d", dir, n);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(&mode, 1, 1, f) != 1 || fwrite(frames, 1, len, f) != len)
		exit(1);
	fclose(f);
}

/* A boot as TF-A drives it, then the same pieces alone and fed differently. */
static void write_seeds(const char *dir)
{
	static uint8_t buf[4 * HES_REQ_MAX];
	uint8_t challenge[32] = { 0 }, id = HES_VHUK_ID_M, read_in[3] = { 11, 32, 14 };
	struct hes_invec token_in = { challenge, 32 }, vhuk_in = { &id, 1 }, read_vec = { read_in, 3 };
	uint16_t token_cap = HES_PAYLOAD_MAX, vhuk_cap = 32, read_cap[3] = { 56, 64, 64 };
	size_t n = 0;

	n += frame_extend(buf + n, sizeof(buf) - n, 1, 10, "BL_2", 1);
	n += frame_extend(buf + n, sizeof(buf) - n, 2, 11, "SECURE_RT_EL3", 2);
	n += frame_request(buf + n, sizeof(buf) - n, 3, HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ,
			   &read_vec, 1, read_cap, 3);
	n += frame_request(buf + n, sizeof(buf) - n, 4, HES_SID_VHUK, HES_TYPE_GET_VHUK, &vhuk_in,
			   1, &vhuk_cap, 1);
	n += frame_delegated_key(buf + n, sizeof(buf) - n, 5);
	n += frame_request(buf + n, sizeof(buf) - n, 6, HES_SID_DELEGATED_ATTEST,
			   HES_TYPE_GET_PLATFORM_TOKEN, &token_in, 1, &token_cap, 1);
	write_seed(dir, 0, 0x1F, buf, n);
	write_seed(dir, 1, 0x00, buf, n);
	write_seed(dir, 2, 0x27, buf, 200);	/* truncated, idle, the rest */
	buf[0] = HES_PROTO_POINTER;
	write_seed(dir, 3, 0x1F, buf, HES_PTR_REQ_SIZE);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *seeds = getenv("HES_FUZZ_WRITE_SEEDS");
	struct hes_config cfg;
	struct hes_roots roots = { .lifecycle = HES_LCS_SECURED };

	(void)argc;
	(void)argv;
	if (seeds != NULL) {
		write_seeds(seeds);
		exit(0);
	}
	memset(roots.huk, 0x11, sizeof(roots.huk));
	memset(roots.guk, 0x22, sizeof(roots.guk));
	hes_config_default(&cfg);
	if (hes_init(&device, &cfg, &roots, fuzz_random, NULL) != PSA_SUCCESS)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t chunk, idle;

	if (size == 0)
		return 0;
	chunk = (data[0] & 0x1FU) + 1U;
	idle = data[0] & 0x20U;
	hes_boot_reset(&device);
	hes_proto_init(&proto, &device, check_reply, NULL);
	replies = 0;
	for (size_t at = 1; at < size; at += chunk) {
		hes_proto_feed(&proto, data + at, size - at < chunk ? size - at : chunk);
		if (idle)
			hes_proto_idle(&proto);
	}
	/* A reply needs at least a fixed header's worth of input. */
	if (replies > size / HES_REQ_FIXED)
		abort();
	return 0;
}
