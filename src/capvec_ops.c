/*
 * capvec_ops.c: arithmetic, comparison, hashing and reshaping of dp.capvec.
 *
 * Binary operations align the two vectors on the calendar: the result spans
 * both and a period one side lacks counts as 0 (cv_span_union).
 */
#include "dp.h"

#include <math.h>

#include "common/hashfn.h"
#include "utils/builtins.h"

/* The aligned result of the arguments a and b, holding a laid out on it. */
static CapVec *
aligned_copy(CapVec *a, CapVec *b, DpWhere where)
{
	static const char *const names[2] = {"a", "b"};
	CapVec	   *args[2] = {a, b};
	CapVecSet	s;
	CapVec	   *r;

	capvec_set_at(&s, 2, args, names, NULL, NULL, NULL, where);
	r = capvec_set_result(&s);
	if (a->n > 0)
		capvec_place(r->values, s.span_first, a);
	return r;
}

/* a + sign * b over the aligned span (cv_add_scaled). */
static Datum
add_sub(FunctionCallInfo fcinfo, double sign, DpWhere where)
{
	CapVec	   *a = PG_GETARG_CAPVEC_P(0);
	CapVec	   *b = PG_GETARG_CAPVEC_P(1);
	CapVec	   *r = aligned_copy(a, b, where);

	cv_add_scaled(r->values, capvec_first(r), b->values, capvec_first(b), b->n, sign);
	PG_RETURN_CAPVEC_P(capvec_finish_at(r, where));
}

/* Operator +: a + b aligned on the calendar. */
PG_FUNCTION_INFO_V1(capvec_add);
Datum
capvec_add(PG_FUNCTION_ARGS)
{
	return add_sub(fcinfo, 1.0, DP_HERE);
}

/* Operator -: a - b aligned on the calendar. */
PG_FUNCTION_INFO_V1(capvec_sub);
Datum
capvec_sub(PG_FUNCTION_ARGS)
{
	return add_sub(fcinfo, -1.0, DP_HERE);
}

/* A vector of the same shape as the first argument, its values kernel(v) (22003 on overflow). */
static Datum
elementwise(FunctionCallInfo fcinfo, void (*kernel) (double *, const double *, int32_t),
			DpWhere where)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	CapVec	   *r = capvec_same_shape(v);

	kernel(r->values, v->values, v->n);
	PG_RETURN_CAPVEC_P(capvec_finish_at(r, where));
}

/* Unary operator -: cv_negate. */
PG_FUNCTION_INFO_V1(capvec_neg);
Datum
capvec_neg(PG_FUNCTION_ARGS)
{
	return elementwise(fcinfo, cv_negate, DP_HERE);
}

/* v * factor (cv_scale), factor finite. */
static Datum
scale(CapVec *v, double factor, DpWhere where)
{
	CapVec	   *r = capvec_same_shape(v);

	dp_finite_arg_at(factor, "factor", where);
	cv_scale(r->values, v->values, v->n, factor);
	PG_RETURN_CAPVEC_P(capvec_finish_at(r, where));
}

/* Operator *: capvec * float8. */
PG_FUNCTION_INFO_V1(capvec_mul);
Datum
capvec_mul(PG_FUNCTION_ARGS)
{
	return scale(PG_GETARG_CAPVEC_P(0), PG_GETARG_FLOAT8(1), DP_HERE);
}

/* Operator *: float8 * capvec. */
PG_FUNCTION_INFO_V1(float8_mul_capvec);
Datum
float8_mul_capvec(PG_FUNCTION_ARGS)
{
	return scale(PG_GETARG_CAPVEC_P(1), PG_GETARG_FLOAT8(0), DP_HERE);
}

/* Operator /: capvec / float8 (cv_divide; 22012 for 0). */
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
	r = capvec_same_shape(v);
	cv_divide(r->values, v->values, v->n, d);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

/* Period-by-period min or max of a and b over the aligned span (cv_pointwise). */
static Datum
pointwise(FunctionCallInfo fcinfo, bool take_max, DpWhere where)
{
	CapVec	   *a = PG_GETARG_CAPVEC_P(0);
	CapVec	   *b = PG_GETARG_CAPVEC_P(1);
	CapVec	   *r = aligned_copy(a, b, where);

	cv_pointwise(r->values, capvec_first(r), r->n, b->values, capvec_first(b), b->n, take_max);
	PG_RETURN_CAPVEC_P(capvec_finish_at(r, where));
}

/* dp.pointwise_min(a, b). */
PG_FUNCTION_INFO_V1(dp_pointwise_min);
Datum
dp_pointwise_min(PG_FUNCTION_ARGS)
{
	return pointwise(fcinfo, false, DP_HERE);
}

/* dp.pointwise_max(a, b). */
PG_FUNCTION_INFO_V1(dp_pointwise_max);
Datum
dp_pointwise_max(PG_FUNCTION_ARGS)
{
	return pointwise(fcinfo, true, DP_HERE);
}

/* dp.clamp(v, lo, hi): each value limited to [lo, hi] (cv_clamp). */
PG_FUNCTION_INFO_V1(dp_clamp);
Datum
dp_clamp(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	double		lo = dp_finite_arg(PG_GETARG_FLOAT8(1), "lo");
	double		hi = dp_finite_arg(PG_GETARG_FLOAT8(2), "hi");
	CapVec	   *r;

	if (lo > hi)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clamp bounds are reversed: lo %s is above hi %s", dp_num(lo).s, dp_num(hi).s)));
	r = capvec_same_shape(v);
	cv_clamp(r->values, v->values, v->n, lo, hi);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}

/* dp.cumulative(v): running totals (cv_cumulate). */
PG_FUNCTION_INFO_V1(dp_cumulative);
Datum
dp_cumulative(PG_FUNCTION_ARGS)
{
	return elementwise(fcinfo, cv_cumulate, DP_HERE);
}

/* ---- comparison and hashing ---- */

/* The sort order of the two arguments (cv_compare). */
static int
compare(FunctionCallInfo fcinfo)
{
	CapVec	   *a = PG_GETARG_CAPVEC_P(0);
	CapVec	   *b = PG_GETARG_CAPVEC_P(1);

	return cv_compare((DpPeriod) a->period, a->start, a->values, a->n,
						  (DpPeriod) b->period, b->start, b->values, b->n);
}

/* Operator =: same period, start and values (0 equals -0). */
PG_FUNCTION_INFO_V1(capvec_eq);
Datum
capvec_eq(PG_FUNCTION_ARGS)
{
	CapVec	   *a = PG_GETARG_CAPVEC_P(0);
	CapVec	   *b = PG_GETARG_CAPVEC_P(1);

	PG_RETURN_BOOL(a->period == b->period && a->start == b->start && a->n == b->n &&
				   cv_values_equal(a->values, b->values, a->n));
}

/* Operator <>. */
PG_FUNCTION_INFO_V1(capvec_ne);
Datum
capvec_ne(PG_FUNCTION_ARGS)
{
	return BoolGetDatum(!DatumGetBool(capvec_eq(fcinfo)));
}

/* Operator <. */
PG_FUNCTION_INFO_V1(capvec_lt);
Datum
capvec_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) < 0);
}

/* Operator <=. */
PG_FUNCTION_INFO_V1(capvec_le);
Datum
capvec_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) <= 0);
}

/* Operator >. */
PG_FUNCTION_INFO_V1(capvec_gt);
Datum
capvec_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) > 0);
}

/* Operator >=. */
PG_FUNCTION_INFO_V1(capvec_ge);
Datum
capvec_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare(fcinfo) >= 0);
}

/* btree support: the sort order. */
PG_FUNCTION_INFO_V1(capvec_cmp);
Datum
capvec_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare(fcinfo));
}

/* hash support: period, start and values; 0 and -0 hash alike since they compare equal. */
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

/* dp.shift(v, k): the same values k periods later. */
PG_FUNCTION_INFO_V1(dp_shift);
Datum
dp_shift(PG_FUNCTION_ARGS)
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

/* dp.slice(v, from_date, to_date): the periods starting in [from_date, to_date) (cv_slice_range). */
PG_FUNCTION_INFO_V1(dp_slice);
Datum
dp_slice(PG_FUNCTION_ARGS)
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
	cv_slice_range(p, capvec_first(v), v->n, from, to, &first, &off, &cnt);
	r = capvec_new(p, first, cnt);
	memcpy(r->values, v->values + off, sizeof(double) * cnt);
	PG_RETURN_CAPVEC_P(r);
}

/* dp.pad(v, from_date, to_date): widened with zeros (cv_pad_span). */
PG_FUNCTION_INFO_V1(dp_pad);
Datum
dp_pad(PG_FUNCTION_ARGS)
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
				 errdetail(CAL_RANGE_DETAIL)));
	to = to_arg;
	cv_pad_span((DpPeriod) v->period, capvec_first(v), v->n, from, to, &r0, &rn);
	r = capvec_new((DpPeriod) v->period, r0, rn);
	if (rn == v->n)
		r->start = v->start;
	capvec_place(r->values, r0, v);
	PG_RETURN_CAPVEC_P(r);
}

/* dp.resample(v, period): quantities spread over days and summed into the new periods (cv_resample). */
PG_FUNCTION_INFO_V1(dp_resample);
Datum
dp_resample(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	DpPeriod	tp = dp_period_arg(PG_GETARG_TEXT_PP(1));
	int64		first = capvec_first(v);
	int64		t0,
				tn;
	CapVec	   *r;

	cv_resample_span((DpPeriod) v->period, first, v->start, v->n, tp, &t0, &tn);
	r = capvec_new(tp, t0, tn);
	cv_resample((DpPeriod) v->period, first, v->start, v->values, v->n, tp, t0, r->start,
				r->values);
	PG_RETURN_CAPVEC_P(capvec_finish(r));
}
