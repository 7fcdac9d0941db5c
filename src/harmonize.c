/*
 * harmonize.c: fmgr glue of demand harmonisation: dp.allocate (sharing
 * capacity among claimants, period by period, with backlog), dp.level_rate,
 * dp.capacity_gap and dp.lot_sizing.  The arithmetic is in
 * core/harmonize_core.c.
 */
#include "dp.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "core/harmonize_core.h"

/* 22023 unless v has the period of ref; the hint names dp.resample. */
static void
check_period(const CapVec *v, const CapVec *ref, const char *what, const char *refname)
{
	if (v->period != ref->period)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has period %s but %s has period %s", what,
						cal_period_name((DpPeriod) v->period), refname,
						cal_period_name((DpPeriod) ref->period)),
				 errhint("Convert it with dp.resample(v, '%s') first.",
						 cal_period_name((DpPeriod) ref->period))));
}

/* The elements of a one-dimensional array argument that must have n non-NULL elements. */
static Datum *
array_arg(ArrayType *arr, const char *argname, int n, int16 typlen, bool typbyval, char typalign)
{
	Datum	   *elems;
	bool	   *nulls;
	int			count;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", argname)));
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign, &elems, &nulls, &count);
	if (n >= 0 && count != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have one element per demand (%d), not %d", argname, n, count),
				 errhint("Give the elements in the order of the demands.")));
	for (int i = 0; i < count; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s element %d is NULL", argname, i + 1),
					 errhint(n >= 0 ? "Give a value for every demand." :
							 "Use an empty or zero vector for a claimant without demand.")));
	pfree(nulls);
	return elems;
}

/* Quantity of vector v at period index idx (0 outside its span). */
static inline double
value_at_index(const CapVec *v, int64 first, int64 idx)
{
	int64		off = idx - first;

	return (off >= 0 && off < v->n) ? v->values[off] : 0;
}

/*
 * dp.allocate(capacity, demands[], policy, weights, priorities, carry_backlog):
 * rows (claimant, period_start, requested, allocated, backlog) over the span
 * of the capacity and every demand, by period then claimant.  Not strict: a
 * NULL capacity, demands, policy or carry_backlog gives no rows; NULL weights
 * mean all 1, NULL priorities are only an error for the priority policy.
 */
PG_FUNCTION_INFO_V1(dp_allocate);
Datum
dp_allocate(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CapVec	   *cap;
	ArrayType  *darr;
	text	   *ptext;
	HarmPolicy	policy;
	Datum	   *elems;
	int			n;
	CapVec	  **dem;
	int64	   *dfirst;
	int64		cfirst,
				r0,
				rn;
	double	   *weights = NULL;
	int32	   *priorities = NULL;
	double	   *buf;
	HarmAlloc	alloc;
	DpError		err;
	DpPeriod	p;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(5))
		return (Datum) 0;
	cap = PG_GETARG_CAPVEC_P(0);
	darr = PG_GETARG_ARRAYTYPE_P(1);
	ptext = PG_GETARG_TEXT_PP(2);
	if (!harm_policy_lookup(VARDATA_ANY(ptext), VARSIZE_ANY_EXHDR(ptext), &policy))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown allocation policy \"%s\"", text_to_cstring(ptext)),
				 errhint("Use fair, proportional or priority.")));

	/* the demands: one capvec per claimant, same period as the capacity */
	elems = array_arg(darr, "demands", -1, -1, false, TYPALIGN_DOUBLE);
	n = ArrayGetNItems(ARR_NDIM(darr), ARR_DIMS(darr));
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("demands must not be empty"),
				 errhint("Pass one capvec per claimant.")));
	p = (DpPeriod) cap->period;
	dem = palloc(sizeof(CapVec *) * n);
	dfirst = palloc(sizeof(int64) * n);
	cfirst = capvec_first(cap);
	r0 = cfirst;
	rn = cap->n;
	for (int i = 0; i < n; i++)
	{
		char		what[32];

		dem[i] = DatumGetCapVecP(elems[i]);
		snprintf(what, sizeof(what), "demand %d", i + 1);
		check_period(dem[i], cap, what, "capacity");
		dfirst[i] = capvec_first(dem[i]);
		capvec_span_union(r0, (int32) rn, dfirst[i], dem[i]->n, &r0, &rn);
	}
	/* the span obeys the vector limit (54000), as any aligned result would */
	if (!capvec_check_span(p, r0, rn, &err))
		dp_raise(&err);

	if (!PG_ARGISNULL(3))
	{
		Datum	   *w = array_arg(PG_GETARG_ARRAYTYPE_P(3), "weights", n, 8, FLOAT8PASSBYVAL,
								  TYPALIGN_DOUBLE);

		weights = palloc(sizeof(double) * n);
		for (int i = 0; i < n; i++)
			weights[i] = DatumGetFloat8(w[i]);
	}
	if (!PG_ARGISNULL(4))
	{
		Datum	   *pr = array_arg(PG_GETARG_ARRAYTYPE_P(4), "priorities", n, 4, true,
								   TYPALIGN_INT);

		priorities = palloc(sizeof(int32) * n);
		for (int i = 0; i < n; i++)
			priorities[i] = DatumGetInt32(pr[i]);
	}
	if (!harm_init(&alloc, policy, n, weights, priorities, PG_GETARG_BOOL(5),
				   palloc(harm_work_size(n)), &err))
		dp_raise(&err);

	/* per period: demand, requested, allocated, backlog (carried) */
	buf = palloc0(sizeof(double) * 4 * n);
	for (int64 t = 0; t < rn; t++)
	{
		int64		idx = r0 + t;
		DateADT		date = (DateADT) cal_index_start(p, idx);
		double	   *demand = buf,
				   *req = buf + n,
				   *x = buf + 2 * n,
				   *backlog = buf + 3 * n;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		for (int i = 0; i < n; i++)
			demand[i] = value_at_index(dem[i], dfirst[i], idx);
		if (!harm_step(&alloc, date, value_at_index(cap, cfirst, idx), demand, req, x, backlog,
					   &err))
			dp_raise(&err);
		values[1] = DateADTGetDatum(date);
		for (int i = 0; i < n; i++)
		{
			values[0] = Int32GetDatum(i + 1);
			values[2] = Float8GetDatum(req[i]);
			values[3] = Float8GetDatum(x[i]);
			values[4] = Float8GetDatum(backlog[i]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		CHECK_FOR_INTERRUPTS();
	}
	return (Datum) 0;
}

/* dp.level_rate(demand, on_hand, lead_periods, final_stock): the minimum level production rate. */
PG_FUNCTION_INFO_V1(dp_level_rate);
Datum
dp_level_rate(PG_FUNCTION_ARGS)
{
	CapVec	   *d = PG_GETARG_CAPVEC_P(0);
	double		on_hand = dp_finite_arg(PG_GETARG_FLOAT8(1), "on_hand");
	int32		lead = PG_GETARG_INT32(2);
	double		final_stock = dp_finite_arg(PG_GETARG_FLOAT8(3), "final_stock");
	double		rate;
	DpError		err;

	if (!harm_level_rate(d->values, d->n, (DpPeriod) d->period, capvec_first(d), on_hand, lead,
						 final_stock, &rate, &err))
		dp_raise(&err);
	PG_RETURN_FLOAT8(rate);
}

/* dp.capacity_gap(demand, capacity, on_hand): the extra constant rate that meets demand. */
PG_FUNCTION_INFO_V1(dp_capacity_gap);
Datum
dp_capacity_gap(PG_FUNCTION_ARGS)
{
	CapVec	   *d = PG_GETARG_CAPVEC_P(0);
	CapVec	   *c = PG_GETARG_CAPVEC_P(1);
	double		on_hand = dp_finite_arg(PG_GETARG_FLOAT8(2), "on_hand");
	double		gap;
	DpError		err;

	check_period(c, d, "capacity", "demand");
	if (!harm_capacity_gap(d->values, capvec_first(d), d->n, c->values, capvec_first(c), c->n,
						   (DpPeriod) d->period, on_hand, &gap, &err))
		dp_raise(&err);
	PG_RETURN_FLOAT8(gap);
}

/* dp.lot_sizing(demand, min_lot, lot_multiple, on_hand): planned order quantities. */
PG_FUNCTION_INFO_V1(dp_lot_sizing);
Datum
dp_lot_sizing(PG_FUNCTION_ARGS)
{
	CapVec	   *d = PG_GETARG_CAPVEC_P(0);
	double		min_lot = dp_finite_arg(PG_GETARG_FLOAT8(1), "min_lot");
	double		lot_multiple = dp_finite_arg(PG_GETARG_FLOAT8(2), "lot_multiple");
	double		on_hand = dp_finite_arg(PG_GETARG_FLOAT8(3), "on_hand");
	int64		first = capvec_first(d);
	CapVec	   *r = capvec_new((DpPeriod) d->period, first, d->n);
	DpError		err;

	if (!harm_lot_sizing(d->values, d->n, (DpPeriod) d->period, first, min_lot, lot_multiple,
						 on_hand, r->values, &err))
		dp_raise(&err);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}
