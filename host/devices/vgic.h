/*
 * A GICv3 distributor and redistributors for a realm guest (the registers
 * Linux's irq-gic-v3 driver uses; docs/linux-realm.md): affinity routing
 * only, a single security state (DS = 1), no LPIs or ITS. The CPU interface
 * is the hardware's (the RMM's list registers), so this is the register
 * state Linux programs plus what injection asks: whether an interrupt is
 * enabled for a vCPU and its priority. Plain state, no RMI.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define VGIC_MAX_CPUS		8U
#define VGIC_NUM_SPIS		64U			/* INTIDs 32..95 */
#define VGIC_NUM_INTIDS		(32U + VGIC_NUM_SPIS)
#define VGIC_DIST_SIZE		0x10000U
#define VGIC_REDIST_STRIDE	0x20000U		/* RD frame + SGI frame */
#define VGIC_SGI_FRAME		0x10000U

#define GICD_CTLR		0x0000U
#define GICD_TYPER		0x0004U
#define GICD_IIDR		0x0008U
#define GICD_TYPER2		0x000CU
#define GICD_IGROUPR		0x0080U
#define GICD_ISENABLER		0x0100U
#define GICD_ICENABLER		0x0180U
#define GICD_ISPENDR		0x0200U
#define GICD_ICPENDR		0x0280U
#define GICD_ISACTIVER		0x0300U
#define GICD_ICACTIVER		0x0380U
#define GICD_IPRIORITYR		0x0400U
#define GICD_ICFGR		0x0C00U
#define GICD_IROUTER		0x6000U
#define GICD_PIDR2		0xFFE8U
#define GICD_CTLR_ENGRP1	(1U << 1)
#define GICD_CTLR_ARE		(1U << 4)
#define GICD_CTLR_DS		(1U << 6)

#define GICR_CTLR		0x0000U
#define GICR_IIDR		0x0004U
#define GICR_TYPER		0x0008U
#define GICR_WAKER		0x0014U
#define GICR_PIDR2		0xFFE8U
#define GICR_TYPER_LAST		(1ULL << 4)
#define GICR_WAKER_SLEEP	(1U << 1)
#define GICR_WAKER_ASLEEP	(1U << 2)

#define VGIC_IIDR		0x0000043BU	/* Arm as implementer, product 0: no Linux quirk */
#define VGIC_PIDR2		0x30U		/* ArchRev 3: GICv3 */

/* Per-vCPU state: SGIs 0-15 and PPIs 16-31 live in the redistributor. */
struct vgic_cpu {
	uint32_t group, enable, pending, active, cfg1;
	uint32_t waker;
	uint8_t priority[32];
};

struct vgic {
	unsigned int num_cpus;
	uint32_t ctlr;
	uint32_t group[VGIC_NUM_INTIDS / 32U], enable[VGIC_NUM_INTIDS / 32U],
		pending[VGIC_NUM_INTIDS / 32U], active[VGIC_NUM_INTIDS / 32U];
	uint32_t cfg[VGIC_NUM_INTIDS / 16U];
	uint8_t priority[VGIC_NUM_INTIDS];
	uint64_t route[VGIC_NUM_INTIDS];
	struct vgic_cpu cpu[VGIC_MAX_CPUS];
};

/* Reset: everything disabled, Group 0, priority 0, vCPUs asleep. False if num_cpus is out of range. */
bool vgic_init(struct vgic *g, unsigned int num_cpus);

/* Accesses at offset from the distributor's base (1, 4 or 8 bytes wide). */
uint64_t vgic_dist_read(struct vgic *g, uint64_t offset, unsigned int bytes);
void vgic_dist_write(struct vgic *g, uint64_t offset, unsigned int bytes, uint64_t value);

/* Accesses at offset from the first redistributor's base (vCPU i at i * VGIC_REDIST_STRIDE). */
uint64_t vgic_redist_read(struct vgic *g, uint64_t offset, unsigned int bytes);
void vgic_redist_write(struct vgic *g, uint64_t offset, unsigned int bytes, uint64_t value);

/* Whether intid may be injected into vCPU cpu: enabled there (and Group 1 enabled for SPIs). */
bool vgic_enabled(const struct vgic *g, unsigned int cpu, unsigned int intid);

/* The priority Linux gave intid (for vCPU cpu when it is an SGI or PPI). */
uint8_t vgic_priority(const struct vgic *g, unsigned int cpu, unsigned int intid);
