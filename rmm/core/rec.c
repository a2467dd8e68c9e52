/* REC helpers: MPIDR encodings and CPU reset state. */
#include <rmm/rec.h>

#include <string.h>

#define MPIDR_AFF_FIELDS	0xFFFF0FULL	/* Aff0 [3:0], Aff1 [15:8], Aff2 [23:16] */
#define MPIDR_AFF3_SHIFT	24
#define PSTATE_EL1H_DAIF	0x3C5ULL	/* EL1h with D, A, I, F masked */
#define SCTLR_EL1_RESET		0x30D00800ULL	/* RES1 bits; MMU and caches off */

bool rec_mpidr_valid(uint64_t mpidr)
{
	return (mpidr & ~(MPIDR_AFF_FIELDS | (0xFFULL << MPIDR_AFF3_SHIFT))) == 0U;
}

uint64_t rec_mpidr_to_index(uint64_t mpidr)
{
	uint64_t aff0 = mpidr & 0xFU, aff1 = (mpidr >> 8) & 0xFFU;
	uint64_t aff2 = (mpidr >> 16) & 0xFFU, aff3 = (mpidr >> 24) & 0xFFU;

	return aff0 | (aff1 << 4) | (aff2 << 12) | (aff3 << 20);
}

uint64_t rec_psci_mpidr_to_rec_mpidr(uint64_t mpidr)
{
	/* Bits outside Aff0..Aff3 make the value invalid (all ones never decodes). */
	if ((mpidr & ~0xFF00FFFFFFULL) != 0U)
		return ~0ULL;
	return (mpidr & 0xFFFFFFULL) | (((mpidr >> 32) & 0xFFU) << MPIDR_AFF3_SHIFT);
}

void rec_reset_cpu(struct rec *rec, uint64_t entry)
{
	memset(&rec->regs, 0, sizeof(rec->regs));
	memset(&rec->el1, 0, sizeof(rec->el1));
	memset(&rec->fp, 0, sizeof(rec->fp));
	rec->regs.pc = entry;
	rec->regs.pstate = PSTATE_EL1H_DAIF;
	rec->el1.sctlr_el1 = SCTLR_EL1_RESET;
}

#define SCTLR_EL1_EE		(1ULL << 25)

void rec_reset_cpu_like(struct rec *rec, uint64_t entry, const struct rec *caller)
{
	rec_reset_cpu(rec, entry);
	rec->el1.sctlr_el1 |= caller->el1.sctlr_el1 & SCTLR_EL1_EE;
}
