/*
 * stats.h: the standard normal distribution and quantiles by selection, in
 * plain C, shared by the forecast and stockpile modules.
 */
#ifndef DP_STATS_H
#define DP_STATS_H

#include <stdint.h>

#include "dp_error.h"

/* Phi(x): the standard normal CDF, accurate in both tails (erfc based). */
extern double stat_norm_cdf(double x);
/* Phi^-1(p) for 0 < p < 1 (±infinity at 0 and 1, NaN outside), about 1e-15 relative. */
extern double stat_norm_quantile(double p);
/* phi(x): the standard normal density. */
extern double stat_norm_pdf(double x);

/* Type-7 quantiles of x[n] (x is reordered); probs ascending in [0, 1]; ticks on large n. */
extern void stat_quantiles(double *x, int32_t n, const double *probs, int k, double *out,
						   const DpTick *tick);

#endif
