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
