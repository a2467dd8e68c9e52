/*
 * Sealing keys of two realms that differ only in their RIM (the same
 * rsi_tests image, RPV and RECs; IPA width 40 against 41, which
 * REALM_CREATE measures): the keys bound to the RIM differ, the others are
 * the same (docs/sealing.md, "What changes a key"). rsi_tests prints 8
 * bytes of SHA-256 of each key; this test compares those lines in the two
 * realms' outputs. On a platform without sealing keys (HES=0) there is
 * nothing to compare and the test says so; the attest suite
 * (tests/system/hes_attest.sh) requires the keys to be there.
 */
#include <string.h>

#include "images/realm_images.h"
#include "run/realm_run.h"
#include "test.h"

static struct realm_vm vm_40, vm_41;

static const struct realm_vm_config cfg_40 = {
	.name = "seal-40", .s2sz = 40, .level_start = 0, .num_recs = 2,
	.hash_algo = RMI_HASH_SHA_256,
};
static const struct realm_vm_config cfg_41 = {
	.name = "seal-41", .s2sz = 41, .level_start = 0, .num_recs = 2,
	.hash_algo = RMI_HASH_SHA_256,
};

#define KEY_HASH_CHARS	16U	/* the 8 bytes in hex */

/* The printed key hash after "sealing key <label>: SHA-256 ", or NULL. */
static const char *key_hash(const struct realm_vm *vm, const char *label)
{
	static const char head[] = "sealing key ", tail[] = ": SHA-256 ";
	const size_t h = sizeof(head) - 1U, l = strlen(label), t = sizeof(tail) - 1U;

	for (size_t i = 0; i + h + l + t + KEY_HASH_CHARS <= vm->output_len; i++) {
		const char *p = vm->output + i;

		if (memcmp(p, head, h) == 0 && memcmp(p + h, label, l) == 0 &&
		    memcmp(p + h + l, tail, t) == 0)
			return p + h + l + t;
	}
	return NULL;
}

static bool run(struct realm_vm *vm, const struct realm_vm_config *cfg)
{
	unsigned int passed = 0, failed = 1;

	return realm_vm_load(vm, cfg, REALM_IMAGE(rsi_tests)) == RMI_SUCCESS &&
	       realm_vm_run(vm) == REALM_VM_SYSTEM_OFF &&
	       realm_vm_closing_line(vm, "realm", &passed, &failed) && failed == 0U;
}

TEST(realm_sealing_keys_bound_to_rim_only_with_the_rim_flag)
{
	static const char *const same[] = { "VHUK_A", "VHUK_M" };
	static const char *const differ[] = { "VHUK_A+RIM", "VHUK_M+RIM" };

	CHECK(run(&vm_40, &cfg_40));
	CHECK(run(&vm_41, &cfg_41));
	if (key_hash(&vm_40, "VHUK_A") == NULL && key_hash(&vm_41, "VHUK_A") == NULL) {
		host_printf("HOST: no sealing keys on this platform: nothing to compare\n");
	} else {
		for (unsigned int i = 0; i < 2U; i++) {
			const char *a = key_hash(&vm_40, same[i]), *b = key_hash(&vm_41, same[i]);
			const char *ra = key_hash(&vm_40, differ[i]), *rb = key_hash(&vm_41, differ[i]);

			CHECK(a != NULL && b != NULL && ra != NULL && rb != NULL);
			if (a == NULL || b == NULL || ra == NULL || rb == NULL)
				break;
			CHECK(memcmp(a, b, KEY_HASH_CHARS) == 0);
			CHECK(memcmp(ra, rb, KEY_HASH_CHARS) != 0);
		}
	}
	CHECK_EQ(realm_vm_destroy(&vm_40), RMI_SUCCESS);
	CHECK_EQ(realm_vm_destroy(&vm_41), RMI_SUCCESS);
}
