/*
 * harmonize.c: fmgr glue of demand harmonisation: dp.allocate (sharing
 * capacity among claimants, period by period, with backlog), dp.level_rate,
 * dp.capacity_gap and dp.lot_sizing.  The arithmetic is in
 * core/harmonize_core.c; the vectors are aligned by a CapVecSet (dp.c).
 */
#include "dp.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "core/harmonize_core.h"

/* Columns of dp.allocate: claimant, period_start, requested, allocated, backlog. */
#define ALLOCATE_COLUMNS 5

/*
 * dp.allocate(capacity, demands[], policy, weights, priorities, carry_backlog):
 * rows (claimant, period_start, requested, allocated, backlog) over the span
 * of the capacity and every demand, by period then claimant.  Not strict: a
 * NULL capacity, demands, policy or carry_backlog gives no rows; NULL weights
 * mean all 1, NULL priorities are only an error for the priority policy.
 * Each period is shared by harm_step.
 */
PG_FUNCTION_INFO_V1(dp_allocate);
Datum
dp_allocate(PG_FUNCTION_ARGS)
{
	static const char *const capacity_name[1] = {"capacity"};
	CapVec	   *cap;
	ArrayType  *darr;
	text	   *ptext;
	HarmPolicy	policy;
	int			n;
	CapVecSet	s;
	const double *weights = NULL;
	const int32 *priorities = NULL;
	double	   *buf;
	HarmAlloc	alloc;
	DpError		err;

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

	/* the capacity, then one capvec per claimant: one period, their span (54000 over the limit) */
	n = dp_array_count(darr, "demands");
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("demands must not be empty"),
				 errhint("Pass one capvec per claimant.")));
	capvec_set(&s, 1, &cap, capacity_name, darr, "demands",
			   "Use an empty or zero vector for a claimant without demand.");

	if (!PG_ARGISNULL(3))
		weights = dp_per_demand_array(PG_GETARG_ARRAYTYPE_P(3), "weights", n, FLOAT8OID);
	if (!PG_ARGISNULL(4))
		priorities = dp_per_demand_array(PG_GETARG_ARRAYTYPE_P(4), "priorities", n, INT4OID);
	if (!harm_init(&alloc, policy, n, weights, priorities, PG_GETARG_BOOL(5),
				   palloc(harm_work_size(n)), &dp_interrupts, &err))
		dp_raise(&err);

	/* per period: demand, requested, allocated, backlog (carried) */
	buf = palloc0(sizeof(double) * 4 * n);
	for (int64 t = 0; t < s.span_n; t++)
	{
		int64		idx = s.span_first + t;
		DateADT		date = (DateADT) cal_index_start(s.period, idx);
		double	   *demand = buf,
				   *req = buf + n,
				   *x = buf + 2 * n,
				   *backlog = buf + 3 * n;
		Datum		values[ALLOCATE_COLUMNS];
		bool		nulls[ALLOCATE_COLUMNS] = {false};

		for (int i = 0; i < n; i++)
		{
			demand[i] = capvec_set_value_at(&s, 1 + i, idx);
			dp_interrupt_every(i);
		}
		if (!harm_step(&alloc, date, capvec_set_value_at(&s, 0, idx), demand, req, x, backlog,
					   &err))
			dp_raise(&err);
		values[1] = DateADTGetDatum(date);
		for (int i = 0; i < n; i++)
		{
			values[0] = Int32GetDatum(i + 1);
			values[2] = Float8GetDatum(req[i]);
			values[3] = Float8GetDatum(x[i]);
			values[4] = Float8GetDatum(backlog[i]);
			dp_put_row(fcinfo, values, nulls, i);
		}
		CHECK_FOR_INTERRUPTS();
	}
	return (Datum) 0;
}

/* dp.level_rate(demand, on_hand, lead_periods, final_stock): the minimum level production rate (harm_level_rate). */
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

/* dp.capacity_gap(demand, capacity, on_hand): the extra constant rate that meets demand (harm_capacity_gap). */
PG_FUNCTION_INFO_V1(dp_capacity_gap);
Datum
dp_capacity_gap(PG_FUNCTION_ARGS)
{
	CapVec	   *d = PG_GETARG_CAPVEC_P(0);
	CapVec	   *c = PG_GETARG_CAPVEC_P(1);
	double		on_hand = dp_finite_arg(PG_GETARG_FLOAT8(2), "on_hand");
	double		gap;
	DpError		err;

	if (c->period != d->period)
		dp_period_mismatch("demand", (DpPeriod) d->period, "capacity", (DpPeriod) c->period, NULL);
	if (!harm_capacity_gap(d->values, capvec_first(d), d->n, c->values, capvec_first(c), c->n,
						   (DpPeriod) d->period, on_hand, &gap, &err))
		dp_raise(&err);
	PG_RETURN_FLOAT8(gap);
}

/* dp.lot_sizing(demand, min_lot, lot_multiple, on_hand): planned order quantities (harm_lot_sizing). */
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
