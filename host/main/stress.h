/* What a stress image runs (host/main/stress.c): one definition per image. */
#pragma once

#include <stdint.h>

struct stress_config {
	unsigned int iterations;	/* per CPU */
	uint64_t seed;
};

extern const struct stress_config stress_config;
