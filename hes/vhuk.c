/*
 * Virtual hardware unique keys (Islet's VHUK service, type 1006): VHUK_A
 * binds the signers and kinds of the measured firmware, so it survives an
 * update from the same signers; VHUK_M binds the exact measurements.
 * The RMM derives realm sealing keys from them.
 */
#include <hes/hes.h>

int32_t hes_get_vhuk(struct hes *h, uint8_t key_id, uint8_t out[HES_VHUK_SIZE])
{
	const char *label;
	size_t len;

	if (key_id == HES_VHUK_ID_A) {
		label = HES_LABEL_VHUK_A;
		len = hes_bootdata_signers(&h->slots, h->scratch, sizeof(h->scratch));
	} else if (key_id == HES_VHUK_ID_M) {
		label = HES_LABEL_VHUK_M;
		len = hes_bootdata_measurements(&h->slots, h->scratch, sizeof(h->scratch));
	} else {
		return PSA_ERROR_INVALID_ARGUMENT;
	}
	/* CMAC allocates its context: the arena must be current. */
	struct atoll_heap *prev = hes_crypto_enter(h);
	int err = len == 0U ||
		  hes_vhuk_derive(h->roots.huk, label, h->boot_state, h->scratch, len, out) != 0;

	hes_crypto_leave(prev);
	return err != 0 ? PSA_ERROR_GENERIC_ERROR : PSA_SUCCESS;
}
