/* PL011 UART model (pl011.h). */
#include "devices/pl011.h"

/* PeriphID0..3 (part 0x011, Arm, revision 1) and PCellID0..3: what the AMBA bus probes. */
static const uint8_t id_bytes[8] = { 0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 };

void pl011_init(struct pl011 *u, void (*tx)(void *ctx, char c), void *ctx)
{
	*u = (struct pl011){ .tx = tx, .ctx = ctx, .cr = 0x300U, .ifls = 0x12U };
}

static uint32_t read_data(struct pl011 *u)
{
	uint32_t c;

	if (u->rx_count == 0U)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1U) % PL011_RX_FIFO;
	if (--u->rx_count == 0U)
		u->ris &= ~PL011_INT_RX;
	return c;
}

static uint32_t flags(const struct pl011 *u)
{
	/* Transmission is instant: never full or busy, always empty. */
	uint32_t fr = PL011_FR_TXFE;

	if (u->rx_count == 0U)
		fr |= PL011_FR_RXFE;
	if (u->rx_count == PL011_RX_FIFO)
		fr |= PL011_FR_RXFF;
	return fr;
}

uint32_t pl011_read(struct pl011 *u, uint64_t offset)
{
	if (offset >= PL011_PERIPH_ID && offset < PL011_PERIPH_ID + 32U && offset % 4U == 0U)
		return id_bytes[(offset - PL011_PERIPH_ID) / 4U];
	switch (offset) {
	case PL011_DR:
		return read_data(u);
	case PL011_FR:
		return flags(u);
	case PL011_ILPR:
		return u->ilpr;
	case PL011_IBRD:
		return u->ibrd;
	case PL011_FBRD:
		return u->fbrd;
	case PL011_LCR_H:
		return u->lcr_h;
	case PL011_CR:
		return u->cr;
	case PL011_IFLS:
		return u->ifls;
	case PL011_IMSC:
		return u->imsc;
	case PL011_RIS:
		return u->ris;
	case PL011_MIS:
		return u->ris & u->imsc;
	case PL011_DMACR:
		return u->dmacr;
	default:
		return 0;	/* RSR: no errors; anything else reads as zero */
	}
}

void pl011_write(struct pl011 *u, uint64_t offset, uint32_t value)
{
	switch (offset) {
	case PL011_DR:
		u->tx(u->ctx, (char)(value & 0xFFU));
		/* The byte is gone at once: the TX FIFO is below its level again. */
		u->ris |= PL011_INT_TX;
		break;
	case PL011_ILPR:
		u->ilpr = value & 0xFFU;
		break;
	case PL011_IBRD:
		u->ibrd = value & 0xFFFFU;
		break;
	case PL011_FBRD:
		u->fbrd = value & 0x3FU;
		break;
	case PL011_LCR_H:
		u->lcr_h = value & 0xFFU;
		break;
	case PL011_CR:
		u->cr = value & 0xFF87U;
		break;
	case PL011_IFLS:
		u->ifls = value & 0x3FU;
		break;
	case PL011_IMSC:
		u->imsc = value & PL011_INT_ALL;
		break;
	case PL011_ICR:
		u->ris &= ~value;
		/* RX stays raised while data waits, whatever the guest clears. */
		if (u->rx_count != 0U)
			u->ris |= PL011_INT_RX;
		break;
	case PL011_DMACR:
		u->dmacr = value & 7U;
		break;
	default:
		break;	/* ECR, FR, RIS, MIS, IDs: read-only or no effect */
	}
}

bool pl011_receive(struct pl011 *u, uint8_t c)
{
	if (u->rx_count == PL011_RX_FIFO)
		return false;
	u->rx[(u->rx_head + u->rx_count) % PL011_RX_FIFO] = c;
	u->rx_count++;
	u->ris |= PL011_INT_RX;
	return true;
}

bool pl011_irq_pending(const struct pl011 *u)
{
	return (u->ris & u->imsc) != 0U;
}
