#include <lib/pl011.h>

#define UARTDR		0x000U
#define UARTFR		0x018U
#define UARTFR_TXFF	(1U << 5)

void pl011_putc(uint64_t base, char c)
{
	volatile uint32_t *fr = (volatile uint32_t *)(base + UARTFR);
	volatile uint32_t *dr = (volatile uint32_t *)(base + UARTDR);

	while ((*fr & UARTFR_TXFF) != 0U) {
	}
	*dr = (uint32_t)(unsigned char)c;
}
