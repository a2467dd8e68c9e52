/* host/devices/vgic_lr.c: the list registers made from the emulated GIC and the asserted lines. */
#include "devices/vgic_lr.h"
#include "devices/vgic_sgi.h"
#include "test_groups.h"

#define TIMER	27U
#define UART	33U
#define IPI	1U

static struct vgic gic;
static const struct vgic_lr_limits four = { 4, 0xF8 };

static int timer_uart_and_ipi_enabled(void **state)
{
	(void)state;
	if (!vgic_init(&gic, 2))
		return -1;
	for (unsigned int cpu = 0; cpu < 2U; cpu++) {
		uint64_t sgi_frame = cpu * VGIC_REDIST_STRIDE + VGIC_SGI_FRAME;

		vgic_redist_write(&gic, sgi_frame + GICD_ISENABLER, 4, 1U << TIMER | 1U << IPI);
		vgic_redist_write(&gic, sgi_frame + GICD_IPRIORITYR + TIMER, 1, 0xA0);
		vgic_redist_write(&gic, sgi_frame + GICD_IPRIORITYR + IPI, 1, 0x90);
	}
	vgic_dist_write(&gic, GICD_CTLR, 4, GICD_CTLR_ENGRP1);
	vgic_dist_write(&gic, GICD_ISENABLER + 4U, 4, 1U << (UART - 32U));
	vgic_dist_write(&gic, GICD_IPRIORITYR + UART, 1, 0x80);
	return 0;
}

static uint64_t pending(unsigned int intid, uint64_t prio)
{
	return VGIC_LR_PENDING | VGIC_LR_GROUP1 | prio << VGIC_LR_PRIORITY_SHIFT | intid;
}

static void vgic_lr_asserted_enabled_line_added(void **state)
{
	uint64_t lrs[4] = { 0 };
	const unsigned int high[] = { TIMER, UART };

	(void)state;
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, high, 2), 0);
	assert_int_equal(lrs[0], pending(TIMER, 0xA0));
	assert_int_equal(lrs[1], pending(UART, 0x80));
	assert_int_equal(lrs[2], 0);
	/* Next entry, same lines, LRs as the exit left them: nothing duplicated. */
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, high, 2), 0);
	assert_int_equal(lrs[0], pending(TIMER, 0xA0));
	assert_int_equal(lrs[1], pending(UART, 0x80));
	assert_int_equal(lrs[2], 0);
}

static void vgic_lr_priority_cut_to_implemented_bits(void **state)
{
	const struct vgic_lr_limits five_bits = { 4, 0xF8 }, four_bits = { 4, 0xF0 };
	uint64_t lrs[4] = { 0 };

	(void)state;
	vgic_redist_write(&gic, VGIC_SGI_FRAME + GICD_IPRIORITYR + TIMER, 1, 0xAF);
	(void)vgic_fill_lrs(&gic, 0, &five_bits, lrs, (const unsigned int[]){ TIMER }, 1);
	assert_int_equal(lrs[0], pending(TIMER, 0xA8));
	lrs[0] = 0;
	(void)vgic_fill_lrs(&gic, 0, &four_bits, lrs, (const unsigned int[]){ TIMER }, 1);
	assert_int_equal(lrs[0], pending(TIMER, 0xA0));
}

static void vgic_lr_disabled_line_not_added(void **state)
{
	uint64_t lrs[4] = { 0 };
	const unsigned int high[] = { 30U, 34U };	/* enabled by nobody */

	(void)state;
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, high, 2), 0);
	for (unsigned int i = 0; i < 4U; i++)
		assert_int_equal(lrs[i], 0);
	/* Group 1 off in the distributor: no SPI. */
	vgic_dist_write(&gic, GICD_CTLR, 4, 0);
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, (const unsigned int[]){ UART }, 1), 0);
	assert_int_equal(lrs[0], 0);
}

static void vgic_lr_active_kept_eoied_dropped_low_withdrawn(void **state)
{
	uint64_t lrs[4] = { VGIC_LR_ACTIVE | VGIC_LR_GROUP1 | TIMER,
			    pending(UART, 0x80), VGIC_LR_GROUP1 | 40U /* EOIed */, 0 };

	(void)state;
	/* No line high: the active timer stays (in service), the pending UART is withdrawn. */
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], VGIC_LR_ACTIVE | VGIC_LR_GROUP1 | TIMER);
	assert_int_equal(lrs[1], 0);
	assert_int_equal(lrs[2], 0);
	/* Timer high again while active: not added twice. */
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, (const unsigned int[]){ TIMER }, 1), 0);
	assert_int_equal(lrs[0], VGIC_LR_ACTIVE | VGIC_LR_GROUP1 | TIMER);
	assert_int_equal(lrs[1], 0);
}

static void vgic_lr_no_free_register_counted(void **state)
{
	const struct vgic_lr_limits one = { 1, 0xF8 };
	uint64_t lrs[1] = { VGIC_LR_ACTIVE | VGIC_LR_GROUP1 | TIMER };

	(void)state;
	assert_int_equal(vgic_fill_lrs(&gic, 0, &one, lrs, (const unsigned int[]){ UART }, 1), 1);
	assert_int_equal(lrs[0], VGIC_LR_ACTIVE | VGIC_LR_GROUP1 | TIMER);
	/* An SGI with no free LR stays pending for a later entry. */
	assert_int_equal(vgic_send_sgi(&gic, 1, (uint64_t)IPI << ICC_SGI1R_INTID_SHIFT | 1U), 1);
	assert_int_equal(vgic_fill_lrs(&gic, 0, &one, lrs, NULL, 0), 1);
	assert_int_equal(lrs[0], VGIC_LR_ACTIVE | VGIC_LR_GROUP1 | TIMER);
	lrs[0] = VGIC_LR_GROUP1 | TIMER;	/* EOIed */
	assert_int_equal(vgic_fill_lrs(&gic, 0, &one, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], pending(IPI, 0x90));
}

static void vgic_lr_sgi_delivered_once(void **state)
{
	uint64_t lrs[4] = { 0 };

	(void)state;
	assert_int_equal(vgic_send_sgi(&gic, 0, (uint64_t)IPI << ICC_SGI1R_INTID_SHIFT | 2U), 1);
	/* Pending on vCPU 1 only. */
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], 0);
	assert_int_equal(vgic_fill_lrs(&gic, 1, &four, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], pending(IPI, 0x90));
	/* Still pending in its LR after the exit: kept, not withdrawn (an SGI has no line). */
	assert_int_equal(vgic_fill_lrs(&gic, 1, &four, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], pending(IPI, 0x90));
	assert_int_equal(lrs[1], 0);
	/* EOIed: gone, and not delivered again. */
	lrs[0] &= ~(3ULL << VGIC_LR_STATE_SHIFT);
	assert_int_equal(vgic_fill_lrs(&gic, 1, &four, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], 0);
}

static void vgic_lr_sgi_again_while_active(void **state)
{
	uint64_t lrs[4] = { VGIC_LR_ACTIVE | VGIC_LR_GROUP1 | 0x90ULL << VGIC_LR_PRIORITY_SHIFT | IPI };

	(void)state;
	assert_int_equal(vgic_send_sgi(&gic, 1, (uint64_t)IPI << ICC_SGI1R_INTID_SHIFT | 1U), 1);
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], VGIC_LR_PENDING | VGIC_LR_ACTIVE | VGIC_LR_GROUP1 |
					 0x90ULL << VGIC_LR_PRIORITY_SHIFT | IPI);
	assert_int_equal(lrs[1], 0);
}

static void vgic_lr_disabled_sgi_stays_pending(void **state)
{
	uint64_t lrs[4] = { 0 };

	(void)state;
	vgic_redist_write(&gic, VGIC_SGI_FRAME + GICD_ICENABLER, 4, 1U << IPI);
	assert_int_equal(vgic_send_sgi(&gic, 1, (uint64_t)IPI << ICC_SGI1R_INTID_SHIFT | 1U), 1);
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], 0);
	vgic_redist_write(&gic, VGIC_SGI_FRAME + GICD_ISENABLER, 4, 1U << IPI);
	assert_int_equal(vgic_fill_lrs(&gic, 0, &four, lrs, NULL, 0), 0);
	assert_int_equal(lrs[0], pending(IPI, 0x90));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(vgic_lr_asserted_enabled_line_added, timer_uart_and_ipi_enabled),
	cmocka_unit_test_setup(vgic_lr_priority_cut_to_implemented_bits, timer_uart_and_ipi_enabled),
	cmocka_unit_test_setup(vgic_lr_disabled_line_not_added, timer_uart_and_ipi_enabled),
	cmocka_unit_test_setup(vgic_lr_active_kept_eoied_dropped_low_withdrawn,
			       timer_uart_and_ipi_enabled),
	cmocka_unit_test_setup(vgic_lr_no_free_register_counted, timer_uart_and_ipi_enabled),
	cmocka_unit_test_setup(vgic_lr_sgi_delivered_once, timer_uart_and_ipi_enabled),
	cmocka_unit_test_setup(vgic_lr_sgi_again_while_active, timer_uart_and_ipi_enabled),
	cmocka_unit_test_setup(vgic_lr_disabled_sgi_stays_pending, timer_uart_and_ipi_enabled),
};

TEST_GROUP(vgic_lr_tests, tests, NULL);
