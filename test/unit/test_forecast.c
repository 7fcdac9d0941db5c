/*
 * Unit tests of forecast_core.c.  Expected values come from the public
 * reference cases (docs/reference.md: values of the library functions named
 * there), from hand
 * calculation written next to the check, or from brute force written here
 * independently of the code under test (direct definitions, full grids,
 * the closed forms of Hyndman et al. 2008, Table 6.1).
 */
#include "core/forecast_core.h"
#include "core/stats.h"
#include "unit.h"

static const double INTERMITTENT[16] = {0, 3, 0, 0, 5, 0, 2, 0, 0, 0, 4, 1, 0, 6, 0, 0};
static const double TREND[8] = {120, 132, 141, 155, 162, 178, 185, 199};

static double work[1 << 22];
static double iwork[1 << 16];

static FcSeries
series(const double *y, int32_t n)
{
	FcSeries	s = {y, n, DP_MONTH, 2023 * 12};	/* first period January 2023 */

	return s;
}

static FcParams
params(double alpha, double beta, double phi, int32_t window)
{
	FcParams	p;

	memset(&p, 0, sizeof(p));
	p.has_alpha = !isnan(alpha);
	p.alpha = alpha;
	p.has_beta = !isnan(beta);
	p.beta = beta;
	p.has_phi = !isnan(phi);
	p.phi = phi;
	p.has_window = window != 0;
	p.window_size = window;
	return p;
}

#define NONE params(NAN, NAN, NAN, 0)

/* fit and return the forecast h periods ahead (h <= 16) */
static double
fit_fc(const double *y, int32_t n, FcMethod m, FcParams p, int32_t h, FcModel *model)
{
	FcSeries	s = series(y, n);
	DpError		err;
	double		f[16];

	if (!fc_fit(&s, m, &p, h, work, NULL, model, &err))
	{
		fprintf(stderr, "  unexpected error: %s\n", err.msg);
		return NAN;
	}
	fc_forecast(model, f, h);
	return f[h - 1];
}

/* fit, forecast h periods into f and their interval at level into lo, hi; false if the fit fails */
static bool
fit_interval(const FcSeries *s, FcMethod method, const FcParams *p, int32_t h, double level,
			 FcModel *m, double *f, double *lo, double *hi)
{
	DpError		err;

	if (!fc_fit(s, method, p, h, work, NULL, m, &err))
	{
		fprintf(stderr, "  unexpected error: %s\n", err.msg);
		return false;
	}
	fc_forecast(m, f, h);
	fc_interval(m, f, h, level, lo, hi, iwork, NULL);
	return true;
}

/* ---- public reference values (docs/reference.md, forecasting) ---- */

TEST(intermittent_reference)
{
	FcModel		m;

	/* the reference's alpha 0.1 (given: without parameters croston and sba now estimate them) */
	CHECK_CLOSE(fit_fc(INTERMITTENT, 16, FC_CROSTON, params(0.1, NAN, NAN, 0), 1, &m), 1.5247496035291752, 1e-14);
	CHECK_CLOSE(fit_fc(INTERMITTENT, 16, FC_CROSTON, params(0.1, NAN, NAN, 0), 3, &m), 1.5247496035291752, 1e-14);
	CHECK_CLOSE(fit_fc(INTERMITTENT, 16, FC_SBA, params(0.1, NAN, NAN, 0), 1, &m), 1.4485121233527163, 1e-14);
	CHECK_CLOSE(fit_fc(INTERMITTENT, 16, FC_TSB, params(0.2, 0.1, NAN, 0), 1, &m), 1.0361791373604048, 1e-14);
	CHECK_CLOSE(fit_fc(INTERMITTENT, 16, FC_MOVING_AVERAGE, params(NAN, NAN, NAN, 4), 1, &m), 1.5, 0);
	/* ADIDA: k = 2, bucket sums [3,0,5,2,0,5,6,0], alpha at its 0.1 bound, 1.40318 */
	CHECK_CLOSE(fit_fc(INTERMITTENT, 16, FC_ADIDA, NONE, 1, &m), 1.40318, 1e-5);
	CHECK(m.k == 2);
	CHECK_CLOSE(m.alpha, 0.1, 1e-7);
}

TEST(trend_reference)
{
	static const double holt[6] = {209.519790109375, 220.7602331875, 232.00067626562503,
	243.24111934375003, 254.48156242187503, 265.7220055};
	static const double damped[6] = {203.34793949804956, 210.60802300283063, 217.1420981571336,
	223.0227657960063, 228.3153666709917, 233.07870745847856};
	FcModel		m;

	for (int h = 1; h <= 6; h++)
	{
		CHECK_CLOSE(fit_fc(TREND, 8, FC_HOLT, params(0.5, 0.3, NAN, 0), h, &m), holt[h - 1], 1e-13);
		CHECK_CLOSE(fit_fc(TREND, 8, FC_DAMPED, params(0.5, 0.3, 0.9, 0), h, &m), damped[h - 1], 1e-13);
	}
	fit_fc(TREND, 8, FC_HOLT, params(0.5, 0.3, NAN, 0), 1, &m);
	CHECK_CLOSE(m.mae, 2.584845781249996, 1e-13);
	CHECK_CLOSE(m.rmse, 2.8048161643527485, 1e-13);
	CHECK_CLOSE(m.mase, 0.2290369679588604, 1e-13);
	CHECK_CLOSE(m.bias, -0.8439521354166715, 1e-13);
	CHECK(m.nerr == 6);
	CHECK(isnan(m.phi));
	CHECK_CLOSE(fit_fc(TREND, 8, FC_SES, params(0.3, NAN, NAN, 0), 1, &m), 174.20122739999996, 1e-13);
}

/* reference: ses alpha 0.3, level 0.9, h = 1 and 3 (docs/reference.md) */
TEST(ses_interval_reference)
{
	FcModel		m;
	FcSeries	s = series(TREND, 8);
	FcParams	p = params(0.3, NAN, NAN, 0);
	double		f[3],
				lo[3],
				hi[3];

	CHECK(fit_interval(&s, FC_SES, &p, 3, 0.9, &m, f, lo, hi));
	CHECK_CLOSE(lo[0], 129.7894581458308, 1e-13);
	CHECK_CLOSE(hi[0], 218.61299665416914, 1e-13);
	CHECK_CLOSE(lo[2], 125.95769733661251, 1e-13);
	CHECK_CLOSE(hi[2], 222.44475746338742, 1e-13);
}

/* ---- simple methods against their definitions ---- */

TEST(naive_mean_moving_average_by_definition)
{
	static const double y[7] = {4, 8, 6, 10, 2, 0, 7};
	FcModel		m;

	/* naive: last value; errors y_t - y_{t-1} = 4,-2,4,-8,-2,7: MAE 27/6, bias 3/6 */
	CHECK_DBL(fit_fc(y, 7, FC_NAIVE, NONE, 2, &m), 7);
	CHECK(m.nerr == 6);
	CHECK_CLOSE(m.mae, 27.0 / 6, 1e-15);
	CHECK_CLOSE(m.bias, 0.5, 1e-15);
	CHECK_CLOSE(m.rmse, sqrt((16 + 4 + 16 + 64 + 4 + 49) / 6.0), 1e-15);
	/* MASE scale = mean |first difference| = 27/6, so naive's MASE is exactly 1 */
	CHECK_CLOSE(m.mase, 1, 1e-15);

	/* mean: 37/7; one-step forecasts are running means of the values before t */
	CHECK_CLOSE(fit_fc(y, 7, FC_MEAN, NONE, 1, &m), 37.0 / 7, 1e-15);
	{
		double		sabs = 0;

		for (int t = 1; t < 7; t++)
		{
			double		s = 0;

			for (int j = 0; j < t; j++)
				s += y[j];
			sabs += fabs(y[t] - s / t);
		}
		CHECK_CLOSE(m.mae, sabs / 6, 1e-14);
	}

	/* moving average, default window min(3, n) = 3: (2 + 0 + 7) / 3 */
	CHECK_CLOSE(fit_fc(y, 7, FC_MOVING_AVERAGE, NONE, 1, &m), 3, 1e-15);
	CHECK(m.window_size == 3);
	for (int w = 1; w <= 7; w++)
	{
		double		sabs = 0,
					ssq = 0;

		fit_fc(y, 7, FC_MOVING_AVERAGE, params(NAN, NAN, NAN, w), 1, &m);
		/* forecast for t: mean of the last min(w, t) values before t */
		for (int t = 1; t < 7; t++)
		{
			int			c = t < w ? t : w;
			double		s = 0;

			for (int j = t - c; j < t; j++)
				s += y[j];
			sabs += fabs(y[t] - s / c);
			ssq += (y[t] - s / c) * (y[t] - s / c);
		}
		CHECK_CLOSE(m.mae, sabs / 6, 1e-14);
		CHECK_CLOSE(m.rmse, sqrt(ssq / 6), 1e-14);
	}
	/* window 2 of a 2-value history: (3 + 5) / 2 */
	{
		static const double two[2] = {3, 5};

		CHECK_DBL(fit_fc(two, 2, FC_MOVING_AVERAGE, NONE, 1, &m), 4);
	}
}

TEST(croston_family_by_hand)
{
	/* y = [0,0,4,0,2]: first size 4, first interval 3; at t = 5: z = 0.5*2 + 0.5*4 = 3, */
	/* p = 0.5*2 + 0.5*3 = 2.5; croston 3/2.5 = 1.2; SBA (beta 0.5) x 0.75 = 0.9 */
	static const double y[5] = {0, 0, 4, 0, 2};
	FcModel		m;

	CHECK_CLOSE(fit_fc(y, 5, FC_CROSTON, params(0.5, NAN, NAN, 0), 1, &m), 1.2, 1e-15);
	CHECK_CLOSE(m.beta, 0.5, 0);
	/* errors after the first demand, forecast 4/3 at t = 4 and 5: -4/3, 2/3 */
	CHECK(m.nerr == 2);
	CHECK_CLOSE(m.bias, (-4.0 / 3 + 2.0 / 3) / 2, 1e-15);
	CHECK_CLOSE(fit_fc(y, 5, FC_SBA, params(0.5, NAN, NAN, 0), 1, &m), 0.9, 1e-15);
	/* beta for the intervals only: alpha 0.5 sizes (z = 3), beta 0.1 intervals (p = 0.1*2 + 0.9*3 = 2.9) */
	CHECK_CLOSE(fit_fc(y, 5, FC_CROSTON, params(0.5, 0.1, NAN, 0), 1, &m), 3 / 2.9, 1e-15);
	/* TSB alpha 0.5, beta 0.5: pi 0 -> 0 -> 0.5 -> 0.25 -> 0.625; z 4 -> 3; 1.875 */
	CHECK_CLOSE(fit_fc(y, 5, FC_TSB, params(0.5, 0.5, NAN, 0), 1, &m), 1.875, 1e-15);
	/* no demand: every intermittent method forecasts 0 */
	{
		static const double z[4] = {0, 0, 0, 0};

		CHECK_DBL(fit_fc(z, 4, FC_CROSTON, NONE, 2, &m), 0);
		CHECK_DBL(fit_fc(z, 4, FC_SBA, NONE, 2, &m), 0);
		CHECK_DBL(fit_fc(z, 4, FC_TSB, NONE, 2, &m), 0);
		CHECK_DBL(fit_fc(z, 4, FC_ADIDA, NONE, 2, &m), 0);
		CHECK(m.nerr == 0 && isnan(m.mae) && isnan(m.rmse) && isnan(m.mase));
	}
}

TEST(adida_rounding_half_even)
{
	FcModel		m;

	/* demands at positions 2 and 5: mean interval 5/2 = 2.5 -> k = 2 (half to even) */
	{
		static const double y[6] = {0, 1, 0, 0, 1, 0};

		fit_fc(y, 6, FC_ADIDA, params(0.2, NAN, NAN, 0), 1, &m);
		CHECK(m.k == 2);
		/* buckets [0,1],[0,0],[1,0]: sums 1,0,1; SES 0.2: 1 -> 0.8 -> 0.84; / 2 */
		CHECK_CLOSE(m.level, 0.42, 1e-15);
		/* bucket errors (0 - 1) / 2, (1 - 0.8) / 2 */
		CHECK(m.nerr == 2);
		CHECK_CLOSE(m.bias, (-0.5 + 0.1) / 2, 1e-15);
	}
	/* positions 3 and 7 in 9 periods: 7/2 = 3.5 -> k = 4; drop 9 mod 4 = 1 value */
	{
		static const double y[9] = {0, 0, 2, 0, 0, 0, 3, 0, 0};

		fit_fc(y, 9, FC_ADIDA, params(0.5, NAN, NAN, 0), 1, &m);
		CHECK(m.k == 4);
		/* buckets [0,2,0,0], [0,3,0,0]: sums 2, 3; SES 0.5: 2.5; / 4 */
		CHECK_CLOSE(m.level, 0.625, 1e-15);
	}
}

/* ---- the optimiser: never worse than a 0.01 grid (brute force here) ---- */

static double
grid_min(FcMethod m, const double *y, int32_t n, int free_mask, double fa, double fb, double fphi)
{
	double		best = INFINITY;
	int			alo = 1, ahi = 99, blo = 1, bhi = 99, plo = 80, phi_hi = 98;

	if (!(free_mask & 1))
		alo = ahi = 0;
	if (!(free_mask & 2))
		blo = bhi = 0;
	if (!(free_mask & 4))
		plo = phi_hi = 0;
	for (int a = alo; a <= ahi; a++)
		for (int b = blo; b <= bhi; b++)
			for (int p = plo; p <= phi_hi; p++)
			{
				double		s = fc_sse(m, y, n, (free_mask & 1) ? a / 100.0 : fa,
									   (free_mask & 2) ? b / 100.0 : fb, (free_mask & 4) ? p / 100.0 : fphi);

				best = s < best ? s : best;
			}
	return best;
}

TEST(optimiser_not_worse_than_grid)
{
	static double noisy[30];
	FcModel		m;
	unsigned	seed = 12345;

	for (int i = 0; i < 30; i++)
	{
		seed = seed * 1103515245u + 12345u;
		noisy[i] = 50 + 1.5 * i + (double) ((seed >> 16) % 2000) / 100.0;
	}
	/* ses, alpha in [0.01, 0.99] */
	fit_fc(TREND, 8, FC_SES, NONE, 1, &m);
	CHECK(m.alpha >= 0.01 && m.alpha <= 0.99);
	CHECK(fc_sse(FC_SES, TREND, 8, m.alpha, 0, 0) <= grid_min(FC_SES, TREND, 8, 1, 0, 0, 0) * (1 + 1e-12));
	fit_fc(noisy, 30, FC_SES, NONE, 1, &m);
	CHECK(fc_sse(FC_SES, noisy, 30, m.alpha, 0, 0) <= grid_min(FC_SES, noisy, 30, 1, 0, 0, 0) * (1 + 1e-12));
	/* its SSE is the RMSE's: rmse^2 * (n - 1) */
	CHECK_CLOSE(m.rmse * m.rmse * 29, fc_sse(FC_SES, noisy, 30, m.alpha, 0, 0), 1e-12);

	/* holt, alpha and beta in [0.0001, 0.9999] */
	fit_fc(noisy, 30, FC_HOLT, NONE, 1, &m);
	CHECK(m.alpha >= 0.0001 && m.alpha <= 0.9999 && m.beta >= 0.0001 && m.beta <= 0.9999);
	CHECK(fc_sse(FC_HOLT, noisy, 30, m.alpha, m.beta, 1) <= grid_min(FC_HOLT, noisy, 30, 3, 0, 0, 1) * (1 + 1e-12));
	fit_fc(TREND, 8, FC_HOLT, NONE, 1, &m);
	CHECK(fc_sse(FC_HOLT, TREND, 8, m.alpha, m.beta, 1) <= grid_min(FC_HOLT, TREND, 8, 3, 0, 0, 1) * (1 + 1e-12));
	/* holt with alpha fixed: beta alone */
	fit_fc(noisy, 30, FC_HOLT, params(0.4, NAN, NAN, 0), 1, &m);
	CHECK_DBL(m.alpha, 0.4);
	CHECK(fc_sse(FC_HOLT, noisy, 30, 0.4, m.beta, 1) <= grid_min(FC_HOLT, noisy, 30, 2, 0.4, 0, 1) * (1 + 1e-12));

	/* damped, phi in [0.8, 0.98] */
	fit_fc(noisy, 30, FC_DAMPED, NONE, 1, &m);
	CHECK(m.phi >= 0.8 && m.phi <= 0.98);
	CHECK(fc_sse(FC_DAMPED, noisy, 30, m.alpha, m.beta, m.phi) <=
		  grid_min(FC_DAMPED, noisy, 30, 7, 0, 0, 0) * (1 + 1e-12));
	fit_fc(TREND, 8, FC_DAMPED, params(NAN, 0.3, NAN, 0), 1, &m);
	CHECK_DBL(m.beta, 0.3);
	CHECK(fc_sse(FC_DAMPED, TREND, 8, m.alpha, 0.3, m.phi) <= grid_min(FC_DAMPED, TREND, 8, 5, 0, 0.3, 0) * (1 + 1e-12));
	fit_fc(TREND, 8, FC_DAMPED, params(0.5, 0.3, NAN, 0), 1, &m);
	CHECK(fc_sse(FC_DAMPED, TREND, 8, 0.5, 0.3, m.phi) <= grid_min(FC_DAMPED, TREND, 8, 4, 0.5, 0.3, 0) * (1 + 1e-12));
}

/* in-sample SSE by the textbook recursion equals n_err * rmse^2 of the fitted model */
TEST(sse_matches_fit_errors)
{
	FcModel		m;

	fit_fc(TREND, 8, FC_DAMPED, params(0.5, 0.3, 0.9, 0), 1, &m);
	CHECK_CLOSE(fc_sse(FC_DAMPED, TREND, 8, 0.5, 0.3, 0.9), 6 * m.rmse * m.rmse, 1e-13);
	/* HoltWinters start: e_3 = y_3 - (2 y_2 - y_1) = 141 - 144 = -3 alone when n = 3 */
	CHECK_DBL(fc_sse(FC_HOLT, TREND, 3, 0.5, 0.3, 1), 9);
}

/* ---- intervals: Hyndman et al. (2008) Table 6.1, class 1 closed forms ---- */

TEST(variance_multipliers_table_6_1)
{
	FcPart		m;

	memset(&m, 0, sizeof(m));
	m.method = FC_HOLT;
	m.alpha = 0.5;
	m.beta = 0.3;
	m.damping = 1;
	for (int h = 1; h <= 40; h++)
	{
		/* ETS(A,A,N): 1 + (h-1)[a^2 + a b h + b^2 h (2h-1) / 6], b = alpha beta */
		double		a = 0.5,
					b = 0.15;
		double		want = 1 + (h - 1) * (a * a + a * b * h + b * b * h * (2.0 * h - 1) / 6);

		CHECK_CLOSE(fc_variance_factor(&m, h), want, 1e-13);
	}
	m.method = FC_DAMPED;
	m.damping = 0.9;
	for (int h = 1; h <= 40; h++)
	{
		/* ETS(A,Ad,N) */
		double		a = 0.5,
					b = 0.15,
					p = 0.9,
					ph = pow(p, h);
		double		want = 1 + a * a * (h - 1)
			+ b * p * h / ((1 - p) * (1 - p)) * (2 * a * (1 - p) + b * p)
			- b * p * (1 - ph) / ((1 - p) * (1 - p) * (1 - p * p)) * (2 * a * (1 - p * p) + b * p * (1 + 2 * p - ph));

		CHECK_CLOSE(fc_variance_factor(&m, h), want, 1e-12);
	}
	m.method = FC_SES;
	CHECK_CLOSE(fc_variance_factor(&m, 5), 1 + 4 * 0.25, 1e-15);
	m.method = FC_CROSTON;
	CHECK_DBL(fc_variance_factor(&m, 7), 7);
}

TEST(interval_clipping_and_no_errors)
{
	static const double y[4] = {1, 9, 1, 9};
	static const double high[4] = {101, 109, 101, 109};
	static const double one[1] = {5};
	FcModel		m;
	FcSeries	s = series(y, 4);
	FcParams	p = NONE;
	double		f[2],
				lo[2],
				hi[2];

	/*
	 * naive: errors 8, -8, 8: rmse 8; h = 2: z(0.95) 8 sqrt(2) around 9.
	 * Naive takes any history, so lower is not clipped at 0.
	 */
	CHECK(fit_interval(&s, FC_NAIVE, &p, 2, 0.9, &m, f, lo, hi));
	CHECK_CLOSE(hi[1], 9 + 1.6448536269514722 * 8 * sqrt(2.0), 1e-14);
	CHECK_CLOSE(lo[0], 9 - 1.6448536269514722 * 8, 1e-14);
	CHECK_CLOSE(lo[1], 9 - 1.6448536269514722 * 8 * sqrt(2.0), 1e-14);
	/* croston needs non-negative demand: its lower bound clips at 0, never above the forecast */
	CHECK(fit_interval(&s, FC_CROSTON, &p, 2, 0.9, &m, f, lo, hi));
	CHECK(m.nonnegative);
	CHECK(lo[0] >= 0 && lo[0] <= f[0] && f[0] <= hi[0]);
	/* a level within 2^-53 of 1: (1 + level) / 2 rounds to 1, the bounds stay finite */
	CHECK(fit_interval(&s, FC_NAIVE, &p, 2, 0.9999999999999999, &m, f, lo, hi));
	CHECK(isfinite(lo[0]) && isfinite(hi[1]) && hi[0] > 9 + 8 * 8);	/* z > 8 */
	/* the same errors at a higher level: nothing to clip */
	s = series(high, 4);
	CHECK(fit_interval(&s, FC_NAIVE, &p, 2, 0.9, &m, f, lo, hi));
	CHECK_CLOSE(lo[0], 109 - 1.6448536269514722 * 8, 1e-14);
	CHECK_CLOSE(lo[1], 109 - 1.6448536269514722 * 8 * sqrt(2.0), 1e-14);
	/* a single value: no one-step error, no interval */
	s = series(one, 1);
	CHECK(fit_interval(&s, FC_NAIVE, &p, 2, 0.9, &m, f, lo, hi));
	CHECK(m.nerr == 0 && isnan(lo[0]) && isnan(hi[1]));
	CHECK_DBL(f[1], 5);
}

/* ---- classification ---- */

static FcDemandClass
cls(const double *y, int32_t n)
{
	FcSeries	s = series(y, n);
	FcDemandClass c = FC_NO_DEMAND;
	DpError		err;

	CHECK(fc_demand_class(&s, &c, &err));
	return c;
}

TEST(demand_classes)
{
	static const double smooth[4] = {10, 12, 9, 11};
	static const double erratic[4] = {1, 20, 2, 30};	/* sizes mean 13.25, CV^2 about 0.9 */
	static const double lumpy[6] = {0, 1, 0, 0, 30, 0};
	static const double none[3] = {0, 0, 0};
	/* CV^2 boundary: sizes 3 and 17, mean 10, population sd 7: 49/100 = 0.49, not below */
	static const double cv_edge[2] = {3, 17};
	double		adi_edge[33];

	CHECK(cls(smooth, 4) == FC_SMOOTH);
	CHECK(cls(erratic, 4) == FC_ERRATIC);
	CHECK(cls(INTERMITTENT, 16) == FC_INTERMITTENT);	/* reference: intermittent */
	CHECK(cls(TREND, 8) == FC_SMOOTH);
	CHECK(cls(lumpy, 6) == FC_LUMPY);
	CHECK(cls(none, 3) == FC_NO_DEMAND);
	CHECK(cls(none, 0) == FC_NO_DEMAND);
	CHECK(cls(cv_edge, 2) == FC_ERRATIC);
	/* ADI boundary: 33 periods, 25 of them with demand 5: ADI = 1.32, not below */
	for (int i = 0; i < 33; i++)
		adi_edge[i] = i < 25 ? 5 : 0;
	CHECK(cls(adi_edge, 33) == FC_INTERMITTENT);
	adi_edge[25] = 5;			/* 26 demands: ADI 1.269 */
	CHECK(cls(adi_edge, 33) == FC_SMOOTH);
	CHECK_STR(fc_class_name(FC_LUMPY), "lumpy");
	CHECK(fc_class_name(FC_NO_DEMAND) == NULL);
	/* equal sizes near the top of float8: CV^2 0 (the sum of 1e308 and 1e308 overflows) */
	{
		static const double huge[2] = {1e308, 1e308};

		CHECK(cls(huge, 2) == FC_SMOOTH);
	}
}

/* ---- auto ---- */

TEST(auto_fallbacks)
{
	static const double flat[12] = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
	static const double zeros[5] = {0, 0, 0, 0, 0};
	static const double one[1] = {4};
	static const double four[4] = {10, 12, 11, 13};
	FcModel		m,
				s;

	/* constant: ses (every alpha fits exactly; the search keeps the lower bound 0.01) */
	CHECK_DBL(fit_fc(flat, 12, FC_AUTO, NONE, 3, &m), 7);
	CHECK(m.method == FC_SES);
	CHECK_DBL(m.alpha, 0.01);
	/* no demand, and a single period: naive */
	CHECK_DBL(fit_fc(zeros, 5, FC_AUTO, NONE, 1, &m), 0);
	CHECK(m.method == FC_NAIVE);
	CHECK_DBL(fit_fc(one, 1, FC_AUTO, NONE, 1, &m), 4);
	CHECK(m.method == FC_NAIVE);
	/* fewer than 5 values: ses */
	CHECK_DBL(fit_fc(four, 4, FC_AUTO, NONE, 1, &m), fit_fc(four, 4, FC_SES, NONE, 1, &s));
	CHECK(m.method == FC_SES);
}

/* smooth histories: the median of ets, ets with a damped trend, otm and dotm, each fitted alone */
TEST(auto_median_of_parts)
{
	double		y[40],
				fa[18],
				parts[4][18];
	FcModel		m,
				p;
	FcParams	damped = NONE;
	FcSeries	s;
	DpError		err;
	const FcMethod meth[4] = {FC_ETS, FC_ETS, FC_OTM, FC_DOTM};

	for (int t = 0; t < 40; t++)
		y[t] = 100 + 15 * sin(2 * M_PI * t / 12) + 0.8 * t + ((t * 7919) % 13) - 6;
	s = series(y, 40);
	damped.has_model = true;
	damped.model = "ZAdZ";
	damped.model_len = 4;
	CHECK(fc_fit(&s, FC_AUTO, &damped, 18, work, NULL, &m, &err) == false);	/* auto takes no model */
	{
		FcParams	none = NONE;

		CHECK(fc_fit(&s, FC_AUTO, &none, 18, work, NULL, &m, &err));
	}
	fc_forecast(&m, fa, 18);
	CHECK(m.method == FC_AUTO && m.nparts == 4);
	CHECK(strncmp(m.model, "median(ETS(", 11) == 0);
	CHECK(m.season_length == 12);
	for (int k = 0; k < 4; k++)
	{
		FcParams	prm = k == 1 ? damped : NONE;

		CHECK(fc_fit(&s, meth[k], &prm, 18, work, NULL, &p, &err));
		fc_forecast(&p, parts[k], 18);
	}
	for (int h = 0; h < 18; h++)
	{
		double		v[4] = {parts[0][h], parts[1][h], parts[2][h], parts[3][h]},
					t;

		/* median of four: the mean of the middle two */
		for (int i = 0; i < 4; i++)
			for (int j = i + 1; j < 4; j++)
				if (v[j] < v[i])
				{
					t = v[i];
					v[i] = v[j];
					v[j] = t;
				}
		CHECK_CLOSE(fa[h], (v[1] + v[2]) / 2, 1e-12);
	}
}

/* SES level of sums with alpha searched on a fine grid of [0.1, 0.3] (brute force) */
static double
brute_ses(const double *x, int n, double *alpha_out)
{
	double		best = INFINITY,
				level = 0;

	for (int g = 0; g <= 200000; g++)
	{
		double		a = 0.1 + 0.2 * g / 200000,
					l = x[0],
					sse = 0;

		for (int i = 1; i < n; i++)
		{
			sse += (x[i] - l) * (x[i] - l);
			l += a * (x[i] - l);
		}
		if (sse < best)
		{
			best = sse;
			level = l;
			*alpha_out = a;
		}
	}
	return level;
}

/*
 * intermittent histories: IMAPA times max(0, 1 - v / f^2), v = s^2 sum w_t^2.
 * The reference history: demands end at period 14, 6 of them: mean interval
 * 14/6 rounds to K = 2; levels k = 1 (16 sums) and k = 2 (8 sums).
 */
TEST(auto_intermittent_shrinkage)
{
	const double *y = INTERMITTENT;
	double		w[16] = {0},
				f = 0,
				mean = 0,
				s2 = 0,
				v = 0,
				c;
	FcModel		m;

	for (int k = 1; k <= 2; k++)
	{
		double		sums[16],
					a = 0,
					l,
					cw = 1;
		int			nb = 16 / k;

		for (int j = 0; j < nb; j++)
		{
			sums[j] = 0;
			for (int i = 0; i < k; i++)
				sums[j] += y[j * k + i];
		}
		l = brute_ses(sums, nb, &a);
		f += l / k / 2;
		/* the level is (1 - a)^(nb - 1) sums[0] + sum_j a (1 - a)^(nb - 1 - j) sums[j] */
		for (int j = nb - 1; j >= 0; j--)
		{
			for (int i = 0; i < k; i++)
				w[j * k + i] += (j == 0 ? cw : a * cw) / k / 2;
			cw *= 1 - a;
		}
	}
	for (int t = 0; t < 16; t++)
		mean += y[t] / 16;
	for (int t = 0; t < 16; t++)
	{
		s2 += (y[t] - mean) * (y[t] - mean) / 15;
		v += w[t] * w[t];
	}
	c = fmax(0, 1 - s2 * v / (f * f));
	CHECK(c > 0 && c < 1);
	CHECK_CLOSE(fit_fc(y, 16, FC_AUTO, NONE, 3, &m), c * f, 1e-6);
	CHECK(m.method == FC_AUTO);
	CHECK(strncmp(m.model, "IMAPA x ", 8) == 0);
	CHECK(m.k == 2);
	/* the plain IMAPA forecast is f */
	CHECK_CLOSE(fit_fc(y, 16, FC_IMAPA, NONE, 1, &m), f, 1e-6);
	/* one lone demand: the level cannot be told from zero, so auto forecasts 0 */
	{
		static const double lone[12] = {0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0};

		CHECK_DBL(fit_fc(lone, 12, FC_AUTO, NONE, 1, &m), 0);
	}
}

/* ---- errors ---- */

static DpErrCode
fit_err(const double *y, int32_t n, FcMethod m, FcParams p, const char *want_in_msg)
{
	FcSeries	s = series(y, n);
	FcModel		model;
	DpError		err;

	if (fc_fit(&s, m, &p, 1, work, NULL, &model, &err))
		return DP_OK;
	if (want_in_msg && !strstr(err.msg, want_in_msg))
	{
		fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", err.msg, want_in_msg);
		return DP_OK;
	}
	return err.code;
}

TEST(errors)
{
	static const double neg[3] = {1, -2, 3};
	FcMethod	m;
	DpError		err;

	CHECK(!fc_method_arg("prophet", 7, &m, &err) && err.code == DP_ERR_ARG);
	CHECK(fc_method_arg("SES", 3, &m, &err) && m == FC_SES);
	CHECK(fc_method_arg("moving_average", 14, &m, &err) && m == FC_MOVING_AVERAGE);
	CHECK(!fc_check_horizon(-1, &err) && err.code == DP_ERR_ARG);
	CHECK(fc_check_horizon(0, &err));
	CHECK(!fc_check_level(1, &err) && err.code == DP_ERR_ARG);
	CHECK(!fc_check_level(0, &err) && err.code == DP_ERR_ARG);
	CHECK(!fc_check_level(NAN, &err) && err.code == DP_ERR_RANGE);
	CHECK(fc_check_level(0.95, &err));

	CHECK(fit_err(TREND, 8, FC_SES, params(1.5, NAN, NAN, 0), "alpha") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_SES, params(0, NAN, NAN, 0), "alpha") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_SES, params(1, NAN, NAN, 0), NULL) == DP_OK);
	CHECK(fit_err(TREND, 8, FC_SES, params(NAN, NAN, NAN, 0), NULL) == DP_OK);
	CHECK(fit_err(TREND, 8, FC_HOLT, params(0.5, -0.1, NAN, 0), "beta") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_HOLT, params(0.5, 0, NAN, 0), NULL) == DP_OK);
	CHECK(fit_err(TREND, 8, FC_CROSTON, params(0.5, 0, NAN, 0), "beta") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_DAMPED, params(0.5, 0.3, 1.2, 0), "phi") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_DAMPED, params(0.5, 0.3, 0, 0), "phi") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_DAMPED, params(0.5, 0.3, 1, 0), NULL) == DP_OK);
	CHECK(fit_err(TREND, 8, FC_SES, params(INFINITY, NAN, NAN, 0), "alpha") == DP_ERR_RANGE);
	CHECK(fit_err(TREND, 8, FC_SES, params(NAN, 0.2, NAN, 0), "does not take beta") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_AUTO, params(0.2, NAN, NAN, 0), "auto") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_MOVING_AVERAGE, params(NAN, NAN, NAN, -1), "window_size") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 8, FC_MOVING_AVERAGE, params(NAN, NAN, NAN, 9), "longer than the history") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 2, FC_HOLT, NONE, "at least 3 periods") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 2, FC_DAMPED, NONE, "at least 3 periods") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 0, FC_NAIVE, NONE, "at least 1 period") == DP_ERR_ARG);
	CHECK(fit_err(TREND, 0, FC_AUTO, NONE, "at least 1 period") == DP_ERR_ARG);
	/* period 2 of a history starting in January 2023 */
	CHECK(fit_err(neg, 3, FC_CROSTON, NONE, "period 2 (2023-02-01) is negative") == DP_ERR_ARG);
	CHECK(fit_err(neg, 3, FC_TSB, NONE, "negative") == DP_ERR_ARG);
	CHECK(fit_err(neg, 3, FC_ADIDA, NONE, "negative") == DP_ERR_ARG);
	CHECK(fit_err(neg, 3, FC_AUTO, NONE, "negative") == DP_ERR_ARG);
	CHECK(fit_err(neg, 3, FC_HOLT, params(0.5, 0.5, NAN, 0), NULL) == DP_OK);
	{
		FcSeries	s = series(neg, 3);
		FcDemandClass c;

		CHECK(!fc_demand_class(&s, &c, &err) && err.code == DP_ERR_ARG);
	}
}

/* ---- numerical edge cases ---- */

TEST(huge_and_tiny_values_scale_exactly)
{
	double		big[24],
				small[24],
				base[24];
	FcMethod	ms[5] = {FC_SES, FC_HOLT, FC_CROSTON, FC_ADIDA, FC_AUTO};

	for (int i = 0; i < 24; i++)
	{
		base[i] = (i % 3 == 0) ? 0 : 10 + (i * 7) % 5;
		big[i] = ldexp(base[i], 900);	/* about 8e271: squares would overflow */
		small[i] = ldexp(base[i], -900);
	}
	for (int k = 0; k < 5; k++)
	{
		FcModel		mb,
					mbig,
					msmall;
		double		fb = fit_fc(base, 24, ms[k], NONE, 3, &mb);

		/* the same parameters and results scaled by exactly 2^900 */
		CHECK_DBL(fit_fc(big, 24, ms[k], NONE, 3, &mbig), ldexp(fb, 900));
		CHECK_DBL(fit_fc(small, 24, ms[k], NONE, 3, &msmall), ldexp(fb, -900));
		CHECK(mbig.method == mb.method && msmall.method == mb.method);
		CHECK(mbig.alpha == mb.alpha || (isnan(mbig.alpha) && isnan(mb.alpha)));
		CHECK_DBL(mbig.rmse, ldexp(mb.rmse, 900));
		CHECK_DBL(mbig.mase, mb.mase);
	}
}

TEST(long_horizons_and_callbacks)
{
	static double y[200000];
	static double f[1000000];
	static int	calls;
	FcModel		m;
	FcSeries	s;
	FcParams	p = NONE;
	DpError		err;
	FcCallback	cb;

	/* damped forecasts converge to l + b phi / (1 - phi) and stay finite */
	fit_fc(TREND, 8, FC_DAMPED, params(0.5, 0.3, 0.9, 0), 1, &m);
	fc_forecast(&m, f, 1000000);
	CHECK_CLOSE(f[999999], m.level + m.trend * 0.9 / 0.1, 1e-12);
	CHECK(isfinite(f[5000]));
	/* a long history: the callback runs while the optimiser works */
	for (int i = 0; i < 200000; i++)
		y[i] = 100 + (i % 17) + 0.01 * i;
	s = series(y, 200000);
	calls = 0;
	cb.check = unit_count_call;
	cb.arg = &calls;
	CHECK(fc_fit(&s, FC_SES, &p, 1, work, &cb, &m, &err));
	CHECK(calls > 0);
}

int
main(void)
{
	RUN(intermittent_reference);
	RUN(trend_reference);
	RUN(ses_interval_reference);
	RUN(naive_mean_moving_average_by_definition);
	RUN(croston_family_by_hand);
	RUN(adida_rounding_half_even);
	RUN(optimiser_not_worse_than_grid);
	RUN(sse_matches_fit_errors);
	RUN(variance_multipliers_table_6_1);
	RUN(interval_clipping_and_no_errors);
	RUN(demand_classes);
	RUN(auto_fallbacks);
	RUN(auto_median_of_parts);
	RUN(auto_intermittent_shrinkage);
	RUN(errors);
	RUN(huge_and_tiny_values_scale_exactly);
	RUN(long_horizons_and_callbacks);
	return DONE();
}
