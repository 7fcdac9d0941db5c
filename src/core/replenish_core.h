/*
 * replenish_core.h: the replenishment plan as linear programmes, in plain C.
 *
 * n claimants share one production capacity over T periods.  Claimant i
 * starts with on_hand[i] and, in period t, receives allocated[i][t] from the
 * capacity plus deliveries[i][t] and faces demand[i][t]; demand it cannot
 * serve is lost (unmet), never backordered:
 *
 *   stock[t] = stock[t-1] + allocated[t] + deliveries[t] - demand[t] + unmet[t]
 *   stock >= 0, unmet >= 0, sum_i allocated[i][t] <= capacity[t],
 *   below[t] >= target - stock[t], below >= 0.
 *
 * rep_plan minimises, lexicographically, sum w*unmet, then sum w*below
 * (stock-periods below target), then sum allocated: three solves of one
 * model, each earlier optimum kept by a row "objective <= optimum + tol"
 * (REP_FIX_TOLERANCE), each later solve warm-started from the previous
 * basis.  The solution is then cleaned so every returned row satisfies the
 * constraints exactly up to floating-point rounding (see rep_plan).
 * rep_required_capacity finds the smallest factor k with which k*capacity
 * serves every demand and keeps every stock at or above target from a given
 * period on (one model, k a variable).
 *
 * Quantities are scaled per claimant (by its largest quantity) and the
 * capacity by its largest value before they reach the solver, so the
 * solver's absolute tolerances (LP_TOLERANCE) act relative to each
 * claimant's scale.
 */
#ifndef DP_REPLENISH_CORE_H
#define DP_REPLENISH_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "dp_error.h"
#include "lp.h"

/* The largest problem, claimants x periods (54000 above). */
#define REP_MAX_CELLS 100000
/* Relative slack with which an optimum is kept while the next objective is minimised. */
#define REP_FIX_TOLERANCE 1e-9
/* Weight of each later objective against the one before in the blended first solve. */
#define REP_BLEND 1e-3
/* Reduced costs and duals above this fix a column or row for the next phase (solver units). */
#define REP_FIX_REDUCED_COST 1e-7
/* Shortfalls up to this share of a claimant's largest quantity are solver noise: cleaning closes them from spare capacity. */
#define REP_POLISH_TOLERANCE 1e-6
/* Unmet and below-target quantities up to this share of the claimant's largest quantity are reported as 0. */
#define REP_ZERO_TOLERANCE 1e-12

typedef struct RepInput
{
	int32_t		n;				/* claimants, >= 1 */
	int32_t		T;				/* periods, >= 0 */
	DpPeriod	period;			/* calendar of the periods (for messages) */
	int64_t		first;			/* index of the first period (for messages) */
	const double *on_hand;		/* n */
	const double *target;		/* n */
	const double *demand;		/* n * T, claimant by claimant */
	const double *deliveries;	/* n * T, or NULL: none */
	const double *capacity;		/* T */
	const double *weights;		/* n, or NULL: all 1 */
} RepInput;

typedef struct RepPlan
{
	/* caller's buffers of n * T values, claimant by claimant */
	double	   *allocated;
	double	   *stock;
	double	   *unmet;
	double	   *below;
	/* caller's buffer of n: first period (0-based) from which stock stays at or above target, -1 never */
	int32_t    *reaches;
	double		unmet_total;	/* sum of weight * unmet */
	double		below_total;	/* sum of weight * below */
} RepPlan;

/*
 * Check a problem: n >= 1, n * T <= REP_MAX_CELLS (54000), every quantity
 * finite (22003) and not negative, weights positive (22023 naming the
 * argument, element and period).
 */
extern bool rep_check(const RepInput *in, DpError *err);

/* Bytes of workspace (aligned for double) rep_plan and rep_required_capacity need. */
extern size_t rep_work_size(int32_t n, int32_t T);

/*
 * The lexicographically optimal plan of a checked problem.  Cleaning: the
 * allocations are the solver's, clipped to [0, capacity] and scaled down
 * where a period's sum exceeds its capacity; stock and unmet then follow
 * from the balance equation (unmet = what stock cannot cover); a shortfall
 * (unmet or below target) of at most REP_POLISH_TOLERANCE of the claimant's
 * largest quantity is closed with spare capacity of that or an earlier
 * period when there is some; what stays at most REP_ZERO_TOLERANCE of it is
 * reported as 0.  Fails with DP_ERR_CANCELED when interrupt asks to stop and
 * DP_ERR_SOLVER when the solver fails.
 */
extern bool rep_plan(const RepInput *in, RepPlan *out, void *work, LpInterrupt interrupt,
					 void *arg, DpError *err);

/*
 * The smallest k >= 0 such that with k * capacity no demand is unmet and
 * every stock is at or above its target from period by (0-based, < T) to
 * the end; *found false when no k works.
 */
extern bool rep_required_capacity(const RepInput *in, int32_t by, double *factor, bool *found,
								  void *work, LpInterrupt interrupt, void *arg, DpError *err);

#endif
