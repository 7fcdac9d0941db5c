/*
 * compat.c: the C entry points named in the released 0.1.0 install script.
 *
 * 0.2.0 names every entry point after its SQL function (see dp.h), and the
 * 0.1.0--0.2.0 upgrade script re-points the SQL functions.  These wrappers
 * keep the old names working meanwhile: a 0.1.0 database keeps working with
 * this library until ALTER EXTENSION ... UPDATE, and the 0.1.0 script still
 * installs (CREATE EXTENSION ... VERSION '0.1.0', pg_upgrade of a 0.1.0
 * database).  Drop them with the 0.1.0 upgrade path.
 */
#include "dp.h"

#include "catalog/pg_type.h"

#include "core/capacity_core.h"

/* The 0.1.0 name old, calling the entry point now named new. */
#define DP_COMPAT(old, new) \
	extern PGDLLEXPORT Datum new(PG_FUNCTION_ARGS); \
	PG_FUNCTION_INFO_V1(old); \
	Datum old(PG_FUNCTION_ARGS) { return new(fcinfo); }

DP_COMPAT(capvec_make, dp_capvec)
DP_COMPAT(capvec_period, dp_period)
DP_COMPAT(capvec_start_date, dp_start_date)
DP_COMPAT(capvec_end_date, dp_end_date)
DP_COMPAT(capvec_length, dp_length)
DP_COMPAT(capvec_total, dp_total)
DP_COMPAT(capvec_value_at, dp_value_at)
DP_COMPAT(capvec_unnest, dp_unnest)
DP_COMPAT(capvec_pointwise_min, dp_pointwise_min)
DP_COMPAT(capvec_pointwise_max, dp_pointwise_max)
DP_COMPAT(capvec_clamp_fn, dp_clamp)
DP_COMPAT(capvec_cumulative, dp_cumulative)
DP_COMPAT(capvec_shift, dp_shift)
DP_COMPAT(capvec_slice, dp_slice)
DP_COMPAT(capvec_pad, dp_pad)
DP_COMPAT(capvec_resample_fn, dp_resample)
DP_COMPAT(nsn_fsg, dp_fsg)
DP_COMPAT(nsn_nsc, dp_nsc)
DP_COMPAT(nsn_ncb_code, dp_ncb_code)
DP_COMPAT(nsn_niin_text, dp_niin)

/*
 * dp.hhi's 0.1.0 state was a float8[4] {count, sum, sumsq, exponent}; 0.2.0
 * has the type dp.hhi_state (hhi_state_trans and friends in capacity.c).
 * The 0.1.0 functions over the array, for 0.1.0 databases.
 */

/* The four values of a state array, checked (capacity_hhi_check). */
static double *
hhi_array_state(ArrayType *a, DpWhere where)
{
	double	   *st;
	DpError		err;

	if (ARR_ELEMTYPE(a) != FLOAT8OID || ARR_NDIM(a) != 1 || ARR_HASNULL(a) ||
		ARR_DIMS(a)[0] != CAPACITY_HHI_NSTATE)
		dp_error_at(where,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("invalid dp.hhi state: expected %d float8 values without NULLs", CAPACITY_HHI_NSTATE));
	st = (double *) ARR_DATA_PTR(a);
	if (!capacity_hhi_check(st, &err))
		dp_raise_at(&err, where);
	return st;
}

/* The left state array, updated in place inside an aggregate, else a copy. */
static ArrayType *
hhi_array_left(FunctionCallInfo fcinfo)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(0);
	return PG_GETARG_ARRAYTYPE_P_COPY(0);
}

PG_FUNCTION_INFO_V1(dp_hhi_trans);
Datum
dp_hhi_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *a = hhi_array_left(fcinfo);
	DpError		err;

	if (!capacity_hhi_add(hhi_array_state(a, DP_HERE), PG_GETARG_FLOAT8(1), &err))
		dp_raise(&err);
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(dp_hhi_combine);
Datum
dp_hhi_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a = hhi_array_left(fcinfo);

	capacity_hhi_combine(hhi_array_state(a, DP_HERE), hhi_array_state(PG_GETARG_ARRAYTYPE_P(1), DP_HERE));
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(dp_hhi_final);
Datum
dp_hhi_final(PG_FUNCTION_ARGS)
{
	double		hhi;

	if (!capacity_hhi_result(hhi_array_state(PG_GETARG_ARRAYTYPE_P(0), DP_HERE), &hhi))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(hhi);
}
