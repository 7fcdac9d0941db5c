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
	int			small = 0,
				releases = 0;

	x_to_u(n, x, lo, hi, u);
	f = eval_u(&e, u, g);
	if (!isfinite(f))
	{
		res.evaluations = e.evaluations;
		return res;
	}
	set_identity(n, H);
	res.iterations = 0;
restart:
	for (; res.iterations < ctl->maxit; res.iterations++)
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
				/*
				 * H += -rho (hy s' + s hy') + (rho^2 y'Hy + rho) s s'
				 *    = a s' - rho s hy' with a = (rho^2 y'Hy + rho) s - rho hy
				 */
				for (int i = 0; i < n; i++)
				{
					double		ai = (rho * rho * yhy + rho) * d[i] - rho * hy[i],
								bi = -rho * d[i];
					double	   *Hi = H + (size_t) i * n;

					for (int j = 0; j < n; j++)
						Hi[j] += ai * d[j] + bi * hy[j];
				}
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
	/*
	 * A parameter on a bound is a stationary point in u whatever the
	 * gradient, so check the Kuhn-Tucker conditions in x: a parameter on a
	 * bound whose gradient points into the box is moved a little inside,
	 * and the search goes on (a few times at most).
	 */
	if (releases < 3 && res.iterations < ctl->maxit)
	{
		bool		moved = false;
		double		fr;

		memcpy(un, u, sizeof(double) * n);
		fr = eval_u(&e, un, gn);
		for (int i = 0; i < n && isfinite(fr); i++)
		{
			double		s2;

			if (!boxed(lo, hi, i) || !(hi[i] > lo[i]))
				continue;
			s2 = sin(un[i]);
			s2 *= s2;
			if ((s2 <= 1e-5 && e.gx[i] < 0) || (s2 >= 1 - 1e-5 && e.gx[i] > 0))
			{
				un[i] = asin(sqrt(s2 <= 1e-5 ? 1e-3 : 1 - 1e-3));
				moved = true;
			}
		}
		if (moved)
		{
			double		fm = eval_u(&e, un, gn);

			if (fm <= f)
			{
				memcpy(u, un, sizeof(double) * n);
				memcpy(g, gn, sizeof(double) * n);
				f = fm;
				set_identity(n, H);
				fresh = true;
				small = 0;
				releases++;
				res.converged = false;
				goto restart;
			}
		}
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

/* ---- Nelder-Mead as R's optim runs it ---- */

size_t
opt_nash_work_len(int n)
{
	return (size_t) (n + 2) * (n + 1) + 2 * (size_t) n;
}

/*
 * Nelder-Mead in Nash's form (Compact Numerical Methods for Computers, 2nd
 * ed., 1990, algorithm 19), the variant R's optim(method = "Nelder-Mead")
 * runs: the simplex is the start and the start plus step on each coordinate
 * (step a tenth of the largest |x_i|, 0.1 when all are 0, times 10 until it
 * changes the coordinate); reflection 1, expansion 2, contraction 1/2 of the
 * worst point towards the centroid (after it is replaced by the reflected
 * point when that is better), shrink towards the best when the contraction
 * fails and the reflection was no better than the worst; non-finite values
 * count as 1e35; stop when the values span at most intol (|f0| + intol), f0
 * the value at the start, or after maxit evaluations.  Unbounded: fn says
 * INFINITY outside its domain.
 */
OptResult
opt_nelder_mead_nash(int n, double *x, OptFn fn, void *arg, double intol, int maxit,
					 const OptControl *ctl, double *work)
{
	const double big = 1e35;
	int			n1 = n + 1;
	double	   *P = work,		/* (n + 1) x (n + 2): vertex j in column j, its value in row n */
			   *b = P + (size_t) n1 * (n + 2),
			   *best = b + n;
	OptResult	res = {INFINITY, 0, 0, false};
	double		f,
				step = 0,
				size = 0,
				oldsize,
				convtol;
	int			L = 0,
				C = n + 1;
	bool		calcvert = true;

#define PV(i, j) P[(size_t) (i) * (n + 2) + (j)]
	f = fn(x, arg);
	res.evaluations = 1;
	if (!isfinite(f))
		return res;
	convtol = intol * (fabs(f) + intol);
	PV(n, 0) = f;
	for (int i = 0; i < n; i++)
		PV(i, 0) = x[i];
	for (int i = 0; i < n; i++)
		if (0.1 * fabs(x[i]) > step)
			step = 0.1 * fabs(x[i]);
	if (step == 0)
		step = 0.1;
	for (int j = 1; j < n1; j++)
	{
		double		trystep = step;

		for (int i = 0; i < n; i++)
			PV(i, j) = x[i];
		while (PV(j - 1, j) == x[j - 1])
		{
			PV(j - 1, j) = x[j - 1] + trystep;
			trystep *= 10;
		}
		size += trystep;
	}
	oldsize = size;
	for (;;)
	{
		double		VL,
					VH,
					VR;
		int			H;

		if (calcvert)
		{
			for (int j = 0; j < n1; j++)
				if (j != L)
				{
					for (int i = 0; i < n; i++)
						b[i] = PV(i, j);
					f = fn(b, arg);
					res.evaluations++;
					PV(n, j) = isfinite(f) ? f : big;
				}
			calcvert = false;
		}
		VL = VH = PV(n, L);
		H = L;
		for (int j = 0; j < n1; j++)
			if (j != L)
			{
				f = PV(n, j);
				if (f < VL)
				{
					L = j;
					VL = f;
				}
				if (f > VH)
				{
					H = j;
					VH = f;
				}
			}
		if (VH <= VL + convtol)
		{
			res.converged = true;
			break;
		}
		res.iterations++;
		if (ctl && ctl->tick)
			ctl->tick(ctl->tick_arg, 1);
		/* centroid of all but the worst, in column C */
		for (int i = 0; i < n; i++)
		{
			double		t = -PV(i, H);

			for (int j = 0; j < n1; j++)
				t += PV(i, j);
			PV(i, C) = t / n;
		}
		for (int i = 0; i < n; i++)
			b[i] = 2 * PV(i, C) - PV(i, H);
		f = fn(b, arg);
		res.evaluations++;
		VR = isfinite(f) ? f : big;
		if (VR < VL)
		{
			/* expansion: the reflected point goes into column C */
			PV(n, C) = VR;
			for (int i = 0; i < n; i++)
			{
				double		e = 2 * b[i] - PV(i, C);

				PV(i, C) = b[i];
				b[i] = e;
			}
			f = fn(b, arg);
			res.evaluations++;
			f = isfinite(f) ? f : big;
			if (f < VR)
			{
				for (int i = 0; i < n; i++)
					PV(i, H) = b[i];
				PV(n, H) = f;
			}
			else
			{
				for (int i = 0; i < n; i++)
					PV(i, H) = PV(i, C);
				PV(n, H) = VR;
			}
		}
		else
		{
			if (VR < VH)
			{
				for (int i = 0; i < n; i++)
					PV(i, H) = b[i];
				PV(n, H) = VR;
			}
			for (int i = 0; i < n; i++)
				b[i] = 0.5 * PV(i, H) + 0.5 * PV(i, C);
			f = fn(b, arg);
			res.evaluations++;
			f = isfinite(f) ? f : big;
			if (f < PV(n, H))
			{
				for (int i = 0; i < n; i++)
					PV(i, H) = b[i];
				PV(n, H) = f;
			}
			else if (VR >= VH)
			{
				/* shrink towards the best */
				calcvert = true;
				size = 0;
				for (int j = 0; j < n1; j++)
					if (j != L)
						for (int i = 0; i < n; i++)
						{
							PV(i, j) = 0.5 * (PV(i, j) - PV(i, L)) + PV(i, L);
							size += fabs(PV(i, j) - PV(i, L));
						}
				if (size < oldsize)
					oldsize = size;
				else
					break;		/* the simplex no longer shrinks */
			}
		}
		if (res.evaluations > maxit)
			break;
	}
	for (int i = 0; i < n; i++)
		best[i] = PV(i, L);
	memcpy(x, best, sizeof(double) * n);
	res.f = PV(n, L) >= big ? INFINITY : PV(n, L);
#undef PV
	return res;
}

/* ---- one dimension ---- */

double
opt_minimise_1d(double (*fn) (double x, void *arg), void *arg, double lo, double hi, int npts,
				double tol, double *fmin)
{
	const double cgold = 0.38196601125010515;	/* (3 - sqrt(5)) / 2 */
	double		best_x = lo,
				best_f = INFINITY,
				a,
				b,
				x,
				w,
				v,
				fx,
				fw,
				fv,
				d = 0,
				e = 0;
	int			best_k = 0;

	if (npts < 2)
		npts = 2;
	for (int k = 0; k < npts; k++)
	{
		double		xk = k == npts - 1 ? hi : lo + (hi - lo) * k / (npts - 1);
		double		f = fn(xk, arg);

		if (f < best_f)
		{
			best_f = f;
			best_x = xk;
			best_k = k;
		}
	}
	if (!isfinite(best_f))
	{
		*fmin = best_f;
		return best_x;
	}

	/*
	 * Refine within the neighbouring grid points by Brent's method (Brent
	 * 1973, ch. 5): parabolic interpolation through the three best points,
	 * golden-section steps when the parabola misbehaves.
	 */
	a = best_k > 0 ? lo + (hi - lo) * (best_k - 1) / (npts - 1) : lo;
	b = best_k < npts - 1 ? lo + (hi - lo) * (best_k + 1) / (npts - 1) : hi;
	x = w = v = best_x;
	fx = fw = fv = best_f;
	for (int it = 0; it < 100; it++)
	{
		double		m = 0.5 * (a + b),
					tol1 = tol * 0.5 + 1e-12 * fabs(x),
					tol2 = 2 * tol1,
					u,
					fu;

		if (fabs(x - m) <= tol2 - 0.5 * (b - a))
			break;
		if (fabs(e) > tol1)
		{
			/* a parabola through x, w, v */
			double		r = (x - w) * (fx - fv),
						q = (x - v) * (fx - fw),
						p = (x - v) * q - (x - w) * r;

			q = 2 * (q - r);
			if (q > 0)
				p = -p;
			else
				q = -q;
			r = e;
			e = d;
			if (fabs(p) >= fabs(0.5 * q * r) || p <= q * (a - x) || p >= q * (b - x))
			{
				e = (x < m ? b : a) - x;
				d = cgold * e;
			}
			else
			{
				d = p / q;
				u = x + d;
				if (u - a < tol2 || b - u < tol2)
					d = x < m ? tol1 : -tol1;
			}
		}
		else
		{
			e = (x < m ? b : a) - x;
			d = cgold * e;
		}
		u = fabs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
		fu = fn(u, arg);
		if (fu <= fx)
		{
			if (u < x)
				b = x;
			else
				a = x;
			v = w;
			fv = fw;
			w = x;
			fw = fx;
			x = u;
			fx = fu;
		}
		else
		{
			if (u < x)
				a = u;
			else
				b = u;
			if (fu <= fw || w == x)
			{
				v = w;
				fv = fw;
				w = u;
				fw = fu;
			}
			else if (fu <= fv || v == x || v == w)
			{
				v = u;
				fv = fu;
			}
		}
	}
	if (fx < best_f)
	{
		best_f = fx;
		best_x = x;
	}
	*fmin = best_f;
	return best_x;
}
