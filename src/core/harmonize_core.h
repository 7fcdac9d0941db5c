/*
 * harmonize_core.h: demand harmonisation arithmetic in plain C: sharing
 * scarce capacity among claimants (proportional, priority, weighted max-min
 * fair), level production rates, capacity gaps and lot sizing.
 *
 * Formulas and reference cases: docs/reference.md.  Allocation
 * keeps, for any finite non-negative input, 0 <= allocated <= requested,
 * sum(allocated) <= capacity (summed in claimant order) and either every
 * request met or the whole capacity used (up to rounding).
 */
#ifndef DP_HARMONIZE_CORE_H
#define DP_HARMONIZE_CORE_H

#include <stddef.h>

#include "calendar.h"
#include "dp_error.h"

typedef enum HarmPolicy
{
	HARM_FAIR = 0,				/* weighted max-min fairness (water-filling) */
	HARM_PROPORTIONAL = 1,		/* shares proportional to weight x request, capped */
	HARM_PRIORITY = 2			/* lower priority value first, proportional in a tier */
} HarmPolicy;

/* Policy by name, in any case ("fair", "proportional", "priority"). */
extern bool harm_policy_lookup(const char *s, size_t len, HarmPolicy *policy);

/* One claimant in a sort order: its index and a sort key (exponent, mantissa). */
typedef struct HarmItem
{
	int32_t		idx;
	int32_t		kexp;
	double		kman;
} HarmItem;

/*
 * An allocation problem for n claimants, set up once by harm_init and then
 * stepped through the periods with harm_step (or harm_allocate for one
 * period).  The caller provides the workspace (harm_work_size(n) bytes,
 * aligned for double) and keeps weights and priorities alive.
 */
typedef struct HarmAlloc
{
	HarmPolicy	policy;
	int32_t		n;
	const double *weights;		/* n positive finite weights, NULL: all 1 */
	const int32_t *priorities;	/* n priorities (priority policy only) */
	bool		carry_backlog;
	const DpTick *tick;			/* called now and then in long sorts (NULL: never) */
	/* workspace */
	HarmItem   *order;			/* fixed claimant order (proportional, priority) */
	HarmItem   *items;			/* per-period sort (fair) */
	int32_t    *cand;			/* claimants to serve, in saturation order */
	double	   *share;			/* scaled share of each claimant */
	double	   *suffix;			/* suffix sums of shares along the fill order */
} HarmAlloc;

/* Bytes of workspace harm_init needs for n claimants. */
extern size_t harm_work_size(int32_t n);

/*
 * Set up an allocation: checks the weights (positive and finite, 22023
 * naming the element) and that the priority policy has priorities, and
 * sorts the fixed claimant order.  n >= 1.  Sorts of many claimants call
 * tick now and then (so the glue can cancel them).
 */
extern bool harm_init(HarmAlloc *a, HarmPolicy policy, int32_t n, const double *weights,
					  const int32_t *priorities, bool carry_backlog, void *work,
					  const DpTick *tick, DpError *err);

/*
 * Share one period's capacity among the requests (all finite, >= 0) by the
 * policy: allocated[i] for each claimant.
 */
extern void harm_allocate(HarmAlloc *a, double capacity, const double *requested,
						  double *allocated);

/*
 * One period with backlog: requested = demand + (carry_backlog ? backlog : 0),
 * allocated by the policy, backlog = requested - allocated (backlog is read
 * as the previous period's and overwritten; start it at 0).  Checks that
 * capacity and demands are finite and >= 0 and that requests do not
 * overflow; messages name the claimant and the period (day number date).
 */
extern bool harm_step(HarmAlloc *a, int64_t date, double capacity, const double *demand,
					  double *requested, double *allocated, double *backlog, DpError *err);

/*
 * Smallest constant rate r, produced from period lead + 1 on, that keeps
 * stock I0 + r * max(0, t - lead) - cumD_t >= 0 at every period end and
 * >= final_stock at the last: max(0, max_{t > lead} (cumD_t - I0 [+ X at
 * t = n]) / (t - lead)).  d holds n demands of periods first .. first+n-1
 * of kind p (for messages).  Errors: negative demand or final stock, lead
 * < 0, no period after the lead, demand due before production starts that
 * stock cannot cover (22023, naming the period), overflow (22003).
 */
extern bool harm_level_rate(const double *d, int32_t n, DpPeriod p, int64_t first,
							double on_hand, int32_t lead, double final_stock,
							double *rate, DpError *err);

/*
 * Smallest extra constant rate g that, added to capacity in every period of
 * the span covering both vectors, meets cumulative demand at every period
 * end: max(0, max_t (cumD_t - cumC_t - I0) / t), t = 1 at the first period
 * of the span.  Negative demand or capacity: 22023; overflow: 22003.
 */
extern bool harm_capacity_gap(const double *d, int64_t d0, int32_t dn,
							  const double *c, int64_t c0, int32_t cn, DpPeriod p,
							  double on_hand, double *gap, DpError *err);

/*
 * Planned order quantities: projected stock s = on_hand, and for each
 * period s -= d_t; if s < 0, order q = max(min_lot, k * lot_multiple) with
 * the smallest integer k such that k * lot_multiple >= -s, and s += q.
 * Errors: min_lot < 0, lot_multiple <= 0, negative demand (22023), an order
 * that overflows (22003).
 */
extern bool harm_lot_sizing(const double *d, int32_t n, DpPeriod p, int64_t first,
							double min_lot, double lot_multiple, double on_hand,
							double *orders, DpError *err);

#endif
