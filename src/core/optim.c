/*
 * optim.c: bounded BFGS, Nelder-Mead and one-dimensional search (see optim.h).
 *
 * BFGS follows Nocedal & Wright (2006), Numerical Optimization, algorithm
 * 6.1: the inverse Hessian approximation starts as the identity, is scaled
 * by y's / y'y after the first step (eq. 6.20) and is updated only when the
 * curvature y's is positive; the step length comes from backtracking with
 * the Armijo condition (c1 = 1e-4) and safeguarded quadratic interpolation.
 * Nelder-Mead is the textbook simplex method (reflection 1, expansion 2,
 * contraction 1/2, shrink 1/2) as in Lagarias et al. (1998).
 */
#include "optim.h"

#include <math.h>
#include <string.h>

/* ---- the change of variables ---- */

static inline bool
boxed(const double *lo, const double *hi, int i)
{
	return isfinite(lo[i]) && isfinite(hi[i]);
}

/* x from u; a boxed x is clamped so that rounding cannot leave the box */
static void
u_to_x(int n, const double *u, const double *lo, const double *hi, double *x)
{
	for (int i = 0; i < n; i++)
	{
		if (boxed(lo, hi, i))
		{
			double		s = sin(u[i]);
			double		v = lo[i] + (hi[i] - lo[i]) * (s * s);

			x[i] = v < lo[i] ? lo[i] : (v > hi[i] ? hi[i] : v);
		}
		else
			x[i] = u[i];
	}
}

/*
 * u from x.  A boxed x on (or outside) a bound starts just inside it: at the
 * bound itself du/dx is infinite and df/du zero, so the search could never
 * leave it.
 */
static void
x_to_u(int n, const double *x, const double *lo, const double *hi, double *u)
{
	for (int i = 0; i < n; i++)
	{
		if (boxed(lo, hi, i))
		{
			double		r = hi[i] > lo[i] ? (x[i] - lo[i]) / (hi[i] - lo[i]) : 0.5;

			r = r < 1e-6 ? 1e-6 : (r > 1 - 1e-6 ? 1 - 1e-6 : r);
			u[i] = asin(sqrt(r));
		}
		else
			u[i] = x[i];
	}
}

/* ---- BFGS ---- */

size_t
opt_bfgs_work_len(int n)
{
	return (size_t) n * n + 8 * (size_t) n;
}

typedef struct BfgsEval
{
	int			n;
	const double *lo,
			   *hi;
	OptGradFn	fn;
	void	   *arg;
	double	   *x,
			   *gx;
	int			evaluations;
	const OptControl *ctl;
} BfgsEval;

/* f and df/du at u */
static double
eval_u(BfgsEval *e, const double *u, double *gu)
{
	double		f;

	u_to_x(e->n, u, e->lo, e->hi, e->x);
	f = e->fn(e->x, e->gx, e->arg);
	e->evaluations++;
	if (e->ctl->tick)
		e->ctl->tick(e->ctl->tick_arg, 1);
	if (!isfinite(f))
		return INFINITY;
	for (int i = 0; i < e->n; i++)
	{
		double		g = e->gx[i];

		if (boxed(e->lo, e->hi, i))
			g *= (e->hi[i] - e->lo[i]) * sin(2 * u[i]);
		if (!isfinite(g))
			return INFINITY;
		gu[i] = g;
	}
	return f;
}

static void
set_identity(int n, double *H)
{
	memset(H, 0, sizeof(double) * n * n);
	for (int i = 0; i < n; i++)
		H[i * n + i] = 1;
}

OptResult
opt_bfgs(int n, double *x, const double *lo, const double *hi, OptGradFn fn, void *arg,
		 const OptControl *ctl, double *work)
{
	double	   *H = work,
			   *u = H + (size_t) n * n,
			   *g = u + n,
			   *d = g + n,
			   *un = d + n,
			   *gn = un + n,
			   *hy = gn + n,
			   *xs = hy + n,
			   *gxs = xs + n;
	BfgsEval	e = {n, lo, hi, fn, arg, xs, gxs, 0, ctl};
	OptResult	res = {INFINITY, 0, 0, false};
	double		f;
	bool		fresh = true;	/* H is the (unscaled) identity */
	int			small = 0;

	x_to_u(n, x, lo, hi, u);
	f = eval_u(&e, u, g);
	if (!isfinite(f))
	{
		res.evaluations = e.evaluations;
		return res;
	}
	set_identity(n, H);
	for (res.iterations = 0; res.iterations < ctl->maxit; res.iterations++)
	{
		double		gd = 0,
					gmax = 0,
					dmax = 0,
					t = 1,
					fn_ = INFINITY;
		bool		accepted = false;

		for (int i = 0; i < n; i++)
			gmax = fmax(gmax, fabs(g[i]));
		if (gmax <= ctl->gtol)
		{
			res.converged = true;
			break;
		}
		for (int i = 0; i < n; i++)
		{
			double		s = 0;

			for (int j = 0; j < n; j++)
				s -= H[i * n + j] * g[j];
			d[i] = s;
			gd += s * g[i];
		}
		if (!(gd < 0))
		{
			/* not a descent direction: restart from steepest descent */
			set_identity(n, H);
			fresh = true;
			gd = 0;
			for (int i = 0; i < n; i++)
			{
				d[i] = -g[i];
				gd -= g[i] * g[i];
			}
		}
		/* at most one unit in any transformed coordinate per step */
		for (int i = 0; i < n; i++)
			dmax = fmax(dmax, fabs(d[i]));
		if (dmax > 1)
			t = 1 / dmax;
		for (int tries = 0; tries < 40; tries++)
		{
			for (int i = 0; i < n; i++)
				un[i] = u[i] + t * d[i];
			fn_ = eval_u(&e, un, gn);
			if (fn_ <= f + 1e-4 * t * gd)
			{
				accepted = true;
				break;
			}
			if (isfinite(fn_))
			{
				/* minimiser of the quadratic through f, f'(0) = gd and fn_, kept in [t/10, t/2] */
				double		tq = -gd * t * t / (2 * (fn_ - f - gd * t));

				t = tq < 0.1 * t ? 0.1 * t : (tq > 0.5 * t ? 0.5 * t : tq);
			}
			else
				t *= 0.1;
		}
		if (!accepted)
		{
			if (fresh)
				break;			/* no progress even along the gradient */
			set_identity(n, H);
			fresh = true;
			continue;
		}
		{
			double		sy = 0,
						yy = 0,
						yhy = 0,
						snorm = 0,
						ynorm = 0;

			for (int i = 0; i < n; i++)
			{
				double		s = un[i] - u[i],
							y = gn[i] - g[i];

				d[i] = s;		/* d now holds s */
				gn[i] = y;		/* and gn holds y until g is refreshed below */
				sy += s * y;
				yy += y * y;
				snorm += s * s;
				ynorm += y * y;
			}
			if (sy > 1e-12 * sqrt(snorm * ynorm) && sy > 0)
			{
				double		rho = 1 / sy;

				if (fresh)
				{
					double		scale = sy / yy;

					for (int i = 0; i < n; i++)
						H[i * n + i] = scale;
					fresh = false;
				}
				for (int i = 0; i < n; i++)
				{
					double		s = 0;

					for (int j = 0; j < n; j++)
						s += H[i * n + j] * gn[j];
					hy[i] = s;
					yhy += gn[i] * s;
				}
				for (int i = 0; i < n; i++)
					for (int j = 0; j < n; j++)
						H[i * n + j] += -rho * (hy[i] * d[j] + d[i] * hy[j])
							+ (rho * rho * yhy + rho) * d[i] * d[j];
			}
			/* recover the new gradient: y + g */
			for (int i = 0; i < n; i++)
			{
				g[i] += gn[i];
				u[i] = un[i];
			}
		}
		if (f - fn_ <= ctl->reltol * (fabs(f) + ctl->reltol))
		{
			if (++small >= 2)
			{
				f = fn_;
				res.converged = true;
				res.iterations++;
				break;
			}
		}
		else
			small = 0;
		f = fn_;
		if (ctl->tick)
			ctl->tick(ctl->tick_arg, 0);
	}
	u_to_x(n, u, lo, hi, x);
	res.f = f;
	res.evaluations = e.evaluations;
	return res;
}

/* ---- Nelder-Mead ---- */

size_t
opt_nm_work_len(int n)
{
	return (size_t) (n + 1) * n + (n + 1) + 5 * (size_t) n;
}

typedef struct NmEval
{
	int			n;
	const double *lo,
			   *hi;
	OptFn		fn;
	void	   *arg;
	double	   *x;
	int			evaluations;
	const OptControl *ctl;
} NmEval;

static double
nm_eval(NmEval *e, const double *u)
{
	double		f;

	u_to_x(e->n, u, e->lo, e->hi, e->x);
	f = e->fn(e->x, e->arg);
	e->evaluations++;
	if (e->ctl->tick)
		e->ctl->tick(e->ctl->tick_arg, 1);
	return isfinite(f) ? f : INFINITY;
}

OptResult
opt_nelder_mead(int n, double *x, const double *lo, const double *hi, OptFn fn, void *arg,
				double step, const OptControl *ctl, double *work)
{
	double	   *S = work,
			   *F = S + (size_t) (n + 1) * n,
			   *c = F + n + 1,
			   *r = c + n,
			   *q = r + n,
			   *xs = q + n;
	NmEval		e = {n, lo, hi, fn, arg, xs, 0, ctl};
	OptResult	res = {INFINITY, 0, 0, false};

	x_to_u(n, x, lo, hi, S);
	F[0] = nm_eval(&e, S);
	for (int k = 1; k <= n; k++)
	{
		double	   *v = S + (size_t) k * n;

		memcpy(v, S, sizeof(double) * n);
		v[k - 1] += step;
		F[k] = nm_eval(&e, v);
	}
	while (e.evaluations < ctl->maxit)
	{
		int			best = 0,
					worst = 0,
					second;
		double		fr,
					fq;

		for (int k = 1; k <= n; k++)
		{
			if (F[k] < F[best])
				best = k;
			if (F[k] >= F[worst])
				worst = k;
		}
		second = best;
		for (int k = 0; k <= n; k++)
			if (k != worst && F[k] >= F[second])
				second = k;
		res.iterations++;
		if (isfinite(F[worst]) &&
			F[worst] - F[best] <= ctl->reltol * (fabs(F[best]) + ctl->reltol))
		{
			res.converged = true;
			break;
		}
		/* centroid of all but the worst */
		for (int i = 0; i < n; i++)
		{
			double		s = 0;

			for (int k = 0; k <= n; k++)
				if (k != worst)
					s += S[(size_t) k * n + i];
			c[i] = s / n;
		}
		for (int i = 0; i < n; i++)
			r[i] = c[i] + (c[i] - S[(size_t) worst * n + i]);
		fr = nm_eval(&e, r);
		if (fr < F[best])
		{
			for (int i = 0; i < n; i++)
				q[i] = c[i] + 2 * (c[i] - S[(size_t) worst * n + i]);
			fq = nm_eval(&e, q);
			memcpy(S + (size_t) worst * n, fq < fr ? q : r, sizeof(double) * n);
			F[worst] = fq < fr ? fq : fr;
			continue;
		}
		if (fr < F[second])
		{
			memcpy(S + (size_t) worst * n, r, sizeof(double) * n);
			F[worst] = fr;
			continue;
		}
		/* contraction: outside if the reflection improved on the worst, inside otherwise */
		if (fr < F[worst])
			for (int i = 0; i < n; i++)
				q[i] = c[i] + 0.5 * (r[i] - c[i]);
		else
			for (int i = 0; i < n; i++)
				q[i] = c[i] + 0.5 * (S[(size_t) worst * n + i] - c[i]);
		fq = nm_eval(&e, q);
		if (fq < fmin(fr, F[worst]))
		{
			memcpy(S + (size_t) worst * n, q, sizeof(double) * n);
			F[worst] = fq;
			continue;
		}
		/* shrink towards the best */
		for (int k = 0; k <= n; k++)
		{
			if (k == best)
				continue;
			for (int i = 0; i < n; i++)
				S[(size_t) k * n + i] = S[(size_t) best * n + i] + 0.5 * (S[(size_t) k * n + i] - S[(size_t) best * n + i]);
			F[k] = nm_eval(&e, S + (size_t) k * n);
		}
	}
	{
		int			best = 0;

		for (int k = 1; k <= n; k++)
			if (F[k] < F[best])
				best = k;
		u_to_x(n, S + (size_t) best * n, lo, hi, x);
		res.f = F[best];
	}
	res.evaluations = e.evaluations;
	return res;
}

/* ---- one dimension ---- */

double
opt_minimise_1d(double (*fn) (double x, void *arg), void *arg, double lo, double hi, int npts,
				double tol, double *fmin)
{
	const double g = 0.61803398874989485;
	double		best_x = lo,
				best_f = INFINITY,
				a,
				b,
				x1,
				x2,
				f1,
				f2;
	int			best_k = 0;

	if (npts < 2)
		npts = 2;
	for (int k = 0; k < npts; k++)
	{
		double		x = k == npts - 1 ? hi : lo + (hi - lo) * k / (npts - 1);
		double		f = fn(x, arg);

		if (f < best_f)
		{
			best_f = f;
			best_x = x;
			best_k = k;
		}
	}
	if (!isfinite(best_f))
	{
		*fmin = best_f;
		return best_x;
	}
	a = best_k > 0 ? lo + (hi - lo) * (best_k - 1) / (npts - 1) : lo;
	b = best_k < npts - 1 ? lo + (hi - lo) * (best_k + 1) / (npts - 1) : hi;
	x1 = b - g * (b - a);
	x2 = a + g * (b - a);
	f1 = fn(x1, arg);
	f2 = fn(x2, arg);
	while (b - a > tol)
	{
		if (f1 <= f2)
		{
			b = x2;
			x2 = x1;
			f2 = f1;
			x1 = b - g * (b - a);
			f1 = fn(x1, arg);
		}
		else
		{
			a = x1;
			x1 = x2;
			f1 = f2;
			x2 = a + g * (b - a);
			f2 = fn(x2, arg);
		}
	}
	if (f1 < best_f && f1 <= f2)
	{
		best_f = f1;
		best_x = x1;
	}
	else if (f2 < best_f)
	{
		best_f = f2;
		best_x = x2;
	}
	*fmin = best_f;
	return best_x;
}
