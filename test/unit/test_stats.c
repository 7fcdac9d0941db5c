/*
 * Unit tests of stats.c.  Reference values are the published standard normal
 * quantiles and probabilities (R qnorm/pnorm, to 16-17 digits); quantiles by
 * selection are checked against a full sort.
 */
#include "core/stats.h"
#include "unit.h"

TEST(cdf_reference_values)
{
	CHECK_CLOSE(stat_norm_cdf(0.0), 0.5, 1e-16);
	CHECK_CLOSE(stat_norm_cdf(1.96), 0.97500210485177952, 1e-15);
	CHECK_CLOSE(stat_norm_cdf(-1.0), 0.15865525393145705, 1e-15);
	/* deep tail, relative accuracy: pnorm(-10) = 7.6198530241605e-24 */
	CHECK(fabs(stat_norm_cdf(-10.0) / 7.6198530241605269e-24 - 1) < 1e-13);
	/* far tail against the asymptotic series phi(x)/x (1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8) */
	{
		double		x = 37.5,
					x2 = x * x;
		double		series = exp(-0.5 * x2) / sqrt(2 * M_PI) / x *
			(1 - 1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2) + 105 / (x2 * x2 * x2 * x2));

		CHECK(fabs(stat_norm_cdf(-x) / series - 1) < 1e-12);
	}
}

TEST(quantile_reference_values)
{
	CHECK_CLOSE(stat_norm_quantile(0.95), 1.6448536269514722, 1e-15);
	CHECK_CLOSE(stat_norm_quantile(0.975), 1.959963984540054, 1e-15);
	CHECK_CLOSE(stat_norm_quantile(0.05), -1.6448536269514722, 1e-15);
	CHECK_CLOSE(stat_norm_quantile(0.5), 0.0, 0);
	CHECK_CLOSE(stat_norm_quantile(0.9), 1.2815515655446004, 1e-15);
	CHECK(fabs(stat_norm_quantile(1e-10) / -6.3613409024040557 - 1) < 1e-13);
	/* Python statistics.NormalDist (Wichura AS241): -37.0470962993612 */
	CHECK(fabs(stat_norm_quantile(1e-300) / -37.0470962993612 - 1) < 1e-12);
	CHECK(isinf(stat_norm_quantile(0.0)) && stat_norm_quantile(0.0) < 0);
	CHECK(isinf(stat_norm_quantile(1.0)) && stat_norm_quantile(1.0) > 0);
	CHECK(isnan(stat_norm_quantile(1.5)) && isnan(stat_norm_quantile(-0.1)));
}

TEST(quantile_inverts_cdf)
{
	/* relative error of Phi(Phi^-1(p)) against p over many decades */
	for (double p = 1e-300; p < 0.5; p *= 3.7)
		CHECK(fabs(stat_norm_cdf(stat_norm_quantile(p)) / p - 1) < 1e-12);
	for (int i = 1; i < 1000; i++)
	{
		double		p = i / 1000.0;

		CHECK(fabs(stat_norm_cdf(stat_norm_quantile(p)) - p) < 1e-15);
		/* symmetry */
		CHECK_CLOSE(stat_norm_quantile(p), -stat_norm_quantile(1 - p), 1e-14);
	}
}

/* ---- quantiles by selection ---- */

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* type 7 from a fully sorted copy, as PostgreSQL's percentile_cont computes it */
static double
sorted_type7(const double *sorted, int n, double p)
{
	double		h = (n - 1) * p;
	int			lo = (int) floor(h);

	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

TEST(quantiles_against_sorting)
{
	static double x[100000],
				y[100000];
	static const double probs[5] = {0, 0.05, 0.5, 0.95, 1};
	static const double twice[5] = {0.05, 0.05, 0.5, 0.95, 0.95};
	UnitSplitMix	r = {5};
	/* above 600 elements the selection narrows its range by sampling first */
	int			sizes[] = {1, 2, 3, 4, 5, 10, 20, 21, 100, 101, 600, 601, 602, 999, 5000, 100000};

	for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++)
		for (int kind = 0; kind < 5; kind++)
		{
			int			n = sizes[si];
			double		out[5];

			for (int i = 0; i < n; i++)
			{
				switch (kind)
				{
					case 0:		/* continuous */
						x[i] = (double) (unit_splitmix_next(&r) >> 11) * 0x1.0p-53 - 0.5;
						break;
					case 1:		/* many ties */
						x[i] = (double) (unit_splitmix_next(&r) % 4);
						break;
					case 2:		/* constant */
						x[i] = 3;
						break;
					case 3:		/* sorted */
						x[i] = i;
						break;
					default:	/* reversed */
						x[i] = n - i;
						break;
				}
				y[i] = x[i];
			}
			qsort(y, n, sizeof(double), cmp_double);
			stat_quantiles(x, n, probs, 5, out, NULL);
			for (int q = 0; q < 5; q++)
				CHECK_DBL(out[q], sorted_type7(y, n, probs[q]));
			/* repeated probabilities, on the already partitioned array */
			stat_quantiles(x, n, twice, 5, out, NULL);
			for (int q = 0; q < 5; q++)
				CHECK_DBL(out[q], sorted_type7(y, n, twice[q]));
		}
	/* many small arrays: every position of the tail gets to hold its least element */
	for (int rep = 0; rep < 3000; rep++)
	{
		static const double p3[3] = {0.05, 0.5, 0.95};
		int			n = 2 + (int) (unit_splitmix_next(&r) % 200);
		double		out[3];

		for (int i = 0; i < n; i++)
			y[i] = x[i] = (double) (unit_splitmix_next(&r) % 1000);
		qsort(y, n, sizeof(double), cmp_double);
		stat_quantiles(x, n, p3, 3, out, NULL);
		for (int q = 0; q < 3; q++)
			CHECK_DBL(out[q], sorted_type7(y, n, p3[q]));
	}
	/* hand case: n = 5, 0.05 -> h = 0.2: 1 + 0.2 (2 - 1) = 1.2; 0.95 -> h = 3.8: 4 + 0.8 = 4.8 */
	{
		double		v[5] = {5, 3, 1, 4, 2},
					out[3];
		static const double p3[3] = {0.05, 0.5, 0.95};

		stat_quantiles(v, 5, p3, 3, out, NULL);
		CHECK_CLOSE(out[0], 1.2, 1e-15);
		CHECK_DBL(out[1], 3);
		CHECK_CLOSE(out[2], 4.8, 1e-15);
	}
}

/* selection over 1,000,000 values ticks (so a simulation can be cancelled) and stays exact */
TEST(quantiles_tick)
{
	enum
	{
		N = 1000000
	};
	static double x[N];
	const double probs[1] = {0.5};
	double		out[1];
	int			ticks = 0;
	DpTick		tick = {unit_count_call, &ticks};

	for (int i = 0; i < N; i++)
		x[i] = (double) ((i * 7919L) % N);	/* a permutation of 0 .. N - 1 */
	stat_quantiles(x, N, probs, 1, out, &tick);
	CHECK(ticks >= 1);
	CHECK_DBL(out[0], (N - 1) / 2.0);	/* type 7: between 499999 and 500000 */
}

int
main(void)
{
	RUN(cdf_reference_values);
	RUN(quantile_reference_values);
	RUN(quantile_inverts_cdf);
	RUN(quantiles_against_sorting);
	RUN(quantiles_tick);
	return DONE();
}
