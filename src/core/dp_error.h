/*
 * dp_error.h: how the plain-C core reports a failure to its caller.
 *
 * Core functions never call back into PostgreSQL.  They fill a DpError and
 * return false; the fmgr glue turns it into ereport() with the SQLSTATE that
 * the code names (see dp_raise in src/dp.h).
 */
#ifndef DP_ERROR_H
#define DP_ERROR_H

#include <stdbool.h>

typedef enum DpErrCode
{
	DP_OK = 0,
	DP_ERR_SYNTAX,				/* 22P02 invalid_text_representation */
	DP_ERR_ARG,					/* 22023 invalid_parameter_value */
	DP_ERR_RANGE,				/* 22003 numeric_value_out_of_range */
	DP_ERR_LIMIT,				/* 54000 program_limit_exceeded */
	DP_ERR_DIV0,				/* 22012 division_by_zero */
	DP_ERR_NULL,				/* 22004 null_value_not_allowed */
	DP_ERR_DATE,				/* 22008 datetime_field_overflow */
	DP_ERR_CANCELED,			/* the caller's interrupt callback asked to stop */
	DP_ERR_SOLVER				/* 38000 external_routine_exception: a linked solver failed */
} DpErrCode;

#define DP_ERRMSG_LEN 256

typedef struct DpError
{
	DpErrCode	code;
	char		msg[DP_ERRMSG_LEN];
	char		detail[DP_ERRMSG_LEN];
	char		hint[DP_ERRMSG_LEN];
} DpError;

/* Record an error (message in PostgreSQL style: lower case, no full stop); returns false. */
extern bool dp_fail(DpError *err, DpErrCode code, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
/* Add a full-sentence detail or hint to the error recorded last. */
extern void dp_detail(DpError *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
extern void dp_hint(DpError *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/*
 * A number as messages print it: the shortest of %.15g .. %.17g that reads
 * back as the same double, NaN and (-)Infinity spelt as float8 spells them.
 * The one formatter for numbers in messages (core and glue alike), used as
 * dp_fail(err, ..., "%s", dp_num(x).s).
 */
typedef struct DpNum
{
	char		s[32];
} DpNum;

extern DpNum dp_num(double x);

#endif
