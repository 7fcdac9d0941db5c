/*
 * theta_core.c: THETA, OTM and DOTM (see theta_core.h).
 *
 * All three are linear in their initial level and, for OTM and DOTM, in
 * w = 1 - 1/theta: for a given alpha the one-step forecasts are
 *   mu_t = P_t + C_t ell0 + w Q_t
 * with P, C and Q computed from the data alone.  So the least-squares
 * ell0 and w (w clamped to [0, 1 - 1e-10], i.e. theta in [1, 1e10]) come
 * from a 2 x 2 system, and only alpha is searched, in one dimension (a grid
 * then golden-section search).  This finds the least-squares fit itself,
 * where the packages' Nelder-Mead searches may stop short of it.
 *
 * Recursions (1-based t, as forecTheta's twoTL()):
 *   ell_t  = alpha y_t + (1 - alpha) ell_{t-1}
 *   mu_{t+1} = ell_t + w (A_t (1 - alpha)^t + B_t (1 - (1 - alpha)^(t+1)) / alpha)
 *   DOTM:  Ybar_t = ((t - 1) Ybar_{t-1} + y_t) / t,
 *          B_t = ((t - 2) B_{t-1} + 6 (y_t - Ybar_{t-1}) / t) / (t + 1),
 *          A_t = Ybar_t - B_t (t + 1) / 2, with A_1 = y_1, B_1 = 0, mu_1 = y_1,
 *          and the sum of squares from t = 3;
 *   OTM:   A_t, B_t the least-squares line of the whole history, mu_1 =
 *          ell0 + w (A + B), the sum of squares from t = 1.
 * Forecasts continue the recursion with y replaced by its forecast.
 */
#include "theta_core.h"

#include <math.h>
#include <string.h>

#include "optim.h"

size_t
theta_work_len(int32_t n)
{
	return 4 * (size_t) (n > 0 ? n : 1) + 8;
}

int32_t
theta_min_length(ThetaKind kind)
{
	return kind == THETA_STANDARD ? 3 : 5;
}

/* Seasonal adjustment: the test, then a multiplicative decomposition (positive data only). */
static const double *
adjust(const double *y, int32_t n, int32_t m, double *x, double *work, ThetaFit *fit)
{
	double		fig[SEASON_MAX];
	bool		positive = true;

	fit->seasonal = false;
	fit->m = 1;
	for (int32_t t = 0; t < n; t++)
		if (!(y[t] > 0))
			positive = false;
	if (m > 1 && m <= SEASON_MAX && positive && season_test(y, n, m) &&
		season_decompose(y, n, m, true, fig, work))
	{
		bool		ok = true;

		for (int32_t j = 0; j < m; j++)
			if (!(fabs(fig[j]) >= 1e-4))
				ok = false;
		if (ok)
		{
			fit->seasonal = true;
			fit->m = m;
			for (int32_t t = 0; t < n; t++)
				x[t] = y[t] / fig[t % m];
			/* indices of the periods after the history */
			for (int32_t j = 0; j < m; j++)
				fit->fig[j] = fig[(n + j) % m];
			return x;
		}
	}
	fit->fig[0] = 1;
	return y;
}

/* ---- THETA: SES with least-squares initial level ---- */

typedef struct SesArg
{
	const double *x;
	int32_t		n;
	const EtsTick *tick;
	double		ell0;			/* out: the least-squares initial level */
} SesArg;

/* SSE of SES at alpha with the best initial level (two passes, no cancellation). */
static double
ses_sse(double alpha, void *arg)
{
	SesArg	   *a = (SesArg *) arg;
	const double *x = a->x;
	double		c = 0,
				w = 1,
				srw = 0,
				sww = 0,
				l,
				sse = 0;

	/* yhat_t = c_t + (1 - alpha)^t ell0, c the SES from 0 */
	for (int32_t t = 0; t < a->n; t++)
	{
		double		r = x[t] - c;

		srw += r * w;
		sww += w * w;
		c += alpha * (x[t] - c);
		w *= 1 - alpha;
	}
	a->ell0 = srw / sww;
	l = a->ell0;
	for (int32_t t = 0; t < a->n; t++)
	{
		double		e = x[t] - l;

		sse += e * e;
		l += alpha * e;
	}
	ets_tick_report(a->tick, 16 * (int64_t) a->n);	/* two passes */
	return sse;
}

/* ---- OTM and DOTM ---- */

typedef struct DotmArg
{
	const double *x;
	int32_t		n;
	bool		dynamic;
	const EtsTick *tick;
	double		An,
				Bn;				/* OTM's line */
	double		ell0,
				w;				/* out */
} DotmArg;

/* DOTM's running mean Ybar and trend B after y_t (t from 1; the recursion in the file header). */
static inline void
dotm_update(int32_t t, double yt, double *Ybar, double *B)
{
	if (t == 1)
	{
		*Ybar = yt;
		*B = 0;
	}
	else
	{
		*B = ((t - 2) * *B + 6 * (yt - *Ybar) / t) / (t + 1);
		*Ybar = ((t - 1) * *Ybar + yt) / t;
	}
}

/*
 * The one-step forecasts mu_t = P_t + C_t ell0 + w Q_t (t counted from 1)
 * at alpha: calls visit(t, y_t - P_t, C_t, Q_t) for every t in the sum of
 * squares.
 */
#define DOTM_LOOP(BODY) \
	do { \
		double		E = 0, \
					pw = 1, \
					Ybar = 0, \
					B = 0, \
					A = 0; \
		for (int32_t t = 1; t <= n; t++) \
		{ \
			double		yt = x[t - 1], \
						P, \
						C, \
						Q; \
			if (t == 1) \
			{ \
				P = dyn ? yt : 0; \
				C = dyn ? 0 : 1; \
				Q = dyn ? 0 : An + Bn; \
			} \
			else \
			{ \
				double		At = dyn ? A : An, \
							Bt = dyn ? B : Bn; \
				P = E; \
				C = pw; \
				Q = At * pw + Bt * (1 - pw * (1 - alpha)) / alpha; \
			} \
			if (t >= first) \
			{ \
				double		r = yt - P; \
				BODY; \
			} \
			/* state after y_t: ell_t = E + (1 - alpha)^t ell0 */ \
			E = alpha * yt + (1 - alpha) * E; \
			pw *= 1 - alpha; \
			dotm_update(t, yt, &Ybar, &B); \
			A = t == 1 ? yt : Ybar - B * (t + 1) / 2; \
		} \
	} while (0)

static double
dotm_sse(double alpha, void *arg)
{
	DotmArg    *a = (DotmArg *) arg;
	const double *x = a->x;
	int32_t		n = a->n,
				first = a->dynamic ? 3 : 1;
	bool		dyn = a->dynamic;
	double		An = a->An,
				Bn = a->Bn;
	double		scc = 0,
				scq = 0,
				sqq = 0,
				scr = 0,
				sqr = 0,
				det,
				ell0,
				w,
				sse = 0;
	const double wmax = 1 - 1e-10;

	DOTM_LOOP((scc += C * C, scq += C * Q, sqq += Q * Q, scr += C * r, sqr += Q * r));
	det = scc * sqq - scq * scq;
	if (det > 1e-12 * scc * sqq && det > 0)
	{
		ell0 = (sqq * scr - scq * sqr) / det;
		w = (scc * sqr - scq * scr) / det;
	}
	else
		w = -1;					/* degenerate: decide w on the boundary below */
	if (!(w >= 0 && w <= wmax))
	{
		/* the best w is on a bound: both candidates in one pass */
		double		l0 = scc > 0 ? scr / scc : 0,
					l1 = scc > 0 ? (scr - wmax * scq) / scc : 0,
					s0 = 0,
					s1 = 0;

		DOTM_LOOP((s0 += (r - l0 * C) * (r - l0 * C), s1 += (r - l1 * C - wmax * Q) * (r - l1 * C - wmax * Q)));
		if (s1 < s0)
		{
			w = wmax;
			ell0 = l1;
			sse = s1;
		}
		else
		{
			w = 0;
			ell0 = l0;
			sse = s0;
		}
	}
	else
		DOTM_LOOP((sse += (r - ell0 * C - w * Q) * (r - ell0 * C - w * Q)));
	a->ell0 = ell0;
	a->w = w;
	ets_tick_report(a->tick, 16 * (int64_t) n);	/* two passes */
	return isfinite(sse) ? sse : INFINITY;
}

void
theta_fit(const double *y, int32_t n, int32_t m, ThetaKind kind, double *work, const EtsTick *tick,
		  ThetaFit *fit)
{
	double	   *x = work,
			   *dw = work + n;
	const double *xs;

	memset(fit, 0, sizeof(*fit));
	fit->kind = kind;
	fit->n = n;
	xs = adjust(y, n, m, x, dw, fit);
	if (kind == THETA_STANDARD)
	{
		SesArg		a = {xs, n, tick, 0};
		double		sse,
					alpha,
					ia,
					sb;

		alpha = opt_minimise_1d(ses_sse, &a, 1e-4, 0.9999, 21, 1e-8, &sse);
		sse = ses_sse(alpha, &a);
		fit->alpha = alpha;
		fit->theta = 2;
		fit->ell0 = a.ell0;
		fit->sse = sse;
		fit->nres = n;
		fit->sigma2 = n > 2 ? sse / (n - 2) : sse / n;
		fit->ell = a.ell0;
		for (int32_t t = 0; t < n; t++)
			fit->ell += alpha * (xs[t] - fit->ell);
		season_line(xs, n, 0, &ia, &sb);
		fit->drift = sb / 2;
		fit->intercept = ia;
		fit->slope = sb;
	}
	else
	{
		DotmArg		a;
		double		sse,
					alpha,
					mean = 0,
					stm = 0;
		bool		dyn = kind == THETA_DOTM;

		a.x = xs;
		a.n = n;
		a.dynamic = dyn;
		a.tick = tick;
		for (int32_t t = 0; t < n; t++)
		{
			mean += xs[t];
			stm += (t + 1) * xs[t];
		}
		mean /= n;
		stm /= n;
		a.Bn = 6 * (2 * stm - (1 + n) * mean) / ((double) n * n - 1);
		a.An = mean - (n + 1) * a.Bn / 2;
		alpha = opt_minimise_1d(dotm_sse, &a, 0.1, 0.99, 25, 1e-8, &sse);
		sse = dotm_sse(alpha, &a);
		fit->alpha = alpha;
		fit->theta = a.w < 1 ? 1 / (1 - a.w) : INFINITY;
		fit->ell0 = a.ell0;
		fit->sse = sse;
		fit->nres = dyn ? n - 2 : n;
		fit->sigma2 = fit->nres > 3 ? sse / (fit->nres - 3) : sse / fit->nres;
		/* the final state */
		{
			double		ell = a.ell0,
						Ybar = 0,
						B = 0;

			for (int32_t t = 1; t <= n; t++)
			{
				double		yt = xs[t - 1];

				ell = alpha * yt + (1 - alpha) * ell;
				dotm_update(t, yt, &Ybar, &B);
			}
			fit->ell = ell;
			fit->mean = dyn ? Ybar : mean;
			fit->slope = dyn ? B : a.Bn;
			fit->intercept = dyn ? Ybar - B * (n + 1) / 2.0 : a.An;
		}
	}
}

int32_t
theta_fitted(const double *y, int32_t n, const ThetaFit *fit, double *yhat)
{
	int32_t		m = fit->m;
	double		alpha = fit->alpha;

#define SEAS(t) (fit->seasonal ? fit->fig[(((t) - n) % m + m) % m] : 1)
	if (fit->kind == THETA_STANDARD)
	{
		double		l = fit->ell0,
					pw = 1;

		for (int32_t t = 0; t < n; t++)
		{
			double		s = SEAS(t);

			yhat[t] = (l + fit->drift * (1 - pw) / alpha) * s;
			l += alpha * (y[t] / s - l);
			pw *= 1 - alpha;
		}
		return 0;
	}
	else
	{
		bool		dyn = fit->kind == THETA_DOTM;
		double		w = isfinite(fit->theta) ? 1 - 1 / fit->theta : 1,
					ell = fit->ell0,
					pw = 1,
					Ybar = 0,
					B = 0;

		for (int32_t t = 1; t <= n; t++)
		{
			double		s = SEAS(t - 1),
						xt = y[t - 1] / s,
						mu;

			if (t == 1)
				mu = dyn ? xt : ell + w * (fit->intercept + fit->slope);
			else
			{
				double		At = dyn ? Ybar - B * t / 2.0 : fit->intercept,
							Bt = dyn ? B : fit->slope;

				mu = ell + w * (At * pw + Bt * (1 - pw * (1 - alpha)) / alpha);
			}
			yhat[t - 1] = mu * s;
			ell = alpha * xt + (1 - alpha) * ell;
			pw *= 1 - alpha;
			dotm_update(t, xt, &Ybar, &B);
		}
		return dyn ? 2 : 0;
	}
#undef SEAS
}

void
theta_cursor(const ThetaFit *fit, ThetaCursor *c)
{
	c->k = 0;
	c->ell = fit->ell;
	c->mean = fit->mean;
	c->slope = fit->slope;
	c->pw = pow(1 - fit->alpha, fit->n);
}

/* d mu / d (ell, mean, slope) at the cursor's state (t: 1-based index of the last value) */
static void
dotm_h(const ThetaFit *fit, double w, int32_t t, double pw, double *hv)
{
	double		alpha = fit->alpha;

	hv[0] = 1;
	hv[1] = fit->kind == THETA_DOTM ? w * pw : 0;
	hv[2] = fit->kind == THETA_DOTM ? w * (-(t + 1) / 2.0 * pw + (1 - pw * (1 - alpha)) / alpha) : 0;
}

/* mu of the next period (adjusted scale), advancing the state with y = mu */
static double
dotm_step(const ThetaFit *fit, ThetaCursor *c)
{
	double		alpha = fit->alpha,
				w = isfinite(fit->theta) ? 1 - 1 / fit->theta : 1;
	int32_t		t = fit->n + c->k,
				t1 = t + 1;
	bool		dyn = fit->kind == THETA_DOTM;
	double		At = dyn ? c->mean - c->slope * (t + 1) / 2.0 : fit->intercept,
				Bt = dyn ? c->slope : fit->slope,
				mu = c->ell + w * (At * c->pw + Bt * (1 - c->pw * (1 - alpha)) / alpha);

	c->ell = (1 - alpha) * c->ell + alpha * mu;
	if (dyn)
	{
		c->slope = ((t1 - 2) * c->slope + 6 * (mu - c->mean) / t1) / (t1 + 1);
		c->mean = ((t1 - 1) * c->mean + mu) / t1;
	}
	c->pw *= 1 - alpha;
	return mu;
}

double
theta_next(const ThetaFit *fit, ThetaCursor *c)
{
	double		s = fit->seasonal ? fit->fig[c->k % fit->m] : 1,
				mu;

	if (fit->kind == THETA_STANDARD)
	{
		double		alpha = fit->alpha,
					d0 = (1 - pow(1 - alpha, fit->n)) / alpha;

		mu = fit->ell + fit->drift * (c->k + d0);
	}
	else
		mu = dotm_step(fit, c);
	c->k++;
	return mu * s;
}

void
theta_variance(const ThetaFit *fit, int32_t h, double *var)
{
	double		alpha = fit->alpha;
	int32_t		n = fit->n,
				m = fit->m;

	if (fit->kind == THETA_STANDARD)
	{
		for (int32_t k = 0; k < h; k++)
		{
			double		s = fit->seasonal ? fit->fig[k % m] : 1;

			var[k] = fit->sigma2 * (1 + k * alpha * alpha) * s * s;
		}
		return;
	}
	else
	{
		/*
		 * The state x = (ell, mean, slope) evolves as x' = F x + g y with
		 * y = mu + e = h'x + e: x' = (F + g h') x + g e.  Var(y) =
		 * h' P h + sigma2 with P the covariance of x, P' = M P M' + sigma2 g g'.
		 */
		double		w = isfinite(fit->theta) ? 1 - 1 / fit->theta : 1,
					P[3][3] = {{0}},
					pw = pow(1 - alpha, n);
		bool		dyn = fit->kind == THETA_DOTM;

		for (int32_t k = 0; k < h; k++)
		{
			int32_t		t = n + k,
						t1 = t + 1;
			double		s = fit->seasonal ? fit->fig[k % m] : 1,
						hv[3],
						v = fit->sigma2,
						Fm[3][3] = {{0}},
						g[3] = {alpha, 0, 0},
						M[3][3],
						T[3][3];

			dotm_h(fit, w, t, pw, hv);
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++)
					v += hv[i] * P[i][j] * hv[j];
			var[k] = v * s * s;
			Fm[0][0] = 1 - alpha;
			if (dyn)
			{
				Fm[1][1] = (t1 - 1.0) / t1;
				g[1] = 1.0 / t1;
				Fm[2][2] = (t1 - 2.0) / (t1 + 1);
				Fm[2][1] = -6.0 / t1 / (t1 + 1);
				g[2] = 6.0 / t1 / (t1 + 1);
			}
			else
				Fm[1][1] = Fm[2][2] = 1;
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++)
					M[i][j] = Fm[i][j] + g[i] * hv[j];
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++)
				{
					double		a = 0;

					for (int q = 0; q < 3; q++)
						a += M[i][q] * P[q][j];
					T[i][j] = a;
				}
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++)
				{
					double		a = 0;

					for (int q = 0; q < 3; q++)
						a += T[i][q] * M[j][q];
					P[i][j] = a + fit->sigma2 * g[i] * g[j];
				}
			pw *= 1 - alpha;
		}
	}
}
