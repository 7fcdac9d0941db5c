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
	double		fig[FC_MAX_SEASON];	/* seasonal index of y[n + j], j < m */
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
 * needed (the caller then fits without season).
 */
extern void theta_fit(const double *y, int32_t n, int32_t m, ThetaKind kind, double *work,
					  ThetaFit *fit);

/* Forecasts 1..h and, when var is not NULL, their variances. */
extern void theta_forecast(const ThetaFit *fit, int32_t h, double *mean, double *var);

#endif
