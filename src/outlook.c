/*
 * outlook.c: fmgr glue of the outlook module: dp.outlook_row, everything
 * one stockpile's row of the materialised outlook holds, from one fit of
 * its history.  The numerics live in core/outlook_core.c.
 */
#include "dp.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "core/forecast_core.h"
#include "core/outlook_core.h"

/* Work space kept across the calls of one query (fn_extra): reused for every stockpile. */
typedef struct OutlookScratch
{
	TupleDesc	desc;			/* the blessed result row type */
	OutlookSpec spec;			/* the specification the buffers were sized for */
	double	   *work;			/* outlook_work_len(spec) */
	unsigned char *flags;		/* outlook_flag_len(spec) */
	double	   *history;		/* spec.history_n */
	double	   *supply;			/* spec.horizon */
	double	   *forecast;		/* spec.horizon */
	double	   *closing;		/* spec.horizon */
	RndStream	u;
} OutlookScratch;

/* The scratch space for a specification, made or regrown in the function's memory context. */
static OutlookScratch *
scratch_for(FunctionCallInfo fcinfo, const OutlookSpec *spec)
{
	OutlookScratch *s = (OutlookScratch *) fcinfo->flinfo->fn_extra;
	MemoryContext old;
	TupleDesc	desc;

	if (s == NULL)
	{
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		s = palloc0(sizeof(OutlookScratch));
		s->desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = s;
	}
	if (s->work == NULL || memcmp(&s->spec, spec, sizeof(OutlookSpec)) != 0)
	{
		if (s->work)
		{
			pfree(s->work);
			pfree(s->flags);
		}
		s->spec = *spec;
		s->work = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
									 sizeof(double) * (outlook_work_len(spec) + spec->history_n +
													   3 * (size_t) spec->horizon));
		s->history = s->work + outlook_work_len(spec);
		s->supply = s->history + spec->history_n;
		s->forecast = s->supply + spec->horizon;
		s->closing = s->forecast + spec->horizon;
		s->flags = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, outlook_flag_len(spec));
	}
	return s;
}

/* The core's interrupt callback: CHECK_FOR_INTERRUPTS in long fits and simulations. */
static void
check_interrupts(void *arg)
{
	CHECK_FOR_INTERRUPTS();
}

static const FcCallback interrupt_callback = {check_interrupts, NULL};

/* dst[0..n) = v's values on periods [first, first + n), 0 where v has none (v may be NULL). */
static void
window_values(double *dst, int64 first, int32 n, const CapVec *v)
{
	int64		v0,
				lo,
				hi;

	memset(dst, 0, sizeof(double) * n);
	if (v == NULL)
		return;
	v0 = capvec_first(v);
	lo = Max(first, v0);
	hi = Min(first + n, v0 + v->n);
	if (lo < hi)
		memcpy(dst + (lo - first), v->values + (lo - v0), sizeof(double) * (hi - lo));
}

/* An int argument that must be at least min (22023 naming it). */
static int32
int_arg_at_least(int32 x, int32 min, const char *argname)
{
	if (x < min)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must be at least %d", argname, min),
				errdetail("%s is %d.", argname, x));
	return x;
}

/* Columns of dp.outlook_row. */
enum
{
	COL_METHOD, COL_ALPHA, COL_BETA, COL_PHI, COL_MAE, COL_RMSE, COL_MASE, COL_BIAS,
	COL_CLASS, COL_FORECAST, COL_DELIVERIES, COL_MEAN_DEMAND, COL_MEAN_SUPPLY, COL_DEPLETION,
	COL_REPLENISH, COL_DAYS, COL_RISK, COL_PROJECTED, OUTLOOK_COLUMNS
};

/*
 * The arguments that must not be NULL (22004, as the stockpile functions:
 * a NULL row would read as "never runs out"); NULL: may be NULL.
 */
#define OUTLOOK_NULL_HINT "Give 0 for no stock; a NULL target, history or supply means none."
static const char *const required_args[10] = {"on_hand", NULL, "start", NULL, NULL, "history_periods",
"horizon", "risk_periods", "trials", "seed"};

/*
 * dp.outlook_row(on_hand, target, start, history, supply, history_periods,
 * horizon, risk_periods, trials, seed): one stockpile's outlook (see
 * outlook_core.h).  history and supply are laid out on their windows before
 * and from start (NULL: none); a NULL target gives no replenishment date.
 * A NULL on_hand, start or setting is an error (22004).
 */
PG_FUNCTION_INFO_V1(dp_outlook_row);
Datum
dp_outlook_row(PG_FUNCTION_ARGS)
{
	CapVec	   *history = PG_ARGISNULL(3) ? NULL : PG_GETARG_CAPVEC_P(3);
	CapVec	   *supply = PG_ARGISNULL(4) ? NULL : PG_GETARG_CAPVEC_P(4);
	DpPeriod	period = history ? (DpPeriod) history->period : supply ? (DpPeriod) supply->period : DP_MONTH;
	OutlookSpec spec;
	OutlookInput in;
	OutlookResult r;
	OutlookScratch *s;
	pg_prng_state state;
	CapVec	   *forecast,
			   *deliveries,
			   *projected;
	Datum		values[OUTLOOK_COLUMNS];
	bool		nulls[OUTLOOK_COLUMNS] = {false};
	double		stats[COL_BIAS];
	static const char *const stat_names[COL_BIAS] = {"alpha", "beta", "phi", "mae", "rmse", "mase", "bias"};
	const char *cls;
	DpError		err;

	dp_require_args(fcinfo, required_args, 10, OUTLOOK_NULL_HINT);
	if (history && supply && history->period != supply->period)
		dp_period_mismatch("history", (DpPeriod) history->period, "supply", (DpPeriod) supply->period, NULL);

	spec.history_n = int_arg_at_least(PG_GETARG_INT32(5), 1, "history_periods");
	spec.horizon = int_arg_at_least(PG_GETARG_INT32(6), 1, "horizon");
	spec.risk_periods = int_arg_at_least(PG_GETARG_INT32(7), 0, "risk_periods");
	spec.trials = PG_GETARG_INT32(8);
	if (!outlook_check_spec(&spec, &err))
		dp_raise(&err);

	in.on_hand = PG_GETARG_FLOAT8(0);
	in.has_target = !PG_ARGISNULL(1);
	in.target = in.has_target ? dp_finite_arg(PG_GETARG_FLOAT8(1), "target") : 0.0;
	in.period = period;
	in.first = dp_start_arg(period, PG_GETARG_DATEADT(2), "start");
	if (!cv_check_span(period, in.first - spec.history_n, (int64) spec.history_n + spec.horizon, &err))
		dp_raise(&err);

	s = scratch_for(fcinfo, &spec);
	window_values(s->history, in.first - spec.history_n, spec.history_n, history);
	window_values(s->supply, in.first, spec.horizon, supply);
	CHECK_FOR_INTERRUPTS();
	in.history = s->history;
	in.supply = s->supply;
	r.forecast = s->forecast;
	r.closing = s->closing;
	/* every stockpile's simulation starts from the seed, as dp.simulate_stock's does */
	pg_prng_seed(&state, (uint64) PG_GETARG_INT64(9));
	rnd_init(&s->u, dp_prng_fill, &state);
	if (!outlook_compute(&spec, &in, s->work, s->flags, &s->u, &interrupt_callback, &r, &err))
		dp_raise(&err);

	/* the result vectors, a check between them (each up to CV_MAX_LEN values) */
	forecast = capvec_new(period, in.first, spec.horizon);
	memcpy(forecast->values, r.forecast, sizeof(double) * spec.horizon);
	CHECK_FOR_INTERRUPTS();
	deliveries = capvec_new(period, in.first, spec.horizon);
	memcpy(deliveries->values, s->supply, sizeof(double) * spec.horizon);
	CHECK_FOR_INTERRUPTS();
	projected = capvec_new(period, in.first, spec.horizon);
	memcpy(projected->values, r.closing, sizeof(double) * spec.horizon);
	CHECK_FOR_INTERRUPTS();

	values[COL_METHOD] = CStringGetTextDatum(fc_method_name(r.model.method));
	stats[0] = r.model.alpha;
	stats[1] = r.model.beta;
	stats[2] = r.model.phi;
	stats[3] = r.model.mae;
	stats[4] = r.model.rmse;
	stats[5] = r.model.mase;
	stats[6] = r.model.bias;
	for (int i = 0; i < COL_BIAS; i++)
		values[COL_ALPHA + i] = dp_fit_stat_datum(stats[i], stat_names[i], &nulls[COL_ALPHA + i]);
	cls = fc_class_name(r.demand_class);
	nulls[COL_CLASS] = (cls == NULL);
	values[COL_CLASS] = cls ? CStringGetTextDatum(cls) : (Datum) 0;
	values[COL_FORECAST] = PointerGetDatum(capvec_finish(forecast));
	values[COL_DELIVERIES] = PointerGetDatum(capvec_finish(deliveries));
	values[COL_MEAN_DEMAND] = Float8GetDatum(r.mean_demand);
	values[COL_MEAN_SUPPLY] = Float8GetDatum(r.mean_supply);
	values[COL_DEPLETION] = DateADTGetDatum((DateADT) r.depletion_day);
	nulls[COL_DEPLETION] = !r.depletion_found;
	values[COL_REPLENISH] = DateADTGetDatum((DateADT) r.replenish_day);
	nulls[COL_REPLENISH] = !r.replenish_found;
	values[COL_DAYS] = Float8GetDatum(r.days_of_supply);
	nulls[COL_DAYS] = r.days_isnull;
	values[COL_RISK] = Float8GetDatum(r.stockout_risk);
	nulls[COL_RISK] = r.risk_isnull;
	values[COL_PROJECTED] = PointerGetDatum(capvec_finish(projected));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(s->desc, values, nulls)));
}
