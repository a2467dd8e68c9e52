/* Lower-case hex, as refs.json and the realm host's token dump write it. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the len characters at s (an even number, '0'-'9' and 'a'-'f' only)
 * into out; the number of bytes, or -1 if s is not such hex or needs more
 * than cap bytes.
 */
long hex_decode(const char *s, size_t len, uint8_t *out, size_t cap);

/* The value of one lower-case hex digit, or -1. */
int hex_nibble(char c);
