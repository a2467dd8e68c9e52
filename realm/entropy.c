/* Filling buffers from a 64-bit random source with retries (entropy.h); no CPU specifics here. */
#include "entropy.h"

const char *entropy_status_str(enum entropy_status status)
{
	switch (status) {
	case ENTROPY_OK: return "ok";
	case ENTROPY_ABSENT: return "no FEAT_RNG: this CPU has no RNDR instruction, so no entropy source";
	case ENTROPY_FAILED: return "RNDR kept failing: the CPU's random number generator gives no data";
	}
	return "unknown error";
}

static bool read_with_retries(entropy_read_fn read, uint64_t *word)
{
	for (unsigned int i = 0; i < ENTROPY_RETRIES; i++)
		if (read(word))
			return true;
	return false;
}

static void zero(uint8_t *out, size_t len)
{
	for (size_t i = 0; i < len; i++)
		((volatile uint8_t *)out)[i] = 0;
}

enum entropy_status entropy_fill_from(entropy_read_fn read, bool present, uint8_t *out, size_t len)
{
	if (!present) {
		zero(out, len);
		return ENTROPY_ABSENT;
	}
	for (size_t done = 0; done < len;) {
		uint64_t word;

		if (!read_with_retries(read, &word)) {
			zero(out, len);
			return ENTROPY_FAILED;
		}
		for (unsigned int b = 0; b < 8U && done < len; b++, done++)
			out[done] = (uint8_t)(word >> (8U * b));
		word = 0;
	}
	return ENTROPY_OK;
}
