/* The stress run of `make test`: a few seconds. */
#include "main/stress.h"

const struct stress_config stress_config = { .iterations = 3000, .seed = 1 };
