/*
 * stats.c: the standard normal distribution (see stats.h).
 *
 * Phi uses the C library's erfc, which keeps full relative accuracy far into
 * the tails.  Phi^-1 starts from the rational approximation of Abramowitz and
 * Stegun 26.2.23 (absolute error below 4.5e-4) and refines it with Halley's
 * method on the lower tail, where Phi(x) - p is computed without
 * cancellation; three steps of cubic convergence reach double precision.
 */
#include "stats.h"

#include <math.h>

#define INV_SQRT2 0.70710678118654752440
#define INV_SQRT2PI 0.39894228040143267794

double
dp_norm_cdf(double x)
{
	return 0.5 * erfc(-x * INV_SQRT2);
}

double
dp_norm_pdf(double x)
{
	return INV_SQRT2PI * exp(-0.5 * x * x);
}

/* Lower-tail quantile, 0 < p <= 0.5. */
static double
lower_quantile(double p)
{
	double		t = sqrt(-2.0 * log(p));
	double		x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) /
					  (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))));

	for (int i = 0; i < 4; i++)
	{
		double		f = dp_norm_cdf(x) - p;
		double		d = dp_norm_pdf(x);
		double		step;

		if (d == 0.0)
			break;
		/* Halley: x - 2 f f' / (2 f'^2 - f f''), with f'' = -x f' */
		step = 2.0 * f / (2.0 * d + x * f);
		x -= step;
		if (fabs(step) <= 1e-17 * fabs(x))
			break;
	}
	return x;
}

double
dp_norm_quantile(double p)
{
	if (isnan(p) || p < 0.0 || p > 1.0)
		return NAN;
	if (p == 0.0)
		return -INFINITY;
	if (p == 1.0)
		return INFINITY;
	if (p == 0.5)
		return 0.0;
	return p < 0.5 ? lower_quantile(p) : -lower_quantile(1.0 - p);
}

double
dp_mean(const double *v, int32_t n)
{
	double		s = 0.0;

	if (n <= 0)
		return 0.0;
	for (int32_t i = 0; i < n; i++)
		s += v[i];
	return s / n;
}

double
dp_pop_sd(const double *v, int32_t n)
{
	double		m = dp_mean(v, n);
	double		ss = 0.0;

	if (n <= 0)
		return 0.0;
	for (int32_t i = 0; i < n; i++)
		ss += (v[i] - m) * (v[i] - m);
	return sqrt(ss / n);
}
