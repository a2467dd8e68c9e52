/*
 * RNDR (FEAT_RNG) for realm_entropy_fill() and mbedTLS's hardware entropy
 * source. The RMM passes ID_AA64ISAR0_EL1 through to realms (its emulation
 * hides no RNDR), so the field says whether the instruction exists.
 */
#include "entropy.h"

#include <mbedtls/entropy.h>

#define ID_AA64ISAR0_RNDR_SHIFT	60

static bool rndr_present(void)
{
	uint64_t isar0;

	__asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	return (isar0 >> ID_AA64ISAR0_RNDR_SHIFT) != 0;
}

/* RNDR by its encoding (S3_3_C2_C4_0), so no +rng option is needed; Z set means no data. */
static bool rndr_read(uint64_t *word)
{
	uint64_t v, ok;

	__asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tcset %1, ne" : "=r"(v), "=r"(ok) : : "cc");
	*word = v;
	return ok != 0;
}

enum entropy_status realm_entropy_fill(uint8_t *out, size_t len)
{
	return entropy_fill_from(rndr_read, rndr_present(), out, len);
}

/* mbedTLS's hardware source (MBEDTLS_ENTROPY_HARDWARE_ALT): all of len, or an error. */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
	(void)data;
	*olen = 0;
	if (realm_entropy_fill(output, len) != ENTROPY_OK)
		return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
	*olen = len;
	return 0;
}
