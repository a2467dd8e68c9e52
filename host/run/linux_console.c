/* The Linux guest's PL011 on MMIO exits (linux_console.h). */
#include "run/linux_console.h"

#include "devices/pl011.h"
#include "linux/linux_vm.h"
#include "run/realm_run.h"

static struct pl011 uart;

static void transmit(void *ctx, char c)
{
	realm_vm_console_putc(ctx, c);
}

static uint64_t uart_read(struct realm_vm *vm, uint64_t offset, unsigned int bytes)
{
	(void)vm;
	(void)bytes;
	return pl011_read(&uart, offset);
}

static void uart_write(struct realm_vm *vm, uint64_t offset, unsigned int bytes, uint64_t value)
{
	(void)bytes;
	pl011_write(&uart, offset, (uint32_t)value);
	/* Its SPI goes to vCPU 0: a write from another vCPU must make it look. */
	if (pl011_irq_pending(&uart))
		realm_vm_kick(vm, 0);
}

bool linux_vm_add_pl011(struct realm_vm *vm)
{
	const struct realm_mmio_device dev = {
		.base = (1ULL << (vm->realm.s2sz - 1U)) | LINUX_PL011_BASE,
		.size = LINUX_PL011_SIZE,
		.read = uart_read,
		.write = uart_write,
	};

	pl011_init(&uart, transmit, vm);
	return realm_vm_add_device(vm, &dev);
}

bool linux_vm_pl011_irq(void)
{
	return pl011_irq_pending(&uart);
}
