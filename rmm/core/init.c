/* Core initialisation at cold boot. */
#include <rmm/rmm.h>

#include <atoll/el3.h>
#include <atoll/rmi.h>
#include <rmm/attest_key.h>
#include <rmm/arch.h>
#include <rmm/granule.h>
#include <rmm/log.h>
#include <rmm/realm.h>
#include <rmm/rmi.h>
#include <rmm/sealing.h>

void rmm_core_init(const struct rmm_platform *plat)
{
	granule_table_init(plat);
	vmid_table_init();
	rmi_features_init();
	rmm_log("Atoll RMM %s: RMI ABI %u.%u, RMM-EL3 interface >= %u.%u\n", RMM_VERSION_STRING,
		ABI_VERSION_MAJOR(RMI_ABI_VERSION), ABI_VERSION_MINOR(RMI_ABI_VERSION),
		RMM_EL3_IFC_VERSION_MAJOR, RMM_EL3_IFC_VERSION_MINOR_MIN);
	for (uint64_t i = 0; i < plat->num_banks; i++)
		rmm_log("RMM: DRAM bank %lu: %lx-%lx\n", i, plat->banks[i].base,
			plat->banks[i].base + plat->banks[i].size);
	/* Logs whether attestation is available; without it ATTEST_TOKEN_INIT fails. */
	arch_simd_begin(false);	/* hashing may use the SIMD registers */
	(void)attest_key_init();
	arch_simd_end();
	/* Logs whether sealing keys are available; without them the RSI call fails. */
	(void)sealing_init();
}
