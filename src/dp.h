/*
 * dp.h: the glue layer every module shares (implemented in dp.c): the
 * capvec on-disk layout and its constructor, argument checkers, the set of
 * capvec arguments aligned on one span, array helpers, and errors reported
 * at the SQL function that failed.
 *
 * Layout.  src/core/ is plain C without PostgreSQL headers (pure functions
 * over caller buffers, errors as a DpError); src/<module>.c is the fmgr glue
 * of one module (detoast, check arguments, call the core, wrap the result);
 * src/dp.c holds what all of the glue shares.  Calls go one way: SQL -> glue
 * -> core.
 *
 * Names.  Glue and core never share a prefix, so no name needs a suffix to
 * avoid a clash:
 *  - fmgr entry points take their SQL function's name: the support functions
 *    of a type keep the SQL name, which starts with the type (capvec_in,
 *    capvec_add, capvec_state_combine, nsn_send, float8_mul_capvec); every
 *    other function is dp_ + its SQL name (dp.resample -> dp_resample,
 *    dp.depletion_date -> dp_depletion_date).  An overload taking other
 *    argument types adds a suffix naming what differs
 *    (capvec_agg_trans_timestamptz, dp_simulate_stock_scalar_sd).
 *  - shared glue helpers (this file): capvec_ for those over a CapVec
 *    (capvec_new, capvec_set), dp_ for the rest (dp_raise, dp_finite_arg).
 *    Helpers private to a module file are static and use no core prefix.
 *  - the core prefixes every external name with its file's prefix: cal_
 *    (calendar), cv_ (capvec_core), stat_ (stats), rnd_ (random), capacity_,
 *    fc_ (forecast_core), ets_ (ets_core), theta_ (theta_core), season_
 *    (season), opt_ (optim), stock_ (stockpile_core), harm_ (harmonize_core),
 *    chart_, nsnum_ (nsn_core), rep_ (replenish_core), lp_ (lp.h, the LP
 *    solver adapter lp_clp.c), and types likewise (Cv, Fc, Ets, Theta, Opt,
 *    Stock, Harm, Chart, Rnd, Rep, Lp), ascii_ for the parsers' character
 *    classes (ascii.h).  The one exception is the protocol of dp_error.h
 *    (DpError, dp_fail, dp_detail, dp_hint, dp_num, dp_quote, and the
 *    interrupt tick DpTick), shared by every core file and completed by
 *    dp_raise and dp_interrupts here; the calendar's DpPeriod and DP_
 *    constants are the vocabulary both sides use.
 *
 * Errors.  Every helper here that can raise an error is a macro over an _at
 * function that takes the caller's location (DP_HERE), so VERBOSITY verbose
 * reports LOCATION as the entry point named after the SQL function (or the
 * module helper that passed its caller's location on), never this file.
 * Messages follow PostgreSQL's style (lower case, no full stop); numbers in
 * them are formatted by dp_num.
 */
#ifndef DP_H
#define DP_H

#include "postgres.h"

#include "common/pg_prng.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/date.h"

#include "core/calendar.h"
#include "core/capvec_core.h"
#include "core/dp_error.h"

/* ---- errors reported at the caller ---- */

/* A source location: where an error is to be reported. */
typedef struct DpWhere
{
	const char *file;
	int			line;
	const char *func;
} DpWhere;

#define DP_HERE ((DpWhere) {__FILE__, __LINE__, __func__})

/*
 * ereport(ERROR, ...) reported at a given location rather than here (the
 * extension has no message catalogue of its own: domain NULL, as ereport).
 */
#define dp_error_at(where, ...) \
	do { \
		const DpWhere w_ = (where); \
		if (errstart_cold(ERROR, NULL)) \
			__VA_ARGS__, errfinish(w_.file, w_.line, w_.func); \
		pg_unreachable(); \
	} while (0)

/* Raise a core error as ereport(ERROR) with the SQLSTATE its code names. */
extern void dp_raise_at(const DpError *err, DpWhere where) pg_attribute_noreturn();
#define dp_raise(err) dp_raise_at((err), DP_HERE)

/*
 * Two arguments of different periods: 22023 "a and b have different
 * periods"; the hint (NULL: convert with dp.resample) says what to do.
 */
extern void dp_period_mismatch_at(const char *a, DpPeriod pa, const char *b, DpPeriod pb,
								  const char *hint, DpWhere where) pg_attribute_noreturn();
#define dp_period_mismatch(a, pa, b, pb, hint) dp_period_mismatch_at(a, pa, b, pb, hint, DP_HERE)

/* ---- scalar arguments ---- */

/* Period named by a text argument (22023 if unknown). */
extern DpPeriod dp_period_arg_at(text *t, DpWhere where);
#define dp_period_arg(t) dp_period_arg_at(t, DP_HERE)
/* A finite date within the calendar range [DP_DATE_MIN, DP_DATE_END). */
static inline bool
dp_date_in_range(DateADT d)
{
	return !DATE_NOT_FINITE(d) && d >= DP_DATE_MIN && d < DP_DATE_END;
}
/* A DateADT argument within the calendar range (22008 otherwise, names the argument). */
extern int64 dp_date_arg_at(DateADT d, const char *argname, DpWhere where);
#define dp_date_arg(d, argname) dp_date_arg_at(d, argname, DP_HERE)
/* A start date: in the calendar range and on a boundary of p (22023); its period index. */
extern int64 dp_start_arg_at(DpPeriod p, DateADT d, const char *argname, DpWhere where);
#define dp_start_arg(p, d, argname) dp_start_arg_at(p, d, argname, DP_HERE)
/* A finite float8 argument (22003 otherwise, names the argument). */
extern double dp_finite_arg_at(double x, const char *argname, DpWhere where);
#define dp_finite_arg(x, argname) dp_finite_arg_at(x, argname, DP_HERE)

/*
 * For a non-strict function whose NULL result (or empty result) has a
 * meaning of its own: 22004 "names[i] must not be NULL" for the first NULL
 * argument i among the nargs whose names[i] is not NULL (NULL names: may be
 * NULL), with the hint.
 */
extern void dp_require_args_at(FunctionCallInfo fcinfo, const char *const *names, int nargs,
							   const char *hint, DpWhere where);
#define dp_require_args(fcinfo, names, nargs, hint) dp_require_args_at(fcinfo, names, nargs, hint, DP_HERE)

/* ---- array arguments ---- */

/* Elements of an array argument, which must be one-dimensional (22023). */
extern int	dp_array_count_at(ArrayType *a, const char *argname, DpWhere where);
#define dp_array_count(a, argname) dp_array_count_at(a, argname, DP_HERE)
/*
 * The elements of a one-dimensional float8[] argument without NULLs (22004
 * "argname[i] is NULL", with the hint), in place: *n gets their number.
 */
extern const double *dp_float8_array_at(ArrayType *a, const char *argname, const char *null_hint,
										int *n, DpWhere where);
#define dp_float8_array(a, argname, null_hint, n) dp_float8_array_at(a, argname, null_hint, n, DP_HERE)
/* 22004 "argname[pos] is NULL" (pos counts from 1 whatever the lower bound). */
extern void dp_null_element_at(const char *argname, int pos, const char *hint,
							   DpWhere where) pg_attribute_noreturn();
#define dp_null_element(argname, pos, hint) dp_null_element_at(argname, pos, hint, DP_HERE)
/*
 * An argument with one element per demand: one-dimensional, n elements
 * (22023 "argname must have one element per demand"), no NULLs (22004), of
 * type elemtype (InvalidOid: any); its data, in place.
 */
extern const void *dp_per_demand_array_at(ArrayType *arr, const char *argname, int n, Oid elemtype,
										  DpWhere where);
#define dp_per_demand_array(arr, argname, n, elemtype) dp_per_demand_array_at(arr, argname, n, elemtype, DP_HERE)
/* A new one-dimensional array of n zeroed elements of a fixed-size type, lower bound 1. */
extern ArrayType *dp_new_array(Oid elemtype, int elemsize, int n);

/* ---- the capvec type ---- */

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
/* The header alone (period, start, n; no values): reads a toasted vector's first bytes only. */
#define PG_GETARG_CAPVEC_HEADER(x) \
	((CapVec *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(x), 0, offsetof(CapVec, values)))

/* Index of a vector's first period. */
static inline int64
capvec_first(const CapVec *v)
{
	return cal_index((DpPeriod) v->period, v->start);
}

/* First day of a vector's period i (i = n: the day after its last period). */
static inline DateADT
capvec_date(const CapVec *v, int64 i)
{
	return (DateADT) cal_index_start((DpPeriod) v->period, capvec_first(v) + i);
}

/* A zeroed vector of n periods whose first has this index (54000, 22008 if the span is not allowed). */
extern CapVec *capvec_new_at(DpPeriod p, int64 first, int64 n, DpWhere where);
#define capvec_new(p, first, n) capvec_new_at(p, first, n, DP_HERE)
/* An uninitialised vector with v's period, start and length (to be filled by the caller). */
extern CapVec *capvec_same_shape(const CapVec *v);
/* Check a computed vector's values (overflow is 22003) and normalise -0. */
extern CapVec *capvec_finish_at(CapVec *v, DpWhere where);
#define capvec_finish(v) capvec_finish_at(v, DP_HERE)
/* Add a vector laid out on [first, ...) into dst (zeros elsewhere are the caller's). */
extern void capvec_place(double *dst, int64 first, const CapVec *v);
/* A vector from a float8[] argument (22004 naming a NULL element, 22003 on non-finite values). */
extern CapVec *capvec_from_array_at(DpPeriod p, int64 first, ArrayType *arr, const char *argname,
									DpWhere where);
#define capvec_from_array(p, first, arr, argname) capvec_from_array_at(p, first, arr, argname, DP_HERE)

/*
 * Binary form, shared by capvec and capvec_state: period (int8), start
 * (int32 date), n (int32), then n float8.  Reading checks it as strictly as
 * text input (cv_binary_read: 22P03 for a malformed message, then the
 * start, span and values as the text form checks them) and consumes the
 * rest of the message.
 */
extern void capvec_send_form(StringInfo buf, DpPeriod p, int32 start, const double *v, int32 n);
extern void capvec_recv_form_at(StringInfo buf, const char *typname, CvBinary *b, DpWhere where);
#define capvec_recv_form(buf, typname, b) capvec_recv_form_at(buf, typname, b, DP_HERE)
extern void capvec_recv_values_at(const CvBinary *b, double *dst, DpWhere where);
#define capvec_recv_values(b, dst) capvec_recv_values_at(b, dst, DP_HERE)

/* Shortest round-trip float8 text, as PostgreSQL's float8out prints it (a CvFormatDouble). */
extern int	dp_format_double(double value, char *buf);

/* ---- a set of capvec arguments on one span ---- */

/* Members kept without an allocation; larger sets take one palloc. */
#define CAPVEC_SET_INLINE 4

/*
 * Several capvec arguments that a function aligns on the calendar (as +
 * does): one period, the union span (an empty vector adds nothing; all
 * empty: empty at the first one's start), each laid out on the span once,
 * when asked.
 */
typedef struct CapVecSet
{
	int			count;			/* members */
	CapVec	  **v;				/* detoasted members */
	int64	   *first;			/* index of each member's first period */
	DpPeriod	period;			/* their period */
	int64		span_first;		/* index of the span's first period */
	int32		span_n;			/* periods in the span */
	/* private */
	const double **laid;		/* laid-out values, made on first request */
	CapVec	   *inline_v[CAPVEC_SET_INLINE];
	int64		inline_first[CAPVEC_SET_INLINE];
	const double *inline_laid[CAPVEC_SET_INLINE];
} CapVecSet;

/*
 * Gather nfixed vector arguments v[] (named names[] in messages) and then,
 * if arr is not NULL, the elements of that capvec[] argument: it must be
 * one-dimensional (22023) without NULL elements (22004 "arrname[i] is NULL"
 * with null_hint); all members must have one period (22023 naming the first
 * member and the one that differs, hint dp.resample) and the span must be
 * allowed (54000, 22008).
 */
extern void capvec_set_at(CapVecSet *s, int nfixed, CapVec **v, const char *const *names,
						  ArrayType *arr, const char *arrname, const char *null_hint,
						  DpWhere where);
#define capvec_set(s, nfixed, v, names, arr, arrname, null_hint) \
	capvec_set_at(s, nfixed, v, names, arr, arrname, null_hint, DP_HERE)
/* Member i's values on the span: its own array when it covers the span, else a zero-padded copy. */
extern const double *capvec_set_values(CapVecSet *s, int i);
/* A zeroed vector over the span (an empty span at the first member's start). */
extern CapVec *capvec_set_result(const CapVecSet *s);
/* Member i's value at period index idx (0 outside its span). */
static inline double
capvec_set_value_at(const CapVecSet *s, int i, int64 idx)
{
	int64		off = idx - s->first[i];

	return (off >= 0 && off < s->v[i]->n) ? s->v[i]->values[off] : 0.0;
}

/* ---- result columns ---- */

/* A forecast fit statistic as a float8 column: NULL for NAN, 22003 naming it for an infinity (overflow). */
extern Datum dp_fit_stat_datum_at(double x, const char *name, bool *isnull, DpWhere where);
#define dp_fit_stat_datum(x, name, isnull) dp_fit_stat_datum_at(x, name, isnull, DP_HERE)

/* The first day of period idx as a date column. */
static inline Datum
dp_period_start_datum(DpPeriod p, int64 idx)
{
	return DateADTGetDatum((DateADT) cal_index_start(p, idx));
}

/* ---- random numbers ---- */

/*
 * A core RndFill over PostgreSQL's generator: ctx is a seeded pg_prng_state
 * (common/pg_prng.h); the uniforms are exactly pg_prng_double's.
 */
extern void dp_prng_fill(void *ctx, double *buf, int32_t n);

/* ---- long loops ---- */

/* The interrupt callback to pass to core functions that take a DpTick. */
extern const DpTick dp_interrupts;

/* Rows or periods a loop emits between two CHECK_FOR_INTERRUPTS (a power of 2). */
#define DP_INTERRUPT_EVERY 65536

/* CHECK_FOR_INTERRUPTS once every DP_INTERRUPT_EVERY iterations of a loop counting i. */
static inline void
dp_interrupt_every(int64 i)
{
	if ((i & (DP_INTERRUPT_EVERY - 1)) == DP_INTERRUPT_EVERY - 1)
		CHECK_FOR_INTERRUPTS();
}

/*
 * Store row i of a set-returning function in materialize mode
 * (InitMaterializedSRF), checking for interrupts as dp_interrupt_every.
 */
extern void dp_put_row(FunctionCallInfo fcinfo, Datum *values, bool *nulls, int64 i);

#endif
