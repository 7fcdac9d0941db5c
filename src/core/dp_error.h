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
#include <stddef.h>
#include <stdint.h>

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
	DP_ERR_SOLVER,				/* 38000 external_routine_exception: a linked solver failed */
	DP_ERR_DATE_FORMAT,			/* 22007 invalid_datetime_format */
	DP_ERR_BINARY				/* 22P03 invalid_binary_representation */
} DpErrCode;

/*
 * Room for a message, detail or hint: quotes of input are at most
 * DP_QUOTE_CHARS characters of at most 4 bytes (dp_quote), so no message
 * is ever cut.
 */
#define DP_ERRMSG_LEN 1024

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

/*
 * Input quoted in messages is cut by characters, never inside one: the
 * length in bytes of the character starting at s (at least 1).  The default
 * reads UTF-8; the glue installs the server encoding's (pg_mblen) when the
 * library loads.
 */
typedef int (*DpCharLen) (const char *s);
extern void dp_set_char_len(DpCharLen f);

/* The most characters of input a message quotes. */
#define DP_QUOTE_CHARS 80

/*
 * At most max (<= DP_QUOTE_CHARS) characters of s[0 .. len) (stopping at a
 * NUL), followed by "..." when cut: dp_fail(err, ..., "\"%s\"", dp_quote(s,
 * len, 80).s).
 */
typedef struct DpQuote
{
	char		s[DP_QUOTE_CHARS * 4 + 4];
} DpQuote;

extern DpQuote dp_quote(const char *s, size_t len, int max);

/*
 * Long loops in the core call a tick now and then (every DP_TICK_EVERY
 * units of work) so the glue can check for interrupts (a query cancel or
 * statement_timeout): the callback may not return (it longjmps out), so
 * the core holds no resources across a tick.  A NULL DpTick is never called.
 */
typedef struct DpTick
{
	void		(*fn) (void *arg);
	void	   *arg;
} DpTick;

#define DP_TICK_EVERY 65536
/* Characters a scanning loop passes between two ticks (a power of two). */
#define DP_TICK_BYTES (1 << 20)

static inline void
dp_tick(const DpTick *t)
{
	if (t != NULL && t->fn != NULL)
		t->fn(t->arg);
}

/* In a loop stepping a pointer p through text: tick when p crosses a DP_TICK_BYTES boundary. */
static inline void
dp_tick_text(const DpTick *t, const char *p)
{
	if (((uintptr_t) p & (DP_TICK_BYTES - 1)) == 0)
		dp_tick(t);
}

#endif
