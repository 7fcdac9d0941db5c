/*
 * capacity_core.h: capacity modelling in plain C: constant and ramp-up
 * profiles, posture surges, bill-of-materials bottlenecks, the first period
 * reaching a level, and the running state of the Herfindahl-Hirschman index.
 *
 * Periods are addressed by calendar index (see calendar.h); every kernel
 * works on caller-provided buffers and never allocates.
 */
#ifndef DP_CAPACITY_CORE_H
#define DP_CAPACITY_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "dp_error.h"

/* Ramp shapes of dp.ramp. */
typedef enum CapShape
{
	CAP_SHAPE_LINEAR = 0,
	CAP_SHAPE_SCURVE,
	CAP_SHAPE_STEP
} CapShape;

/* Look a shape name up in any case; false if unknown. */
extern bool capacity_shape_lookup(const char *s, size_t len, CapShape *shape);

/* A rate: finite (22003) and not negative (22023); name is the argument's name. */
extern bool capacity_check_rate(double x, const char *name, DpError *err);
/* A count of periods (periods, ramp_periods): not negative (22023). */
extern bool capacity_check_count(int64_t x, const char *name, DpError *err);

/*
 * Fraction of a ramp reached in its k-th period (k = 1 is the period the ramp
 * starts in) out of R: 0 for k <= 0, 1 for k >= R, otherwise k/R (linear),
 * the rescaled logistic (L(k/R) - L(0)) / (L(1) - L(0)) with
 * L(x) = 1 / (1 + exp(-10 (x - 0.5))) (scurve), or 0 (step).
 */
extern double capacity_ramp_fraction(int64_t k, int64_t R, CapShape shape);

/* out[0..n) = value. */
extern void capacity_fill(double *out, int32_t n, double value);

/*
 * Ramp profile over periods first .. first + n - 1, ramping from the period
 * r0 over R periods: from + (to - from) * fraction, exactly `to` once the
 * fraction is 1.
 */
extern void capacity_ramp(double *out, int32_t n, int64_t first, int64_t r0, int64_t R,
					 double from, double to, CapShape shape);

/*
 * Surge: out[i] = base[i] * m, where m ramps linearly from 1 to factor over R
 * periods starting with period r0 (1 before r0; exactly factor once reached;
 * R = 0 means at once).
 */
extern void capacity_surge(double *out, const double *base, int32_t n, int64_t first,
					  int64_t r0, int64_t R, double factor);

/* A quantity per assembly: finite (22003) and positive (22023); pos is 1-based. */
extern bool capacity_check_qty(double q, int32_t pos, DpError *err);

/*
 * Fold one component into a bottleneck over the span [r0, r0 + rn):
 * x_t = v_t / qty inside the component's span [first, first + n), 0 outside,
 * and out_t = min(out_t, x_t).  index is the component's 1-based position;
 * index 1 initialises out.  binding (may be NULL) receives the index of the
 * minimum, the lowest index on ties.
 */
extern void capacity_bottleneck_add(double *out, int32_t *binding, int64_t r0, int32_t rn,
							   int64_t first, const double *v, int32_t n, double qty,
							   int32_t index);

/* Position of the first value >= level, or -1 if none. */
extern int32_t capacity_first_reaching(const double *v, int32_t n, double level);

/*
 * Herfindahl-Hirschman index HHI = 10000 * sum(q^2) / (sum q)^2.
 *
 * The running state is four doubles {count, sum, sumsq, exp}: count is the
 * number of quantities seen, and the true sums are sum * 2^exp and
 * sumsq * 2^(2 exp), exp being the binary exponent of the largest quantity,
 * so sum stays in [1, 2 count) and sumsq in [1, 4 count) whatever the
 * magnitudes.  Scaling by a power of two is exact, so integer quantities
 * give the same, exact, sums in any order (and so the same index with or
 * without parallel workers).
 */
#define CAPACITY_HHI_NSTATE 4

/* Check a state read from outside (22023 if it cannot come from capacity_hhi_add). */
extern bool capacity_hhi_check(const double *st, DpError *err);
/* Add one quantity: finite (22003) and not negative (22023). */
extern bool capacity_hhi_add(double *st, double q, DpError *err);
/* a += b. */
extern void capacity_hhi_combine(double *a, const double *b);
/* The index, in [0, 10000]; false when there is no positive quantity. */
extern bool capacity_hhi_result(const double *st, double *hhi);

/*
 * The state's text form, "count xSUM xSUMSQ exponent": count and exponent as
 * integers, the scaled sums as IEEE-754 bits in hex (cv_bits_format), so it
 * is exact whatever a server's float settings; {2, 2.5, 3.3203125, 5} is
 * "2 x4004 x400a9 5".  capacity_hhi_format writes at most
 * CAPACITY_HHI_TEXT_MAX bytes with the NUL; capacity_hhi_parse reads it
 * (22P02 on bad syntax; ticks on long white space) and checks the state
 * (capacity_hhi_check).
 */
#define CAPACITY_HHI_TEXT_MAX 64
extern int	capacity_hhi_format(const double *st, char *buf);
extern bool capacity_hhi_parse(const char *s, double *st, const DpTick *tick, DpError *err);

#endif
