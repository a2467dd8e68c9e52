/* The device tree of a Linux realm guest (linux_dt.h). */
#include "linux/linux_dt.h"

#include <string.h>

#include <lib/fdt.h>
#include <lib/format.h>

/* Phandles of the nodes others point at. */
#define PHANDLE_GIC	1U
#define PHANDLE_CLOCK	2U

/* GIC interrupt specifier: type, number (SPI: INTID - 32, PPI: INTID - 16), flags. */
#define GIC_SPI		0U
#define GIC_PPI		1U
#define IRQ_LEVEL_HIGH	4U

static void reg_pair(struct fdt_writer *w, uint64_t base, uint64_t size)
{
	const uint32_t cells[4] = { (uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
				    (uint32_t)size };

	fdt_prop_cells(w, "reg", cells, 4);
}

struct name_buf {
	char s[32];
	size_t len;
};

static void name_putc(char c, void *ctx)
{
	struct name_buf *b = ctx;

	if (b->len + 1U < sizeof(b->s))
		b->s[b->len++] = c;
}

/* "name@unit" with the unit in hex, as node names spell addresses. */
static void begin_unit_node(struct fdt_writer *w, const char *name, uint64_t unit)
{
	struct name_buf b = { .len = 0 };

	format_print_to(name_putc, &b, "%s@%llx", name, (unsigned long long)unit);
	b.s[b.len] = '\0';
	fdt_begin_node(w, b.s);
}

static void chosen(struct fdt_writer *w, const struct linux_vm_desc *d)
{
	fdt_begin_node(w, "chosen");
	fdt_prop_string(w, "bootargs", d->bootargs);
	fdt_prop_string(w, "stdout-path", "/pl011@9000000");
	if (d->initrd_end != 0U) {
		fdt_prop_u64(w, "linux,initrd-start", d->initrd_start);
		fdt_prop_u64(w, "linux,initrd-end", d->initrd_end);
	}
	fdt_end_node(w);
}

static void memory(struct fdt_writer *w, const struct linux_vm_desc *d)
{
	begin_unit_node(w, "memory", LINUX_RAM_BASE);
	fdt_prop_string(w, "device_type", "memory");
	reg_pair(w, LINUX_RAM_BASE, d->ram_size);
	fdt_end_node(w);
}

static void cpus(struct fdt_writer *w, const struct linux_vm_desc *d)
{
	fdt_begin_node(w, "cpus");
	fdt_prop_u32(w, "#address-cells", 1);
	fdt_prop_u32(w, "#size-cells", 0);
	for (unsigned int i = 0; i < d->num_cpus; i++) {
		begin_unit_node(w, "cpu", linux_vm_mpidr(i));
		fdt_prop_string(w, "device_type", "cpu");
		fdt_prop_string(w, "compatible", "arm,arm-v8");
		fdt_prop_u32(w, "reg", (uint32_t)linux_vm_mpidr(i));
		fdt_prop_string(w, "enable-method", "psci");
		fdt_end_node(w);
	}
	fdt_end_node(w);
}

static void psci(struct fdt_writer *w)
{
	static const char compatible[] = "arm,psci-1.0\0arm,psci-0.2";

	fdt_begin_node(w, "psci");
	fdt_prop_strings(w, "compatible", compatible, sizeof(compatible));
	fdt_prop_string(w, "method", "smc");
	fdt_end_node(w);
}

/* Secure physical, non-secure physical, virtual and hypervisor timers: INTIDs 29, 30, 27, 26. */
static void timer(struct fdt_writer *w)
{
	static const uint32_t interrupts[] = { GIC_PPI, 13, IRQ_LEVEL_HIGH, GIC_PPI, 14, IRQ_LEVEL_HIGH,
					       GIC_PPI, 11, IRQ_LEVEL_HIGH, GIC_PPI, 10, IRQ_LEVEL_HIGH };

	fdt_begin_node(w, "timer");
	fdt_prop_string(w, "compatible", "arm,armv8-timer");
	fdt_prop_cells(w, "interrupts", interrupts, 12);
	fdt_prop_empty(w, "always-on");
	fdt_end_node(w);
}

static void gic(struct fdt_writer *w, const struct linux_vm_desc *d)
{
	uint64_t gicr_size = d->num_cpus * LINUX_GICR_STRIDE;
	const uint32_t reg[8] = { 0, (uint32_t)LINUX_GICD_BASE, 0, (uint32_t)LINUX_GICD_SIZE,
				  0, (uint32_t)LINUX_GICR_BASE, 0, (uint32_t)gicr_size };

	begin_unit_node(w, "intc", LINUX_GICD_BASE);
	fdt_prop_string(w, "compatible", "arm,gic-v3");
	fdt_prop_u32(w, "#interrupt-cells", 3);
	fdt_prop_empty(w, "interrupt-controller");
	fdt_prop_cells(w, "reg", reg, 8);
	fdt_prop_u32(w, "phandle", PHANDLE_GIC);
	fdt_end_node(w);
}

/* The AMBA bus reads the PL011's PrimeCell IDs only with its apb_pclk. */
static void apb_clock(struct fdt_writer *w)
{
	fdt_begin_node(w, "apb-pclk");
	fdt_prop_string(w, "compatible", "fixed-clock");
	fdt_prop_u32(w, "#clock-cells", 0);
	fdt_prop_u32(w, "clock-frequency", LINUX_APB_CLOCK_HZ);
	fdt_prop_string(w, "clock-output-names", "clk24mhz");
	fdt_prop_u32(w, "phandle", PHANDLE_CLOCK);
	fdt_end_node(w);
}

static void pl011(struct fdt_writer *w)
{
	static const char compatible[] = "arm,pl011\0arm,primecell";
	static const char clock_names[] = "uartclk\0apb_pclk";
	static const uint32_t interrupts[] = { GIC_SPI, LINUX_PL011_SPI, IRQ_LEVEL_HIGH };
	static const uint32_t clocks[] = { PHANDLE_CLOCK, PHANDLE_CLOCK };

	begin_unit_node(w, "pl011", LINUX_PL011_BASE);
	fdt_prop_strings(w, "compatible", compatible, sizeof(compatible));
	reg_pair(w, LINUX_PL011_BASE, LINUX_PL011_SIZE);
	fdt_prop_cells(w, "interrupts", interrupts, 3);
	fdt_prop_cells(w, "clocks", clocks, 2);
	fdt_prop_strings(w, "clock-names", clock_names, sizeof(clock_names));
	fdt_end_node(w);
}

size_t linux_dt_write(const struct linux_vm_desc *d, void *buf, size_t size)
{
	static struct fdt_writer w;	/* 1 KB of strings: not on the caller's stack */

	if (d->num_cpus == 0U || d->num_cpus > LINUX_MAX_CPUS || d->ram_size == 0U ||
	    d->bootargs == NULL || d->initrd_end < d->initrd_start)
		return 0;
	fdt_init(&w, buf, size);
	fdt_begin_node(&w, "");
	fdt_prop_u32(&w, "#address-cells", 2);
	fdt_prop_u32(&w, "#size-cells", 2);
	fdt_prop_string(&w, "compatible", "linux,dummy-virt");
	fdt_prop_u32(&w, "interrupt-parent", PHANDLE_GIC);
	chosen(&w, d);
	fdt_begin_node(&w, "aliases");
	fdt_prop_string(&w, "serial0", "/pl011@9000000");
	fdt_end_node(&w);
	memory(&w, d);
	cpus(&w, d);
	psci(&w);
	timer(&w);
	gic(&w, d);
	apb_clock(&w);
	pl011(&w);
	fdt_end_node(&w);
	return fdt_finish(&w);
}

size_t linux_dt_write_for(const struct linux_layout *l, unsigned int num_cpus,
			  const char *bootargs, void *buf, size_t size)
{
	const struct linux_vm_desc d = {
		.ram_size = l->ram_size,
		.num_cpus = num_cpus,
		.initrd_start = l->initrd_ipa,
		.initrd_end = l->initrd_ipa + l->initrd_size,
		.bootargs = bootargs,
	};

	memset(buf, 0, size);
	return linux_dt_write(&d, buf, size);
}
