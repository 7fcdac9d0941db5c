/*
 * stockpile.c: fmgr glue of the stockpile functions: stock_projection,
 * depletion_date, replenish_date, days_of_supply, stockout_probability,
 * simulate_stock, safety_stock and reorder_point.  The numerics live in
 * core/stockpile_core.c; this file detoasts, aligns the vectors on one
 * calendar span, validates, calls the core and wraps the result.
 */
#include "dp.h"

#include "common/pg_prng.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "core/stockpile_core.h"

/* A calendar span shared by several vectors of one period kind. */
typedef struct StockSpan
{
	DpPeriod	p;
	int64		first;
	int32		n;
} StockSpan;

/* Span covering k vectors (periods must agree: 22023 naming dp.resample). */
static void
span_of(CapVec **v, int k, StockSpan *s)
{
	int64		r0 = capvec_first(v[0]),
				rn = v[0]->n;
	DpError		err;

	for (int i = 1; i < k; i++)
	{
		capvec_check_same_period(v[0], v[i]);
		capvec_span_union(r0, (int32) rn, capvec_first(v[i]), v[i]->n, &r0, &rn);
	}
	if (!capvec_check_span((DpPeriod) v[0]->period, r0, rn, &err))
		dp_raise(&err);
	s->p = (DpPeriod) v[0]->period;
	s->first = r0;
	s->n = (int32) rn;
}

/* A vector's values on the span: its own array when it covers the span, else a zero-padded copy. */
static const double *
laid_out(const CapVec *v, const StockSpan *s)
{
	double	   *buf;

	if (v->n == s->n && (v->n == 0 || capvec_first(v) == s->first))
		return v->values;
	buf = (double *) palloc0(sizeof(double) * (s->n > 0 ? s->n : 1));
	if (v->n > 0)
		capvec_place(buf, s->first, v);
	return buf;
}

/*
 * on_hand and the quantities of the vectors must not be negative (22023);
 * returns on_hand with -0 made 0, so no result prints as -0.
 */
static double
check_inputs(double on_hand, CapVec **v, const char **names, int k)
{
	DpError		err;

	if (!stock_check_on_hand(on_hand, &err))
		dp_raise(&err);
	for (int i = 0; i < k; i++)
		if (!stock_check_nonnegative(names[i], (DpPeriod) v[i]->period, capvec_first(v[i]),
									 v[i]->values, v[i]->n, &err))
			dp_raise(&err);
	return on_hand + 0.0;
}

/*
 * Shared set-up of the functions over (on_hand, supply, demand): checks,
 * the span and the laid-out values.
 */
static double
supply_demand(double on_hand, CapVec *supply, CapVec *demand, StockSpan *s,
			  const double **sv, const double **dv)
{
	CapVec	   *v[2] = {supply, demand};
	const char *names[2] = {"supply", "demand"};

	on_hand = check_inputs(on_hand, v, names, 2);
	span_of(v, 2, s);
	*sv = laid_out(supply, s);
	*dv = laid_out(demand, s);
	return on_hand;
}

/* dp.stock_projection: one row per period; non-strict so target may be NULL. */
PG_FUNCTION_INFO_V1(dp_stock_projection);
Datum
dp_stock_projection(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	double		on_hand,
				target = 0;
	bool		has_target = !PG_ARGISNULL(3);
	bool		backorder;
	CapVec	   *supply,
			   *demand;
	StockSpan	s;
	const double *sv,
			   *dv;
	StockRow   *rows;
	DpError		err;

	InitMaterializedSRF(fcinfo, 0);
	/* a NULL on_hand, vector or backorder flag gives no rows, as a strict function would */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(4))
		return (Datum) 0;
	on_hand = PG_GETARG_FLOAT8(0);
	supply = PG_GETARG_CAPVEC_P(1);
	demand = PG_GETARG_CAPVEC_P(2);
	backorder = PG_GETARG_BOOL(4);
	if (has_target)
		target = dp_finite_arg(PG_GETARG_FLOAT8(3), "target");
	on_hand = supply_demand(on_hand, supply, demand, &s, &sv, &dv);

	rows = (StockRow *) palloc(sizeof(StockRow) * (s.n > 0 ? s.n : 1));
	if (!stock_project(on_hand, sv, dv, s.n, backorder, rows, &err))
		dp_raise(&err);
	for (int32 i = 0; i < s.n; i++)
	{
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, !has_target};

		values[0] = DateADTGetDatum((DateADT) cal_index_start(s.p, s.first + i));
		values[1] = Float8GetDatum(rows[i].opening);
		values[2] = Float8GetDatum(rows[i].supplied);
		values[3] = Float8GetDatum(rows[i].demanded);
		values[4] = Float8GetDatum(rows[i].closing);
		values[5] = Float8GetDatum(rows[i].shortfall);
		values[6] = BoolGetDatum(has_target && rows[i].closing < target);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	return (Datum) 0;
}

/* dp.depletion_date: the first day at whose end the stock is at or below threshold. */
PG_FUNCTION_INFO_V1(dp_depletion_date);
Datum
dp_depletion_date(PG_FUNCTION_ARGS)
{
	double		on_hand = PG_GETARG_FLOAT8(0);
	double		threshold = dp_finite_arg(PG_GETARG_FLOAT8(3), "threshold");
	StockSpan	s;
	const double *sv,
			   *dv;
	int64		day;
	bool		found;
	DpError		err;

	on_hand = supply_demand(on_hand, PG_GETARG_CAPVEC_P(1), PG_GETARG_CAPVEC_P(2), &s, &sv, &dv);
	if (!stock_depletion_day(on_hand, s.p, s.first, sv, dv, s.n, threshold, &day, &found, &err))
		dp_raise(&err);
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT((DateADT) day);
}

/* dp.replenish_date: the first day, after falling below target, at whose end the stock is back. */
PG_FUNCTION_INFO_V1(dp_replenish_date);
Datum
dp_replenish_date(PG_FUNCTION_ARGS)
{
	double		on_hand = PG_GETARG_FLOAT8(0);
	double		target = dp_finite_arg(PG_GETARG_FLOAT8(3), "target");
	bool		backorder = PG_GETARG_BOOL(4);
	StockSpan	s;
	const double *sv,
			   *dv;
	int64		day;
	bool		found;
	DpError		err;

	on_hand = supply_demand(on_hand, PG_GETARG_CAPVEC_P(1), PG_GETARG_CAPVEC_P(2), &s, &sv, &dv);
	if (!stock_replenish_day(on_hand, s.p, s.first, sv, dv, s.n, target, backorder, &day,
							 &found, &err))
		dp_raise(&err);
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT((DateADT) day);
}

/* dp.days_of_supply: fractional days until demand alone uses on_hand up. */
PG_FUNCTION_INFO_V1(dp_days_of_supply);
Datum
dp_days_of_supply(PG_FUNCTION_ARGS)
{
	double		on_hand = PG_GETARG_FLOAT8(0);
	CapVec	   *demand = PG_GETARG_CAPVEC_P(1);
	const char *name = "demand";
	double		days;
	bool		isnull;
	DpError		err;

	on_hand = check_inputs(on_hand, &demand, &name, 1);
	if (!stock_days_of_supply(on_hand, (DpPeriod) demand->period, capvec_first(demand),
							  demand->values, demand->n, &days, &isnull, &err))
		dp_raise(&err);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(days);
}

/* dp.stockout_probability: analytic P(closing < 0) per period under normal demand. */
PG_FUNCTION_INFO_V1(dp_stockout_probability);
Datum
dp_stockout_probability(PG_FUNCTION_ARGS)
{
	double		on_hand = PG_GETARG_FLOAT8(0);
	CapVec	   *v[3] = {PG_GETARG_CAPVEC_P(1), PG_GETARG_CAPVEC_P(2), PG_GETARG_CAPVEC_P(3)};
	const char *names[3] = {"supply", "demand_mean", "demand_sd"};
	StockSpan	s;
	CapVec	   *r;
	DpError		err;

	on_hand = check_inputs(on_hand, v, names, 3);
	span_of(v, 3, &s);
	r = capvec_new(s.p, s.first, s.n);
	if (!stock_stockout_probability(on_hand, laid_out(v[0], &s), laid_out(v[1], &s),
									laid_out(v[2], &s), s.n, r->values, &err))
		dp_raise(&err);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

/*
 * Fill a chunk of uniforms from PostgreSQL's generator (xoroshiro128**):
 * exactly pg_prng_double's values, ldexp((double) (v >> 12), -52), computed
 * here as a multiplication by 2^-52 (exact) to spare the ldexp call.
 */
static void
pg_uniform_fill(void *ctx, double *buf, int32_t n)
{
	pg_prng_state *state = (pg_prng_state *) ctx;

	for (int32_t i = 0; i < n; i++)
		buf[i] = (double) (pg_prng_uint64(state) >> 12) * 0x1.0p-52;
}

/* trials advanced between two CHECK_FOR_INTERRUPTS */
#define SIM_CHUNK 65536

/*
 * dp.simulate_stock: Monte Carlo of the closing stock, period by period over
 * all trials (memory O(trials)); quantiles by selection; seeded pg_prng.
 */
PG_FUNCTION_INFO_V1(dp_simulate_stock);
Datum
dp_simulate_stock(PG_FUNCTION_ARGS)
{
	static const double probs[3] = {0.05, 0.5, 0.95};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	double		on_hand = PG_GETARG_FLOAT8(0);
	CapVec	   *v[3] = {PG_GETARG_CAPVEC_P(1), PG_GETARG_CAPVEC_P(2), PG_GETARG_CAPVEC_P(3)};
	const char *names[3] = {"supply", "demand_mean", "demand_sd"};
	int32		trials = PG_GETARG_INT32(4);
	int64		seed = PG_GETARG_INT64(5);
	text	   *dist_name = PG_GETARG_TEXT_PP(6);
	bool		backorder = PG_GETARG_BOOL(7);
	StockDist	dist;
	StockSpan	s;
	const double *sv,
			   *mv,
			   *sdv;
	StockSim	sim;
	pg_prng_state state;
	DpUniform  *u;
	DpError		err;

	on_hand = check_inputs(on_hand, v, names, 3);
	if (!stock_sim_check_trials(trials, &err) ||
		!stock_dist_lookup(VARDATA_ANY(dist_name), VARSIZE_ANY_EXHDR(dist_name), &dist, &err))
		dp_raise(&err);
	span_of(v, 3, &s);
	sv = laid_out(v[0], &s);
	mv = laid_out(v[1], &s);
	sdv = laid_out(v[2], &s);
	if (!stock_sim_check_inputs(dist, s.p, s.first, mv, sdv, s.n, &err))
		dp_raise(&err);

	InitMaterializedSRF(fcinfo, 0);
	if (s.n == 0)
		return (Datum) 0;

	/* all state in this call's memory context: an error or cancel frees it */
	sim.trials = trials;
	sim.backorder = backorder;
	sim.dist = dist;
	sim.stock = (double *) palloc(sizeof(double) * trials);
	sim.scratch = (double *) palloc(sizeof(double) * trials);
	sim.hit = (unsigned char *) palloc(trials);
	u = (DpUniform *) palloc(sizeof(DpUniform));
	pg_prng_seed(&state, (uint64) seed);
	dp_uniform_init(u, pg_uniform_fill, &state);
	stock_sim_start(&sim, on_hand);

	for (int32 i = 0; i < s.n; i++)
	{
		StockDraw	draw;
		int64		stockouts = 0;
		double		q[3];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		stock_draw_prepare(&draw, dist, mv[i], sdv[i]);
		for (int32 from = 0; from < trials; from += SIM_CHUNK)
		{
			int32		to = trials - from > SIM_CHUNK ? from + SIM_CHUNK : trials;

			if (!stock_sim_step(&sim, from, to, sv[i], &draw, u, &stockouts, &err))
				dp_raise(&err);
			CHECK_FOR_INTERRUPTS();
		}
		stock_sim_quantiles(&sim, probs, 3, q);
		values[0] = DateADTGetDatum((DateADT) cal_index_start(s.p, s.first + i));
		values[1] = Float8GetDatum(q[0]);
		values[2] = Float8GetDatum(q[1]);
		values[3] = Float8GetDatum(q[2]);
		values[4] = Float8GetDatum((double) stockouts / trials);
		values[5] = Float8GetDatum((double) sim.hits_ever / trials);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	pfree(sim.stock);
	pfree(sim.scratch);
	pfree(sim.hit);
	pfree(u);
	return (Datum) 0;
}

/* dp.safety_stock: z sqrt(L sd^2 + mu^2 sdL^2). */
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

/* dp.reorder_point: mu L + safety stock. */
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
