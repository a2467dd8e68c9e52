/*
 * ml-provider: the model owner's side of the confidential-ML example
 * (docs/attested-channel.md). It listens for the ML server's connection,
 * requires a token bound to the TLS session that its policy accepts, and only
 * then sends the model; the weights leave this process only inside TLS.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml_model.h"
#include "ml_peer.h"

static const char usage[] =
	"usage: ml-provider --policy POLICY --model MODEL.atml --listen unix:PATH\n"
	"  Waits for the ML server (a realm) to connect at PATH, runs the TLS 1.3 handshake as\n"
	"  the client, verifies the server's attestation token against POLICY (a policy file,\n"
	"  docs/sdk.md) with the session's TLS exporter as the required challenge, and only\n"
	"  then sends MODEL.atml; prints \"model released to RIM <hex>\", or on refusal\n"
	"  \"refused: RIM <hex> not allowed (allowed: <hex>, ...)\" and sends nothing.\n"
	"Exit status: 0 the server loaded the model, 1 refused by the policy, 2 usage,\n"
	"  3 TLS or protocol failure (or the server refused the model), 4 POLICY or MODEL\n"
	"  unreadable or refused.\n";

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "policy", required_argument, NULL, 'p' }, { "model", required_argument, NULL, 'm' },
		{ "listen", required_argument, NULL, 'l' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *policy = NULL, *model_path = NULL, *addr = NULL;
	static struct ml_peer peer;
	struct ml_proto_error err;
	struct ml_model model;
	enum ml_status ms;
	unsigned char *file;
	size_t len, ack_len;
	char why[512];
	enum ml_exit rc;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': policy = optarg; break;
		case 'm': model_path = optarg; break;
		case 'l': addr = optarg; break;
		case 'h': fputs(usage, stdout); return ML_EXIT_OK;
		default: fputs(usage, stderr); return ML_EXIT_USAGE;
		}
	}
	if (optind != argc || !policy || !model_path || !addr) {
		fputs(usage, stderr);
		return ML_EXIT_USAGE;
	}
	if (!ml_unix_path(addr)) {
		fprintf(stderr, "ml-provider: --listen %s: not unix:PATH\n", addr);
		return ML_EXIT_USAGE;
	}
	/* The model is checked here first: a broken file is not worth a session. */
	file = ml_read_file(model_path, ML_MAX_MODEL, &len, why, sizeof(why));
	if (!file) {
		fprintf(stderr, "ml-provider: %s\n", why);
		return ML_EXIT_LOCAL;
	}
	ms = ml_model_load(&model, file, len);
	if (ms != ML_OK) {
		fprintf(stderr, "ml-provider: %s: %s\n", model_path, ml_status_str(ms));
		free(file);
		return ML_EXIT_LOCAL;
	}
	rc = ml_peer_start(&peer, "ml-provider", policy, addr, 1);
	if (rc == ML_EXIT_OK) {
		printf("model released to RIM %s\n", peer.rim_hex);
		fflush(stdout);
		if (ml_msg_send(&peer.ssl, ML_MSG_MODEL, file, len, &err) != ML_PROTO_OK)
			rc = ml_peer_channel_error(&peer, "sending the model", &err);
		else if (ml_msg_recv(&peer.ssl, ML_MSG_ACK, NULL, 0, &ack_len, &err) != ML_PROTO_OK)
			rc = ml_peer_channel_error(&peer, "waiting for the server's ACK", &err);
		else
			fprintf(stderr, "ml-provider: the server loaded the model (%zu bytes)\n", len);
	}
	memset(file, 0, len);
	free(file);
	ml_peer_free(&peer);
	return rc;
}
