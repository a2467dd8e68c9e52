/*
 * SGIs a vCPU sends by writing ICC_SGI1R_EL1 (the RMM hands the write to
 * the host as a trapped system-register exit): the value decoded and the
 * SGI made pending in each target vCPU's redistributor state (vgic.h),
 * from where vgic_fill_lrs() injects it. vCPU i has the MPIDR affinity
 * linux_vm_mpidr(i) (Aff0 = i % 16, Aff1 = i / 16, Aff2 = Aff3 = 0).
 */
#pragma once

#include <stdint.h>

#include "devices/vgic.h"

#define ICC_SGI1R_TARGETS_MASK	0xFFFFULL
#define ICC_SGI1R_AFF1_SHIFT	16
#define ICC_SGI1R_INTID_SHIFT	24
#define ICC_SGI1R_AFF2_SHIFT	32
#define ICC_SGI1R_IRM		(1ULL << 40)
#define ICC_SGI1R_RS_SHIFT	44
#define ICC_SGI1R_AFF3_SHIFT	48

/*
 * vCPU from wrote value to ICC_SGI1R_EL1: IRM set targets every other
 * vCPU, otherwise those of TargetList (Aff0 = RS * 16 + bit) at Aff3.Aff2.Aff1.
 * Returns the number of vCPUs the SGI was made pending on (0: none exists).
 */
unsigned int vgic_send_sgi(struct vgic *g, unsigned int from, uint64_t value);

/* The trapped write's encoding in the ESR's ISS (Op0, Op2, Op1, CRn, CRm, direction). */
#define ESR_SYSREG_ISS_MASK	0x3FFC1FULL	/* all of the ISS but Rt */
#define ESR_ICC_SGI1R_WRITE	0x3A3016ULL	/* Op0 3, Op2 5, Op1 0, CRn 12, CRm 11, write */

/*
 * A GIC CPU-interface write the RMM handed over (exit ESR, value): an
 * ICC_SGI1R_EL1 write of vCPU from sends its SGI. False for any other
 * register (ASGI1R, SGI0R, DIR: Linux at EL1 with one security state and
 * EOImode 0 writes none of them), which is then left unserved.
 */
bool vgic_trapped_write(struct vgic *g, unsigned int from, uint64_t esr, uint64_t value);
