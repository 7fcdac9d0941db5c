/*
 * replenish.c: fmgr glue of replenishment planning: dp.replenishment_plan,
 * dp.replenishment_summary and dp.required_capacity.  The models and the
 * cleaning are in core/replenish_core.c; the solver (COIN-OR Clp) is behind
 * core/lp.h.
 */
#include "dp.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "core/replenish_core.h"

/* The arguments every function shares, laid out on the capacity's periods. */
typedef struct RepArgs
{
	RepInput	in;
	DpPeriod	period;
	int64		first;			/* index of the capacity's first period */
} RepArgs;

/* Elements of a one-dimensional array argument with n elements (n < 0: any), none NULL (22004). */
static Datum *
rep_array(ArrayType *arr, const char *argname, int n, int16 typlen, bool typbyval,
		  char typalign, int *count)
{
	Datum	   *elems;
	bool	   *nulls;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", argname)));
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign, &elems, &nulls, count);
	if (n >= 0 && *count != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have one element per demand (%d), not %d", argname, n, *count),
				 errhint("Give the elements in the order of the demands.")));
	for (int i = 0; i < *count; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s element %d is NULL", argname, i + 1)));
	return elems;
}

/* A float8[] argument of n elements as doubles. */
static double *
rep_float8s(ArrayType *arr, const char *argname, int n)
{
	int			count;
	Datum	   *e = rep_array(arr, argname, n, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &count);
	double	   *v = palloc(sizeof(double) * Max(n, 1));

	for (int i = 0; i < n; i++)
		v[i] = DatumGetFloat8(e[i]);
	return v;
}

/*
 * A capvec[] argument of n vectors of the capacity's period, laid out on the
 * capacity's T periods claimant by claimant (quantities outside are ignored).
 */
static double *
rep_vectors(ArrayType *arr, const char *argname, int n, const RepArgs *a)
{
	int			count;
	Datum	   *e = rep_array(arr, argname, n, -1, false, TYPALIGN_DOUBLE, &count);
	int32		T = a->in.T;
	double	   *v = palloc0(sizeof(double) * Max((int64) count * T, 1));

	for (int i = 0; i < count; i++)
	{
		CapVec	   *c = DatumGetCapVecP(e[i]);
		int64		off = capvec_first(c) - a->first;

		if ((DpPeriod) c->period != a->period)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s element %d has period %s but capacity has period %s", argname,
							i + 1, cal_period_name((DpPeriod) c->period),
							cal_period_name(a->period)),
					 errhint("Convert it with dp.resample(v, '%s') first.",
							 cal_period_name(a->period))));
		for (int32 t = 0; t < T; t++)
			if (t - off >= 0 && t - off < c->n)
				v[(int64) i * T + t] = c->values[t - off];
	}
	return v;
}

/*
 * Read capacity, on_hand, targets, demands (arguments 0-3), deliveries
 * (argument deliv_arg, may be NULL) and weights (weights_arg, may be NULL;
 * -1: none) and check them.  False if one of the first four is NULL.
 */
static bool
rep_args(FunctionCallInfo fcinfo, int deliv_arg, int weights_arg, RepArgs *a)
{
	CapVec	   *cap;
	ArrayType  *darr;
	int			n;
	DpError		err;

	for (int k = 0; k < 4; k++)
		if (PG_ARGISNULL(k))
			return false;
	cap = PG_GETARG_CAPVEC_P(0);
	darr = PG_GETARG_ARRAYTYPE_P(3);
	n = ArrayGetNItems(ARR_NDIM(darr), ARR_DIMS(darr));
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("demands must not be empty"),
				 errhint("Pass one capvec per claimant.")));
	memset(a, 0, sizeof(*a));
	a->period = (DpPeriod) cap->period;
	a->first = capvec_first(cap);
	a->in.n = n;
	a->in.T = cap->n;
	a->in.period = a->period;
	a->in.first = a->first;
	a->in.capacity = cap->values;
	/* the size first, so no large buffer is built for a problem that is refused */
	if ((int64) n * cap->n > REP_MAX_CELLS)
	{
		if (!rep_check(&a->in, &err))
			dp_raise(&err);
	}
	a->in.on_hand = rep_float8s(PG_GETARG_ARRAYTYPE_P(1), "on_hand", n);
	a->in.target = rep_float8s(PG_GETARG_ARRAYTYPE_P(2), "targets", n);
	a->in.demand = rep_vectors(darr, "demands", n, a);
	if (!PG_ARGISNULL(deliv_arg))
		a->in.deliveries = rep_vectors(PG_GETARG_ARRAYTYPE_P(deliv_arg), "deliveries", n, a);
	if (weights_arg >= 0 && !PG_ARGISNULL(weights_arg))
		a->in.weights = rep_float8s(PG_GETARG_ARRAYTYPE_P(weights_arg), "weights", n);
	if (!rep_check(&a->in, &err))
		dp_raise(&err);
	return true;
}

/* Interrupt callback for the solver: stop when a cancel or termination is pending. */
static bool
rep_interrupted(void *arg)
{
	return INTERRUPTS_PENDING_CONDITION();
}

/* Solve the plan of the arguments; false if one of the first four is NULL. */
static bool
rep_solve(FunctionCallInfo fcinfo, RepArgs *a, RepPlan *plan)
{
	int64		cells;
	DpError		err;

	if (!rep_args(fcinfo, 4, 5, a))
		return false;
	cells = Max((int64) a->in.n * a->in.T, 1);
	plan->allocated = palloc(sizeof(double) * cells);
	plan->stock = palloc(sizeof(double) * cells);
	plan->unmet = palloc(sizeof(double) * cells);
	plan->below = palloc(sizeof(double) * cells);
	plan->reaches = palloc(sizeof(int32) * a->in.n);
	CHECK_FOR_INTERRUPTS();
	if (!rep_plan(&a->in, plan, palloc(rep_work_size(a->in.n, a->in.T)), rep_interrupted, NULL,
				  &err))
		dp_raise(&err);
	return true;
}

/*
 * dp.replenishment_plan(capacity, on_hand, targets, demands, deliveries,
 * weights): rows (claimant, period_start, allocated, stock, unmet,
 * below_target) by claimant then period.
 */
PG_FUNCTION_INFO_V1(dp_replenishment_plan);
Datum
dp_replenishment_plan(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	RepArgs		a;
	RepPlan		plan;

	InitMaterializedSRF(fcinfo, 0);
	if (!rep_solve(fcinfo, &a, &plan))
		return (Datum) 0;
	for (int32 i = 0; i < a.in.n; i++)
		for (int32 t = 0; t < a.in.T; t++)
		{
			int64		c = (int64) i * a.in.T + t;
			Datum		values[6];
			bool		nulls[6] = {false, false, false, false, false, false};

			values[0] = Int32GetDatum(i + 1);
			values[1] = DateADTGetDatum((DateADT) cal_index_start(a.period, a.first + t));
			values[2] = Float8GetDatum(plan.allocated[c]);
			values[3] = Float8GetDatum(plan.stock[c]);
			values[4] = Float8GetDatum(plan.unmet[c]);
			values[5] = Float8GetDatum(plan.below[c]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	return (Datum) 0;
}

/*
 * dp.replenishment_summary(same arguments): one row (unmet, below_target,
 * reaches_target date[]) with the weighted totals of the plan.
 */
PG_FUNCTION_INFO_V1(dp_replenishment_summary);
Datum
dp_replenishment_summary(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	RepArgs		a;
	RepPlan		plan;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	Datum	   *dates;
	bool	   *dnulls;
	int			dims[1],
				lbs[1] = {1};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "dp.replenishment_summary must return a row");
	if (!rep_solve(fcinfo, &a, &plan))
		PG_RETURN_NULL();
	dates = palloc(sizeof(Datum) * a.in.n);
	dnulls = palloc(sizeof(bool) * a.in.n);
	for (int32 i = 0; i < a.in.n; i++)
	{
		dnulls[i] = plan.reaches[i] < 0;
		dates[i] = dnulls[i] ? (Datum) 0 :
			DateADTGetDatum((DateADT) cal_index_start(a.period, a.first + plan.reaches[i]));
	}
	dims[0] = a.in.n;
	values[0] = Float8GetDatum(plan.unmet_total);
	values[1] = Float8GetDatum(plan.below_total);
	values[2] = PointerGetDatum(construct_md_array(dates, dnulls, 1, dims, lbs, DATEOID,
												   sizeof(DateADT), true, TYPALIGN_INT));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/*
 * dp.required_capacity(capacity, on_hand, targets, demands, by, deliveries):
 * the smallest capacity factor that meets every demand and keeps every stock
 * at or above target from the period containing by; NULL if none does.
 */
PG_FUNCTION_INFO_V1(dp_required_capacity);
Datum
dp_required_capacity(PG_FUNCTION_ARGS)
{
	RepArgs		a;
	int64		by;
	double		k;
	bool		found;
	DpError		err;

	if (PG_ARGISNULL(4) || !rep_args(fcinfo, 5, -1, &a))
		PG_RETURN_NULL();
	by = cal_index(a.period, dp_date_arg(PG_GETARG_DATEADT(4), "by")) - a.first;
	if (by >= a.in.T)
	{
		char		d[16];

		cal_format_date(cal_index_start(a.period, a.first + a.in.T), d);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("by must fall within the capacity's span, before %s", d),
				 errhint("Extend the capacity vector, or choose an earlier date.")));
	}
	CHECK_FOR_INTERRUPTS();
	if (!rep_required_capacity(&a.in, (int32) Max(by, 0), &k, &found,
							   palloc(rep_work_size(a.in.n, a.in.T)), rep_interrupted, NULL, &err))
		dp_raise(&err);
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(k);
}
