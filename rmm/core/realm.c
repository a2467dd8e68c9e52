/* Realm parameters, VMIDs and host parameter granules. */
#include <rmm/realm.h>

#include <string.h>

#include <atoll/rmi.h>
#include <rmm/arch.h>
#include <rmm/rmi.h>
#include <rmm/spinlock.h>

#define S2SZ_MIN	32U
#define S2SZ_MAX	48U	/* without LPA2 */
#define S2SZ_MAX_LPA2	52U

static spinlock_t vmid_lock;
static uint8_t vmid_used[(1U << 16) / 8U];	/* guarded by vmid_lock */

static uint64_t feat0_field(unsigned int shift, unsigned int bits)
{
	return (rmi_feature_register0() >> shift) & ((1ULL << bits) - 1U);
}

/*
 * Start level and s2sz (spec 2.4, REALM_CREATE): how many root RTTs are
 * needed, 0 if invalid. With LPA2 the walk may start at level -1 (a root
 * of 16 entries, 3 bits more than level 0's minimum) and level 0 roots
 * may be concatenated.
 */
static unsigned int required_root_rtts(unsigned int s2sz, int64_t sl, bool lpa2)
{
	unsigned int n, min_bits, max_bits;

	if (sl < (lpa2 ? S2TT_MIN_START_LEVEL_LPA2 : S2TT_MIN_START_LEVEL) || sl > 3)
		return 0;
	n = (unsigned int)(3 - sl);
	min_bits = 9U * n + 13U;
	if (sl == -1)
		max_bits = min_bits + 3U;
	else
		max_bits = 9U * n + 21U + (sl > 0 || lpa2 ? 4U : 0U);
	if (s2sz < min_bits || s2sz > max_bits || s2sz > (lpa2 ? S2SZ_MAX_LPA2 : S2SZ_MAX))
		return 0;
	return s2sz <= 9U * n + 21U ? 1U : 1U << (s2sz - (9U * n + 21U));
}

/* With the SVE flag: SVE offered, sve_vl no longer than SVE_VL. */
static bool sve_params_valid(const struct rmi_realm_params *p)
{
	if ((p->flags & RMI_REALM_FLAG_SVE) == 0U)
		return true;
	return (rmi_feature_register0() & RMI_FEAT0_SVE_EN) != 0U &&
	       p->sve_vl <= feat0_field(RMI_FEAT0_SVE_VL_SHIFT, 4);
}

/* With the PMU flag: a PMU offered, pmu_num_ctrs at most PMU_NUM_CTRS, 0 only with FEAT_HPMN0. */
static bool pmu_params_valid(const struct rmi_realm_params *p)
{
	if ((p->flags & RMI_REALM_FLAG_PMU) == 0U)
		return true;
	return (rmi_feature_register0() & RMI_FEAT0_PMU_EN) != 0U &&
	       p->pmu_num_ctrs <= feat0_field(RMI_FEAT0_PMU_NUM_CTRS_SHIFT, 5) &&
	       (p->pmu_num_ctrs != 0U || rmi_pmu_hpmn0());
}

bool realm_params_valid(const struct rmi_realm_params *p)
{
	uint64_t max_s2sz = feat0_field(RMI_FEAT0_S2SZ_SHIFT, 8);

	bool lpa2 = (p->flags & RMI_REALM_FLAG_LPA2) != 0U;

	/* Reserved flag bits are 0; LPA2 only where feature register 0 offers it. */
	if ((p->flags & ~(RMI_REALM_FLAG_LPA2 | RMI_REALM_FLAG_SVE | RMI_REALM_FLAG_PMU)) != 0U)
		return false;
	if (lpa2 && (rmi_feature_register0() & RMI_FEAT0_LPA2) == 0U)
		return false;
	if (p->s2sz < S2SZ_MIN || p->s2sz > max_s2sz)
		return false;
	if (p->num_bps == 0U || p->num_bps > feat0_field(RMI_FEAT0_NUM_BPS_SHIFT, 6))
		return false;
	if (p->num_wps == 0U || p->num_wps > feat0_field(RMI_FEAT0_NUM_WPS_SHIFT, 6))
		return false;
	if (!sve_params_valid(p) || !pmu_params_valid(p))
		return false;
	if (p->hash_algo != RMI_HASH_SHA_256 && p->hash_algo != RMI_HASH_SHA_512)
		return false;
	/*
	 * An inconsistent geometry needs no valid root count (0): refuse it
	 * before comparing, or rtt_num_start = 0 would match it and leave the
	 * realm with no root RTT at all.
	 */
	if (p->rtt_num_start == 0U ||
	    required_root_rtts(p->s2sz, p->rtt_level_start, lpa2) != p->rtt_num_start)
		return false;
	/*
	 * Concatenated root tables must be aligned to their total size: VTTBR_EL2
	 * ignores the low address bits, so the walk would start elsewhere.
	 */
	return (p->rtt_base & ((uint64_t)p->rtt_num_start * GRANULE_SIZE - 1U)) == 0U;
}

bool vmid_in_range(uint64_t vmid)
{
	return vmid < (1ULL << arch_features()->vmid_bits);
}

void vmid_table_init(void)
{
	memset(vmid_used, 0, sizeof(vmid_used));
}

bool vmid_reserve(uint16_t vmid)
{
	uint8_t bit = (uint8_t)(1U << (vmid & 7U));
	bool ok;

	spinlock_acquire(&vmid_lock);
	ok = (vmid_used[vmid / 8U] & bit) == 0U;
	if (ok)
		vmid_used[vmid / 8U] |= bit;
	spinlock_release(&vmid_lock);
	return ok;
}

void vmid_release(uint16_t vmid)
{
	spinlock_acquire(&vmid_lock);
	vmid_used[vmid / 8U] &= (uint8_t)~(1U << (vmid & 7U));
	spinlock_release(&vmid_lock);
}

bool realm_read_ns_granule_param(uint64_t pa, void *dst, uint64_t offset, uint64_t len)
{
	/* Tracked, aligned, UNDELEGATED; the copy itself fails on a non-NS granule. */
	if (!granule_pa_in_state(pa, GRANULE_STATE_UNDELEGATED))
		return false;
	return arch_ns_read((uint8_t *)dst + offset, pa + offset, len);
}
