/* atoll_measure: the expected RIM through verify/expected_rim.c. */
#include <string.h>

#include <atoll/demo_realm.h>

#include "measure.h"

ATOLL_API void atoll_realm_params_default(struct atoll_realm_params *p)
{
	memset(p, 0, sizeof(*p));
	p->s2sz = DEMO_REALM_S2SZ;
	p->hash_algo = DEMO_REALM_HASH;
	p->num_bps = DEMO_REALM_BPS;
	p->num_wps = DEMO_REALM_WPS;
	p->num_recs = DEMO_REALM_RECS;
}

void measure_recipe_of(struct realm_recipe *r, const struct atoll_realm_params *p)
{
	*r = (struct realm_recipe){
		.params = { .flags = p->flags, .s2sz = p->s2sz, .sve_vl = p->sve_vl,
			    .num_bps = p->num_bps, .num_wps = p->num_wps,
			    .pmu_num_ctrs = p->pmu_num_ctrs, .hash_algo = p->hash_algo },
		.num_recs = p->num_recs,
	};
}

atoll_status atoll_measure_locked(const void *image, size_t size,
				  const struct atoll_realm_params *p, uint8_t rim[ATOLL_DIGEST_MAX],
				  size_t *rim_len, const char **why)
{
	struct realm_recipe recipe;
	struct rim_calc calc;
	const char *problem = "";
	bool ok;

	if (why != NULL)
		*why = "";
	if (image == NULL || p == NULL || rim == NULL || rim_len == NULL)
		return ATOLL_E_INVALID_ARG;
	measure_recipe_of(&recipe, p);
	ok = expected_rim_for_image(image, size, &recipe, &calc, &problem);
	if (!ok) {
		if (why != NULL)
			*why = problem;
		return ATOLL_E_IMAGE;
	}
	memcpy(rim, calc.rim, calc.len);
	*rim_len = calc.len;
	return ATOLL_OK;
}

ATOLL_API atoll_status atoll_measure(const void *image, size_t size,
				     const struct atoll_realm_params *p,
				     uint8_t rim[ATOLL_DIGEST_MAX], size_t *rim_len, const char **why)
{
	atoll_status st;

	atoll_lock();
	st = atoll_measure_locked(image, size, p, rim, rim_len, why);
	atoll_unlock();
	return st;
}
