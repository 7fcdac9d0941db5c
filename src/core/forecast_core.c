/*
 * forecast_core.c: forecasting methods, their optimisers, the automatic
 * method, fit metrics, prediction intervals and demand classes (see
 * forecast_core.h).
 *
 * Conventions (y_1..y_n the history):
 *   ses      level from y_1, l = alpha y + (1 - alpha) l for t >= 2
 *            (statsforecast SimpleExponentialSmoothing);
 *   holt     R stats::HoltWinters: l_2 = y_2, b_2 = y_2 - y_1, recursion from t = 3;
 *   damped   the same with phi multiplying b in both recursions;
 *   croston  statsforecast CrostonClassic / R forecast::croston: first size and
 *            first interval (1-based position of the first demand) as start values;
 *   tsb      statsforecast TSB: probability from d_1, size from the first demand;
 *   adida    statsforecast ADIDA; imapa statsforecast IMAPA;
 *   ets      ets_core.c; theta, otm, dotm theta_core.c.
 *
 * Parameters left out are estimated: ses, holt, damped, adida and imapa
 * minimise the in-sample one-step sum of squares (ses, adida and imapa by a
 * one-dimensional search, holt and damped by BFGS with the exact gradient of
 * the error recursion from several starts); croston, sba and tsb with no
 * parameter given minimise the mean squared one-step error by Nelder-Mead.
 */
#include "forecast_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "optim.h"
#include "stats.h"

/* ---- names ---- */

static const char *const method_names[FC_NMETHODS] = {
	"naive", "mean", "moving_average", "ses", "holt", "damped",
	"croston", "sba", "tsb", "adida", "imapa", "ets", "theta", "otm", "dotm", "auto"
};

/* the parameters each method takes */
#define P_ALPHA 1
#define P_BETA 2
#define P_PHI 4
#define P_WINDOW 8
#define P_GAMMA 16
#define P_MODEL 32
#define P_SEASON 64
static const int method_params[FC_NMETHODS] = {
	0, 0, P_WINDOW, P_ALPHA, P_ALPHA | P_BETA, P_ALPHA | P_BETA | P_PHI,
	P_ALPHA | P_BETA, P_ALPHA | P_BETA, P_ALPHA | P_BETA, P_ALPHA, P_ALPHA,
	P_ALPHA | P_BETA | P_GAMMA | P_PHI | P_MODEL | P_SEASON, P_SEASON, P_SEASON, P_SEASON, P_SEASON
};

/* the shortest history each method can fit */
static const int32_t method_min_len[FC_NMETHODS] = {1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1, 5, 3, 5, 5, 1};

/* boxes of the estimated parameters */
#define SES_LO 0.01
#define SES_HI 0.99
#define TREND_LO 0.0001
#define TREND_HI 0.9999
#define PHI_LO 0.8
#define PHI_HI 0.98
#define ADIDA_LO 0.1
#define ADIDA_HI 0.3
#define CROSTON_LO 0.01
#define CROSTON_HI 0.3

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
	dp_hint(err, "Use naive, mean, moving_average, ses, holt, damped, croston, sba, tsb, adida, imapa, "
			"ets, theta, otm, dotm or auto.");
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

int32_t
fc_default_season(DpPeriod p)
{
	switch (p)
	{
		case DP_DAY:
			return 7;
		case DP_WEEK:
			return 52;
		case DP_MONTH:
			return 12;
		case DP_QUARTER:
			return 4;
		default:
			return 1;
	}
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
		dp_hint(err, "Name a method, for example method => 'ets', to set its parameters; auto takes season_length.");
		return false;
	}
	dp_fail(err, DP_ERR_ARG, "method %s does not take %s", method_names[m], name);
	{
		static const char *const pn[7] = {"alpha", "beta", "phi", "window_size", "gamma", "model", "season_length"};
		char		list[160];
		size_t		len = 0;
		int			count = 0,
					total = 0;

		for (int i = 0; i < 7; i++)
			total += (method_params[m] >> i) & 1;
		list[0] = '\0';
		for (int i = 0; i < 7; i++)
			if ((method_params[m] >> i) & 1)
			{
				count++;
				len += snprintf(list + len, sizeof(list) - len, "%s%s", count == 1 ? "" : (count == total ? " and " : ", "), pn[i]);
			}
		if (total == 0)
			dp_hint(err, "Method %s takes no parameters.", method_names[m]);
		else
			dp_hint(err, "Method %s takes %s.", method_names[m], list);
	}
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

/* The ETS model argument, parsed into req. */
static bool
check_model(const FcParams *p, EtsRequest *req, DpError *err)
{
	if (!p->has_model)
	{
		req->error = req->trend = req->season = ETS_Z;
		req->damped = -1;
		return true;
	}
	if (!ets_parse(p->model, p->model_len, req))
	{
		dp_fail(err, DP_ERR_ARG, "invalid ETS model \"%.*s\"", (int) (p->model_len > 16 ? 16 : p->model_len), p->model);
		dp_hint(err, "Use three letters: error A, M or Z; trend N, A, Ad or Z; season N, A, M or Z; "
				"for example 'MAdM' or 'ZZZ' (Z chooses).");
		return false;
	}
	if (req->error == ETS_A && req->season == ETS_M)
	{
		dp_fail(err, DP_ERR_ARG, "invalid ETS model \"%.*s\"", (int) p->model_len, p->model);
		dp_detail(err, "Additive errors with a multiplicative season give an infinite forecast variance; "
				  "the model set is R forecast::ets's restricted one.");
		dp_hint(err, "Use a multiplicative error (M) with a multiplicative season.");
		return false;
	}
	return true;
}

bool
fc_check_params(FcMethod m, const FcParams *p, DpError *err)
{
	/* beta smooths the trend for holt/damped/ets, where 0 keeps the starting trend */
	bool		beta_zero_ok = (m == FC_HOLT || m == FC_DAMPED || m == FC_ETS);
	EtsRequest	req;

	if (!check_taken(m, "alpha", P_ALPHA, p->has_alpha, err) ||
		!check_taken(m, "beta", P_BETA, p->has_beta, err) ||
		!check_taken(m, "phi", P_PHI, p->has_phi, err) ||
		!check_taken(m, "window_size", P_WINDOW, p->has_window, err) ||
		!check_taken(m, "gamma", P_GAMMA, p->has_gamma, err) ||
		!check_taken(m, "model", P_MODEL, p->has_model, err) ||
		!check_taken(m, "season_length", P_SEASON, p->has_season, err) ||
		!check_unit(m, "alpha", p->has_alpha, p->alpha, false, err) ||
		!check_unit(m, "beta", p->has_beta, p->beta, beta_zero_ok, err) ||
		!check_unit(m, "gamma", p->has_gamma, p->gamma, true, err) ||
		!check_unit(m, "phi", p->has_phi, p->phi, false, err))
		return false;
	if (p->has_window && p->window_size < 1)
		return dp_fail(err, DP_ERR_ARG, "window_size must be at least 1 (got %d)", p->window_size);
	if (p->has_season && (p->season_length < 1 || p->season_length > SEASON_MAX))
	{
		dp_fail(err, DP_ERR_ARG, "season_length must be between 1 and %d (got %d)", SEASON_MAX, p->season_length);
		dp_hint(err, "Use 1 to turn seasonality off.");
		return false;
	}
	if (m == FC_ETS)
	{
		if (p->has_alpha && p->has_beta && p->beta > p->alpha)
			return dp_fail(err, DP_ERR_ARG, "beta must not exceed alpha for method ets (got beta %s, alpha %s)",
						   dp_num(p->beta).s, dp_num(p->alpha).s);
		if (p->has_alpha && p->has_gamma && p->gamma > 1 - p->alpha)
			return dp_fail(err, DP_ERR_ARG, "gamma must not exceed 1 - alpha for method ets (got gamma %s, alpha %s)",
						   dp_num(p->gamma).s, dp_num(p->alpha).s);
		if (!check_model(p, &req, err))
			return false;
	}
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
		if (m == FC_HOLT || m == FC_DAMPED || m == FC_ETS || m == FC_OTM || m == FC_DOTM || m == FC_THETA)
			dp_hint(err, "Use ses, naive or auto for shorter histories.");
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
	int			scale_exp;		/* the history was divided by 2^scale_exp */
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

static void
ets_tick(void *arg, int64_t units)
{
	tick((FcCtx *) arg, units);
}

static void
opt_tick(void *arg, int cost)
{
	tick((FcCtx *) arg, 64 + 64 * (int64_t) cost);
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

/* Errors of fitted values yhat[first..n). */
static void
acc_fitted(ErrAcc *a, const double *y, const double *yhat, int32_t first, int32_t n)
{
	for (int32_t t = first; t < n; t++)
		acc_add(a, y[t] - yhat[t]);
}

static void
model_init(FcModel *out, FcMethod m)
{
	memset(out, 0, sizeof(*out));
	out->method = m;
	out->alpha = out->beta = out->gamma = out->phi = out->theta = NAN;
	out->loglik = out->aicc = NAN;
	out->mae = out->rmse = out->mase = out->bias = NAN;
	out->season_length = 1;
	out->damping = 1;
}

/* A linear part from the model's level, trend and damping; sigma from the errors. */
static void
linear_part(FcModel *out)
{
	FcPart	   *p = &out->parts[0];

	memset(p, 0, sizeof(*p));
	p->method = out->method;
	p->kind = FC_KIND_LINEAR;
	p->level = out->level;
	p->trend = out->trend;
	p->damping = out->damping;
	p->alpha = out->alpha;
	p->beta = out->beta;
	p->sigma = out->rmse;
	out->nparts = 1;
}

/* ---- ses, holt and damped ---- */

typedef struct SesArg
{
	const double *x;
	int32_t		n;
	FcCtx	   *ctx;
} SesArg;

/* one-step SSE of SES with the level from x_1 */
static double
ses_sse(double alpha, void *arg)
{
	SesArg	   *a = (SesArg *) arg;
	double		l = a->x[0],
				s = 0;

	for (int32_t i = 1; i < a->n; i++)
	{
		double		e = a->x[i] - l;

		s += e * e;
		l += alpha * e;
	}
	tick(a->ctx, a->n);
	return s;
}

/* ses with level from x_1; alpha within [lo, hi] by one-dimensional search when not given. */
static void
fit_ses_on(const double *x, int32_t n, bool has_alpha, double alpha, double lo, double hi,
		   FcCtx *ctx, double *level, double *alpha_out, ErrAcc *acc, double escale)
{
	double		l,
				c;

	if (!has_alpha)
	{
		SesArg		a = {x, n, ctx};
		double		f;

		alpha = n > 1 ? opt_minimise_1d(ses_sse, &a, lo, hi, 21, 1e-10, &f) : lo;
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

/* holt/damped with the HoltWinters start: SSE and its exact gradient in (alpha, beta, phi) */
typedef struct TrendArg
{
	const double *y;
	int32_t		n;
	bool		free[3];
	double		fixed[3];
	FcCtx	   *ctx;
} TrendArg;

static double
trend_objective(const double *x, double *grad, void *arg)
{
	TrendArg   *ta = (TrendArg *) arg;
	const double *y = ta->y;
	double		p[3];
	double		l,
				b,
				sse = 0;
	double		dl[3] = {0, 0, 0},
				db[3] = {0, 0, 0},
				ds[3] = {0, 0, 0};
	int			k = 0;

	for (int j = 0; j < 3; j++)
		p[j] = ta->free[j] ? x[k++] : ta->fixed[j];
	l = y[1];
	b = y[1] - y[0];
	for (int32_t t = 2; t < ta->n; t++)
	{
		double		f = l + p[2] * b,
					e = y[t] - f,
					lp = l,
					ln,
					bn;

		sse += e * e;
		ln = p[0] * y[t] + (1 - p[0]) * f;
		bn = p[1] * (ln - lp) + (1 - p[1]) * p[2] * b;
		if (grad)
		{
			for (int j = 0; j < 3; j++)
			{
				double		df = dl[j] + p[2] * db[j] + (j == 2 ? b : 0),
							dln = (j == 0 ? y[t] - f : 0) + (1 - p[0]) * df,
							dbn = (j == 1 ? (ln - lp) - p[2] * b : 0) + p[1] * (dln - dl[j]) +
					(1 - p[1]) * (p[2] * db[j] + (j == 2 ? b : 0));

				ds[j] += 2 * e * -df;
				dl[j] = dln;
				db[j] = dbn;
			}
		}
		l = ln;
		b = bn;
	}
	tick(ta->ctx, 4 * (int64_t) ta->n);
	if (grad)
	{
		k = 0;
		for (int j = 0; j < 3; j++)
			if (ta->free[j])
				grad[k++] = ds[j];
	}
	return isfinite(sse) ? sse : INFINITY;
}

/*
 * Minimise the trend SSE over the free parameters by BFGS from three
 * deterministic starts, then restart from the best end point until it stops
 * improving.  Writes the parameters to p.
 */
static void
optimise_trend(TrendArg *ta, double *p)
{
	static const double starts[3][3] = {{0.3, 0.1, 0.9}, {0.8, 0.3, 0.95}, {0.05, 0.01, 0.85}};
	double		lo[3],
				hi[3],
				x[3],
				xb[3],
				work[64],
				fbest = INFINITY;
	int			nv = 0;
	OptControl	ctl = {200, 1e-13, 1e-12, opt_tick, ta->ctx};

	for (int j = 0; j < 3; j++)
		if (ta->free[j])
		{
			lo[nv] = j == 2 ? PHI_LO : TREND_LO;
			hi[nv] = j == 2 ? PHI_HI : TREND_HI;
			nv++;
		}
	for (int s = 0; s < 3; s++)
	{
		OptResult	r;
		int			k = 0;

		for (int j = 0; j < 3; j++)
			if (ta->free[j])
				x[k++] = starts[s][j];
		r = opt_bfgs(nv, x, lo, hi, trend_objective, ta, &ctl, work);
		if (r.f < fbest)
		{
			fbest = r.f;
			memcpy(xb, x, sizeof(x));
		}
	}
	for (int round = 0; round < 3 && isfinite(fbest); round++)
	{
		OptResult	r;

		memcpy(x, xb, sizeof(x));
		r = opt_bfgs(nv, x, lo, hi, trend_objective, ta, &ctl, work);
		if (!(r.f < fbest))
			break;
		fbest = r.f;
		memcpy(xb, x, sizeof(x));
	}
	for (int j = 0, k = 0; j < 3; j++)
	{
		if (!ta->free[j])
			p[j] = ta->fixed[j];
		else
		{
			/* a history whose SSE is never finite keeps the lower bounds */
			p[j] = isfinite(fbest) ? xb[k] : lo[k];
			k++;
		}
	}
}

/* holt (phi = 1) and damped: HoltWinters start l_2 = y_2, b_2 = y_2 - y_1. */
static void
fit_trend(const double *y, int32_t n, FcMethod m, const FcParams *p, FcCtx *ctx, FcModel *out,
		  ErrAcc *acc)
{
	double		alpha = p->has_alpha ? p->alpha : NAN,
				beta = p->has_beta ? p->beta : NAN,
				phi = m == FC_HOLT ? 1.0 : (p->has_phi ? p->phi : NAN);
	double		l,
				b;

	if (!p->has_alpha || !p->has_beta || (m == FC_DAMPED && !p->has_phi))
	{
		TrendArg	ta;
		double		q[3];

		ta.y = y;
		ta.n = n;
		ta.free[0] = !p->has_alpha;
		ta.free[1] = !p->has_beta;
		ta.free[2] = m == FC_DAMPED && !p->has_phi;
		ta.fixed[0] = alpha;
		ta.fixed[1] = beta;
		ta.fixed[2] = phi;
		ta.ctx = ctx;
		optimise_trend(&ta, q);
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

/* ---- croston, sba, tsb ---- */

/* Croston/SBA at (alpha, beta): final forecast; errors into acc (may be NULL); returns the SSE. */
static double
croston_run(const double *y, int32_t n, bool sba, double alpha, double beta, double *level, ErrAcc *acc,
			int64_t *count)
{
	double		factor = sba ? 1 - beta / 2 : 1;
	double		z = 0,
				q = 1,
				sse = 0;
	int32_t		last = -1;
	int64_t		c = 0;

	for (int32_t i = 0; i < n; i++)
	{
		if (last >= 0)
		{
			double		e = y[i] - z / q * factor;

			sse += e * e;
			c++;
			if (acc)
				acc_add(acc, e);
		}
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
	*level = last >= 0 ? z / q * factor : 0;
	if (count)
		*count = c;
	return sse;
}

/* TSB at (alpha, beta); as croston_run. */
static double
tsb_run(const double *y, int32_t n, double alpha, double beta, double *level, ErrAcc *acc, int64_t *count)
{
	double		prob = y[0] > 0 ? 1 : 0,
				z = 0,
				sse = 0;
	bool		have = false;
	int64_t		c = 0;

	for (int32_t i = 0; i < n; i++)
	{
		if (i > 0)
		{
			if (have)
			{
				double		e = y[i] - prob * z;

				sse += e * e;
				c++;
				if (acc)
					acc_add(acc, e);
			}
			prob = beta * (y[i] > 0 ? 1 : 0) + (1 - beta) * prob;
		}
		if (y[i] > 0)
		{
			z = have ? alpha * y[i] + (1 - alpha) * z : y[i];
			have = true;
		}
	}
	*level = have ? prob * z : 0;
	if (count)
		*count = c;
	return sse;
}

typedef struct IdArg
{
	const double *y;
	int32_t		n;
	FcMethod	m;
	FcCtx	   *ctx;
} IdArg;

static double
intermittent_mse(const double *x, void *arg)
{
	IdArg	   *a = (IdArg *) arg;
	double		level,
				sse;
	int64_t		c;

	if (a->m == FC_TSB)
		sse = tsb_run(a->y, a->n, x[0], x[1], &level, NULL, &c);
	else
		sse = croston_run(a->y, a->n, a->m == FC_SBA, x[0], x[1], &level, NULL, &c);
	tick(a->ctx, a->n);
	return c > 0 ? sse / c : 0;
}

/*
 * Croston, SBA and TSB.  With no parameter given, alpha and beta minimise
 * the mean squared one-step error within [0.01, 0.3] (Nelder-Mead from two
 * starts); otherwise croston/sba take beta = alpha and tsb 0.1 for the one
 * left out.
 */
static void
fit_intermittent(const double *y, int32_t n, FcMethod m, const FcParams *p, FcCtx *ctx, FcModel *out,
				 ErrAcc *acc)
{
	double		alpha,
				beta,
				level;

	if (!p->has_alpha && !p->has_beta)
	{
		static const double starts[2][2] = {{0.1, 0.1}, {0.05, 0.2}};
		IdArg		a = {y, n, m, ctx};
		double		lo[2] = {CROSTON_LO, CROSTON_LO},
					hi[2] = {CROSTON_HI, CROSTON_HI},
					work[32],
					best = INFINITY;
		OptControl	ctl = {400, 1e-12, 0, opt_tick, ctx};

		alpha = beta = 0.1;
		for (int s = 0; s < 2; s++)
		{
			double		x[2] = {starts[s][0], starts[s][1]};
			OptResult	r = opt_nelder_mead(2, x, lo, hi, intermittent_mse, &a, 0.3, &ctl, work);

			if (r.f < best)
			{
				best = r.f;
				alpha = x[0];
				beta = x[1];
			}
		}
	}
	else
	{
		alpha = p->has_alpha ? p->alpha : 0.1;
		beta = p->has_beta ? p->beta : (m == FC_TSB ? 0.1 : alpha);
	}
	if (m == FC_TSB)
		tsb_run(y, n, alpha, beta, &level, acc, NULL);
	else
		croston_run(y, n, m == FC_SBA, alpha, beta, &level, acc, NULL);
	tick(ctx, n);
	out->alpha = alpha;
	out->beta = beta;
	out->level = level;
}

/* ---- adida and imapa ---- */

/* mean inter-demand interval rounded half to even (statsforecast); 0 without demand */
static int32_t
mean_interval(const double *y, int32_t n)
{
	int32_t		demands = 0,
				last = -1;

	for (int32_t i = 0; i < n; i++)
		if (y[i] > 0)
		{
			demands++;
			last = i;
		}
	if (demands == 0)
		return 0;
	/* intervals sum to the 1-based position of the last demand; rint rounds half to even */
	return (int32_t) rint((double) (last + 1) / demands);
}

/* sums of k-period buckets after dropping the first n mod k values; returns their number */
static int32_t
bucket_sums(const double *y, int32_t n, int32_t k, double *sums)
{
	int32_t		r = n % k,
				nb = n / k;

	for (int32_t j = 0; j < nb; j++)
	{
		double		s = 0;

		for (int32_t i = 0; i < k; i++)
			s += y[r + j * k + i];
		sums[j] = s;
	}
	return nb;
}

/*
 * ADIDA (statsforecast): k = mean inter-demand interval rounded half to even,
 * drop the first n mod k values, SES on the sums of k-period buckets (alpha
 * optimised on [0.1, 0.3]), forecast level / k; errors are bucket errors / k.
 */
static void
fit_adida(const double *y, int32_t n, const FcParams *p, double *sums, FcCtx *ctx, FcModel *out, ErrAcc *acc)
{
	int32_t		k = mean_interval(y, n),
				nb;
	double		level;

	if (k == 0)
	{
		out->level = 0;
		out->alpha = p->has_alpha ? p->alpha : NAN;
		return;
	}
	nb = bucket_sums(y, n, k, sums);
	tick(ctx, n);
	fit_ses_on(sums, nb, p->has_alpha, p->alpha, ADIDA_LO, ADIDA_HI, ctx, &level, &out->alpha, acc, k);
	out->k = k;
	out->level = level / k;
}

/*
 * IMAPA (Petropoulos & Kourentzes 2015, as statsforecast IMAPA): for every
 * aggregation level k = 1..K, K the mean inter-demand interval rounded half
 * to even, the ADIDA forecast at level k (alpha optimised on [0.1, 0.3] per
 * level, or the given alpha); the forecast is their mean.  In-sample errors:
 * the mean of the levels' one-step forecasts (bucket level / k for each
 * period of the next bucket), over the periods every level forecasts.
 */
static void
fit_imapa(const double *y, int32_t n, const FcParams *p, double *sums, double *fsum, double *weight,
		  FcCtx *ctx, FcModel *out, ErrAcc *acc)
{
	int32_t		K = mean_interval(y, n),
				first = 0;
	double		total = 0;

	if (K == 0)
	{
		out->level = 0;
		out->alpha = p->has_alpha ? p->alpha : NAN;
		return;
	}
	for (int32_t t = 0; t < n; t++)
	{
		fsum[t] = 0;
		if (weight)
			weight[t] = 0;
	}
	for (int32_t k = 1; k <= K; k++)
	{
		int32_t		nb = bucket_sums(y, n, k, sums),
					r = n % k;
		double		level,
					alpha,
					l;
		ErrAcc		dummy = {0, 0, 0, 0};

		fit_ses_on(sums, nb, p->has_alpha, p->alpha, ADIDA_LO, ADIDA_HI, ctx, &level, &alpha, &dummy, k);
		total += level / k;
		/*
		 * the weight of each value in the forecast (for auto's shrinkage):
		 * the level is (1 - alpha)^(nb-1) b_0 + sum_{j>=1} alpha (1 - alpha)^(nb-1-j) b_j
		 */
		if (weight)
		{
			double		c = 1;

			for (int32_t j = nb - 1; j >= 0; j--)
			{
				double		wj = (j == 0 ? c : alpha * c) / k / K;

				for (int32_t i = 0; i < k; i++)
					weight[r + j * k + i] += wj;
				c *= 1 - alpha;
			}
		}
		/* the forecast of bucket j >= 1 is the level after bucket j - 1 */
		l = sums[0];
		for (int32_t j = 1; j < nb; j++)
		{
			for (int32_t i = 0; i < k; i++)
				fsum[r + j * k + i] += l / k;
			l = alpha * sums[j] + (1 - alpha) * l;
		}
		if (r + k > first)
			first = r + k;
		if (k == 1)
			out->alpha = alpha;
	}
	/* one alpha per level: reported only when there is one level, or it was given */
	if (K > 1)
		out->alpha = p->has_alpha ? p->alpha : NAN;
	for (int32_t t = first; t < n; t++)
		acc_add(acc, y[t] - fsum[t] / K);
	out->k = K;
	out->level = total / K;
}

/* ---- ets, theta, otm, dotm ---- */

static void
ets_part(FcPart *part, const EtsFit *fit)
{
	memset(part, 0, sizeof(*part));
	part->method = FC_ETS;
	part->kind = FC_KIND_ETS;
	part->u.ets = *fit;
}

static void
theta_part(FcPart *part, FcMethod m, const ThetaFit *fit)
{
	memset(part, 0, sizeof(*part));
	part->method = m;
	part->kind = FC_KIND_THETA;
	part->u.theta = *fit;
}

/* The season length: the given one, or the period's. */
static int32_t
season_of(const FcParams *p, DpPeriod period)
{
	return p->has_season ? p->season_length : fc_default_season(period);
}

/* Is the history long enough for some model of the request? */
static bool
request_fits(const EtsRequest *r, int32_t n, int32_t m, const EtsFixed *fx, bool positive)
{
	for (int e = ETS_A; e <= ETS_M; e++)
		for (int tr = 0; tr < 3; tr++)
			for (int se = ETS_N; se <= ETS_M; se++)
			{
				EtsSpec		sp;

				if ((r->error != ETS_Z && r->error != e) || (e == ETS_M && !positive) ||
					(r->season != ETS_Z && r->season != se) || (e == ETS_A && se == ETS_M) ||
					(se == ETS_M && !positive) || (se != ETS_N && m < 2))
					continue;
				if (r->trend == ETS_Z ? tr == 1 : (r->trend == ETS_N ? tr != 0 : (tr == 0 || (tr == 2) != (r->damped == 1))))
					continue;
				sp.error = (int8_t) e;
				sp.trend = (int8_t) (tr == 0 ? ETS_N : ETS_A);
				sp.season = (int8_t) se;
				sp.damped = tr == 2;
				if (n >= ets_min_length(&sp, m, fx))
					return true;
			}
	return false;
}

/*
 * ets: the requested model (Z letters chosen by AICc).  A history too short
 * for any model of the requested season falls back to no season, then to
 * no trend.
 */
static bool
fit_ets(const double *y, int32_t n, int32_t m, const FcParams *p, double *work, FcCtx *ctx,
		FcModel *out, ErrAcc *acc, DpError *err)
{
	EtsRequest	req;
	EtsFixed	fx = {p->has_alpha ? p->alpha : NAN, p->has_beta ? p->beta : NAN,
	p->has_gamma ? p->gamma : NAN, p->has_phi ? p->phi : NAN, ctx->scale_exp};
	EtsTick		tk = {ets_tick, ctx};
	EtsFit		fit;
	bool		positive = true;
	double	   *yhat = work,
			   *ew = work + n;

	check_model(p, &req, err);
	for (int32_t t = 0; t < n; t++)
		if (!(y[t] > 0))
			positive = false;
	if (!positive && (req.error == ETS_M || req.season == ETS_M))
	{
		dp_fail(err, DP_ERR_ARG, "ETS model \"%.*s\" needs a positive history", (int) p->model_len, p->model);
		dp_detail(err, "A multiplicative error or season divides by the fitted values.");
		dp_hint(err, "Use additive components (A) or Z to choose among those that fit.");
		return false;
	}
	if (req.season != ETS_N && req.season != ETS_Z && m < 2)
	{
		dp_fail(err, DP_ERR_ARG, "ETS model \"%.*s\" has a season but the season length is 1", (int) p->model_len, p->model);
		dp_hint(err, "Give season_length, or use N or Z for the season.");
		return false;
	}
	for (int stage = 0; stage < 3; stage++)
	{
		EtsRequest	r = req;

		if (stage >= 1)
			r.season = ETS_N;
		if (stage >= 2)
			r.trend = ETS_N;
		if (stage >= 1 && r.season == req.season && r.trend == req.trend)
			continue;
		/* a request none of whose models the history is long enough for falls back */
		if (!request_fits(&r, n, m, &fx, positive))
			continue;
		if (ets_auto(y, n, m, &r, &fx, ew, &tk, &fit, NULL, NULL))
		{
			ets_fitted(y, n, &fit, yhat);
			acc_fitted(acc, y, yhat, 0, n);
			ets_name(&fit.spec, out->model, sizeof(out->model));
			out->alpha = fit.alpha;
			out->beta = fit.beta;
			out->gamma = fit.gamma;
			out->phi = fit.spec.damped ? fit.phi : NAN;
			out->loglik = fit.loglik;
			out->aicc = fit.aicc;
			out->season_length = fit.m;
			ets_part(&out->parts[0], &fit);
			out->nparts = 1;
			return true;
		}
		break;
	}
	dp_fail(err, DP_ERR_ARG, "no ETS model can be fitted to this history with the given parameters");
	dp_detail(err, "Given seasonal parameters must be admissible: the characteristic roots of the model "
			  "inside the unit circle (Hyndman, Akram & Archibald 2008).");
	dp_hint(err, "Leave more parameters to be estimated.");
	return false;
}

static void
fit_theta(const double *y, int32_t n, int32_t m, FcMethod meth, double *work, FcCtx *ctx, FcModel *out,
		  ErrAcc *acc)
{
	EtsTick		tk = {ets_tick, ctx};
	ThetaFit	fit;
	ThetaKind	kind = meth == FC_THETA ? THETA_STANDARD : (meth == FC_OTM ? THETA_OTM : THETA_DOTM);
	double	   *yhat = work;
	int32_t		first;

	theta_fit(y, n, m, kind, work + n, &tk, &fit);
	first = theta_fitted(y, n, &fit, yhat);
	acc_fitted(acc, y, yhat, first, n);
	out->alpha = fit.alpha;
	out->theta = fit.theta;
	out->season_length = fit.m;
	theta_part(&out->parts[0], meth, &fit);
	out->nparts = 1;
}

/* ---- classes and auto ---- */

/* Demand class of y (already checked non-negative). */
static FcDemandClass
classify(const double *y, int32_t n)
{
	int32_t		m = 0;
	double		sum = 0,
				mean,
				ss = 0,
				adi,
				cv2,
				top = 0;
	int			ex = 0;

	/*
	 * CV^2 does not depend on the scale: the demands are scaled by the power
	 * of two that brings the largest into [0.5, 1) (exact), so the sum cannot
	 * overflow ([1e308, 1e308] is smooth, as [1e307, 1e307] is)
	 */
	for (int32_t i = 0; i < n; i++)
		top = y[i] > top ? y[i] : top;
	frexp(top, &ex);
	for (int32_t i = 0; i < n; i++)
		if (y[i] > 0)
		{
			m++;
			sum += ldexp(y[i], -ex);
		}
	if (m == 0)
		return FC_NO_DEMAND;
	mean = sum / m;
	for (int32_t i = 0; i < n; i++)
		if (y[i] > 0)
			ss += (ldexp(y[i], -ex) - mean) * (ldexp(y[i], -ex) - mean);
	/* both as single quotients, so exact cut-off cases (e.g. 33/25, 49/100) classify exactly */
	adi = (double) n / m;
	cv2 = (ss / m) / (mean * mean);
	if (adi < FC_ADI_CUTOFF)
		return cv2 < FC_CV2_CUTOFF ? FC_SMOOTH : FC_ERRATIC;
	return cv2 < FC_CV2_CUTOFF ? FC_INTERMITTENT : FC_LUMPY;
}

/* median of k <= FC_MAX_PARTS values (insertion sort) */
static double
median_of(const double *v, int k)
{
	double		s[FC_MAX_PARTS];

	for (int i = 0; i < k; i++)
	{
		int			j = i;

		while (j > 0 && s[j - 1] > v[i])
		{
			s[j] = s[j - 1];
			j--;
		}
		s[j] = v[i];
	}
	return k % 2 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
}

static void fit_method(const double *y, int32_t n, FcMethod m, const FcParams *p, int32_t season,
					   double *work, FcCtx *ctx, FcModel *out, DpError *err);

/*
 * auto for smooth and erratic histories: the median of four forecasts, the
 * ETS model with the smallest AICc, the damped-trend ETS model with the
 * smallest AICc, OTM and DOTM (fewer when a part cannot be fitted; ses for
 * fewer than 5 values).  In-sample errors: the median of the parts' fitted
 * values, from the third period.
 */
static void
fit_auto_smooth(const double *y, int32_t n, int32_t m, double *work, FcCtx *ctx, FcModel *out)
{
	EtsRequest	req = {ETS_Z, ETS_Z, ETS_Z, -1};
	EtsFixed	fx = {NAN, NAN, NAN, NAN, ctx->scale_exp};
	EtsTick		tk = {ets_tick, ctx};
	EtsFit		best,
				damped;
	bool		has_damped = false,
				has_ets;
	ThetaFit	th;
	double	   *fitted = work,		/* FC_MAX_PARTS x n */
			   *scratch = work + FC_MAX_PARTS * (size_t) n;
	int32_t		first[FC_MAX_PARTS];
	int			k = 0;
	ErrAcc		acc = {0, 0, 0, 0};
	size_t		len = 0;

	has_ets = ets_auto(y, n, m, &req, &fx, scratch, &tk, &best, &damped, &has_damped);
	if (has_ets)
	{
		ets_part(&out->parts[k], &best);
		ets_fitted(y, n, &best, fitted + k * (size_t) n);
		first[k++] = 0;
		if (has_damped)
		{
			ets_part(&out->parts[k], &damped);
			ets_fitted(y, n, &damped, fitted + k * (size_t) n);
			first[k++] = 0;
		}
	}
	for (int j = 0; j < 2; j++)
	{
		theta_fit(y, n, m, j == 0 ? THETA_OTM : THETA_DOTM, scratch, &tk, &th);
		theta_part(&out->parts[k], j == 0 ? FC_OTM : FC_DOTM, &th);
		first[k] = theta_fitted(y, n, &th, fitted + k * (size_t) n);
		k++;
	}
	tick(ctx, 16 * (int64_t) n);
	out->nparts = k;
	out->method = FC_AUTO;
	len += snprintf(out->model, sizeof(out->model), "median(");
	for (int j = 0; j < k; j++)
	{
		char		name[32];

		if (out->parts[j].kind == FC_KIND_ETS)
			ets_name(&out->parts[j].u.ets.spec, name, sizeof(name));
		else
			snprintf(name, sizeof(name), "%s", out->parts[j].method == FC_OTM ? "OTM" : "DOTM");
		len += snprintf(out->model + len, sizeof(out->model) - len, "%s%s", j ? ", " : "", name);
	}
	snprintf(out->model + len, sizeof(out->model) - len, ")");
	out->season_length = th.m > 1 ? th.m : (has_ets && best.m > 1 ? best.m : 1);
	{
		int32_t		f0 = 0;
		double		v[FC_MAX_PARTS];

		for (int j = 0; j < k; j++)
			f0 = first[j] > f0 ? first[j] : f0;
		for (int32_t t = f0; t < n; t++)
		{
			for (int j = 0; j < k; j++)
				v[j] = fitted[j * (size_t) n + t];
			acc_add(&acc, y[t] - median_of(v, k));
		}
	}
	acc_finish(&acc, out);
}

/*
 * auto for intermittent and lumpy histories: IMAPA shrunk towards zero by
 * the positive-part James-Stein factor max(0, 1 - v / f^2), where f is the
 * IMAPA forecast and v = s^2 sum_t w_t^2 its sampling variance (the forecast
 * is the linear combination sum_t w_t y_t of the history; s^2 the sample
 * variance of the history): a level that the history cannot tell from zero
 * forecasts zero, a well-determined one stays almost as it is.  In-sample
 * errors are IMAPA's, scaled by the same factor.
 */
static void
fit_auto_intermittent(const double *y, int32_t n, double *work, FcCtx *ctx, FcModel *out)
{
	FcParams	none;
	double	   *weight = work + 2 * (size_t) n,
				mean = 0,
				s2 = 0,
				v = 0,
				f,
				c;
	ErrAcc		acc = {0, 0, 0, 0};

	memset(&none, 0, sizeof(none));
	model_init(out, FC_AUTO);
	fit_imapa(y, n, &none, work, work + n, weight, ctx, out, &acc);
	for (int32_t t = 0; t < n; t++)
		mean += y[t];
	mean /= n;
	for (int32_t t = 0; t < n; t++)
	{
		s2 += (y[t] - mean) * (y[t] - mean);
		v += weight[t] * weight[t];
	}
	s2 /= n - 1;
	v *= s2;
	f = out->level;
	c = f > 0 ? fmax(0, 1 - v / (f * f)) : 0;
	out->level = f * c;
	/* IMAPA's one-step forecasts scaled by c: errors y - c yhat, from the fitted values kept in work + n */
	{
		int32_t		K = out->k,
					first = 0;
		ErrAcc		sacc = {0, 0, 0, 0};

		for (int32_t k = 1; k <= K; k++)
			first = n % k + k > first ? n % k + k : first;
		for (int32_t t = first; t < n; t++)
			acc_add(&sacc, y[t] - c * work[n + t] / K);
		acc_finish(&sacc, out);
	}
	out->alpha = NAN;
	snprintf(out->model, sizeof(out->model), "IMAPA x %.4g (James-Stein shrinkage)", c);
	linear_part(out);
	out->parts[0].method = FC_IMAPA;
}

static void
fit_auto(const double *y, int32_t n, int32_t m, double *work, FcCtx *ctx, FcModel *out, DpError *err)
{
	FcDemandClass cls = classify(y, n);
	FcParams	none;
	bool		constant = true;

	for (int32_t t = 1; t < n; t++)
		if (y[t] != y[0])
			constant = false;
	memset(&none, 0, sizeof(none));
	if (cls == FC_NO_DEMAND || n == 1)
		fit_method(y, n, FC_NAIVE, &none, 1, work, ctx, out, err);
	else if (constant)
		fit_method(y, n, FC_SES, &none, 1, work, ctx, out, err);
	else if (cls == FC_INTERMITTENT || cls == FC_LUMPY)
		fit_auto_intermittent(y, n, work, ctx, out);
	else if (n < 5)
		fit_method(y, n, FC_SES, &none, 1, work, ctx, out, err);
	else
	{
		model_init(out, FC_AUTO);
		fit_auto_smooth(y, n, m, work, ctx, out);
	}
}

/* ---- dispatch ---- */

/* Fit one method to y[0..n); the history has passed the checks.  Returns false only for ets. */
static void
fit_method(const double *y, int32_t n, FcMethod m, const FcParams *p, int32_t season, double *work,
		   FcCtx *ctx, FcModel *out, DpError *err)
{
	ErrAcc		acc = {0, 0, 0, 0};
	bool		linear = true;

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
			fit_ses_on(y, n, p->has_alpha, p->alpha, SES_LO, SES_HI, ctx, &out->level, &out->alpha, &acc, 1);
			break;
		case FC_HOLT:
		case FC_DAMPED:
			fit_trend(y, n, m, p, ctx, out, &acc);
			break;
		case FC_CROSTON:
		case FC_SBA:
		case FC_TSB:
			fit_intermittent(y, n, m, p, ctx, out, &acc);
			break;
		case FC_ADIDA:
			fit_adida(y, n, p, work, ctx, out, &acc);
			break;
		case FC_IMAPA:
			fit_imapa(y, n, p, work, work + n, NULL, ctx, out, &acc);
			break;
		case FC_ETS:
			linear = false;
			if (!fit_ets(y, n, season, p, work, ctx, out, &acc, err))
			{
				out->nparts = 0;
				return;
			}
			break;
		case FC_THETA:
		case FC_OTM:
		case FC_DOTM:
			linear = false;
			fit_theta(y, n, season, m, work, ctx, out, &acc);
			break;
		case FC_AUTO:
			fit_auto(y, n, season, work, ctx, out, err);
			return;
	}
	tick(ctx, n);
	acc_finish(&acc, out);
	if (linear)
		linear_part(out);
}

size_t
fc_work_len(int32_t n)
{
	size_t		nn = (size_t) (n > 0 ? n : 1);

	/* scaled copy, auto's fitted values, and the largest of the methods' scratch */
	return nn + FC_MAX_PARTS * nn + ets_work_len(n, SEASON_MAX) + theta_work_len(n) + 2 * nn + 64;
}

bool
fc_fit(const FcSeries *s, FcMethod m, const FcParams *p, int64_t horizon, double *work,
	   const FcCallback *cb, FcModel *out, DpError *err)
{
	FcCtx		ctx = {cb, 0, 0};
	const double *y = s->y;
	int32_t		n = s->n;
	double		maxabs = 0,
				dscale = 0;
	int			ex = 0;
	int32_t		season = season_of(p, s->period);
	bool		nonnegative = false;

	(void) horizon;
	if (!fc_check_params(m, p, err) || !check_length(m, p, n, err))
		return false;
	if (m == FC_CROSTON || m == FC_SBA || m == FC_TSB || m == FC_ADIDA || m == FC_IMAPA || m == FC_AUTO)
	{
		char		what[64];

		snprintf(what, sizeof(what), "Method %s", method_names[m]);
		if (!check_nonnegative(s, what, err))
			return false;
		nonnegative = true;
	}

	/*
	 * Every method is scale-equivariant, so the history is fitted scaled by
	 * the power of two that brings its largest magnitude into [0.5, 1),
	 * which is exact, and the results are scaled back: sums of squares
	 * cannot overflow, and histories that differ by a power of two give the
	 * same estimates to the bit (the optimisers' tolerances see the same
	 * numbers).
	 */
	for (int32_t i = 0; i < n; i++)
	{
		double		a = fabs(y[i]);

		maxabs = a > maxabs ? a : maxabs;
	}
	if (maxabs > 0 && isfinite(maxabs))
	{
		double	   *ys = work;

		frexp(maxabs, &ex);
		for (int32_t i = 0; i < n; i++)
			ys[i] = ldexp(y[i], -ex);
		y = ys;
	}
	work += n;
	ctx.scale_exp = ex;

	err->code = DP_OK;
	fit_method(y, n, m, p, season, work, &ctx, out, err);
	if (err->code != DP_OK)
		return false;

	/* MASE: scaled by the mean absolute first difference of the history */
	for (int32_t i = 1; i < n; i++)
		dscale += fabs(y[i] - y[i - 1]);
	if (out->nerr > 0 && n > 1 && dscale > 0)
		out->mase = out->mae / (dscale / (n - 1));

	out->scale_exp = ex;
	out->nonnegative = nonnegative;
	if (ex != 0)
	{
		out->level = ldexp(out->level, ex);
		out->trend = ldexp(out->trend, ex);
		out->mae = ldexp(out->mae, ex);
		out->rmse = ldexp(out->rmse, ex);
		out->bias = ldexp(out->bias, ex);
		/* the likelihood of y = 2^ex x: the density of x over 2^(ex n) */
		out->loglik -= n * ex * 0.69314718055994531;
		out->aicc += 2 * n * ex * 0.69314718055994531;
	}
	return true;
}

/* ---- forecasts ---- */

/* A part's forecasts, continued from where the cursor stopped. */
typedef struct PartCursor
{
	const FcPart *part;
	double		pw,
				dsum;
	EtsCursor	ets;
	ThetaCursor theta;
} PartCursor;

static void
cursor_init(PartCursor *c, const FcPart *part)
{
	c->part = part;
	c->pw = 1;
	c->dsum = 0;
	if (part->kind == FC_KIND_ETS)
		ets_cursor(&part->u.ets, &c->ets);
	else if (part->kind == FC_KIND_THETA)
		theta_cursor(&part->u.theta, &c->theta);
}

static void
cursor_next(PartCursor *c, double *out, int32_t k)
{
	const FcPart *p = c->part;

	switch (p->kind)
	{
		case FC_KIND_LINEAR:
			if (p->trend == 0)
			{
				for (int32_t i = 0; i < k; i++)
					out[i] = p->level;
				return;
			}
			for (int32_t i = 0; i < k; i++)
			{
				c->pw *= p->damping;
				c->dsum += c->pw;
				out[i] = p->level + c->dsum * p->trend;
			}
			return;
		case FC_KIND_ETS:
			for (int32_t i = 0; i < k; i++)
				out[i] = ets_next(&p->u.ets, &c->ets);
			return;
		case FC_KIND_THETA:
			for (int32_t i = 0; i < k; i++)
				out[i] = theta_next(&p->u.theta, &c->theta);
			return;
	}
}

#define FC_CHUNK 256

void
fc_forecast(const FcModel *m, double *out, int32_t h)
{
	PartCursor	cur[FC_MAX_PARTS];
	int			np = m->nparts;

	for (int j = 0; j < np; j++)
		cursor_init(&cur[j], &m->parts[j]);
	if (np == 1)
		cursor_next(&cur[0], out, h);
	else
	{
		double		buf[FC_MAX_PARTS][FC_CHUNK];

		for (int32_t t0 = 0; t0 < h; t0 += FC_CHUNK)
		{
			int32_t		k = h - t0 < FC_CHUNK ? h - t0 : FC_CHUNK;

			for (int j = 0; j < np; j++)
				cursor_next(&cur[j], buf[j], k);
			for (int32_t i = 0; i < k; i++)
			{
				double		v[FC_MAX_PARTS];

				for (int j = 0; j < np; j++)
					v[j] = buf[j][i];
				out[t0 + i] = median_of(v, np);
			}
		}
	}
	if (m->scale_exp != 0)
		for (int32_t i = 0; i < h; i++)
			out[i] = ldexp(out[i], m->scale_exp);
}

/*
 * Variance multipliers of the linear parts (Hyndman et al. 2008, Table 6.1,
 * class 1): ses 1 + (h-1) alpha^2; holt and damped 1 + sum_{j<h} c_j^2 with
 * c_j = alpha + alpha beta (phi + ... + phi^j), the table's closed forms
 * summed term by term (phi = 1 for holt); h for every other method.
 */
static double
next_factor(const FcPart *m, int32_t h, double *v, double *d, double *pw)
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
fc_variance_factor(const FcPart *m, int32_t h)
{
	double		v = 1,
				d = 0,
				pw = 1,
				f = 1;

	for (int32_t i = 1; i <= h; i++)
		f = next_factor(m, i, &v, &d, &pw);
	return f;
}

bool
fc_has_interval(const FcModel *m)
{
	for (int j = 0; j < m->nparts; j++)
		if (m->parts[j].kind == FC_KIND_LINEAR && !isfinite(m->parts[j].sigma))
			return false;
	return m->nparts > 0;
}

size_t
fc_interval_work_len(const FcModel *m, int32_t h)
{
	size_t		need = 0,
				hh = (size_t) (h > 0 ? h : 1);

	for (int j = 0; j < m->nparts; j++)
		if (m->parts[j].kind == FC_KIND_ETS)
		{
			size_t		e = ets_variance_work_len(&m->parts[j].u.ets, h);

			need = e > need ? e : need;
		}
	return need + 2 * FC_MAX_PARTS * hh + 8;
}

static void
interval_tick(void *arg, int64_t units)
{
	tick((FcCtx *) arg, units);
}

/* a part's forecasts and variances (unscaled) */
static void
part_mean_var(const FcPart *p, int32_t h, double *mean, double *var, double *work, FcCtx *ctx)
{
	PartCursor	c;

	cursor_init(&c, p);
	cursor_next(&c, mean, h);
	if (p->kind == FC_KIND_ETS)
	{
		EtsTick		tk = {interval_tick, ctx};

		ets_variance(&p->u.ets, h, var, work, &tk);
	}
	else if (p->kind == FC_KIND_THETA)
		theta_variance(&p->u.theta, h, var);
	else
	{
		double		v = 1,
					d = 0,
					pw = 1;

		for (int32_t i = 0; i < h; i++)
			var[i] = p->sigma * p->sigma * next_factor(p, i + 1, &v, &d, &pw);
	}
}

void
fc_interval(const FcModel *m, const double *fc, int32_t h, double level, double *lower, double *upper,
			double *work, const FcCallback *cb)
{
	/*
	 * z = Phi^-1((1 + level) / 2); when 1 + level rounds to 2 (level within
	 * 2^-53 of 1) it is computed from the lower tail, -Phi^-1((1 - level) / 2),
	 * where 1 - level is exact, so it stays finite.
	 */
	double		z = (1 + level) / 2 < 1 ? stat_norm_quantile((1 + level) / 2)
		: -stat_norm_quantile((1 - level) / 2);
	size_t		hh = (size_t) (h > 0 ? h : 1);
	double	   *mean = work,
			   *var = mean + FC_MAX_PARTS * hh,
			   *ework = var + FC_MAX_PARTS * hh;
	FcCtx		ctx = {cb, 0, 0};
	int			np = m->nparts;

	if (!fc_has_interval(m))
	{
		for (int32_t i = 0; i < h; i++)
			lower[i] = upper[i] = NAN;
		return;
	}
	for (int j = 0; j < np; j++)
		part_mean_var(&m->parts[j], h, mean + j * hh, var + j * hh, ework, &ctx);
	for (int32_t i = 0; i < h; i++)
	{
		double		lo[FC_MAX_PARTS],
					hi[FC_MAX_PARTS],
					l,
					u;

		if (np == 1)
		{
			/* centred on the forecast given (the part's own mean) */
			double		s = ldexp(z * sqrt(fmax(var[i], 0)), m->scale_exp);

			l = fc[i] - s;
			u = fc[i] + s;
		}
		else
		{
			/* the median of the parts' bounds */
			for (int j = 0; j < np; j++)
			{
				double		s = z * sqrt(fmax(var[j * hh + i], 0));

				lo[j] = mean[j * hh + i] - s;
				hi[j] = mean[j * hh + i] + s;
			}
			l = ldexp(median_of(lo, np), m->scale_exp);
			u = ldexp(median_of(hi, np), m->scale_exp);
		}
		/*
		 * only a method that needs non-negative demand clips at 0, and never
		 * above the forecast (a negative trend can take it below 0)
		 */
		lower[i] = fmin(m->nonnegative ? fmax(0, l) : l, fc[i]);
		upper[i] = fmax(u, fc[i]);
		if ((i & 1023) == 1023)
			tick(&ctx, 1024);
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
