/*
 * forecast_core.c: forecasting methods, parameter optimiser, fit metrics,
 * prediction intervals and demand classes (see forecast_core.h).
 *
 * Conventions (y_1..y_n the history):
 *   ses      level from y_1, l = alpha y + (1 - alpha) l for t >= 2
 *            (statsforecast SimpleExponentialSmoothing);
 *   holt     R stats::HoltWinters: l_2 = y_2, b_2 = y_2 - y_1, recursion from t = 3;
 *   damped   the same with phi multiplying b in both recursions;
 *   croston  statsforecast CrostonClassic / R forecast::croston: first size and
 *            first interval (1-based position of the first demand) as start values;
 *   tsb      statsforecast TSB: probability from d_1, size from the first demand;
 *   adida    statsforecast ADIDA.
 *
 * The optimiser minimises the in-sample one-step SSE over a box.  It
 * evaluates every point of a 0.01 grid over the free parameters (plus the box
 * corners) and refines the best one locally, so its result is never worse
 * than any grid point.  Grid points are evaluated eight at a time through the
 * error recursion of the equivalent ARIMA model (Hyndman et al. 2008, ch. 11):
 *   ses     e_t = (y_t - y_{t-1}) + (1 - alpha) e_{t-1}
 *   damped  e_t = (y_t - y_{t-1}) - phi (y_{t-1} - y_{t-2})
 *                 + (1 + phi - alpha - phi alpha beta) e_{t-1} - phi (1 - alpha) e_{t-2}
 * (holt is phi = 1), which starts from zero errors with the HoltWinters start
 * and costs three multiply-adds per grid point and period.  A grid point
 * whose running sum of squares already exceeds the best complete sum is
 * abandoned early: a sum of squares never decreases, so this is exact.
 */
#include "forecast_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "stats.h"

/* ---- names ---- */

static const char *const method_names[FC_NMETHODS] = {
	"naive", "mean", "moving_average", "ses", "holt", "damped",
	"croston", "sba", "tsb", "adida", "auto"
};

/* the parameters each method takes */
#define P_ALPHA 1
#define P_BETA 2
#define P_PHI 4
#define P_WINDOW 8
static const int method_params[FC_NMETHODS] = {
	0, 0, P_WINDOW, P_ALPHA, P_ALPHA | P_BETA, P_ALPHA | P_BETA | P_PHI,
	P_ALPHA | P_BETA, P_ALPHA | P_BETA, P_ALPHA | P_BETA, P_ALPHA, 0
};

/* the shortest history each method can fit */
static const int32_t method_min_len[FC_NMETHODS] = {1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1};

bool
fc_method_arg(const char *s, size_t len, FcMethod *m, DpError *err)
{
	for (int i = 0; i < FC_NMETHODS; i++)
		if (strlen(method_names[i]) == len && strncasecmp(s, method_names[i], len) == 0)
		{
			*m = (FcMethod) i;
			return true;
		}
	dp_fail(err, DP_ERR_ARG, "unknown forecast method \"%.*s\"", (int) (len > 64 ? 64 : len), s);
	dp_hint(err, "Use naive, mean, moving_average, ses, holt, damped, croston, sba, tsb, adida or auto.");
	return false;
}

const char *
fc_method_name(FcMethod m)
{
	return method_names[m];
}

const char *
fc_class_name(FcDemandClass c)
{
	static const char *const names[] = {NULL, "smooth", "erratic", "intermittent", "lumpy"};

	return names[c];
}

/* ---- argument checks ---- */

bool
fc_check_horizon(int64_t horizon, DpError *err)
{
	if (horizon < 0)
		return dp_fail(err, DP_ERR_ARG, "horizon must not be negative (got %lld)", (long long) horizon);
	return true;
}

bool
fc_check_level(double level, DpError *err)
{
	if (!isfinite(level))
		return dp_fail(err, DP_ERR_RANGE, "level must be a finite number");
	if (!(level > 0 && level < 1))
	{
		dp_fail(err, DP_ERR_ARG, "level must be between 0 and 1 exclusive (got %s)", dp_num(level).s);
		dp_hint(err, "Use 0.9 for a 90%% prediction interval.");
		return false;
	}
	return true;
}

/* Error unless the method takes this parameter. */
static bool
check_taken(FcMethod m, const char *name, int flag, bool given, DpError *err)
{
	if (!given || (method_params[m] & flag))
		return true;
	if (m == FC_AUTO)
	{
		dp_fail(err, DP_ERR_ARG, "method auto chooses its own parameters, so %s cannot be given", name);
		dp_hint(err, "Name a method, for example method => 'ses', to set its parameters.");
		return false;
	}
	dp_fail(err, DP_ERR_ARG, "method %s does not take %s", method_names[m], name);
	dp_hint(err, "naive, mean and auto take no parameters; moving_average takes window_size; "
			"ses and adida take alpha; holt, croston, sba and tsb take alpha and beta; damped takes alpha, beta and phi.");
	return false;
}

/* A smoothing parameter within (0, 1], or [0, 1] when zero_ok. */
static bool
check_unit(FcMethod m, const char *name, bool given, double v, bool zero_ok, DpError *err)
{
	if (!given)
		return true;
	if (!isfinite(v))
		return dp_fail(err, DP_ERR_RANGE, "%s must be a finite number", name);
	if (v > 1 || v < 0 || (v == 0 && !zero_ok))
		return dp_fail(err, DP_ERR_ARG, "%s must be in %s0, 1] for method %s (got %s)",
					   name, zero_ok ? "[" : "(", method_names[m], dp_num(v).s);
	return true;
}

bool
fc_check_params(FcMethod m, const FcParams *p, DpError *err)
{
	/* beta smooths the trend for holt/damped, where 0 keeps the starting trend */
	bool		beta_zero_ok = (m == FC_HOLT || m == FC_DAMPED);

	if (!check_taken(m, "alpha", P_ALPHA, p->has_alpha, err) ||
		!check_taken(m, "beta", P_BETA, p->has_beta, err) ||
		!check_taken(m, "phi", P_PHI, p->has_phi, err) ||
		!check_taken(m, "window_size", P_WINDOW, p->has_window, err) ||
		!check_unit(m, "alpha", p->has_alpha, p->alpha, false, err) ||
		!check_unit(m, "beta", p->has_beta, p->beta, beta_zero_ok, err) ||
		!check_unit(m, "phi", p->has_phi, p->phi, false, err))
		return false;
	if (p->has_window && p->window_size < 1)
		return dp_fail(err, DP_ERR_ARG, "window_size must be at least 1 (got %d)", p->window_size);
	return true;
}

/* History long enough for the method (and the moving-average window). */
static bool
check_length(FcMethod m, const FcParams *p, int32_t n, DpError *err)
{
	if (n < method_min_len[m])
	{
		dp_fail(err, DP_ERR_ARG, "method %s needs a history of at least %d period%s, got %d",
				method_names[m], method_min_len[m], method_min_len[m] == 1 ? "" : "s", n);
		if (m == FC_HOLT || m == FC_DAMPED)
			dp_hint(err, "Use ses or naive for shorter histories.");
		return false;
	}
	if (m == FC_MOVING_AVERAGE && p->has_window && p->window_size > n)
	{
		dp_fail(err, DP_ERR_ARG, "window_size %d is longer than the history (%d period%s)",
				p->window_size, n, n == 1 ? "" : "s");
		dp_hint(err, "Leave window_size out to average the last min(3, n) periods.");
		return false;
	}
	return true;
}

/* Intermittent-demand methods (and auto, which classifies) need y >= 0. */
static bool
check_nonnegative(const FcSeries *s, const char *what, DpError *err)
{
	for (int32_t i = 0; i < s->n; i++)
		if (s->y[i] < 0)
		{
			char		date[16];

			cal_format_date(cal_index_start(s->period, s->first + i), date);
			dp_fail(err, DP_ERR_ARG, "history value %s in period %d (%s) is negative", dp_num(s->y[i]).s, i + 1, date);
			dp_detail(err, "%s needs non-negative demand.", what);
			return false;
		}
	return true;
}

/* ---- interrupt ticks ---- */

typedef struct FcCtx
{
	const FcCallback *cb;
	int64_t		work;
} FcCtx;

/* about a millisecond of work between callbacks */
#define FC_TICK (1 << 20)

static inline void
tick(FcCtx *ctx, int64_t units)
{
	ctx->work += units;
	if (ctx->work >= FC_TICK)
	{
		ctx->work = 0;
		if (ctx->cb && ctx->cb->check)
			ctx->cb->check(ctx->cb->arg);
	}
}

/* ---- in-sample errors ---- */

typedef struct ErrAcc
{
	int64_t		n;
	double		sabs,
				ssq,
				sum;
} ErrAcc;

static inline void
acc_add(ErrAcc *a, double e)
{
	a->n++;
	a->sabs += fabs(e);
	a->ssq += e * e;
	a->sum += e;
}

static void
acc_finish(const ErrAcc *a, FcModel *out)
{
	out->nerr = a->n;
	if (a->n == 0)
	{
		out->mae = out->rmse = out->bias = NAN;
		return;
	}
	out->mae = a->sabs / a->n;
	out->rmse = sqrt(a->ssq / a->n);
	out->bias = a->sum / a->n;
}

static void
model_init(FcModel *out, FcMethod m)
{
	memset(out, 0, sizeof(*out));
	out->method = m;
	out->alpha = out->beta = out->phi = NAN;
	out->mae = out->rmse = out->mase = out->bias = NAN;
}

/* ---- the optimiser ---- */

/*
 * A parameter box and its grid: lo (when below klo/100), k/100 for k in
 * [klo, khi], hi (when above khi/100).
 */
typedef struct FcDim
{
	double		lo,
				hi;
	int			klo,
				khi;
} FcDim;

static const FcDim SES_ALPHA = {0.01, 0.99, 1, 99};
static const FcDim ADIDA_ALPHA = {0.1, 0.3, 10, 30};
static const FcDim TREND_AB = {0.0001, 0.9999, 1, 99};
static const FcDim TREND_PHI = {0.8, 0.98, 80, 98};

#define FC_MAXGRID 103

/*
 * The grid is evaluated FC_LANES points at a time, as FC_VECS vectors of 8
 * doubles (GCC/Clang vector extensions; with GCC on x86-64 glibc the kernel is
 * also compiled for AVX2 and AVX-512 and the best one is picked at load time).
 * The operations are the same in every variant and none is fused, so every
 * variant gives bit-identical sums.
 */
#define FC_VECS 4
#define FC_LANES (8 * FC_VECS)
#if defined(__GNUC__)
#define FC_VECTOR_EXT 1
typedef double fc_v8 __attribute__((vector_size(64)));
#if defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define FC_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef FC_CLONES
#define FC_CLONES
#endif

/* The grid values of a dimension; returns their count. */
static int
dim_values(const FcDim *d, double *v)
{
	int			c = 0;

	if (d->lo < d->klo / 100.0)
		v[c++] = d->lo;
	for (int k = d->klo; k <= d->khi; k++)
		v[c++] = k / 100.0;
	if (d->hi > d->khi / 100.0)
		v[c++] = d->hi;
	return c;
}

/*
 * One SSE minimisation: ses-kind (alpha only, on x) or trend-kind (alpha,
 * beta, phi on x); each parameter free within its box or fixed.
 */
typedef struct OptProblem
{
	bool		trend;
	const double *x;
	int32_t		n;
	double	   *w;				/* n doubles: the differenced series */
	int32_t		m;				/* number of one-step errors */
	double		w_phi;			/* phi that w was built for (trend) */
	bool		free[3];
	double		fixed[3];
	FcDim		dim[3];
	FcCtx	   *ctx;
} OptProblem;

/* w_t of the error recursion (see the file header), for this phi. */
static void
prepare_w(OptProblem *pb, double phi)
{
	const double *x = pb->x;

	if (!pb->trend)
	{
		pb->m = pb->n > 1 ? pb->n - 1 : 0;
		for (int32_t i = 0; i < pb->m; i++)
			pb->w[i] = x[i + 1] - x[i];
	}
	else
	{
		pb->m = pb->n > 2 ? pb->n - 2 : 0;
		for (int32_t i = 0; i < pb->m; i++)
			pb->w[i] = (x[i + 2] - x[i + 1]) - phi * (x[i + 1] - x[i]);
		pb->w_phi = phi;
	}
	tick(pb->ctx, pb->m);
}

/* Coefficients of e_{t-1} and e_{t-2} for parameters p = (alpha, beta, phi). */
static inline void
coefficients(const OptProblem *pb, const double *p, double *a, double *b)
{
	if (!pb->trend)
	{
		*a = 1 - p[0];
		*b = 0;
	}
	else
	{
		*a = ((1 + p[2]) - p[0]) - (p[2] * p[0]) * p[1];
		*b = -p[2] * (1 - p[0]);
	}
}

/*
 * SSE of e_t = w_t + b e_{t-2} + a e_{t-1} (zero errors before the first
 * step) for FC_LANES coefficient pairs at once.  A block stops once every
 * lane's running sum exceeds bound; its sums are then partial, but all above
 * bound.
 */
#ifdef FC_VECTOR_EXT
FC_CLONES static void
sse_lanes(const double *w, int32_t m, const double *a, const double *b, double bound, double *out)
{
	fc_v8		A[FC_VECS],
				B[FC_VECS],
				E1[FC_VECS],
				E2[FC_VECS],
				S[FC_VECS];
	int32_t		t = 0;

	memcpy(A, a, sizeof(A));
	memcpy(B, b, sizeof(B));
	memset(E1, 0, sizeof(E1));
	memset(E2, 0, sizeof(E2));
	memset(S, 0, sizeof(S));
	while (t < m)
	{
		int32_t		stop = m - t > 16 ? t + 16 : m;
		double		lo;

		/* two steps per turn, so that e_{t-1} and e_{t-2} swap roles without copies */
		for (; t + 1 < stop; t += 2)
		{
			fc_v8		w0 = {w[t], w[t], w[t], w[t], w[t], w[t], w[t], w[t]};
			fc_v8		w1 = {w[t + 1], w[t + 1], w[t + 1], w[t + 1], w[t + 1], w[t + 1], w[t + 1], w[t + 1]};

			for (int v = 0; v < FC_VECS; v++)
			{
				E2[v] = (w0 + B[v] * E2[v]) + A[v] * E1[v];
				S[v] += E2[v] * E2[v];
				E1[v] = (w1 + B[v] * E1[v]) + A[v] * E2[v];
				S[v] += E1[v] * E1[v];
			}
		}
		if (t < stop)
		{
			fc_v8		w0 = {w[t], w[t], w[t], w[t], w[t], w[t], w[t], w[t]};

			for (int v = 0; v < FC_VECS; v++)
			{
				fc_v8		e = (w0 + B[v] * E2[v]) + A[v] * E1[v];

				S[v] += e * e;
				E2[v] = E1[v];
				E1[v] = e;
			}
			t++;
		}
		if (t >= m)
			break;
		memcpy(out, S, sizeof(S));
		lo = out[0];
		for (int k = 1; k < FC_LANES; k++)
			lo = out[k] < lo ? out[k] : lo;
		if (lo > bound)
			break;
	}
	memcpy(out, S, sizeof(S));
}
#else
static void
sse_lanes(const double *w, int32_t m, const double *a, const double *b, double bound, double *out)
{
	double		e1[FC_LANES] = {0},
				e2[FC_LANES] = {0},
				s[FC_LANES] = {0};
	int32_t		t = 0;

	while (t < m)
	{
		int32_t		stop = m - t > 16 ? t + 16 : m;
		double		lo;

		for (; t < stop; t++)
			for (int k = 0; k < FC_LANES; k++)
			{
				double		e = (w[t] + b[k] * e2[k]) + a[k] * e1[k];

				s[k] += e * e;
				e2[k] = e1[k];
				e1[k] = e;
			}
		lo = s[0];
		for (int k = 1; k < FC_LANES; k++)
			lo = s[k] < lo ? s[k] : lo;
		if (lo > bound)
			break;
	}
	memcpy(out, s, sizeof(s));
}
#endif

/* The same recursion for one point. */
static double
sse_one(const double *w, int32_t m, double a, double b)
{
	double		e1 = 0,
				e2 = 0,
				s = 0;

	for (int32_t t = 0; t < m; t++)
	{
		double		e = (w[t] + b * e2) + a * e1;

		s += e * e;
		e2 = e1;
		e1 = e;
	}
	return s;
}

static double
eval_point(OptProblem *pb, const double *p)
{
	double		a,
				b;

	if (pb->trend && p[2] != pb->w_phi)
		prepare_w(pb, p[2]);
	coefficients(pb, p, &a, &b);
	tick(pb->ctx, pb->m);
	return sse_one(pb->w, pb->m, a, b);
}

/*
 * Evaluate the grid points with indices start, start + step, ... in each
 * dimension, updating the best point: the lowest SSE, ties to the first point
 * in grid order (phi outermost, then alpha, then beta, each ascending).
 */
static void
grid_pass(OptProblem *pb, double vals[3][FC_MAXGRID], const int *cnt, int stride,
		  double *best_sse, int64_t *best_order, double *best)
{
	int			start[3],
				step[3];
	double		la[FC_LANES],
				lb[FC_LANES],
				out[FC_LANES];
	short		lidx[FC_LANES][2];
	int			fill = 0;

	for (int d = 0; d < 3; d++)
	{
		start[d] = cnt[d] > stride ? stride / 2 : 0;
		step[d] = cnt[d] > stride ? stride : cnt[d];
	}
	for (int ip = start[2]; ip < cnt[2]; ip += step[2])
	{
		double		phi = vals[2][ip];

		if (pb->trend)
			prepare_w(pb, phi);
		for (int ia = start[0]; ia < cnt[0]; ia += step[0])
		{
			double		q[3] = {vals[0][ia], 0, phi},
						a0,
						b0,
						c1;

			/* a = ((1 + phi) - alpha) - (phi alpha) beta, b = -phi (1 - alpha): see coefficients() */
			coefficients(pb, q, &a0, &b0);
			c1 = pb->trend ? phi * q[0] : 0;
			for (int ib = start[1]; ib < cnt[1]; ib += step[1])
			{
				la[fill] = a0 - c1 * vals[1][ib];
				lb[fill] = b0;
				lidx[fill][0] = (short) ia;
				lidx[fill][1] = (short) ib;
				fill++;
				if (fill < FC_LANES && !(ia + step[0] >= cnt[0] && ib + step[1] >= cnt[1]))
					continue;
				/* pad a partial block with copies of its last point */
				for (int k = fill; k < FC_LANES; k++)
				{
					la[k] = la[fill - 1];
					lb[k] = lb[fill - 1];
				}
				sse_lanes(pb->w, pb->m, la, lb, *best_sse, out);
				tick(pb->ctx, (int64_t) pb->m * FC_LANES);
				for (int k = 0; k < fill; k++)
				{
					int64_t		order = ((int64_t) ip * cnt[0] + lidx[k][0]) * cnt[1] + lidx[k][1];

					if (out[k] < *best_sse || (out[k] == *best_sse && order < *best_order))
					{
						*best_sse = out[k];
						*best_order = order;
						best[0] = vals[0][lidx[k][0]];
						best[1] = vals[1][lidx[k][1]];
						best[2] = phi;
					}
				}
				fill = 0;
			}
		}
	}
}

/* Golden-section search of coordinate j within +-0.01 of p[j] (in the box); keeps improvements only. */
static double
golden_refine(OptProblem *pb, double *p, int j, double fbest)
{
	const double g = 0.61803398874989485;
	double		lo = fmax(pb->dim[j].lo, p[j] - 0.01),
				hi = fmin(pb->dim[j].hi, p[j] + 0.01);
	double		q[3],
				x1,
				x2,
				f1,
				f2;

	memcpy(q, p, sizeof(q));
	x1 = hi - g * (hi - lo);
	x2 = lo + g * (hi - lo);
	q[j] = x1;
	f1 = eval_point(pb, q);
	q[j] = x2;
	f2 = eval_point(pb, q);
	while (hi - lo > 1e-8)
	{
		if (f1 <= f2)
		{
			hi = x2;
			x2 = x1;
			f2 = f1;
			x1 = hi - g * (hi - lo);
			q[j] = x1;
			f1 = eval_point(pb, q);
		}
		else
		{
			lo = x1;
			x1 = x2;
			f1 = f2;
			x2 = lo + g * (hi - lo);
			q[j] = x2;
			f2 = eval_point(pb, q);
		}
	}
	if (f1 <= f2 && f1 < fbest)
	{
		p[j] = x1;
		fbest = f1;
	}
	else if (f2 < fbest)
	{
		p[j] = x2;
		fbest = f2;
	}
	return fbest;
}

/*
 * Minimise the SSE: a coarse pass (every 10th grid value) gives a bound for
 * early abandoning, the full grid pass finds the best grid point, and two
 * sweeps of coordinate-wise golden-section search refine it.  Writes the
 * parameters to p.
 */
static void
optimise(OptProblem *pb, double *p)
{
	double		vals[3][FC_MAXGRID];
	int			cnt[3];
	double		best_sse = INFINITY;
	int64_t		best_order = INT64_MAX;
	double		fbest;

	for (int d = 0; d < 3; d++)
	{
		if (pb->free[d])
			cnt[d] = dim_values(&pb->dim[d], vals[d]);
		else
		{
			vals[d][0] = pb->fixed[d];
			cnt[d] = 1;
		}
		p[d] = vals[d][0];
	}
	pb->w_phi = NAN;
	if (!pb->trend)
		prepare_w(pb, 0);
	grid_pass(pb, vals, cnt, 10, &best_sse, &best_order, p);
	grid_pass(pb, vals, cnt, 1, &best_sse, &best_order, p);
	fbest = eval_point(pb, p);
	for (int sweep = 0; sweep < 2; sweep++)
		for (int d = 0; d < 3; d++)
			if (pb->free[d])
				fbest = golden_refine(pb, p, d, fbest);
}

/* ---- the methods ---- */

/* ses with level from x_1; optimises alpha within box when not given. */
static void
fit_ses_on(const double *x, int32_t n, bool has_alpha, double alpha, const FcDim *box,
		   double *w, FcCtx *ctx, double *level, double *alpha_out, ErrAcc *acc, double escale)
{
	double		l,
				c;

	if (!has_alpha)
	{
		OptProblem	pb;
		double		p[3];

		memset(&pb, 0, sizeof(pb));
		pb.trend = false;
		pb.x = x;
		pb.n = n;
		pb.w = w;
		pb.free[0] = true;
		pb.dim[0] = *box;
		pb.fixed[1] = pb.fixed[2] = 0;
		pb.ctx = ctx;
		optimise(&pb, p);
		alpha = p[0];
	}
	c = 1 - alpha;
	l = x[0];
	for (int32_t i = 1; i < n; i++)
	{
		acc_add(acc, (x[i] - l) / escale);
		l = alpha * x[i] + c * l;
	}
	tick(ctx, n);
	*level = l;
	*alpha_out = alpha;
}

/* holt (phi = 1) and damped: HoltWinters start l_2 = y_2, b_2 = y_2 - y_1. */
static void
fit_trend(const double *y, int32_t n, FcMethod m, const FcParams *p, double *w, FcCtx *ctx,
		  FcModel *out, ErrAcc *acc)
{
	double		alpha = p->has_alpha ? p->alpha : NAN,
				beta = p->has_beta ? p->beta : NAN,
				phi = m == FC_HOLT ? 1.0 : (p->has_phi ? p->phi : NAN);
	double		l,
				b;

	if (!p->has_alpha || !p->has_beta || (m == FC_DAMPED && !p->has_phi))
	{
		OptProblem	pb;
		double		q[3];

		memset(&pb, 0, sizeof(pb));
		pb.trend = true;
		pb.x = y;
		pb.n = n;
		pb.w = w;
		pb.free[0] = !p->has_alpha;
		pb.free[1] = !p->has_beta;
		pb.free[2] = m == FC_DAMPED && !p->has_phi;
		pb.fixed[0] = alpha;
		pb.fixed[1] = beta;
		pb.fixed[2] = phi;
		pb.dim[0] = pb.dim[1] = TREND_AB;
		pb.dim[2] = TREND_PHI;
		pb.ctx = ctx;
		optimise(&pb, q);
		alpha = q[0];
		beta = q[1];
		phi = q[2];
	}
	l = y[1];
	b = y[1] - y[0];
	for (int32_t i = 2; i < n; i++)
	{
		double		lp = l;

		acc_add(acc, y[i] - (l + phi * b));
		l = alpha * y[i] + (1 - alpha) * (l + phi * b);
		b = beta * (l - lp) + (1 - beta) * phi * b;
	}
	tick(ctx, n);
	out->alpha = alpha;
	out->beta = beta;
	out->phi = m == FC_DAMPED ? phi : NAN;
	out->level = l;
	out->trend = b;
	out->damping = phi;
}

/* Croston and SBA: sizes and intervals smoothed at demand periods from their first values. */
static void
fit_croston(const double *y, int32_t n, FcMethod m, const FcParams *p, FcCtx *ctx, FcModel *out,
			ErrAcc *acc)
{
	double		alpha = p->has_alpha ? p->alpha : 0.1;
	double		beta = p->has_beta ? p->beta : alpha;
	double		factor = m == FC_SBA ? 1 - beta / 2 : 1;
	double		z = 0,
				q = 1;
	int32_t		last = -1;

	for (int32_t i = 0; i < n; i++)
	{
		if (last >= 0)
			acc_add(acc, y[i] - z / q * factor);
		if (y[i] > 0)
		{
			if (last < 0)
			{
				z = y[i];
				q = i + 1;
			}
			else
			{
				z = alpha * y[i] + (1 - alpha) * z;
				q = beta * (i - last) + (1 - beta) * q;
			}
			last = i;
		}
	}
	tick(ctx, n);
	out->alpha = alpha;
	out->beta = beta;
	out->level = last >= 0 ? z / q * factor : 0;
}

/* TSB: probability smoothed every period from d_1, size at demand periods. */
static void
fit_tsb(const double *y, int32_t n, const FcParams *p, FcCtx *ctx, FcModel *out, ErrAcc *acc)
{
	double		alpha = p->has_alpha ? p->alpha : 0.1;
	double		beta = p->has_beta ? p->beta : 0.1;
	double		prob = y[0] > 0 ? 1 : 0,
				z = 0;
	bool		have = false;

	for (int32_t i = 0; i < n; i++)
	{
		if (i > 0)
		{
			if (have)
				acc_add(acc, y[i] - prob * z);
			prob = beta * (y[i] > 0 ? 1 : 0) + (1 - beta) * prob;
		}
		if (y[i] > 0)
		{
			z = have ? alpha * y[i] + (1 - alpha) * z : y[i];
			have = true;
		}
	}
	tick(ctx, n);
	out->alpha = alpha;
	out->beta = beta;
	out->level = have ? prob * z : 0;
}

/*
 * ADIDA (statsforecast): k = mean inter-demand interval rounded half to even,
 * drop the first n mod k values, SES on the sums of k-period buckets (alpha
 * optimised on [0.1, 0.3]), forecast level / k; errors are bucket errors / k.
 */
static void
fit_adida(const double *y, int32_t n, const FcParams *p, double *w, double *sums, FcCtx *ctx,
		  FcModel *out, ErrAcc *acc)
{
	int32_t		demands = 0,
				last = -1,
				k,
				r,
				nb;
	double		level;

	for (int32_t i = 0; i < n; i++)
		if (y[i] > 0)
		{
			demands++;
			last = i;
		}
	if (demands == 0)
	{
		out->level = 0;
		out->alpha = p->has_alpha ? p->alpha : NAN;
		return;
	}
	/* intervals sum to the 1-based position of the last demand; rint rounds half to even */
	k = (int32_t) rint((double) (last + 1) / demands);
	r = n % k;
	nb = n / k;
	for (int32_t j = 0; j < nb; j++)
	{
		double		s = 0;

		for (int32_t i = 0; i < k; i++)
			s += y[r + j * k + i];
		sums[j] = s;
	}
	tick(ctx, n);
	fit_ses_on(sums, nb, p->has_alpha, p->alpha, &ADIDA_ALPHA, w, ctx, &level, &out->alpha, acc, k);
	out->k = k;
	out->level = level / k;
}

/* Fit one method (not auto) to y[0..n); the history has passed the checks. */
static void
fit_method(const double *y, int32_t n, FcMethod m, const FcParams *p, double *work, FcCtx *ctx,
		   FcModel *out)
{
	ErrAcc		acc = {0, 0, 0, 0};
	double	   *w = work,
			   *sums = work + n;

	model_init(out, m);
	switch (m)
	{
		case FC_NAIVE:
			for (int32_t i = 1; i < n; i++)
				acc_add(&acc, y[i] - y[i - 1]);
			out->level = y[n - 1];
			break;
		case FC_MEAN:
			{
				double		s = y[0];

				for (int32_t i = 1; i < n; i++)
				{
					acc_add(&acc, y[i] - s / i);
					s += y[i];
				}
				out->level = s / n;
				break;
			}
		case FC_MOVING_AVERAGE:
			{
				int32_t		ws = p->has_window ? p->window_size : (n < 3 ? n : 3);
				double		s = 0,
							c = 0,
							tail = 0;

				/*
				 * the forecast for period i is the mean of the last min(ws, i)
				 * values before it, kept as a Neumaier-compensated sliding sum
				 */
				for (int32_t i = 1; i < n; i++)
				{
					double		add[2] = {y[i - 1], i - 1 - ws >= 0 ? -y[i - 1 - ws] : 0};

					for (int j = 0; j < 2; j++)
					{
						double		t = s + add[j];

						c += fabs(s) >= fabs(add[j]) ? (s - t) + add[j] : (add[j] - t) + s;
						s = t;
					}
					acc_add(&acc, y[i] - (s + c) / (i < ws ? i : ws));
				}
				for (int32_t i = n - ws; i < n; i++)
					tail += y[i];
				out->window_size = ws;
				out->level = tail / ws;
				break;
			}
		case FC_SES:
			fit_ses_on(y, n, p->has_alpha, p->alpha, &SES_ALPHA, w, ctx, &out->level, &out->alpha, &acc, 1);
			break;
		case FC_HOLT:
		case FC_DAMPED:
			fit_trend(y, n, m, p, w, ctx, out, &acc);
			break;
		case FC_CROSTON:
		case FC_SBA:
			fit_croston(y, n, m, p, ctx, out, &acc);
			break;
		case FC_TSB:
			fit_tsb(y, n, p, ctx, out, &acc);
			break;
		case FC_ADIDA:
			fit_adida(y, n, p, w, sums, ctx, out, &acc);
			break;
		case FC_AUTO:
			break;
	}
	tick(ctx, n);
	acc_finish(&acc, out);
}

/* Demand class of y (already checked non-negative). */
static FcDemandClass
classify(const double *y, int32_t n)
{
	int32_t		m = 0;
	double		sum = 0,
				mean,
				ss = 0,
				adi,
				cv2;

	for (int32_t i = 0; i < n; i++)
		if (y[i] > 0)
		{
			m++;
			sum += y[i];
		}
	if (m == 0)
		return FC_NO_DEMAND;
	mean = sum / m;
	for (int32_t i = 0; i < n; i++)
		if (y[i] > 0)
			ss += (y[i] - mean) * (y[i] - mean);
	/* both as single quotients, so exact cut-off cases (e.g. 33/25, 49/100) classify exactly */
	adi = (double) n / m;
	cv2 = (ss / m) / (mean * mean);
	if (adi < FC_ADI_CUTOFF)
		return cv2 < FC_CV2_CUTOFF ? FC_SMOOTH : FC_ERRATIC;
	return cv2 < FC_CV2_CUTOFF ? FC_INTERMITTENT : FC_LUMPY;
}

/*
 * auto: classify, fit each candidate on all but the last H periods (H =
 * max(1, min(horizon, n/4)), or max(1, n/4) without a horizon), keep the one
 * with the lowest holdout MAE (ties: the first listed), refit it on the whole
 * history.  Without demand: naive; a single period: naive.
 */
static void
fit_auto(const double *y, int32_t n, int64_t horizon, double *work, FcCtx *ctx, FcModel *out)
{
	static const FcMethod smooth[] = {FC_SES, FC_HOLT, FC_DAMPED};
	static const FcMethod intermittent[] = {FC_CROSTON, FC_SBA, FC_TSB, FC_ADIDA};
	FcDemandClass cls = classify(y, n);
	const FcMethod *cand = (cls == FC_SMOOTH || cls == FC_ERRATIC) ? smooth : intermittent;
	int			ncand = (cls == FC_SMOOTH || cls == FC_ERRATIC) ? 3 : 4;
	int64_t		hold = horizon >= 0 ? (horizon < n / 4 ? horizon : n / 4) : n / 4;
	int32_t		ntrain;
	FcParams	none;
	FcMethod	best = FC_NAIVE;
	double		best_mae = INFINITY;
	bool		found = false;

	memset(&none, 0, sizeof(none));
	if (hold < 1)
		hold = 1;
	ntrain = n - (int32_t) hold;
	if (cls != FC_NO_DEMAND)
		for (int c = 0; c < ncand; c++)
		{
			FcModel		fit;
			double		pw = 1,
						d = 0,
						sabs = 0,
						mae;

			if (ntrain < method_min_len[cand[c]])
				continue;
			fit_method(y, ntrain, cand[c], &none, work, ctx, &fit);
			for (int32_t h = 1; h <= hold; h++)
			{
				pw *= fit.damping;
				d += pw;
				sabs += fabs(y[ntrain + h - 1] - (fit.level + d * fit.trend));
			}
			mae = sabs / hold;
			if (!found || mae < best_mae)
			{
				best = cand[c];
				best_mae = mae;
				found = true;
			}
		}
	fit_method(y, n, found ? best : FC_NAIVE, &none, work, ctx, out);
}

size_t
fc_work_len(int32_t n)
{
	return 3 * (size_t) (n > 0 ? n : 0) + 8;
}

bool
fc_fit(const FcSeries *s, FcMethod m, const FcParams *p, int64_t horizon, double *work,
	   const FcCallback *cb, FcModel *out, DpError *err)
{
	FcCtx		ctx = {cb, 0};
	const double *y = s->y;
	int32_t		n = s->n;
	double		maxabs = 0,
				dscale = 0;
	int			ex = 0;

	if (!fc_check_params(m, p, err) || !check_length(m, p, n, err))
		return false;
	if (m == FC_CROSTON || m == FC_SBA || m == FC_TSB || m == FC_ADIDA || m == FC_AUTO)
	{
		char		what[64];

		snprintf(what, sizeof(what), "Method %s", method_names[m]);
		if (!check_nonnegative(s, what, err))
			return false;
	}

	/*
	 * Every method is scale-equivariant, so a history of huge (or tiny)
	 * values is fitted scaled by a power of two, which is exact, and the
	 * results are scaled back: sums of squares then cannot overflow.
	 */
	for (int32_t i = 0; i < n; i++)
	{
		double		a = fabs(y[i]);

		maxabs = a > maxabs ? a : maxabs;
	}
	if (maxabs > 0x1p400 || (maxabs > 0 && maxabs < 0x1p-400))
	{
		double	   *ys = work + 2 * (size_t) n;

		frexp(maxabs, &ex);
		for (int32_t i = 0; i < n; i++)
			ys[i] = ldexp(y[i], -ex);
		y = ys;
	}

	if (m == FC_AUTO)
		fit_auto(y, n, horizon, work, &ctx, out);
	else
		fit_method(y, n, m, p, work, &ctx, out);

	/* MASE: scaled by the mean absolute first difference of the history */
	for (int32_t i = 1; i < n; i++)
		dscale += fabs(y[i] - y[i - 1]);
	if (out->nerr > 0 && n > 1 && dscale > 0)
		out->mase = out->mae / (dscale / (n - 1));

	if (ex != 0)
	{
		out->level = ldexp(out->level, ex);
		out->trend = ldexp(out->trend, ex);
		out->mae = ldexp(out->mae, ex);
		out->rmse = ldexp(out->rmse, ex);
		out->bias = ldexp(out->bias, ex);
	}
	return true;
}

void
fc_forecast(const FcModel *m, double *out, int32_t h)
{
	double		pw = 1,
				d = 0;

	if (m->trend == 0)
	{
		for (int32_t i = 0; i < h; i++)
			out[i] = m->level;
		return;
	}
	for (int32_t i = 0; i < h; i++)
	{
		pw *= m->damping;
		d += pw;
		out[i] = m->level + d * m->trend;
	}
}

/*
 * Variance multipliers (Hyndman et al. 2008, Table 6.1, class 1): ses
 * 1 + (h-1) alpha^2; holt and damped 1 + sum_{j<h} c_j^2 with
 * c_j = alpha + alpha beta (phi + ... + phi^j), the table's closed forms
 * summed term by term (phi = 1 for holt); h for every other method.
 */
static double
next_factor(const FcModel *m, int32_t h, double *v, double *d, double *pw)
{
	switch (m->method)
	{
		case FC_SES:
			return 1 + (h - 1) * m->alpha * m->alpha;
		case FC_HOLT:
		case FC_DAMPED:
			if (h > 1)
			{
				double		c;

				*pw *= m->damping;
				*d += *pw;
				c = m->alpha + m->alpha * m->beta * *d;
				*v += c * c;
			}
			return *v;
		default:
			return h;
	}
}

double
fc_variance_factor(const FcModel *m, int32_t h)
{
	double		v = 1,
				d = 0,
				pw = 1,
				f = 1;

	for (int32_t i = 1; i <= h; i++)
		f = next_factor(m, i, &v, &d, &pw);
	return f;
}

void
fc_interval(const FcModel *m, const double *fc, int32_t h, double level, double *lower, double *upper)
{
	double		zs = stat_norm_quantile((1 + level) / 2) * m->rmse;
	double		v = 1,
				d = 0,
				pw = 1;

	for (int32_t i = 0; i < h; i++)
	{
		double		half;

		if (m->nerr == 0)
		{
			lower[i] = upper[i] = NAN;
			continue;
		}
		half = zs * sqrt(next_factor(m, i + 1, &v, &d, &pw));
		lower[i] = fmax(0, fc[i] - half);
		upper[i] = fc[i] + half;
	}
}

bool
fc_demand_class(const FcSeries *s, FcDemandClass *c, DpError *err)
{
	if (!check_nonnegative(s, "Demand classification", err))
		return false;
	*c = classify(s->y, s->n);
	return true;
}

double
fc_sse(FcMethod m, const double *y, int32_t n, double alpha, double beta, double phi)
{
	double		s = 0;

	if (m == FC_SES && n >= 1)
	{
		double		l = y[0];

		for (int32_t i = 1; i < n; i++)
		{
			s += (y[i] - l) * (y[i] - l);
			l = alpha * y[i] + (1 - alpha) * l;
		}
	}
	else if ((m == FC_HOLT || m == FC_DAMPED) && n >= 2)
	{
		double		l = y[1],
					b = y[1] - y[0];

		if (m == FC_HOLT)
			phi = 1;
		for (int32_t i = 2; i < n; i++)
		{
			double		lp = l,
						e = y[i] - (l + phi * b);

			s += e * e;
			l = alpha * y[i] + (1 - alpha) * (l + phi * b);
			b = beta * (l - lp) + (1 - beta) * phi * b;
		}
	}
	return s;
}
