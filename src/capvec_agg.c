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

#include <ctype.h>
#include <errno.h>
#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"

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
 * old one).
 */
static CapVecState *
state_absorb(FunctionCallInfo fcinfo, CapVecState *st, DpPeriod p, int64 first, int32 n,
			 const double *vals, int64 rows)
{
	int64		lo,
				hi,
				base;
	DpError		err;

	if (st == NULL)
	{
		st = state_alloc(p, first, n, n, 0);
		memcpy(st->values, vals, sizeof(double) * n);
		st->rows = rows;
		return st;
	}
	if (!AggCheckCallContext(fcinfo, NULL))
		st = state_copy(st);
	if (st->period != p)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("capvec periods differ in aggregate: %s and %s",
						cal_period_name((DpPeriod) st->period), cal_period_name(p)),
				 errhint("Convert the inputs to one period with dp.resample(v, '%s') first.",
						 cal_period_name((DpPeriod) st->period))));
	st->rows += rows;
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
	if (!capvec_check_span(p, lo, hi - lo, &err))
		dp_raise(&err);

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
	capvec_add_scaled(st->values, base, vals, first, n, 1.0);
	st->first = lo;
	st->n = (int32) (hi - lo);
	st->off = (int32) (lo - base);
	if (!capvec_check_result(st->values + (first - base), n, &err))
		dp_raise(&err);
	return st;
}

/* A state as a compact vector; divide by rows when averaging. */
static CapVec *
state_vector(const CapVecState *st, bool average)
{
	CapVec	   *v = capvec_new((DpPeriod) st->period, st->first, st->n);

	if (average)
		capvec_divide(v->values, st->values + st->off, st->n, (double) st->rows);
	else
		memcpy(v->values, st->values + st->off, sizeof(double) * st->n);
	return capvec_finish(v);
}

/* ---- transition, combine and final functions ---- */

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
								   v->values, 1));
}

PG_FUNCTION_INFO_V1(capvec_agg_trans);
Datum
capvec_agg_trans(PG_FUNCTION_ARGS)
{
	CapVecState *st = PG_ARGISNULL(0) ? NULL : PG_GETARG_STATE_P(0);
	DpPeriod	p;
	int64		at;
	double		q;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	p = dp_period_arg(PG_GETARG_TEXT_PP(3));
	at = dp_date_arg(PG_GETARG_DATEADT(1), "at");
	q = dp_finite_arg(PG_GETARG_FLOAT8(2), "quantity");
	if (st != NULL && st->period != p)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("capvec_agg period changed from %s to %s",
						cal_period_name((DpPeriod) st->period), cal_period_name(p)),
				 errdetail("The period must be the same for every row.")));
	PG_RETURN_POINTER(state_absorb(fcinfo, st, p, cal_index(p, at), 1, &q, 1));
}

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
		a = state_absorb(fcinfo, a, (DpPeriod) b->period, b->first, 0, NULL, b->rows);
		PG_RETURN_POINTER(a);
	}
	PG_RETURN_POINTER(state_absorb(fcinfo, a, (DpPeriod) b->period, b->first, b->n,
								   b->values + b->off, b->rows));
}

PG_FUNCTION_INFO_V1(capvec_state_sum_final);
Datum
capvec_state_sum_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_CAPVEC_P(state_vector(PG_GETARG_STATE_P(0), false));
}

PG_FUNCTION_INFO_V1(capvec_state_avg_final);
Datum
capvec_state_avg_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_CAPVEC_P(state_vector(PG_GETARG_STATE_P(0), true));
}

/* ---- state I/O: "<rows> <capvec text>", binary: int64 rows then the capvec form ---- */

PG_FUNCTION_INFO_V1(capvec_state_in);
Datum
capvec_state_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	char	   *end;
	long long	rows;
	int32		count;
	DpPeriod	p;
	int64		start;
	int32		n;
	CapVecState *st;
	DpError		err;

	errno = 0;
	rows = strtoll(s, &end, 10);
	if (end == s || errno != 0 || rows < 0 || !isspace((unsigned char) *end))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type capvec_state: \"%s\"", s),
				 errdetail("Expected a row count followed by a capvec, e.g. '2 month 2024-01-01 [1,2]'.")));
	if (!capvec_text_count(end, &count, &err))
		dp_raise(&err);
	st = state_alloc(DP_DAY, 0, 0, count, 0);
	if (!capvec_parse(end, &p, &start, st->values, &n, &err))
		dp_raise(&err);
	st->period = (uint8) p;
	st->first = cal_index(p, start);
	st->n = n;
	st->rows = rows;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(capvec_state_out);
Datum
capvec_state_out(PG_FUNCTION_ARGS)
{
	CapVecState *st = PG_GETARG_STATE_P(0);
	char	   *buf = palloc(capvec_text_bound(st->n) + 24);
	int			len = sprintf(buf, INT64_FORMAT " ", st->rows);

	capvec_format(buf + len, (DpPeriod) st->period, cal_index_start((DpPeriod) st->period, st->first),
				  st->values + st->off, st->n, dp_format_double);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(capvec_state_send);
Datum
capvec_state_send(PG_FUNCTION_ARGS)
{
	CapVecState *st = PG_GETARG_STATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->rows);
	pq_sendint8(&buf, st->period);
	pq_sendint32(&buf, (int32) cal_index_start((DpPeriod) st->period, st->first));
	pq_sendint32(&buf, st->n);
	for (int32 i = 0; i < st->n; i++)
		pq_sendfloat8(&buf, st->values[st->off + i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(capvec_state_recv);
Datum
capvec_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		rows = pq_getmsgint64(buf);
	int			period = pq_getmsgbyte(buf);
	int32		start = pq_getmsgint(buf, 4);
	int32		n = pq_getmsgint(buf, 4);
	CapVecState *st;
	DpError		err;

	if (rows < 0 || period < 0 || period >= DP_NPERIODS || n < 0 ||
		(int64) n * 8 != buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid capvec_state binary input")));
	if (!capvec_check_start((DpPeriod) period, start, &err) ||
		!capvec_check_span((DpPeriod) period, cal_index((DpPeriod) period, start), n, &err))
		dp_raise(&err);
	st = state_alloc((DpPeriod) period, cal_index((DpPeriod) period, start), n, n, 0);
	st->rows = rows;
	for (int32 i = 0; i < n; i++)
		st->values[i] = pq_getmsgfloat8(buf);
	if (!capvec_check_values(st->values, n, &err))
		dp_raise(&err);
	PG_RETURN_POINTER(st);
}
