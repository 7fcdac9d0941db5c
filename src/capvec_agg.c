/*
 * capvec_agg.c: aggregates over capacity vectors (dp.sum, dp.avg,
 * dp.capvec_agg) and their transition state type, dp.capvec_state.
 *
 * The state is a real type with exact text and binary I/O, so engines that
 * ship partial aggregates between nodes (parallel query, Citus) can move it.
 * In memory it keeps slack slots on both sides of the periods in use, so a
 * span that keeps widening costs amortised O(1) per period instead of a copy
 * per row; inside an aggregate it is updated in place.
 */
#include "dp.h"

#include <math.h>

#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"

typedef struct CapVecState
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		period;			/* DpPeriod */
	uint8		flags;			/* reserved, 0 */
	int16		unused;			/* reserved, 0 */
	int32		n;				/* periods in use */
	int32		off;			/* slot of the first period in use */
	int32		alloc;			/* slots allocated */
	int32		unused2;		/* reserved, 0 */
	int64		first;			/* period index of the first period in use */
	int64		rows;			/* input rows absorbed */
	double		values[FLEXIBLE_ARRAY_MEMBER];	/* alloc slots, zero outside use */
} CapVecState;

#define STATE_SIZE(alloc)	(offsetof(CapVecState, values) + sizeof(double) * (alloc))
#define PG_GETARG_STATE_P(x) ((CapVecState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(x)))

#ifdef USE_ASSERT_CHECKING
/* Assert v[from .. to) is zero: all of it up to 4096 slots, else the 64 at each end. */
static void
slack_is_zero(const double *v, int32 from, int32 to)
{
	for (int32 i = from; i < to; i++)
	{
		Assert(v[i] == 0.0);
		if (to - from > 4096 && i == from + 63)
			i = to - 65;
	}
}
#endif

/*
 * The invariants every function here keeps (checked in assertion-enabled
 * builds): a known period, the periods in use inside the allocation, zeros
 * outside them, a row count of at least 1, and the span in use within the
 * vector limit.
 */
static void
state_assert_valid(const CapVecState *st)
{
#ifdef USE_ASSERT_CHECKING
	Assert(st->period < DP_NPERIODS);
	Assert(st->flags == 0 && st->unused == 0 && st->unused2 == 0);
	Assert(st->n >= 0 && st->off >= 0 && st->alloc >= 0);
	Assert((int64) st->off + st->n <= st->alloc);
	Assert(VARSIZE(st) >= STATE_SIZE(st->alloc));
	Assert(st->rows >= 1);
	Assert(st->n <= CV_MAX_LEN);
	/* the slack is zero: all of it in small states, 64 slots at each end in large ones (O(1) per row) */
	slack_is_zero(st->values, 0, st->off);
	slack_is_zero(st->values, st->off + st->n, st->alloc);
#endif
}

/* A zeroed state of alloc slots, n of them in use from slot off. */
static CapVecState *
state_alloc(DpPeriod p, int64 first, int64 n, int64 alloc, int64 off)
{
	CapVecState *st = (CapVecState *) palloc0(STATE_SIZE(alloc));

	SET_VARSIZE(st, STATE_SIZE(alloc));
	st->period = (uint8) p;
	st->first = first;
	st->n = (int32) n;
	st->alloc = (int32) alloc;
	st->off = (int32) off;
	return st;
}

/* A copy of a state (outside an aggregate the inputs are not to be changed). */
static CapVecState *
state_copy(const CapVecState *st)
{
	CapVecState *c = (CapVecState *) palloc(VARSIZE(st));

	memcpy(c, st, VARSIZE(st));
	return c;
}

/*
 * Add rows' worth of a vector (period p, first index, n values) into the
 * state, widening it if needed.  A NULL state starts from the vector.  The
 * state is changed in place when called as an aggregate; a grown state is a
 * new allocation (nodeAgg copies it into the aggregate context and frees the
 * old one).  A period other than the state's is 22023 naming "earlier rows"
 * and what (the rows added), with hint (NULL: dp.resample).
 */
static CapVecState *
state_absorb(FunctionCallInfo fcinfo, CapVecState *st, DpPeriod p, int64 first, int32 n,
			 const double *vals, int64 rows, const char *what, const char *hint, DpWhere where)
{
	int64		lo,
				hi,
				base,
				total;
	DpError		err;

	if (st == NULL)
	{
		st = state_alloc(p, first, n, n, 0);
		memcpy(st->values, vals, sizeof(double) * n);
		st->rows = rows;
		state_assert_valid(st);
		return st;
	}
	state_assert_valid(st);
	if (st->period != p)
		dp_period_mismatch_at("earlier rows", (DpPeriod) st->period, what, p, hint, where);
	if (!AggCheckCallContext(fcinfo, NULL))
		st = state_copy(st);
	if (pg_add_s64_overflow(st->rows, rows, &total))
		dp_error_at(where,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("capvec_state row count out of range"),
					errdetail("Adding %lld rows to %lld would pass the limit of %lld.",
							  (long long) rows, (long long) st->rows, (long long) PG_INT64_MAX));
	st->rows = total;
	if (n == 0)
		return st;

	/* the span in use after adding; an empty state has no span yet */
	if (st->n == 0)
	{
		lo = first;
		hi = first + n;
		st->off = 0;
		st->first = first;
	}
	else
	{
		lo = Min(st->first, first);
		hi = Max(st->first + st->n, first + n);
	}
	if (!cv_check_span(p, lo, hi - lo, &err))
		dp_raise_at(&err, where);

	base = st->first - st->off;
	if (lo < base || hi > base + st->alloc)
	{
		/* grow by half again, the slack on the side(s) that grew */
		int64		need = hi - lo;
		int64		slack = Max(need / 2, 8);
		int64		left = (lo < st->first) ? ((hi > st->first + st->n) ? slack / 2 : slack) : 0;
		CapVecState *g = state_alloc(p, lo, 0, need + slack, 0);

		g->rows = st->rows;
		base = lo - left;
		if (st->n > 0)
			memcpy(g->values + (st->first - base), st->values + st->off, sizeof(double) * st->n);
		st = g;
	}
	cv_add_scaled(st->values, base, vals, first, n, 1.0);
	st->first = lo;
	st->n = (int32) (hi - lo);
	st->off = (int32) (lo - base);
	if (!cv_check_result(st->values + (first - base), n, &err))
		dp_raise_at(&err, where);
	state_assert_valid(st);
	return st;
}

/* A state as a compact vector; divide by rows when averaging. */
static CapVec *
state_vector(const CapVecState *st, bool average, DpWhere where)
{
	CapVec	   *v = capvec_new_at((DpPeriod) st->period, st->first, st->n, where);

	if (average)
		cv_divide(v->values, st->values + st->off, st->n, (double) st->rows);
	else
		memcpy(v->values, st->values + st->off, sizeof(double) * st->n);
	return capvec_finish_at(v, where);
}

/* ---- transition, combine and final functions ---- */

/* Transition of dp.sum and dp.avg: add v (NULLs skipped). */
PG_FUNCTION_INFO_V1(capvec_sum_trans);
Datum
capvec_sum_trans(PG_FUNCTION_ARGS)
{
	CapVecState *st = PG_ARGISNULL(0) ? NULL : PG_GETARG_STATE_P(0);
	CapVec	   *v;

	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	v = PG_GETARG_CAPVEC_P(1);
	PG_RETURN_POINTER(state_absorb(fcinfo, st, (DpPeriod) v->period, capvec_first(v), v->n,
								   v->values, 1, "this row", NULL, DP_HERE));
}

/*
 * Transition of dp.capvec_agg: add quantity to the bucket of the day at
 * (DateADT; rows with a NULL skipped).  where: the entry point.
 */
static Datum
agg_trans(FunctionCallInfo fcinfo, DateADT at, DpWhere where)
{
	CapVecState *st = PG_ARGISNULL(0) ? NULL : PG_GETARG_STATE_P(0);
	DpPeriod	p;
	int64		day;
	double		q;

	p = dp_period_arg_at(PG_GETARG_TEXT_PP(3), where);
	day = dp_date_arg_at(at, "at", where);
	q = dp_finite_arg_at(PG_GETARG_FLOAT8(2), "quantity", where);
	PG_RETURN_POINTER(state_absorb(fcinfo, st, p, cal_index(p, day), 1, &q, 1, "this row",
								   "Give every row the same period.", where));
}

/* A row with a NULL adds nothing: the state as it is (NULL before the first row). */
#define AGG_SKIP_NULL_ROW() \
	do { \
		if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3)) \
		{ \
			if (PG_ARGISNULL(0)) \
				PG_RETURN_NULL(); \
			PG_RETURN_DATUM(PG_GETARG_DATUM(0)); \
		} \
	} while (0)

/* dp.capvec_agg(at date, ...) */
PG_FUNCTION_INFO_V1(capvec_agg_trans);
Datum
capvec_agg_trans(PG_FUNCTION_ARGS)
{
	AGG_SKIP_NULL_ROW();
	return agg_trans(fcinfo, PG_GETARG_DATEADT(1), DP_HERE);
}

/* dp.capvec_agg(at timestamp, ...): the timestamp's date */
PG_FUNCTION_INFO_V1(capvec_agg_trans_timestamp);
Datum
capvec_agg_trans_timestamp(PG_FUNCTION_ARGS)
{
	AGG_SKIP_NULL_ROW();
	return agg_trans(fcinfo, DatumGetDateADT(DirectFunctionCall1(timestamp_date, PG_GETARG_DATUM(1))),
					 DP_HERE);
}

/* dp.capvec_agg(at timestamptz, ...): the date in the session's time zone (hence STABLE) */
PG_FUNCTION_INFO_V1(capvec_agg_trans_timestamptz);
Datum
capvec_agg_trans_timestamptz(PG_FUNCTION_ARGS)
{
	AGG_SKIP_NULL_ROW();
	return agg_trans(fcinfo, DatumGetDateADT(DirectFunctionCall1(timestamptz_date, PG_GETARG_DATUM(1))),
					 DP_HERE);
}

/* Combine of the three aggregates: b's rows added into a (non-strict; copies when a is NULL). */
PG_FUNCTION_INFO_V1(capvec_state_combine);
Datum
capvec_state_combine(PG_FUNCTION_ARGS)
{
	CapVecState *a = PG_ARGISNULL(0) ? NULL : PG_GETARG_STATE_P(0);
	CapVecState *b = PG_ARGISNULL(1) ? NULL : PG_GETARG_STATE_P(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		PG_RETURN_POINTER(state_copy(b));
	if (b->n == 0)
	{
		/* only the row count and the period check matter */
		a = state_absorb(fcinfo, a, (DpPeriod) b->period, b->first, 0, NULL, b->rows,
						 "later rows", NULL, DP_HERE);
		PG_RETURN_POINTER(a);
	}
	PG_RETURN_POINTER(state_absorb(fcinfo, a, (DpPeriod) b->period, b->first, b->n,
								   b->values + b->off, b->rows, "later rows", NULL, DP_HERE));
}

/* Final of dp.sum and dp.capvec_agg: the state's vector. */
PG_FUNCTION_INFO_V1(capvec_state_sum_final);
Datum
capvec_state_sum_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_CAPVEC_P(state_vector(PG_GETARG_STATE_P(0), false, DP_HERE));
}

/* Final of dp.avg: the state's vector divided by its row count. */
PG_FUNCTION_INFO_V1(capvec_state_avg_final);
Datum
capvec_state_avg_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_CAPVEC_P(state_vector(PG_GETARG_STATE_P(0), true, DP_HERE));
}

/*
 * ---- state I/O ----
 * Text: the row count, then the vector in use in the exact form of
 * cv_format_bits, "2 month 2024-01-01 x[3ff,4]" (IEEE-754 bits in hex: exact
 * whatever extra_float_digits says, and quick to read: Citus ships partial
 * states as text).  Input also takes a capvec's decimal form, as 0.1.0 wrote
 * it: "2 month 2024-01-01 [1,2]".  Binary: int64 rows then the capvec form.
 * A state holds at least one row (the aggregates start from NULL).
 */

/* Text input: a row count (at least 1), then a vector in either text form (cv_state_parse). */
PG_FUNCTION_INFO_V1(capvec_state_in);
Datum
capvec_state_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	int32		cap = cv_text_count(s, &dp_interrupts);
	CapVecState *st = state_alloc(DP_DAY, 0, 0, cap, 0);
	int64		rows;
	DpPeriod	p;
	int64		start;
	int32		n;
	DpError		err;

	if (!cv_state_parse(s, true, &rows, &p, &start, st->values, cap, &n, &dp_interrupts, &err))
		dp_raise(&err);
	st->period = (uint8) p;
	st->first = cal_index(p, start);
	st->n = n;
	st->rows = rows;
	state_assert_valid(st);
	PG_RETURN_POINTER(st);
}

/* Text output: the row count, then the vector in use in the exact form (cv_format_bits). */
PG_FUNCTION_INFO_V1(capvec_state_out);
Datum
capvec_state_out(PG_FUNCTION_ARGS)
{
	CapVecState *st = PG_GETARG_STATE_P(0);
	char	   *buf = palloc(cv_text_bound(st->n) + 24);
	int			len = sprintf(buf, INT64_FORMAT " ", st->rows);

	cv_format_bits(buf + len, (DpPeriod) st->period,
				   cal_index_start((DpPeriod) st->period, st->first), st->values + st->off, st->n,
				   &dp_interrupts);
	PG_RETURN_CSTRING(buf);
}

/* Binary output: int64 rows, then capvec_send_form of the vector in use. */
PG_FUNCTION_INFO_V1(capvec_state_send);
Datum
capvec_state_send(PG_FUNCTION_ARGS)
{
	CapVecState *st = PG_GETARG_STATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->rows);
	capvec_send_form(&buf, (DpPeriod) st->period,
					 (int32) cal_index_start((DpPeriod) st->period, st->first),
					 st->values + st->off, st->n);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Binary input, checked as strictly as capvec's (cv_state_binary_rows, capvec_recv_form and _values). */
PG_FUNCTION_INFO_V1(capvec_state_recv);
Datum
capvec_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		rows;
	CvBinary	b;
	CapVecState *st;
	DpError		err;

	if (!cv_state_binary_rows((const unsigned char *) buf->data + buf->cursor,
							  buf->len - buf->cursor, &rows, &err))
		dp_raise(&err);
	buf->cursor += 8;
	capvec_recv_form(buf, "capvec_state", &b);
	st = state_alloc(b.period, cal_index(b.period, b.start), b.n, b.n, 0);
	st->rows = rows;
	capvec_recv_values(&b, st->values);
	state_assert_valid(st);
	PG_RETURN_POINTER(st);
}
