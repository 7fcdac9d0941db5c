/*
 * ets_core.c: ETS models, maximum likelihood, AICc selection, forecasts and
 * forecast variances (see ets_core.h).
 *
 * The recursions are R forecast::ets's (etscalc.c), written in terms of the
 * data so that additive and multiplicative errors share them; with
 * q = l + phi b (trend) or l, S the season of the period being forecast:
 *   yhat = q + S  |  q S  |  q          (additive, multiplicative, no season)
 *   e    = y - yhat  |  (y - yhat) / yhat  (additive, multiplicative error)
 *   p    = y - S  |  y / S  |  y
 *   l'   = q + alpha (p - q)
 *   b'   = phi b + beta (p - q)
 *   S'   = S + gamma (t - S), t = y - q  |  y / q
 * and the objective is R's lik = n log(sum e^2) + 2 sum log|yhat| (the last
 * term with multiplicative errors only), the log-likelihood -lik / 2.
 *
 * The gradient with respect to the smoothing parameters and all initial
 * states comes from one backward (adjoint) pass over the stored states, so a
 * gradient costs about three likelihood evaluations whatever the number of
 * states; BFGS (optim.c) then converges in a few dozen iterations where a
 * simplex search over the same 17 parameters of a monthly model needs
 * thousands of evaluations.
 *
 * Parameter space (R's bounds = "both"): alpha in [1e-4, 0.9999], beta in
 * [1e-4, alpha], gamma in [1e-4, 1 - alpha], phi in [0.8, 0.98], intersected
 * with the admissible region of seasonal models (Hyndman, Akram & Archibald
 * 2008: the roots of the characteristic polynomial inside the unit circle,
 * tested here by the Schur-Cohn recursion instead of computing roots).  The
 * optimiser works on alpha, beta* and gamma* in boxes with
 * beta = 1e-4 + (alpha - 1e-4) beta*, gamma = 1e-4 + (1 - alpha - 1e-4) gamma*,
 * which is exactly the usual region.
 */
#include "ets_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optim.h"

/* min and max without the library calls (no NaN reaches them) */
static inline double
dmin(double a, double b)
{
	return a < b ? a : b;
}

static inline double
dmax(double a, double b)
{
	return a > b ? a : b;
}

/* ---- names ---- */

static const char comp_letter[3] = {'N', 'A', 'M'};

void
ets_name(const EtsSpec *spec, char *buf, size_t len)
{
	snprintf(buf, len, "ETS(%c,%s,%c)", comp_letter[spec->error],
			 spec->trend == ETS_N ? "N" : (spec->damped ? "Ad" : "A"), comp_letter[spec->season]);
}

void
ets_code(const EtsSpec *spec, char *buf, size_t len)
{
	snprintf(buf, len, "%c%s%c", comp_letter[spec->error],
			 spec->trend == ETS_N ? "N" : (spec->damped ? "Ad" : "A"), comp_letter[spec->season]);
}

static int
letter(char c, const char *allowed)
{
	char		u = (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;

	for (int i = 0; allowed[i]; i++)
		if (allowed[i] == u)
			return u;
	return 0;
}

bool
ets_parse(const char *s, size_t len, EtsRequest *req)
{
	size_t		i = 0;
	int			c;

	if (len < 3)
		return false;
	c = letter(s[i++], "AMZ");
	if (!c)
		return false;
	req->error = c == 'A' ? ETS_A : (c == 'M' ? ETS_M : ETS_Z);
	c = letter(s[i++], "NAZ");
	if (!c)
		return false;
	req->trend = c == 'N' ? ETS_N : (c == 'A' ? ETS_A : ETS_Z);
	req->damped = c == 'Z' ? -1 : 0;
	if (c == 'A' && i < len && (s[i] == 'd' || s[i] == 'D'))
	{
		req->damped = 1;
		i++;
	}
	if (i >= len)
		return false;
	c = letter(s[i++], "NAMZ");
	if (!c || i != len)
		return false;
	req->season = c == 'N' ? ETS_N : (c == 'A' ? ETS_A : (c == 'M' ? ETS_M : ETS_Z));
	return true;
}

/* ---- admissibility ---- */

/*
 * Are all roots of the characteristic polynomial of a seasonal model inside
 * the unit circle?  The polynomial (R forecast's admissible()) is
 *   z^(m+1) + (a + b - phi) z^m + (a + b - a phi) (z^(m-1) + ... + z^2)
 *           + (a + b - a phi + g - 1) z + phi (1 - a - g).
 * Schur-Cohn: p of degree d with coefficients c_0..c_d is stable iff
 * |c_0| < |c_d| and (c_d p(z) - c_0 z^d p(1/z)) / z is stable (roots on the
 * circle count as outside, except the root z = 1 of models without trend).
 */
bool
ets_admissible(double a, double b, double g, double phi, int32_t m)
{
	double		c[SEASON_MAX + 2];
	int			d = m + 1;

	/* R's quick tests first */
	if (g < dmax(1 - 1 / phi - a, 0) || g > 1 + 1 / phi - a)
		return false;
	if (a < 1 - 1 / phi - g * (1 - m + phi + phi * m) / (2 * phi * m))
		return false;
	if (b < -(1 - phi) * (g / m + a))
		return false;
	c[0] = phi * (1 - a - g);
	c[1] = a + b - a * phi + g - 1;
	for (int k = 2; k < m; k++)
		c[k] = a + b - a * phi;
	c[m] = a + b - phi;
	c[m + 1] = 1;
	if (b == 0 && phi == 1)
	{
		/*
		 * Without trend z = 1 is always a root (the coefficients sum to m b),
		 * which R's test accepts (modulus within 1 + 1e-10): divide it out.
		 */
		double		q[SEASON_MAX + 2];

		q[d - 1] = c[d];
		for (int j = d - 1; j >= 1; j--)
			q[j - 1] = c[j] + q[j];
		d--;
		memcpy(c, q, sizeof(double) * (d + 1));
	}
	while (d > 0)
	{
		double		c0 = c[0],
					cd = c[d];

		double		r[SEASON_MAX + 2];

		if (!(fabs(c0) < fabs(cd)))
			return false;
		for (int k = 1; k <= d; k++)
			r[k - 1] = cd * c[k] - c0 * c[d - k];
		d--;
		memcpy(c, r, sizeof(double) * (d + 1));
		/* keep the numbers in range every few steps: the roots do not depend on the scale */
		if ((d & 3) == 0)
		{
			double		mx = 0;

			for (int k = 0; k <= d; k++)
				mx = dmax(mx, fabs(c[k]));
			if (mx > 0)
				for (int k = 0; k <= d; k++)
					c[k] /= mx;
		}
	}
	return true;
}

/* ---- the problem ---- */

typedef struct EtsProblem
{
	const double *y;
	int32_t		n,
				m;				/* season length; 1 without season */
	EtsSpec		spec;
	double		scale;			/* the states are optimised divided by scale (multiplicative seasons as they are) */
	bool		free_a,
				free_b,
				free_g,
				free_p;
	double		a_fix,
				b_fix,
				g_fix,
				p_fix;
	int			nvar;
	double	   *store;			/* 3n: l, b, S before each step */
	double	   *sbuf,
			   *sbar;
	const EtsTick *tick;
	int64_t		evaluations;
} EtsProblem;

/* Smoothing parameters and initial states from the optimisation variables. */
typedef struct EtsPoint
{
	double		a,
				b,
				g,
				phi,
				bstar,
				gstar,
				l0,
				b0;
} EtsPoint;

/*
 * A smoothing parameter bounded by a function of alpha (beta <= alpha,
 * gamma <= 1 - alpha): free, it is x[*k] in [0, 1] mapped linearly onto
 * [min(lo, cap), min(hi, cap)] (*star keeps x[*k]); fixed, it is fix.
 */
static double
relative_par(bool free, double fix, double cap, const double *x, int *k,
			 double *star)
{
	double		lo = dmin(ETS_PAR_LO, cap),
				hi = dmin(ETS_PAR_HI, cap);

	*star = 0;
	if (!free)
		return fix;
	*star = x[(*k)++];
	return lo + (hi - lo) * *star;
}

static void
decode(const EtsProblem *pb, const double *x, EtsPoint *pt, double *s0)
{
	int			k = 0;
	const EtsSpec *sp = &pb->spec;

	pt->a = pb->free_a ? x[k++] : pb->a_fix;
	pt->bstar = pt->gstar = 0;
	pt->b = sp->trend != ETS_N ?
		relative_par(pb->free_b, pb->b_fix, pt->a, x, &k, &pt->bstar) : 0;
	pt->g = sp->season != ETS_N ?
		relative_par(pb->free_g, pb->g_fix, 1 - pt->a, x, &k, &pt->gstar) : 0;
	if (sp->damped)
		pt->phi = pb->free_p ? x[k++] : pb->p_fix;
	else
		pt->phi = 1;
	pt->l0 = x[k++] * pb->scale;
	pt->b0 = sp->trend != ETS_N ? x[k++] * pb->scale : 0;
	if (sp->season != ETS_N)
	{
		double		f = sp->season == ETS_A ? pb->scale : 1,
					sum = 0;

		for (int32_t j = 1; j < pb->m; j++)
		{
			s0[j] = x[k++] * f;
			sum += s0[j];
		}
		s0[0] = (sp->season == ETS_M ? pb->m : 0) - sum;
	}
}

/*
 * One period's forecast f and the deseasonalised value p of y, from q (the
 * level, plus phi times the trend) and S (the season of the period).
 */
static inline void
step_fp(int season, double q, double S, double y, double *f, double *p)
{
	if (season == ETS_A)
	{
		*f = q + S;
		*p = y - S;
	}
	else if (season == ETS_M)
	{
		*f = q * S;
		*p = y / S;
	}
	else
	{
		*f = q;
		*p = y;
	}
}

/*
 * One pass of the recursion: SSE and sum log|yhat|; stores the states before
 * each step when store is not NULL.  Returns false on a non-finite value.
 * The components are compile-time constants in each caller (see run_forward).
 */
static inline bool
forward_pass(const double *y, int32_t n, int32_t m, int trend, int season, int error,
			 double a, double b, double g, double phi, double l, double bt, double *s,
			 double *store, double inv_scale, double *sse_out, double *slog_out)
{
	double		sse = 0,
				slog = 0,
				prod = 1;
	int64_t		pexp = 0;
	int32_t		j = 0;

	for (int32_t t = 0; t < n; t++)
	{
		double		S = season != ETS_N ? s[j] : 0,
					q = trend != ETS_N ? l + phi * bt : l,
					f,
					e,
					p,
					yt = y[t];

		if (store)
		{
			store[3 * t] = l;
			store[3 * t + 1] = bt;
			store[3 * t + 2] = S;
		}
		if (season == ETS_M && fabs(S) < 1e-10)
			return false;
		step_fp(season, q, S, yt, &f, &p);
		if (error == ETS_M)
		{
			e = (yt - f) / f;
			/* sum log|f| as the log of a product renormalised every 4 steps */
			prod *= fabs(f) * inv_scale;
			if ((t & 3) == 3)
			{
				int			ex;

				prod = frexp(prod, &ex);
				pexp += ex;
			}
		}
		else
			e = yt - f;
		sse += e * e;
		l = q + a * (p - q);
		if (trend != ETS_N)
			bt = phi * bt + b * (p - q);
		if (season != ETS_N)
		{
			double		tt;

			if (season == ETS_A)
				tt = yt - q;
			else
			{
				if (fabs(q) < 1e-10)
					return false;
				tt = yt / q;
			}
			s[j] = S + g * (tt - S);
			if (++j == m)
				j = 0;
		}
	}
	if (error == ETS_M)
	{
		if (!(prod > 0 && isfinite(prod)))
			return false;
		slog = log(prod) + pexp * 0.69314718055994531 - n * log(inv_scale);
	}
	*sse_out = sse;
	*slog_out = slog;
	return isfinite(sse) && isfinite(slog);
}

/*
 * The backward pass: adjoints of the smoothing parameters and initial states
 * given dL/de = de_scale * e and (multiplicative errors) dL/dyhat += 2 / yhat.
 * sbar gets the adjoints of the initial seasonal states; out[0..3] those of
 * alpha, beta, gamma, phi, out[4], out[5] those of l0, b0.
 */
static inline void
backward_pass(const double *y, int32_t n, int32_t m, int trend, int season, int error,
			  double a, double b, double g, double phi, const double *store, double de_scale,
			  double *sbar, double *out)
{
	double		lbar = 0,
				bbar = 0,
				abar = 0,
				betabar = 0,
				gbar = 0,
				phibar = 0;
	int32_t		j = season != ETS_N ? (n - 1) % m : 0;

	if (season != ETS_N)
		memset(sbar, 0, sizeof(double) * m);
	for (int32_t t = n - 1; t >= 0; t--)
	{
		double		lo = store[3 * t],
					bo = store[3 * t + 1],
					S = store[3 * t + 2],
					yt = y[t],
					q = trend != ETS_N ? lo + phi * bo : lo,
					f,
					p,
					fbar,
					qbar = 0,
					pbar = 0,
					Sbar = 0,
					e;

		step_fp(season, q, S, yt, &f, &p);
		if (error == ETS_M)
		{
			e = (yt - f) / f;
			fbar = de_scale * e * (-yt / (f * f)) + 2 / f;
		}
		else
		{
			e = yt - f;
			fbar = -de_scale * e;
		}
		if (season != ETS_N)
		{
			double		snew = sbar[j],
						tt,
						tbar;

			tt = season == ETS_A ? yt - q : yt / q;
			Sbar = (1 - g) * snew;
			tbar = g * snew;
			gbar += (tt - S) * snew;
			if (season == ETS_A)
				qbar -= tbar;
			else
				qbar -= tbar * yt / (q * q);
		}
		if (trend != ETS_N)
		{
			double		bnew = bbar;

			bbar = phi * bnew;
			phibar += bo * bnew;
			pbar += b * bnew;
			qbar -= b * bnew;
			betabar += (p - q) * bnew;
		}
		qbar += (1 - a) * lbar;
		pbar += a * lbar;
		abar += (p - q) * lbar;
		if (season == ETS_A)
		{
			Sbar -= pbar;
			qbar += fbar;
			Sbar += fbar;
		}
		else if (season == ETS_M)
		{
			Sbar -= pbar * yt / (S * S);
			qbar += fbar * S;
			Sbar += fbar * q;
		}
		else
			qbar += fbar;
		lbar = qbar;
		if (trend != ETS_N)
		{
			bbar += phi * qbar;
			phibar += bo * qbar;
		}
		if (season != ETS_N)
		{
			sbar[j] = Sbar;
			if (--j < 0)
				j = m - 1;
		}
	}
	out[0] = abar;
	out[1] = betabar;
	out[2] = gbar;
	out[3] = phibar;
	out[4] = lbar;
	out[5] = bbar;
}

/* The forward pass with the model's components as constants (so each case compiles to a tight loop). */
static bool
run_forward(const EtsProblem *pb, const EtsPoint *pt, double *s, double *store, double *sse, double *slog)
{
	const EtsSpec *sp = &pb->spec;
	const double *y = pb->y;
	int32_t		n = pb->n,
				m = pb->m;

#define FWD(T, S, E) forward_pass(y, n, m, T, S, E, pt->a, pt->b, pt->g, pt->phi, pt->l0, pt->b0, s, store, 1 / pb->scale, sse, slog)
#define FWD_E(T, S) (sp->error == ETS_M ? FWD(T, S, ETS_M) : FWD(T, S, ETS_A))
#define FWD_S(T) (sp->season == ETS_M ? FWD_E(T, ETS_M) : (sp->season == ETS_A ? FWD_E(T, ETS_A) : FWD_E(T, ETS_N)))
	return sp->trend != ETS_N ? FWD_S(ETS_A) : FWD_S(ETS_N);
#undef FWD_S
#undef FWD_E
#undef FWD
}

static void
run_backward(const EtsProblem *pb, const EtsPoint *pt, double de_scale, double *sbar, double *out)
{
	const EtsSpec *sp = &pb->spec;
	const double *y = pb->y;
	int32_t		n = pb->n,
				m = pb->m;

#define BWD(T, S, E) backward_pass(y, n, m, T, S, E, pt->a, pt->b, pt->g, pt->phi, pb->store, de_scale, sbar, out)
#define BWD_E(T, S) do { if (sp->error == ETS_M) BWD(T, S, ETS_M); else BWD(T, S, ETS_A); } while (0)
#define BWD_S(T) do { if (sp->season == ETS_M) BWD_E(T, ETS_M); else if (sp->season == ETS_A) BWD_E(T, ETS_A); else BWD_E(T, ETS_N); } while (0)
	if (sp->trend != ETS_N)
		BWD_S(ETS_A);
	else
		BWD_S(ETS_N);
#undef BWD_S
#undef BWD_E
#undef BWD
}

/*
 * -2 log likelihood (up to constants; R's lik before its clamping) of a
 * point whose seasonal states are in pb->sbuf: INFINITY outside the
 * admissible region, for a negative multiplicative seasonal state or when
 * the forward pass fails.  Shared by both objectives; *sse gets the pass's
 * sum of squares, store (NULL: none) its states for the backward pass.
 */
static double
point_lik(const EtsProblem *pb, const EtsPoint *pt, double *store, double *sse)
{
	const EtsSpec *sp = &pb->spec;
	double		slog;

	if (sp->season != ETS_N)
	{
		if (sp->season == ETS_M)
			for (int32_t j = 0; j < pb->m; j++)
				if (pb->sbuf[j] < 0)
					return INFINITY;
		if (!ets_admissible(pt->a, pt->b, pt->g, pt->phi, pb->m))
			return INFINITY;
	}
	if (!run_forward(pb, pt, pb->sbuf, store, sse, &slog))
		return INFINITY;
	return pb->n * log(*sse) + (sp->error == ETS_M ? 2 * slog : 0);
}

/* The objective (R's lik) at optimisation variables x, and its gradient. */
static double
objective(const double *x, double *grad, void *arg)
{
	EtsProblem *pb = (EtsProblem *) arg;
	const EtsSpec *sp = &pb->spec;
	EtsPoint	pt;
	double		sse,
				lik;
	int32_t		n = pb->n;

	/* every evaluation: on a long history one is a pass of milliseconds */
	pb->evaluations++;
	ets_tick_report(pb->tick, (int64_t) n * (grad ? 3 : 1));
	decode(pb, x, &pt, pb->sbuf);
	lik = point_lik(pb, &pt, grad ? pb->store : NULL, &sse);
	if (!isfinite(lik) || lik < -1e10)
	{
		/* a perfect fit: R clamps the objective at -1e10 */
		if (lik < -1e10 || (isinf(lik) && lik < 0))
		{
			if (grad)
				memset(grad, 0, sizeof(double) * pb->nvar);
			return -1e10;
		}
		return INFINITY;
	}
	if (grad)
	{
		double		d[6];
		int			k = 0;

		run_backward(pb, &pt, 2.0 * n / sse, pb->sbar, d);
		/* chain rule through beta(alpha, beta*) and gamma(alpha, gamma*) */
		if (pb->free_a)
		{
			double		ga = d[0];

			if (sp->trend != ETS_N && pb->free_b)
				ga += d[1] * pt.bstar;
			if (sp->season != ETS_N && pb->free_g)
				ga -= d[2] * pt.gstar;
			grad[k++] = ga;
		}
		if (sp->trend != ETS_N && pb->free_b)
			grad[k++] = d[1] * (dmin(ETS_PAR_HI, pt.a) - dmin(ETS_PAR_LO, pt.a));
		if (sp->season != ETS_N && pb->free_g)
			grad[k++] = d[2] * (dmin(ETS_PAR_HI, 1 - pt.a) - dmin(ETS_PAR_LO, 1 - pt.a));
		if (sp->damped && pb->free_p)
			grad[k++] = d[3];
		grad[k++] = d[4] * pb->scale;
		if (sp->trend != ETS_N)
			grad[k++] = d[5] * pb->scale;
		if (sp->season != ETS_N)
		{
			double		f = sp->season == ETS_A ? pb->scale : 1;

			for (int32_t j = 1; j < pb->m; j++)
				grad[k++] = (pb->sbar[j] - pb->sbar[0]) * f;
		}
	}
	return lik;
}

/*
 * The objective in R forecast::ets's parameterisation: (alpha, beta, gamma,
 * phi) as they are (those estimated), then l0, b0 and the seasonal states
 * most recent first (R's s0 .. s(m-2)), unscaled; INFINITY outside R's
 * bounds (and, as there, the admissible region and non-negative
 * multiplicative seasons).
 */
typedef struct RArg
{
	EtsProblem *pb;
	double		alo,
				ahi;
	int32_t		ex;				/* R's units are 2^ex ours */
	double		shift;			/* R's lik minus ours: 2 n ex log 2 */
} RArg;

static double
r_objective(const double *p, void *arg)
{
	RArg	   *ra = (RArg *) arg;
	EtsProblem *pb = ra->pb;
	const EtsSpec *sp = &pb->spec;
	EtsPoint	pt;
	double		sse,
				lik;
	int			k = 0;
	int32_t		n = pb->n;

	pb->evaluations++;
	ets_tick_report(pb->tick, n);
	pt.a = pb->free_a ? p[k++] : pb->a_fix;
	pt.b = sp->trend != ETS_N ? (pb->free_b ? p[k++] : pb->b_fix) : 0;
	pt.g = sp->season != ETS_N ? (pb->free_g ? p[k++] : pb->g_fix) : 0;
	pt.phi = sp->damped ? (pb->free_p ? p[k++] : pb->p_fix) : 1;
	if (pb->free_a && !(pt.a >= ra->alo && pt.a <= ra->ahi))
		return INFINITY;
	if (pb->free_b && !(pt.b >= ETS_PAR_LO && pt.b <= pt.a && pt.b <= ETS_PAR_HI))
		return INFINITY;
	if (pb->free_g && !(pt.g >= ETS_PAR_LO && pt.g <= 1 - pt.a && pt.g <= ETS_PAR_HI))
		return INFINITY;
	if (pb->free_p && !(pt.phi >= ETS_PHI_LO && pt.phi <= ETS_PHI_HI))
		return INFINITY;
	pt.l0 = ldexp(p[k++], -ra->ex);
	pt.b0 = sp->trend != ETS_N ? ldexp(p[k++], -ra->ex) : 0;
	if (sp->season != ETS_N)
	{
		double		sum = 0;

		for (int32_t j = pb->m - 1; j >= 1; j--)
		{
			pb->sbuf[j] = sp->season == ETS_A ? ldexp(p[k++], -ra->ex) : p[k++];
			sum += pb->sbuf[j];
		}
		pb->sbuf[0] = (sp->season == ETS_M ? pb->m : 0) - sum;
	}
	lik = point_lik(pb, &pt, NULL, &sse) + ra->shift;
	if (isnan(lik))
		return INFINITY;
	return lik < -1e10 ? -1e10 : lik;
}

/* Our optimisation variables from R's vector (to polish R's end point). */
static void
r_to_x(const EtsProblem *pb, const double *p, int32_t ex, double *x)
{
	const EtsSpec *sp = &pb->spec;
	int			k = 0,
				j = 0;
	double		a = pb->free_a ? p[0] : pb->a_fix;

	if (pb->free_a)
		x[k++] = p[j++];
	if (pb->free_b)
	{
		double		lo = dmin(ETS_PAR_LO, a),
					hi = dmin(ETS_PAR_HI, a);

		x[k++] = hi > lo ? (p[j++] - lo) / (hi - lo) : 0;
	}
	if (pb->free_g)
	{
		double		lo = dmin(ETS_PAR_LO, 1 - a),
					hi = dmin(ETS_PAR_HI, 1 - a);

		x[k++] = hi > lo ? (p[j++] - lo) / (hi - lo) : 0;
	}
	if (pb->free_p)
		x[k++] = p[j++];
	x[k++] = ldexp(p[j++], -ex) / pb->scale;
	if (sp->trend != ETS_N)
		x[k++] = ldexp(p[j++], -ex) / pb->scale;
	if (sp->season != ETS_N)
	{
		bool		add = sp->season == ETS_A;

		/* R's s0 .. s(m-2) are our s0[m-1] .. s0[1] */
		for (int32_t i = 1; i < pb->m; i++)
		{
			double		v = p[j + pb->m - 1 - i];

			x[k + i - 1] = add ? ldexp(v, -ex) / pb->scale : v;
		}
	}
}

double
ets_lik(const double *y, int32_t n, int32_t m, const EtsSpec *spec, double alpha, double beta,
		double gamma, double phi, double l0, double b0, const double *s0, double *sse)
{
	double		s[SEASON_MAX],
				slog;
	int32_t		mm = spec->season != ETS_N ? m : 1;

	double		inv = 0;

	for (int32_t t = 0; t < n; t++)
		inv += fabs(y[t]);
	inv = inv > 0 ? n / inv : 1;
	if (spec->season != ETS_N)
		memcpy(s, s0, sizeof(double) * m);
#define FWD(T, S, E) forward_pass(y, n, mm, T, S, E, alpha, beta, gamma, phi, l0, b0, s, NULL, inv, sse, &slog)
#define FWD_E(T, S) (spec->error == ETS_M ? FWD(T, S, ETS_M) : FWD(T, S, ETS_A))
#define FWD_S(T) (spec->season == ETS_M ? FWD_E(T, ETS_M) : (spec->season == ETS_A ? FWD_E(T, ETS_A) : FWD_E(T, ETS_N)))
	if (!(spec->trend != ETS_N ? FWD_S(ETS_A) : FWD_S(ETS_N)))
		return INFINITY;
#undef FWD_S
#undef FWD_E
#undef FWD
	return n * log(*sse) + (spec->error == ETS_M ? 2 * slog : 0);
}

/* ---- work space ---- */

static int
max_vars(int32_t m)
{
	return 4 + 2 + (m > 1 ? m - 1 : 0);
}

size_t
ets_work_len(int32_t n, int32_t m)
{
	int			nv = max_vars(m);

	if (n < 1)
		n = 1;
	return 3 * (size_t) n + (size_t) n + 2 * (size_t) SEASON_MAX + opt_bfgs_work_len(nv) + 6 * (size_t) nv +
		opt_nash_work_len(nv) + 16;
}

/* ---- starting values ---- */

/*
 * Initial states as R forecast's initstate(): seasonal figures from a
 * classical decomposition (2 full seasons or more; otherwise the mean
 * deviation from a least-squares line per position), the level (and trend)
 * from the first max(10, 2m) seasonally adjusted values.
 */
static void
initial_states(const double *y, int32_t n, int32_t m, const EtsSpec *sp, double *work,
			   double *l0, double *b0, double *s0)
{
	double		fig[SEASON_MAX];
	double	   *ysa = work;		/* n doubles, after the decomposition's n */
	int32_t		maxn;

	if (sp->season != ETS_N)
	{
		bool		mult = sp->season == ETS_M;

		if (n < 2 * m || !season_decompose(y, n, m, mult, fig, work))
		{
			double		a,
						b;
			int32_t		cnt[SEASON_MAX];
			double		mean = 0;

			season_line(y, n, 1, &a, &b);
			for (int32_t j = 0; j < m; j++)
			{
				fig[j] = 0;
				cnt[j] = 0;
			}
			for (int32_t t = 0; t < n; t++)
			{
				double		tr = a + b * (t + 1);

				fig[t % m] += mult ? (tr != 0 ? y[t] / tr : 1) : y[t] - tr;
				cnt[t % m]++;
			}
			for (int32_t j = 0; j < m; j++)
			{
				fig[j] = cnt[j] ? fig[j] / cnt[j] : (mult ? 1 : 0);
				mean += fig[j];
			}
			mean /= m;
			for (int32_t j = 0; j < m; j++)
				fig[j] = mult ? (mean != 0 ? fig[j] / mean : 1) : fig[j] - mean;
		}
		if (mult)
		{
			double		sum = 0;

			for (int32_t j = 1; j < m; j++)
			{
				fig[j] = fmax(fig[j], 1e-2);
				sum += fig[j];
			}
			if (sum > m)
			{
				double		d = 0;

				for (int32_t j = 1; j < m; j++)
					d += fig[j] + 1e-2;
				for (int32_t j = 1; j < m; j++)
					fig[j] /= d;
				sum = 0;
				for (int32_t j = 1; j < m; j++)
					sum += fig[j];
			}
			fig[0] = m - sum;
		}
		else
		{
			double		sum = 0;

			for (int32_t j = 1; j < m; j++)
				sum += fig[j];
			fig[0] = -sum;
		}
		for (int32_t j = 0; j < m; j++)
			s0[j] = fig[j];
		ysa = work + n;
		for (int32_t t = 0; t < n; t++)
			ysa[t] = mult ? y[t] / fmax(fig[t % m], 1e-2) : y[t] - fig[t % m];
	}
	else
	{
		ysa = work;
		memcpy(ysa, y, sizeof(double) * n);
	}
	maxn = m > 1 && sp->season != ETS_N ? 2 * m : 1;
	maxn = maxn < 10 ? 10 : maxn;
	maxn = maxn > n ? n : maxn;
	if (sp->trend == ETS_N)
	{
		double		s = 0;

		for (int32_t t = 0; t < maxn; t++)
			s += ysa[t];
		*l0 = s / maxn;
		*b0 = 0;
	}
	else
	{
		double		a,
					b;

		season_line(ysa, maxn, 1, &a, &b);
		if (fabs(a + b) < 1e-8)
		{
			a *= 1 + 1e-3;
			b *= 1 - 1e-3;
		}
		*l0 = a;
		*b0 = b;
	}
}

/* ---- fitting one model ---- */

/* The number of estimated parameters and initial states (R's length(par)). */
static int
count_par(const EtsSpec *sp, int32_t m, const EtsFixed *fx)
{
	int			k = 1;			/* l0 */

	k += isnan(fx->alpha);
	if (sp->trend != ETS_N)
		k += 1 + isnan(fx->beta);
	if (sp->season != ETS_N)
		k += (m - 1) + isnan(fx->gamma);
	if (sp->damped)
		k += isnan(fx->phi);
	return k;
}

int32_t
ets_min_length(const EtsSpec *spec, int32_t m, const EtsFixed *fixed)
{
	int32_t		mm = spec->season != ETS_N ? m : 1,
				k = count_par(spec, mm, fixed) + 3;

	return spec->season != ETS_N && k < m + 1 ? m + 1 : k;
}

/*
 * The recursion at given parameters and initial states s0 (seasons of y[0]
 * .. y[m-1]), plainly: the one-step forecasts (yhat, when not NULL), the sums
 * of squares of the model's errors and of y - yhat, sum log|yhat|, and the
 * final level, trend and seasons (the season of y[n + k] in s_end[k]).
 */
typedef struct EtsReplay
{
	double		sse,
				ssq,
				slog,
				l,
				b,
				s_end[SEASON_MAX];
} EtsReplay;

static void
replay(const double *y, int32_t n, int32_t m, const EtsSpec *sp, double a, double beta, double g,
	   double phi, double l0, double b0, const double *s0, double *yhat, EtsReplay *r)
{
	double		l = l0,
				b = b0,
				s[SEASON_MAX];
	int32_t		j = 0;

	r->sse = r->ssq = r->slog = 0;
	if (sp->season != ETS_N)
		memcpy(s, s0, sizeof(double) * m);
	for (int32_t t = 0; t < n; t++)
	{
		double		S = sp->season != ETS_N ? s[j] : 0,
					q = sp->trend != ETS_N ? l + phi * b : l,
					f,
					p,
					e;

		step_fp(sp->season, q, S, y[t], &f, &p);
		e = sp->error == ETS_M ? (y[t] - f) / f : y[t] - f;
		if (yhat)
			yhat[t] = f;
		r->sse += e * e;
		r->ssq += (y[t] - f) * (y[t] - f);
		if (sp->error == ETS_M)
			r->slog += log(fabs(f));
		l = q + a * (p - q);
		if (sp->trend != ETS_N)
			b = phi * b + beta * (p - q);
		if (sp->season != ETS_N)
		{
			double		tt = sp->season == ETS_A ? y[t] - q : y[t] / q;

			s[j] = S + g * (tt - S);
			if (++j == m)
				j = 0;
		}
	}
	r->l = l;
	r->b = sp->trend != ETS_N ? b : 0;
	if (sp->season != ETS_N)
		for (int32_t k = 0; k < m; k++)
			r->s_end[k] = s[(j + k) % m];
}

/* The final states, residual statistics, likelihood and AICc at the optimum. */
static void
finish_fit(const EtsProblem *pb, const EtsPoint *pt, const double *s0, EtsFit *fit)
{
	const EtsSpec *sp = &pb->spec;
	int32_t		n = pb->n,
				m = pb->m;
	EtsReplay	r;
	double		lik,
				np1;

	replay(pb->y, n, m, sp, pt->a, pt->b, pt->g, pt->phi, pt->l0, pt->b0, s0, NULL, &r);
	lik = n * log(r.sse) + (sp->error == ETS_M ? 2 * r.slog : 0);
	if (lik < -1e10 || (isinf(lik) && lik < 0))
		lik = -1e10;
	fit->spec = *sp;
	fit->m = sp->season != ETS_N ? m : 1;
	fit->n = n;
	fit->alpha = pt->a;
	fit->beta = sp->trend != ETS_N ? pt->b : NAN;
	fit->gamma = sp->season != ETS_N ? pt->g : NAN;
	fit->phi = sp->damped ? pt->phi : (sp->trend != ETS_N ? 1 : NAN);
	fit->l0 = pt->l0;
	fit->b0 = pt->b0;
	fit->l = r.l;
	fit->b = r.b;
	if (sp->season != ETS_N)
	{
		memcpy(fit->s0, s0, sizeof(double) * m);
		memcpy(fit->s, r.s_end, sizeof(double) * m);
	}
	fit->loglik = -0.5 * lik;
	np1 = fit->npar + 1;
	fit->aicc = lik + 2 * np1 + 2 * np1 * (np1 + 1) / (n - np1 - 1);
	fit->sigma2 = r.sse / (n - fit->npar);
	fit->mse = r.ssq / n;
}

/* Free bounds of alpha given the fixed beta and gamma; false when empty. */
static bool
alpha_box(const EtsSpec *sp, const EtsFixed *fx, double *lo, double *hi)
{
	*lo = ETS_PAR_LO;
	*hi = ETS_PAR_HI;
	if (sp->trend != ETS_N && !isnan(fx->beta))
		*lo = fmax(*lo, fx->beta);
	if (sp->season != ETS_N && !isnan(fx->gamma))
		*hi = fmin(*hi, 1 - fx->gamma);
	return *lo <= *hi;
}

/* The optimisation variables of a fit (the inverse of decode). */
static void
encode(const EtsProblem *pb, const EtsFit *f, double *x)
{
	const EtsSpec *sp = &pb->spec;
	int			k = 0;

	if (pb->free_a)
		x[k++] = f->alpha;
	if (pb->free_b)
	{
		double		lo = fmin(ETS_PAR_LO, f->alpha),
					hi = fmin(ETS_PAR_HI, f->alpha);

		x[k++] = hi > lo ? (f->beta - lo) / (hi - lo) : 0;
	}
	if (pb->free_g)
	{
		double		lo = fmin(ETS_PAR_LO, 1 - f->alpha),
					hi = fmin(ETS_PAR_HI, 1 - f->alpha);

		x[k++] = hi > lo ? (f->gamma - lo) / (hi - lo) : 0;
	}
	if (pb->free_p)
		x[k++] = f->phi;
	x[k++] = f->l0 / pb->scale;
	if (sp->trend != ETS_N)
		x[k++] = f->b0 / pb->scale;
	if (sp->season != ETS_N)
	{
		double		d = sp->season == ETS_A ? pb->scale : 1;

		for (int32_t j = 1; j < pb->m; j++)
			x[k++] = f->s0[j] / d;
	}
}

bool
ets_fit_model(const double *y, int32_t n, int32_t m, const EtsSpec *spec_in, const EtsFixed *fixed,
			  EtsMode mode, double *work, const EtsTick *tick, EtsFit *fit)
{
	EtsSpec		spec_copy = *spec_in;	/* spec_in may point into fit */
	const EtsSpec *spec = &spec_copy;
	EtsProblem	pb;
	int32_t		mm = spec->season != ETS_N ? m : 1;
	int			npar = count_par(spec, mm, fixed),
				nv = 0;
	double	   *store = work,
			   *dwork = store + 3 * (size_t) n,
			   *sbuf = dwork + n,
			   *sbar = sbuf + SEASON_MAX,
			   *bw = sbar + SEASON_MAX,
			   *x,
			   *lo,
			   *hi,
			   *xbest;
	double		l0,
				b0,
				s0[SEASON_MAX],
				alo,
				ahi,
				scale = 0,
				fbest = INFINITY;
	OptControl	ctl;
	EtsPoint	pt;
	EtsFit		from;

	if (mode == ETS_POLISH)
		from = *fit;
	else
		memset(&from, 0, sizeof(from));
	memset(fit, 0, sizeof(*fit));
	if (spec->season != ETS_N && (m < 2 || m > SEASON_MAX || n <= m))
		return false;
	/* R: fit only when length(par) < n - 1, and the AICc needs n - npar - 2 > 0 */
	if (npar + 2 >= n)
		return false;
	if (spec->error == ETS_M || spec->season == ETS_M)
		for (int32_t t = 0; t < n; t++)
			if (!(y[t] > 0))
				return false;
	if (!alpha_box(spec, fixed, &alo, &ahi))
		return false;

	for (int32_t t = 0; t < n; t++)
		scale += fabs(y[t]);
	scale /= n;
	if (!(scale > 0))
		scale = 1;

	memset(&pb, 0, sizeof(pb));
	pb.y = y;
	pb.n = n;
	pb.m = mm;
	pb.spec = *spec;
	pb.scale = scale;
	pb.free_a = isnan(fixed->alpha);
	pb.free_b = spec->trend != ETS_N && isnan(fixed->beta);
	pb.free_g = spec->season != ETS_N && isnan(fixed->gamma);
	pb.free_p = spec->damped && isnan(fixed->phi);
	pb.a_fix = fixed->alpha;
	pb.b_fix = fixed->beta;
	pb.g_fix = fixed->gamma;
	pb.p_fix = fixed->phi;
	pb.store = store;
	pb.sbuf = sbuf;
	pb.sbar = sbar;
	pb.tick = tick;
	pb.nvar = nv = pb.free_a + pb.free_b + pb.free_g + pb.free_p + 1 + (spec->trend != ETS_N) +
		(spec->season != ETS_N ? mm - 1 : 0);
	x = bw + opt_bfgs_work_len(nv);
	lo = x + nv;
	hi = lo + nv;
	xbest = hi + nv;

	/* bounds, and R's starting point (initstate, initparam) */
	{
		int			k = 0;

		if (pb.free_a)
		{
			lo[k] = alo;
			hi[k] = ahi;
			x[k++] = alo + 0.2 * (ahi - alo) / mm;
		}
		if (pb.free_b)
		{
			lo[k] = 0;
			hi[k] = 1;
			x[k++] = 0.1;
		}
		if (pb.free_g)
		{
			lo[k] = 0;
			hi[k] = 1;
			x[k++] = 0.05;
		}
		if (pb.free_p)
		{
			lo[k] = ETS_PHI_LO;
			hi[k] = ETS_PHI_HI;
			x[k++] = ETS_PHI_LO + 0.99 * (ETS_PHI_HI - ETS_PHI_LO);
		}
		for (; k < nv; k++)
		{
			lo[k] = -INFINITY;
			hi[k] = INFINITY;
		}
	}
	fit->npar = npar;
	ctl.tick = NULL;
	ctl.tick_arg = NULL;
	ctl.gtol = 1e-9;

	if (mode == ETS_POLISH)
	{
		encode(&pb, &from, xbest);
		fbest = objective(xbest, NULL, &pb);
	}
	else
	{
		initial_states(y, n, mm, spec, dwork, &l0, &b0, s0);
		{
			int			k = pb.free_a + pb.free_b + pb.free_g + pb.free_p;
			double		f = spec->season == ETS_A ? scale : 1;

			x[k++] = l0 / scale;
			if (spec->trend != ETS_N)
				x[k++] = b0 / scale;
			if (spec->season != ETS_N)
				for (int32_t j = 1; j < mm; j++)
					x[k++] = s0[j] / f;
		}

		/*
		 * Three deterministic starts, each run loosely: R's starting point, a
		 * nearly deterministic model (small alpha, beta, gamma) and a fast
		 * adapting one.
		 */
		for (int start = 0; start < 3; start++)
		{
			static const double sa[3] = {-1, 0.01, 0.5},
						sb[3] = {0.1, 0.01, 0.3},
						sg[3] = {0.05, 0.01, 0.3};
			double	   *xs = xbest + nv;
			OptResult	r;
			int			k = 0;

			memcpy(xs, x, sizeof(double) * nv);
			if (pb.free_a)
			{
				if (sa[start] >= 0)
					xs[k] = alo + sa[start] * (ahi - alo);
				k++;
			}
			if (pb.free_b)
				xs[k++] = sb[start];
			if (pb.free_g)
				xs[k++] = sg[start];
			/* selection needs less than a fit whose likelihood is reported */
			ctl.maxit = mode == ETS_LOOSE ? 30 : 60;
			ctl.reltol = mode == ETS_LOOSE ? 1e-6 : 1e-7;
			r = opt_bfgs(nv, xs, lo, hi, objective, &pb, &ctl, bw);
			if (r.f < fbest)
			{
				fbest = r.f;
				memcpy(xbest, xs, sizeof(double) * nv);
			}
			/* with nothing but states to estimate, one start is enough */
			if (!pb.free_a && !pb.free_b && !pb.free_g)
				break;
		}

		/*
		 * For a fixed model also R's own search: Nelder-Mead (as R's optim)
		 * from R's starting point in R's parameterisation, 2000
		 * evaluations, its end point polished like the others.  The
		 * likelihood surface has several basins, and this one sometimes
		 * ends in a better one than the quasi-Newton starts.
		 */
		if (mode == ETS_FULL)
		{
			double	   *rp = xbest + 2 * nv,
					   *nw = rp + nv,
					   *xs = xbest + nv;
			RArg		ra = {&pb, alo, ahi, fixed->scale_exp, 2.0 * n * fixed->scale_exp * 0.69314718055994531};
			int			k = 0;
			OptResult	r;

			if (pb.free_a)
				rp[k++] = alo + 0.2 * (ahi - alo) / mm;
			if (pb.free_b)
				rp[k++] = ETS_PAR_LO + 0.1 * (dmin(ETS_PAR_HI, pb.free_a ? rp[0] : fixed->alpha) - ETS_PAR_LO);
			if (pb.free_g)
				rp[k++] = ETS_PAR_LO + 0.05 * (dmin(ETS_PAR_HI, 1 - (pb.free_a ? rp[0] : fixed->alpha)) - ETS_PAR_LO);
			if (pb.free_p)
				rp[k++] = ETS_PHI_LO + 0.99 * (ETS_PHI_HI - ETS_PHI_LO);
			rp[k++] = ldexp(l0, fixed->scale_exp);
			if (spec->trend != ETS_N)
				rp[k++] = ldexp(b0, fixed->scale_exp);
			if (spec->season != ETS_N)
				for (int32_t j = mm - 1; j >= 1; j--)
					rp[k++] = spec->season == ETS_A ? ldexp(s0[j], fixed->scale_exp) : s0[j];
			r = opt_nelder_mead_nash(nv, rp, r_objective, &ra, 1.4901161193847656e-08, 2000, &ctl, nw);
			if (isfinite(r.f))
			{
				r_to_x(&pb, rp, fixed->scale_exp, xs);
				r.f = objective(xs, NULL, &pb);
				if (r.f < fbest)
				{
					fbest = r.f;
					memcpy(xbest, xs, sizeof(double) * nv);
				}
			}
		}
	}
	/* polish the best: restart with a fresh Hessian until it stops improving */
	if (isfinite(fbest) && mode != ETS_LOOSE)
	{
		ctl.maxit = 250;
		ctl.reltol = 1e-11;
		for (int round = 0; round < 4; round++)
		{
			double	   *xs = xbest + nv;
			OptResult	r;

			memcpy(xs, xbest, sizeof(double) * nv);
			r = opt_bfgs(nv, xs, lo, hi, objective, &pb, &ctl, bw);
			if (!(r.f < fbest))
				break;
			memcpy(xbest, xs, sizeof(double) * nv);
			if (!(r.f < fbest - 1e-9 * fabs(fbest)))
			{
				fbest = r.f;
				break;
			}
			fbest = r.f;
		}
	}
	fit->evaluations = (int32_t) pb.evaluations;
	if (!isfinite(fbest))
		return false;
	decode(&pb, xbest, &pt, s0);
	finish_fit(&pb, &pt, s0, fit);
	return isfinite(fit->loglik);
}

/* ---- model selection ---- */

bool
ets_auto(const double *y, int32_t n, int32_t m, const EtsRequest *req, const EtsFixed *fixed,
		 double *work, const EtsTick *tick, EtsFit *fit, EtsFit *damped_fit, bool *has_damped)
{
	bool		positive = true,
				found = false;
	EtsSpec		cands[18];
	int			ncand = 0;
	EtsFit		cand;

	if (has_damped)
		*has_damped = false;
	for (int32_t t = 0; t < n; t++)
		if (!(y[t] > 0))
			positive = false;
	for (int e = ETS_A; e <= ETS_M; e++)
	{
		if ((req->error != ETS_Z && req->error != e) || (e == ETS_M && !positive))
			continue;
		for (int tr = 0; tr < 3; tr++)	/* N, A, Ad */
		{
			int			trend = tr == 0 ? ETS_N : ETS_A;
			bool		damped = tr == 2;

			/* Z chooses between no trend and a damped one */
			if (req->trend == ETS_Z && tr == 1)
				continue;
			if (req->trend != ETS_Z && req->trend != trend)
				continue;
			if (trend == ETS_A && req->trend == ETS_A && req->damped != damped)
				continue;
			for (int se = ETS_N; se <= ETS_M; se++)
			{
				if (req->season != ETS_Z && req->season != se)
					continue;
				if (se != ETS_N && (m < 2 || n <= m))
					continue;
				/* R's restricted set: no multiplicative season with additive errors */
				if ((e == ETS_A && se == ETS_M) || (se == ETS_M && !positive))
					continue;
				cands[ncand].error = (int8_t) e;
				cands[ncand].trend = (int8_t) trend;
				cands[ncand].season = (int8_t) se;
				cands[ncand].damped = damped;
				ncand++;
			}
		}
	}
	/* a single model: fitted in full (every start, R's search too, polished) */
	if (ncand == 1)
	{
		if (!ets_fit_model(y, n, m, &cands[0], fixed, ETS_FULL, work, tick, fit))
			return false;
		if (cands[0].damped && damped_fit)
		{
			*damped_fit = *fit;
			*has_damped = true;
		}
		return true;
	}
	/* several: each fitted loosely, the winners (by AICc) then polished */
	for (int c = 0; c < ncand; c++)
	{
		if (!ets_fit_model(y, n, m, &cands[c], fixed, ETS_LOOSE, work, tick, &cand))
			continue;
		if (!found || cand.aicc < fit->aicc)
		{
			*fit = cand;
			found = true;
		}
		if (cands[c].damped && damped_fit && (!*has_damped || cand.aicc < damped_fit->aicc))
		{
			*damped_fit = cand;
			*has_damped = true;
		}
	}
	/* polish the winners (the damped one may be the same model) */
	if (found && has_damped && *has_damped)
	{
		bool		same = damped_fit->spec.error == fit->spec.error &&
			damped_fit->spec.season == fit->spec.season && fit->spec.damped;

		ets_fit_model(y, n, m, &damped_fit->spec, fixed, ETS_POLISH, work, tick, damped_fit);
		if (same)
		{
			*fit = *damped_fit;
			return true;
		}
	}
	if (found)
		ets_fit_model(y, n, m, &fit->spec, fixed, ETS_POLISH, work, tick, fit);
	return found;
}

void
ets_fitted(const double *y, int32_t n, const EtsFit *fit, double *yhat)
{
	EtsReplay	r;

	replay(y, n, fit->m, &fit->spec, fit->alpha, fit->beta, fit->gamma, fit->phi, fit->l0, fit->b0,
		   fit->s0, yhat, &r);
}

/* ---- forecasts ---- */

void
ets_cursor(const EtsFit *fit, EtsCursor *c)
{
	(void) fit;
	c->k = 0;
	c->pw = 1;
	c->dsum = 0;
}

double
ets_next(const EtsFit *fit, EtsCursor *c)
{
	const EtsSpec *sp = &fit->spec;
	double		f;

	if (sp->trend != ETS_N)
	{
		c->pw *= sp->damped ? fit->phi : 1;
		c->dsum += c->pw;		/* phi + ... + phi^(k+1) */
	}
	f = fit->l + (sp->trend != ETS_N ? c->dsum * fit->b : 0);
	if (sp->season == ETS_A)
		f += fit->s[c->k % fit->m];
	else if (sp->season == ETS_M)
		f *= fit->s[c->k % fit->m];
	c->k++;
	return f;
}

size_t
ets_variance_work_len(const EtsFit *fit, int32_t h)
{
	size_t		k = (fit->spec.trend != ETS_N ? 2 : 1) * (size_t) fit->m;

	if (fit->spec.error == ETS_M && fit->spec.season == ETS_M)
		return 5 * k * k + 2 * k + 8;
	if (fit->spec.error == ETS_M)
		return 3 * (size_t) (h > 0 ? h : 1) + 8;
	return 8;
}

/* c_j = alpha + beta (phi + ... + phi^j) + gamma [j = 0 mod m]: the effect of an innovation j periods on */
static inline double
impulse(const EtsFit *fit, int32_t j, double dsum)
{
	double		c = fit->alpha;

	if (fit->spec.trend != ETS_N)
		c += fit->beta * dsum;
	if (fit->spec.season != ETS_N && j % fit->m == 0)
		c += fit->gamma;
	return c;
}


/*
 * Class 3 (multiplicative error and season): the moment recursion of
 * Hyndman et al. (2008, ch. 6) as R forecast's class3(): X = a s' (the
 * level-trend part times the seasonal vector) evolves as
 * vec X' = (F + e K + e^2 G) vec X with F = F2 (x) F1,
 * K = F2 (x) G1 + G2 (x) F1, G = G2 (x) G1; mean M = E vec X and
 * V = Var vec X.  Here F1 = [1 phi; 0 phi] and G1 = [a a phi; b b phi],
 * which keeps the model's damping (R's class3 uses [1 1; 0 phi]).  The
 * Kronecker products are applied through their structure (F2 is a cyclic
 * shift, G2 has one entry), O((km)^2) a step.
 */
typedef struct C3
{
	int			k;				/* 1 or 2: level (and trend) */
	int32_t		m;
	double		F1[2][2],
				G1[2][2],
				gamma;
} C3;

/*
 * Left-multiply the N x ncol matrix W (row-major, N = k m) by P (x) Q where
 * P is the seasonal shift F2 (which = 0) or G2 (which = 1) and Q is k x k;
 * out may not alias W.  Rows come in blocks of k by season position.
 */
static void
c3_left(const C3 *c, int which, const double Q[2][2], const double *W, double *out, int ncol)
{
	int			k = c->k;
	int32_t		m = c->m;

	for (int32_t i = 0; i < m; i++)
	{
		int32_t		src;
		double		f = which == 1 ? c->gamma : 1;

		if (which == 0)
			src = i == 0 ? m - 1 : i - 1;
		else if (i == 0)
			src = m - 1;
		else
		{
			for (int r = 0; r < k; r++)
				memset(out + (size_t) (i * k + r) * ncol, 0, sizeof(double) * ncol);
			continue;
		}
		for (int r = 0; r < k; r++)
		{
			double	   *o = out + (size_t) (i * k + r) * ncol;

			for (int col = 0; col < ncol; col++)
			{
				double		s = 0;

				for (int q = 0; q < k; q++)
					s += Q[r][q] * W[(size_t) (src * k + q) * ncol + col];
				o[col] = f * s;
			}
		}
	}
}

static void
transpose(double *A, int N)
{
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++)
		{
			double		t = A[i * N + j];

			A[i * N + j] = A[j * N + i];
			A[j * N + i] = t;
		}
}

/* out = L W R' for L, R structured operators (wl, Ql), (wr, Qr); tmp N x N */
static void
c3_sandwich(const C3 *c, int wl, const double Ql[2][2], int wr, const double Qr[2][2],
			const double *W, double *tmp, double *out)
{
	int			N = c->k * c->m;

	c3_left(c, wl, Ql, W, tmp, N);
	transpose(tmp, N);			/* (L W)' */
	c3_left(c, wr, Qr, tmp, out, N);	/* R (L W)' */
	transpose(out, N);			/* L W R' */
}

static void
class3_variance(const EtsFit *fit, int32_t h, double *var, double *work, const EtsTick *tick)
{
	C3			c;
	int			k = fit->spec.trend != ETS_N ? 2 : 1;
	int32_t		m = fit->m;
	int			N = k * m;
	size_t		NN = (size_t) N * N;
	double		phi = fit->spec.damped ? fit->phi : 1,
				s2 = fit->sigma2;
	double	   *V = work,
			   *T1 = V + NN,
			   *T2 = T1 + NN,
			   *W = T2 + NN,
			   *acc = W + NN,
			   *M = acc + NN,
			   *Mn = M + N;
	double		w[2] = {1, phi};

	c.k = k;
	c.m = m;
	c.gamma = fit->gamma;
	memset(c.F1, 0, sizeof(c.F1));
	memset(c.G1, 0, sizeof(c.G1));
	c.F1[0][0] = 1;
	c.G1[0][0] = fit->alpha;
	if (k == 2)
	{
		c.F1[0][1] = phi;
		c.F1[1][1] = phi;
		c.G1[0][1] = fit->alpha * phi;
		c.G1[1][0] = fit->beta;
		c.G1[1][1] = fit->beta * phi;
	}
	/* R's seasonal order: s_1 the most recent, s_m the season of period n + 1 = fit->s[0] */
	for (int32_t i = 0; i < m; i++)
	{
		double		si = fit->s[m - 1 - i];

		M[i * k] = fit->l * si;
		if (k == 2)
			M[i * k + 1] = fit->b * si;
	}
	memset(V, 0, sizeof(double) * NN);
	for (int32_t t = 0; t < h; t++)
	{
		/* mu = H1 X H2' with H1 = (1, phi): the level (+ phi trend) times s_m */
		double		mu = M[(m - 1) * k] + (k == 2 ? phi * M[(m - 1) * k + 1] : 0),
					hv = 0;

		for (int r = 0; r < k; r++)
			for (int q = 0; q < k; q++)
				hv += w[r] * w[q] * V[(size_t) ((m - 1) * k + r) * N + (m - 1) * k + q];
		var[t] = (1 + s2) * hv + s2 * mu * mu;
		if (t + 1 < h)
		{
			/* V' = F V F' + s2 (F V G' + G V F' + K (V + M M') K' + s2 G (3V + 2 M M') G') */
			c3_sandwich(&c, 0, c.F1, 0, c.F1, V, T1, acc);
			c3_sandwich(&c, 0, c.F1, 1, c.G1, V, T1, T2);
			for (int i = 0; i < N; i++)
				for (int j = 0; j < N; j++)
					acc[i * N + j] += s2 * (T2[i * N + j] + T2[j * N + i]);
			for (int i = 0; i < N; i++)
				for (int j = 0; j < N; j++)
					W[i * N + j] = V[i * N + j] + M[i] * M[j];
			/* K W K' with K = F2 (x) G1 + G2 (x) F1 */
			c3_sandwich(&c, 0, c.G1, 0, c.G1, W, T1, T2);
			for (size_t i = 0; i < NN; i++)
				acc[i] += s2 * T2[i];
			c3_sandwich(&c, 0, c.G1, 1, c.F1, W, T1, T2);
			for (int i = 0; i < N; i++)
				for (int j = 0; j < N; j++)
					acc[i * N + j] += s2 * (T2[i * N + j] + T2[j * N + i]);
			c3_sandwich(&c, 1, c.F1, 1, c.F1, W, T1, T2);
			for (size_t i = 0; i < NN; i++)
				acc[i] += s2 * T2[i];
			for (int i = 0; i < N; i++)
				for (int j = 0; j < N; j++)
					W[i * N + j] = 3 * V[i * N + j] + 2 * M[i] * M[j];
			c3_sandwich(&c, 1, c.G1, 1, c.G1, W, T1, T2);
			for (size_t i = 0; i < NN; i++)
				V[i] = acc[i] + s2 * s2 * T2[i];
			ets_tick_report(tick, 20 * (int64_t) NN);
		}
		/* M' = (F2 (x) F1) M + s2 (G2 (x) G1) M */
		c3_left(&c, 0, c.F1, M, Mn, 1);
		c3_left(&c, 1, c.G1, M, T1, 1);
		for (int i = 0; i < N; i++)
			M[i] = Mn[i] + s2 * T1[i];
	}
}

void
ets_variance(const EtsFit *fit, int32_t h, double *var, double *work, const EtsTick *tick)
{
	const EtsSpec *sp = &fit->spec;
	double		phi = sp->damped ? fit->phi : 1,
				pw = 1,
				dsum = 0;

	if (sp->error == ETS_M && sp->season == ETS_M)
	{
		class3_variance(fit, h, var, work, tick);
		return;
	}
	if (sp->error == ETS_A)
	{
		/* class 1: sigma^2 (1 + sum_{j<h} c_j^2) */
		double		v = 1;

		for (int32_t t = 0; t < h; t++)
		{
			if (t > 0)
			{
				double		c;

				pw *= phi;
				dsum += pw;
				c = impulse(fit, t, dsum);
				v += c * c;
			}
			var[t] = fit->sigma2 * v;
		}
	}
	else
	{
		/*
		 * class 2: theta_1 = mu_1^2, theta_j = mu_j^2 + sigma^2 sum_{i<j}
		 * c_i^2 theta_{j-i}, variance (1 + sigma^2) theta_j - mu_j^2
		 */
		double	   *c2 = work,
				   *th = work + h,
				   *mu = th + h;
		EtsCursor	cur;

		ets_cursor(fit, &cur);
		for (int32_t t = 0; t < h; t++)
			mu[t] = ets_next(fit, &cur);
		c2[0] = 0;
		for (int32_t t = 1; t < h; t++)
		{
			double		c;

			pw *= phi;
			dsum += pw;
			c = impulse(fit, t, dsum);
			c2[t] = c * c;
		}
		for (int32_t t = 0; t < h; t++)
		{
			double		s = 0;

			for (int32_t i = 1; i <= t; i++)
				s += c2[i] * th[t - i];
			th[t] = mu[t] * mu[t] + fit->sigma2 * s;
			var[t] = (1 + fit->sigma2) * th[t] - mu[t] * mu[t];
			if ((t & 255) == 255)
				ets_tick_report(tick, 256 * (int64_t) t);
		}
	}
}
