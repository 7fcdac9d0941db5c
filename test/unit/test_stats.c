/*
 * Unit tests of stats.c.  Reference values are the published standard normal
 * quantiles and probabilities (R qnorm/pnorm, to 16-17 digits).
 */
#include "core/stats.h"
#include "unit.h"

TEST(cdf_reference_values)
{
	CHECK_CLOSE(dp_norm_cdf(0.0), 0.5, 1e-16);
	CHECK_CLOSE(dp_norm_cdf(1.96), 0.97500210485177952, 1e-15);
	CHECK_CLOSE(dp_norm_cdf(-1.0), 0.15865525393145705, 1e-15);
	/* deep tail, relative accuracy: pnorm(-10) = 7.6198530241605e-24 */
	CHECK(fabs(dp_norm_cdf(-10.0) / 7.6198530241605269e-24 - 1) < 1e-13);
	/* far tail against the asymptotic series phi(x)/x (1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8) */
	{
		double		x = 37.5,
					x2 = x * x;
		double		series = exp(-0.5 * x2) / sqrt(2 * M_PI) / x *
			(1 - 1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2) + 105 / (x2 * x2 * x2 * x2));

		CHECK(fabs(dp_norm_cdf(-x) / series - 1) < 1e-12);
	}
}

TEST(quantile_reference_values)
{
	CHECK_CLOSE(dp_norm_quantile(0.95), 1.6448536269514722, 1e-15);
	CHECK_CLOSE(dp_norm_quantile(0.975), 1.959963984540054, 1e-15);
	CHECK_CLOSE(dp_norm_quantile(0.05), -1.6448536269514722, 1e-15);
	CHECK_CLOSE(dp_norm_quantile(0.5), 0.0, 0);
	CHECK_CLOSE(dp_norm_quantile(0.9), 1.2815515655446004, 1e-15);
	CHECK(fabs(dp_norm_quantile(1e-10) / -6.3613409024040557 - 1) < 1e-13);
	/* Python statistics.NormalDist (Wichura AS241): -37.0470962993612 */
	CHECK(fabs(dp_norm_quantile(1e-300) / -37.0470962993612 - 1) < 1e-12);
	CHECK(isinf(dp_norm_quantile(0.0)) && dp_norm_quantile(0.0) < 0);
	CHECK(isinf(dp_norm_quantile(1.0)) && dp_norm_quantile(1.0) > 0);
	CHECK(isnan(dp_norm_quantile(1.5)) && isnan(dp_norm_quantile(-0.1)));
}

TEST(quantile_inverts_cdf)
{
	/* relative error of Phi(Phi^-1(p)) against p over many decades */
	for (double p = 1e-300; p < 0.5; p *= 3.7)
		CHECK(fabs(dp_norm_cdf(dp_norm_quantile(p)) / p - 1) < 1e-12);
	for (int i = 1; i < 1000; i++)
	{
		double		p = i / 1000.0;

		CHECK(fabs(dp_norm_cdf(dp_norm_quantile(p)) - p) < 1e-15);
		/* symmetry */
		CHECK_CLOSE(dp_norm_quantile(p), -dp_norm_quantile(1 - p), 1e-14);
	}
}

TEST(summary_statistics)
{
	double		v[4] = {2, 4, 4, 6};

	CHECK_DBL(dp_mean(v, 4), 4);
	/* deviations -2, 0, 0, 2: variance 8 / 4 = 2 */
	CHECK_CLOSE(dp_pop_sd(v, 4), sqrt(2.0), 1e-15);
	CHECK_DBL(dp_mean(v, 0), 0);
}

int
main(void)
{
	RUN(cdf_reference_values);
	RUN(quantile_reference_values);
	RUN(quantile_inverts_cdf);
	RUN(summary_statistics);
	return DONE();
}
