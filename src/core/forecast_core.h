/*
 * forecast_core.h: consumption forecasting in plain C: naive, mean, moving
 * average, simple exponential smoothing, Holt and damped trend (R
 * stats::HoltWinters start), Croston, SBA, TSB, ADIDA and IMAPA
 * (statsforecast conventions), ETS state space models (ets_core), the Theta
 * method and the optimised Theta models (theta_core), an automatic method,
 * fit metrics, prediction intervals and the Syntetos-Boylan demand classes.
 *
 * Everything works on caller buffers: fc_fit needs fc_work_len(n) doubles of
 * scratch space and never allocates.  Long loops call a callback now and
 * then so that the glue can honour query cancellation.
 */
#ifndef DP_FORECAST_CORE_H
#define DP_FORECAST_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "dp_error.h"
#include "ets_core.h"
#include "theta_core.h"

typedef enum FcMethod
{
	FC_NAIVE = 0,
	FC_MEAN,
	FC_MOVING_AVERAGE,
	FC_SES,
	FC_HOLT,
	FC_DAMPED,
	FC_CROSTON,
	FC_SBA,
	FC_TSB,
	FC_ADIDA,
	FC_IMAPA,
	FC_ETS,
	FC_THETA,
	FC_OTM,
	FC_DOTM,
	FC_AUTO
} FcMethod;

#define FC_NMETHODS 16

/* Syntetos-Boylan demand classes; FC_NO_DEMAND for a history without demand. */
typedef enum FcDemandClass
{
	FC_NO_DEMAND = 0,
	FC_SMOOTH,
	FC_ERRATIC,
	FC_INTERMITTENT,
	FC_LUMPY
} FcDemandClass;

/* Syntetos-Boylan cut-offs: ADI < 1.32 and CV^2 < 0.49 is smooth. */
#define FC_ADI_CUTOFF 1.32
#define FC_CV2_CUTOFF 0.49

/* Parameters as the caller gave them; has_* false means "not given". */
typedef struct FcParams
{
	bool		has_alpha,
				has_beta,
				has_phi,
				has_window,
				has_gamma,
				has_model,
				has_season;
	double		alpha,
				beta,
				phi,
				gamma;
	int32_t		window_size;
	int32_t		season_length;
	const char *model;			/* the ETS model letters (not NUL-terminated) */
	size_t		model_len;
} FcParams;

/* A history: n values and, for error messages, the period of its first value. */
typedef struct FcSeries
{
	const double *y;
	int32_t		n;
	DpPeriod	period;
	int64_t		first;
} FcSeries;

/* Called every few milliseconds of work (the glue runs CHECK_FOR_INTERRUPTS). */
typedef struct FcCallback
{
	void		(*check) (void *arg);
	void	   *arg;
} FcCallback;

/* How a part forecasts. */
typedef enum FcKind
{
	FC_KIND_LINEAR = 0,			/* level + (damping + ... + damping^h) trend */
	FC_KIND_ETS,
	FC_KIND_THETA
} FcKind;

/*
 * One fitted forecaster.  A linear part forecasts
 * level + (damping + damping^2 + ... + damping^h) * trend, so flat methods
 * have trend 0, Holt has damping 1 and the damped trend damping phi; its
 * intervals use sigma (the in-sample RMSE) and the method's variance
 * multiplier.
 */
typedef struct FcPart
{
	FcMethod	method;
	FcKind		kind;
	double		level,
				trend,
				damping,
				alpha,
				beta,
				sigma;			/* NAN without in-sample errors */
	union
	{
		EtsFit		ets;
		ThetaFit	theta;
	}			u;
} FcPart;

#define FC_MAX_PARTS 4

/*
 * A fitted model: what forecast_fit reports, and the parts that forecast
 * (one, or auto's combination: the median of the parts' forecasts).
 */
typedef struct FcModel
{
	FcMethod	method;			/* auto reports FC_AUTO for a combination, else the method it used */
	char		model[128];		/* "ETS(M,Ad,M)", "median(...)"; empty for the simple methods */
	double		alpha,
				beta,
				gamma,
				phi,
				theta;			/* NAN where the method has no such parameter */
	int32_t		window_size;	/* moving_average; 0 otherwise */
	int32_t		k;				/* adida's aggregation level, imapa's largest; 0 otherwise */
	int32_t		season_length;	/* the season length used (1: none) */
	double		loglik,
				aicc;			/* ets only; NAN otherwise */
	/* the forecast of a linear single part, for tests and callers */
	double		level,
				trend,
				damping;
	int64_t		nerr;			/* number of in-sample one-step errors */
	double		mae,
				rmse,
				mase,
				bias;			/* NAN without errors; mase NAN when its scale is 0 */
	int			nparts;
	FcPart		parts[FC_MAX_PARTS];
	int			scale_exp;		/* the parts were fitted to y / 2^scale_exp */
	bool		nonnegative;	/* the method needs a non-negative history (intervals clip at 0) */
} FcModel;

/* ---- names and argument checks ---- */

/* Method by name (any case); 22023 naming the methods otherwise. */
extern bool fc_method_arg(const char *s, size_t len, FcMethod *m, DpError *err);
extern const char *fc_method_name(FcMethod m);
/* Class name, NULL for FC_NO_DEMAND. */
extern const char *fc_class_name(FcDemandClass c);
/* horizon >= 0 (22023). */
extern bool fc_check_horizon(int64_t horizon, DpError *err);
/* 0 < level < 1 (22023; NaN and infinities 22003). */
extern bool fc_check_level(double level, DpError *err);
/* The parameters a method takes and their ranges (22023; non-finite 22003). */
extern bool fc_check_params(FcMethod m, const FcParams *p, DpError *err);
/* The default season length of a period: day 7, week 52, month 12, quarter 4, year 1. */
extern int32_t fc_default_season(DpPeriod p);

/* ---- fitting and forecasting ---- */

/* Doubles of scratch space fc_fit needs for a history of n values. */
extern size_t fc_work_len(int32_t n);

/*
 * Fit a method to a history: check parameters, history length and sign,
 * choose the parameters not given, and compute the in-sample one-step errors.
 * horizon is not used by the methods (kept for callers); pass -1 for
 * forecast_fit.
 */
extern bool fc_fit(const FcSeries *s, FcMethod m, const FcParams *p, int64_t horizon,
				   double *work, const FcCallback *cb, FcModel *out, DpError *err);
/* The forecasts 1..h periods ahead. */
extern void fc_forecast(const FcModel *m, double *out, int32_t h);

/*
 * Prediction intervals around fc[0..h) (fc from fc_forecast) at level: each
 * part's forecast +- z sqrt(variance), z = Phi^-1((1 + level) / 2), the
 * median of the parts' bounds for a combination, lower clipped at 0.  When
 * the history gives no error to estimate sigma, lower and upper are NAN.
 * work needs fc_interval_work_len(m, h) doubles.
 */
extern size_t fc_interval_work_len(const FcModel *m, int32_t h);
extern void fc_interval(const FcModel *m, const double *fc, int32_t h, double level,
						double *lower, double *upper, double *work, const FcCallback *cb);
/* Whether fc_interval gives bounds (false: lower and upper are NAN). */
extern bool fc_has_interval(const FcModel *m);
/* Square of the variance multiplier h periods ahead (h >= 1) of a linear part, for tests. */
extern double fc_variance_factor(const FcPart *p, int32_t h);

/* Syntetos-Boylan class of a history (22023 on negative values). */
extern bool fc_demand_class(const FcSeries *s, FcDemandClass *c, DpError *err);

/*
 * In-sample one-step sum of squared errors of ses (level from y1), holt and
 * damped (l2 = y2, b2 = y2 - y1) by the textbook recursion; the quantity the
 * optimiser minimises.  For tests and for callers that want to compare.
 */
extern double fc_sse(FcMethod m, const double *y, int32_t n, double alpha, double beta, double phi);

#endif
