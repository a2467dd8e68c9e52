/* Raw reads of the ID register space (op0 3, op1 0, CRn 0) for realm emulation. */
#include <rmm/arch.h>

#include "sysreg.h"

#define ID_CASE(crm, op2)                                    \
	case ((crm) << 3) | (op2):                           \
		return read_sysreg(S3_0_C0_C##crm##_##op2)

#define ID_ROW(crm)                                                            \
	ID_CASE(crm, 0); ID_CASE(crm, 1); ID_CASE(crm, 2); ID_CASE(crm, 3);     \
	ID_CASE(crm, 4); ID_CASE(crm, 5); ID_CASE(crm, 6); ID_CASE(crm, 7)

uint64_t arch_read_id_reg(unsigned int crm, unsigned int op2)
{
	/* MRS needs the encoding as an immediate: one case per register. */
	switch ((crm << 3) | op2) {
		ID_ROW(1);
		ID_ROW(2);
		ID_ROW(3);
		ID_ROW(4);
		ID_ROW(5);
		ID_ROW(6);
		ID_ROW(7);
	default:
		return 0;
	}
}
