/*
 * System test: libatoll's rsi backend in a bare-metal realm payload
 * (sdk/tests/realm/sdk_realm.c, linked with libatoll-realm.a): attestation,
 * REM extension and sealing through the SDK; the realm's own tests report
 * through its closing line.
 */
#include <atoll/rmi.h>

#include "images/test_images.h"
#include "images/realm_images.h"
#include "run/realm_run.h"
#include "test.h"

static struct realm_vm vm;
static const struct realm_vm_config cfg = {
	.name = "sdk_realm", .s2sz = 40, .level_start = 1, .num_recs = 1,
	.hash_algo = RMI_HASH_SHA_256,
};

TEST(sdk_rsi_backend_in_a_realm)
{
	unsigned int passed = 0, failed = 1;

	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(sdk_realm)), RMI_SUCCESS);
	CHECK_EQ(realm_vm_run(&vm), REALM_VM_SYSTEM_OFF);
	CHECK(realm_vm_closing_line(&vm, "realm", &passed, &failed));
	CHECK_EQ(passed, 5);
	CHECK_EQ(failed, 0);
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
}
