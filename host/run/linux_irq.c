/* The Linux guest's GIC and interrupt injection (linux_irq.h). */
#include "run/linux_irq.h"

#include <atoll/rmi.h>

#include "devices/vgic.h"
#include "devices/vgic_lr.h"
#include "devices/vgic_sgi.h"
#include "linux/linux_vm.h"
#include "rmi/report.h"
#include "run/linux_console.h"
#include "run/realm_run.h"

#define VTIMER_PPI		27U
#define CNT_CTL_ASSERTED	5U	/* ENABLE and ISTATUS set, IMASK clear */
#define CNT_CTL_MASK		7U

static struct vgic gic;
static struct vgic_lr_limits limits;

static uint64_t dist_read(struct realm_vm *vm, uint64_t offset, unsigned int bytes)
{
	(void)vm;
	return vgic_dist_read(&gic, offset, bytes);
}

static void dist_write(struct realm_vm *vm, uint64_t offset, unsigned int bytes, uint64_t value)
{
	(void)vm;
	vgic_dist_write(&gic, offset, bytes, value);
}

static uint64_t redist_read(struct realm_vm *vm, uint64_t offset, unsigned int bytes)
{
	(void)vm;
	return vgic_redist_read(&gic, offset, bytes);
}

static void redist_write(struct realm_vm *vm, uint64_t offset, unsigned int bytes, uint64_t value)
{
	(void)vm;
	vgic_redist_write(&gic, offset, bytes, value);
}

/* The last exit's timer state and list registers, then the new list registers. */
static void fill_lrs(struct realm_vm *vm, unsigned int rec)
{
	volatile struct rmi_rec_run *run = (volatile struct rmi_rec_run *)(uintptr_t)vm->vcpus[rec].run;
	unsigned int high[2], n = 0;
	uint64_t lrs[RMI_REC_GIC_LRS] = { 0 };

	if ((run->exit.cntv_ctl & CNT_CTL_MASK) == CNT_CTL_ASSERTED)
		high[n++] = VTIMER_PPI;
	/* The SPI is routed to the boot vCPU (Linux's default routing). */
	if (rec == 0U && linux_vm_pl011_irq())
		high[n++] = 32U + LINUX_PL011_SPI;
	for (unsigned int i = 0; i < limits.num_lrs; i++)
		lrs[i] = run->exit.gicv3_lrs[i];
	(void)vgic_fill_lrs(&gic, rec, &limits, lrs, high, n);
	for (unsigned int i = 0; i < RMI_REC_GIC_LRS; i++)
		run->enter.gicv3_lrs[i] = lrs[i];
}

/* An SGI write: made pending on its targets, and those running on another CPU kicked. */
static bool sysreg_write(struct realm_vm *vm, unsigned int rec, uint64_t esr, uint64_t value)
{
	uint32_t before[VGIC_MAX_CPUS];
	bool served;

	for (unsigned int i = 0; i < gic.num_cpus; i++)
		before[i] = gic.cpu[i].pending;
	served = vgic_trapped_write(&gic, rec, esr, value);
	for (unsigned int i = 0; served && i < gic.num_cpus; i++) {
		if (gic.cpu[i].pending != before[i])
			realm_vm_kick(vm, i);
	}
	return served;
}

static const struct realm_irqchip irqchip = { fill_lrs, sysreg_write };

/*
 * The list registers RMI_FEATURES offers (the field is the count minus one)
 * and the priority bits of ICH_VTR_EL2 (PRIbits [31:29], minus one).
 */
static struct vgic_lr_limits cpu_interface_limits(void)
{
	uint64_t feat0 = RMI_REPORTED(FEATURES, 0, 0, 0, 0, 0).x[1], vtr;
	unsigned int pri_bits;
	struct vgic_lr_limits l;

	__asm__ volatile("mrs %0, S3_4_C12_C11_1" : "=r"(vtr));
	pri_bits = (unsigned int)((vtr >> 29) & 7U) + 1U;
	l.num_lrs = (unsigned int)((feat0 >> RMI_FEAT0_GICV3_NUM_LRS_SHIFT) & 0xFU) + 1U;
	if (l.num_lrs > RMI_REC_GIC_LRS)
		l.num_lrs = RMI_REC_GIC_LRS;
	l.priority_mask = (uint8_t)(0xFFU << (8U - pri_bits));
	return l;
}

bool linux_vm_add_gic(struct realm_vm *vm)
{
	uint64_t alias = 1ULL << (vm->realm.s2sz - 1U);
	const struct realm_mmio_device dist = {
		alias | LINUX_GICD_BASE, LINUX_GICD_SIZE, dist_read, dist_write,
	};
	const struct realm_mmio_device redist = {
		alias | LINUX_GICR_BASE, vm->num_recs * LINUX_GICR_STRIDE, redist_read, redist_write,
	};

	limits = cpu_interface_limits();
	vm->irqchip = &irqchip;
	return vgic_init(&gic, vm->num_recs) && realm_vm_add_device(vm, &dist) &&
	       realm_vm_add_device(vm, &redist);
}
