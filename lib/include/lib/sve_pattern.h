/*
 * Recognisable SVE register-file images (lib/sve_pattern.c) for the tests
 * that check SVE state across worlds: what one side loads, and whether a
 * file read back is intact or holds anything of the other side's.
 *
 * An image is laid out as sve_regs_store() writes it into one buffer at
 * vector length vl bytes: Z0-Z31 (32 * vl), P0-P15 (16 * vl / 8), FFR
 * (vl / 8). Every 64-bit word of a Z register carries the side's tag in
 * bits 63:48. Predicate bytes of the "high" side have bit 7 set, the other
 * side's never; its FFR is all ones, the other side's all zero (FFR values
 * must be monotonic, first-fault patterns).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct sve_pattern {
	uint16_t tag;
	bool high;
	uint64_t seed;
};

/* Writes the image of pattern p at vector length vl into buf. */
void sve_pattern_fill(uint8_t *buf, uint64_t vl, const struct sve_pattern *p);

/* The bytes of buf (an image at vl) that differ from sve_pattern_fill(p). */
uint64_t sve_pattern_mismatches(const uint8_t *buf, uint64_t vl, const struct sve_pattern *p);

/*
 * In buf, an image at vl, the parts that carry the other side's marks: Z
 * words tagged other->tag, and predicate or FFR bytes of a high side.
 */
uint64_t sve_pattern_foreign(const uint8_t *buf, uint64_t vl, const struct sve_pattern *other);

/* The V registers (the low 128 bits of Z0-Z31) of buf (at vl) against p's image. */
uint64_t sve_pattern_v_mismatches(const uint8_t *buf, uint64_t vl, const struct sve_pattern *p);

/* The first 'own_vl' bytes of each register of buf (at vl) against p's image at own_vl. */
uint64_t sve_pattern_prefix_mismatches(const uint8_t *buf, uint64_t vl, uint64_t own_vl,
				       const struct sve_pattern *p);
