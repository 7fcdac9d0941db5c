/*
 * optim.h: deterministic bounded minimisation in plain C for the
 * forecasting methods: a quasi-Newton method (BFGS) for smooth objectives
 * with analytic gradients, Nelder-Mead for small derivative-free problems,
 * and a grid-bracketed Brent search in one dimension.
 *
 * Bounds are handled by a change of variables: a parameter with a finite
 * box [lo, hi] is x = lo + (hi - lo) sin^2(u), u unconstrained, so that the
 * box is reached at finite u (where dx/du = 0, so an optimum on a bound is a
 * stationary point in u) and every u is feasible.  Parameters without a box
 * (lo = -INFINITY, hi = INFINITY) are used as they are.
 *
 * Everything works on caller buffers and never allocates; nothing is random.
 */
#ifndef DP_OPTIM_H
#define DP_OPTIM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A smooth objective: returns f(x) (INFINITY where it is undefined, which
 * the line search backs off from) and, when grad is not NULL, writes df/dx.
 */
typedef double (*OptGradFn) (const double *x, double *grad, void *arg);
/* A derivative-free objective. */
typedef double (*OptFn) (const double *x, void *arg);

typedef struct OptControl
{
	int			maxit;			/* iterations (BFGS) or evaluations (Nelder-Mead) */
	double		reltol;			/* stop when f improves by less than reltol (|f| + reltol) */
	double		gtol;			/* BFGS: stop when max |df/du| is below gtol */
	/* called after every iteration with arg; may be NULL */
	void		(*tick) (void *arg, int cost);
	void	   *tick_arg;
} OptControl;

typedef struct OptResult
{
	double		f;				/* the objective at the returned x */
	int			iterations;
	int			evaluations;
	bool		converged;
} OptResult;

/* Doubles of work space dp_bfgs needs for n parameters. */
extern size_t opt_bfgs_work_len(int n);
/*
 * Minimise fn over the box lo <= x <= hi by BFGS in the transformed
 * variables, from x (inside or on the box; updated in place).
 */
extern OptResult opt_bfgs(int n, double *x, const double *lo, const double *hi, OptGradFn fn,
						  void *arg, const OptControl *ctl, double *work);

/* Doubles of work space opt_nelder_mead needs for n parameters. */
extern size_t opt_nm_work_len(int n);
/*
 * Minimise fn over the box by Nelder-Mead in the transformed variables, from
 * x (updated in place); step is the initial simplex size in u.
 */
extern OptResult opt_nelder_mead(int n, double *x, const double *lo, const double *hi, OptFn fn,
								 void *arg, double step, const OptControl *ctl, double *work);

/*
 * Nelder-Mead in Nash's form, as R's optim runs it (reflection 1, expansion
 * 2, contraction 1/2; the start's tenth as the simplex step; values
 * INFINITY count as 1e35; stop when the simplex's values span at most
 * intol (|f(start)| + intol), or after maxit evaluations).  Unbounded; x is
 * updated in place; work needs opt_nash_work_len(n) doubles.
 */
extern size_t opt_nash_work_len(int n);
extern OptResult opt_nelder_mead_nash(int n, double *x, OptFn fn, void *arg, double intol,
									  int maxit, const OptControl *ctl, double *work);

/*
 * Minimise a function of one variable on [lo, hi]: evaluate it on a grid of
 * npts equally spaced points (ends included), then refine between the grid
 * neighbours of the best one by Brent's method to tol.  Returns the
 * minimiser (never worse than the best grid point); *fmin gets its value.
 * Ties on the grid go to the smallest x.
 */
extern double opt_minimise_1d(double (*fn) (double x, void *arg), void *arg, double lo, double hi,
							  int npts, double tol, double *fmin);

#endif
