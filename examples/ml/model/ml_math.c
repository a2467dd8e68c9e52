/*
 * exp by range reduction: x = k ln2 + r with |r| <= ln2/2, e^r from its
 * Taylor polynomial (degree 7, error below float rounding there), 2^k built
 * in the exponent field. tanh and the logistic function derive from it.
 */
#include "ml_math.h"

#include <stdint.h>

#define LN2_HI	0.693145751953125f	/* ln 2 split so that k * LN2_HI is exact */
#define LN2_LO	1.428606765330187e-06f
#define INV_LN2	1.4426950408889634f

static float scale_by_pow2(float y, int k)
{
	union { float f; uint32_t u; } s;

	/* Two steps keep 2^k a normal float for k down to -252. */
	if (k < -126) {
		s.u = (uint32_t)(127 - 126) << 23;
		y *= s.f;
		k += 126;
	}
	s.u = (uint32_t)(k + 127) << 23;
	return y * s.f;
}

float ml_expf(float x)
{
	if (x != x)
		return x;
	if (x > 88.7f)
		return 1.0f / 0.0f;
	if (x < -103.9f)
		return 0.0f;
	float kf = x * INV_LN2;
	int k = (int)(kf < 0 ? kf - 0.5f : kf + 0.5f);
	float r = (x - (float)k * LN2_HI) - (float)k * LN2_LO;
	float p = 1.0f + r * (1.0f + r * (0.5f + r * (1.0f / 6 + r * (1.0f / 24 +
		r * (1.0f / 120 + r * (1.0f / 720 + r * (1.0f / 5040)))))));
	return scale_by_pow2(p, k);
}

float ml_tanhf(float x)
{
	float a = x < 0 ? -x : x;
	float t;

	if (a > 9.0f)
		t = 1.0f;	/* tanh(9) rounds to 1 in float */
	else if (a < 0.0004f)
		t = a;		/* the next term, a^3/3, is below half an ulp */
	else {
		/* tanh a = (1 - e^-2a) / (1 + e^-2a): no cancellation for a > 0.0004 */
		float e = ml_expf(-2.0f * a);
		t = (1.0f - e) / (1.0f + e);
	}
	return x < 0 ? -t : t;
}

float ml_sigmoidf(float x)
{
	if (x >= 0)
		return 1.0f / (1.0f + ml_expf(-x));
	float e = ml_expf(x);
	return e / (1.0f + e);
}
