/* Device set-up and the per-boot reset (see hes.h). */
#include <hes/hes.h>

#include <string.h>

#include <mbedtls/platform_util.h>

/* A fixed implementation id: "Atoll HES" and zeros, until a platform has its own. */
static const uint8_t default_implementation_id[HES_IMPLEMENTATION_ID_SIZE] = {
	'A', 't', 'o', 'l', 'l', ' ', 'H', 'E', 'S',
};

void hes_config_default(struct hes_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	memcpy(cfg->implementation_id, default_implementation_id, HES_IMPLEMENTATION_ID_SIZE);
	cfg->platform_config_len = 4;	/* a u32 0: no platform options */
}

struct atoll_heap *hes_crypto_enter(struct hes *h)
{
	return atoll_heap_use(&h->heap);
}

void hes_crypto_leave(struct atoll_heap *prev)
{
	atoll_heap_use(prev);
}

/* Everything that follows from the roots alone. */
static int derive_device_keys(struct hes *h)
{
	int err = hes_boot_state(h->roots.lifecycle, h->cfg.rom_hash, h->boot_state);

	if (err == 0)
		err = hes_cpak_derive(h->roots.guk, h->boot_state, h->cpak_priv);
	if (err == 0)
		err = hes_p384_public(h->cpak_priv, h->cpak_pub, h->rnd, h->rnd_ctx);
	if (err == 0)
		err = hes_kdf_cmac(h->roots.guk, HES_LABEL_DAK_SEED, h->boot_state,
				   HES_BOOT_STATE_SIZE, h->dak_seed);
	return err;
}

int32_t hes_init(struct hes *h, const struct hes_config *cfg, const struct hes_roots *roots,
		 hes_random_fn *rnd, void *rnd_ctx)
{
	struct atoll_heap *prev;
	int err;

	memset(h, 0, sizeof(*h));
	if (!hes_lifecycle_valid(roots->lifecycle) || cfg->platform_config_len > HES_PLATFORM_CONFIG_MAX ||
	    memchr(cfg->verification_url, 0, HES_VERIFICATION_URL_MAX) == NULL)
		return PSA_ERROR_INVALID_ARGUMENT;
	h->cfg = *cfg;
	h->roots = *roots;
	h->rnd = rnd;
	h->rnd_ctx = rnd_ctx;
	atoll_heap_init(&h->heap, h->heap_buf, sizeof(h->heap_buf));
	prev = hes_crypto_enter(h);
	err = derive_device_keys(h);
	hes_crypto_leave(prev);
	if (err != 0) {
		hes_wipe(h);
		return PSA_ERROR_GENERIC_ERROR;
	}
	hes_boot_reset(h);
	return PSA_SUCCESS;
}

void hes_boot_reset(struct hes *h)
{
	hes_slots_reset(&h->slots);
	mbedtls_platform_zeroize(&h->dak, sizeof(h->dak));
}

void hes_wipe(struct hes *h)
{
	mbedtls_platform_zeroize(h, sizeof(*h));
}
