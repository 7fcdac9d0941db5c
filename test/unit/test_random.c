/*
 * Unit tests of random.c: the variates against their defining transforms
 * (Box-Muller on the same uniforms) and against closed-form moments and tail
 * probabilities, with tolerances of about five standard errors.
 */
#include "core/random.h"
#include "core/stats.h"
#include "unit.h"

TEST(normal_is_box_muller_of_the_stream)
{
	UnitSplitMix	a = {7},
				b = {7};
	RndStream	u;
	double		u1,
				u2,
				buf[2];

	rnd_init(&u, unit_splitmix_fill, &a);
	unit_splitmix_fill(&b, buf, 2);
	u1 = buf[0];
	u2 = buf[1];
	CHECK_DBL(rnd_normal(&u), sqrt(-2 * log(1 - u1)) * cos(2 * M_PI * u2));
	CHECK_DBL(rnd_normal(&u), sqrt(-2 * log(1 - u1)) * sin(2 * M_PI * u2));
	/* the third uniform follows */
	unit_splitmix_fill(&b, buf, 1);
	CHECK_DBL(rnd_uniform(&u), buf[0]);
}

TEST(normal_moments_and_tail)
{
	UnitSplitMix	r = {123};
	RndStream	u;
	int			n = 1000000;
	double		sum = 0,
				sum2 = 0;
	int			above = 0;

	rnd_init(&u, unit_splitmix_fill, &r);
	for (int i = 0; i < n; i++)
	{
		double		z = rnd_normal(&u);

		sum += z;
		sum2 += z * z;
		above += z > 1.6448536269514722;
	}
	/* mean 0 (se 0.001), variance 1 (se sqrt(2/n) = 0.0014), P(z > z95) = 0.05 (se 0.00022) */
	CHECK(fabs(sum / n) < 5e-3);
	CHECK(fabs(sum2 / n - 1) < 7e-3);
	CHECK(fabs((double) above / n - 0.05) < 1.1e-3);
}

TEST(gamma_deviates)
{
	UnitSplitMix	r = {99};
	RndStream	u;
	int			n = 400000;

	rnd_init(&u, unit_splitmix_fill, &r);
	/* shape 4 (mean 1, var 1/4): G = 4 X, X ~ Gamma(4, 1), P(X > 6) by the Erlang sum */
	{
		double		sum = 0,
					sum2 = 0,
					p = unit_erlang_upper(4, 6);
		int			above = 0;

		for (int i = 0; i < n; i++)
		{
			double		g = rnd_gamma_unit(&u, 4);

			sum += g;
			sum2 += g * g;
			above += 4 * g > 6;
		}
		CHECK(fabs(sum / n - 1) < 5 * sqrt(0.25 / n));
		CHECK(fabs(sum2 / n - (sum / n) * (sum / n) - 0.25) < 0.01);
		CHECK(fabs((double) above / n - p) < 5 * sqrt(p * (1 - p) / n));
	}
	/* shape 0.5 (the boosted branch): 0.5 G is Z^2 / 2, so P(G > x) = 2 (1 - Phi(sqrt(x))) */
	{
		double		sum = 0,
					p = 2 * stat_norm_cdf(-sqrt(1.5));
		int			above = 0;

		for (int i = 0; i < n; i++)
		{
			double		g = rnd_gamma_unit(&u, 0.5);

			sum += g;
			above += g > 1.5;
		}
		CHECK(fabs(sum / n - 1) < 5 * sqrt(2.0 / n));
		CHECK(fabs((double) above / n - p) < 5 * sqrt(p * (1 - p) / n));
	}
	/* shape 1 is exponential: P(G > 2) = e^-2 */
	{
		int			above = 0;
		double		p = exp(-2);

		for (int i = 0; i < n; i++)
			above += rnd_gamma_unit(&u, 1) > 2;
		CHECK(fabs((double) above / n - p) < 5 * sqrt(p * (1 - p) / n));
	}
	/* huge shape: essentially the mean */
	CHECK(fabs(rnd_gamma_unit(&u, 1e12) - 1) < 1e-4);
}

int
main(void)
{
	RUN(normal_is_box_muller_of_the_stream);
	RUN(normal_moments_and_tail);
	RUN(gamma_deviates);
	return DONE();
}
