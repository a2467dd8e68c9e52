/* The GIC state tests' realm program (gic_realm.S): its commands and their results. */
#pragma once

#define GIC_OP_GET	0
#define GIC_OP_SET	1
#define GIC_OP_ACK	2
#define GIC_OP_EOI	3
#define GIC_OP_RPR	4

#ifndef __ASSEMBLER__
#include <stdint.h>

/* What GET returns and SET takes: the realm's view of its ICH_VMCR_EL2. */
#define GIC_VIEW(pmr, bpr1, eoimode, igrpen1)                                           \
	((uint64_t)(pmr) | (uint64_t)(bpr1) << 8 | (uint64_t)(eoimode) << 17 |           \
	 (uint64_t)(igrpen1) << 24)

#define GIC_CMD(op, arg)	((uint64_t)(op) << 32 | (uint32_t)(arg))

extern const char gic_realm_start[], gic_realm_end[];
#endif
