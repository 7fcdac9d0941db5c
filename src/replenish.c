/*
 * replenish.c: fmgr glue of replenishment planning: dp.replenishment_plan,
 * dp.replenishment_summary and dp.required_capacity.  The models and the
 * cleaning are in core/replenish_core.c; the solver (COIN-OR Clp) is behind
 * core/lp.h; the vectors are read through a CapVecSet (dp.c).
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

/*
 * A capvec[] argument of one vector per claimant (22023 on another period
 * than the capacity's, hint dp.resample; 22004 on NULL elements), read on
 * the capacity's T periods claimant by claimant: a period a vector lacks is
 * 0, quantities outside the capacity's span are ignored.
 */
static double *
per_claimant_vectors(CapVec *cap, ArrayType *arr, const char *argname, const RepArgs *a,
					 DpWhere where)
{
	static const char *const capacity_name[1] = {"capacity"};
	CapVecSet	s;
	int32		T = a->in.T;
	double	   *v = palloc(sizeof(double) * Max((int64) a->in.n * T, 1));

	dp_per_demand_array_at(arr, argname, a->in.n, InvalidOid, where);
	capvec_set_at(&s, 1, &cap, capacity_name, arr, argname,
				  "Use an empty or zero vector for a claimant without any.", where);
	for (int i = 0; i < a->in.n; i++)
		for (int32 t = 0; t < T; t++)
			v[(int64) i * T + t] = capvec_set_value_at(&s, 1 + i, a->first + t);
	return v;
}

/*
 * Read capacity, on_hand, targets, demands (arguments 0-3), deliveries
 * (argument deliv_arg, may be NULL) and weights (weights_arg, may be NULL;
 * -1: none) and check them (rep_check); errors are reported at where.  False
 * if one of the first four is NULL.
 */
static bool
rep_args(FunctionCallInfo fcinfo, int deliv_arg, int weights_arg, RepArgs *a, DpWhere where)
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
	n = dp_array_count_at(darr, "demands", where);
	if (n == 0)
		dp_error_at(where,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("demands must not be empty"),
					errhint("Pass one capvec per claimant."));
	memset(a, 0, sizeof(*a));
	a->period = (DpPeriod) cap->period;
	a->first = capvec_first(cap);
	a->in.n = n;
	a->in.T = cap->n;
	a->in.period = a->period;
	a->in.first = a->first;
	a->in.capacity = cap->values;
	/* the size first, so no large buffer is built for a problem that is refused */
	if ((int64) n * cap->n > REP_MAX_CELLS && !rep_check(&a->in, &err))
		dp_raise_at(&err, where);
	a->in.on_hand = dp_per_demand_array_at(PG_GETARG_ARRAYTYPE_P(1), "on_hand", n, FLOAT8OID, where);
	a->in.target = dp_per_demand_array_at(PG_GETARG_ARRAYTYPE_P(2), "targets", n, FLOAT8OID, where);
	a->in.demand = per_claimant_vectors(cap, darr, "demands", a, where);
	if (!PG_ARGISNULL(deliv_arg))
		a->in.deliveries = per_claimant_vectors(cap, PG_GETARG_ARRAYTYPE_P(deliv_arg), "deliveries",
												a, where);
	if (weights_arg >= 0 && !PG_ARGISNULL(weights_arg))
		a->in.weights = dp_per_demand_array_at(PG_GETARG_ARRAYTYPE_P(weights_arg), "weights", n,
											   FLOAT8OID, where);
	if (!rep_check(&a->in, &err))
		dp_raise_at(&err, where);
	return true;
}

/*
 * Interrupt callback for the solver: stop when a cancel or termination is
 * pending.  Other interrupts also raise InterruptPending (a procsignal
 * barrier, e.g. from a DROP DATABASE elsewhere in the cluster): those must
 * not stop the plan; CHECK_FOR_INTERRUPTS handles them afterwards.
 */
static bool
rep_interrupted(void *arg)
{
	return INTERRUPTS_PENDING_CONDITION() && (QueryCancelPending || ProcDiePending);
}

/* Solve the plan of the arguments (errors reported at where); false if one of the first four is NULL. */
static bool
rep_solve(FunctionCallInfo fcinfo, RepArgs *a, RepPlan *plan, DpWhere where)
{
	int64		cells;
	DpError		err;

	if (!rep_args(fcinfo, 4, 5, a, where))
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
		dp_raise_at(&err, where);
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
	RepArgs		a;
	RepPlan		plan;

	InitMaterializedSRF(fcinfo, 0);
	if (!rep_solve(fcinfo, &a, &plan, DP_HERE))
		return (Datum) 0;
	for (int32 i = 0; i < a.in.n; i++)
		for (int32 t = 0; t < a.in.T; t++)
		{
			int64		c = (int64) i * a.in.T + t;
			Datum		values[6];
			bool		nulls[6] = {false, false, false, false, false, false};

			values[0] = Int32GetDatum(i + 1);
			values[1] = dp_period_start_datum(a.period, a.first + t);
			values[2] = Float8GetDatum(plan.allocated[c]);
			values[3] = Float8GetDatum(plan.stock[c]);
			values[4] = Float8GetDatum(plan.unmet[c]);
			values[5] = Float8GetDatum(plan.below[c]);
			dp_put_row(fcinfo, values, nulls, c);
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
	if (!rep_solve(fcinfo, &a, &plan, DP_HERE))
		PG_RETURN_NULL();
	dates = palloc(sizeof(Datum) * a.in.n);
	dnulls = palloc(sizeof(bool) * a.in.n);
	for (int32 i = 0; i < a.in.n; i++)
	{
		dnulls[i] = plan.reaches[i] < 0;
		dates[i] = dnulls[i] ? (Datum) 0 :
			dp_period_start_datum(a.period, a.first + plan.reaches[i]);
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

	if (PG_ARGISNULL(4) || !rep_args(fcinfo, 5, -1, &a, DP_HERE))
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
