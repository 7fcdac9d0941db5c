/*
 * harmonize_core.c: capacity allocation, level rate, capacity gap and lot
 * sizing (see harmonize_core.h).
 *
 * Allocation is water-filling: claimant i gets min(r_i, e_i * lambda) with
 * lambda chosen to use the whole capacity (or meet every request).  For the
 * fair policy e_i = w_i (weighted max-min fairness); for proportional
 * e_i = w_i * r_i (weighted pro-rata, capped, excess redistributed).
 * Claimants are saturated in increasing order of r_i / e_i while the share
 * they would get at the current level covers their request; the rest then
 * share what is left at one common level (Bertsekas & Gallager, Data
 * Networks, 2nd ed., 6.5.2; docs/reference.md): O(n log n).
 */
#include "harmonize_core.h"

#include "capvec_core.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const policy_names[] = {"fair", "proportional", "priority"};

bool
harm_policy_lookup(const char *s, size_t len, HarmPolicy *policy)
{
	for (int i = 0; i < 3; i++)
		if (strlen(policy_names[i]) == len && strncasecmp(s, policy_names[i], len) == 0)
		{
			*policy = (HarmPolicy) i;
			return true;
		}
	return false;
}

/* ---- allocation ---- */

size_t
harm_work_size(int32_t n)
{
	return 2 * (size_t) n * sizeof(HarmItem) + (2 * (size_t) n + 1) * sizeof(double)
		+ (size_t) n * sizeof(int32_t);
}

/* Order by key (exponent, then mantissa), ties by claimant index. */
static int
item_cmp(const void *pa, const void *pb)
{
	const HarmItem *a = (const HarmItem *) pa;
	const HarmItem *b = (const HarmItem *) pb;

	if (a->kexp != b->kexp)
		return a->kexp < b->kexp ? -1 : 1;
	if (a->kman != b->kman)
		return a->kman < b->kman ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Items merged between two ticks of a long sort. */
#define SORT_TICK DP_TICK_EVERY

/*
 * Sort v[0..n) by item_cmp (a total order, so any correct sort gives the
 * same result): insertion sort of runs of 16, then bottom-up merges through
 * tmp (n items).  Unlike qsort it ticks as it goes, so a sort of millions
 * of claimants can be cancelled, and it holds no memory of its own.
 */
static void
sort_items(HarmItem *v, HarmItem *tmp, int32_t n, const DpTick *tick)
{
	HarmItem   *src = v,
			   *dst = tmp;
	int64_t		work = 0;

	for (int32_t lo = 0; lo < n; lo += 16)
	{
		int32_t		hi = n - lo > 16 ? lo + 16 : n;

		for (int32_t k = lo + 1; k < hi; k++)
		{
			HarmItem	it = v[k];
			int32_t		j = k;

			while (j > lo && item_cmp(&v[j - 1], &it) > 0)
			{
				v[j] = v[j - 1];
				j--;
			}
			v[j] = it;
		}
	}
	for (int64_t w = 16; w < n; w *= 2)
	{
		for (int64_t lo = 0; lo < n; lo += 2 * w)
		{
			int64_t		mid = lo + w < n ? lo + w : n,
						hi = lo + 2 * w < n ? lo + 2 * w : n,
						i = lo,
						j = mid,
						k = lo;

			while (i < mid && j < hi)
				dst[k++] = item_cmp(&src[j], &src[i]) < 0 ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
			work += hi - lo;
			if (work >= SORT_TICK)
			{
				work = 0;
				dp_tick(tick);
			}
		}
		{
			HarmItem   *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != v)
		memcpy(v, src, sizeof(HarmItem) * (size_t) n);
}

static double
weight_of(const HarmAlloc *a, int32_t i)
{
	return a->weights ? a->weights[i] : 1.0;
}

bool
harm_init(HarmAlloc *a, HarmPolicy policy, int32_t n, const double *weights,
		  const int32_t *priorities, bool carry_backlog, void *work, const DpTick *tick,
		  DpError *err)
{
	char	   *p = (char *) work;

	if (n < 1)
		return dp_fail(err, DP_ERR_ARG, "demands must not be empty");
	if (weights)
		for (int32_t i = 0; i < n; i++)
			if (!isfinite(weights[i]) || !(weights[i] > 0))
			{
				dp_fail(err, DP_ERR_ARG, "weight %d must be positive and finite, not %s",
						(int) i + 1, dp_num(weights[i]).s);
				dp_hint(err, "Weights are relative shares: use e.g. 1 for every claimant.");
				return false;
			}
	if (policy == HARM_PRIORITY && priorities == NULL)
	{
		dp_fail(err, DP_ERR_ARG, "policy \"priority\" needs priorities");
		dp_hint(err, "Pass priorities => '{...}', one per demand; lower values are served first.");
		return false;
	}
	a->policy = policy;
	a->n = n;
	a->weights = weights;
	a->priorities = priorities;
	a->carry_backlog = carry_backlog;
	a->tick = tick;
	a->order = (HarmItem *) p;
	p += (size_t) n * sizeof(HarmItem);
	a->items = (HarmItem *) p;
	p += (size_t) n * sizeof(HarmItem);
	a->share = (double *) p;
	p += (size_t) n * sizeof(double);
	a->suffix = (double *) p;
	p += ((size_t) n + 1) * sizeof(double);
	a->cand = (int32_t *) p;

	/*
	 * The fixed order: proportional saturates the largest weights first
	 * (r_i / e_i = 1 / w_i); priority goes tier by tier, the same way inside
	 * a tier.
	 */
	for (int32_t i = 0; i < n; i++)
	{
		a->order[i].idx = i;
		a->order[i].kexp = policy == HARM_PRIORITY ? priorities[i] : 0;
		a->order[i].kman = -weight_of(a, i);
	}
	/* items is free until the first period: the merge buffer */
	if (policy != HARM_FAIR)
		sort_items(a->order, a->items, n, tick);
	return true;
}

/*
 * Claimant i's share e_i (fair: w_i; proportional: w_i * r_i as rounded in
 * double) as an exact mantissa in [0.25, 1) and a binary exponent, so that
 * no share overflows or underflows however far apart they are.
 */
static inline double
share_parts(const HarmAlloc *a, bool fair, const double *req, int32_t i, int *ex)
{
	int			ew,
				er;
	double		mw = frexp(weight_of(a, i), &ew);
	double		mr;

	if (fair)
	{
		*ex = ew;
		return mw;
	}
	mr = frexp(req[i], &er);
	*ex = ew + er;
	return mw * mr;
}

/*
 * Weights and requests within [2^-300, 2^300] need no scaling: shares
 * (w or w * r), their sums, products with any capacity and the keys r / w
 * stay normal and finite, and give the same bits as the scaled form.
 */
static bool
in_safe_range(const HarmAlloc *a, const int32_t *cand, int32_t m, const double *req)
{
	for (int32_t k = 0; k < m; k++)
	{
		double		r = req[cand[k]];

		if (!(r >= 0x1p-300 && r <= 0x1p300))
			return false;
	}
	if (a->weights)
		for (int32_t k = 0; k < m; k++)
		{
			double		w = a->weights[cand[k]];

			if (!(w >= 0x1p-300 && w <= 0x1p300))
				return false;
		}
	return true;
}

/* The unscaled shares of cand[0..m) and their tail sums (scale exponent 0). */
static int
direct_shares(HarmAlloc *a, bool fair, const int32_t *cand, int32_t m, const double *req)
{
	for (int32_t j = 0; j < m; j++)
	{
		int32_t		i = cand[j];

		a->share[i] = fair ? weight_of(a, i) : weight_of(a, i) * req[i];
	}
	a->suffix[m] = 0;
	for (int32_t j = m - 1; j >= 0; j--)
		a->suffix[j] = a->suffix[j + 1] + a->share[cand[j]];
	return 0;
}

/*
 * Scale the shares of cand[k..m) by a power of two (exact) so the largest is
 * in [0.25, 1), and sum each tail from the end.  Returns the scale exponent.
 */
static int
rescale(HarmAlloc *a, bool fair, const int32_t *cand, int32_t k, int32_t m, const double *req)
{
	int			sc = INT32_MIN,
				ex;

	for (int32_t j = k; j < m; j++)
	{
		share_parts(a, fair, req, cand[j], &ex);
		if (ex > sc)
			sc = ex;
	}
	for (int32_t j = k; j < m; j++)
	{
		double		mant = share_parts(a, fair, req, cand[j], &ex);

		a->share[cand[j]] = ldexp(mant, ex - sc);
	}
	a->suffix[m] = 0;
	for (int32_t j = m - 1; j >= k; j--)
		a->suffix[j] = a->suffix[j + 1] + a->share[cand[j]];
	return sc;
}

/*
 * What claimant i gets when the claimants left, whose scaled shares sum to
 * big_e, split crem: e_i * lambda with lambda = crem / big_e (fair) or
 * e_i * crem / big_e (proportional), in that direct form while it stays
 * within the normal double range; otherwise from the exact parts of e_i.
 */
static double
level_share(const HarmAlloc *a, bool fair, const double *req, int32_t i, double crem,
			double big_e, int sc)
{
	double		e = a->share[i];
	double		mant,
				mc;
	int			ex,
				exc;

	if (crem == 0)
		return 0;
	if (e >= DBL_MIN)
	{
		if (fair)
		{
			double		lambda = crem / big_e;

			if (lambda >= DBL_MIN && lambda <= DBL_MAX && e * lambda <= DBL_MAX)
				return e * lambda;
		}
		else
		{
			double		t = e * crem;

			if (t >= DBL_MIN && t <= DBL_MAX && t / big_e <= DBL_MAX)
				return t / big_e;
		}
	}
	/* e_i * crem / E = (mant / E_scaled) * crem * 2^(ex - sc) */
	mant = share_parts(a, fair, req, i, &ex);
	mc = frexp(crem, &exc);
	return ldexp(mant / big_e * mc, ex + exc - sc);
}

/*
 * Water-filling over the claimants cand[0..m) in saturation order: returns
 * the capacity left when all of them are met, 0 otherwise (every allocation
 * set).  When the shares left are tiny beside the first scale (the large
 * claimants are met), they are scaled again, so precision is never lost to
 * the spread of the shares.
 */
static double
fill(HarmAlloc *a, bool fair, bool safe, const int32_t *cand, int32_t m, double crem,
	 const double *req, double *alloc)
{
	int			sc = safe ? direct_shares(a, fair, cand, m, req) : rescale(a, fair, cand, 0, m, req);

	for (int32_t k = 0; k < m; k++)
	{
		int32_t		i = cand[k];
		double		big_e;

		if (a->suffix[k] < 0x1p-500)
			sc = rescale(a, fair, cand, k, m, req);
		big_e = a->suffix[k];
		if (req[i] <= crem && level_share(a, fair, req, i, crem, big_e, sc) >= req[i])
		{
			alloc[i] = req[i];
			crem -= req[i];
			continue;
		}
		/* the water level: everyone left gets e_j * lambda, at most r_j; the last one alone all */
		if (k == m - 1)
		{
			alloc[i] = fmin(crem, req[i]);
			return 0;
		}
		for (int32_t j = k; j < m; j++)
		{
			int32_t		c = cand[j];
			double		x = level_share(a, fair, req, c, crem, big_e, sc);

			x = fmin(x, crem);
			alloc[c] = fmin(x, req[c]);
		}
		return 0;
	}
	return crem;
}

/*
 * Fair: sort cand[0..m) by r_i / w_i ascending, as exponent and mantissa
 * (no overflow) unless the quotients are safe as they are; insertion sort
 * for the usual few claimants.
 */
static void
sort_fair(HarmAlloc *a, bool safe, int32_t *cand, int32_t m, const double *req)
{
	HarmItem   *items = a->items;

	for (int32_t k = 0; k < m; k++)
	{
		int32_t		i = cand[k];

		items[k].idx = i;
		if (safe)
		{
			items[k].kexp = 0;
			items[k].kman = req[i] / weight_of(a, i);
		}
		else
		{
			int			er,
						ew;
			double		q = frexp(req[i], &er) / frexp(weight_of(a, i), &ew);

			items[k].kexp = er - ew;
			items[k].kman = q;
			if (q < 1)
			{
				items[k].kman = q * 2;
				items[k].kexp--;
			}
		}
	}
	if (m <= 32)
		for (int32_t k = 1; k < m; k++)
		{
			HarmItem	it = items[k];
			int32_t		j = k;

			while (j > 0 && item_cmp(&items[j - 1], &it) > 0)
			{
				items[j] = items[j - 1];
				j--;
			}
			items[j] = it;
		}
	else
		sort_items(items, a->order, m, a->tick);	/* fair has no fixed order: its buffer is free */
	for (int32_t k = 0; k < m; k++)
		cand[k] = items[k].idx;
}

/*
 * Rounding may leave the allocations a few units in the last place above
 * capacity: take the excess off the largest unmet allocation until the sum
 * is within capacity.
 */
static void
keep_within_capacity(int32_t n, double capacity, const double *req, double *alloc)
{
	double		s = cv_sum(alloc, n);

	while (s > capacity)
	{
		int32_t		j = -1;
		double		x;

		for (int32_t i = 0; i < n; i++)
		{
			bool		unmet = alloc[i] < req[i];

			if (alloc[i] > 0 &&
				(j < 0 || (unmet && !(alloc[j] < req[j])) ||
				 (unmet == (alloc[j] < req[j]) && alloc[i] > alloc[j])))
				j = i;
		}
		if (j < 0)
			break;				/* cannot happen: all zero sums to 0 */
		if (isinf(s))
		{
			/* the sum overflowed (capacity near DBL_MAX): the excess from halves */
			double		half = 0;

			for (int32_t i = 0; i < n; i++)
				half += alloc[i] * 0.5;
			x = alloc[j] - 2 * (half - capacity * 0.5);
		}
		else
			x = alloc[j] - (s - capacity);
		if (!(x < alloc[j]))
			x = nextafter(alloc[j], 0);
		alloc[j] = x > 0 ? x : 0;
		s = cv_sum(alloc, n);
	}
}

void
harm_allocate(HarmAlloc *a, double capacity, const double *req, double *alloc)
{
	int32_t		n = a->n;
	int32_t    *cand = a->cand;
	int32_t		m = 0;
	bool		safe;

	if (cv_sum(req, n) <= capacity)
	{
		memcpy(alloc, req, sizeof(double) * n);
		return;
	}
	switch (a->policy)
	{
		case HARM_FAIR:
			for (int32_t i = 0; i < n; i++)
			{
				alloc[i] = 0;
				if (req[i] > 0)
					cand[m++] = i;
			}
			safe = in_safe_range(a, cand, m, req);
			sort_fair(a, safe, cand, m, req);
			fill(a, true, safe, cand, m, capacity, req, alloc);
			break;
		case HARM_PROPORTIONAL:
			for (int32_t k = 0; k < n; k++)
			{
				int32_t		i = a->order[k].idx;

				alloc[i] = 0;
				if (req[i] > 0)
					cand[m++] = i;
			}
			fill(a, false, in_safe_range(a, cand, m, req), cand, m, capacity, req, alloc);
			break;
		case HARM_PRIORITY:
			{
				double		crem = capacity;

				for (int32_t k = 0; k < n;)
				{
					int32_t		end = k;
					double		tier = 0;

					while (end < n && a->order[end].kexp == a->order[k].kexp)
						tier += req[a->order[end++].idx];
					m = 0;
					for (int32_t j = k; j < end; j++)
					{
						int32_t		i = a->order[j].idx;

						alloc[i] = 0;
						if (tier <= crem)
							alloc[i] = req[i];
						else if (req[i] > 0 && crem > 0)
							cand[m++] = i;
					}
					if (tier <= crem)
						crem -= tier;
					else
					{
						/* the tier that cannot be met in full shares what is left */
						fill(a, false, in_safe_range(a, cand, m, req), cand, m, crem, req, alloc);
						crem = 0;
					}
					k = end;
				}
			}
			break;
	}
	keep_within_capacity(n, capacity, req, alloc);
}

bool
harm_step(HarmAlloc *a, int64_t date, double capacity, const double *demand,
		  double *requested, double *allocated, double *backlog, DpError *err)
{
	char		d[16];

	if (!isfinite(capacity) || capacity < 0)
	{
		cal_format_date(date, d);
		return dp_fail(err, DP_ERR_ARG, "capacity must not be negative: %s in period %s",
					   dp_num(capacity).s, d);
	}
	for (int32_t i = 0; i < a->n; i++)
	{
		double		r;

		if (!isfinite(demand[i]) || demand[i] < 0)
		{
			cal_format_date(date, d);
			return dp_fail(err, DP_ERR_ARG, "demand %d must not be negative: %s in period %s",
						   (int) i + 1, dp_num(demand[i]).s, d);
		}
		r = demand[i] + (a->carry_backlog ? backlog[i] : 0);
		if (!isfinite(r))
		{
			cal_format_date(date, d);
			return dp_fail(err, DP_ERR_RANGE,
						   "request of claimant %d with its backlog is out of range in period %s",
						   (int) i + 1, d);
		}
		requested[i] = r;
	}
	harm_allocate(a, capacity, requested, allocated);
	for (int32_t i = 0; i < a->n; i++)
		backlog[i] = requested[i] - allocated[i];
	return true;
}

/* ---- level rate, capacity gap, lot sizing ---- */

/* 22023 for a negative quantity, naming the vector and the period. */
static bool
fail_negative(DpError *err, const char *what, double x, DpPeriod p, int64_t idx)
{
	char		d[16];

	cal_format_date(cal_index_start(p, idx), d);
	return dp_fail(err, DP_ERR_ARG, "%s must not be negative: %s in period %s", what, dp_num(x).s, d);
}

static bool
fail_overflow(DpError *err, const char *what, DpPeriod p, int64_t idx)
{
	char		d[16];

	cal_format_date(cal_index_start(p, idx), d);
	return dp_fail(err, DP_ERR_RANGE, "%s is out of range in period %s", what, d);
}

bool
harm_level_rate(const double *dv, int32_t n, DpPeriod p, int64_t first, double on_hand,
				int32_t lead, double final_stock, double *rate, DpError *err)
{
	double		cum = 0,
				best = 0;

	if (!isfinite(on_hand) || !isfinite(final_stock))
		return dp_fail(err, DP_ERR_RANGE, "on_hand and final_stock must be finite numbers");
	if (lead < 0)
		return dp_fail(err, DP_ERR_ARG, "lead_periods must not be negative: %d", (int) lead);
	if (final_stock < 0)
		return dp_fail(err, DP_ERR_ARG, "final_stock must not be negative: %s", dp_num(final_stock).s);
	if (lead >= n)
	{
		dp_fail(err, DP_ERR_ARG, "no period of the demand after lead_periods %d", (int) lead);
		dp_detail(err, "The demand has %d periods; production starts in period %lld.",
				  (int) n, (long long) lead + 1);
		return false;
	}
	for (int32_t t = 1; t <= n; t++)
	{
		double		d = dv[t - 1];

		if (d < 0)
			return fail_negative(err, "demand", d, p, first + t - 1);
		cum += d;
		if (!isfinite(cum))
			return fail_overflow(err, "cumulative demand", p, first + t - 1);
		if (t <= lead)
		{
			if (cum > on_hand)
			{
				char		date[16];

				cal_format_date(cal_index_start(p, first + t - 1), date);
				dp_fail(err, DP_ERR_ARG,
						"demand due by period %s cannot be met: production starts after %d periods",
						date, (int) lead);
				dp_detail(err, "Cumulative demand %s by then exceeds on_hand %s.", dp_num(cum).s,
						  dp_num(on_hand).s);
				dp_hint(err, "Raise on_hand or shorten lead_periods.");
				return false;
			}
		}
		else
		{
			/* (cumD_t - I0 [+ X at the last period]) / (t - L) */
			double		need = cum - on_hand;
			double		r;

			if (t == n)
				need += final_stock;
			r = need / (t - lead);
			if (!isfinite(r))
				return fail_overflow(err, "level rate", p, first + t - 1);
			if (r > best)
				best = r;
		}
	}
	*rate = best;
	return true;
}

bool
harm_capacity_gap(const double *d, int64_t d0, int32_t dn, const double *c, int64_t c0,
				  int32_t cn, DpPeriod p, double on_hand, double *gap, DpError *err)
{
	int64_t		r0,
				rn;
	double		cum_d = 0,
				cum_c = 0,
				best = 0;

	if (!isfinite(on_hand))
		return dp_fail(err, DP_ERR_RANGE, "on_hand must be a finite number");
	cv_span_union(d0, dn, c0, cn, &r0, &rn);
	for (int64_t t = 0; t < rn; t++)
	{
		int64_t		idx = r0 + t;
		double		dv = (idx >= d0 && idx < d0 + dn) ? d[idx - d0] : 0;
		double		cv = (idx >= c0 && idx < c0 + cn) ? c[idx - c0] : 0;
		double		g;

		if (dv < 0)
			return fail_negative(err, "demand", dv, p, idx);
		if (cv < 0)
			return fail_negative(err, "capacity", cv, p, idx);
		cum_d += dv;
		cum_c += cv;
		/* (cumD_t - cumC_t - I0) / t */
		g = (cum_d - cum_c - on_hand) / (double) (t + 1);
		if (!isfinite(g))
			return fail_overflow(err, "cumulative demand or capacity", p, idx);
		if (g > best)
			best = g;
	}
	*gap = best;
	return true;
}

/* ceil(x) for x >= 0 without a library call (x >= 2^52 is already whole). */
static inline double
ceil_nonneg(double x)
{
	if (x < 0x1p52)
	{
		double		t = (double) (int64_t) x;

		return t < x ? t + 1 : t;
	}
	return x;
}

bool
harm_lot_sizing(const double *d, int32_t n, DpPeriod p, int64_t first, double min_lot,
				double lot_multiple, double on_hand, double *orders, DpError *err)
{
	double		s = on_hand;
	double		inv;

	if (!isfinite(min_lot) || !isfinite(lot_multiple) || !isfinite(on_hand))
		return dp_fail(err, DP_ERR_RANGE, "min_lot, lot_multiple and on_hand must be finite numbers");
	if (min_lot < 0)
		return dp_fail(err, DP_ERR_ARG, "min_lot must not be negative: %s", dp_num(min_lot).s);
	if (!(lot_multiple > 0))
		return dp_fail(err, DP_ERR_ARG, "lot_multiple must be positive: %s", dp_num(lot_multiple).s);
	inv = 1 / lot_multiple;
	for (int32_t t = 0; t < n; t++)
	{
		double		q = 0;

		if (d[t] < 0)
			return fail_negative(err, "demand", d[t], p, first + t);
		s -= d[t];
		if (s < 0)
		{
			double		shortage = -s;
			double		k = shortage * inv;

			if (!isfinite(s))
				return fail_overflow(err, "projected stock", p, first + t);
			if (!isfinite(k))
				k = shortage / lot_multiple;
			k = ceil_nonneg(k);
			/* the smallest k with k * lot_multiple >= shortage as computed */
			if (k > 1 && (k - 1) * lot_multiple >= shortage)
				k -= 1;
			else if (k * lot_multiple < shortage)
				k += 1;
			q = k * lot_multiple;
			if (q < min_lot)
				q = min_lot;
			if (!isfinite(q))
				return fail_overflow(err, "order quantity", p, first + t);
			s += q;
		}
		orders[t] = q;
	}
	return true;
}
