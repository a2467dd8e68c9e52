/* The SDK's realm parameters as verify/'s recipe (shared by atoll_measure and the simulator). */
#pragma once

#include "internal.h"
#include "verify/expected_rim.h"

void measure_recipe_of(struct realm_recipe *r, const struct atoll_realm_params *p);

/* atoll_measure for a caller that holds the library lock. */
atoll_status atoll_measure_locked(const void *image, size_t size,
				  const struct atoll_realm_params *p, uint8_t rim[ATOLL_DIGEST_MAX],
				  size_t *rim_len, const char **why);
