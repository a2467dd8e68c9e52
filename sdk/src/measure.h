/* The SDK's realm parameters as verify/'s recipe (shared by atoll_measure and the simulator). */
#pragma once

#include "internal.h"
#include "verify/expected_rim.h"

void measure_recipe_of(struct realm_recipe *r, const struct atoll_realm_params *p);
