/* Runner of the HES unit tests: every group, then "hes: N passed, M failed". */
#include <stdio.h>
#include <string.h>

#include "hes_test.h"
#include "kat_vectors.h"

extern const struct hes_group slots_tests, state_tests, kat_tests, attest_tests, token_tests,
	plat_verify_tests, services_tests, protocol_tests;

static const struct hes_group *const groups[] = {
	&slots_tests, &state_tests, &kat_tests, &attest_tests, &token_tests, &plat_verify_tests,
	&services_tests, &protocol_tests,
};

static struct hes device;
static bool device_ready;
struct hes *test_hes = &device;

int hes_test_random(void *ctx, uint8_t *buf, size_t len)
{
	static uint64_t x = 0x9E3779B97F4A7C15ULL;

	(void)ctx;
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (uint8_t)x;
	}
	return 0;
}

int hes_test_random_fails(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return -1;
}

int hes_test_boot(void **state)
{
	(void)state;
	if (!device_ready) {
		struct hes_config cfg;
		struct hes_roots roots = { .lifecycle = KAT_LIFECYCLE };

		hes_config_default(&cfg);
		memcpy(cfg.rom_hash, kat_rom_hash, sizeof(kat_rom_hash));
		memcpy(roots.huk, kat_huk, sizeof(kat_huk));
		memcpy(roots.guk, kat_guk, sizeof(kat_guk));
		if (hes_init(&device, &cfg, &roots, hes_test_random, NULL) != PSA_SUCCESS)
			return -1;
		device_ready = true;
	}
	hes_boot_reset(&device);
	return 0;
}

int32_t hes_test_extend(struct hes *h, uint32_t index, const char *sw_type, uint8_t fill)
{
	uint8_t signer[32] = { 0 }, value[32];
	struct hes_measurement m = {
		.index = index, .alg = PSA_ALG_SHA_256,
		.signer_id = signer, .signer_id_len = sizeof(signer),
		.sw_type = sw_type, .sw_type_len = strlen(sw_type),
		.version = "", .version_len = 0,
		.value = value, .value_len = sizeof(value),
	};

	memset(value, fill, sizeof(value));
	return hes_slots_extend(&h->slots, &m);
}

int hes_test_kat_token(void **state, uint8_t *buf, size_t cap, size_t *len)
{
	uint8_t key[48];
	size_t key_len;

	if (hes_test_boot(state) != 0)
		return -1;
	hes_test_kat_boot(test_hes);
	if (hes_get_delegated_key(test_hes, PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_256, key,
				  sizeof(key), &key_len) != PSA_SUCCESS)
		return -1;
	return hes_get_platform_token(test_hes, kat_dak_challenge, 32, buf, cap, len) ==
			       PSA_SUCCESS ? 0 : -1;
}

void hes_test_kat_boot(struct hes *h)
{
	for (size_t i = 0; i < sizeof(kat_extends) / sizeof(kat_extends[0]); i++) {
		const struct kat_extend *k = &kat_extends[i];
		struct hes_measurement m = {
			.index = k->index, .alg = k->alg,
			.signer_id = k->signer, .signer_id_len = k->signer_len,
			.sw_type = k->sw_type, .sw_type_len = strlen(k->sw_type),
			.version = k->version, .version_len = strlen(k->version),
			.value = k->value, .value_len = k->value_len,
		};

		assert_int_equal(hes_slots_extend(&h->slots, &m), PSA_SUCCESS);
	}
}

int main(void)
{
	size_t passed = 0, failed = 0;

	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		const struct hes_group *g = groups[i];
		int fails = _cmocka_run_group_tests(g->name, g->tests, g->count, NULL, NULL);

		failed += (size_t)fails;
		passed += g->count - (size_t)fails;
	}
	printf("hes: %zu passed, %zu failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
