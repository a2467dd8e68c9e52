/*
 * Which SHA code the RMM hashes with (rmm/mbedtls/atoll_sha_select.h): the
 * copies built for the SHA instructions are built with +crypto+sha3, so
 * they run only on a CPU with FEAT_SHA3 besides FEAT_SHA256 (and FEAT_SHA512
 * for SHA-384/512); anywhere else the C code. ATOLL_FORCE_SOFT_SHA (the
 * rmm-soft-sha build, make test's soft-sha suite) takes the C code always.
 */
#include <rmm/log.h>

#include <atoll_sha_select.h>

#include "cpu_features.h"
#include "sysreg.h"

void sha_detect(void)
{
	uint64_t isar0 = read_sysreg(id_aa64isar0_el1);
	unsigned int sha2 = ID_FIELD(isar0, ID_AA64ISAR0_SHA2_SHIFT);
	bool sha3 = ID_FIELD(isar0, ID_AA64ISAR0_SHA3_SHIFT) != 0U;
	bool sha256 = sha3 && sha2 >= 1U, sha512 = sha3 && sha2 >= 2U;

#if defined(ATOLL_FORCE_SOFT_SHA)
	sha256 = false;
	sha512 = false;
#endif
	atoll_sha_select(sha256, sha512);
	if (!sha256 || !sha512)
		rmm_log("RMM: SHA-256 %s, SHA-512 %s (ID_AA64ISAR0_EL1 %lx)\n",
			sha256 ? "on the SHA instructions" : "in software",
			sha512 ? "on the SHA instructions" : "in software", (unsigned long)isar0);
}
