/* The OS random source (getrandom), as the core's hes_random_fn. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Fills buf from the kernel's random source; 0 on success, -1 if it failed. */
int hesd_random(void *ctx, uint8_t *buf, size_t len);
