/*
 * replenish_core.c: the replenishment plan and the required capacity factor
 * as linear programmes (see replenish_core.h for the model), built here and
 * solved through lp.h.
 *
 * Columns, claimant by claimant and period by period: allocated x, unmet u
 * (plan only), stock up to the target l in [0, target] and stock above it
 * h >= 0, so stock = l + h and the stock-periods below target are
 * sum (target - l): minimising them needs no extra rows.  Rows: one balance
 * equation per claimant and period, one capacity row per period.
 */
#include "replenish_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* 22023 (or 22003 when not finite) for a negative quantity, naming argument, element and period. */
static bool
fail_quantity(const RepInput *in, DpError *err, const char *what, int32_t i, int32_t t, double x)
{
	char		d[16];

	if (!isfinite(x))
		return dp_fail(err, DP_ERR_RANGE, "%s[%d] must be finite: %s", what, (int) i + 1, dp_num(x).s);
	if (t < 0)
		return dp_fail(err, DP_ERR_ARG, "%s[%d] must not be negative: %s", what,
					   (int) i + 1, dp_num(x).s);
	cal_format_date(cal_index_start(in->period, in->first + t), d);
	return dp_fail(err, DP_ERR_ARG, "%s[%d] must not be negative: %s in period %s", what,
				   (int) i + 1, dp_num(x).s, d);
}

bool
rep_check(const RepInput *in, DpError *err)
{
	int32_t		n = in->n,
				T = in->T;

	if (n < 1)
		return dp_fail(err, DP_ERR_ARG, "demands must not be empty");
	if (T < 0 || (int64_t) n * T > REP_MAX_CELLS)
	{
		dp_fail(err, DP_ERR_LIMIT, "replenishment problem too large: %d claimants x %d periods",
				(int) n, (int) T);
		dp_detail(err, "The limit is %d claimant-periods.", REP_MAX_CELLS);
		dp_hint(err, "Plan fewer claimants or a coarser period (dp.resample).");
		return false;
	}
	for (int32_t i = 0; i < n; i++)
	{
		if (!(in->on_hand[i] >= 0) || !isfinite(in->on_hand[i]))
			return fail_quantity(in, err, "on_hand", i, -1, in->on_hand[i]);
		if (!(in->target[i] >= 0) || !isfinite(in->target[i]))
			return fail_quantity(in, err, "targets", i, -1, in->target[i]);
		if (in->weights != NULL && !(in->weights[i] > 0 && isfinite(in->weights[i])))
			return dp_fail(err, isfinite(in->weights[i]) ? DP_ERR_ARG : DP_ERR_RANGE,
						   "weights[%d] must be positive and finite: %s", (int) i + 1,
						   dp_num(in->weights[i]).s);
		for (int32_t t = 0; t < T; t++)
		{
			double		d = in->demand[(int64_t) i * T + t];

			if (!(d >= 0) || !isfinite(d))
				return fail_quantity(in, err, "demands", i, t, d);
			if (in->deliveries != NULL)
			{
				d = in->deliveries[(int64_t) i * T + t];
				if (!(d >= 0) || !isfinite(d))
					return fail_quantity(in, err, "deliveries", i, t, d);
			}
		}
	}
	for (int32_t t = 0; t < T; t++)
		if (!(in->capacity[t] >= 0) || !isfinite(in->capacity[t]))
		{
			char		d[16];

			cal_format_date(cal_index_start(in->period, in->first + t), d);
			return dp_fail(err, isfinite(in->capacity[t]) ? DP_ERR_ARG : DP_ERR_RANGE,
						   "capacity must not be negative: %s in period %s",
						   dp_num(in->capacity[t]).s, d);
		}
	return true;
}

/* ---- the model ---- */

/* Workspace: the sparse matrix and vectors of the largest model (the plan's, 4 columns a cell). */
typedef struct RepWork
{
	int			ncols,
				nrows,
				nv;				/* columns per claimant-period: 4 plan, 3 required capacity */
	int		   *start;			/* ncols + 1 */
	int		   *index;			/* nnz */
	int		   *rowcols;		/* ncols: columns of an added row */
	double	   *value;			/* nnz */
	double	   *collo,
			   *colup,
			   *obj,
			   *rowvals;		/* ncols each */
	double	   *rowlo,
			   *rowup;			/* nrows each */
	double	   *scale;			/* n: each claimant's largest quantity (1 if none) */
	double	   *slack;			/* T: capacity left in each period after cleaning */
	double		cap_scale;		/* the largest capacity (1 if none) */
} RepWork;

#define COLS(n, T)	(4 * (int64_t) (n) * (T) + 1)
#define NNZ(n, T)	(7 * (int64_t) (n) * (T) + (T))
#define ROWS(n, T)	((int64_t) (n) * (T) + (T) + 2)

/*
 * Carve the workspace at mem into w's arrays (the doubles first, then the
 * ints, so each stays aligned); mem NULL: only measure.  Returns the bytes
 * the arrays take, so the size and the layout are one list.
 */
static size_t
work_layout(RepWork *w, char *mem, int32_t n, int32_t T)
{
	int64_t		c = COLS(n, T),
				z = NNZ(n, T),
				r = ROWS(n, T);
	double	  **dv[] = {&w->value, &w->collo, &w->colup, &w->obj, &w->rowvals, &w->rowlo, &w->rowup,
	&w->scale, &w->slack};
	const int64_t dlen[] = {z, c, c, c, c, r, r, n, T};
	int		  **iv[] = {&w->start, &w->index, &w->rowcols};
	const int64_t ilen[] = {c + 1, z, c};
	size_t		off = 0;

	for (size_t i = 0; i < sizeof(dv) / sizeof(dv[0]); i++)
	{
		if (mem != NULL)
			*dv[i] = (double *) (mem + off);
		off += sizeof(double) * (size_t) dlen[i];
	}
	for (size_t i = 0; i < sizeof(iv) / sizeof(iv[0]); i++)
	{
		if (mem != NULL)
			*iv[i] = (int *) (mem + off);
		off += sizeof(int) * (size_t) ilen[i];
	}
	return off;
}

size_t
rep_work_size(int32_t n, int32_t T)
{
	RepWork		w;

	return work_layout(&w, NULL, n, T) + 64;
}

static inline double
deliv(const RepInput *in, int32_t i, int32_t t)
{
	return in->deliveries != NULL ? in->deliveries[(int64_t) i * in->T + t] : 0;
}

/* Each claimant's largest quantity and the largest capacity: the units the solver sees. */
static void
set_scales(const RepInput *in, RepWork *w)
{
	w->cap_scale = 0;
	for (int32_t t = 0; t < in->T; t++)
		w->cap_scale = fmax(w->cap_scale, in->capacity[t]);
	if (w->cap_scale == 0)
		w->cap_scale = 1;
	for (int32_t i = 0; i < in->n; i++)
	{
		double		s = fmax(in->on_hand[i], in->target[i]);

		for (int32_t t = 0; t < in->T; t++)
			s = fmax(s, fmax(in->demand[(int64_t) i * in->T + t], deliv(in, i, t)));
		w->scale[i] = s > 0 ? s : 1;
	}
}

/*
 * Build the model.  Plan (with_unmet): columns x, u, l, h per cell, capacity
 * rows sum x <= capacity.  Required capacity: columns x, l, h per cell and
 * k last, capacity rows sum x - k * capacity <= 0, l >= target from period
 * by on.  All objective coefficients 0 (set per phase).
 */
static LpModel *
build_model(const RepInput *in, RepWork *w, bool with_unmet, int32_t by)
{
	int32_t		n = in->n,
				T = in->T;
	int			nv = with_unmet ? 4 : 3;
	int			nrows = n * T + T;
	int			col = 0,
				nz = 0;

	w->nv = nv;
	for (int32_t i = 0; i < n; i++)
	{
		double		si = w->scale[i],
					g = in->target[i] / si;

		for (int32_t t = 0; t < T; t++)
		{
			int			bal = i * T + t;
			double		cap = in->capacity[t];

			/* x: allocated */
			w->start[col] = nz;
			w->index[nz] = bal;
			w->value[nz++] = -1;
			w->index[nz] = n * T + t;
			w->value[nz++] = si / w->cap_scale;
			w->collo[col] = 0;
			w->colup[col] = with_unmet ? cap / si : LP_INF;
			col++;
			if (with_unmet)
			{
				/* u: unmet, never more than the demand */
				w->start[col] = nz;
				w->index[nz] = bal;
				w->value[nz++] = -1;
				w->collo[col] = 0;
				w->colup[col] = in->demand[(int64_t) i * T + t] / si;
				col++;
			}
			/* l: stock up to the target; h: stock above it */
			for (int v = 0; v < 2; v++)
			{
				w->start[col] = nz;
				w->index[nz] = bal;
				w->value[nz++] = 1;
				if (t + 1 < T)
				{
					w->index[nz] = bal + 1;
					w->value[nz++] = -1;
				}
				w->collo[col] = (v == 0 && !with_unmet && t >= by) ? g : 0;
				w->colup[col] = v == 0 ? g : LP_INF;
				col++;
			}
			w->rowlo[bal] = w->rowup[bal] =
				(deliv(in, i, t) - in->demand[(int64_t) i * T + t] + (t == 0 ? in->on_hand[i] : 0)) / si;
		}
	}
	if (!with_unmet)
	{
		/* k: the capacity factor */
		w->start[col] = nz;
		for (int32_t t = 0; t < T; t++)
			if (in->capacity[t] > 0)
			{
				w->index[nz] = n * T + t;
				w->value[nz++] = -in->capacity[t] / w->cap_scale;
			}
		w->collo[col] = 0;
		w->colup[col] = LP_INF;
		col++;
	}
	w->start[col] = nz;
	for (int32_t t = 0; t < T; t++)
	{
		w->rowlo[n * T + t] = -LP_INF;
		w->rowup[n * T + t] = with_unmet ? in->capacity[t] / w->cap_scale : 0;
	}
	w->ncols = col;
	w->nrows = nrows;
	memset(w->obj, 0, sizeof(double) * col);
	return lp_new(col, nrows, w->start, w->index, w->value, w->collo, w->colup, w->obj,
				  w->rowlo, w->rowup);
}

/* True if optimal; otherwise the error (canceled, or the solver failed minimising what). */
static bool
status_ok(LpStatus st, const char *phase, DpError *err)
{
	if (st == LP_OPTIMAL)
		return true;
	if (st == LP_INTERRUPTED)
		return dp_fail(err, DP_ERR_CANCELED, "replenishment planning interrupted");
	dp_fail(err, DP_ERR_SOLVER, "the linear programming solver failed while minimising %s", phase);
	dp_detail(err, "COIN-OR Clp %s ended with status %s.", lp_solver_version(),
			  st == LP_INFEASIBLE ? "infeasible" : st == LP_UNBOUNDED ? "unbounded" : "failed");
	return false;
}

/* One solve, after asking whether to stop (so interrupts are checked between the phases too). */
static bool
solve(LpModel *m, bool primal, LpInterrupt interrupt, void *arg, const char *phase, DpError *err)
{
	if (interrupt != NULL && interrupt(arg))
		return status_ok(LP_INTERRUPTED, phase, err);
	return status_ok(lp_solve(m, primal, interrupt, arg), phase, err);
}

/*
 * Keep the optimum z of the objective just minimised, so the next phase
 * searches only among its optimal solutions.  Columns whose reduced cost
 * exceeds REP_FIX_REDUCED_COST in size and inequality rows whose dual does
 * are fixed where they are (by complementary slackness every optimal
 * solution has them there); then the row
 * objective <= z + REP_FIX_TOLERANCE * max(1, |z|) is added over the
 * columns still free, which keeps it sparse.
 */
static void
fix_objective(LpModel *m, RepWork *w)
{
	const double *d = lp_reduced_costs(m),
			   *y = lp_row_duals(m);
	double		z = lp_objective(m),
				rhs = z + REP_FIX_TOLERANCE * fmax(1, fabs(z));
	int			nz = 0;

	for (int c = 0; c < w->ncols; c++)
	{
		if (d[c] > REP_FIX_REDUCED_COST)
			w->colup[c] = w->collo[c];
		else if (d[c] < -REP_FIX_REDUCED_COST && w->colup[c] < LP_INF)
			w->collo[c] = w->colup[c];
		if (w->obj[c] == 0)
			continue;
		if (w->collo[c] == w->colup[c])
			rhs -= w->obj[c] * w->collo[c];
		else
		{
			w->rowcols[nz] = c;
			w->rowvals[nz++] = w->obj[c];
		}
	}
	for (int r = 0; r < w->nrows; r++)
		if (w->rowlo[r] == -LP_INF && fabs(y[r]) > REP_FIX_REDUCED_COST)
			w->rowlo[r] = w->rowup[r];
	lp_set_column_bounds(m, w->collo, w->colup);
	lp_set_row_bounds(m, w->rowlo, w->rowup);
	lp_add_row(m, nz, w->rowcols, w->rowvals, -LP_INF, rhs);
	w->rowlo[w->nrows] = -LP_INF;
	w->rowup[w->nrows] = rhs;
	w->nrows++;
}

/*
 * Set the objective cu * sum w*unmet + cl * sum w*(target - stock up to
 * target) + cx * sum allocated, less constants, in solver units (each term's
 * largest coefficient 1).
 */
static void
set_objective(LpModel *m, const RepInput *in, RepWork *w, double cu, double cl, double cx)
{
	double		topw = 0,
				tops = 0;

	for (int32_t i = 0; i < in->n; i++)
	{
		topw = fmax(topw, (in->weights ? in->weights[i] : 1) * w->scale[i]);
		tops = fmax(tops, w->scale[i]);
	}
	memset(w->obj, 0, sizeof(double) * w->ncols);
	for (int32_t i = 0; i < in->n; i++)
	{
		double		wi = (in->weights ? in->weights[i] : 1) * w->scale[i] / topw;

		for (int32_t t = 0; t < in->T; t++)
		{
			double	   *o = w->obj + w->nv * ((int64_t) i * in->T + t);

			o[0] = cx * w->scale[i] / tops;
			o[1] = cu * wi;
			o[2] = -cl * wi;
		}
	}
	lp_set_objective(m, w->obj);
}

/* ---- cleaning ---- */

/* Sum of period t's allocations in claimant order. */
static double
period_sum(const RepInput *in, const double *x, int32_t t)
{
	double		s = 0;

	for (int32_t i = 0; i < in->n; i++)
		s += x[(int64_t) i * in->T + t];
	return s;
}

/* Clip the allocations to [0, capacity] and each period's sum to its capacity; record the slack. */
static void
clip_allocations(const RepInput *in, RepWork *w, double *x)
{
	for (int32_t t = 0; t < in->T; t++)
	{
		double		cap = in->capacity[t],
					s;

		for (int32_t i = 0; i < in->n; i++)
		{
			double	   *v = &x[(int64_t) i * in->T + t];

			*v = fmin(fmax(*v, 0), cap);
		}
		s = period_sum(in, x, t);
		if (s > cap)
		{
			double		f = cap / s;

			for (int32_t i = 0; i < in->n; i++)
				x[(int64_t) i * in->T + t] *= f;
			/* rounding may still leave the sum above: take the excess from the largest */
			while ((s = period_sum(in, x, t)) > cap)
			{
				int32_t		big = 0;

				for (int32_t i = 1; i < in->n; i++)
					if (x[(int64_t) i * in->T + t] > x[(int64_t) big * in->T + t])
						big = i;
				x[(int64_t) big * in->T + t] = fmax(0, x[(int64_t) big * in->T + t] - (s - cap) * 2);
			}
		}
		w->slack[t] = cap - s;
	}
}

/*
 * Add amount to claimant i's allocation in the latest period <= t with that
 * much spare capacity; returns that period, or -1 if none.
 */
static int32_t
top_up(const RepInput *in, RepWork *w, double *x, int32_t i, int32_t t, double amount)
{
	for (int32_t p = t; p >= 0; p--)
		if (w->slack[p] >= amount)
		{
			double	   *v = &x[(int64_t) i * in->T + p];
			double		old = *v,
						s;

			*v = old + amount;
			s = period_sum(in, x, p);
			if (s > in->capacity[p])
			{
				*v = old;
				continue;
			}
			w->slack[p] = in->capacity[p] - s;
			return p;
		}
	return -1;
}

/*
 * Stock, unmet and below-target of claimant i from the solver's allocations
 * and unmet demand (ulp: the model lets a claimant leave demand unserved
 * while it holds stock, to stay nearer its target, so unmet demand is the
 * solver's too, raised where the stock would go negative), closing
 * solver-noise shortfalls from spare capacity.
 */
static void
simulate(const RepInput *in, RepWork *w, RepPlan *out, double *ulp, int32_t i)
{
	int32_t		T = in->T;
	double		g = in->target[i],
				polish = REP_POLISH_TOLERANCE * w->scale[i],
				zero = REP_ZERO_TOLERANCE * w->scale[i];
	double	   *x = out->allocated + (int64_t) i * T,
			   *s = out->stock + (int64_t) i * T,
			   *u = out->unmet + (int64_t) i * T,
			   *b = out->below + (int64_t) i * T;
	const double *d = in->demand + (int64_t) i * T;
	int64_t		fixes = 0;
	int32_t		t = 0;

	ulp += (int64_t) i * T;
	while (t < T)
	{
		double		prev = t == 0 ? in->on_hand[i] : s[t - 1];
		double		v;
		int32_t		p = -1;

		u[t] = fmin(fmax(ulp[t], 0), d[t]);
		v = prev + x[t] + deliv(in, i, t) - d[t] + u[t];
		if (v < 0)
		{
			u[t] -= v;
			v = 0;
		}
		if (u[t] <= zero)
		{
			/* noise: the balance moves by at most REP_ZERO_TOLERANCE of the claimant's scale */
			v = fmax(v - u[t], 0);
			u[t] = 0;
		}
		s[t] = v;
		b[t] = g - v > zero ? g - v : 0;
		if (fixes < 4 * (int64_t) T)
		{
			/* noise: unmet demand made up by production instead, or stock topped up to target */
			if (u[t] > zero && u[t] <= polish && (p = top_up(in, w, out->allocated, i, t, u[t])) >= 0)
				ulp[t] = 0;
			else if (b[t] > 0 && b[t] <= polish)
				p = top_up(in, w, out->allocated, i, t, b[t]);
		}
		if (p >= 0)
		{
			fixes++;
			t = p;				/* replay from the period topped up */
			continue;
		}
		t++;
	}
	out->reaches[i] = T == 0 ? -1 : 0;
	for (t = T - 1; t >= 0; t--)
		if (b[t] > 0)
		{
			out->reaches[i] = t + 1 < T ? t + 1 : -1;
			break;
		}
}

static void
clean(const RepInput *in, RepWork *w, const double *sol, RepPlan *out)
{
	/* the solver's unmet demand, in the workspace of added rows (no longer needed) */
	double	   *ulp = w->rowvals;

	for (int32_t i = 0; i < in->n; i++)
		for (int32_t t = 0; t < in->T; t++)
		{
			int64_t		c = (int64_t) i * in->T + t;

			out->allocated[c] = sol[w->nv * c] * w->scale[i];
			ulp[c] = sol[w->nv * c + 1] * w->scale[i];
		}
	clip_allocations(in, w, out->allocated);
	out->unmet_total = out->below_total = 0;
	for (int32_t i = 0; i < in->n; i++)
	{
		double		wi = in->weights ? in->weights[i] : 1,
					su = 0,
					sb = 0;

		simulate(in, w, out, ulp, i);
		for (int32_t t = 0; t < in->T; t++)
		{
			su += out->unmet[(int64_t) i * in->T + t];
			sb += out->below[(int64_t) i * in->T + t];
		}
		out->unmet_total += wi * su;
		out->below_total += wi * sb;
	}
}

/* ---- entry points ---- */

bool
rep_plan(const RepInput *in, RepPlan *out, void *work, LpInterrupt interrupt, void *arg,
		 DpError *err)
{
	RepWork		w;
	LpModel    *m;
	bool		ok;

	if (in->T == 0)
	{
		for (int32_t i = 0; i < in->n; i++)
			out->reaches[i] = -1;
		out->unmet_total = out->below_total = 0;
		return true;
	}
	work_layout(&w, work, in->n, in->T);
	set_scales(in, &w);
	m = build_model(in, &w, true, 0);
	if (m == NULL)
		return dp_fail(err, DP_ERR_SOLVER, "the linear programming solver could not build the model");
	/*
	 * 0: a blend of the three objectives, to start near the final plan; it
	 * decides nothing: 1, 2 and 3 minimise unmet demand, stock-periods below
	 * target and allocations in turn, each from the basis before and keeping
	 * the optima before it
	 */
	set_objective(m, in, &w, 1, REP_BLEND, REP_BLEND * REP_BLEND);
	ok = solve(m, false, interrupt, arg, "unmet demand", err);
	for (int phase = 1; phase <= 3 && ok; phase++)
	{
		if (phase > 1)
			fix_objective(m, &w);
		set_objective(m, in, &w, phase == 1, phase == 2, phase == 3);
		ok = solve(m, true, interrupt, arg,
				   phase == 1 ? "unmet demand" : phase == 2 ? "stock below target" : "allocations",
				   err);
		}
	if (ok)
		clean(in, &w, lp_solution(m), out);
	lp_free(m);
	return ok;
}

bool
rep_required_capacity(const RepInput *in, int32_t by, double *factor, bool *found, void *work,
					  LpInterrupt interrupt, void *arg, DpError *err)
{
	RepWork		w;
	LpModel    *m;
	LpStatus	st;

	work_layout(&w, work, in->n, in->T);
	set_scales(in, &w);
	m = build_model(in, &w, false, by);
	if (m == NULL)
		return dp_fail(err, DP_ERR_SOLVER, "the linear programming solver could not build the model");
	w.obj[w.ncols - 1] = 1;
	lp_set_objective(m, w.obj);
	st = lp_solve(m, false, interrupt, arg);
	*found = st == LP_OPTIMAL;
	*factor = *found ? fmax(0, lp_solution(m)[w.ncols - 1]) : 0;
	lp_free(m);
	if (st == LP_OPTIMAL || st == LP_INFEASIBLE)
		return true;
	return status_ok(st, "the capacity factor", err);
}
