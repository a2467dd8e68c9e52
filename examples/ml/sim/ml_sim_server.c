/*
 * ml-sim-server: the ML server's portable core (examples/ml/server/) as an
 * x86 process, with libatoll's sim backend for real tokens from a simulated
 * device (docs/attested-channel.md). It stands in for the ML server realm in
 * the ml-channel tests: it connects to a listening provider for the model,
 * then serves chat sessions on a Unix socket.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atoll/atoll.h>

#include "ml_hosted.h"
#include "ml_server.h"

static const char usage[] =
	"usage: ml-sim-server [--provider unix:PATH | --model FILE] [--listen unix:PATH]\n"
	"                     [--chats N] [--image REALM.bin] [--refs-out FILE]\n"
	"                     [--record-token FILE] [--replay-token FILE]\n"
	"                     [--length N] [--temperature T] [--seed S] [--copy-prompts]\n"
	"  --provider unix:PATH  connect to the model provider listening there, receive the model\n"
	"  --model FILE          load a model file directly instead (as a realm unsealing it)\n"
	"  --listen unix:PATH    then serve --chats chat sessions (default 1) there\n"
	"  --image REALM.bin     the realm image the simulated device runs (its RIM is attested;\n"
	"                        default: libatoll's built-in hello realm)\n"
	"  --refs-out FILE       write the device's and realm's refs.json there and continue\n"
	"  --record-token FILE   write each token sent there (the latest one)\n"
	"  --replay-token FILE   send this token in every session instead of attesting (a replay)\n"
	"  --length N            bytes generated per prompt (default 64)\n"
	"  --temperature T, --seed S  sampling (default 0: greedy; seed 1)\n"
	"  --copy-prompts        print each prompt received (what a malicious server would do)\n"
	"Exit status: 0 every session succeeded, 1 a session failed, 2 usage.\n";

struct sim {
	const char *record_path;
	unsigned char *replay;
	size_t replay_len;
	struct atoll_ctx *atoll;
};

static void log_line(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "%s\n", line);
}

static void copy_prompt(void *ctx, const uint8_t *prompt, size_t len)
{
	(void)ctx;
	printf("ml-sim-server: copied prompt: %.*s\n", (int)len, (const char *)prompt);
	fflush(stdout);
}

/* Attests (or replays), and records the token if asked. */
static int attest(void *ctx, const uint8_t challenge[ML_EXPORTER_SIZE], uint8_t *buf, size_t cap,
		  size_t *len)
{
	struct sim *sim = ctx;

	if (sim->replay) {
		if (sim->replay_len > cap)
			return -1;
		memcpy(buf, sim->replay, sim->replay_len);
		*len = sim->replay_len;
	} else if (atoll_attest(sim->atoll, challenge, buf, cap, len) != ATOLL_OK) {
		fprintf(stderr, "ml-sim-server: attest: %s\n", atoll_error_detail(sim->atoll));
		return -1;
	}
	if (sim->record_path) {
		FILE *f = fopen(sim->record_path, "wb");

		if (!f || fwrite(buf, 1, *len, f) != *len || fclose(f) != 0) {
			fprintf(stderr, "ml-sim-server: %s: %s\n", sim->record_path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int parse_size(const char *s, size_t lo, size_t hi, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = (size_t)v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "provider", required_argument, NULL, 'p' }, { "model", required_argument, NULL, 'm' },
		{ "listen", required_argument, NULL, 'l' }, { "chats", required_argument, NULL, 'n' },
		{ "image", required_argument, NULL, 'i' }, { "refs-out", required_argument, NULL, 'r' },
		{ "record-token", required_argument, NULL, 'R' },
		{ "replay-token", required_argument, NULL, 'P' },
		{ "length", required_argument, NULL, 'L' }, { "temperature", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 's' }, { "copy-prompts", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *provider = NULL, *model_path = NULL, *listen_addr = NULL, *image_path = NULL;
	const char *refs_out = NULL, *replay_path = NULL;
	size_t chats = 1, seed = 1;
	struct ml_server_config cfg = { .completion_len = 64, .temperature = 0.0f };
	struct sim sim = { 0 };
	struct atoll_options aopts = { 0 };
	unsigned char *image = NULL;
	size_t image_len = 0;
	bool copy = false;
	char err[256];
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': provider = optarg; break;
		case 'm': model_path = optarg; break;
		case 'l': listen_addr = optarg; break;
		case 'i': image_path = optarg; break;
		case 'r': refs_out = optarg; break;
		case 'R': sim.record_path = optarg; break;
		case 'P': replay_path = optarg; break;
		case 'c': copy = true; break;
		case 'n':
			if (parse_size(optarg, 0, 1000, &chats)) {
				fprintf(stderr, "ml-sim-server: --chats %s: not 0..1000\n", optarg);
				return 2;
			}
			break;
		case 'L':
			if (parse_size(optarg, 1, ML_MAX_COMPLETION, &cfg.completion_len)) {
				fprintf(stderr, "ml-sim-server: --length %s: not 1..%u\n", optarg,
					ML_MAX_COMPLETION);
				return 2;
			}
			break;
		case 's':
			if (parse_size(optarg, 0, SIZE_MAX, &seed)) {
				fprintf(stderr, "ml-sim-server: --seed %s: not a number\n", optarg);
				return 2;
			}
			break;
		case 't': {
			char *end;

			cfg.temperature = strtof(optarg, &end);
			if (end == optarg || *end) {
				fprintf(stderr, "ml-sim-server: --temperature %s: not a number\n", optarg);
				return 2;
			}
			break;
		}
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	cfg.seed = seed;
	if (optind != argc || (provider && model_path) || (!provider && !model_path && !refs_out) ||
	    (provider && !ml_unix_path(provider)) || (listen_addr && !ml_unix_path(listen_addr))) {
		fputs(usage, stderr);
		return 2;
	}

	if (image_path) {
		image = ml_read_file(image_path, 64u << 20, &image_len, err, sizeof(err));
		if (!image) {
			fprintf(stderr, "ml-sim-server: %s\n", err);
			return 1;
		}
		aopts.sim_realm_image = image;
		aopts.sim_realm_image_size = image_len;
	}
	if (atoll_open(&sim.atoll, "sim", &aopts) != ATOLL_OK) {
		fprintf(stderr, "ml-sim-server: the sim backend: %s\n", atoll_open_error());
		free(image);
		return 1;
	}
	if (refs_out && atoll_sim_write_refs(sim.atoll, refs_out) != ATOLL_OK) {
		fprintf(stderr, "ml-sim-server: %s: %s\n", refs_out, atoll_error_detail(sim.atoll));
		rc = 1;
	}
	if (replay_path && !rc) {
		sim.replay = ml_read_file(replay_path, ML_MAX_TOKEN, &sim.replay_len, err, sizeof(err));
		if (!sim.replay) {
			fprintf(stderr, "ml-sim-server: %s\n", err);
			rc = 1;
		}
	}

	if (!rc && (provider || model_path)) {
		static struct ml_server server;
		struct ml_rng rng;
		int fd = -1;
		struct ml_server_platform plat = {
			.bio = &fd, .send = ml_fd_send, .recv = ml_fd_recv, .rng = ml_rng,
			.rng_ctx = &rng, .atoll = sim.atoll, .attest = attest, .attest_ctx = &sim,
			.log = log_line, .observe_prompt = copy ? copy_prompt : NULL,
		};

		cfg.model_cap = ML_MAX_MODEL;
		cfg.model_buf = malloc(cfg.model_cap);
		if (!cfg.model_buf || ml_rng_init(&rng, "ml-sim-server") != 0) {
			fprintf(stderr, "ml-sim-server: out of memory or no entropy\n");
			return 1;
		}
		if (ml_server_init(&server, &cfg, &plat) != ML_SERVER_OK) {
			fprintf(stderr, "ml-sim-server: %s\n", ml_server_error(&server));
			rc = 1;
		} else if (model_path) {
			size_t len;
			unsigned char *m = ml_read_file(model_path, cfg.model_cap, &len, err, sizeof(err));

			if (!m) {
				fprintf(stderr, "ml-sim-server: %s\n", err);
				rc = 1;
			} else {
				memcpy(cfg.model_buf, m, len);
				free(m);
				if (ml_server_load(&server, len) != ML_SERVER_OK) {
					fprintf(stderr, "ml-sim-server: %s\n", ml_server_error(&server));
					rc = 1;
				}
			}
		} else {
			fd = ml_connect(provider, 10000, err, sizeof(err));
			if (fd < 0) {
				fprintf(stderr, "ml-sim-server: %s\n", err);
				rc = 1;
			} else if (ml_server_provision(&server, &plat) != ML_SERVER_OK) {
				fprintf(stderr, "ml-sim-server: provision: %s\n", ml_server_error(&server));
				rc = 1;
			}
			if (fd >= 0)
				close(fd);
		}
		for (size_t i = 0; !rc && listen_addr && i < chats; i++) {
			fd = ml_listen_accept(listen_addr, err, sizeof(err));
			if (fd < 0) {
				fprintf(stderr, "ml-sim-server: %s\n", err);
				rc = 1;
				break;
			}
			if (ml_server_chat(&server, &plat) != ML_SERVER_OK) {
				fprintf(stderr, "ml-sim-server: chat: %s\n", ml_server_error(&server));
				rc = 1;
			}
			close(fd);
		}
		ml_server_free(&server);
		ml_rng_free(&rng);
		free(cfg.model_buf);
	}
	free(sim.replay);
	atoll_close(sim.atoll);
	free(image);
	return rc;
}
