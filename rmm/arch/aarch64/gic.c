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
	out->gic_pri_bits = (unsigned int)((vtr >> 29) & 7U) + 1U;
}

/*
 * ICH_LR<n>_EL2 is a separate register per n, ICH_AP0R<n>_EL2 and
 * ICH_AP1R<n>_EL2 (C12_C8_n, C12_C9_n) too: each access below is a jump
 * into a run of accesses, the highest register first, so moving n of them
 * costs n instructions and one branch, not a switch per register.
 */
#define FALLTHROUGH	__attribute__((fallthrough))
#define LR_WRITE(i, grp, idx) \
	case (i) + 1:         \
		write_sysreg(S3_4_C12_##grp##_##idx, v[i]); \
		FALLTHROUGH
#define LR_READ(i, grp, idx) \
	case (i) + 1:        \
		v[i] = read_sysreg(S3_4_C12_##grp##_##idx); \
		FALLTHROUGH
#define LR_ZERO(i, grp, idx) \
	case (i) + 1:        \
		write_sysreg(S3_4_C12_##grp##_##idx, 0); \
		FALLTHROUGH
#define LR_ALL(X)                                                                      \
	X(15, C13, 7); X(14, C13, 6); X(13, C13, 5); X(12, C13, 4); X(11, C13, 3);      \
	X(10, C13, 2); X(9, C13, 1); X(8, C13, 0); X(7, C12, 7); X(6, C12, 6);          \
	X(5, C12, 5); X(4, C12, 4); X(3, C12, 3); X(2, C12, 2); X(1, C12, 1); X(0, C12, 0)

static void lrs_write(unsigned int n, const uint64_t *v)
{
	switch (n) {
	default:
		LR_ALL(LR_WRITE);
	case 0:
		break;
	}
}

static void lrs_read(unsigned int n, uint64_t *v)
{
	switch (n) {
	default:
		LR_ALL(LR_READ);
	case 0:
		break;
	}
}

static void lrs_zero(unsigned int n)
{
	switch (n) {
	default:
		LR_ALL(LR_ZERO);
	case 0:
		break;
	}
}

/* num is 1, 2 or 4 (num_aprs()). */
#define APR_SAVE(i)                                      \
	case (i) + 1:                                    \
		ap0r[i] = read_sysreg(S3_4_C12_C8_##i);  \
		ap1r[i] = read_sysreg(S3_4_C12_C9_##i);  \
		FALLTHROUGH
#define APR_RESTORE(i)                                   \
	case (i) + 1:                                    \
		write_sysreg(S3_4_C12_C8_##i, ap0r[i]);  \
		write_sysreg(S3_4_C12_C9_##i, ap1r[i]);  \
		FALLTHROUGH

static void aprs_save(unsigned int num, uint64_t *ap0r, uint64_t *ap1r)
{
	switch (num) {
	default:
		APR_SAVE(3); APR_SAVE(2); APR_SAVE(1); APR_SAVE(0);
	case 0:
		break;
	}
}

static void aprs_restore(unsigned int num, const uint64_t *ap0r, const uint64_t *ap1r)
{
	switch (num) {
	default:
		APR_RESTORE(3); APR_RESTORE(2); APR_RESTORE(1); APR_RESTORE(0);
	case 0:
		break;
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
	lrs_write(n, gic->lrs);
	write_sysreg(S3_4_C12_C11_0, gic->hcr | ICH_HCR_EN);	/* ICH_HCR_EL2 */
}

void gic_save_and_clear(struct realm_gic_state *gic)
{
	unsigned int cpu = arch_cpu_index();
	uint64_t vtr = read_vtr();
	unsigned int n = num_lrs(vtr);

	gic->hcr = read_sysreg(S3_4_C12_C11_0);
	gic->misr = read_sysreg(S3_4_C12_C11_2);	/* ICH_MISR_EL2 */
	gic->vmcr = read_sysreg(S3_4_C12_C11_7);
	lrs_read(n, gic->lrs);
	/* Nothing of the realm's interrupts stays behind for the normal world. */
	lrs_zero(n);
	write_sysreg(S3_4_C12_C11_0, 0);
	aprs_save(num_aprs(vtr), gic->ap0r, gic->ap1r);
	aprs_restore(num_aprs(vtr), ns_aprs[cpu].ap0r, ns_aprs[cpu].ap1r);
}
