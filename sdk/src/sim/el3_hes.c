/* EL3's HES-backed attestation calls of the simulated machine (el3_hes.h). */
#include "el3_hes.h"

#include <string.h>

#include <atoll/el3.h>
#include <rmm/arch.h>

#include "harness.h"

static struct hes *hes;

/* harness.h's test knobs: the simulator sets none of them. */
struct host_el3_attest host_el3_attest;
/*
 * rmm/arch/host/rmm_region.c plants a copy of the fixed test RAK in the
 * RMM's region as a canary; the simulator's RAK is the HES's DAK, which
 * only the RMM holds, so the planted bytes are zeros.
 */
const uint8_t host_el3_rak[HOST_EL3_KEY_SIZE];

void host_el3_attest_reset(void)
{
	memset(&host_el3_attest, 0, sizeof(host_el3_attest));
}

void sim_el3_use_hes(struct hes *h)
{
	hes = h;
}

/* TF-A's request (docs/hes-tfa.md): a P-384 DAK, its challenge hashed with SHA-256. */
int64_t arch_el3_get_realm_key(uint8_t *buf, size_t size, size_t *key_len)
{
	*key_len = 0;
	if (hes == NULL ||
	    hes_get_delegated_key(hes, PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, buf, size,
				  key_len) != PSA_SUCCESS)
		return E_RMM_UNK;
	return E_RMM_OK;
}

/* Atoll's vendor call (TF-A patch 0009): the DAK's public key, as EL3 asks the HES for it. */
int64_t arch_el3_get_realm_pubkey(uint8_t *buf, size_t size, size_t *key_len)
{
	*key_len = 0;
	if (hes == NULL || hes_get_delegated_pub_key(hes, buf, size, key_len) != PSA_SUCCESS)
		return E_RMM_UNK;
	return E_RMM_OK;
}

int64_t arch_el3_get_plat_token(const uint8_t *challenge, size_t c_size, uint8_t *buf,
				size_t size, size_t *token_len)
{
	*token_len = 0;
	if (hes == NULL ||
	    hes_get_platform_token(hes, challenge, c_size, buf, size, token_len) != PSA_SUCCESS)
		return E_RMM_UNK;
	return E_RMM_OK;
}

int64_t arch_el3_get_vhuks(uint8_t vhuk_a[ARCH_VHUK_SIZE], uint8_t vhuk_m[ARCH_VHUK_SIZE])
{
	_Static_assert(ARCH_VHUK_SIZE == HES_VHUK_SIZE, "VHUK sizes");
	if (hes == NULL || hes_get_vhuk(hes, HES_VHUK_ID_A, vhuk_a) != PSA_SUCCESS ||
	    hes_get_vhuk(hes, HES_VHUK_ID_M, vhuk_m) != PSA_SUCCESS) {
		memset(vhuk_a, 0, ARCH_VHUK_SIZE);
		memset(vhuk_m, 0, ARCH_VHUK_SIZE);
		return E_RMM_UNK;
	}
	return E_RMM_OK;
}
