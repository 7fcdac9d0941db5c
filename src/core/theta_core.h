/*
 * theta_core.h: the Theta method in plain C.
 *
 *   THETA  the method as the M3 competition ran it (Assimakopoulos &
 *          Nikolopoulos 2000), in the form of R forecast::thetaf (Hyndman &
 *          Billah 2003): seasonality test, classical multiplicative
 *          decomposition, simple exponential smoothing (alpha and initial
 *          level by least squares) plus half the slope of the least-squares
 *          line, reseasonalised;
 *   OTM    the optimised Theta model and
 *   DOTM   the dynamic optimised Theta model of Fiorucci, Pellegrini,
 *          Louzada, Petropoulos & Koehler (2016), as R forecTheta's otm() and
 *          dotm(): the initial level, alpha in [0.1, 0.99] and theta >= 1
 *          minimise the in-sample one-step sum of squares (from the third
 *          value for DOTM), on the same seasonally adjusted series.
 */
#ifndef DP_THETA_CORE_H
#define DP_THETA_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "season.h"
#include "ets_core.h"		/* EtsTick */

typedef enum ThetaKind
{
	THETA_STANDARD = 0,
	THETA_OTM,
	THETA_DOTM
} ThetaKind;

typedef struct ThetaFit
{
	ThetaKind	kind;
	int32_t		n;
	int32_t		m;				/* season length used (1: not seasonal) */
	bool		seasonal;		/* the test found a season */
	double		fig[SEASON_MAX];	/* seasonal index of y[n + j], j < m */
	double		alpha,
				theta,			/* 2 for THETA */
				ell0;			/* initial level */
	double		sse;			/* in-sample sum of squares (on the adjusted series) */
	int32_t		nres;			/* number of residuals in sse */
	double		sigma2;			/* residual variance for the intervals */
	/* final state (adjusted series): level; mean, slope and intercept of the dynamic line */
	double		ell,
				mean,
				slope,
				intercept,
				drift;			/* THETA: half the least-squares slope */
} ThetaFit;

/* Doubles of work space theta_fit needs for n values. */
extern size_t theta_work_len(int32_t n);

/* Shortest history each kind fits. */
extern int32_t theta_min_length(ThetaKind kind);

/*
 * Fit y[0..n) (n >= theta_min_length) with season length m (1: none).
 * Returns false for a non-positive value when a seasonal decomposition is
 * needed (the caller then fits without season).  tick (may be NULL) is
 * called after every pass over the history with the work done.
 */
extern void theta_fit(const double *y, int32_t n, int32_t m, ThetaKind kind, double *work,
					  const EtsTick *tick, ThetaFit *fit);

/*
 * One-step fitted values yhat[t] on the original scale for t >= the returned
 * index (THETA the SES level plus the drift term of a forecast from t - 1,
 * OTM from the first value, DOTM from the third), reseasonalised.
 */
extern int32_t theta_fitted(const double *y, int32_t n, const ThetaFit *fit, double *yhat);

/* Point forecasts one period at a time from a cursor. */
typedef struct ThetaCursor
{
	int32_t		k;				/* periods forecast so far */
	double		ell,
				mean,
				slope,
				pw;				/* (1 - alpha)^(n + k) */
} ThetaCursor;

extern void theta_cursor(const ThetaFit *fit, ThetaCursor *c);
extern double theta_next(const ThetaFit *fit, ThetaCursor *c);

/*
 * Forecast variances 1..h: THETA sigma^2 (1 + (h - 1) alpha^2) (the SES
 * variance, as R thetaf); OTM and DOTM propagate the covariance of their
 * state (level, mean, slope), which is linear in the future values; both
 * scaled by the square of the seasonal index.
 */
extern void theta_variance(const ThetaFit *fit, int32_t h, double *var);

#endif
