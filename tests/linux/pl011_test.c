/* host/devices/pl011.c: reset values, each register's read/write behaviour, RX FIFO and interrupts. */
#include <string.h>

#include "devices/pl011.h"
#include "test_groups.h"

static struct pl011 uart;
static char sent[64];
static unsigned int sent_len;

static void collect(void *ctx, char c)
{
	assert_ptr_equal(ctx, &sent_len);
	if (sent_len < sizeof(sent))
		sent[sent_len++] = c;
}

static int fresh_uart(void **state)
{
	(void)state;
	sent_len = 0;
	pl011_init(&uart, collect, &sent_len);
	return 0;
}

static void pl011_reset_values(void **state)
{
	(void)state;
	assert_int_equal(pl011_read(&uart, PL011_CR), 0x300);
	assert_int_equal(pl011_read(&uart, PL011_IFLS), 0x12);
	assert_int_equal(pl011_read(&uart, PL011_FR), PL011_FR_TXFE | PL011_FR_RXFE);
	assert_int_equal(pl011_read(&uart, PL011_IMSC), 0);
	assert_int_equal(pl011_read(&uart, PL011_RIS), 0);
	assert_int_equal(pl011_read(&uart, PL011_MIS), 0);
	assert_int_equal(pl011_read(&uart, PL011_DR), 0);
	assert_false(pl011_irq_pending(&uart));
}

/* What Linux's AMBA bus reads to match the driver: PeriphID 0x00141011, PCellID 0xB105F00D. */
static void pl011_primecell_ids(void **state)
{
	static const uint32_t want[8] = { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 };

	(void)state;
	for (unsigned int i = 0; i < 8U; i++)
		assert_int_equal(pl011_read(&uart, PL011_PERIPH_ID + 4U * i), want[i]);
	assert_int_equal(pl011_read(&uart, PL011_PERIPH_ID + 1U), 0);	/* not a register */
}

static void pl011_transmit_raises_tx_interrupt(void **state)
{
	(void)state;
	pl011_write(&uart, PL011_DR, 'h');
	pl011_write(&uart, PL011_DR, 0x100U | 'i');	/* only the low byte is data */
	assert_int_equal(sent_len, 2);
	assert_memory_equal(sent, "hi", 2);
	assert_int_equal(pl011_read(&uart, PL011_RIS), PL011_INT_TX);
	assert_false(pl011_irq_pending(&uart));		/* masked */
	pl011_write(&uart, PL011_IMSC, PL011_INT_TX);
	assert_int_equal(pl011_read(&uart, PL011_MIS), PL011_INT_TX);
	assert_true(pl011_irq_pending(&uart));
	pl011_write(&uart, PL011_ICR, PL011_INT_TX);
	assert_int_equal(pl011_read(&uart, PL011_RIS), 0);
	assert_false(pl011_irq_pending(&uart));
	/* Never full or busy: a polled console does not stall. */
	assert_int_equal(pl011_read(&uart, PL011_FR) & (PL011_FR_TXFF | (1U << 3)), 0);
}

static void pl011_receive_fifo_in_order_and_full(void **state)
{
	(void)state;
	pl011_write(&uart, PL011_IMSC, PL011_INT_RX);
	for (unsigned int i = 0; i < PL011_RX_FIFO; i++)
		assert_true(pl011_receive(&uart, (uint8_t)('a' + i)));
	assert_false(pl011_receive(&uart, 'z'));
	assert_int_equal(pl011_read(&uart, PL011_FR) & (PL011_FR_RXFF | PL011_FR_RXFE),
			 PL011_FR_RXFF);
	assert_true(pl011_irq_pending(&uart));
	/* Clearing RX does not hide data still waiting. */
	pl011_write(&uart, PL011_ICR, PL011_INT_ALL);
	assert_int_equal(pl011_read(&uart, PL011_RIS), PL011_INT_RX);
	for (unsigned int i = 0; i < PL011_RX_FIFO; i++)
		assert_int_equal(pl011_read(&uart, PL011_DR), 'a' + i);
	assert_int_equal(pl011_read(&uart, PL011_FR) & PL011_FR_RXFE, PL011_FR_RXFE);
	assert_int_equal(pl011_read(&uart, PL011_RIS), 0);
	assert_false(pl011_irq_pending(&uart));
}

/* Each read/write register keeps what it is given, within its width. */
static void pl011_registers_keep_their_bits(void **state)
{
	static const struct {
		uint32_t offset, mask;
	} regs[] = {
		{ PL011_ILPR, 0xFF }, { PL011_IBRD, 0xFFFF }, { PL011_FBRD, 0x3F },
		{ PL011_LCR_H, 0xFF }, { PL011_CR, 0xFF87 }, { PL011_IFLS, 0x3F },
		{ PL011_IMSC, 0x7FF }, { PL011_DMACR, 0x7 },
	};

	(void)state;
	for (unsigned int i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		pl011_write(&uart, regs[i].offset, 0xFFFFFFFFU);
		assert_int_equal(pl011_read(&uart, regs[i].offset), regs[i].mask);
		pl011_write(&uart, regs[i].offset, 0);
		assert_int_equal(pl011_read(&uart, regs[i].offset), 0);
	}
}

static void pl011_read_only_writes_ignored(void **state)
{
	(void)state;
	pl011_write(&uart, PL011_FR, 0);
	pl011_write(&uart, PL011_RIS, PL011_INT_ALL);
	pl011_write(&uart, PL011_MIS, PL011_INT_ALL);
	pl011_write(&uart, PL011_PERIPH_ID, 0);
	pl011_write(&uart, 0x800, 0x1234);
	assert_int_equal(pl011_read(&uart, PL011_FR), PL011_FR_TXFE | PL011_FR_RXFE);
	assert_int_equal(pl011_read(&uart, PL011_RIS), 0);
	assert_int_equal(pl011_read(&uart, PL011_PERIPH_ID), 0x11);
	assert_int_equal(pl011_read(&uart, 0x800), 0);
	assert_int_equal(sent_len, 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(pl011_reset_values, fresh_uart),
	cmocka_unit_test_setup(pl011_primecell_ids, fresh_uart),
	cmocka_unit_test_setup(pl011_transmit_raises_tx_interrupt, fresh_uart),
	cmocka_unit_test_setup(pl011_receive_fifo_in_order_and_full, fresh_uart),
	cmocka_unit_test_setup(pl011_registers_keep_their_bits, fresh_uart),
	cmocka_unit_test_setup(pl011_read_only_writes_ignored, fresh_uart),
};

TEST_GROUP(pl011_tests, tests, NULL);
