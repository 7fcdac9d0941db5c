/*
 * stockpile_core.h: stockpile projections, depletion and replenishment
 * dates, days of supply, stock-out probabilities (analytic and simulated)
 * and safety stock, in plain C.
 *
 * Conventions shared by every function here:
 *
 *  - The vectors are laid out on one span of n periods of kind p whose first
 *    period has index `first` (see calendar.h); supply[i] and demand[i] are
 *    the quantities of period i.  on_hand is the stock at the start of
 *    period 0.
 *  - Backorder convention: closing = opening + (supplied - demanded), which
 *    may go negative (owed).  Lost-sales convention: closing never goes
 *    below 0; demand that finds no stock is lost.
 *  - Within a period of D days, supply and demand flow evenly over its days,
 *    so at the end of day d (1 <= d <= D) the stock is
 *        opening + (supplied - demanded) * d / D
 *    (under lost sales: max(0, that)); at d = D this is the closing stock.
 *    Dates of crossings are the first such day satisfying the condition.
 */
#ifndef DP_STOCKPILE_CORE_H
#define DP_STOCKPILE_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "dp_error.h"
#include "random.h"

/* ---- validation ---- */

/* A quantity argument (name in messages) must be finite (22003) and not negative (22023). */
extern bool stock_check_scalar(const char *name, double x, DpError *err);
/* on_hand must be finite (22003) and not negative (22023). */
extern bool stock_check_on_hand(double on_hand, DpError *err);
/*
 * Every quantity of a vector (kind p, first index, n values) must not be
 * negative (22023); the message names the argument and the period.
 */
extern bool stock_check_nonnegative(const char *what, DpPeriod p, int64_t first,
									const double *v, int32_t n, DpError *err);

/* ---- deterministic projection ---- */

/* One period of a projection. */
typedef struct StockRow
{
	double		opening;
	double		supplied;
	double		demanded;
	double		closing;
	double		shortfall;		/* backorder: max(0, -closing); lost sales: demand not met */
} StockRow;

/* Project the stock over n periods into rows[n] (22003 if a stock overflows). */
extern bool stock_project(double on_hand, const double *supply, const double *demand,
						  int32_t n, bool backorder, StockRow *rows, DpError *err);

/*
 * First day (day number) at whose end the backorder stock is at or below
 * threshold; the first period's start if on_hand already is.  *found is
 * false if that does not happen within the span.
 */
extern bool stock_depletion_day(double on_hand, DpPeriod p, int64_t first,
								const double *supply, const double *demand, int32_t n,
								double threshold, int64_t *day, bool *found, DpError *err);

/*
 * First day, after the stock first falls below target (on_hand < target
 * counts as falling below at the start), at whose end it is back at or above
 * target; the first period's start if it never falls below.  *found is false
 * if it does not recover within the span.
 */
extern bool stock_replenish_day(double on_hand, DpPeriod p, int64_t first,
								const double *supply, const double *demand, int32_t n,
								double target, bool backorder, int64_t *day, bool *found,
								DpError *err);

/*
 * Days from the start of the demand vector until on_hand is used up by
 * demand alone (fractional); past the vector's end its mean daily demand
 * continues.  *isnull when total demand is 0 (unless on_hand is 0: then 0).
 */
extern bool stock_days_of_supply(double on_hand, DpPeriod p, int64_t first,
								 const double *demand, int32_t n, double *days, bool *isnull,
								 DpError *err);

/* ---- stock-out risk ---- */

/*
 * Per period P(closing < 0) with independent normal demand per period
 * (backorder convention): Phi(-E[closing] / sd[closing]), sd the root of the
 * summed variances; 0 or 1 where the variance is 0.  out[n].
 */
extern bool stock_stockout_probability(double on_hand, const double *supply, const double *mean,
									   const double *sd, int32_t n, double *out, DpError *err);

/* z * sqrt(L sd^2 + mu^2 sdL^2), z = Phi^-1(service_level) (22023 on bad arguments). */
extern bool stock_safety_stock(double service_level, double demand_sd, double lead_time,
							   double demand_mean, double lead_time_sd, double *out, DpError *err);
/* mu L + safety stock. */
extern bool stock_reorder_point(double service_level, double demand_mean, double demand_sd,
								double lead_time, double lead_time_sd, double *out, DpError *err);

/* ---- Monte Carlo simulation ---- */

/* The documented limit on the number of trials (54000 above). */
#define STOCK_SIM_MAX_TRIALS 10000000

typedef enum StockDist
{
	STOCK_NORMAL = 0,			/* normal, clipped at 0 */
	STOCK_GAMMA = 1				/* gamma with the given mean and sd */
} StockDist;

/* Distribution by name ("normal", "gamma", any case); 22023 otherwise. */
extern bool stock_dist_lookup(const char *name, size_t len, StockDist *dist, DpError *err);
/* trials within [1, STOCK_SIM_MAX_TRIALS] (22023 below, 54000 above). */
extern bool stock_sim_check_trials(int64_t trials, DpError *err);
/* Gamma demand needs a positive mean wherever its sd is positive (22023, names the period). */
extern bool stock_sim_check_inputs(StockDist dist, DpPeriod p, int64_t first, const double *mean,
								   const double *sd, int32_t n, DpError *err);

/*
 * State of a simulation: the closing stock of every trial and whether it has
 * had a stock-out so far, in caller buffers of `trials` elements each
 * (scratch is used to select quantiles).  Trials advance period by period,
 * so memory is O(trials) whatever the number of periods.
 */
typedef struct StockSim
{
	int32_t		trials;
	bool		backorder;
	StockDist	dist;
	double	   *stock;
	double	   *scratch;
	unsigned char *hit;
	int64_t		hits_ever;		/* trials with a stock-out in any period so far */
	const DpTick *tick;			/* called now and then while selecting quantiles (NULL: never) */
} StockSim;

/* Per-period demand distribution, prepared once per period. */
typedef struct StockDraw
{
	double		mean;
	double		sd;
	double		shape;			/* gamma: (mean / sd)^2 */
	int			kind;			/* 0 deterministic, 1 normal, 2 gamma */
} StockDraw;

extern void stock_sim_start(StockSim *sim, double on_hand);
extern void stock_draw_prepare(StockDraw *draw, StockDist dist, double mean, double sd);
/*
 * Advance trials [from, to) through one period with this supply and demand
 * distribution; adds the stock-outs of the period to *stockouts.  A period
 * whose sd is 0 draws no random numbers.  22003 if a stock overflows.
 */
extern bool stock_sim_step(StockSim *sim, int32_t from, int32_t to, double supply,
						   const StockDraw *draw, RndStream *u, int64_t *stockouts, DpError *err);
/*
 * Quantiles of the closing stocks after a period, by linear interpolation
 * between order statistics (R type 7, numpy's default, PostgreSQL's
 * percentile_cont): probs ascending, k of them.  O(trials) by selection.
 */
extern void stock_sim_quantiles(StockSim *sim, const double *probs, int k, double *out);

#endif
