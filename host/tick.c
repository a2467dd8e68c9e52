/*
 * The host's preemption tick (host.h): the NS-EL2 physical timer (CNTHP,
 * PPI 26) enabled in this CPU's redistributor and CPU interface, so that
 * while a realm runs its expiry is a physical interrupt the RMM answers
 * with an IRQ exit. The host itself keeps IRQs masked (PSTATE.I) and never
 * takes it: re-arming the timer before the next entry lowers the line,
 * and a level interrupt nobody acknowledged is no longer pending. SGI 0 is
 * the kick one CPU sends another to make the REC there exit
 * (host_kick_cpu(), acknowledged by host_irq_drain()). The realm's virtual
 * timer (PPI 27) stays disabled: the RMM masks it at EL2 while it is
 * asserted and reported (a new firing after the guest re-armed it is seen
 * only at the next exit), so the tick's deadline covers it (tick_for()).
 */
#include "host.h"

#define GICD_CTLR		0x08000000ULL	/* the distributor's, Non-secure view */
#define GICD_CTLR_ENABLE_G1A	(1U << 1)
#define GICD_CTLR_ARE_NS	(1U << 4)
#define GICD_CTLR_RWP		(1U << 31)
#define GICR_BASE		0x080A0000ULL	/* QEMU virt: CPU n's frames at + n * 128 KiB */
#define GICR_STRIDE		0x20000ULL
#define GICR_SGI_FRAME		0x10000ULL
#define GICR_ISENABLER0		0x0100ULL
#define GICR_ICENABLER0		0x0180ULL
#define GICR_IPRIORITYR		0x0400ULL
#define HYP_TIMER_PPI		26U
#define KICK_SGI		0U	/* TF-A keeps SGIs 8-15 for the secure world */
#define ICC_IAR_SPURIOUS	1020U	/* INTIDs from here on are no interrupt */
#define DRAIN_MAX		16U	/* more than the lines enabled here */
#define ICC_SGI1R_INTID_SHIFT	24
#define TICK_PRIORITY		0x80U	/* any priority below the PMR's 0xFF is signalled */
#define CNTHP_CTL_ENABLE	1U

static uint64_t sgi_frame(void)
{
	uint64_t mpidr;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	return GICR_BASE + (mpidr & 0xFFU) * GICR_STRIDE + GICR_SGI_FRAME;
}

void host_tick_init(void)
{
	uint64_t frame = sgi_frame();

	/*
	 * TF-A left the PPIs Group 1 Non-secure (only Secure may change groups)
	 * but enabled only its own groups in the distributor.
	 */
	*(volatile uint32_t *)GICD_CTLR |= GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1A;
	while ((*(volatile uint32_t *)GICD_CTLR & GICD_CTLR_RWP) != 0U)
		;
	*(volatile uint8_t *)(frame + GICR_IPRIORITYR + HYP_TIMER_PPI) = TICK_PRIORITY;
	*(volatile uint8_t *)(frame + GICR_IPRIORITYR + KICK_SGI) = TICK_PRIORITY;
	*(volatile uint32_t *)(frame + GICR_ISENABLER0) =
		1U << HYP_TIMER_PPI | 1U << KICK_SGI;
	__asm__ volatile("msr icc_pmr_el1, %0\n\t"
			 "msr icc_igrpen1_el1, %1\n\t"
			 "isb" : : "r"(0xFFULL), "r"(1ULL));
}

void host_ppi_set_enabled(unsigned int ppi, bool enabled)
{
	*(volatile uint32_t *)(sgi_frame() + (enabled ? GICR_ISENABLER0 : GICR_ICENABLER0)) =
		1U << ppi;
	__asm__ volatile("dsb sy" ::: "memory");
}

void host_tick_arm(uint64_t ticks)
{
	__asm__ volatile("msr cnthp_tval_el2, %0\n\t"
			 "msr cnthp_ctl_el2, %1\n\t"
			 "isb" : : "r"(ticks), "r"(ticks != 0U ? (uint64_t)CNTHP_CTL_ENABLE : 0U));
}

void host_kick_cpu(unsigned int cpu)
{
	/* TargetList bit Aff0 = cpu at Aff1 = 0: QEMU virt's first cluster. */
	uint64_t sgi = (1ULL << cpu) | (uint64_t)KICK_SGI << ICC_SGI1R_INTID_SHIFT;

	__asm__ volatile("msr icc_sgi1r_el1, %0\n\tisb" : : "r"(sgi));
}

void host_irq_drain(void)
{
	/* The tick's line is a level: stopped first, or its EOI would make it pending again. */
	host_tick_arm(0);
	for (unsigned int i = 0; i < DRAIN_MAX; i++) {
		uint64_t intid;

		__asm__ volatile("mrs %0, icc_iar1_el1" : "=r"(intid));
		if ((intid & 0xFFFFFFU) >= ICC_IAR_SPURIOUS)
			return;
		__asm__ volatile("msr icc_eoir1_el1, %0\n\tisb" : : "r"(intid));
	}
}
