/*
 * season.h: seasonal helpers for the forecasting methods, in plain C:
 * classical decomposition (R stats::decompose), the seasonality test of the
 * Theta method, and least-squares lines.
 *
 * Seasonal positions count from the first value of the history: position j
 * (0-based) is the season of y[j], y[j + m], ...
 */
#ifndef DP_SEASON_H
#define DP_SEASON_H

#include <stdbool.h>
#include <stdint.h>

/* The largest season length the methods accept. */
#define SEASON_MAX 60

/*
 * Classical decomposition of y[0..n) with season length m (2 <= m, 2m <= n):
 * the centred moving average of order m (2 x m for even m) is the trend; the
 * seasonal figure of position j is the mean of y / trend (multiplicative) or
 * y - trend (additive) over the periods of that position where the trend is
 * defined, normalised to mean 1 (0).  Writes the m figures to fig; work needs
 * n doubles.  Returns false when a multiplicative trend value is 0.
 */
extern bool season_decompose(const double *y, int32_t n, int32_t m, bool multiplicative,
							 double *fig, double *work);

/*
 * The Theta method's seasonality test (Assimakopoulos & Nikolopoulos 2000, as
 * R forecast::thetaf runs it): m > 1, n > 2m, y not constant, and the
 * autocorrelation at lag m exceeds qnorm(0.95) times its standard error
 * sqrt((1 + 2 sum_{k<m} r_k^2) / n).
 */
extern bool season_test(const double *y, int32_t n, int32_t m);

/* Least-squares line y = a + b t over t = t0, t0 + 1, ..., t0 + n - 1. */
extern void season_line(const double *y, int32_t n, double t0, double *a, double *b);

#endif
