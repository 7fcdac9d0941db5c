/*
 * season.c: classical decomposition, seasonality test, least-squares lines
 * (see season.h).
 */
#include "season.h"

#include <math.h>

bool
season_decompose(const double *y, int32_t n, int32_t m, bool multiplicative, double *fig,
				 double *work)
{
	double	   *trend = work;
	int32_t		half = m / 2;
	double		mean = 0;

	/* centred moving average; for even m the two end weights are 1/2 */
	for (int32_t t = 0; t < n; t++)
	{
		double		s = 0;

		if (t - half < 0 || t + half >= n)
		{
			trend[t] = NAN;
			continue;
		}
		if (m % 2 == 0)
		{
			s = 0.5 * y[t - half] + 0.5 * y[t + half];
			for (int32_t k = t - half + 1; k < t + half; k++)
				s += y[k];
		}
		else
			for (int32_t k = t - half; k <= t + half; k++)
				s += y[k];
		trend[t] = s / m;
	}
	for (int32_t j = 0; j < m; j++)
	{
		double		s = 0;
		int32_t		c = 0;

		for (int32_t t = j; t < n; t += m)
		{
			if (isnan(trend[t]))
				continue;
			if (multiplicative)
			{
				if (trend[t] == 0)
					return false;
				s += y[t] / trend[t];
			}
			else
				s += y[t] - trend[t];
			c++;
		}
		fig[j] = c > 0 ? s / c : (multiplicative ? 1 : 0);
		mean += fig[j];
	}
	mean /= m;
	for (int32_t j = 0; j < m; j++)
	{
		if (multiplicative)
		{
			if (mean == 0)
				return false;
			fig[j] /= mean;
		}
		else
			fig[j] -= mean;
	}
	return true;
}

bool
season_test(const double *y, int32_t n, int32_t m)
{
	double		mean = 0,
				c0 = 0,
				sum2 = 0,
				rm = 0;
	bool		constant = true;

	if (m <= 1 || n <= 2 * m)
		return false;
	for (int32_t t = 0; t < n; t++)
	{
		mean += y[t];
		if (y[t] != y[0])
			constant = false;
	}
	if (constant)
		return false;
	mean /= n;
	for (int32_t t = 0; t < n; t++)
		c0 += (y[t] - mean) * (y[t] - mean);
	if (!(c0 > 0))
		return false;
	for (int32_t k = 1; k <= m; k++)
	{
		double		c = 0;

		for (int32_t t = 0; t + k < n; t++)
			c += (y[t] - mean) * (y[t + k] - mean);
		if (k < m)
			sum2 += (c / c0) * (c / c0);
		else
			rm = c / c0;
	}
	/* qnorm(0.95) */
	return fabs(rm) / sqrt((1 + 2 * sum2) / n) > 1.6448536269514722;
}

void
season_line(const double *y, int32_t n, double t0, double *a, double *b)
{
	double		tm = t0 + (n - 1) / 2.0,
				ym = 0,
				sxy = 0,
				sxx = 0;

	for (int32_t t = 0; t < n; t++)
		ym += y[t];
	ym /= n;
	for (int32_t t = 0; t < n; t++)
	{
		double		d = t0 + t - tm;

		sxy += d * (y[t] - ym);
		sxx += d * d;
	}
	*b = sxx > 0 ? sxy / sxx : 0;
	*a = ym - *b * tm;
}
