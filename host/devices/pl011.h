/*
 * An Arm PL011 UART model for a realm guest's console (PrimeCell UART
 * r1p5, the registers Linux's amba-pl011 driver uses): transmitted bytes go
 * to a callback, received bytes come from pl011_receive() through a 16-byte
 * FIFO, and the level interrupt is pl011_irq_pending(). Plain state, no
 * RMI: the run loop maps it to the guest's MMIO exits.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define PL011_DR	0x000U
#define PL011_RSR	0x004U	/* RSR read / ECR write */
#define PL011_FR	0x018U
#define PL011_ILPR	0x020U
#define PL011_IBRD	0x024U
#define PL011_FBRD	0x028U
#define PL011_LCR_H	0x02CU
#define PL011_CR	0x030U
#define PL011_IFLS	0x034U
#define PL011_IMSC	0x038U
#define PL011_RIS	0x03CU
#define PL011_MIS	0x040U
#define PL011_ICR	0x044U
#define PL011_DMACR	0x048U
#define PL011_PERIPH_ID	0xFE0U	/* PeriphID0..3, then PCellID0..3 at 0xFF0 */

#define PL011_FR_RXFE	(1U << 4)
#define PL011_FR_TXFF	(1U << 5)
#define PL011_FR_RXFF	(1U << 6)
#define PL011_FR_TXFE	(1U << 7)
#define PL011_INT_RX	(1U << 4)
#define PL011_INT_TX	(1U << 5)
#define PL011_INT_ALL	0x7FFU

#define PL011_RX_FIFO	16U

struct pl011 {
	void (*tx)(void *ctx, char c);	/* a byte the guest wrote to DR */
	void *ctx;
	uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr, ilpr;
	unsigned int rx_head, rx_count;
	uint8_t rx[PL011_RX_FIFO];
};

/* The reset state (CR = 0x300: TXE and RXE, IFLS = 0x12), transmitting to tx(ctx, c). */
void pl011_init(struct pl011 *u, void (*tx)(void *ctx, char c), void *ctx);

/* A 32-bit (or narrower) read of the register at offset; unimplemented offsets read 0. */
uint32_t pl011_read(struct pl011 *u, uint64_t offset);

/* A write of the register at offset; writes to read-only or unimplemented offsets are ignored. */
void pl011_write(struct pl011 *u, uint64_t offset, uint32_t value);

/* Queues a received byte; false when the FIFO is full (the byte is dropped). */
bool pl011_receive(struct pl011 *u, uint8_t c);

/* The UART's interrupt line: any raw interrupt that is not masked. */
bool pl011_irq_pending(const struct pl011 *u);
