/*
 * ml-complete: runs the C inference on the host, for trying a model and for
 * the samples in docs/demo-ml.md.
 * Usage: ml-complete MODEL.atml PROMPT [LENGTH [TEMPERATURE [SEED]]]
 * Exit status: 0 on success, 1 for a refused model or prompt, 2 for bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml_infer.h"

static struct ml_state state;

static int usage(void)
{
	fprintf(stderr, "usage: ml-complete MODEL.atml PROMPT [LENGTH [TEMPERATURE [SEED]]]\n"
			"  LENGTH: characters to generate (1..4096, default 200)\n"
			"  TEMPERATURE: 0 for greedy (default), else sampling with SEED (default 1)\n");
	return 2;
}

static uint8_t *read_model(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f) {
		fprintf(stderr, "ml-complete: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = aligned_alloc(16, ((size_t)n + 15) & ~(size_t)15)) && fread(buf, 1, (size_t)n, f) == (size_t)n)
		*size = (size_t)n;
	else {
		fprintf(stderr, "ml-complete: %s: cannot read the file\n", path);
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	struct ml_model model;
	struct ml_sampler sampler;
	static uint8_t out[4096];
	char *end;
	size_t size;

	if (argc < 3 || argc > 6)
		return usage();
	unsigned long length = argc > 3 ? strtoul(argv[3], &end, 10) : 200;
	if (argc > 3 && (*end || length == 0 || length > sizeof(out)))
		return usage();
	float temperature = argc > 4 ? strtof(argv[4], &end) : 0.0f;
	if (argc > 4 && *end)
		return usage();
	unsigned long long seed = argc > 5 ? strtoull(argv[5], &end, 0) : 1;
	if (argc > 5 && *end)
		return usage();

	uint8_t *file = read_model(argv[1], &size);
	if (!file)
		return 1;
	enum ml_status s = ml_model_load(&model, file, size);
	if (s == ML_OK)
		s = ml_sampler_init(&sampler, temperature, seed);
	if (s == ML_OK) {
		ml_state_reset(&state, &model);
		s = ml_feed(&state, (const uint8_t *)argv[2], strlen(argv[2]));
	}
	if (s == ML_OK) {
		ml_generate(&state, &sampler, out, length);
		printf("%s%.*s\n", argv[2], (int)length, (const char *)out);
	} else
		fprintf(stderr, "ml-complete: %s\n", ml_status_str(s));
	free(file);
	return s == ML_OK ? 0 : 1;
}
