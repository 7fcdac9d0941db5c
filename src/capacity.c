/*
 * capacity.c: fmgr glue of the capacity module: constant and ramp-up
 * profiles, posture surges, bill-of-materials bottlenecks and the binding
 * component, the date a level is reached, and the dp.hhi aggregate.  The
 * numerics live in core/capacity_core.c.
 */
#include "dp.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "core/capacity_core.h"

/* A rate argument: finite (22003) and not negative (22023). */
static void
check_rate(double x, const char *argname, DpWhere where)
{
	DpError		err;

	if (!capacity_check_rate(x, argname, &err))
		dp_raise_at(&err, where);
}

/* A count of periods: not negative, within the vector limit. */
static void
check_count(int64 x, const char *argname, DpWhere where)
{
	DpError		err;

	if (!capacity_check_count(x, argname, &err))
		dp_raise_at(&err, where);
}

/* ---- profiles ---- */

/* dp.constant(period, start, periods, rate): the same rate in every period (capacity_fill). */
PG_FUNCTION_INFO_V1(dp_constant);
Datum
dp_constant(PG_FUNCTION_ARGS)
{
	DpPeriod	p = dp_period_arg(PG_GETARG_TEXT_PP(0));
	int64		first = dp_start_arg(p, PG_GETARG_DATEADT(1), "start");
	int32		periods = PG_GETARG_INT32(2);
	double		rate = PG_GETARG_FLOAT8(3);
	CapVec	   *v;

	check_count(periods, "periods", DP_HERE);
	check_rate(rate, "rate", DP_HERE);
	v = capvec_new(p, first, periods);
	capacity_fill(v->values, v->n, rate);
	PG_RETURN_CAPVEC_P(capvec_finish(v));
}

/* The arguments of dp.ramp, in order. */
enum RampArg
{
	RAMP_PERIOD, RAMP_START, RAMP_PERIODS, RAMP_FROM_RATE, RAMP_TO_RATE, RAMP_RAMP_START,
	RAMP_RAMP_PERIODS, RAMP_SHAPE, RAMP_NARGS
};

/*
 * dp.ramp(period, start, periods, from_rate, to_rate, ramp_start, ramp_periods,
 * shape): a ramp-up (or run-down) profile (capacity_ramp).  Not strict: a NULL
 * ramp_start means the first period; any other NULL argument gives NULL.
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

	for (int i = 0; i < RAMP_NARGS; i++)
		if (i != RAMP_RAMP_START && PG_ARGISNULL(i))
			PG_RETURN_NULL();
	p = dp_period_arg(PG_GETARG_TEXT_PP(RAMP_PERIOD));
	first = dp_start_arg(p, PG_GETARG_DATEADT(RAMP_START), "start");
	periods = PG_GETARG_INT32(RAMP_PERIODS);
	from = PG_GETARG_FLOAT8(RAMP_FROM_RATE);
	to = PG_GETARG_FLOAT8(RAMP_TO_RATE);
	ramp_periods = PG_GETARG_INT32(RAMP_RAMP_PERIODS);
	shape_name = PG_GETARG_TEXT_PP(RAMP_SHAPE);

	check_count(periods, "periods", DP_HERE);
	check_rate(from, "from_rate", DP_HERE);
	check_rate(to, "to_rate", DP_HERE);
	check_count(ramp_periods, "ramp_periods", DP_HERE);
	if (!capacity_shape_lookup(VARDATA_ANY(shape_name), VARSIZE_ANY_EXHDR(shape_name), &shape))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown ramp shape \"%s\"", text_to_cstring(shape_name)),
				 errhint("Use linear, scurve or step.")));
	r0 = PG_ARGISNULL(RAMP_RAMP_START) ? first
		: cal_index(p, dp_date_arg(PG_GETARG_DATEADT(RAMP_RAMP_START), "ramp_start"));

	v = capvec_new(p, first, periods);
	capacity_ramp(v->values, v->n, first, r0, ramp_periods, from, to, shape);
	PG_RETURN_CAPVEC_P(capvec_finish(v));
}

/* dp.surge(base, factor, from_date, ramp_periods): base times a factor ramping from 1 (capacity_surge). */
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

	dp_finite_arg(factor, "surge factor");
	if (factor < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("surge factor must not be negative: %s", dp_num(factor).s),
				 errdetail("The factor multiplies capacity: above 1 a surge, 1 no change, below 1 a cut, 0 a stop.")));
	check_count(ramp_periods, "ramp_periods", DP_HERE);

	r = capvec_same_shape(base);
	capacity_surge(r->values, base->values, base->n, capvec_first(base), cal_index(p, from),
				   ramp_periods, factor);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

/* ---- bill-of-materials bottleneck ---- */

/* The hint of a NULL element of components or qty_per. */
#define BOM_NULL_HINT "Every component needs a capacity vector and a quantity per assembly."

/*
 * Per period over the aligned span of the components: the fewest assemblies
 * min_i(components[i] / qty_per[i]) into *out (a new vector) and, when
 * binding is wanted, the 1-based position of the component that binds
 * (capacity_bottleneck_add).  The arrays are walked in place: no allocation
 * per element.
 */
static void
bottleneck(FunctionCallInfo fcinfo, CapVec **out, ArrayType **binding, DpWhere where)
{
	ArrayType  *carr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *qarr = PG_GETARG_ARRAYTYPE_P(1);
	int			n,
				nq;
	const double *qty;
	CapVecSet	s;
	CapVec	   *res;
	int32	   *bind = NULL;
	DpError		err;

	n = dp_array_count_at(carr, "components", where);
	if (n == 0)
		dp_error_at(where,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("components must not be empty"));
	nq = dp_array_count_at(qarr, "qty_per", where);
	if (nq != n)
		dp_error_at(where,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("components has %d elements but qty_per has %d", n, nq),
					errdetail("qty_per gives one quantity per assembly for each component, in the same order."));
	qty = dp_float8_array_at(qarr, "qty_per", BOM_NULL_HINT, &nq, where);
	for (int i = 0; i < n; i++)
		if (!capacity_check_qty(qty[i], i + 1, &err))
			dp_raise_at(&err, where);

	/* one period; the span: empty components add nothing; all empty: empty at the first one's start */
	capvec_set_at(&s, 0, NULL, NULL, carr, "components", BOM_NULL_HINT, where);
	res = capvec_set_result(&s);
	if (binding != NULL)
	{
		/* the positions go straight into the result array */
		*binding = dp_new_array(INT4OID, sizeof(int32), s.span_n);
		if (s.span_n > 0)
			bind = (int32 *) ARR_DATA_PTR(*binding);
	}
	for (int i = 0; i < n; i++)
	{
		capacity_bottleneck_add(res->values, bind, s.span_first, s.span_n, s.first[i],
								s.v[i]->values, s.v[i]->n, qty[i], i + 1);
		CHECK_FOR_INTERRUPTS();
	}
	/* a ratio that overflowed float8 is 22003 for both functions */
	*out = capvec_finish_at(res, where);
}

/* dp.bottleneck(components, qty_per): the assemblies the components allow, per period. */
PG_FUNCTION_INFO_V1(dp_bottleneck);
Datum
dp_bottleneck(PG_FUNCTION_ARGS)
{
	CapVec	   *out;

	bottleneck(fcinfo, &out, NULL, DP_HERE);
	PG_RETURN_CAPVEC_P(out);
}

/* dp.binding_component(components, qty_per): per period, the position of the component that binds. */
PG_FUNCTION_INFO_V1(dp_binding_component);
Datum
dp_binding_component(PG_FUNCTION_ARGS)
{
	CapVec	   *out;
	ArrayType  *binding;

	bottleneck(fcinfo, &out, &binding, DP_HERE);
	PG_RETURN_ARRAYTYPE_P(binding);
}

/*
 * dp.bom_capacity(components, qty_per): the bottleneck and, per period, the
 * binding component, from one pass (a record of the two).
 */
PG_FUNCTION_INFO_V1(dp_bom_capacity);
Datum
dp_bom_capacity(PG_FUNCTION_ARGS)
{
	CapVec	   *out;
	ArrayType  *binding;
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "dp.bom_capacity must return a record");
	bottleneck(fcinfo, &out, &binding, DP_HERE);
	values[0] = PointerGetDatum(out);
	values[1] = PointerGetDatum(binding);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* dp.date_reaching(v, level): start of the first period at or above level, else NULL (capacity_first_reaching). */
PG_FUNCTION_INFO_V1(dp_date_reaching);
Datum
dp_date_reaching(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	int32		i = capacity_first_reaching(v->values, v->n,
												dp_finite_arg(PG_GETARG_FLOAT8(1), "level"));

	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(capvec_date(v, i));
}

/*
 * ---- dp.hhi and its state type dp.hhi_state ----
 * The state is the core's four doubles {count, sum, sumsq, exponent}
 * (capacity_core.h), a fixed-length type; its text form is exact
 * (capacity_hhi_format), its binary form the four float8.  States from
 * outside are checked where they come in (text and binary input).
 */

#define HHI_STATE_SIZE (sizeof(double) * CAPACITY_HHI_NSTATE)

/* A state argument: the one given, updated in place inside an aggregate, else a copy. */
static double *
hhi_left_state(FunctionCallInfo fcinfo)
{
	double	   *st = (double *) PG_GETARG_POINTER(0);
	double	   *c;

	if (AggCheckCallContext(fcinfo, NULL))
		return st;
	c = palloc(HHI_STATE_SIZE);
	memcpy(c, st, HHI_STATE_SIZE);
	return c;
}

/* Assertion-enabled builds check every state (a state can only come from input, which checks). */
static inline void
hhi_assert_valid(const double *st)
{
#ifdef USE_ASSERT_CHECKING
	DpError		err;

	Assert(capacity_hhi_check(st, &err));
#endif
}

PG_FUNCTION_INFO_V1(hhi_state_in);
Datum
hhi_state_in(PG_FUNCTION_ARGS)
{
	double	   *st = palloc(HHI_STATE_SIZE);
	DpError		err;

	if (!capacity_hhi_parse(PG_GETARG_CSTRING(0), st, &dp_interrupts, &err))
		dp_raise(&err);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(hhi_state_out);
Datum
hhi_state_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(CAPACITY_HHI_TEXT_MAX);

	capacity_hhi_format((const double *) PG_GETARG_POINTER(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary input: four float8, checked as text input is (capacity_hhi_check). */
PG_FUNCTION_INFO_V1(hhi_state_recv);
Datum
hhi_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	double	   *st = palloc(HHI_STATE_SIZE);
	DpError		err;

	for (int i = 0; i < CAPACITY_HHI_NSTATE; i++)
		st[i] = pq_getmsgfloat8(buf);
	if (!capacity_hhi_check(st, &err))
		dp_raise(&err);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(hhi_state_send);
Datum
hhi_state_send(PG_FUNCTION_ARGS)
{
	const double *st = (const double *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	for (int i = 0; i < CAPACITY_HHI_NSTATE; i++)
		pq_sendfloat8(&buf, st[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* dp.hhi_state_trans(state, quantity): add a quantity (capacity_hhi_add). */
PG_FUNCTION_INFO_V1(hhi_state_trans);
Datum
hhi_state_trans(PG_FUNCTION_ARGS)
{
	double	   *st = hhi_left_state(fcinfo);
	DpError		err;

	hhi_assert_valid(st);
	if (!capacity_hhi_add(st, PG_GETARG_FLOAT8(1), &err))
		dp_raise(&err);
	PG_RETURN_POINTER(st);
}

/* dp.hhi_state_combine(a, b): two partial states added (capacity_hhi_combine). */
PG_FUNCTION_INFO_V1(hhi_state_combine);
Datum
hhi_state_combine(PG_FUNCTION_ARGS)
{
	double	   *st = hhi_left_state(fcinfo);
	const double *b = (const double *) PG_GETARG_POINTER(1);

	hhi_assert_valid(st);
	hhi_assert_valid(b);
	capacity_hhi_combine(st, b);
	PG_RETURN_POINTER(st);
}

/* dp.hhi_state_final(state): the index, NULL without a positive quantity (capacity_hhi_result). */
PG_FUNCTION_INFO_V1(hhi_state_final);
Datum
hhi_state_final(PG_FUNCTION_ARGS)
{
	double		hhi;

	if (!capacity_hhi_result((const double *) PG_GETARG_POINTER(0), &hhi))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(hhi);
}
