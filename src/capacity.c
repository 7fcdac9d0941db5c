/*
 * capacity.c: fmgr glue of the capacity module: constant and ramp-up
 * profiles, posture surges, bill-of-materials bottlenecks and the binding
 * component, the date a level is reached, and the dp.hhi aggregate.  The
 * numerics live in core/capacity_core.c.
 */
#include "dp.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"

#include "core/capacity_core.h"

/* A first period given as a date: in range and on a period boundary. */
static int64
start_index(DpPeriod p, DateADT d, const char *argname)
{
	int64		start = dp_date_arg(d, argname);
	DpError		err;

	if (!capvec_check_start(p, start, &err))
		dp_raise(&err);
	return cal_index(p, start);
}

static void
check_rate(double x, const char *argname)
{
	DpError		err;

	if (!capacity_check_rate(x, argname, &err))
		dp_raise(&err);
}

static void
check_count(int64 x, const char *argname)
{
	DpError		err;

	if (!capacity_check_count(x, argname, &err))
		dp_raise(&err);
}

/* ---- profiles ---- */

/* dp.constant(period, start, periods, rate): the same rate in every period. */
PG_FUNCTION_INFO_V1(dp_constant);
Datum
dp_constant(PG_FUNCTION_ARGS)
{
	DpPeriod	p = dp_period_arg(PG_GETARG_TEXT_PP(0));
	int64		first = start_index(p, PG_GETARG_DATEADT(1), "start");
	int32		periods = PG_GETARG_INT32(2);
	double		rate = PG_GETARG_FLOAT8(3);
	CapVec	   *v;

	check_count(periods, "periods");
	check_rate(rate, "rate");
	v = capvec_new(p, first, periods);
	capacity_fill(v->values, v->n, rate);
	PG_RETURN_CAPVEC_P(capvec_finish(v));
}

/*
 * dp.ramp(period, start, periods, from_rate, to_rate, ramp_start, ramp_periods,
 * shape): a ramp-up (or run-down) profile.  Not strict: a NULL ramp_start
 * means the first period; any other NULL argument gives NULL.
 */
PG_FUNCTION_INFO_V1(dp_ramp);
Datum
dp_ramp(PG_FUNCTION_ARGS)
{
	DpPeriod	p;
	int64		first,
				r0;
	int32		periods,
				ramp_periods;
	double		from,
				to;
	text	   *shape_name;
	CapShape	shape;
	CapVec	   *v;

	for (int i = 0; i < 8; i++)
		if (i != 5 && PG_ARGISNULL(i))
			PG_RETURN_NULL();
	p = dp_period_arg(PG_GETARG_TEXT_PP(0));
	first = start_index(p, PG_GETARG_DATEADT(1), "start");
	periods = PG_GETARG_INT32(2);
	from = PG_GETARG_FLOAT8(3);
	to = PG_GETARG_FLOAT8(4);
	ramp_periods = PG_GETARG_INT32(6);
	shape_name = PG_GETARG_TEXT_PP(7);

	check_count(periods, "periods");
	check_rate(from, "from_rate");
	check_rate(to, "to_rate");
	check_count(ramp_periods, "ramp_periods");
	if (!capacity_shape_lookup(VARDATA_ANY(shape_name), VARSIZE_ANY_EXHDR(shape_name), &shape))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown ramp shape \"%s\"", text_to_cstring(shape_name)),
				 errhint("Use linear, scurve or step.")));
	r0 = PG_ARGISNULL(5) ? first
		: cal_index(p, dp_date_arg(PG_GETARG_DATEADT(5), "ramp_start"));

	v = capvec_new(p, first, periods);
	capacity_ramp(v->values, v->n, first, r0, ramp_periods, from, to, shape);
	PG_RETURN_CAPVEC_P(capvec_finish(v));
}

/* dp.surge(base, factor, from_date, ramp_periods): base times a factor ramping from 1. */
PG_FUNCTION_INFO_V1(dp_surge);
Datum
dp_surge(PG_FUNCTION_ARGS)
{
	CapVec	   *base = PG_GETARG_CAPVEC_P(0);
	double		factor = PG_GETARG_FLOAT8(1);
	int64		from = dp_date_arg(PG_GETARG_DATEADT(2), "from_date");
	int32		ramp_periods = PG_GETARG_INT32(3);
	DpPeriod	p = (DpPeriod) base->period;
	CapVec	   *r;

	if (!isfinite(factor))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("surge factor must be a finite number")));
	if (factor < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("surge factor must not be negative: %g", factor),
				 errdetail("The factor multiplies capacity: above 1 a surge, 1 no change, below 1 a cut, 0 a stop.")));
	check_count(ramp_periods, "ramp_periods");

	r = (CapVec *) palloc(VARSIZE(base));
	memcpy(r, base, offsetof(CapVec, values));
	capacity_surge(r->values, base->values, base->n, capvec_first(base), cal_index(p, from),
			  ramp_periods, factor);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

/* ---- bill-of-materials bottleneck ---- */

/* Number of elements of a one-dimensional array argument, which must not be empty. */
static int
array_count(ArrayType *a, const char *argname)
{
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", argname)));
	return ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
}

static void
null_element(const char *argname, int pos)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s[%d] is NULL", argname, pos),
			 errdetail("Every component needs a capacity vector and a quantity per assembly.")));
}

/* Components kept on the stack up to this many; more take one palloc. */
#define BOTTLENECK_STACK 16

/*
 * Per period over the aligned span of the components: the fewest assemblies
 * min_i(components[i] / qty_per[i]) into *out (a new vector) and, when
 * binding is wanted, the 1-based position of the component that binds.
 * The arrays are walked in place: no allocation per element.
 */
static void
bottleneck(FunctionCallInfo fcinfo, CapVec **out, ArrayType **binding)
{
	ArrayType  *carr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *qarr = PG_GETARG_ARRAYTYPE_P(1);
	int			n,
				nq;
	CapVec	   *stack[BOTTLENECK_STACK];
	int64		stack_first[BOTTLENECK_STACK];
	CapVec	  **comps;
	int64	   *firsts;
	const double *qty;
	array_iter	it;
	int64		r0,
				rn;
	DpPeriod	p;
	CapVec	   *res;
	int32	   *bind = NULL;
	DpError		err;

	if (ARR_ELEMTYPE(qarr) != FLOAT8OID)
		elog(ERROR, "expected a float8[] argument");
	n = array_count(carr, "components");
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("components must not be empty")));
	nq = array_count(qarr, "qty_per");
	if (nq != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("components has %d elements but qty_per has %d", n, nq),
				 errdetail("qty_per gives one quantity per assembly for each component, in the same order.")));

	/* quantities: float8 elements lie contiguous unless there is a NULL */
	if (ARR_HASNULL(qarr))
	{
		array_iter_setup(&it, (AnyArrayType *) qarr);
		for (int i = 0; i < n; i++)
		{
			bool		isnull;

			(void) array_iter_next(&it, &isnull, i, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
			if (isnull)
				null_element("qty_per", i + 1);
		}
	}
	qty = (const double *) ARR_DATA_PTR(qarr);
	for (int i = 0; i < n; i++)
		if (!capacity_check_qty(qty[i], i + 1, &err))
			dp_raise(&err);

	comps = n <= BOTTLENECK_STACK ? stack : (CapVec **) palloc(sizeof(CapVec *) * n);
	firsts = n <= BOTTLENECK_STACK ? stack_first : (int64 *) palloc(sizeof(int64) * n);
	array_iter_setup(&it, (AnyArrayType *) carr);
	for (int i = 0; i < n; i++)
	{
		bool		isnull;
		Datum		d = array_iter_next(&it, &isnull, i, -1, false, TYPALIGN_DOUBLE);

		if (isnull)
			null_element("components", i + 1);
		comps[i] = DatumGetCapVecP(d);
		firsts[i] = capvec_first(comps[i]);
	}

	/* the aligned span: empty vectors add nothing; all empty: empty at the first one's start */
	p = (DpPeriod) comps[0]->period;
	r0 = firsts[0];
	rn = comps[0]->n;
	for (int i = 1; i < n; i++)
	{
		if (comps[i]->period != p)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("capvec periods differ: components[%d] is by %s, components[1] by %s",
							i + 1, cal_period_name((DpPeriod) comps[i]->period), cal_period_name(p)),
					 errhint("Convert the components to one period with dp.resample(v, '%s') first.",
							 cal_period_name(p))));
		capvec_span_union(r0, (int32) rn, firsts[i], comps[i]->n, &r0, &rn);
	}
	res = capvec_new(p, r0, rn);
	if (rn == 0)
		res->start = comps[0]->start;

	if (binding != NULL)
	{
		/* the positions go straight into the result array */
		Size		size = ARR_OVERHEAD_NONULLS(1) + sizeof(int32) * rn;
		ArrayType  *a;

		if (rn == 0)
			*binding = construct_empty_array(INT4OID);
		else
		{
			a = (ArrayType *) palloc0(size);
			SET_VARSIZE(a, size);
			a->ndim = 1;
			a->dataoffset = 0;
			a->elemtype = INT4OID;
			ARR_DIMS(a)[0] = (int) rn;
			ARR_LBOUND(a)[0] = 1;
			bind = (int32 *) ARR_DATA_PTR(a);
			*binding = a;
		}
	}

	for (int i = 0; i < n; i++)
	{
		capacity_bottleneck_add(res->values, bind, r0, (int32) rn, firsts[i],
								comps[i]->values, comps[i]->n, qty[i], i + 1);
		CHECK_FOR_INTERRUPTS();
	}
	/* a ratio that overflowed float8 is 22003 for both functions */
	*out = capvec_finish(res);
}

PG_FUNCTION_INFO_V1(dp_bottleneck);
Datum
dp_bottleneck(PG_FUNCTION_ARGS)
{
	CapVec	   *out;

	bottleneck(fcinfo, &out, NULL);
	PG_RETURN_CAPVEC_P(out);
}

PG_FUNCTION_INFO_V1(dp_binding_component);
Datum
dp_binding_component(PG_FUNCTION_ARGS)
{
	CapVec	   *out;
	ArrayType  *binding;

	bottleneck(fcinfo, &out, &binding);
	PG_RETURN_ARRAYTYPE_P(binding);
}

/* dp.date_reaching(v, level): start of the first period at or above level, else NULL. */
PG_FUNCTION_INFO_V1(dp_date_reaching);
Datum
dp_date_reaching(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	double		level = PG_GETARG_FLOAT8(1);
	int32		i;

	if (!isfinite(level))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("level must be a finite number")));
	i = capacity_first_reaching(v->values, v->n, level);
	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT((DateADT) cal_index_start((DpPeriod) v->period, capvec_first(v) + i));
}

/* ---- dp.hhi: state float8[4] {count, sum, sumsq, exp}, see capacity_core.h ---- */

/* The four values of a state array, checked. */
static double *
hhi_state(ArrayType *a)
{
	double	   *st;
	DpError		err;

	if (ARR_ELEMTYPE(a) != FLOAT8OID || ARR_NDIM(a) != 1 || ARR_HASNULL(a) ||
		ARR_DIMS(a)[0] != CAPACITY_HHI_NSTATE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid dp.hhi state: expected %d float8 values without NULLs", CAPACITY_HHI_NSTATE)));
	st = (double *) ARR_DATA_PTR(a);
	if (!capacity_hhi_check(st, &err))
		dp_raise(&err);
	return st;
}

/* The left state, updated in place inside an aggregate (as float8_accum does), else a copy. */
static ArrayType *
hhi_left_state(FunctionCallInfo fcinfo)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(0);
	return PG_GETARG_ARRAYTYPE_P_COPY(0);
}

PG_FUNCTION_INFO_V1(dp_hhi_trans);
Datum
dp_hhi_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *a = hhi_left_state(fcinfo);
	double	   *st = hhi_state(a);
	DpError		err;

	if (!capacity_hhi_add(st, PG_GETARG_FLOAT8(1), &err))
		dp_raise(&err);
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(dp_hhi_combine);
Datum
dp_hhi_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a = hhi_left_state(fcinfo);
	double	   *st = hhi_state(a);

	capacity_hhi_combine(st, hhi_state(PG_GETARG_ARRAYTYPE_P(1)));
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(dp_hhi_final);
Datum
dp_hhi_final(PG_FUNCTION_ARGS)
{
	double		hhi;

	if (!capacity_hhi_result(hhi_state(PG_GETARG_ARRAYTYPE_P(0)), &hhi))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(hhi);
}
