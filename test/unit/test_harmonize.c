/*
 * Unit tests of harmonize_core.c.  Expected values are the public reference
 * cases (docs/reference.md, exact
 * rationals rounded to double), hand calculations written next to them, and
 * a brute-force alternative: the water level found by bisection in long
 * double, compared over thousands of random cases from a fixed-seed PRNG,
 * which also check the allocation invariants.
 */
#include <float.h>
#include <stdint.h>

#include "core/harmonize_core.h"
#include "unit.h"

#define MAXN 64

static unsigned char work[MAXN * 128];

/* Allocate one period; returns false (and fails the test) if set-up fails. */
static bool
alloc1(HarmPolicy pol, int n, double cap, const double *req, const double *w,
	   const int32_t *prio, double *out)
{
	HarmAlloc	a;
	DpError		err;

	if (!harm_init(&a, pol, n, w, prio, true, work, NULL, &err))
	{
		fprintf(stderr, "  harm_init failed: %s\n", err.msg);
		return false;
	}
	harm_allocate(&a, cap, req, out);
	return true;
}

/* ---- reference cases ---- */

static const double ref_req[4] = {50000, 20000, 40000, 10000};
static const double ref_w[4] = {3, 2, 1.5, 1};
static const int32_t ref_prio[4] = {3, 1, 4, 2};

/* The reference claims shared by each policy, with and without weights: capacity 100000. */
static const struct
{
	HarmPolicy	policy;
	const double *weights;
	const int32_t *priorities;
	double		want[4];
}			ref_cases[] = {
	/*
	 * fair: r/w = 16666.7, 10000, 26666.7, 10000: B and D saturate (10000 *
	 * 7.5 and 10000 * 5.5 are below 100000 and 80000), then lambda = 70000 /
	 * 4.5 = 140000/9: A = 140000/3, C = 70000/3.
	 */
	{HARM_FAIR, ref_w, NULL, {46666.666666666664, 20000, 23333.333333333332, 10000}},
	/*
	 * unweighted: at level 25000 D (10000) saturates, at (100000 - 10000) / 3
	 * = 30000 B (20000) does, then A and C share 70000 at 35000 each
	 */
	{HARM_FAIR, NULL, NULL, {35000, 20000, 35000, 10000}},
	/* proportional: fill ratio 100000/120000 = 5/6 */
	{HARM_PROPORTIONAL, NULL, NULL, {41666.666666666664, 16666.666666666668, 33333.333333333336, 8333.333333333334}},
	/*
	 * w*r = 150000, 40000, 60000, 10000 (sum 260000): A's share 57692 > 50000,
	 * so A is capped; the other 50000 go 40:60:10 -> 200000/11, 300000/11, 50000/11.
	 */
	{HARM_PROPORTIONAL, ref_w, NULL, {50000, 18181.81818181818, 27272.727272727272, 4545.454545454545}},
	/* priority: order B (1), D (2), A (3), C (4): 20000 + 10000 + 50000, C gets the last 20000 */
	{HARM_PRIORITY, ref_w, ref_prio, {50000, 20000, 20000, 10000}},
	/* weights do not change the strict order */
	{HARM_PRIORITY, NULL, ref_prio, {50000, 20000, 20000, 10000}},
};

TEST(reference_allocations)
{
	for (size_t k = 0; k < sizeof(ref_cases) / sizeof(ref_cases[0]); k++)
	{
		double		x[4];

		CHECK(alloc1(ref_cases[k].policy, 4, 100000, ref_req, ref_cases[k].weights,
					 ref_cases[k].priorities, x));
		unit_check_array(__FILE__, __LINE__, "reference allocation", x, ref_cases[k].want, 4);
	}
}

TEST(priority_tier_shares_proportionally)
{
	/*
	 * Tier 1: A 30, B 60 (weights 1, 2) with capacity 50: w*r = 30, 120, sum
	 * 150; B's share 40 < 60 and A's 10 < 30, so A = 30*50/150 = 10, B = 40.
	 * Tier 2 (C) gets nothing.
	 */
	double		req[3] = {30, 60, 5};
	double		w[3] = {1, 2, 1};
	int32_t		prio[3] = {1, 1, 2};
	double		x[3];

	CHECK(alloc1(HARM_PRIORITY, 3, 50, req, w, prio, x));
	CHECK_ARRAY(x, 10, 40, 0);
	/* capacity 95: tier 1 met (90), C gets 5 of 5 */
	CHECK(alloc1(HARM_PRIORITY, 3, 95, req, w, prio, x));
	CHECK_ARRAY(x, 30, 60, 5);
	/* capacity 92: C gets the 2 left over */
	CHECK(alloc1(HARM_PRIORITY, 3, 92, req, w, prio, x));
	CHECK_DBL(x[2], 2);
	/* negative priorities come first */
	prio[2] = -7;
	CHECK(alloc1(HARM_PRIORITY, 3, 50, req, w, prio, x));
	CHECK_DBL(x[2], 5);
	CHECK_DBL(x[0], 9);			/* 45 * 30 / 150 */
	CHECK_DBL(x[1], 36);		/* 45 * 120 / 150 */
}

TEST(backlog_reference)
{
	/*
	 * Three periods of 100000; period 1 as fair_reference, leaving backlogs
	 * A 10000/3 and C 50000/3.  Period 2 requests 130000/3, 15000, 140000/3,
	 * 10000: B (7500), D (10000), A (130000/9) saturate, C gets the rest,
	 * 100000 - 15000 - 10000 - 130000/3 = 95000/3, backlog 15000.  Period 3
	 * requests 20000, 10000, 35000, 5000: all met.
	 */
	double		cap[3] = {100000, 100000, 100000};
	double		dem[3][4] = {{50000, 20000, 40000, 10000}, {40000, 15000, 30000, 10000},
	{20000, 10000, 20000, 5000}};
	double		req[4],
				x[4],
				bl[4] = {0, 0, 0, 0};
	HarmAlloc	a;
	DpError		err;

	CHECK(harm_init(&a, HARM_FAIR, 4, ref_w, NULL, true, work, NULL, &err));
	CHECK(harm_step(&a, 0, cap[0], dem[0], req, x, bl, &err));
	CHECK_CLOSE(bl[0], 10000.0 / 3, 1e-12);
	CHECK_CLOSE(bl[2], 50000.0 / 3, 1e-12);
	CHECK_DBL(bl[1], 0);
	CHECK(harm_step(&a, 31, cap[1], dem[1], req, x, bl, &err));
	CHECK_CLOSE(req[0], 130000.0 / 3, 1e-12);
	CHECK_DBL(req[1], 15000);
	CHECK_CLOSE(req[2], 140000.0 / 3, 1e-12);
	CHECK_DBL(req[3], 10000);
	CHECK_CLOSE(x[0], 130000.0 / 3, 1e-12);
	CHECK_DBL(x[1], 15000);
	CHECK_CLOSE(x[2], 95000.0 / 3, 1e-12);
	CHECK_DBL(x[3], 10000);
	CHECK_CLOSE(bl[2], 15000, 1e-12);
	CHECK(harm_step(&a, 60, cap[2], dem[2], req, x, bl, &err));
	CHECK_CLOSE(req[2], 35000, 1e-12);
	for (int i = 0; i < 4; i++)
	{
		CHECK_DBL(x[i], req[i]);
		CHECK_DBL(bl[i], 0);
	}
	/* without carrying, period 2 requests are the new demands: total 95000, all met */
	CHECK(harm_init(&a, HARM_FAIR, 4, ref_w, NULL, false, work, NULL, &err));
	bl[0] = bl[1] = bl[2] = bl[3] = 0;
	CHECK(harm_step(&a, 0, cap[0], dem[0], req, x, bl, &err));
	CHECK(harm_step(&a, 31, cap[1], dem[1], req, x, bl, &err));
	CHECK_DBL(req[0], 40000);
	CHECK_DBL(x[2], 30000);
	CHECK_DBL(bl[2], 0);
}

TEST(allocation_edge_cases)
{
	double		x[4];
	double		zero[4] = {0, 0, 0, 0};
	double		one[1] = {7};

	/* capacity 0: nothing for anyone, every policy */
	CHECK(alloc1(HARM_FAIR, 4, 0, ref_req, ref_w, NULL, x));
	CHECK(x[0] == 0 && x[1] == 0 && x[2] == 0 && x[3] == 0);
	CHECK(alloc1(HARM_PROPORTIONAL, 4, 0, ref_req, ref_w, NULL, x));
	CHECK(x[0] == 0 && x[1] == 0 && x[2] == 0 && x[3] == 0);
	CHECK(alloc1(HARM_PRIORITY, 4, 0, ref_req, ref_w, ref_prio, x));
	CHECK(x[0] == 0 && x[1] == 0 && x[2] == 0 && x[3] == 0);
	/* no requests */
	CHECK(alloc1(HARM_FAIR, 4, 10, zero, NULL, NULL, x));
	CHECK(x[0] == 0 && x[3] == 0);
	/* one claimant gets min(request, capacity) */
	CHECK(alloc1(HARM_FAIR, 1, 5, one, NULL, NULL, x));
	CHECK_DBL(x[0], 5);
	CHECK(alloc1(HARM_PROPORTIONAL, 1, 5, one, NULL, NULL, x));
	CHECK_DBL(x[0], 5);
	CHECK(alloc1(HARM_FAIR, 1, 9, one, NULL, NULL, x));
	CHECK_DBL(x[0], 7);
	/* capacity exactly the total: everything met */
	CHECK(alloc1(HARM_FAIR, 4, 120000, ref_req, ref_w, NULL, x));
	CHECK_DBL(x[0], 50000);
	CHECK_DBL(x[2], 40000);
	/* huge values: the sum of requests overflows, shares must not */
	{
		double		big[3] = {DBL_MAX, DBL_MAX, 1};
		double		w3[3] = {1e300, 1e-300, 1};

		CHECK(alloc1(HARM_FAIR, 3, DBL_MAX, big, NULL, NULL, x));
		CHECK_DBL(x[2], 1);
		CHECK(x[0] > 0 && x[0] <= DBL_MAX && x[0] == x[1]);
		CHECK(alloc1(HARM_PROPORTIONAL, 3, DBL_MAX, big, w3, NULL, x));
		CHECK(isfinite(x[0]) && x[0] <= DBL_MAX && x[1] >= 0 && x[2] >= 0);
		/* 1e300 vs 1 vs 1e-300 times the requests: claimant 1 takes (almost) all */
		CHECK_CLOSE(x[0], DBL_MAX, 1e-12);
	}
}

TEST(capacity_guard)
{
	/*
	 * Three equal claims of 10 on 7.7: lambda = 7.7/3 rounds up, and
	 * 3 * fl(7.7/3) sums to 7.700000000000001 > 7.7, so the first (largest
	 * unmet, ties to the lowest index) gives up the excess: the sum is then
	 * within capacity and short of it by at most a few units in the last place.
	 */
	double		req[3] = {10, 10, 10};
	double		x[3];
	double		lambda = 7.7 / 3;

	CHECK(lambda + lambda + lambda > 7.7);
	CHECK(alloc1(HARM_FAIR, 3, 7.7, req, NULL, NULL, x));
	CHECK_DBL(x[1], lambda);
	CHECK_DBL(x[2], lambda);
	CHECK(x[0] < lambda);
	CHECK(x[0] + x[1] + x[2] <= 7.7);
	CHECK(7.7 - (x[0] + x[1] + x[2]) <= 4 * (nextafter(7.7, 8) - 7.7));
	/* the same with proportional shares: 10 * 7.7 / 30 each */
	CHECK(alloc1(HARM_PROPORTIONAL, 3, 7.7, req, NULL, NULL, x));
	CHECK(x[0] + x[1] + x[2] <= 7.7);
	CHECK(7.7 - (x[0] + x[1] + x[2]) <= 4 * (nextafter(7.7, 8) - 7.7));
}

TEST(weights_far_apart)
{
	/*
	 * Weights 1e300 and 1e-30 differ by more than the double range: the
	 * second claimant's share underflows beside the first's, so it is served
	 * only once the first is met, which is also the exact answer here (its
	 * exact share would be 1e-330 times the first's).
	 */
	double		req[2] = {10, 10};
	double		w[2] = {1e300, 1e-30};
	double		x[3];

	CHECK(alloc1(HARM_FAIR, 2, 15, req, w, NULL, x));
	CHECK_DBL(x[0], 10);
	CHECK_DBL(x[1], 5);
	CHECK(alloc1(HARM_FAIR, 2, 8, req, w, NULL, x));
	CHECK_DBL(x[0], 8);
	CHECK_DBL(x[1], 0);
	CHECK(alloc1(HARM_PROPORTIONAL, 2, 15, req, w, NULL, x));
	CHECK_DBL(x[0], 10);
	CHECK_DBL(x[1], 5);
	/* three levels: 1e300, 1e-30 and 1e-320 (subnormal) */
	{
		double		r3[3] = {1, 1, 1};
		double		w3[3] = {1e-320, 1e-30, 1e300};

		CHECK(alloc1(HARM_FAIR, 3, 2.5, r3, w3, NULL, x));
		CHECK_DBL(x[2], 1);
		CHECK_DBL(x[1], 1);
		CHECK_CLOSE(x[0], 0.5, 1e-15);
	}
}

TEST(policy_names)
{
	HarmPolicy	p;

	CHECK(harm_policy_lookup("fair", 4, &p) && p == HARM_FAIR);
	CHECK(harm_policy_lookup("Proportional", 12, &p) && p == HARM_PROPORTIONAL);
	CHECK(harm_policy_lookup("PRIORITY", 8, &p) && p == HARM_PRIORITY);
	CHECK(!harm_policy_lookup("lottery", 7, &p));
	CHECK(!harm_policy_lookup("fai", 3, &p));
	CHECK(!harm_policy_lookup("", 0, &p));
}

TEST(allocation_errors)
{
	HarmAlloc	a;
	DpError		err;
	double		w[2] = {1, 0};
	double		dem[2] = {1, -1};
	double		req[2],
				x[2],
				bl[2] = {0, 0};

	CHECK(!harm_init(&a, HARM_FAIR, 2, w, NULL, true, work, NULL, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "weight 2 must be positive and finite, not 0");
	w[1] = NAN;
	CHECK(!harm_init(&a, HARM_PROPORTIONAL, 2, w, NULL, true, work, NULL, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "weight 2 must be positive and finite, not NaN");
	w[1] = INFINITY;
	CHECK(!harm_init(&a, HARM_FAIR, 2, w, NULL, true, work, NULL, &err));
	w[1] = -1;
	CHECK(!harm_init(&a, HARM_FAIR, 2, w, NULL, true, work, NULL, &err));
	CHECK(!harm_init(&a, HARM_PRIORITY, 2, NULL, NULL, true, work, NULL, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "policy \"priority\" needs priorities");
	CHECK(!harm_init(&a, HARM_FAIR, 0, NULL, NULL, true, work, NULL, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK(harm_init(&a, HARM_FAIR, 2, NULL, NULL, true, work, NULL, &err));
	/* 2024-03-01 is day 8826 */
	CHECK(!harm_step(&a, 8826, 10, dem, req, x, bl, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "demand 2 must not be negative: -1 in period 2024-03-01");
	dem[1] = -0.1;
	CHECK(!harm_step(&a, 8826, 10, dem, req, x, bl, &err));
	CHECK_STR(err.msg, "demand 2 must not be negative: -0.1 in period 2024-03-01");
	dem[1] = 1;
	CHECK(!harm_step(&a, 8826, -3, dem, req, x, bl, &err));
	CHECK_STR(err.msg, "capacity must not be negative: -3 in period 2024-03-01");
	dem[0] = DBL_MAX;
	bl[0] = DBL_MAX;
	CHECK(!harm_step(&a, 8826, 1, dem, req, x, bl, &err));
	CHECK(err.code == DP_ERR_RANGE);
}

/* ---- brute force and property tests ---- */

static uint64_t rng_state;

/* splitmix64 */
static uint64_t
rng_next(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double
rng_unit(void)
{
	return (rng_next() >> 11) * 0x1.0p-53;
}

static int
rng_int(int lo, int hi)
{
	return lo + (int) (rng_next() % (uint64_t) (hi - lo + 1));
}

/*
 * A random quantity of one of several kinds: small integers (ties, exact
 * sums), zeros, decimals, and magnitudes from 1e-300 to 1e300 when wild.
 */
static double
rng_quantity(bool wild)
{
	switch (rng_int(0, wild ? 5 : 3))
	{
		case 0:
			return 0;
		case 1:
			return rng_int(1, 10);
		case 2:
			return rng_int(0, 1000000) / 100.0;
		case 3:
			return rng_unit() * 1e5;
		case 4:
			return ldexp(rng_unit() + 0.5, rng_int(-1000, 1000));
		default:
			return rng_int(0, 1) ? DBL_MAX * rng_unit() : ldexp(rng_unit(), -1074 + rng_int(0, 60));
	}
}

/*
 * Brute force: the water level by bisection in long double.  Each claimant
 * gets min(r_i, s_i * lambda) with s_i = w_i (fair) or w_i * r_i
 * (proportional), lambda the smallest level where the sum reaches cap.
 */
static void
brute_fill(int n, long double cap, const double *req, const double *w, bool fair,
		   const int *member, long double *out)
{
	long double lo = 0,
				hi = 1;
	long double total = 0;

	for (int i = 0; i < n; i++)
		if (member[i])
			total += req[i];
	if (total <= cap)
	{
		for (int i = 0; i < n; i++)
			out[i] = member[i] ? req[i] : 0;
		return;
	}
	for (;;)
	{
		long double s = 0;

		for (int i = 0; i < n; i++)
			if (member[i])
			{
				long double sh = fair ? (long double) w[i] : (long double) w[i] * req[i];

				s += fminl(req[i], sh * hi);
			}
		if (s >= cap)
			break;
		hi *= 2;
	}
	for (int it = 0; it < 160; it++)
	{
		long double mid = (lo + hi) / 2,
					s = 0;

		for (int i = 0; i < n; i++)
			if (member[i])
			{
				long double sh = fair ? (long double) w[i] : (long double) w[i] * req[i];

				s += fminl(req[i], sh * mid);
			}
		if (s < cap)
			lo = mid;
		else
			hi = mid;
	}
	for (int i = 0; i < n; i++)
	{
		long double sh = fair ? (long double) w[i] : (long double) w[i] * req[i];

		out[i] = member[i] ? fminl(req[i], sh * hi) : 0;
	}
}

/*
 * The classic iteration, in long double (exponent range far beyond
 * double's, so no share over- or underflows): give every unmet claimant
 * s_i * crem / sum(s) of the unmet; cap those it covers, repeat until no new
 * claimant is capped.  O(n^2), independent of the core's sort.
 */
static void
naive_fill(int n, long double cap, const double *req, const double *w, bool fair,
		   const int *member, long double *out)
{
	int			met[MAXN] = {0};
	long double crem = cap;

	for (int i = 0; i < n; i++)
		out[i] = 0;
	for (;;)
	{
		long double big = 0;
		int			changed = 0;

		for (int i = 0; i < n; i++)
			if (member[i] && !met[i] && req[i] > 0)
				big += fair ? (long double) w[i] : (long double) w[i] * req[i];
		if (big == 0)
			break;
		for (int i = 0; i < n; i++)
			if (member[i] && !met[i] && req[i] > 0)
			{
				long double sh = fair ? (long double) w[i] : (long double) w[i] * req[i];

				if (sh * crem / big >= req[i])
				{
					met[i] = 1;
					changed = 1;
				}
			}
		if (!changed)
		{
			for (int i = 0; i < n; i++)
				if (member[i] && !met[i])
					out[i] = req[i] > 0 ? (fair ? (long double) w[i] : (long double) w[i] * req[i]) * crem / big : 0;
			break;
		}
		for (int i = 0; i < n; i++)
			if (member[i] && met[i] == 1)
			{
				out[i] = req[i];
				crem -= req[i];
				met[i] = 2;
			}
	}
	for (int i = 0; i < n; i++)
		if (member[i] && met[i])
			out[i] = req[i];
}

/* Brute force for any policy: priority serves tiers in order, the partial tier proportionally. */
typedef void (*FillFn) (int n, long double cap, const double *req, const double *w, bool fair,
						const int *member, long double *out);

static void
brute_allocate(FillFn fill, HarmPolicy pol, int n, double cap, const double *req, const double *w,
			   const int32_t *prio, long double *out)
{
	int			member[MAXN];
	double		ones[MAXN];

	if (!w)
	{
		for (int i = 0; i < n; i++)
			ones[i] = 1;
		w = ones;
	}
	if (pol != HARM_PRIORITY)
	{
		for (int i = 0; i < n; i++)
			member[i] = 1;
		fill(n, cap, req, w, pol == HARM_FAIR, member, out);
		return;
	}
	{
		long double left = cap;
		long double tmp[MAXN];
		int			done[MAXN] = {0};

		for (int i = 0; i < n; i++)
			out[i] = 0;
		for (;;)
		{
			int			best = -1;
			long double tier = 0;

			for (int i = 0; i < n; i++)
				if (!done[i] && (best < 0 || prio[i] < prio[best]))
					best = i;
			if (best < 0)
				break;
			for (int i = 0; i < n; i++)
			{
				member[i] = !done[i] && prio[i] == prio[best];
				if (member[i])
					tier += req[i];
			}
			fill(n, left, req, w, false, member, tmp);
			for (int i = 0; i < n; i++)
				if (member[i])
				{
					out[i] = tmp[i];
					done[i] = 1;
				}
			left = tier <= left ? left - tier : 0;
		}
	}
}

/* The invariants, checked exactly (sums in claimant order as the core states them). */
static int
check_invariants(int n, double cap, const double *req, const double *x)
{
	double		s = 0;
	bool		all_met = true;

	for (int i = 0; i < n; i++)
	{
		if (!(x[i] >= 0 && x[i] <= req[i]))
			return 0;
		if (x[i] < req[i])
			all_met = false;
		s += x[i];
	}
	if (!(s <= cap))
		return 0;
	/*
	 * all met, or the capacity used up to rounding of a sum of n terms (and,
	 * for subnormal capacities, the granularity 2^-1074 of each share)
	 */
	return all_met || cap - s <= 1e-12 * cap + 4 * n * DBL_TRUE_MIN;
}

/* A random allocation problem: n claimants' requests, weights (used when weighted) and priorities, and the capacity. */
typedef struct RandomCase
{
	int			n;
	double		cap,
				req[MAXN],
				w[MAXN];
	int32_t		prio[MAXN];
	bool		weighted;
} RandomCase;

/* Draws a random case (wild: quantities and weights over the whole float8 range). */
static void
random_case(bool wild, RandomCase *rc)
{
	double		total = 0;

	rc->n = rng_int(1, 30);
	rc->weighted = rng_int(0, 2) > 0;
	for (int i = 0; i < rc->n; i++)
	{
		rc->req[i] = rng_quantity(wild);
		total += rc->req[i];
		rc->w[i] = rng_int(0, 3) == 0 ? rng_int(1, 4) : (wild ? ldexp(rng_unit() + 0.5, rng_int(-600, 600))
													 : rng_unit() * 10 + 0.01);
		rc->prio[i] = rng_int(1, 4);
	}
	/* capacity below, around or above the total */
	switch (rng_int(0, 4))
	{
		case 0:
			rc->cap = rng_quantity(wild);
			break;
		case 1:
			rc->cap = total;
			break;
		case 2:
			rc->cap = total * rng_unit();
			break;
		default:
			rc->cap = isfinite(total) ? total * (0.5 + rng_unit()) : DBL_MAX * rng_unit();
	}
	if (!isfinite(rc->cap))
		rc->cap = DBL_MAX;
}

/* alloc1 on a random case under a policy, with its weights when it is weighted */
static bool
alloc_case(HarmPolicy pol, const RandomCase *rc, double *x)
{
	return alloc1(pol, rc->n, rc->cap, rc->req, rc->weighted ? rc->w : NULL, rc->prio, x);
}

TEST(property_invariants_random)
{
	int			cases = 0,
				bad = 0;

	rng_state = 20240601;
	for (int c = 0; c < 30000; c++)
	{
		RandomCase	rc;
		double		x[MAXN];

		random_case(c % 3 == 0, &rc);
		for (int pol = 0; pol < 3; pol++)
		{
			cases++;
			if (!alloc_case((HarmPolicy) pol, &rc, x) || !check_invariants(rc.n, rc.cap, rc.req, x))
			{
				if (bad++ < 5)
					fprintf(stderr, "  invariant broken: case %d policy %d n %d cap %.17g\n",
							c, pol, rc.n, rc.cap);
			}
		}
	}
	CHECK(bad == 0);
	CHECK(cases == 90000);
}

/*
 * 20000 random cases (wild: quantities and weights over the whole float8
 * range) under every policy against brute_allocate with fill: the number of
 * cases where a claimant is further from the reference than tolerated.
 */
static int
against_reference(unsigned seed, bool wild, FillFn fill, const char *what)
{
	int			bad = 0;

	rng_state = seed;
	for (int c = 0; c < UNIT_CASES(20000); c++)
	{
		RandomCase	rc;
		double		x[MAXN];
		long double ref[MAXN];

		random_case(wild, &rc);
		for (int pol = 0; pol < 3; pol++)
		{
			if (!alloc_case((HarmPolicy) pol, &rc, x))
			{
				bad++;
				continue;
			}
			brute_allocate(fill, (HarmPolicy) pol, rc.n, rc.cap, rc.req, rc.weighted ? rc.w : NULL, rc.prio, ref);
			for (int i = 0; i < rc.n; i++)
			{
				/*
				 * ordinary cases: 1e-9 of capacity; wild ones: 1e-9 of the
				 * allocation's own size, or 1e-12 of capacity (the rounding of
				 * a sum), or subnormal granularity
				 */
				long double tol = wild ? 1e-9L * ref[i] + 1e-12L * rc.cap + 4 * rc.n * DBL_TRUE_MIN
				: 1e-9L * fmaxl(1, rc.cap);

				if (!(fabsl(x[i] - ref[i]) <= tol))
				{
					if (bad++ < 5)
						fprintf(stderr, "  case %d policy %d claimant %d: %.17g, %s %.17Lg\n",
								c, pol, i, x[i], what, ref[i]);
					break;
				}
			}
		}
	}
	return bad;
}

TEST(property_matches_brute_force)
{
	CHECK(against_reference(4242, false, brute_fill, "brute force") == 0);
}

TEST(property_wild_matches_naive)
{
	/* quantities from 1e-300 to DBL_MAX, weights 2^-600 .. 2^600 */
	CHECK(against_reference(31337, true, naive_fill, "naive") == 0);
}

TEST(property_power_of_two_scaling_is_exact)
{
	/*
	 * Scaling every weight by 2^400 (which leaves the unscaled fast range)
	 * must not change a bit of the allocation, and scaling capacity and
	 * requests by 2^-400 must scale every allocation by exactly 2^-400: the
	 * direct and the scaled computations agree bit for bit.
	 */
	int			bad = 0;

	rng_state = 2718;
	for (int c = 0; c < UNIT_CASES(10000); c++)
	{
		RandomCase	rc;
		double		w2[MAXN],
					req2[MAXN],
					x[MAXN],
					y[MAXN];

		random_case(false, &rc);
		for (int i = 0; i < rc.n; i++)
		{
			w2[i] = ldexp(rc.w[i], 400);
			req2[i] = ldexp(rc.req[i], -400);
		}
		for (int pol = 0; pol < 3; pol++)
		{
			if (!alloc1((HarmPolicy) pol, rc.n, rc.cap, rc.req, rc.w, rc.prio, x) ||
				!alloc1((HarmPolicy) pol, rc.n, rc.cap, rc.req, w2, rc.prio, y))
			{
				bad++;
				continue;
			}
			for (int i = 0; i < rc.n; i++)
				if (memcmp(&x[i], &y[i], sizeof(double)) != 0)
				{
					if (bad++ < 5)
						fprintf(stderr, "  weights x 2^400: case %d policy %d claimant %d: %.17g vs %.17g\n",
								c, pol, i, x[i], y[i]);
					break;
				}
			if (!alloc1((HarmPolicy) pol, rc.n, ldexp(rc.cap, -400), req2, rc.w, rc.prio, y))
				continue;
			for (int i = 0; i < rc.n; i++)
				if (ldexp(x[i], -400) != y[i])
				{
					if (bad++ < 5)
						fprintf(stderr, "  quantities x 2^-400: case %d policy %d claimant %d: %.17g vs %.17g\n",
								c, pol, i, ldexp(x[i], -400), y[i]);
					break;
				}
		}
	}
	CHECK(bad == 0);
}

TEST(property_multi_period)
{
	/* random multi-period runs: backlog identity and invariants in every period */
	int			bad = 0;

	rng_state = 7;
	for (int c = 0; c < 3000; c++)
	{
		HarmAlloc	a;
		DpError		err;
		int			n = rng_int(1, 12);
		int			pol = rng_int(0, 2);
		double		w[MAXN],
					dem[MAXN],
					req[MAXN],
					x[MAXN],
					bl[MAXN];
		int32_t		prio[MAXN];
		bool		carry = rng_int(0, 1);

		for (int i = 0; i < n; i++)
		{
			w[i] = rng_int(1, 5);
			prio[i] = rng_int(1, 3);
			bl[i] = 0;
		}
		if (!harm_init(&a, (HarmPolicy) pol, n, w, prio, carry, work, NULL, &err))
		{
			bad++;
			continue;
		}
		for (int t = 0; t < 24; t++)
		{
			double		prev[MAXN];
			double		cap = rng_quantity(false) * 3;

			for (int i = 0; i < n; i++)
			{
				dem[i] = rng_quantity(false);
				prev[i] = bl[i];
			}
			if (!harm_step(&a, t, cap, dem, req, x, bl, &err) || !check_invariants(n, cap, req, x))
			{
				bad++;
				break;
			}
			for (int i = 0; i < n; i++)
				if (req[i] != dem[i] + (carry ? prev[i] : 0) || bl[i] != req[i] - x[i])
					bad++;
		}
	}
	CHECK(bad == 0);
}

/* qsort order of doubles, for the reference below */
static int
dbl_cmp(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

TEST(many_claimants)
{
	/*
	 * 5000 claimants take the merge sort (more than 32): priority serves a
	 * permutation of priorities 1..5000 in order, fair fills to the level
	 * where the smallest requests are met and the rest get the same amount.
	 */
	enum
	{
		N = 5000
	};
	static double req[N],
				x[N],
				sorted[N];
	static int32_t prio[N];
	void	   *big = malloc(harm_work_size(N));
	HarmAlloc	a;
	DpError		err;
	int			bad = 0;
	double		cap = 0,
				level,
				below = 0;
	int			k;

	for (int i = 0; i < N; i++)
	{
		prio[i] = (int32_t) ((i * 7919L) % N) + 1;	/* a permutation of 1..N (7919 is prime) */
		req[i] = 1;
	}
	CHECK(harm_init(&a, HARM_PRIORITY, N, NULL, prio, false, big, NULL, &err));
	harm_allocate(&a, 2500.5, req, x);
	for (int i = 0; i < N; i++)
		bad += x[i] != (prio[i] <= 2500 ? 1.0 : prio[i] == 2501 ? 0.5 : 0.0);
	CHECK(bad == 0);

	/* fair: distinct requests 1..N (shuffled), capacity half the total */
	for (int i = 0; i < N; i++)
	{
		req[i] = (double) prio[i];
		sorted[i] = req[i];
		cap += req[i] / 2;
	}
	qsort(sorted, N, sizeof(double), dbl_cmp);
	/* the level: the first k sorted requests met, the other N - k get level */
	for (k = 0; k < N && below + sorted[k] * (N - k) <= cap; k++)
		below += sorted[k];
	level = (cap - below) / (N - k);
	CHECK(harm_init(&a, HARM_FAIR, N, NULL, NULL, false, big, NULL, &err));
	harm_allocate(&a, cap, req, x);
	bad = 0;
	for (int i = 0; i < N; i++)
		bad += fabs(x[i] - fmin(req[i], level)) > 1e-9 * level;
	CHECK(bad == 0);
	free(big);
}

TEST(long_sorts_tick)
{
	/* 100,000 claimants: the claimant sort ticks (so it can be cancelled) and still sorts */
	enum
	{
		N = 100000
	};
	static double req[N],
				x[N];
	static int32_t prio[N];
	void	   *big = malloc(harm_work_size(N));
	int			ticks = 0,
				bad = 0;
	DpTick		tick = {unit_count_call, &ticks};
	HarmAlloc	a;
	DpError		err;

	for (int i = 0; i < N; i++)
	{
		prio[i] = N - i;		/* served last to first */
		req[i] = 1;
	}
	CHECK(harm_init(&a, HARM_PRIORITY, N, NULL, prio, false, big, &tick, &err));
	CHECK(ticks >= 10);
	harm_allocate(&a, 10, req, x);
	for (int i = 0; i < N; i++)
		bad += x[i] != (i >= N - 10 ? 1.0 : 0.0);
	CHECK(bad == 0);
	free(big);
}

/* ---- level rate, capacity gap, lot sizing ---- */

static const double ref_month[12] = {30000, 30000, 50000, 60000, 40000, 40000,
70000, 80000, 60000, 50000, 40000, 30000};

TEST(level_rate_reference)
{
	double		r;
	DpError		err;
	int64_t		jan = cal_index(DP_MONTH, cal_from_ymd(2024, 1, 1));

	/* cumulative demand by month 11 is 550000: (550000 - 120000) / 11 = 430000/11 */
	CHECK(harm_level_rate(ref_month, 12, DP_MONTH, jan, 120000, 0, 0, &r, &err));
	CHECK_DBL(r, 430000.0 / 11);
	CHECK_CLOSE(r, 39090.909090909090, 1e-15);
	/* lead 2: month 10, (510000 - 120000) / 8 = 48750 */
	CHECK(harm_level_rate(ref_month, 12, DP_MONTH, jan, 120000, 2, 0, &r, &err));
	CHECK_DBL(r, 48750);
	/* final stock 100000: month 12, (580000 - 120000 + 100000) / 12 = 140000/3 */
	CHECK(harm_level_rate(ref_month, 12, DP_MONTH, jan, 120000, 0, 100000, &r, &err));
	CHECK_DBL(r, 46666.666666666664);
	/* stock covers everything: 0 */
	CHECK(harm_level_rate(ref_month, 12, DP_MONTH, jan, 600000, 0, 0, &r, &err));
	CHECK_DBL(r, 0);
	/*
	 * no stock: cumD_t / t = 30000, 30000, 36667, 42500, 42000, 41667, 45714,
	 * 50000, 51111 (460000/9), 51000, 50000, 48333: month 9 binds
	 */
	CHECK(harm_level_rate(ref_month, 12, DP_MONTH, jan, 0, 0, 0, &r, &err));
	CHECK_DBL(r, 460000.0 / 9);
	/*
	 * lead 2 with exactly the two months' demand on hand (60000, stock 0 at
	 * month 2 is allowed): (cumD_t - 60000) / (t - 2) = 50000, 55000, 50000,
	 * 47500, 52000, 56667, 57143 (400000/7), 56250, 54444, 52000
	 */
	CHECK(harm_level_rate(ref_month, 12, DP_MONTH, jan, 60000, 2, 0, &r, &err));
	CHECK_DBL(r, 400000.0 / 7);
}

TEST(level_rate_errors)
{
	double		r;
	DpError		err;
	double		neg[3] = {1, -2, 3};
	int64_t		jan = cal_index(DP_MONTH, cal_from_ymd(2024, 1, 1));

	CHECK(!harm_level_rate(ref_month, 12, DP_MONTH, jan, 0, 2, 0, &r, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "demand due by period 2024-01-01 cannot be met: production starts after 2 periods");
	/* 70000 on hand covers January and February (60000), not March */
	CHECK(!harm_level_rate(ref_month, 12, DP_MONTH, jan, 70000, 3, 0, &r, &err));
	CHECK_STR(err.msg, "demand due by period 2024-03-01 cannot be met: production starts after 3 periods");
	CHECK(!harm_level_rate(ref_month, 12, DP_MONTH, jan, 1e9, 12, 0, &r, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "no period of the demand after lead_periods 12");
	CHECK(!harm_level_rate(ref_month, 0, DP_MONTH, jan, 0, 0, 0, &r, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK(!harm_level_rate(ref_month, 12, DP_MONTH, jan, 0, -1, 0, &r, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK(!harm_level_rate(ref_month, 12, DP_MONTH, jan, 0, 0, -1, &r, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK(!harm_level_rate(neg, 3, DP_MONTH, jan, 0, 0, 0, &r, &err));
	CHECK_STR(err.msg, "demand must not be negative: -2 in period 2024-02-01");
	CHECK(!harm_level_rate(ref_month, 12, DP_MONTH, jan, NAN, 0, 0, &r, &err));
	CHECK(err.code == DP_ERR_RANGE);
	{
		double		huge[2] = {DBL_MAX, DBL_MAX};

		CHECK(!harm_level_rate(huge, 2, DP_MONTH, jan, 0, 0, 0, &r, &err));
		CHECK(err.code == DP_ERR_RANGE);
	}
}

TEST(capacity_gap_reference)
{
	double		g;
	double		cap[12];
	DpError		err;
	int64_t		jan = cal_index(DP_MONTH, cal_from_ymd(2024, 1, 1));

	for (int i = 0; i < 12; i++)
		cap[i] = 30000;
	/* month 11: (550000 - 330000 - 120000) / 11 = 100000/11 */
	CHECK(harm_capacity_gap(ref_month, jan, 12, cap, jan, 12, DP_MONTH, 120000, &g, &err));
	CHECK_DBL(g, 100000.0 / 11);
	CHECK_CLOSE(g, 9090.909090909090, 1e-15);
	/* more capacity than demand: 0 */
	for (int i = 0; i < 12; i++)
		cap[i] = 90000;
	CHECK(harm_capacity_gap(ref_month, jan, 12, cap, jan, 12, DP_MONTH, 0, &g, &err));
	CHECK_DBL(g, 0);
	/* capacity starting 2 months earlier builds stock: span of 14 months, 30000 from month 1 */
	for (int i = 0; i < 12; i++)
		cap[i] = 30000;
	/*
	 * capacity covers t = 1..12, demand t = 3..14; (cumD - cumC - 120000) / t
	 * is negative up to t = 10, then 10000/11, 30000/12, 70000/13 and at
	 * t = 14 (580000 - 360000 - 120000) / 14 = 100000/14
	 */
	CHECK(harm_capacity_gap(ref_month, jan, 12, cap, jan - 2, 12, DP_MONTH, 120000, &g, &err));
	CHECK_DBL(g, 100000.0 / 14);
	/* empty vectors: 0 */
	CHECK(harm_capacity_gap(ref_month, jan, 0, cap, jan, 0, DP_MONTH, 0, &g, &err));
	CHECK_DBL(g, 0);
	/* no capacity at all: level rate without lead is the same formula */
	CHECK(harm_capacity_gap(ref_month, jan, 12, cap, jan, 0, DP_MONTH, 120000, &g, &err));
	CHECK_DBL(g, 430000.0 / 11);
	cap[3] = -1;
	CHECK(!harm_capacity_gap(ref_month, jan, 12, cap, jan, 12, DP_MONTH, 0, &g, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "capacity must not be negative: -1 in period 2024-04-01");
}

TEST(lot_sizing_cases)
{
	double		q[8];
	DpError		err;
	double		d1[3] = {30, 30, 50};
	double		d2[5] = {0.1, 0.2, 0.3, 0, 0.7};

	/* reference example: 30 short -> 100 (min lot), stock 70, 40, then 10 short -> 100 */
	CHECK(harm_lot_sizing(d1, 3, DP_MONTH, 0, 100, 10, 0, q, &err));
	CHECK(q[0] == 100 && q[1] == 0 && q[2] == 100);
	/* no minimum, multiples of 10: 30, 30, 50 */
	CHECK(harm_lot_sizing(d1, 3, DP_MONTH, 0, 0, 10, 0, q, &err));
	CHECK(q[0] == 30 && q[1] == 30 && q[2] == 50);
	/* multiples of 25 with 5 on hand: 25 short -> 25 (stock 0), 30 -> 50 (20), 30 short -> 50 */
	CHECK(harm_lot_sizing(d1, 3, DP_MONTH, 0, 0, 25, 5, q, &err));
	CHECK(q[0] == 25 && q[1] == 50 && q[2] == 50);
	/* default multiple 1 rounds up to whole units: 0.1 short -> 1, stock 0.9, 0.7, 0.4, 0.4, 0.3 short -> 1 */
	CHECK(harm_lot_sizing(d2, 5, DP_MONTH, 0, 0, 1, 0, q, &err));
	CHECK(q[0] == 1 && q[1] == 0 && q[2] == 0 && q[3] == 0 && q[4] == 1);
	/* multiple 0.1: the smallest k with k * 0.1 >= shortage: 0.1 -> 1 * 0.1 exactly */
	CHECK(harm_lot_sizing(d2, 1, DP_MONTH, 0, 0, 0.1, 0, q, &err));
	CHECK_DBL(q[0], 0.1);
	{
		double		d3[1] = {0.30000000000000004};	/* 0.1 + 0.2 in doubles */

		/* 3 * 0.1 = 0.30000000000000004 covers it: not 0.4 */
		CHECK(harm_lot_sizing(d3, 1, DP_MONTH, 0, 0, 0.1, 0, q, &err));
		CHECK_DBL(q[0], 3 * 0.1);
	}
	/* enough on hand: no orders; empty demand */
	CHECK(harm_lot_sizing(d1, 3, DP_MONTH, 0, 100, 10, 110, q, &err));
	CHECK(q[0] == 0 && q[1] == 0 && q[2] == 0);
	CHECK(harm_lot_sizing(d1, 0, DP_MONTH, 0, 100, 10, 0, q, &err));
	/* a stock that ends non-negative after every order, random cases */
	rng_state = 99;
	for (int c = 0; c < UNIT_CASES(5000); c++)
	{
		double		d[8];
		double		s,
					m = rng_int(0, 1) ? rng_int(1, 50) : rng_unit() * 3 + 1e-3,
					minl = rng_int(0, 1) ? 0 : rng_unit() * 100;
		int			bad = 0;

		s = rng_int(0, 1) ? 0 : rng_unit() * 50;
		for (int t = 0; t < 8; t++)
			d[t] = rng_quantity(false);
		if (!harm_lot_sizing(d, 8, DP_MONTH, 0, minl, m, s, q, &err))
			bad = 1;
		for (int t = 0; t < 8 && !bad; t++)
		{
			s -= d[t];
			if (q[t] > 0)
			{
				double		k = nearbyint(q[t] / m);

				/*
				 * an order comes only on a shortage, covers it, and is the
				 * minimum lot or the smallest multiple that covers it
				 */
				if (!(s < 0) || s + q[t] < 0 ||
					(q[t] != minl && (k * m != q[t] || (k - 1) * m >= -s)))
					bad = 1;
			}
			else if (s < 0)
				bad = 1;
			s += q[t];
		}
		CHECK(!bad);
		if (bad)
			break;
	}
}

TEST(lot_sizing_errors)
{
	double		q[3];
	DpError		err;
	double		d1[3] = {30, -30, 50};

	CHECK(!harm_lot_sizing(d1, 1, DP_MONTH, 0, -1, 10, 0, q, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "min_lot must not be negative: -1");
	CHECK(!harm_lot_sizing(d1, 1, DP_MONTH, 0, 0, 0, 0, q, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "lot_multiple must be positive: 0");
	CHECK(!harm_lot_sizing(d1, 1, DP_MONTH, 0, 0, -5, 0, q, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK(!harm_lot_sizing(d1, 3, DP_MONTH, cal_index(DP_MONTH, cal_from_ymd(2024, 1, 1)), 0, 1, 0,
						   q, &err));
	CHECK_STR(err.msg, "demand must not be negative: -30 in period 2024-02-01");
	CHECK(!harm_lot_sizing(d1, 1, DP_MONTH, 0, INFINITY, 1, 0, q, &err));
	CHECK(err.code == DP_ERR_RANGE);
	{
		double		big[1] = {DBL_MAX};

		/* DBL_MAX short in multiples of 3e307 (multiple rounds up past DBL_MAX) */
		CHECK(!harm_lot_sizing(big, 1, DP_MONTH, 0, 0, 1.5e308, 0, q, &err));
		CHECK(err.code == DP_ERR_RANGE);
	}
}

int
main(void)
{
	RUN(reference_allocations);
	RUN(priority_tier_shares_proportionally);
	RUN(backlog_reference);
	RUN(allocation_edge_cases);
	RUN(capacity_guard);
	RUN(weights_far_apart);
	RUN(policy_names);
	RUN(allocation_errors);
	RUN(property_invariants_random);
	RUN(property_matches_brute_force);
	RUN(property_wild_matches_naive);
	RUN(property_power_of_two_scaling_is_exact);
	RUN(property_multi_period);
	RUN(many_claimants);
	RUN(long_sorts_tick);
	RUN(level_rate_reference);
	RUN(level_rate_errors);
	RUN(capacity_gap_reference);
	RUN(lot_sizing_cases);
	RUN(lot_sizing_errors);
	return DONE();
}
