/* host/devices/vgic.c: what Linux's GICv3 driver reads and writes, and what injection asks. */
#include "devices/vgic.h"
#include "test_groups.h"

static struct vgic gic;

static int two_cpus(void **state)
{
	(void)state;
	return vgic_init(&gic, 2) ? 0 : -1;
}

static uint64_t rd(uint64_t off, unsigned int bytes)
{
	return vgic_dist_read(&gic, off, bytes);
}

static uint64_t rr(unsigned int cpu, uint64_t off, unsigned int bytes)
{
	return vgic_redist_read(&gic, cpu * VGIC_REDIST_STRIDE + off, bytes);
}

static void wr(unsigned int cpu, uint64_t off, unsigned int bytes, uint64_t v)
{
	vgic_redist_write(&gic, cpu * VGIC_REDIST_STRIDE + off, bytes, v);
}

static void vgic_init_refuses_cpu_counts(void **state)
{
	static struct vgic g;

	(void)state;
	assert_false(vgic_init(&g, 0));
	assert_false(vgic_init(&g, VGIC_MAX_CPUS + 1U));
	assert_true(vgic_init(&g, VGIC_MAX_CPUS));
}

/* The identification Linux checks before it uses the distributor. */
static void vgic_dist_identification(void **state)
{
	(void)state;
	assert_int_equal(rd(GICD_PIDR2, 4) >> 4 & 0xF, 3);
	assert_int_equal(rd(GICD_TYPER, 4), 9U << 19 | 2U);	/* 96 INTIDs, no LPIs/MBIs/ESPIs */
	assert_int_equal(rd(GICD_IIDR, 4), VGIC_IIDR);
	assert_int_equal(rd(GICD_TYPER2, 4), 0);
	assert_int_equal(rd(GICD_CTLR, 4), GICD_CTLR_ARE | GICD_CTLR_DS);	/* RWP 0 */
}

static void vgic_dist_ctlr_keeps_group_enables(void **state)
{
	(void)state;
	vgic_dist_write(&gic, GICD_CTLR, 4, 0);
	assert_int_equal(rd(GICD_CTLR, 4) & 3U, 0);
	vgic_dist_write(&gic, GICD_CTLR, 4, GICD_CTLR_ARE | GICD_CTLR_ENGRP1 | 1U | 1U << 31);
	assert_int_equal(rd(GICD_CTLR, 4), GICD_CTLR_ARE | GICD_CTLR_DS | GICD_CTLR_ENGRP1 | 1U);
}

/* SPI 33 (the PL011): enable, pending and active by set/clear pairs; word 0 is RAZ/WI. */
static void vgic_dist_set_clear_registers(void **state)
{
	static const uint32_t pairs[][2] = { { GICD_ISENABLER, GICD_ICENABLER },
					     { GICD_ISPENDR, GICD_ICPENDR },
					     { GICD_ISACTIVER, GICD_ICACTIVER } };

	(void)state;
	for (unsigned int i = 0; i < 3U; i++) {
		vgic_dist_write(&gic, pairs[i][0] + 4U, 4, 1U << 1);
		vgic_dist_write(&gic, pairs[i][0] + 4U, 4, 1U << 5);
		assert_int_equal(rd(pairs[i][0] + 4U, 4), 1U << 1 | 1U << 5);
		assert_int_equal(rd(pairs[i][1] + 4U, 4), 1U << 1 | 1U << 5);
		vgic_dist_write(&gic, pairs[i][1] + 4U, 4, 1U << 5);
		assert_int_equal(rd(pairs[i][0] + 4U, 4), 1U << 1);
		vgic_dist_write(&gic, pairs[i][0], 4, ~0U);	/* SGIs/PPIs are the redistributor's */
		assert_int_equal(rd(pairs[i][0], 4), 0);
		vgic_dist_write(&gic, pairs[i][0] + 12U, 4, ~0U);	/* beyond INTID 95 */
		assert_int_equal(rd(pairs[i][0] + 12U, 4), 0);
	}
	vgic_dist_write(&gic, GICD_IGROUPR + 4U, 4, ~0U);
	assert_int_equal(rd(GICD_IGROUPR + 4U, 4), ~0U);
	vgic_dist_write(&gic, GICD_IGROUPR + 4U, 4, 0x5);
	assert_int_equal(rd(GICD_IGROUPR + 4U, 4), 0x5);
}

static void vgic_dist_priority_bytes_and_words(void **state)
{
	(void)state;
	vgic_dist_write(&gic, GICD_IPRIORITYR + 33U, 1, 0xA0);
	assert_int_equal(rd(GICD_IPRIORITYR + 32U, 4), 0xA000);
	vgic_dist_write(&gic, GICD_IPRIORITYR + 36U, 4, 0x44332211);
	assert_int_equal(rd(GICD_IPRIORITYR + 38U, 1), 0x33);
	assert_int_equal(vgic_priority(&gic, 0, 33), 0xA0);
	vgic_dist_write(&gic, GICD_IPRIORITYR, 4, ~0U);	/* SGIs' bytes: RAZ/WI here */
	assert_int_equal(rd(GICD_IPRIORITYR, 4), 0);
}

static void vgic_dist_config_and_routing(void **state)
{
	(void)state;
	vgic_dist_write(&gic, GICD_ICFGR + 8U, 4, ~0U);	/* INTIDs 32..47 */
	assert_int_equal(rd(GICD_ICFGR + 8U, 4), 0xAAAAAAAA);
	vgic_dist_write(&gic, GICD_ICFGR, 4, ~0U);
	assert_int_equal(rd(GICD_ICFGR, 4), 0);
	vgic_dist_write(&gic, GICD_IROUTER + 8U * 33U, 8, 0xFFFFFFFFFFFFFFFFULL);
	assert_int_equal(rd(GICD_IROUTER + 8U * 33U, 8), 0xFF80FFFFFFULL);
	assert_int_equal(rd(GICD_IROUTER + 8U * 33U + 4U, 4), 0xFF);
	vgic_dist_write(&gic, GICD_IROUTER + 8U * 31U, 8, 1);	/* no IROUTER below 32 */
	assert_int_equal(rd(GICD_IROUTER + 8U * 31U, 8), 0);
}

/* Linux walks the frames reading PIDR2 and TYPER until Last. */
static void vgic_redist_identification_and_typer(void **state)
{
	(void)state;
	assert_int_equal(rr(0, GICR_PIDR2, 4) >> 4 & 0xF, 3);
	assert_int_equal(rr(0, GICR_TYPER, 8), 0ULL << 32 | 0U << 8);
	assert_int_equal(rr(1, GICR_TYPER, 8), 1ULL << 32 | 1U << 8 | GICR_TYPER_LAST);
	assert_int_equal(rr(1, GICR_TYPER + 4U, 4), 1);
	assert_int_equal(rr(1, GICR_TYPER, 4), 1U << 8 | GICR_TYPER_LAST);
	assert_int_equal(rr(0, GICR_CTLR, 4), 0);
	assert_int_equal(rr(2, GICR_PIDR2, 4), 0);	/* no third vCPU */
}

static void vgic_redist_waker_follows_sleep(void **state)
{
	(void)state;
	assert_int_equal(rr(0, GICR_WAKER, 4), GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP);
	wr(0, GICR_WAKER, 4, 0);
	assert_int_equal(rr(0, GICR_WAKER, 4), 0);
	assert_int_equal(rr(1, GICR_WAKER, 4), GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP);
	wr(0, GICR_WAKER, 4, GICR_WAKER_SLEEP);
	assert_int_equal(rr(0, GICR_WAKER, 4), GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP);
}

/* Linux's CPU init: PPIs off, SGIs on, the timer PPI (27) enabled later; per vCPU. */
static void vgic_redist_sgi_frame_per_cpu(void **state)
{
	(void)state;
	wr(0, VGIC_SGI_FRAME + GICD_ICENABLER, 4, 0xFFFF0000);
	wr(0, VGIC_SGI_FRAME + GICD_ISENABLER, 4, 0x0000FFFF);
	wr(0, VGIC_SGI_FRAME + GICD_ISENABLER, 4, 1U << 27);
	assert_int_equal(rr(0, VGIC_SGI_FRAME + GICD_ISENABLER, 4), 0x0000FFFF | 1U << 27);
	assert_int_equal(rr(1, VGIC_SGI_FRAME + GICD_ISENABLER, 4), 0);
	assert_true(vgic_enabled(&gic, 0, 27));
	assert_false(vgic_enabled(&gic, 1, 27));
	wr(0, VGIC_SGI_FRAME + GICD_IPRIORITYR + 27U, 1, 0x80);
	assert_int_equal(vgic_priority(&gic, 0, 27), 0x80);
	assert_int_equal(vgic_priority(&gic, 1, 27), 0);
	assert_int_equal(rr(0, VGIC_SGI_FRAME + GICD_ICFGR, 4), 0xAAAAAAAA);
	wr(0, VGIC_SGI_FRAME + GICD_ICFGR, 4, 0);
	assert_int_equal(rr(0, VGIC_SGI_FRAME + GICD_ICFGR, 4), 0xAAAAAAAA);
	wr(0, VGIC_SGI_FRAME + GICD_ICFGR + 4U, 4, ~0U);
	assert_int_equal(rr(0, VGIC_SGI_FRAME + GICD_ICFGR + 4U, 4), 0xAAAAAAAA);
}

/* An SPI is injectable only while enabled and Group 1 is on in the distributor. */
static void vgic_spi_enable_needs_group1(void **state)
{
	(void)state;
	vgic_dist_write(&gic, GICD_ISENABLER + 4U, 4, 1U << 1);
	assert_false(vgic_enabled(&gic, 0, 33));
	vgic_dist_write(&gic, GICD_CTLR, 4, GICD_CTLR_ENGRP1);
	assert_true(vgic_enabled(&gic, 0, 33));
	assert_false(vgic_enabled(&gic, 0, 34));
	assert_false(vgic_enabled(&gic, 0, VGIC_NUM_INTIDS));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(vgic_init_refuses_cpu_counts),
	cmocka_unit_test_setup(vgic_dist_identification, two_cpus),
	cmocka_unit_test_setup(vgic_dist_ctlr_keeps_group_enables, two_cpus),
	cmocka_unit_test_setup(vgic_dist_set_clear_registers, two_cpus),
	cmocka_unit_test_setup(vgic_dist_priority_bytes_and_words, two_cpus),
	cmocka_unit_test_setup(vgic_dist_config_and_routing, two_cpus),
	cmocka_unit_test_setup(vgic_redist_identification_and_typer, two_cpus),
	cmocka_unit_test_setup(vgic_redist_waker_follows_sleep, two_cpus),
	cmocka_unit_test_setup(vgic_redist_sgi_frame_per_cpu, two_cpus),
	cmocka_unit_test_setup(vgic_spi_enable_needs_group1, two_cpus),
};

TEST_GROUP(vgic_tests, tests, NULL);
