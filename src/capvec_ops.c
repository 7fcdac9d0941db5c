/*
 * capvec_ops.c: arithmetic, comparison, hashing and reshaping of dp.capvec.
 *
 * Binary operations align the two vectors on the calendar: the result spans
 * both and a period one side lacks counts as 0 (capvec_span_union).
 */
#include "dp.h"

#include <math.h>

#include "common/hashfn.h"
#include "utils/builtins.h"

/* Allocate the aligned result of a and b, holding a laid out on it. */
static CapVec *
aligned_copy(const CapVec *a, const CapVec *b)
{
	int64		r0,
				rn;
	CapVec	   *r;

	capvec_check_same_period(a, b);
	capvec_span_union(capvec_first(a), a->n, capvec_first(b), b->n, &r0, &rn);
	r = capvec_new((DpPeriod) a->period, r0, rn);
	if (a->n > 0)
		capvec_place(r->values, r0, a);
	else if (rn == 0)
		r->start = a->start;
	return r;
}

/* A copy of v with the same span, values to be filled by the caller. */
static CapVec *
same_shape(const CapVec *v)
{
	CapVec	   *r = (CapVec *) palloc(VARSIZE(v));

	memcpy(r, v, offsetof(CapVec, values));
	return r;
}

static Datum
add_sub(FunctionCallInfo fcinfo, double sign)
{
	CapVec	   *a = PG_GETARG_CAPVEC_P(0);
	CapVec	   *b = PG_GETARG_CAPVEC_P(1);
	CapVec	   *r = aligned_copy(a, b);

	capvec_add_scaled(r->values, capvec_first(r), b->values, capvec_first(b), b->n, sign);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

PG_FUNCTION_INFO_V1(capvec_add);
Datum
capvec_add(PG_FUNCTION_ARGS)
{
	return add_sub(fcinfo, 1.0);
}

PG_FUNCTION_INFO_V1(capvec_sub);
Datum
capvec_sub(PG_FUNCTION_ARGS)
{
	return add_sub(fcinfo, -1.0);
}

PG_FUNCTION_INFO_V1(capvec_neg);
Datum
capvec_neg(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	CapVec	   *r = same_shape(v);

	capvec_negate(r->values, v->values, v->n);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

static Datum
scale(CapVec *v, double factor)
{
	CapVec	   *r = same_shape(v);

	dp_finite_arg(factor, "factor");
	capvec_scale(r->values, v->values, v->n, factor);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

PG_FUNCTION_INFO_V1(capvec_mul);
Datum
capvec_mul(PG_FUNCTION_ARGS)
{
	return scale(PG_GETARG_CAPVEC_P(0), PG_GETARG_FLOAT8(1));
}

PG_FUNCTION_INFO_V1(float8_mul_capvec);
Datum
float8_mul_capvec(PG_FUNCTION_ARGS)
{
	return scale(PG_GETARG_CAPVEC_P(1), PG_GETARG_FLOAT8(0));
}

PG_FUNCTION_INFO_V1(capvec_div);
Datum
capvec_div(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	double		d = dp_finite_arg(PG_GETARG_FLOAT8(1), "divisor");
	CapVec	   *r;

	if (d == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("division by zero")));
	r = same_shape(v);
	capvec_divide(r->values, v->values, v->n, d);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

static Datum
pointwise(FunctionCallInfo fcinfo, bool take_max)
{
	CapVec	   *a = PG_GETARG_CAPVEC_P(0);
	CapVec	   *b = PG_GETARG_CAPVEC_P(1);
	CapVec	   *r = aligned_copy(a, b);

	capvec_pointwise(r->values, capvec_first(r), r->n, b->values, capvec_first(b), b->n, take_max);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

PG_FUNCTION_INFO_V1(capvec_pointwise_min);
Datum
capvec_pointwise_min(PG_FUNCTION_ARGS)
{
	return pointwise(fcinfo, false);
}

PG_FUNCTION_INFO_V1(capvec_pointwise_max);
Datum
capvec_pointwise_max(PG_FUNCTION_ARGS)
{
	return pointwise(fcinfo, true);
}

PG_FUNCTION_INFO_V1(capvec_clamp_fn);
Datum
capvec_clamp_fn(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	double		lo = dp_finite_arg(PG_GETARG_FLOAT8(1), "lo");
	double		hi = dp_finite_arg(PG_GETARG_FLOAT8(2), "hi");
	CapVec	   *r;

	if (lo > hi)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clamp bounds are reversed: lo %g is above hi %g", lo, hi)));
	r = same_shape(v);
	capvec_clamp(r->values, v->values, v->n, lo, hi);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

PG_FUNCTION_INFO_V1(capvec_cumulative);
Datum
capvec_cumulative(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	CapVec	   *r = same_shape(v);

	capvec_cumulate(r->values, v->values, v->n);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

/* ---- comparison and hashing ---- */

static int
compare(FunctionCallInfo fcinfo)
{
	CapVec	   *a = PG_GETARG_CAPVEC_P(0);
	CapVec	   *b = PG_GETARG_CAPVEC_P(1);

	return capvec_compare((DpPeriod) a->period, a->start, a->values, a->n,
						  (DpPeriod) b->period, b->start, b->values, b->n);
}

PG_FUNCTION_INFO_V1(capvec_eq);
Datum
capvec_eq(PG_FUNCTION_ARGS)
{
	CapVec	   *a = PG_GETARG_CAPVEC_P(0);
	CapVec	   *b = PG_GETARG_CAPVEC_P(1);

	PG_RETURN_BOOL(a->period == b->period && a->start == b->start && a->n == b->n &&
				   capvec_values_equal(a->values, b->values, a->n));
}

PG_FUNCTION_INFO_V1(capvec_ne);
Datum
capvec_ne(PG_FUNCTION_ARGS)
{
	return BoolGetDatum(!DatumGetBool(capvec_eq(fcinfo)));
}

PG_FUNCTION_INFO_V1(capvec_lt);
Datum
capvec_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(capvec_le);
Datum
capvec_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(capvec_gt);
Datum
capvec_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(capvec_ge);
Datum
capvec_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(capvec_cmp);
Datum
capvec_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare(fcinfo));
}

/* Hash of period, start and values; 0 and -0 hash alike since they compare equal. */
PG_FUNCTION_INFO_V1(capvec_hash);
Datum
capvec_hash(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	uint32		h = hash_uint32(((uint32) v->period << 24) ^ (uint32) v->start);

	for (int32 i = 0; i < v->n; i++)
	{
		double		x = v->values[i] == 0.0 ? 0.0 : v->values[i];
		uint64		bits;

		memcpy(&bits, &x, sizeof(bits));
		h = hash_combine(h, murmurhash32((uint32) bits ^ (uint32) (bits >> 32) * 0x9E3779B1u));
	}
	PG_RETURN_UINT32(h);
}

/* ---- reshaping ---- */

PG_FUNCTION_INFO_V1(capvec_shift);
Datum
capvec_shift(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	int32		k = PG_GETARG_INT32(1);
	CapVec	   *r = capvec_new((DpPeriod) v->period, capvec_first(v) + k, v->n);

	memcpy(r->values, v->values, sizeof(double) * v->n);
	PG_RETURN_CAPVEC_P(r);
}

/* A date argument clamped to the calendar range (infinities allowed). */
static int64
clamped_date(DateADT d)
{
	if (DATE_IS_NOBEGIN(d) || d < DP_DATE_MIN)
		return DP_DATE_MIN;
	if (DATE_IS_NOEND(d) || d > DP_DATE_END)
		return DP_DATE_END;
	return d;
}

PG_FUNCTION_INFO_V1(capvec_slice);
Datum
capvec_slice(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	DpPeriod	p = (DpPeriod) v->period;
	int64		from = clamped_date(PG_GETARG_DATEADT(1));
	int64		to = clamped_date(PG_GETARG_DATEADT(2));
	int64		first;
	int32		off,
				cnt;
	CapVec	   *r;

	/* an empty slice starting at 10000-01-01 could not be printed: start it in 9999 */
	if (from >= DP_DATE_END)
		from = cal_index_start(p, cal_index(p, DP_DATE_END - 1));
	capvec_slice_range(p, capvec_first(v), v->n, from, to, &first, &off, &cnt);
	r = capvec_new(p, first, cnt);
	memcpy(r->values, v->values + off, sizeof(double) * cnt);
	PG_RETURN_CAPVEC_P(r);
}

PG_FUNCTION_INFO_V1(capvec_pad);
Datum
capvec_pad(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	int64		from = dp_date_arg(PG_GETARG_DATEADT(1), "from_date");
	DateADT		to_arg = PG_GETARG_DATEADT(2);
	int64		to;
	int64		r0,
				rn;
	CapVec	   *r;

	/* to_date is exclusive, so 10000-01-01 is a valid end */
	if (DATE_NOT_FINITE(to_arg) || to_arg < DP_DATE_MIN || to_arg > DP_DATE_END)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("to_date is out of range for a capvec"),
				 errdetail("Dates must lie between 0001-01-01 and 9999-12-31.")));
	to = to_arg;
	capvec_pad_span((DpPeriod) v->period, capvec_first(v), v->n, from, to, &r0, &rn);
	r = capvec_new((DpPeriod) v->period, r0, rn);
	if (rn == v->n)
		r->start = v->start;
	capvec_place(r->values, r0, v);
	PG_RETURN_CAPVEC_P(r);
}

PG_FUNCTION_INFO_V1(capvec_resample_fn);
Datum
capvec_resample_fn(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	DpPeriod	tp = dp_period_arg(PG_GETARG_TEXT_PP(1));
	int64		first = capvec_first(v);
	int64		t0,
				tn;
	CapVec	   *r;

	capvec_resample_span((DpPeriod) v->period, first, v->start, v->n, tp, &t0, &tn);
	r = capvec_new(tp, t0, tn);
	capvec_resample((DpPeriod) v->period, first, v->start, v->values, v->n, tp, t0, r->start,
					r->values);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}
