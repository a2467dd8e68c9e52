/* PL011 UART transmit, polled. */
#pragma once

#include <stdint.h>

void pl011_putc(uint64_t base, char c);
