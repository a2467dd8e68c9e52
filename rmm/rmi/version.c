/* RMI_VERSION and RMI_FEATURES. */
#include <rmm/rmi.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>

#define RMM_MAX_RECS_ORDER	10U
#define RMM_MAX_S2SZ		48U	/* without LPA2: 48-bit IPAs at most */
#define RMM_MAX_S2SZ_LPA2	52U

#define PMU_NUM_CTRS_MAX	31U	/* the field's width: 5 bits */

static uint64_t feature_reg0;
static bool pmu_hpmn0;

/* SVE_EN and SVE_VL, PMU_EN and PMU_NUM_CTRS: what the CPU has. */
static uint64_t realm_feature_bits(const struct arch_realm_features *rf)
{
	uint64_t bits = 0;

	if (rf->sve)
		bits |= RMI_FEAT0_SVE_EN | ((uint64_t)(rf->sve_vl & 0xFU) << RMI_FEAT0_SVE_VL_SHIFT);
	if (rf->pmu) {
		unsigned int n = rf->pmu_num_ctrs < PMU_NUM_CTRS_MAX ? rf->pmu_num_ctrs
								     : PMU_NUM_CTRS_MAX;

		bits |= RMI_FEAT0_PMU_EN | ((uint64_t)n << RMI_FEAT0_PMU_NUM_CTRS_SHIFT);
	}
	return bits;
}

void rmi_features_init(void)
{
	struct arch_realm_features rf;
	const struct arch_features *f = arch_features();
	uint64_t s2sz, max;
	bool lpa2;

	arch_get_realm_features(&rf);
	pmu_hpmn0 = rf.pmu && rf.pmu_hpmn0;
	/* LPA2: 52-bit IPAs, for a CPU with 52-bit PAs and the LPA2 format at both stages. */
	lpa2 = rf.lpa2 && f->pa_bits >= RMM_MAX_S2SZ_LPA2;
	max = lpa2 ? RMM_MAX_S2SZ_LPA2 : RMM_MAX_S2SZ;
	s2sz = f->pa_bits < max ? f->pa_bits : max;
	/*
	 * What the CPU has of SVE, the PMU and LPA2; both hash algorithms; the
	 * CPU's breakpoints, watchpoints and LRs.
	 */
	feature_reg0 = (s2sz << RMI_FEAT0_S2SZ_SHIFT) | (lpa2 ? RMI_FEAT0_LPA2 : 0U) |
		       realm_feature_bits(&rf) |
		       ((uint64_t)f->num_bps << RMI_FEAT0_NUM_BPS_SHIFT) |
		       ((uint64_t)f->num_wps << RMI_FEAT0_NUM_WPS_SHIFT) |
		       RMI_FEAT0_HASH_SHA_256 | RMI_FEAT0_HASH_SHA_512 |
		       ((uint64_t)f->gic_num_lrs << RMI_FEAT0_GICV3_NUM_LRS_SHIFT) |
		       ((uint64_t)RMM_MAX_RECS_ORDER << RMI_FEAT0_MAX_RECS_ORDER_SHIFT);
}

uint64_t rmi_feature_register0(void)
{
	return feature_reg0;
}

bool rmi_pmu_hpmn0(void)
{
	return pmu_hpmn0;
}

void rmi_version(const uint64_t *args, struct rmi_result *res)
{
	res->x[0] = args[0] == RMI_ABI_VERSION ? RMI_SUCCESS : RMI_ERROR_INPUT;
	res->x[1] = RMI_ABI_VERSION;	/* lower */
	res->x[2] = RMI_ABI_VERSION;	/* higher */
}

void rmi_features(const uint64_t *args, struct rmi_result *res)
{
	res->x[0] = RMI_SUCCESS;
	res->x[1] = args[0] == 0U ? feature_reg0 : 0U;
}
