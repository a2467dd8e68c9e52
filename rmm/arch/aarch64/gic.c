/*
 * The realm's GICv3 virtual CPU interface: ICH_* registers around a run.
 *
 * EL3 switches ICH_HCR_EL2 and ICH_VMCR_EL2 between the worlds, so the
 * normal world gets its own back, but keeps one Realm-world copy per CPU:
 * each REC's VMCR is loaded and saved here. EL3 switches neither the list
 * registers nor the active priorities: the REC's LRs are cleared at unload,
 * and the normal world's APRs are kept aside while a REC runs.
 */
#include <rmm/arch.h>

#include <rmm/limits.h>

#include "gic.h"
#include "sysreg.h"

#define ICH_HCR_EN	1ULL

#define read_vtr()	read_sysreg(S3_4_C12_C11_1)	/* ICH_VTR_EL2 */
#define VTR_IDBITS_24	1U

static unsigned int num_lrs(uint64_t vtr)
{
	return (unsigned int)(vtr & 0x1FU) + 1U;
}

/*
 * 32 preemption levels per APR: ICH_AP<g>R1 exists only with 6 preemption
 * bits or more, ICH_AP<g>R2/3 only with 7 (ICH_VTR_EL2.PREbits + 1; it is
 * at least 5, and no more than the priority bits).
 */
static unsigned int num_aprs(uint64_t vtr)
{
	unsigned int pre_bits = (unsigned int)((vtr >> 26) & 7U) + 1U;

	return pre_bits <= 5U ? 1U : 1U << (pre_bits - 5U);
}

void gic_get_features(struct arch_features *out)
{
	uint64_t vtr = read_vtr();

	out->gic_num_lrs = num_lrs(vtr) - 1U;
	out->gic_vintid_bits = ((vtr >> 23) & 7U) == VTR_IDBITS_24 ? 24U : 16U;
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

/* ICH_AP0R<n>_EL2 and ICH_AP1R<n>_EL2 (C12_C8_n, C12_C9_n): the same pattern for the pair n. */
#define APR_CASE(n)                                             \
	case n:                                                 \
		if (write) {                                    \
			write_sysreg(S3_4_C12_C8_##n, *ap0);    \
			write_sysreg(S3_4_C12_C9_##n, *ap1);    \
		} else {                                        \
			*ap0 = read_sysreg(S3_4_C12_C8_##n);    \
			*ap1 = read_sysreg(S3_4_C12_C9_##n);    \
		}                                               \
		break

static void apr_access(unsigned int n, uint64_t *ap0, uint64_t *ap1, bool write)
{
	switch (n) {
		APR_CASE(0); APR_CASE(1); APR_CASE(2); APR_CASE(3);
	default:
		break;
	}
}

static void aprs_save(unsigned int num, uint64_t *ap0r, uint64_t *ap1r)
{
	for (unsigned int i = 0; i < num; i++)
		apr_access(i, &ap0r[i], &ap1r[i], false);
}

static void aprs_restore(unsigned int num, const uint64_t *ap0r, const uint64_t *ap1r)
{
	for (unsigned int i = 0; i < num; i++) {
		uint64_t ap0 = ap0r[i], ap1 = ap1r[i];

		apr_access(i, &ap0, &ap1, true);
	}
}

/* The normal world's APRs while a REC runs on this CPU. */
static struct {
	uint64_t ap0r[REALM_GIC_MAX_APRS];
	uint64_t ap1r[REALM_GIC_MAX_APRS];
} ns_aprs[RMM_MAX_CPUS];

void gic_load(const struct realm_gic_state *gic)
{
	unsigned int cpu = arch_cpu_index();
	uint64_t vtr = read_vtr();
	unsigned int n = num_lrs(vtr);

	aprs_save(num_aprs(vtr), ns_aprs[cpu].ap0r, ns_aprs[cpu].ap1r);
	aprs_restore(num_aprs(vtr), gic->ap0r, gic->ap1r);
	write_sysreg(S3_4_C12_C11_7, gic->vmcr);	/* ICH_VMCR_EL2 */
	for (unsigned int i = 0; i < n; i++) {
		uint64_t v = gic->lrs[i];

		lr_access(i, &v, true);
	}
	write_sysreg(S3_4_C12_C11_0, gic->hcr | ICH_HCR_EN);	/* ICH_HCR_EL2 */
}

void gic_save_and_clear(struct realm_gic_state *gic)
{
	unsigned int cpu = arch_cpu_index();
	uint64_t vtr = read_vtr();
	unsigned int n = num_lrs(vtr);
	uint64_t zero = 0;

	gic->hcr = read_sysreg(S3_4_C12_C11_0);
	gic->misr = read_sysreg(S3_4_C12_C11_2);	/* ICH_MISR_EL2 */
	gic->vmcr = read_sysreg(S3_4_C12_C11_7);
	for (unsigned int i = 0; i < n; i++) {
		lr_access(i, &gic->lrs[i], false);
		/* Nothing of the realm's interrupts stays behind for the normal world. */
		lr_access(i, &zero, true);
	}
	write_sysreg(S3_4_C12_C11_0, 0);
	aprs_save(num_aprs(vtr), gic->ap0r, gic->ap1r);
	aprs_restore(num_aprs(vtr), ns_aprs[cpu].ap0r, ns_aprs[cpu].ap1r);
}
