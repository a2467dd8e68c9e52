/* List registers from the emulated GIC (vgic_lr.h). */
#include "devices/vgic_lr.h"

#include <stdbool.h>

#define LR_STATE(lr)	((lr) >> VGIC_LR_STATE_SHIFT)
#define LR_INTID(lr)	((unsigned int)((lr) & 0xFFFFFFFFU))
#define NUM_SGIS	16U

static bool is_asserted(unsigned int intid, const unsigned int *asserted, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (asserted[i] == intid)
			return true;
	}
	return false;
}

/* The LR holding intid, or num_lrs. */
static unsigned int lr_of(const uint64_t *lrs, unsigned int num_lrs, unsigned int intid)
{
	for (unsigned int i = 0; i < num_lrs; i++) {
		if (LR_STATE(lrs[i]) != 0U && LR_INTID(lrs[i]) == intid)
			return i;
	}
	return num_lrs;
}

/* Puts intid pending in a free LR; false if there is none. */
static bool add(const struct vgic *g, unsigned int cpu, const struct vgic_lr_limits *lim,
		uint64_t *lrs, unsigned int intid)
{
	uint64_t priority = vgic_priority(g, cpu, intid) & lim->priority_mask;

	for (unsigned int i = 0; i < lim->num_lrs; i++) {
		if (lrs[i] == 0U) {
			lrs[i] = VGIC_LR_PENDING | VGIC_LR_GROUP1 |
				 priority << VGIC_LR_PRIORITY_SHIFT | intid;
			return true;
		}
	}
	return false;
}

/* A pending SGI: into its LR (pending and active if it is in service) or a free one. */
static bool deliver_sgi(struct vgic *g, unsigned int cpu, const struct vgic_lr_limits *lim,
			uint64_t *lrs, unsigned int sgi)
{
	unsigned int held = lr_of(lrs, lim->num_lrs, sgi);

	if (held < lim->num_lrs)
		lrs[held] |= VGIC_LR_PENDING;
	else if (!add(g, cpu, lim, lrs, sgi))
		return false;
	g->cpu[cpu].pending &= ~(1U << sgi);
	return true;
}

unsigned int vgic_fill_lrs(struct vgic *g, unsigned int cpu, const struct vgic_lr_limits *lim,
			   uint64_t *lrs, const unsigned int *asserted, unsigned int n)
{
	unsigned int left = 0;

	if (cpu >= g->num_cpus)
		return 0;
	for (unsigned int i = 0; i < lim->num_lrs; i++) {
		unsigned int intid = LR_INTID(lrs[i]);

		/* EOIed, or a level line still only pending while it went low: gone. */
		if (LR_STATE(lrs[i]) == 0U || (LR_STATE(lrs[i]) == 1U && intid >= NUM_SGIS &&
					       !is_asserted(intid, asserted, n)))
			lrs[i] = 0;
	}
	for (unsigned int sgi = 0; sgi < NUM_SGIS; sgi++) {
		if ((g->cpu[cpu].pending >> sgi & 1U) != 0U && vgic_enabled(g, cpu, sgi) &&
		    !deliver_sgi(g, cpu, lim, lrs, sgi))
			left++;
	}
	for (unsigned int k = 0; k < n; k++) {
		unsigned int intid = asserted[k];

		if (!vgic_enabled(g, cpu, intid) || lr_of(lrs, lim->num_lrs, intid) < lim->num_lrs)
			continue;
		if (!add(g, cpu, lim, lrs, intid))
			left++;
	}
	return left;
}
