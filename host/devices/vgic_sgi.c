/* SGIs from ICC_SGI1R_EL1 writes (vgic_sgi.h). */
#include "devices/vgic_sgi.h"

#include <stdbool.h>

#include "linux/linux_vm.h"

static bool targeted(uint64_t value, uint64_t mpidr)
{
	uint64_t aff1 = (value >> ICC_SGI1R_AFF1_SHIFT) & 0xFFU;
	uint64_t aff2 = (value >> ICC_SGI1R_AFF2_SHIFT) & 0xFFU;
	uint64_t aff3 = (value >> ICC_SGI1R_AFF3_SHIFT) & 0xFFU;
	uint64_t aff0 = mpidr & 0xFFU, base = ((value >> ICC_SGI1R_RS_SHIFT) & 0xFU) * 16U;

	if (aff3 != 0U || aff2 != (mpidr >> 16 & 0xFFU) || aff1 != (mpidr >> 8 & 0xFFU))
		return false;
	return aff0 >= base && aff0 < base + 16U &&
	       (value & ICC_SGI1R_TARGETS_MASK) >> (aff0 - base) & 1U;
}

unsigned int vgic_send_sgi(struct vgic *g, unsigned int from, uint64_t value)
{
	unsigned int sgi = (unsigned int)(value >> ICC_SGI1R_INTID_SHIFT) & 0xFU, sent = 0;

	for (unsigned int i = 0; i < g->num_cpus; i++) {
		bool to = (value & ICC_SGI1R_IRM) != 0U ? i != from : targeted(value, linux_vm_mpidr(i));

		if (to) {
			g->cpu[i].pending |= 1U << sgi;
			sent++;
		}
	}
	return sent;
}

bool vgic_trapped_write(struct vgic *g, unsigned int from, uint64_t esr, uint64_t value)
{
	if ((esr & ESR_SYSREG_ISS_MASK) != ESR_ICC_SGI1R_WRITE || from >= g->num_cpus)
		return false;
	(void)vgic_send_sgi(g, from, value);
	return true;
}
