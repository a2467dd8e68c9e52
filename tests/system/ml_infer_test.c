/*
 * System test: the ML example's C inference inside a realm (examples/ml/realm/
 * ml_infer.c). The realm checks the small model embedded in its image and
 * produces PyTorch's greedy completion with FP/SIMD at R-EL1, and gets
 * entropy from RNDR; its own tests report through the closing line.
 */
#include <atoll/rmi.h>

#include "examples/ml/realm/ml_image.h"
#include "images/realm_images.h"
#include "run/realm_run.h"
#include "test.h"

static struct realm_vm vm;
static const struct realm_vm_config cfg = {
	.name = "ml_infer", .s2sz = 40, .level_start = 1, .num_recs = 1,
	.hash_algo = RMI_HASH_SHA_256,
};

TEST(ml_inference_and_rndr_in_a_realm)
{
	unsigned int passed = 0, failed = 1;

	CHECK_EQ(realm_vm_load(&vm, &cfg, REALM_IMAGE(ml_infer)), RMI_SUCCESS);
	CHECK_EQ(realm_vm_run(&vm), REALM_VM_SYSTEM_OFF);
	CHECK(realm_vm_closing_line(&vm, "realm", &passed, &failed));
	CHECK_EQ(passed, 4);
	CHECK_EQ(failed, 0);
	CHECK_EQ(realm_vm_destroy(&vm), RMI_SUCCESS);
}
