/*
 * ets_core.h: exponential smoothing state space models (ETS) in plain C,
 * after Hyndman, Koehler, Ord & Snyder (2008), Forecasting with Exponential
 * Smoothing, and R forecast::ets: error additive or multiplicative, trend
 * none, additive or additive damped, season none, additive or
 * multiplicative.  Smoothing parameters and initial states are estimated
 * together by maximum likelihood; the model is chosen by AICc.
 *
 * Conventions are R forecast::ets's (bounds = "both" usual limits, the
 * restricted model set, the likelihood, the AICc and the seasonal initial
 * states summing to 0 or m), so that fits of the same model compare.
 */
#ifndef DP_ETS_CORE_H
#define DP_ETS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "season.h"

#define ETS_N 0
#define ETS_A 1
#define ETS_M 2
#define ETS_Z (-1)				/* "choose" in a model request */

/* A model; damped only with an additive trend. */
typedef struct EtsSpec
{
	int8_t		error,
				trend,
				season;
	bool		damped;
} EtsSpec;

/* A model request: each component ETS_Z (choose) or fixed; damped -1 = choose. */
typedef struct EtsRequest
{
	int8_t		error,
				trend,
				season,
				damped;
} EtsRequest;

/* Fixed smoothing parameters; NAN = estimate. */
typedef struct EtsFixed
{
	double		alpha,
				beta,
				gamma,
				phi;
	int32_t		scale_exp;		/* y is the history divided by 2^scale_exp (R's search works in its units) */
} EtsFixed;

/* Bounds of the estimated parameters (R forecast::ets defaults). */
#define ETS_PAR_LO 1e-4
#define ETS_PAR_HI 0.9999
#define ETS_PHI_LO 0.8
#define ETS_PHI_HI 0.98

/* A fitted model. */
typedef struct EtsFit
{
	EtsSpec		spec;
	int32_t		m;				/* season length (1 without season) */
	int32_t		n;				/* observations */
	double		alpha,
				beta,
				gamma,
				phi;			/* NAN where the model has none; phi 1 undamped */
	int32_t		npar;			/* estimated parameters and initial states (R's length(par)) */
	double		loglik;			/* -0.5 (n log SSE + 2 sum log|yhat|) as R forecast::ets */
	double		aicc;
	double		sigma2;			/* sum e^2 / (n - npar), e relative for multiplicative errors */
	double		mse;			/* in-sample one-step MSE of y - yhat */
	/* initial states (time 0) and final states (time n) */
	double		l0,
				b0,
				l,
				b;
	/* seasonal states: s0[j] is the season of y[j] (0 <= j < m); s[j] the season of y[n + j] */
	double		s0[SEASON_MAX],
				s[SEASON_MAX];
	int32_t		evaluations;	/* likelihood evaluations spent */
} EtsFit;

/* A model's name: "ETS(M,Ad,M)". */
extern void ets_name(const EtsSpec *spec, char *buf, size_t len);
/* Short form "MAdM", as the model argument spells it. */
extern void ets_code(const EtsSpec *spec, char *buf, size_t len);
/*
 * Parse a model argument: three letters error (A, M, Z), trend (N, A, Ad,
 * Z), season (N, A, M, Z), case-insensitive, e.g. "AAdN", "MAM", "ZZZ".
 */
extern bool ets_parse(const char *s, size_t len, EtsRequest *req);

/*
 * Is the seasonal model with these parameters admissible (forecastable):
 * the roots of its characteristic polynomial inside the unit circle?
 * (Hyndman, Akram & Archibald 2008; beta 0 and phi 1 without damped trend.)
 */
extern bool ets_admissible(double alpha, double beta, double gamma, double phi, int32_t m);

/* Doubles of work space the fits need for n values and season length m. */
extern size_t ets_work_len(int32_t n, int32_t m);

/* Called now and then during the fits with the work done since the last call. */
typedef struct EtsTick
{
	void		(*fn) (void *arg, int64_t units);
	void	   *arg;
} EtsTick;

/* Report units of work done to tick (NULL or without a function: nothing). */
static inline void
ets_tick_report(const EtsTick *tick, int64_t units)
{
	if (tick && tick->fn)
		tick->fn(tick->arg, units);
}

/* How far ets_fit_model goes. */
typedef enum EtsMode
{
	ETS_LOOSE,					/* three starts, each stopped early (for model selection) */
	ETS_FULL,					/* the starts, then the best polished to convergence */
	ETS_POLISH					/* polish the fit passed in (a loose fit of the same model) */
} EtsMode;

/*
 * Fit one model to y[0..n) by maximum likelihood: the estimated smoothing
 * parameters within their bounds and the initial states (l0, b0 and m - 1
 * seasonal states; the last makes them sum to 0, or m when multiplicative).
 * Returns false when the model cannot be fitted (too few values for its
 * parameters, non-positive data for multiplicative parts, no finite
 * likelihood).
 */
extern bool ets_fit_model(const double *y, int32_t n, int32_t m, const EtsSpec *spec,
						  const EtsFixed *fixed, EtsMode mode, double *work, const EtsTick *tick,
						  EtsFit *fit);

/*
 * The shortest history a model can be fitted to: more values than its
 * estimated parameters and initial states plus 2 (so that the AICc is
 * finite), and for a season more than m values.
 */
extern int32_t ets_min_length(const EtsSpec *spec, int32_t m, const EtsFixed *fixed);

/*
 * Choose and fit a model by AICc among those the request allows: each Z
 * letter chooses (an error A or M; a trend none or damped, the undamped
 * additive trend only when asked for; a season none, A or M), in R's
 * restricted set (no multiplicative season with additive errors, whose
 * forecast variance is infinite; multiplicative parts only for y > 0; seasonal models need m > 1 and
 * n > m).  When damped_fit is not NULL it gets the best damped model
 * (*has_damped says whether there is one).  Candidates are fitted loosely
 * (ETS_LOOSE) and the winners polished.  Returns false when no model fits.
 */
extern bool ets_auto(const double *y, int32_t n, int32_t m, const EtsRequest *req,
					 const EtsFixed *fixed, double *work, const EtsTick *tick, EtsFit *fit,
					 EtsFit *damped_fit, bool *has_damped);

/* The one-step fitted values yhat[0..n) of a fitted model. */
extern void ets_fitted(const double *y, int32_t n, const EtsFit *fit, double *yhat);

/* The likelihood objective n log SSE (+ 2 sum log|yhat|) at given parameters and initial states. */
extern double ets_lik(const double *y, int32_t n, int32_t m, const EtsSpec *spec, double alpha,
					  double beta, double gamma, double phi, double l0, double b0, const double *s0,
					  double *sse);

/*
 * Point forecasts: the model's recursion with future errors 0,
 * yhat(n + h) = (l + (phi + ... + phi^h) b) (+ or x) s, one period at a
 * time from a cursor.  For classes 1 and 2 (additive, or multiplicative
 * error with additive components) this is the conditional mean; for class 3
 * (multiplicative error and season) R forecast.ets reports the conditional
 * mean instead, which differs by a term in sigma^2 from h = m + 1 on.
 */
typedef struct EtsCursor
{
	int32_t		k;				/* periods forecast so far */
	double		pw,
				dsum;
} EtsCursor;

extern void ets_cursor(const EtsFit *fit, EtsCursor *c);
extern double ets_next(const EtsFit *fit, EtsCursor *c);

/*
 * Forecast variances 1..h (Hyndman et al. 2008, ch. 6; R forecast's
 * class1, class2 and class3): class 1 sigma^2 (1 + sum c_j^2); class 2 the
 * theta recursion; class 3 the moment recursion of the state products.
 * work needs ets_variance_work_len(fit, h) doubles; tick (may be NULL) is
 * called now and then with the work done.
 */
extern size_t ets_variance_work_len(const EtsFit *fit, int32_t h);
extern void ets_variance(const EtsFit *fit, int32_t h, double *var, double *work,
						 const EtsTick *tick);

#endif
