/*
 * stockpile.c: fmgr glue of the stockpile functions: stock_projection,
 * depletion_date, replenish_date, days_of_supply, stockout_probability,
 * simulate_stock, safety_stock and reorder_point.  The numerics live in
 * core/stockpile_core.c (variates in core/random.c); this file detoasts,
 * validates, aligns the vectors on one calendar span (a CapVecSet), calls
 * the core and wraps the result.
 */
#include "dp.h"

#include "funcapi.h"
#include "utils/builtins.h"

#include "core/stockpile_core.h"

/*
 * on_hand and the quantities of the vectors must not be negative (22023);
 * returns on_hand with -0 made 0, so no result prints as -0.
 */
static double
check_inputs(double on_hand, CapVec **v, const char *const *names, int k, DpWhere where)
{
	DpError		err;

	if (!stock_check_on_hand(on_hand, &err))
		dp_raise_at(&err, where);
	for (int i = 0; i < k; i++)
		if (!stock_check_nonnegative(names[i], (DpPeriod) v[i]->period, capvec_first(v[i]),
									 v[i]->values, v[i]->n, &err))
			dp_raise_at(&err, where);
	return on_hand + 0.0;
}

/*
 * The checked vector arguments of a stockpile function (names[] in
 * messages), aligned on their span in *s; returns on_hand as check_inputs.
 */
static double
checked_args(double on_hand, CapVec **v, const char *const *names, int k, CapVecSet *s,
		   DpWhere where)
{
	on_hand = check_inputs(on_hand, v, names, k, where);
	capvec_set_at(s, k, v, names, NULL, NULL, NULL, where);
	return on_hand;
}

static const char *const supply_demand[2] = {"supply", "demand"};
static const char *const supply_mean_sd[3] = {"supply", "demand_mean", "demand_sd"};

/*
 * The stockpile functions over vectors are not strict: their NULL result
 * (or no rows) means "not within the span", so a NULL argument is 22004
 * naming it rather than an answer that reads as "never runs out".  The
 * argument names of each function, NULL where NULL is allowed.
 */
#define NULL_HINT "Give 0 for no stock and an empty vector such as 'month 2024-01-01 []' for no supply or demand."
static const char *const projection_args[] = {"on_hand", "supply", "demand", NULL, "backorder"};
static const char *const depletion_args[] = {"on_hand", "supply", "demand", "threshold"};
static const char *const replenish_args[] = {"on_hand", "supply", "demand", "target", "backorder"};
static const char *const days_args[] = {"on_hand", "demand"};
static const char *const probability_args[] = {"on_hand", "supply", "demand_mean", "demand_sd"};
static const char *const simulate_args[] = {"on_hand", "supply", "demand_mean", "demand_sd",
"trials", "seed", "distribution", "backorder"};

/*
 * The arguments (on_hand, supply, demand, level, ...) of the functions
 * over supply and demand, checked in order: none NULL where names[] says
 * so (22004), level (argument 3, named level_name) finite unless NULL (then
 * 0), then on_hand and the vectors (check_inputs), aligned in *s; returns
 * on_hand as check_inputs does.
 */
static double
supply_demand_args(FunctionCallInfo fcinfo, const char *const *names, int nargs,
				   const char *level_name, double *level, CapVecSet *s, DpWhere where)
{
	CapVec	   *v[2];

	dp_require_args_at(fcinfo, names, nargs, NULL_HINT, where);
	v[0] = PG_GETARG_CAPVEC_P(1);
	v[1] = PG_GETARG_CAPVEC_P(2);
	*level = PG_ARGISNULL(3) ? 0 : dp_finite_arg_at(PG_GETARG_FLOAT8(3), level_name, where);
	return checked_args(PG_GETARG_FLOAT8(0), v, supply_demand, 2, s, where);
}

/* Columns of dp.stock_projection: period_start, opening, supplied, demanded, closing, shortfall, below_target. */
#define PROJECTION_COLUMNS 7

/* dp.stock_projection: one row per period (stock_project); target may be NULL. */
PG_FUNCTION_INFO_V1(dp_stock_projection);
Datum
dp_stock_projection(PG_FUNCTION_ARGS)
{
	double		on_hand,
				target;
	bool		has_target = !PG_ARGISNULL(3);
	CapVecSet	s;
	StockRow   *rows;
	DpError		err;

	on_hand = supply_demand_args(fcinfo, projection_args, lengthof(projection_args), "target",
								 &target, &s, DP_HERE);
	InitMaterializedSRF(fcinfo, 0);
	rows = (StockRow *) palloc(sizeof(StockRow) * (s.span_n > 0 ? s.span_n : 1));
	if (!stock_project(on_hand, capvec_set_values(&s, 0), capvec_set_values(&s, 1), s.span_n,
					   PG_GETARG_BOOL(4), rows, &err))
		dp_raise(&err);
	for (int32 i = 0; i < s.span_n; i++)
	{
		Datum		values[PROJECTION_COLUMNS];
		bool		nulls[PROJECTION_COLUMNS] = {false};

		values[0] = dp_period_start_datum(s.period, s.span_first + i);
		values[1] = Float8GetDatum(rows[i].opening);
		values[2] = Float8GetDatum(rows[i].supplied);
		values[3] = Float8GetDatum(rows[i].demanded);
		values[4] = Float8GetDatum(rows[i].closing);
		values[5] = Float8GetDatum(rows[i].shortfall);
		values[6] = BoolGetDatum(has_target && rows[i].closing < target);
		nulls[6] = !has_target;
		dp_put_row(fcinfo, values, nulls, i);
	}
	return (Datum) 0;
}

/* dp.depletion_date: the first day at whose end the stock is at or below threshold (stock_depletion_day). */
PG_FUNCTION_INFO_V1(dp_depletion_date);
Datum
dp_depletion_date(PG_FUNCTION_ARGS)
{
	double		on_hand,
				threshold;
	CapVecSet	s;
	int64		day;
	bool		found;
	DpError		err;

	on_hand = supply_demand_args(fcinfo, depletion_args, lengthof(depletion_args), "threshold",
								 &threshold, &s, DP_HERE);
	if (!stock_depletion_day(on_hand, s.period, s.span_first, capvec_set_values(&s, 0),
							 capvec_set_values(&s, 1), s.span_n, threshold, &day, &found, &err))
		dp_raise(&err);
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT((DateADT) day);
}

/* dp.replenish_date: the first day, after falling below target, at whose end the stock is back (stock_replenish_day). */
PG_FUNCTION_INFO_V1(dp_replenish_date);
Datum
dp_replenish_date(PG_FUNCTION_ARGS)
{
	double		on_hand,
				target;
	CapVecSet	s;
	int64		day;
	bool		found;
	DpError		err;

	on_hand = supply_demand_args(fcinfo, replenish_args, lengthof(replenish_args), "target",
								 &target, &s, DP_HERE);
	if (!stock_replenish_day(on_hand, s.period, s.span_first, capvec_set_values(&s, 0),
							 capvec_set_values(&s, 1), s.span_n, target, PG_GETARG_BOOL(4), &day,
							 &found, &err))
		dp_raise(&err);
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT((DateADT) day);
}

/* dp.days_of_supply: fractional days until demand alone uses on_hand up (stock_days_of_supply). */
PG_FUNCTION_INFO_V1(dp_days_of_supply);
Datum
dp_days_of_supply(PG_FUNCTION_ARGS)
{
	double		on_hand;
	CapVec	   *demand;
	double		days;
	bool		isnull;
	DpError		err;

	dp_require_args(fcinfo, days_args, lengthof(days_args), NULL_HINT);
	on_hand = PG_GETARG_FLOAT8(0);
	demand = PG_GETARG_CAPVEC_P(1);
	on_hand = check_inputs(on_hand, &demand, supply_demand + 1, 1, DP_HERE);
	if (!stock_days_of_supply(on_hand, (DpPeriod) demand->period, capvec_first(demand),
							  demand->values, demand->n, &days, &isnull, &err))
		dp_raise(&err);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(days);
}

/*
 * demand_sd given as one number: a vector of demand_mean's shape holding it
 * in every period (it must be finite and not negative).
 */
static CapVec *
sd_vector(const CapVec *demand_mean, double sd, DpWhere where)
{
	CapVec	   *v;
	DpError		err;

	if (!stock_check_scalar("demand_sd", sd, &err))
		dp_raise_at(&err, where);
	v = capvec_same_shape(demand_mean);
	for (int32 i = 0; i < v->n; i++)
		v->values[i] = sd + 0.0;
	return v;
}

/* P(closing < 0) per period under normal demand (stock_stockout_probability); where: the entry point. */
static Datum
stockout_probability(double on_hand, CapVec *supply, CapVec *mean, CapVec *sd, DpWhere where)
{
	CapVec	   *v[3] = {supply, mean, sd};
	CapVecSet	s;
	CapVec	   *r;
	DpError		err;

	on_hand = checked_args(on_hand, v, supply_mean_sd, 3, &s, where);
	r = capvec_new_at(s.period, s.span_first, s.span_n, where);
	if (!stock_stockout_probability(on_hand, capvec_set_values(&s, 0), capvec_set_values(&s, 1),
									capvec_set_values(&s, 2), s.span_n, r->values, &err))
		dp_raise_at(&err, where);
	PG_RETURN_CAPVEC_P(capvec_finish_at(r, where));
}

/* dp.stockout_probability(on_hand, supply, demand_mean, demand_sd capvec) */
PG_FUNCTION_INFO_V1(dp_stockout_probability);
Datum
dp_stockout_probability(PG_FUNCTION_ARGS)
{
	dp_require_args(fcinfo, probability_args, lengthof(probability_args), NULL_HINT);
	return stockout_probability(PG_GETARG_FLOAT8(0), PG_GETARG_CAPVEC_P(1), PG_GETARG_CAPVEC_P(2),
								PG_GETARG_CAPVEC_P(3), DP_HERE);
}

/* dp.stockout_probability(on_hand, supply, demand_mean, demand_sd float8): one sd for every period of demand_mean */
PG_FUNCTION_INFO_V1(dp_stockout_probability_scalar_sd);
Datum
dp_stockout_probability_scalar_sd(PG_FUNCTION_ARGS)
{
	CapVec	   *mean;

	dp_require_args(fcinfo, probability_args, lengthof(probability_args), NULL_HINT);
	mean = PG_GETARG_CAPVEC_P(2);

	return stockout_probability(PG_GETARG_FLOAT8(0), PG_GETARG_CAPVEC_P(1), mean,
								sd_vector(mean, PG_GETARG_FLOAT8(3), DP_HERE), DP_HERE);
}

/* trials advanced between two CHECK_FOR_INTERRUPTS */
#define SIM_CHUNK DP_INTERRUPT_EVERY
/* the quantiles dp.simulate_stock reports: p05, p50, p95 */
#define SIM_QUANTILES 3
/* its columns: period_start, the quantiles, p_stockout, p_stockout_by */
#define SIM_COLUMNS (SIM_QUANTILES + 3)

/*
 * dp.simulate_stock: Monte Carlo of the closing stock, period by period over
 * all trials (memory O(trials); stock_sim_step); quantiles by selection
 * (stock_sim_quantiles); seeded pg_prng.  sd: the demand_sd vector; where:
 * the entry point.
 */
static Datum
simulate_stock(FunctionCallInfo fcinfo, CapVec *sd, DpWhere where)
{
	static const double probs[SIM_QUANTILES] = {0.05, 0.5, 0.95};
	double		on_hand = PG_GETARG_FLOAT8(0);
	CapVec	   *v[3] = {PG_GETARG_CAPVEC_P(1), PG_GETARG_CAPVEC_P(2), sd};
	int32		trials = PG_GETARG_INT32(4);
	int64		seed = PG_GETARG_INT64(5);
	text	   *dist_name = PG_GETARG_TEXT_PP(6);
	bool		backorder = PG_GETARG_BOOL(7);
	StockDist	dist;
	CapVecSet	s;
	const double *sv,
			   *mv,
			   *sdv;
	StockSim	sim;
	pg_prng_state state;
	RndStream  *u;
	DpError		err;

	on_hand = check_inputs(on_hand, v, supply_mean_sd, 3, where);
	if (!stock_sim_check_trials(trials, &err) ||
		!stock_dist_lookup(VARDATA_ANY(dist_name), VARSIZE_ANY_EXHDR(dist_name), &dist, &err))
		dp_raise_at(&err, where);
	capvec_set_at(&s, 3, v, supply_mean_sd, NULL, NULL, NULL, where);
	sv = capvec_set_values(&s, 0);
	mv = capvec_set_values(&s, 1);
	sdv = capvec_set_values(&s, 2);
	if (!stock_sim_check_inputs(dist, s.period, s.span_first, mv, sdv, s.span_n, &err))
		dp_raise_at(&err, where);

	InitMaterializedSRF(fcinfo, 0);
	if (s.span_n == 0)
		return (Datum) 0;

	/* all state in this call's memory context: an error or cancel frees it */
	sim.trials = trials;
	sim.backorder = backorder;
	sim.dist = dist;
	sim.stock = (double *) palloc(sizeof(double) * trials);
	sim.scratch = (double *) palloc(sizeof(double) * trials);
	sim.hit = (unsigned char *) palloc(trials);
	sim.tick = &dp_interrupts;
	u = (RndStream *) palloc(sizeof(RndStream));
	pg_prng_seed(&state, (uint64) seed);
	rnd_init(u, dp_prng_fill, &state);
	stock_sim_start(&sim, on_hand);

	for (int32 i = 0; i < s.span_n; i++)
	{
		StockDraw	draw;
		int64		stockouts = 0;
		double		q[SIM_QUANTILES];
		Datum		values[SIM_COLUMNS];
		bool		nulls[SIM_COLUMNS] = {false};

		stock_draw_prepare(&draw, dist, mv[i], sdv[i]);
		for (int32 from = 0; from < trials; from += SIM_CHUNK)
		{
			int32		to = trials - from > SIM_CHUNK ? from + SIM_CHUNK : trials;

			if (!stock_sim_step(&sim, from, to, sv[i], &draw, u, &stockouts, &err))
				dp_raise_at(&err, where);
			CHECK_FOR_INTERRUPTS();
		}
		stock_sim_quantiles(&sim, probs, SIM_QUANTILES, q);
		values[0] = dp_period_start_datum(s.period, s.span_first + i);
		for (int k = 0; k < SIM_QUANTILES; k++)
			values[1 + k] = Float8GetDatum(q[k]);
		values[SIM_QUANTILES + 1] = Float8GetDatum((double) stockouts / trials);
		values[SIM_QUANTILES + 2] = Float8GetDatum((double) sim.hits_ever / trials);
		dp_put_row(fcinfo, values, nulls, i);
	}
	pfree(sim.stock);
	pfree(sim.scratch);
	pfree(sim.hit);
	pfree(u);
	return (Datum) 0;
}

/* dp.simulate_stock(on_hand, supply, demand_mean, demand_sd capvec, ...) */
PG_FUNCTION_INFO_V1(dp_simulate_stock);
Datum
dp_simulate_stock(PG_FUNCTION_ARGS)
{
	dp_require_args(fcinfo, simulate_args, lengthof(simulate_args), NULL_HINT);
	return simulate_stock(fcinfo, PG_GETARG_CAPVEC_P(3), DP_HERE);
}

/* dp.simulate_stock(on_hand, supply, demand_mean, demand_sd float8, ...): one sd for every period of demand_mean */
PG_FUNCTION_INFO_V1(dp_simulate_stock_scalar_sd);
Datum
dp_simulate_stock_scalar_sd(PG_FUNCTION_ARGS)
{
	dp_require_args(fcinfo, simulate_args, lengthof(simulate_args), NULL_HINT);
	return simulate_stock(fcinfo, sd_vector(PG_GETARG_CAPVEC_P(2), PG_GETARG_FLOAT8(3), DP_HERE),
						  DP_HERE);
}

/* dp.safety_stock: z sqrt(L sd^2 + mu^2 sdL^2) (stock_safety_stock). */
PG_FUNCTION_INFO_V1(dp_safety_stock);
Datum
dp_safety_stock(PG_FUNCTION_ARGS)
{
	double		out;
	DpError		err;

	if (!stock_safety_stock(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
							PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4), &out, &err))
		dp_raise(&err);
	PG_RETURN_FLOAT8(out);
}

/* dp.reorder_point: mu L + safety stock (stock_reorder_point). */
PG_FUNCTION_INFO_V1(dp_reorder_point);
Datum
dp_reorder_point(PG_FUNCTION_ARGS)
{
	double		out;
	DpError		err;

	if (!stock_reorder_point(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
							 PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4), &out, &err))
		dp_raise(&err);
	PG_RETURN_FLOAT8(out);
}
