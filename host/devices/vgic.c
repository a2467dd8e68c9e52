/* GICv3 distributor and redistributor model (vgic.h). */
#include "devices/vgic.h"

#include <stddef.h>
#include <string.h>

#include "linux/linux_vm.h"

#define WORDS	(VGIC_NUM_INTIDS / 32U)
#define SGIS_EDGE	0xAAAAAAAAU	/* ICFGR0: SGIs are edge-triggered, read-only */

/*
 * The per-interrupt registers common to the distributor (SPIs) and a
 * redistributor's SGI frame (SGIs and PPIs): word n of each bitmap (and
 * byte i of priority) is INTIDs 32n..32n+31 (INTID i); words below first
 * are not this frame's (RAZ/WI).
 */
struct lines {
	uint32_t *group, *enable, *pending, *active;
	uint8_t *priority;
	unsigned int first, words;
};

static struct lines dist_lines(struct vgic *g)
{
	return (struct lines){ g->group, g->enable, g->pending, g->active, g->priority, 1, WORDS };
}

static struct lines cpu_lines(struct vgic_cpu *c)
{
	return (struct lines){ &c->group, &c->enable, &c->pending, &c->active, c->priority, 0, 1 };
}

/* The bitmap word a set/clear/plain register at offset names, or NULL. */
static uint32_t *bitmap_word(const struct lines *l, uint32_t offset, uint32_t base,
			     uint32_t *bitmap)
{
	uint32_t n = (offset - base) / 4U;

	return n >= l->first && n < l->words ? &bitmap[n] : NULL;
}

static uint32_t *bitmap_of(const struct lines *l, uint32_t offset, uint32_t *base)
{
	static const uint32_t bases[] = { GICD_IGROUPR, GICD_ISENABLER, GICD_ICENABLER,
					  GICD_ISPENDR, GICD_ICPENDR, GICD_ISACTIVER,
					  GICD_ICACTIVER };
	uint32_t *const maps[] = { l->group, l->enable, l->enable, l->pending, l->pending,
				   l->active, l->active };

	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		if (offset >= bases[i] && offset < bases[i] + 0x80U) {
			*base = bases[i];
			return bitmap_word(l, offset, bases[i], maps[i]);
		}
	}
	return NULL;
}

/* Reads of IGROUPR..ICACTIVER and IPRIORITYR; false if offset is none of them. */
static bool lines_read(const struct lines *l, uint32_t offset, unsigned int bytes, uint64_t *v)
{
	uint32_t base, *word;

	if (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 32U * l->words) {
		uint32_t i = offset - GICD_IPRIORITYR;

		*v = 0;
		for (unsigned int b = 0; b < bytes && b < 4U; b++) {
			if (i + b >= 32U * l->first)
				*v |= (uint64_t)l->priority[i + b] << (8U * b);
		}
		return true;
	}
	word = bitmap_of(l, offset, &base);
	if (word == NULL && (offset < GICD_IGROUPR || offset >= GICD_IPRIORITYR))
		return false;
	*v = word != NULL ? *word : 0U;
	return true;
}

static bool lines_write(const struct lines *l, uint32_t offset, unsigned int bytes, uint32_t v)
{
	uint32_t base, *word;

	if (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 32U * l->words) {
		uint32_t i = offset - GICD_IPRIORITYR;

		for (unsigned int b = 0; b < bytes && b < 4U; b++) {
			if (i + b >= 32U * l->first)
				l->priority[i + b] = (uint8_t)(v >> (8U * b));
		}
		return true;
	}
	word = bitmap_of(l, offset, &base);
	if (word == NULL)
		return offset >= GICD_IGROUPR && offset < GICD_IPRIORITYR;
	if (base == GICD_IGROUPR)
		*word = v;
	else if (base == GICD_ISENABLER || base == GICD_ISPENDR || base == GICD_ISACTIVER)
		*word |= v;
	else
		*word &= ~v;
	return true;
}

bool vgic_init(struct vgic *g, unsigned int num_cpus)
{
	if (num_cpus == 0U || num_cpus > VGIC_MAX_CPUS)
		return false;
	memset(g, 0, sizeof(*g));
	g->num_cpus = num_cpus;
	for (unsigned int i = 0; i < num_cpus; i++)
		g->cpu[i].waker = GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP;
	return true;
}

uint64_t vgic_dist_read(struct vgic *g, uint64_t offset, unsigned int bytes)
{
	struct lines l = dist_lines(g);
	uint64_t v;

	if (lines_read(&l, (uint32_t)offset, bytes, &v))
		return v;
	if (offset >= GICD_IROUTER + 8U * 32U && offset < GICD_IROUTER + 8U * VGIC_NUM_INTIDS)
		return g->route[(offset - GICD_IROUTER) / 8U] >> (offset % 8U == 4U ? 32 : 0);
	if (offset >= GICD_ICFGR + 8U && offset < GICD_ICFGR + 4U * (VGIC_NUM_INTIDS / 16U))
		return g->cfg[(offset - GICD_ICFGR) / 4U];
	switch (offset) {
	case GICD_CTLR:
		/* Affinity routing and a single security state are fixed; RWP is 0. */
		return (g->ctlr & 3U) | GICD_CTLR_ARE | GICD_CTLR_DS;
	case GICD_TYPER:
		/* IDbits 9 (10-bit INTIDs), ITLinesNumber N: 32 * (N + 1) INTIDs. */
		return (9U << 19) | (VGIC_NUM_INTIDS / 32U - 1U);
	case GICD_IIDR:
		return VGIC_IIDR;
	case GICD_PIDR2:
		return VGIC_PIDR2;
	default:
		return 0;	/* TYPER2, IGRPMODR, SGIs' ICFGR and the rest: RAZ */
	}
}

void vgic_dist_write(struct vgic *g, uint64_t offset, unsigned int bytes, uint64_t value)
{
	struct lines l = dist_lines(g);

	if (lines_write(&l, (uint32_t)offset, bytes, (uint32_t)value))
		return;
	if (offset >= GICD_IROUTER + 8U * 32U && offset < GICD_IROUTER + 8U * VGIC_NUM_INTIDS &&
	    offset % 8U == 0U) {
		/* Aff3 [39:32], Interrupt_Routing_Mode [31], Aff2.Aff1.Aff0 [23:0]. */
		g->route[(offset - GICD_IROUTER) / 8U] = value & 0xFF80FFFFFFULL;
		return;
	}
	if (offset >= GICD_ICFGR + 8U && offset < GICD_ICFGR + 4U * (VGIC_NUM_INTIDS / 16U)) {
		/* Only the upper bit of each pair (edge) is writable. */
		g->cfg[(offset - GICD_ICFGR) / 4U] = (uint32_t)value & SGIS_EDGE;
		return;
	}
	if (offset == GICD_CTLR)
		g->ctlr = (uint32_t)value & 3U;
}

/* The vCPU a redistributor offset belongs to, and the offset within its frames; NULL if none. */
static struct vgic_cpu *redist_cpu(struct vgic *g, uint64_t *offset, unsigned int *index)
{
	*index = (unsigned int)(*offset / VGIC_REDIST_STRIDE);
	if (*index >= g->num_cpus)
		return NULL;
	*offset %= VGIC_REDIST_STRIDE;
	return &g->cpu[*index];
}

static uint64_t redist_typer(const struct vgic *g, unsigned int i)
{
	uint64_t typer = linux_vm_mpidr(i) << 32 | (uint64_t)i << 8;

	return i + 1U == g->num_cpus ? typer | GICR_TYPER_LAST : typer;
}

uint64_t vgic_redist_read(struct vgic *g, uint64_t offset, unsigned int bytes)
{
	unsigned int i;
	struct vgic_cpu *c = redist_cpu(g, &offset, &i);
	struct lines l;
	uint64_t v;

	if (c == NULL)
		return 0;
	if (offset >= VGIC_SGI_FRAME) {
		l = cpu_lines(c);
		offset -= VGIC_SGI_FRAME;
		if (lines_read(&l, (uint32_t)offset, bytes, &v))
			return v;
		if (offset == GICD_ICFGR)
			return SGIS_EDGE;
		return offset == GICD_ICFGR + 4U ? c->cfg1 : 0U;
	}
	switch (offset) {
	case GICR_IIDR:
		return VGIC_IIDR;
	case GICR_TYPER:
		return bytes == 8U ? redist_typer(g, i) : (uint32_t)redist_typer(g, i);
	case GICR_TYPER + 4U:
		return redist_typer(g, i) >> 32;
	case GICR_WAKER:
		return c->waker;
	case GICR_PIDR2:
		return VGIC_PIDR2;
	default:
		return 0;	/* CTLR (RWP 0, no LPIs) and the rest */
	}
}

void vgic_redist_write(struct vgic *g, uint64_t offset, unsigned int bytes, uint64_t value)
{
	unsigned int i;
	struct vgic_cpu *c = redist_cpu(g, &offset, &i);
	struct lines l;

	if (c == NULL)
		return;
	if (offset >= VGIC_SGI_FRAME) {
		l = cpu_lines(c);
		offset -= VGIC_SGI_FRAME;
		if (!lines_write(&l, (uint32_t)offset, bytes, (uint32_t)value) &&
		    offset == GICD_ICFGR + 4U)
			c->cfg1 = (uint32_t)value & SGIS_EDGE;
		return;
	}
	/* ChildrenAsleep follows ProcessorSleep at once: waking takes no time. */
	if (offset == GICR_WAKER)
		c->waker = (value & GICR_WAKER_SLEEP) != 0U ? GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP : 0U;
}

bool vgic_enabled(const struct vgic *g, unsigned int cpu, unsigned int intid)
{
	if (cpu >= g->num_cpus || intid >= VGIC_NUM_INTIDS)
		return false;
	if (intid < 32U)
		return (g->cpu[cpu].enable >> intid & 1U) != 0U;
	return (g->ctlr & GICD_CTLR_ENGRP1) != 0U && (g->enable[intid / 32U] >> (intid % 32U) & 1U) != 0U;
}

uint8_t vgic_priority(const struct vgic *g, unsigned int cpu, unsigned int intid)
{
	if (cpu >= g->num_cpus || intid >= VGIC_NUM_INTIDS)
		return 0xFF;
	return intid < 32U ? g->cpu[cpu].priority[intid] : g->priority[intid];
}
