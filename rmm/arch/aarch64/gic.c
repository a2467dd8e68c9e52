/* The realm's GICv3 virtual CPU interface: ICH_* registers around a run. */
#include <rmm/arch.h>

#include "gic.h"
#include "sysreg.h"

#define ICH_HCR_EN	1ULL

static unsigned int num_lrs(void)
{
	return (unsigned int)(read_sysreg(S3_4_C12_C11_1) & 0x1FU) + 1U;	/* ICH_VTR_EL2 */
}

#define LR_CASE(n, grp, idx)                                   \
	case n:                                                \
		if (write)                                     \
			write_sysreg(S3_4_C12_##grp##_##idx, *v); \
		else                                           \
			*v = read_sysreg(S3_4_C12_##grp##_##idx);  \
		break

/* ICH_LR<n>_EL2 is a separate register per n: one access through a switch. */
static void lr_access(unsigned int n, uint64_t *v, bool write)
{
	switch (n) {
		LR_CASE(0, C12, 0); LR_CASE(1, C12, 1); LR_CASE(2, C12, 2); LR_CASE(3, C12, 3);
		LR_CASE(4, C12, 4); LR_CASE(5, C12, 5); LR_CASE(6, C12, 6); LR_CASE(7, C12, 7);
		LR_CASE(8, C13, 0); LR_CASE(9, C13, 1); LR_CASE(10, C13, 2); LR_CASE(11, C13, 3);
		LR_CASE(12, C13, 4); LR_CASE(13, C13, 5); LR_CASE(14, C13, 6); LR_CASE(15, C13, 7);
	default:
		break;
	}
}

void gic_load(const struct realm_gic_state *gic)
{
	unsigned int n = num_lrs();

	for (unsigned int i = 0; i < n; i++) {
		uint64_t v = gic->lrs[i];

		lr_access(i, &v, true);
	}
	write_sysreg(S3_4_C12_C11_0, gic->hcr | ICH_HCR_EN);	/* ICH_HCR_EL2 */
}

void gic_save_and_clear(struct realm_gic_state *gic)
{
	unsigned int n = num_lrs();
	uint64_t zero = 0;

	gic->hcr = read_sysreg(S3_4_C12_C11_0);
	gic->misr = read_sysreg(S3_4_C12_C11_2);	/* ICH_MISR_EL2 */
	gic->vmcr = read_sysreg(S3_4_C12_C11_7);	/* ICH_VMCR_EL2 */
	for (unsigned int i = 0; i < n; i++) {
		lr_access(i, &gic->lrs[i], false);
		/* Nothing of the realm's interrupts stays behind for the normal world. */
		lr_access(i, &zero, true);
	}
	write_sysreg(S3_4_C12_C11_0, 0);
}
