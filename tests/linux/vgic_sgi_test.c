/* host/devices/vgic_sgi.c: ICC_SGI1R_EL1 writes decoded into pending SGIs. */
#include "devices/vgic_sgi.h"
#include "test_groups.h"

static struct vgic gic;

static int all_cpus(void **state)
{
	(void)state;
	return vgic_init(&gic, VGIC_MAX_CPUS) ? 0 : -1;
}

static uint32_t pending_sgis(unsigned int cpu)
{
	return gic.cpu[cpu].pending & 0xFFFFU;
}

static uint64_t sgi1r(unsigned int intid, uint64_t aff1, uint64_t targets)
{
	return (uint64_t)intid << ICC_SGI1R_INTID_SHIFT | aff1 << ICC_SGI1R_AFF1_SHIFT | targets;
}

static void vgic_sgi_target_list(void **state)
{
	(void)state;
	/* vCPUs 1 and 3 (Aff0 1 and 3 at Aff1 0). */
	assert_int_equal(vgic_send_sgi(&gic, 0, sgi1r(5, 0, 0xAU)), 2);
	for (unsigned int i = 0; i < VGIC_MAX_CPUS; i++)
		assert_int_equal(pending_sgis(i), i == 1U || i == 3U ? 1U << 5 : 0U);
	/* A second SGI adds to what is pending; sending to oneself works. */
	assert_int_equal(vgic_send_sgi(&gic, 1, sgi1r(0, 0, 0x2U)), 1);
	assert_int_equal(pending_sgis(1), 1U << 5 | 1U);
}

static void vgic_sgi_all_but_self(void **state)
{
	(void)state;
	assert_int_equal(vgic_send_sgi(&gic, 2, sgi1r(15, 0, 0) | ICC_SGI1R_IRM), VGIC_MAX_CPUS - 1U);
	for (unsigned int i = 0; i < VGIC_MAX_CPUS; i++)
		assert_int_equal(pending_sgis(i), i == 2U ? 0U : 1U << 15);
}

static void vgic_sgi_no_such_target(void **state)
{
	(void)state;
	/* Aff0 beyond the vCPUs, another Aff1, Aff2 or Aff3, or a range selector past them. */
	assert_int_equal(vgic_send_sgi(&gic, 0, sgi1r(1, 0, 1U << 9)), 0);
	assert_int_equal(vgic_send_sgi(&gic, 0, sgi1r(1, 1, 1U)), 0);
	assert_int_equal(vgic_send_sgi(&gic, 0, sgi1r(1, 0, 1U) | 1ULL << ICC_SGI1R_AFF2_SHIFT), 0);
	assert_int_equal(vgic_send_sgi(&gic, 0, sgi1r(1, 0, 1U) | 1ULL << ICC_SGI1R_AFF3_SHIFT), 0);
	assert_int_equal(vgic_send_sgi(&gic, 0, sgi1r(1, 0, 1U) | 1ULL << ICC_SGI1R_RS_SHIFT), 0);
	for (unsigned int i = 0; i < VGIC_MAX_CPUS; i++)
		assert_int_equal(pending_sgis(i), 0);
}

static void vgic_sgi_trapped_write_decoded(void **state)
{
	uint64_t esr = 0x62000000ULL | ESR_ICC_SGI1R_WRITE | 3U << 5;	/* EC 0x18, IL, Rt 3 */

	(void)state;
	assert_true(vgic_trapped_write(&gic, 0, esr, sgi1r(7, 0, 0x1U)));
	assert_int_equal(pending_sgis(0), 1U << 7);
	/* ICC_SGI0R_EL1 (Op2 7), ICC_ASGI1R_EL1 (Op2 6), ICC_DIR_EL1 (Op2 1), a read: not served. */
	assert_false(vgic_trapped_write(&gic, 0, (esr & ~(7ULL << 17)) | 7ULL << 17, 0x1U));
	assert_false(vgic_trapped_write(&gic, 0, (esr & ~(7ULL << 17)) | 6ULL << 17, 0x1U));
	assert_false(vgic_trapped_write(&gic, 0, (esr & ~(7ULL << 17)) | 1ULL << 17, 0x1U));
	assert_false(vgic_trapped_write(&gic, 0, esr | 1U, 0x1U));
	/* From a vCPU that does not exist. */
	assert_false(vgic_trapped_write(&gic, VGIC_MAX_CPUS, esr, sgi1r(7, 0, 0x2U)));
	assert_int_equal(pending_sgis(1), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(vgic_sgi_target_list, all_cpus),
	cmocka_unit_test_setup(vgic_sgi_all_but_self, all_cpus),
	cmocka_unit_test_setup(vgic_sgi_no_such_target, all_cpus),
	cmocka_unit_test_setup(vgic_sgi_trapped_write_decoded, all_cpus),
};

TEST_GROUP(vgic_sgi_tests, tests, NULL);
