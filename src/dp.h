/*
 * dp.h: what the fmgr glue of every module shares: the capvec on-disk layout,
 * its constructor and checkers, and the mapping of core errors to ereport.
 */
#ifndef DP_H
#define DP_H

#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/date.h"

#include "core/calendar.h"
#include "core/capvec_core.h"
#include "core/dp_error.h"

/*
 * A capacity vector: a varlena with a 16-byte header, then n float8 values
 * aligned on 8 bytes.  flags and unused are zero (room for a version).
 */
typedef struct CapVec
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		period;			/* DpPeriod */
	uint8		flags;			/* reserved, 0 */
	int16		unused;			/* reserved, 0 */
	int32		start;			/* DateADT of the first period's first day */
	int32		n;				/* number of periods */
	double		values[FLEXIBLE_ARRAY_MEMBER];
} CapVec;

#define CAPVEC_SIZE(n)		(offsetof(CapVec, values) + sizeof(double) * (n))
#define DatumGetCapVecP(x)	((CapVec *) PG_DETOAST_DATUM(x))
#define PG_GETARG_CAPVEC_P(x) DatumGetCapVecP(PG_GETARG_DATUM(x))
#define PG_RETURN_CAPVEC_P(x) PG_RETURN_POINTER(x)

/* Raise a core error as ereport(ERROR) with its SQLSTATE. */
extern void dp_raise(const DpError *err) pg_attribute_noreturn();

/* Allocate a zeroed vector of n periods whose first period has this index (checks the span). */
extern CapVec *capvec_new(DpPeriod p, int64 first, int64 n);
/* Index of a vector's first period. */
static inline int64
capvec_first(const CapVec *v)
{
	return cal_index((DpPeriod) v->period, v->start);
}
/* Check a computed vector's values (overflow is 22003) and normalise -0. */
extern CapVec *capvec_finish(CapVec *v);
/* Error unless two vectors have the same period (22023, hint: dp.resample). */
extern void capvec_check_same_period(const CapVec *a, const CapVec *b);
/* Period named by a text argument (22023 if unknown). */
extern DpPeriod dp_period_arg(text *t);
/* A DateADT argument within the calendar range (22008 otherwise, names the argument). */
extern int64 dp_date_arg(DateADT d, const char *argname);
/* A finite float8 argument (22003 otherwise, names the argument). */
extern double dp_finite_arg(double x, const char *argname);
/* Lay a vector out on [first, first + n) (zeros elsewhere) into dst. */
extern void capvec_place(double *dst, int64 first, const CapVec *v);
/* Build a capvec from a float8[] argument (22004 on NULL elements, 22003 on non-finite). */
extern CapVec *capvec_from_array(DpPeriod p, int64 first, ArrayType *arr, const char *argname);

/* Shortest round-trip float8 text, as PostgreSQL's float8out prints it. */
extern int	dp_format_double(double value, char *buf);

#endif
