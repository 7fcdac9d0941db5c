/*
 * stats.h: the standard normal distribution and small summary statistics,
 * in plain C, shared by the forecast and stockpile modules.
 */
#ifndef DP_STATS_H
#define DP_STATS_H

#include <stdint.h>

/* Phi(x): the standard normal CDF, accurate in both tails (erfc based). */
extern double dp_norm_cdf(double x);
/* Phi^-1(p) for 0 < p < 1 (±infinity at 0 and 1, NaN outside), about 1e-15 relative. */
extern double dp_norm_quantile(double p);
/* phi(x): the standard normal density. */
extern double dp_norm_pdf(double x);

/* Mean and population standard deviation of n values (0 for n == 0). */
extern double dp_mean(const double *v, int32_t n);
extern double dp_pop_sd(const double *v, int32_t n);

#endif
