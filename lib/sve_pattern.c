/* Recognisable SVE register-file images (lib/sve_pattern.h). */
#include <lib/sve_pattern.h>

#define Z_REGS	32U
#define P_REGS	16U	/* then FFR, one more of the same size */

static uint64_t z_word(const struct sve_pattern *p, unsigned int reg, uint64_t word)
{
	return ((uint64_t)p->tag << 48) | ((p->seed + reg * 0x1000U + word) & 0xFFFFFFFFFFFFULL);
}

static uint8_t p_byte(const struct sve_pattern *p, unsigned int reg, uint64_t byte)
{
	uint8_t v = (uint8_t)((p->seed + reg * 7U + byte) & 0x7FU);

	if (reg == P_REGS)	/* FFR */
		return p->high ? 0xFFU : 0U;
	return p->high ? (uint8_t)(v | 0x80U) : v;
}

/* Z register reg's word w, and predicate reg's byte b (reg 16 is FFR), at vl. */
static uint64_t *z_at(uint8_t *buf, uint64_t vl, unsigned int reg, uint64_t w)
{
	return (uint64_t *)(void *)(buf + reg * vl + w * 8U);
}

static uint8_t *p_at(uint8_t *buf, uint64_t vl, unsigned int reg, uint64_t b)
{
	return buf + Z_REGS * vl + reg * (vl / 8U) + b;
}

void sve_pattern_fill(uint8_t *buf, uint64_t vl, const struct sve_pattern *p)
{
	for (unsigned int r = 0; r < Z_REGS; r++)
		for (uint64_t w = 0; w < vl / 8U; w++)
			*z_at(buf, vl, r, w) = z_word(p, r, w);
	for (unsigned int r = 0; r <= P_REGS; r++)
		for (uint64_t b = 0; b < vl / 8U; b++)
			*p_at(buf, vl, r, b) = p_byte(p, r, b);
}

uint64_t sve_pattern_prefix_mismatches(const uint8_t *buf, uint64_t vl, uint64_t own_vl,
				       const struct sve_pattern *p)
{
	uint8_t *b = (uint8_t *)(uintptr_t)buf;
	uint64_t n = 0;

	for (unsigned int r = 0; r < Z_REGS; r++)
		for (uint64_t w = 0; w < own_vl / 8U; w++)
			n += *z_at(b, vl, r, w) != z_word(p, r, w);
	for (unsigned int r = 0; r <= P_REGS; r++)
		for (uint64_t i = 0; i < own_vl / 8U; i++)
			n += *p_at(b, vl, r, i) != p_byte(p, r, i);
	return n;
}

uint64_t sve_pattern_v_mismatches(const uint8_t *buf, uint64_t vl, const struct sve_pattern *p)
{
	uint8_t *b = (uint8_t *)(uintptr_t)buf;
	uint64_t n = 0;

	for (unsigned int r = 0; r < Z_REGS; r++)
		for (uint64_t w = 0; w < 2U; w++)
			n += *z_at(b, vl, r, w) != z_word(p, r, w);
	return n;
}

uint64_t sve_pattern_mismatches(const uint8_t *buf, uint64_t vl, const struct sve_pattern *p)
{
	return sve_pattern_prefix_mismatches(buf, vl, vl, p);
}

uint64_t sve_pattern_foreign(const uint8_t *buf, uint64_t vl, const struct sve_pattern *other)
{
	uint8_t *b = (uint8_t *)(uintptr_t)buf;
	uint64_t n = 0;

	for (unsigned int r = 0; r < Z_REGS; r++)
		for (uint64_t w = 0; w < vl / 8U; w++)
			n += (*z_at(b, vl, r, w) >> 48) == other->tag;
	if (!other->high)
		return n;
	for (unsigned int r = 0; r <= P_REGS; r++)
		for (uint64_t i = 0; i < vl / 8U; i++)
			n += (*p_at(b, vl, r, i) & 0x80U) != 0U;
	return n;
}
