/* The stress run of `make stress-qemu`: minutes. */
#include "main/stress.h"

const struct stress_config stress_config = { .iterations = 200000, .seed = 2 };
