/*
 * Unit tests of replenish_core.c (linked with COIN-OR Clp).  Expected plans
 * are worked out by hand next to each case (small problems whose optimum is
 * unique); random problems from a fixed-seed PRNG check the invariants the
 * cleaning promises (exact balance, capacity never exceeded, no negative
 * quantity), that the plan never leaves more demand unmet than serving each
 * period's demand first-come would, and that scaling every quantity by a
 * power of ten scales the plan.
 */
#include <stdint.h>

#include "core/replenish_core.h"
#include "unit.h"

#define MAXN 32
#define MAXT 60

static double work_mem[(MAXN * MAXT * 64 + 4096)];
static double allocated[MAXN * MAXT],
			stock[MAXN * MAXT],
			unmet[MAXN * MAXT],
			below[MAXN * MAXT];
static int32_t reaches[MAXN];

/* A plan written into the static arrays. */
static RepPlan
new_plan(void)
{
	return (RepPlan) {.allocated = allocated, .stock = stock, .unmet = unmet, .below = below, .reaches = reaches};
}

/* A monthly problem from January 2025 (weights and deliveries NULL for none). */
static RepInput
input(int n, int T, const double *on_hand, const double *target, const double *demand,
	  const double *capacity, const double *weights, const double *deliveries)
{
	RepInput	in;

	memset(&in, 0, sizeof(in));
	in.n = n;
	in.T = T;
	in.period = DP_MONTH;
	in.first = cal_index(DP_MONTH, cal_from_ymd(2025, 1, 1));
	in.on_hand = on_hand;
	in.target = target;
	in.demand = demand;
	in.capacity = capacity;
	in.weights = weights;
	in.deliveries = deliveries;
	return in;
}

static bool
plan(const RepInput *in, RepPlan *p)
{
	DpError		err;

	CHECK(sizeof(work_mem) >= rep_work_size(in->n, in->T));
	if (!rep_check(in, &err) || !rep_plan(in, p, work_mem, NULL, NULL, &err))
	{
		fprintf(stderr, "  plan failed: %s (%s)\n", err.msg, err.detail);
		return false;
	}
	return true;
}

#define CHECK_ROW(i, t, x, s, u, b) do { \
	CHECK_CLOSE(allocated[(i) * T + (t)], x, 1e-9); \
	CHECK_CLOSE(stock[(i) * T + (t)], s, 1e-9); \
	CHECK_CLOSE(unmet[(i) * T + (t)], u, 1e-9); \
	CHECK_CLOSE(below[(i) * T + (t)], b, 1e-9); } while (0)

/* ---- small problems worked out by hand ---- */

/* One row of a plan as worked out by hand: claimant i in month t. */
typedef struct WantRow
{
	int			i,
				t;
	double		allocated,
				stock,
				unmet,
				below;
} WantRow;

/*
 * A problem of at most two claimants over at most three months (demand and
 * deliveries claimant by claimant; weights and deliveries NULL for none) and
 * what its plan must give: some rows, the totals (NAN: not checked) and, when
 * check_reaches, the month each claimant reaches target from (-1: never).
 */
typedef struct HandCase
{
	const char *name;
	int			n,
				T;
	double		on_hand[2],
				target[2],
				demand[6],
				capacity[3];
	const double *weights,
			   *deliveries;
	WantRow		rows[4];
	int			nrows;
	double		unmet_total,
				below_total;
	bool		check_reaches;
	int32_t		reaches[2];
} HandCase;

static const HandCase HAND_CASES[] = {
	/*
	 * One claimant, target 10, demand 5 a month, 20 produced in month 1
	 * only: all 20 go to it (less would leave month 3 further below target):
	 * stock 15, 10, 5; 5 below target in month 3; never stays at target.
	 */
	{.name = "single_claimant", .n = 1, .T = 3,
		.on_hand = {0}, .target = {10}, .demand = {5, 5, 5}, .capacity = {20, 0, 0},
		.rows = {{0, 0, 20, 15, 0, 0}, {0, 1, 0, 10, 0, 0}, {0, 2, 0, 5, 0, 5}}, .nrows = 3,
		.unmet_total = 0, .below_total = 5, .check_reaches = true, .reaches = {-1}},

	/*
	 * Unmet demand comes first: A wants 100 in stock but consumes nothing, B
	 * needs 10 in month 3; the 10 produced in month 1 go to B (no unmet),
	 * though giving them to A would leave fewer stock-periods below target
	 * (270 < 300).
	 */
	{.name = "unmet_before_target", .n = 2, .T = 3,
		.on_hand = {0, 0}, .target = {100, 0}, .demand = {0, 0, 0, 0, 0, 10}, .capacity = {10, 0, 0},
		.rows = {{0, 0, 0, 0, 0, 100}, {1, 0, 10, 10, 0, 0}, {1, 2, 0, 0, 0, 0}}, .nrows = 3,
		.unmet_total = 0, .below_total = 300, .check_reaches = true, .reaches = {-1, 0}},

	/*
	 * With unmet demand unavoidable (10 made, 20 wanted in month 3), stock
	 * below target decides: A (target 100) takes the 10, B's 10 are unmet; A
	 * is 90, 90 and 100 below target.
	 */
	{.name = "target_decides_when_unmet_ties", .n = 2, .T = 3,
		.on_hand = {0, 0}, .target = {100, 0}, .demand = {0, 0, 10, 0, 0, 10}, .capacity = {10, 0, 0},
		.rows = {{0, 0, 10, 10, 0, 90}, {0, 2, 0, 0, 0, 100}, {1, 0, 0, 0, 0, 0}, {1, 2, 0, 0, 10, 0}},
		.nrows = 4, .unmet_total = 10, .below_total = 280},

	/*
	 * Weights: 10 made, 6 + 6 wanted in month 2; weight 2 on A makes its
	 * unmet demand twice as costly: A gets 6, B 4, B's unmet 2 (weighted
	 * total 2).
	 */
	{.name = "weights", .n = 2, .T = 2,
		.on_hand = {0, 0}, .target = {0, 0}, .demand = {0, 6, 0, 6}, .capacity = {10, 0},
		.weights = (const double[]) {2, 1},
		.rows = {{0, 0, 6, 6, 0, 0}, {0, 1, 0, 0, 0, 0}, {1, 0, 4, 4, 0, 0}, {1, 1, 0, 0, 2, 0}},
		.nrows = 4, .unmet_total = 2, .below_total = NAN},

	/* swapped weights swap the roles */
	{.name = "weights_swapped", .n = 2, .T = 2,
		.on_hand = {0, 0}, .target = {0, 0}, .demand = {0, 6, 0, 6}, .capacity = {10, 0},
		.weights = (const double[]) {1, 2},
		.rows = {{0, 1, 0, 0, 2, 0}, {1, 1, 0, 0, 0, 0}}, .nrows = 2,
		.unmet_total = NAN, .below_total = NAN},

	/* Deliveries count as supply; with them the claimant reaches target in month 2. */
	{.name = "deliveries", .n = 1, .T = 3,
		.on_hand = {0}, .target = {10}, .demand = {0, 0, 0}, .capacity = {0, 0, 0},
		.deliveries = (const double[]) {4, 6, 0},
		.rows = {{0, 0, 0, 4, 0, 6}, {0, 1, 0, 10, 0, 0}}, .nrows = 2,
		.unmet_total = NAN, .below_total = 6, .check_reaches = true, .reaches = {1}},
};

/* Plans a hand-worked case and checks what it lists. */
static void
check_hand_case(const HandCase *c)
{
	const int	T = c->T;
	RepInput	in = input(c->n, T, c->on_hand, c->target, c->demand, c->capacity, c->weights, c->deliveries);
	RepPlan		p = new_plan();

	CHECK(plan(&in, &p));
	for (int k = 0; k < c->nrows; k++)
	{
		const WantRow *w = &c->rows[k];

		CHECK_ROW(w->i, w->t, w->allocated, w->stock, w->unmet, w->below);
	}
	if (!isnan(c->unmet_total))
		CHECK_CLOSE(p.unmet_total, c->unmet_total, 1e-12);
	if (!isnan(c->below_total))
		CHECK_CLOSE(p.below_total, c->below_total, 1e-12);
	for (int i = 0; c->check_reaches && i < c->n; i++)
		CHECK(reaches[i] == c->reaches[i]);
}

/*
 * No production beyond need: 50 on hand, target 40, demand 5 a month, 100
 * of capacity a month: produce just the 5 used each month (from month 1
 * stock would drop to 45 without it, still above target: nothing is made
 * until stock would fall below 40, in month 3).
 */
TEST(no_production_without_need)
{
	double		oh[1] = {50},
				g[1] = {40},
				d[4] = {5, 5, 5, 5},
				cap[4] = {100, 100, 100, 100};
	RepInput	in = input(1, 4, oh, g, d, cap, NULL, NULL);
	RepPlan		p = new_plan();

	CHECK(plan(&in, &p));
	CHECK_CLOSE(p.below_total, 0, 1e-12);
	CHECK_CLOSE(allocated[0] + allocated[1] + allocated[2] + allocated[3], 10, 1e-9);
	CHECK_CLOSE(stock[3], 40, 1e-9);
	CHECK(reaches[0] == 0);
}

/*
 * Required capacity, one claimant, demand 2 a month, capacity 1 a month,
 * target 12 from month 3: stock at the end of month t is at most t (k - 2),
 * so 3 (k - 2) >= 12 gives k = 6; from month 1, k - 2 >= 12 gives 14; with
 * 100 on hand nothing is needed (0); with no capacity before month 3 and
 * demand in month 1, no factor helps.
 */
TEST(required_capacity)
{
	const int	T = 4;
	double		oh[1] = {0},
				g[1] = {12},
				d[4] = {2, 2, 2, 2},
				cap[4] = {1, 1, 1, 1};
	RepInput	in = input(1, T, oh, g, d, cap, NULL, NULL);
	double		k;
	bool		found;
	DpError		err;

	CHECK(rep_required_capacity(&in, 2, &k, &found, work_mem, NULL, NULL, &err));
	CHECK(found);
	CHECK_CLOSE(k, 6, 1e-9);
	CHECK(rep_required_capacity(&in, 0, &k, &found, work_mem, NULL, NULL, &err));
	CHECK(found);
	CHECK_CLOSE(k, 14, 1e-9);
	oh[0] = 100;
	CHECK(rep_required_capacity(&in, 0, &k, &found, work_mem, NULL, NULL, &err));
	CHECK(found);
	CHECK_CLOSE(k, 0, 1e-12);
	oh[0] = 0;
	cap[0] = cap[1] = 0;
	CHECK(rep_required_capacity(&in, 1, &k, &found, work_mem, NULL, NULL, &err));
	CHECK(!found);
}

TEST(errors)
{
	double		oh[2] = {0, 0},
				g[2] = {1, 1},
				d[4] = {1, 1, 1, 1},
				cap[2] = {1, 1},
				w[2] = {1, 0};
	RepInput	in = input(2, 2, oh, g, d, cap, NULL, NULL);
	DpError		err;

	CHECK(rep_check(&in, &err));
	oh[1] = -1;
	CHECK(!rep_check(&in, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "on_hand[2] must not be negative: -1");
	oh[1] = 0;
	d[3] = -2;
	CHECK(!rep_check(&in, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "demands[2] must not be negative: -2 in period 2025-02-01");
	d[3] = NAN;
	CHECK(!rep_check(&in, &err) && err.code == DP_ERR_RANGE);
	d[3] = 1;
	g[0] = INFINITY;
	CHECK(!rep_check(&in, &err) && err.code == DP_ERR_RANGE);
	g[0] = 1;
	cap[1] = -3;
	CHECK(!rep_check(&in, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "capacity must not be negative: -3 in period 2025-02-01");
	cap[1] = 1;
	in.weights = w;
	CHECK(!rep_check(&in, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "weights[2] must be positive and finite: 0");
	in.weights = NULL;
	/* size: 1000 x 100 is the limit, 1000 x 101 is over it */
	in.n = 1000;
	in.T = 101;
	CHECK(!rep_check(&in, &err) && err.code == DP_ERR_LIMIT);
	in.n = 0;
	in.T = 2;
	CHECK(!rep_check(&in, &err) && err.code == DP_ERR_ARG);
}

/* ---- random problems ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static double
uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double) (rng >> 11) / 9007199254740992.0;
}

typedef struct Random
{
	int			n,
				T;
	double		oh[MAXN],
				g[MAXN],
				w[MAXN],
				d[MAXN * MAXT],
				r[MAXN * MAXT],
				cap[MAXT];
} Random;

static void
random_problem(Random *q, int n, int T)
{
	double		total = 0;

	q->n = n;
	q->T = T;
	for (int i = 0; i < n; i++)
	{
		double		base = 10 + 990 * uniform();

		q->g[i] = base * (2 + 6 * uniform());
		q->oh[i] = q->g[i] * uniform();
		q->w[i] = 0.5 + 2 * uniform();
		for (int t = 0; t < T; t++)
		{
			q->d[i * T + t] = uniform() < 0.2 ? 0 : base * (0.3 + 1.4 * uniform());
			q->r[i * T + t] = uniform() < 0.9 ? 0 : base * 3 * uniform();
			total += q->d[i * T + t];
		}
	}
	for (int t = 0; t < T; t++)
		q->cap[t] = total / T * (0.6 + 0.8 * uniform());
}

/* The input of a random problem, with its deliveries, and its weights when weighted. */
static RepInput
random_input(const Random *q, bool weighted)
{
	return input(q->n, q->T, q->oh, q->g, q->d, q->cap, weighted ? q->w : NULL, q->r);
}

/* The cleaned plan satisfies every constraint; returns the largest balance error relative to the row. */
static double
check_invariants(const RepInput *in)
{
	int			n = in->n,
				T = in->T;
	double		worst = 0;

	for (int t = 0; t < T; t++)
	{
		double		s = 0;

		for (int i = 0; i < n; i++)
			s += allocated[i * T + t];
		CHECK(s <= in->capacity[t]);
	}
	for (int i = 0; i < n; i++)
		for (int t = 0; t < T; t++)
		{
			int			c = i * T + t;
			double		prev = t == 0 ? in->on_hand[i] : stock[c - 1];
			double		rhs = prev + allocated[c] + in->deliveries[c] - in->demand[c] + unmet[c];
			double		mag = fmax(1, prev + allocated[c] + in->deliveries[c] + in->demand[c]);

			CHECK(allocated[c] >= 0 && stock[c] >= 0 && unmet[c] >= 0 && below[c] >= 0);
			CHECK(unmet[c] <= in->demand[c]);
			worst = fmax(worst, fabs(stock[c] - rhs) / mag);
			CHECK(below[c] >= in->target[i] - stock[c] - 1e-12 * fmax(1, in->target[i]));
			CHECK(below[c] == 0 || below[c] == in->target[i] - stock[c]);
		}
	return worst;
}

/*
 * Serving each period's demand first and then bringing stock back to target
 * in claimant order, period by period: a feasible plan the optimum can never
 * beat on unmet demand.
 */
static double
first_come_unmet(const RepInput *in)
{
	double		s[MAXN],
				total = 0;

	memcpy(s, in->on_hand, sizeof(double) * in->n);
	for (int t = 0; t < in->T; t++)
	{
		double		left = in->capacity[t];

		for (int i = 0; i < in->n; i++)
		{
			int			c = i * in->T + t;
			double		need = fmax(0, in->target[i] + in->demand[c] - s[i] - in->deliveries[c]),
						x = fmin(need, left);

			left -= x;
			s[i] += x + in->deliveries[c] - in->demand[c];
			if (s[i] < 0)
			{
				total += (in->weights ? in->weights[i] : 1) * -s[i];
				s[i] = 0;
			}
		}
	}
	return total;
}

TEST(random_invariants)
{
	static Random q;
	double		worst = 0;

	for (int k = 0; k < 40; k++)
	{
		int			n = 2 + (int) (uniform() * 12),
					T = 6 + (int) (uniform() * 30);
		RepInput	in;
		RepPlan		p = new_plan();

		random_problem(&q, n, T);
		in = random_input(&q, k % 2);
		CHECK(plan(&in, &p));
		worst = fmax(worst, check_invariants(&in));
		CHECK(p.unmet_total <= first_come_unmet(&in) * (1 + 1e-9) + 1e-9);
	}
	CHECK(worst <= 1e-12);
}

/* Every quantity times 10^6: the same plan times 10^6 (the solver sees the same scaled model). */
TEST(scale_invariance)
{
	static Random q,
				big;
	RepPlan		p = new_plan();
	RepInput	in;
	double		a[MAXN * MAXT],
				u;

	random_problem(&q, 6, 18);
	in = random_input(&q, true);
	CHECK(plan(&in, &p));
	memcpy(a, allocated, sizeof(a));
	u = p.below_total;
	big = q;
	for (int i = 0; i < 6; i++)
	{
		big.oh[i] *= 1e6;
		big.g[i] *= 1e6;
	}
	for (int c = 0; c < 6 * 18; c++)
	{
		big.d[c] *= 1e6;
		big.r[c] *= 1e6;
	}
	for (int t = 0; t < 18; t++)
		big.cap[t] *= 1e6;
	in = random_input(&big, true);
	CHECK(plan(&in, &p));
	CHECK_CLOSE(p.below_total / 1e6, u, 1e-9);
	for (int c = 0; c < 6 * 18; c++)
		CHECK_CLOSE(allocated[c] / 1e6, a[c], 1e-7);
}

static int	interrupt_calls,
			stop_at;

/* Stops at the stop_at-th question. */
static bool
stop_now(void *arg __attribute__((unused)))
{
	return ++interrupt_calls >= stop_at;
}

/* The callback is asked before each solve and after every simplex iteration; it stops the plan when it says so. */
TEST(interrupt)
{
	static Random q;
	RepPlan		p = new_plan();
	RepInput	in;
	DpError		err;

	random_problem(&q, MAXN, MAXT);
	in = random_input(&q, false);
	/* asked before the first solve, which stops at once */
	stop_at = 1;
	CHECK(!rep_plan(&in, &p, work_mem, stop_now, NULL, &err));
	CHECK(err.code == DP_ERR_CANCELED);
	CHECK(interrupt_calls == 1);
	/*
	 * never stopping: asked before each of the four solves and after every
	 * simplex iteration inside them (thousands here; a check only every
	 * 2000 iterations would ask 5 times), and the plan is made
	 */
	interrupt_calls = 0;
	stop_at = 1000000;
	CHECK(rep_plan(&in, &p, work_mem, stop_now, NULL, &err));
	CHECK(interrupt_calls > 100);
	/* stopped at the second question (inside the first solve, or before the second) */
	interrupt_calls = 0;
	stop_at = 2;
	CHECK(!rep_plan(&in, &p, work_mem, stop_now, NULL, &err));
	CHECK(err.code == DP_ERR_CANCELED && interrupt_calls == 2);
}

int
main(void)
{
	for (size_t k = 0; k < sizeof(HAND_CASES) / sizeof(HAND_CASES[0]); k++)
		RUN_CASE(check_hand_case, &HAND_CASES[k], HAND_CASES[k].name);
	RUN(no_production_without_need);
	RUN(required_capacity);
	RUN(errors);
	RUN(random_invariants);
	RUN(scale_invariance);
	RUN(interrupt);
	return DONE();
}
