/*
 * Filling a REC's GIC list registers from the emulated GIC (vgic.h) before
 * each REC_ENTER (docs/linux-realm.md): what the last exit left active is
 * kept, an LR the guest EOIed (invalid) is freed, a pending-only LR of a
 * level line (PPI or SPI) no longer asserted is withdrawn; then each
 * SGI pending in the vCPU's redistributor state (vgic_sgi.h) and each
 * asserted line the guest enabled is added as a Group 1, non-HW, pending
 * virtual interrupt at the guest's priority cut to the bits the CPU
 * implements (the rest are RES0: the RMM refuses them). An SGI leaves the
 * redistributor's pending state once it is in an LR (edge: it is
 * delivered once); an SGI whose LR is still active becomes pending and
 * active. A level line already in an LR is not added twice.
 */
#pragma once

#include <stdint.h>

#include "devices/vgic.h"

#define VGIC_LR_STATE_SHIFT	62
#define VGIC_LR_PENDING		(1ULL << VGIC_LR_STATE_SHIFT)
#define VGIC_LR_ACTIVE		(2ULL << VGIC_LR_STATE_SHIFT)
#define VGIC_LR_GROUP1		(1ULL << 60)
#define VGIC_LR_PRIORITY_SHIFT	48

/* What the CPU interface gives: list registers and priority bits (ICH_VTR_EL2). */
struct vgic_lr_limits {
	unsigned int num_lrs;
	uint8_t priority_mask;	/* the implemented priority bits, e.g. 0xF8 for 5 */
};

/*
 * lrs: on entry the LRs the last exit reported, on return those for the
 * next entry of vCPU cpu. asserted: the INTIDs whose level lines are high
 * now (n of them). Returns how many interrupts found no free LR; they are
 * kept (an SGI stays pending, a line stays high) for a later entry.
 */
unsigned int vgic_fill_lrs(struct vgic *g, unsigned int cpu, const struct vgic_lr_limits *lim,
			   uint64_t *lrs, const unsigned int *asserted, unsigned int n);
