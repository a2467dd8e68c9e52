/*
 * ml-client: the user's side of the confidential-ML example
 * (docs/attested-channel.md). It connects to the ML server, requires a token
 * bound to the TLS session that its policy accepts, and only then sends the
 * prompt; it prints the completion the server's model generated.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml_peer.h"

static const char usage[] =
	"usage: ml-client --policy POLICY --connect unix:PATH --prompt TEXT\n"
	"  Connects to the ML server at PATH, runs the TLS 1.3 handshake, verifies the server's\n"
	"  attestation token against POLICY (a policy file, docs/sdk.md) with the session's TLS\n"
	"  exporter as the required challenge, and only then sends TEXT; prints\n"
	"  \"completion: <text>\", or on refusal \"refused: RIM <hex> not allowed (allowed: ...)\"\n"
	"  and sends nothing.\n"
	"Exit status: 0 completion printed, 1 refused by the policy, 2 usage, 3 TLS or\n"
	"  protocol failure (or the server refused the prompt), 4 POLICY unreadable or refused.\n";

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "policy", required_argument, NULL, 'p' }, { "connect", required_argument, NULL, 'c' },
		{ "prompt", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *policy = NULL, *addr = NULL, *prompt = NULL;
	static struct ml_peer peer;
	static uint8_t completion[ML_MAX_COMPLETION];
	struct ml_proto_error err;
	size_t len;
	enum ml_exit rc;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': policy = optarg; break;
		case 'c': addr = optarg; break;
		case 't': prompt = optarg; break;
		case 'h': fputs(usage, stdout); return ML_EXIT_OK;
		default: fputs(usage, stderr); return ML_EXIT_USAGE;
		}
	}
	if (optind != argc || !policy || !addr || !prompt) {
		fputs(usage, stderr);
		return ML_EXIT_USAGE;
	}
	if (!ml_unix_path(addr)) {
		fprintf(stderr, "ml-client: --connect %s: not unix:PATH\n", addr);
		return ML_EXIT_USAGE;
	}
	if (prompt[0] == '\0' || strlen(prompt) > ML_MAX_PROMPT) {
		fprintf(stderr, "ml-client: --prompt: 1..%u bytes\n", ML_MAX_PROMPT);
		return ML_EXIT_USAGE;
	}
	rc = ml_peer_start(&peer, "ml-client", policy, addr, 0);
	if (rc == ML_EXIT_OK) {
		if (ml_msg_send(&peer.ssl, ML_MSG_PROMPT, prompt, strlen(prompt), &err) != ML_PROTO_OK)
			rc = ml_peer_channel_error(&peer, "sending the prompt", &err);
		else if (ml_msg_recv(&peer.ssl, ML_MSG_COMPLETION, completion, sizeof(completion), &len,
				     &err) != ML_PROTO_OK)
			rc = ml_peer_channel_error(&peer, "waiting for the completion", &err);
		else
			printf("completion: %.*s\n", (int)len, (const char *)completion);
	}
	ml_peer_free(&peer);
	return rc;
}
