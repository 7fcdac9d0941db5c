/*
 * Unit tests of outlook_core.c.  Expected values come from hand calculation
 * (written next to each check) and, for the one-pass result as a whole, from
 * the separately tested core functions called one by one, as the SQL
 * functions of the same meaning call them: the one-pass result must equal
 * that composition exactly, including the stock-out risks it decides by
 * bounds instead of simulating.
 */
#include <stdint.h>

#include "core/calendar.h"
#include "core/capvec_core.h"
#include "core/forecast_core.h"
#include "core/outlook_core.h"
#include "core/random.h"
#include "core/stockpile_core.h"
#include "unit.h"

/* the outlook's defaults: 24 months of history, 24 forecast, 6 at risk, 2000 trials */
static const OutlookSpec SPEC = {24, 24, 6, 2000};

static int64_t
month_index(int y, int m)
{
	return (int64_t) y * 12 + (m - 1);
}

/* Work space for a specification (freed by the caller). */
typedef struct Buffers
{
	double	   *work;
	unsigned char *flags;
	double		forecast[64];
	double		closing[64];
} Buffers;

static void
buffers_init(Buffers *b, const OutlookSpec *spec)
{
	b->work = malloc(sizeof(double) * outlook_work_len(spec));
	b->flags = malloc(outlook_flag_len(spec));
}

static void
buffers_free(Buffers *b)
{
	free(b->work);
	free(b->flags);
}

/* A monthly stockpile from the given month: no target when target is NAN. */
static OutlookInput
input_at(int y, int m, double on_hand, double target, const double *hist, const double *supply)
{
	OutlookInput in;

	in.on_hand = on_hand;
	in.has_target = !isnan(target);
	in.target = in.has_target ? target : 0;
	in.period = DP_MONTH;
	in.first = month_index(y, m);
	in.history = hist;
	in.supply = supply;
	return in;
}

static int	callback_calls;

static void
count_call(void *arg)
{
	(void) arg;
	callback_calls++;
}

static const FcCallback counting = {count_call, NULL};

/* outlook_compute with the uniforms of a splitmix generator seeded with seed */
static bool
compute(const OutlookSpec *spec, const OutlookInput *in, uint64_t seed, Buffers *b,
		OutlookResult *r, DpError *err)
{
	UnitSplitMix g = {seed};
	RndStream	u;

	rnd_init(&u, unit_splitmix_fill, &g);
	r->forecast = b->forecast;
	r->closing = b->closing;
	return outlook_compute(spec, in, b->work, b->flags, &u, &counting, r, err);
}

/* A stockpile under test: 24 months of history (the test fills it) and of supply, its input, work space and result. */
typedef struct Case
{
	double		hist[24],
				supply[24];
	OutlookInput in;
	Buffers		b;
	OutlookResult r;
	DpError		err;
} Case;

/* Starts a case: the input from month m of year y, no supply, work space for spec, no callback calls yet. */
static void
case_start(Case *c, const OutlookSpec *spec, int y, int m, double on_hand, double target)
{
	memset(c->supply, 0, sizeof(c->supply));
	c->in = input_at(y, m, on_hand, target, c->hist, c->supply);
	buffers_init(&c->b, spec);
	callback_calls = 0;
}

/* compute on a case */
static bool
case_compute(Case *c, const OutlookSpec *spec, uint64_t seed)
{
	return compute(spec, &c->in, seed, &c->b, &c->r, &c->err);
}

TEST(spec_checks)
{
	DpError		err;
	OutlookSpec s = SPEC;

	CHECK(outlook_check_spec(&s, &err));
	s.history_n = 0;
	CHECK(!outlook_check_spec(&s, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "history_periods must be at least 1");
	s = SPEC;
	s.horizon = 0;
	CHECK(!outlook_check_spec(&s, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "horizon must be at least 1");
	s = SPEC;
	s.risk_periods = 25;
	CHECK(!outlook_check_spec(&s, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "risk_periods must be between 0 and horizon");
	CHECK_STR(err.detail, "risk_periods is 25 and horizon 24.");
	s = SPEC;
	s.trials = 0;
	CHECK(!outlook_check_spec(&s, &err) && err.code == DP_ERR_ARG);
	s.trials = STOCK_SIM_MAX_TRIALS + 1;
	CHECK(!outlook_check_spec(&s, &err) && err.code == DP_ERR_LIMIT);
}

/*
 * A constant use of 10 a month: every method fits it without error, so
 * auto keeps the first candidate (ses), the forecast is 10 a month, and
 * with 100 on hand and no deliveries the stock runs out at the end of the
 * 10th month.
 */
TEST(constant_use_by_hand)
{
	Case		c;

	for (int i = 0; i < 24; i++)
		c.hist[i] = 10;
	case_start(&c, &SPEC, 2025, 1, 100, 150);
	CHECK(case_compute(&c, &SPEC, 1));
	CHECK(c.r.model.method == FC_SES);
	CHECK_DBL(c.r.model.rmse, 0);
	CHECK(c.r.demand_class == FC_SMOOTH);
	for (int i = 0; i < 24; i++)
	{
		CHECK_CLOSE(c.r.forecast[i], 10, 1e-12);
		CHECK_CLOSE(c.r.closing[i], 100 - 10 * (i + 1), 1e-11);
	}
	CHECK_CLOSE(c.r.mean_demand, 10, 1e-12);
	CHECK_DBL(c.r.mean_supply, 0);
	/* closing 0 at the end of October 2025: its last day */
	CHECK(c.r.depletion_found && c.r.depletion_day == cal_from_ymd(2025, 10, 31));
	/* below target from the start, never back without deliveries */
	CHECK(!c.r.replenish_found);
	/* 100 units at 10 a month: January to October 2025, 31+28+31+30+31+30+31+31+30+31 days */
	CHECK(!c.r.days_isnull);
	CHECK_CLOSE(c.r.days_of_supply, 304, 1e-9);
	/* 6 months use 60 < 100 with sd 0: no trial can run out, nothing drawn */
	CHECK(!c.r.risk_isnull && !c.r.risk_simulated);
	CHECK_DBL(c.r.stockout_risk, 0);

	/* 35 on hand: the 4th month ends at -5 in every trial */
	c.in.on_hand = 35;
	CHECK(case_compute(&c, &SPEC, 1));
	CHECK(!c.r.risk_simulated);
	CHECK_DBL(c.r.stockout_risk, 1);
	/* 35 units: 3.5 months, January to March (90 days) and half of April's 30 */
	CHECK_CLOSE(c.r.days_of_supply, 105, 1e-9);
	/* at the end of April 4: 5 - 10 * 4 / 30 < 0 <= 5 - 10 * 3 / 30... day 15 is the first <= 0 */
	CHECK(c.r.depletion_found && c.r.depletion_day == cal_from_ymd(2025, 4, 15));

	/* a delivery of 200 in month 6 brings 35 back above the target of 150 */
	c.supply[5] = 200;
	CHECK(case_compute(&c, &SPEC, 1));
	/* June opens at 35 - 50 = -15 and closes at -15 + 190 = 175; >= 150 from day d with -15 + 190 d / 30 >= 150: d = 26.05.., so June 27 */
	CHECK(c.r.replenish_found && c.r.replenish_day == cal_from_ymd(2025, 6, 27));
	CHECK_CLOSE(c.r.mean_supply, 200.0 / 24, 1e-15);
	buffers_free(&c.b);
}

/* The composition the one-pass result must equal: each figure from its own core function. */
static void
check_against_composition(const OutlookSpec *spec, const OutlookInput *in, uint64_t seed,
						  const OutlookResult *r, int *simulated, int *decided)
{
	FcSeries	s = {in->history, spec->history_n, in->period, in->first - spec->history_n};
	FcParams	none;
	FcModel		m;
	double	   *work = malloc(sizeof(double) * fc_work_len(spec->history_n));
	double		fc[64],
				sd[64];
	StockRow	rows[64];
	int64_t		day;
	bool		found,
				isnull;
	double		days;
	DpError		err;
	FcDemandClass cls;

	memset(&none, 0, sizeof(none));
	/* dp.forecast(history, horizon) by auto, clipped at 0 as the outlook clips it */
	CHECK(fc_fit(&s, FC_AUTO, &none, spec->horizon, work, NULL, &m, &err));
	fc_forecast(&m, fc, spec->horizon);
	cv_clamp(fc, fc, spec->horizon, 0.0, 1.7976931348623157e308);
	CHECK(m.method == r->model.method);
	CHECK(memcmp(&m.rmse, &r->model.rmse, sizeof(double)) == 0);
	CHECK(fc_demand_class(&s, &cls, &err) && cls == r->demand_class);
	for (int i = 0; i < spec->horizon; i++)
		CHECK_DBL(r->forecast[i], fc[i]);
	CHECK(stock_project(in->on_hand, in->supply, fc, spec->horizon, true, rows, &err));
	for (int i = 0; i < spec->horizon; i++)
		CHECK_DBL(r->closing[i], rows[i].closing);
	CHECK(stock_depletion_day(in->on_hand, in->period, in->first, in->supply, fc, spec->horizon, 0,
							  &day, &found, &err));
	CHECK(found == r->depletion_found && (!found || day == r->depletion_day));
	if (in->has_target)
	{
		CHECK(stock_replenish_day(in->on_hand, in->period, in->first, in->supply, fc, spec->horizon,
								  in->target, true, &day, &found, &err));
		CHECK(found == r->replenish_found && (!found || day == r->replenish_day));
	}
	CHECK(stock_days_of_supply(in->on_hand, in->period, in->first, fc, spec->horizon, &days, &isnull, &err));
	CHECK(isnull == r->days_isnull && (isnull || days == r->days_of_supply));

	/* dp.simulate_stock's p_stockout_by after the risk periods, always simulated */
	for (int i = 0; i < spec->risk_periods; i++)
		sd[i] = isnan(m.rmse) ? 0 : m.rmse;
	{
		StockSim	sim;
		UnitSplitMix g = {seed};
		RndStream	u;

		sim.trials = spec->trials;
		sim.backorder = true;
		sim.dist = STOCK_NORMAL;
		sim.stock = malloc(sizeof(double) * spec->trials);
		sim.scratch = NULL;
		sim.hit = malloc(spec->trials);
		rnd_init(&u, unit_splitmix_fill, &g);
		stock_sim_start(&sim, in->on_hand);
		for (int i = 0; i < spec->risk_periods; i++)
		{
			StockDraw	draw;
			int64_t		outs = 0;

			stock_draw_prepare(&draw, STOCK_NORMAL, fc[i], sd[i]);
			CHECK(stock_sim_step(&sim, 0, spec->trials, in->supply[i], &draw, &u, &outs, &err));
		}
		CHECK_DBL(r->stockout_risk, (double) sim.hits_ever / spec->trials);
		free(sim.stock);
		free(sim.hit);
	}
	if (r->risk_simulated)
		(*simulated)++;
	else
		(*decided)++;
	free(work);
}

/*
 * Random stockpiles of every kind (smooth, intermittent, none; stock from
 * nothing to plenty; supply or not): the one-pass result equals the
 * composition, and both ways of finding the risk (bounds, simulation) occur.
 */
TEST(one_pass_equals_composition)
{
	UnitSplitMix g = {42};
	OutlookSpec spec = SPEC;
	Buffers		b;
	int			simulated = 0,
				decided = 0,
				zero = 0,
				one = 0;

	spec.trials = 500;
	buffers_init(&b, &spec);
	for (int t = 0; t < UNIT_CASES(300); t++)
	{
		double		hist[24],
					supply[24],
					u[4];
		OutlookInput in;
		OutlookResult r;
		DpError		err;
		int			kind = t % 3;
		double		base = 1 + 100 * (double) (unit_splitmix_next(&g) >> 11) * 0x1.0p-53;

		for (int i = 0; i < 24; i++)
		{
			unit_splitmix_fill(&g, u, 4);
			hist[i] = kind == 0 ? round(base * (0.5 + u[0])) : kind == 1 ? (u[0] < 0.3 ? round(base * 3 * u[1]) : 0) : 0;
			supply[i] = u[2] < 0.3 ? round(base * 2 * u[3]) : 0;
		}
		unit_splitmix_fill(&g, u, 2);
		in = input_at(2025, 7, round(base * 12 * u[0] * u[0]), u[1] < 0.8 ? base * 10 : NAN, hist, supply);
		CHECK(compute(&spec, &in, (uint64_t) t, &b, &r, &err));
		check_against_composition(&spec, &in, (uint64_t) t, &r, &simulated, &decided);
		zero += r.stockout_risk == 0;
		one += r.stockout_risk == 1;
	}
	CHECK(simulated > UNIT_CASES(20));
	CHECK(decided > UNIT_CASES(20));
	CHECK(zero > 0 && one > 0);
	buffers_free(&b);
}

/* Uniforms that are all the largest one, 1 - 2^-52, or all 0. */
static void
fill_largest(void *ctx, double *buf, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		buf[i] = *(double *) ctx;
}

/*
 * The bound the risk relies on: Box-Muller's largest radius comes from the
 * largest uniform, 1 - 2^-52 (r = sqrt(104 ln 2) = 8.4904...); with u2 = 1 -
 * 2^-52 too, cos(2 pi u2) is 1 to double precision.
 */
TEST(normal_deviates_are_bounded)
{
	double		largest = 1 - 0x1.0p-52;
	RndStream	u;
	double		z;

	rnd_init(&u, fill_largest, &largest);
	z = rnd_normal(&u);
	CHECK(z > 8.49 && z < OUTLOOK_Z_BOUND);
	CHECK_CLOSE(z, sqrt(104 * log(2.0)), 1e-12);
	z = rnd_normal(&u);			/* the spare: r sin(2 pi u2), tiny */
	CHECK(fabs(z) < OUTLOOK_Z_BOUND);
}

/*
 * At the edge: lowering the stock on hand step by step, the first stock
 * whose simulated risk (100000 trials) is above 0 lies about 4 sd above the
 * demand; the one-pass result must simulate there too (a bound tighter than
 * the generator's largest deviate would wrongly report 0) and agree.
 */
TEST(risk_at_the_edge)
{
	OutlookSpec spec = {24, 24, 1, 100000};
	Case		c;
	int			simulated = 0,
				decided = 0;
	bool		seen = false;

	for (int i = 0; i < 24; i++)
		c.hist[i] = 100 + (i % 2 ? 10 : -10);
	case_start(&c, &spec, 2025, 7, 0, NAN);
	for (double oh = 300; oh > 0 && !seen; oh -= 1)
	{
		c.in.on_hand = oh;
		CHECK(case_compute(&c, &spec, 3));
		check_against_composition(&spec, &c.in, 3, &c.r, &simulated, &decided);
		if (c.r.stockout_risk > 0)
		{
			seen = true;
			CHECK(c.r.risk_simulated);
			CHECK(c.r.stockout_risk < 0.001);
			/* the shortfall is rare: the stock is more than 3.5 forecast errors above the forecast */
			CHECK(oh - c.r.forecast[0] > 3.5 * c.r.model.rmse);
		}
	}
	CHECK(seen && decided > 0);
	buffers_free(&c.b);
}

/* A simulated risk calls the interrupt callback; bad inputs fail as the stockpile functions do. */
TEST(callbacks_and_errors)
{
	Case		c;

	for (int i = 0; i < 24; i++)
		c.hist[i] = i % 2 ? 20 : 0;
	case_start(&c, &SPEC, 2025, 7, 40, NAN);
	CHECK(case_compute(&c, &SPEC, 7));
	CHECK(c.r.risk_simulated && callback_calls >= SPEC.risk_periods);
	CHECK(c.r.stockout_risk > 0 && c.r.stockout_risk < 1);
	CHECK(!c.r.replenish_found);
	/* the passes over the horizon check too: six ticks with the risk decided by bounds */
	c.in.on_hand = 1e9;
	callback_calls = 0;
	CHECK(case_compute(&c, &SPEC, 7));
	CHECK(!c.r.risk_simulated && c.r.stockout_risk == 0);
	CHECK(callback_calls >= 6);

	c.in.on_hand = -1;
	CHECK(!case_compute(&c, &SPEC, 7) && c.err.code == DP_ERR_ARG);
	CHECK_STR(c.err.msg, "on_hand must not be negative");
	c.in.on_hand = 1;
	c.supply[3] = -2;
	CHECK(!case_compute(&c, &SPEC, 7) && c.err.code == DP_ERR_ARG);
	CHECK_STR(c.err.msg, "supply must not be negative");
	CHECK_STR(c.err.detail, "The period starting 2025-10-01 has -2.");
	c.supply[3] = 0;
	c.hist[5] = -3;
	CHECK(!case_compute(&c, &SPEC, 7) && c.err.code == DP_ERR_ARG);
	buffers_free(&c.b);
}

int
main(void)
{
	RUN(spec_checks);
	RUN(constant_use_by_hand);
	RUN(one_pass_equals_composition);
	RUN(risk_at_the_edge);
	RUN(normal_deviates_are_bounded);
	RUN(callbacks_and_errors);
	return DONE();
}
