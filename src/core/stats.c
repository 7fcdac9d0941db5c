/*
 * stats.c: the standard normal distribution and type-7 quantiles by
 * selection (see stats.h).
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
stat_norm_cdf(double x)
{
	return 0.5 * erfc(-x * INV_SQRT2);
}

double
stat_norm_pdf(double x)
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
		double		f = stat_norm_cdf(x) - p;
		double		d = stat_norm_pdf(x);
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
stat_norm_quantile(double p)
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

/* ---- quantiles by selection ---- */

#define SWAP(a, b) do { double t_ = (a); (a) = (b); (b) = t_; } while (0)

/*
 * Put the k-th smallest of x[l..r] at x[k], smaller-or-equal ones before it
 * and greater-or-equal ones after: Floyd & Rivest, "Algorithm 489: SELECT"
 * (CACM 18(3), 1975).  A sample around the expected position narrows the
 * range first, so the expected cost is about n + min(k, n - k) comparisons;
 * equal keys split evenly, so constant inputs stay linear.
 */
static void
select_kth(double *x, int64_t l, int64_t r, int64_t k, const DpTick *tick)
{
	while (r > l)
	{
		double		t;
		int64_t		i,
					j;

		if (r - l > 600)
		{
			double		n = (double) (r - l + 1),
						ii = (double) (k - l + 1),
						z = log(n),
						s = 0.5 * exp(2.0 * z / 3.0),
						sd = 0.5 * sqrt(z * s * (n - s) / n) * (ii < n / 2 ? -1.0 : 1.0);
			int64_t		nl = (int64_t) floor((double) k - ii * s / n + sd),
						nr = (int64_t) floor((double) k + (n - ii) * s / n + sd);

			select_kth(x, nl > l ? nl : l, nr < r ? nr : r, k, tick);
		}
		t = x[k];
		i = l;
		j = r;
		SWAP(x[l], x[k]);
		if (x[r] > t)
			SWAP(x[r], x[l]);
		while (i < j)
		{
			SWAP(x[i], x[j]);
			i++;
			j--;
			while (x[i] < t)
				i++;
			while (x[j] > t)
				j--;
		}
		if (x[l] == t)
			SWAP(x[l], x[j]);
		else
		{
			j++;
			SWAP(x[j], x[r]);
		}
		/* a partition of many elements: a chance to cancel */
		if (j - l > DP_TICK_EVERY || r - j > DP_TICK_EVERY)
			dp_tick(tick);
		if (j <= k)
			l = j + 1;
		if (k <= j)
			r = j - 1;
	}
}

/*
 * Type-7 quantiles by selection.  From the largest probability down: select
 * its order statistic j within x[0..hi], where x[0..hi] holds exactly the
 * order statistics 0..hi (hi is the previous j), and take the next one as the
 * least of x[j+1..hi]; each later selection works on a shorter prefix.
 */
void
stat_quantiles(double *x, int32_t n, const double *probs, int k, double *out, const DpTick *tick)
{
	int64_t		hi = (int64_t) n - 1,
				prev_j = -1;
	double		prev_b = 0.0;

	for (int q = k - 1; q >= 0; q--)
	{
		/* R type 7: h = (n - 1) p, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]) */
		double		h = (double) (n - 1) * probs[q];
		int64_t		j = (int64_t) floor(h);
		double		g = h - (double) j;
		double		a,
					b;

		if (n == 0)
		{
			out[q] = NAN;
			continue;
		}
		if (j > hi)
			j = hi;
		if (j == prev_j)
		{
			a = x[j];
			b = prev_b;
		}
		else
		{
			select_kth(x, 0, hi, j, tick);
			a = x[j];
			/* the next order statistic: the least of x[j+1..hi] */
			b = a;
			if (j + 1 <= hi)
			{
				b = x[j + 1];
				for (int64_t i = j + 2; i <= hi; i++)
					if (x[i] < b)
						b = x[i];
			}
		}
		out[q] = (g > 0 && j + 1 < n) ? a + g * (b - a) : a;
		prev_j = j;
		prev_b = b;
		hi = j;
	}
}
