/*
 * dp.c: the glue layer every module shares (see dp.h): the library's magic
 * block and configuration parameters, errors reported at the caller,
 * argument checkers, array helpers, the capvec constructor and binary form,
 * and sets of capvec arguments aligned on one span.
 */
#include "dp.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

/* ---- configuration ---- */

/*
 * dp.min_contributors is the k of the pooled views: a pooled figure is shown
 * only when at least k nations contribute to it.  It is PGC_SUSET, so only a
 * superuser (or ALTER DATABASE/ROLE by one) can lower it; the views read it
 * through dp.min_contributors(), a C function, so the library is loaded and a
 * placeholder value set earlier by an ordinary user is discarded.
 */
static int	min_contributors = 3;

void		_PG_init(void);

/* The server encoding's character length, for the core's quotes of input (dp_quote). */
static int
server_char_len(const char *s)
{
	return pg_mblen(s);
}

/* Define the configuration parameters when the library loads. */
void
_PG_init(void)
{
	dp_set_char_len(server_char_len);

	DefineCustomIntVariable("dp.min_contributors",
							"Smallest number of nations that must contribute to a pooled figure for it to be shown.",
							"Pooled views (dp.harmonized_demand, dp.capacity_gap) show NULL for a figure fewer nations contribute to.",
							&min_contributors,
							3, 1, 1000,
							PGC_SUSET, 0,
							NULL, NULL, NULL);

	/*
	 * The "dp" prefix is deliberately not reserved (MarkGUCPrefixReserved):
	 * the library loads lazily, on the first call of any of its functions
	 * (now also from the row-level security policies), and reserving would
	 * then remove a session's own dp.* placeholders with a WARNING in the
	 * middle of an unrelated query.  No setting drives security.
	 */
}

/* dp.min_contributors(): the current value of the setting. */
PG_FUNCTION_INFO_V1(dp_min_contributors);
Datum
dp_min_contributors(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(min_contributors);
}

/* ---- errors ---- */

/* A DpError as ereport(ERROR), its DpErrCode mapped to the SQLSTATE. */
void
dp_raise_at(const DpError *err, DpWhere where)
{
	int			code;

	switch (err->code)
	{
		case DP_ERR_SYNTAX:
			code = ERRCODE_INVALID_TEXT_REPRESENTATION;
			break;
		case DP_ERR_RANGE:
			code = ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
			break;
		case DP_ERR_LIMIT:
			code = ERRCODE_PROGRAM_LIMIT_EXCEEDED;
			break;
		case DP_ERR_DIV0:
			code = ERRCODE_DIVISION_BY_ZERO;
			break;
		case DP_ERR_NULL:
			code = ERRCODE_NULL_VALUE_NOT_ALLOWED;
			break;
		case DP_ERR_DATE:
			code = ERRCODE_DATETIME_VALUE_OUT_OF_RANGE;
			break;
		case DP_ERR_DATE_FORMAT:
			code = ERRCODE_INVALID_DATETIME_FORMAT;
			break;
		case DP_ERR_BINARY:
			code = ERRCODE_INVALID_BINARY_REPRESENTATION;
			break;
		case DP_ERR_CANCELED:
			/* a pending interrupt stopped the core: let it raise itself */
			CHECK_FOR_INTERRUPTS();
			code = ERRCODE_QUERY_CANCELED;
			break;
		case DP_ERR_SOLVER:
			code = ERRCODE_EXTERNAL_ROUTINE_EXCEPTION;
			break;
		case DP_ERR_ARG:
		default:
			code = ERRCODE_INVALID_PARAMETER_VALUE;
			break;
	}
	dp_error_at(where,
				errcode(code),
				errmsg_internal("%s", err->msg),
				err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
				err->hint[0] ? errhint("%s", err->hint) : 0);
}

/* The one message for arguments of different periods (22023). */
void
dp_period_mismatch_at(const char *a, DpPeriod pa, const char *b, DpPeriod pb, const char *hint,
					  DpWhere where)
{
	dp_error_at(where,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s and %s have different periods", a, b),
				errdetail("The period of %s is %s, that of %s is %s.", a, cal_period_name(pa), b,
						  cal_period_name(pb)),
				hint ? errhint("%s", hint)
				: errhint("Convert them to one period with dp.resample(v, '%s') first.",
						  cal_period_name(pa)));
}

/* The core's interrupt callback (DpTick): CHECK_FOR_INTERRUPTS. */
static void
check_interrupts(void *arg)
{
	CHECK_FOR_INTERRUPTS();
}

const DpTick dp_interrupts = {check_interrupts, NULL};

/* ---- scalar arguments ---- */

/* A period name (cal_period_lookup). */
DpPeriod
dp_period_arg_at(text *t, DpWhere where)
{
	DpPeriod	p;

	if (!cal_period_lookup(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &p))
		dp_error_at(where,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("unknown period \"%s\"", text_to_cstring(t)),
					errhint("Use day, week, month, quarter or year."));
	return p;
}

/* A date within [DP_DATE_MIN, DP_DATE_END). */
int64
dp_date_arg_at(DateADT d, const char *argname, DpWhere where)
{
	if (!dp_date_in_range(d))
		dp_error_at(where,
					errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					errmsg("%s is out of range for a capvec", argname),
					errdetail(CAL_RANGE_DETAIL));
	return d;
}

/* A date on a period boundary (cv_check_start), as its period index. */
int64
dp_start_arg_at(DpPeriod p, DateADT d, const char *argname, DpWhere where)
{
	int64		start = dp_date_arg_at(d, argname, where);
	DpError		err;

	if (!cv_check_start(p, start, &err))
		dp_raise_at(&err, where);
	return cal_index(p, start);
}

/* A finite float8. */
double
dp_finite_arg_at(double x, const char *argname, DpWhere where)
{
	if (!isfinite(x))
		dp_error_at(where,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("%s must be a finite number", argname));
	return x;
}

/* The arguments that must not be NULL, checked in order. */
void
dp_require_args_at(FunctionCallInfo fcinfo, const char *const *names, int nargs, const char *hint,
				   DpWhere where)
{
	for (int i = 0; i < nargs; i++)
		if (names[i] != NULL && PG_ARGISNULL(i))
			dp_error_at(where,
						errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						errmsg("%s must not be NULL", names[i]),
						hint ? errhint("%s", hint) : 0);
}

/* ---- array arguments ---- */

/* The number of elements of a one-dimensional array. */
int
dp_array_count_at(ArrayType *a, const char *argname, DpWhere where)
{
	if (ARR_NDIM(a) > 1)
		dp_error_at(where,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("%s must be a one-dimensional array", argname));
	return ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
}

/* The one message for a NULL array element (22004). */
void
dp_null_element_at(const char *argname, int pos, const char *hint, DpWhere where)
{
	dp_error_at(where,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("%s[%d] is NULL", argname, pos),
				hint ? errhint("%s", hint) : 0);
}

/* Position (from 1) of the first NULL element of an array that has one. */
static int
first_null(ArrayType *a, int n)
{
	bits8	   *bitmap = ARR_NULLBITMAP(a);

	for (int i = 0; i < n; i++)
		if (!(bitmap[i / 8] & (1 << (i % 8))))
			return i + 1;
	return 0;
}

/* A float8[] without NULLs, read in place. */
const double *
dp_float8_array_at(ArrayType *a, const char *argname, const char *null_hint, int *n,
				   DpWhere where)
{
	if (ARR_ELEMTYPE(a) != FLOAT8OID)
		elog(ERROR, "expected a float8[] argument");
	*n = dp_array_count_at(a, argname, where);
	/* float8 elements lie contiguous unless there is a NULL */
	if (ARR_HASNULL(a))
	{
		int			pos = first_null(a, *n);

		if (pos > 0)
			dp_null_element_at(argname, pos, null_hint, where);
	}
	return (const double *) ARR_DATA_PTR(a);
}

/*
 * The elements of an argument with one element per demand (weights,
 * priorities, on-hand stocks, deliveries...): one-dimensional, n elements
 * (22023), no NULLs (22004), of type elemtype (InvalidOid: any), read in
 * place.
 */
const void *
dp_per_demand_array_at(ArrayType *arr, const char *argname, int n, Oid elemtype, DpWhere where)
{
	int			count = dp_array_count_at(arr, argname, where);

	if (OidIsValid(elemtype) && ARR_ELEMTYPE(arr) != elemtype)
		elog(ERROR, "unexpected element type of %s", argname);
	if (count != n)
		dp_error_at(where,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("%s must have one element per demand (%d), not %d", argname, n, count),
					errhint("Give the elements in the order of the demands."));
	if (ARR_HASNULL(arr))
		dp_null_element_at(argname, first_null(arr, n), "Give a value for every demand.", where);
	return ARR_DATA_PTR(arr);
}

/* A one-dimensional array of n zeroed fixed-size elements. */
ArrayType *
dp_new_array(Oid elemtype, int elemsize, int n)
{
	Size		size;
	ArrayType  *a;

	if (n == 0)
		return construct_empty_array(elemtype);
	/* header, dimensions, then the elements, in one allocation */
	size = ARR_OVERHEAD_NONULLS(1) + (Size) elemsize * n;
	a = (ArrayType *) palloc0(size);
	SET_VARSIZE(a, size);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = elemtype;
	ARR_DIMS(a)[0] = n;
	ARR_LBOUND(a)[0] = 1;
	return a;
}

/* ---- the capvec type ---- */

/* A zeroed vector over a checked span (cv_check_span). */
CapVec *
capvec_new_at(DpPeriod p, int64 first, int64 n, DpWhere where)
{
	DpError		err;
	CapVec	   *v;

	if (!cv_check_span(p, first, n, &err))
		dp_raise_at(&err, where);
	v = (CapVec *) palloc0(CAPVEC_SIZE(n));
	SET_VARSIZE(v, CAPVEC_SIZE(n));
	v->period = (uint8) p;
	v->start = (int32) cal_index_start(p, first);
	v->n = (int32) n;
	return v;
}

/* A vector with v's header, values left to the caller. */
CapVec *
capvec_same_shape(const CapVec *v)
{
	CapVec	   *r = (CapVec *) palloc(VARSIZE(v));

	memcpy(r, v, offsetof(CapVec, values));
	return r;
}

/* Check computed values (cv_check_result). */
CapVec *
capvec_finish_at(CapVec *v, DpWhere where)
{
	DpError		err;

	if (!cv_check_result(v->values, v->n, &err))
		dp_raise_at(&err, where);
	return v;
}

/* Add v into dst laid out from index first (cv_add_scaled). */
void
capvec_place(double *dst, int64 first, const CapVec *v)
{
	cv_add_scaled(dst, first, v->values, capvec_first(v), v->n, 1.0);
}

/* A vector from float8[] quantities (cv_check_values). */
CapVec *
capvec_from_array_at(DpPeriod p, int64 first, ArrayType *arr, const char *argname, DpWhere where)
{
	int			nelems;
	const double *vals = dp_float8_array_at(arr, argname, "Use 0 for a period without quantity.",
											&nelems, where);
	CapVec	   *v = capvec_new_at(p, first, nelems, where);
	DpError		err;

	if (nelems > 0)
		memcpy(v->values, vals, sizeof(double) * nelems);
	if (!cv_check_values(v->values, v->n, &err))
		dp_raise_at(&err, where);
	return v;
}

/* Write the binary form of a vector. */
void
capvec_send_form(StringInfo buf, DpPeriod p, int32 start, const double *v, int32 n)
{
	pq_sendint8(buf, (int8) p);
	pq_sendint32(buf, start);
	pq_sendint32(buf, n);
	for (int32 i = 0; i < n; i++)
		pq_sendfloat8(buf, v[i]);
}

/* Read and check a binary form from the cursor to the end of buf (cv_binary_read). */
void
capvec_recv_form_at(StringInfo buf, const char *typname, CvBinary *b, DpWhere where)
{
	DpError		err;

	if (!cv_binary_read((const unsigned char *) buf->data + buf->cursor, buf->len - buf->cursor,
						typname, b, &err))
		dp_raise_at(&err, where);
	buf->cursor = buf->len;
}

/* Its values, checked (cv_binary_values). */
void
capvec_recv_values_at(const CvBinary *b, double *dst, DpWhere where)
{
	DpError		err;

	if (!cv_binary_values(b, dst, &err))
		dp_raise_at(&err, where);
}

/* Shortest round-trip digits (double_to_shortest_decimal_bufn). */
int
dp_format_double(double value, char *buf)
{
	return double_to_shortest_decimal_bufn(value, buf);
}

/* ---- a set of capvec arguments on one span ---- */

/* Name of member i in messages: a fixed argument's name or arrname[k]. */
static const char *
member_name(int i, int nfixed, const char *const *names, const char *arrname)
{
	return i < nfixed ? names[i] : psprintf("%s[%d]", arrname, i - nfixed + 1);
}

/* Gather, check and align a set of capvec arguments (cv_span_union). */
void
capvec_set_at(CapVecSet *s, int nfixed, CapVec **v, const char *const *names, ArrayType *arr,
			  const char *arrname, const char *null_hint, DpWhere where)
{
	int			nelems = arr ? dp_array_count_at(arr, arrname, where) : 0;
	int64		r0 = 0,
				rn = 0;
	DpError		err;

	s->count = nfixed + nelems;
	Assert(s->count > 0);
	if (s->count <= CAPVEC_SET_INLINE)
	{
		s->v = s->inline_v;
		s->first = s->inline_first;
		s->laid = s->inline_laid;
	}
	else
	{
		s->v = palloc(sizeof(CapVec *) * s->count);
		s->first = palloc(sizeof(int64) * s->count);
		s->laid = palloc(sizeof(const double *) * s->count);
	}
	for (int i = 0; i < nfixed; i++)
		s->v[i] = v[i];
	if (nelems > 0)
	{
		array_iter	it;

		/* walk the array in place: no allocation per element */
		array_iter_setup(&it, (AnyArrayType *) arr);
		for (int k = 0; k < nelems; k++)
		{
			bool		isnull;
			Datum		d = array_iter_next(&it, &isnull, k, -1, false, TYPALIGN_DOUBLE);

			if (isnull)
				dp_null_element_at(arrname, k + 1, null_hint, where);
			s->v[nfixed + k] = DatumGetCapVecP(d);
			dp_interrupt_every(k);
		}
	}

	s->period = (DpPeriod) s->v[0]->period;
	for (int i = 0; i < s->count; i++)
	{
		dp_interrupt_every(i);
		s->laid[i] = NULL;
		s->first[i] = capvec_first(s->v[i]);
		if (s->v[i]->period != s->period)
			dp_period_mismatch_at(member_name(0, nfixed, names, arrname), s->period,
								  member_name(i, nfixed, names, arrname),
								  (DpPeriod) s->v[i]->period, NULL, where);
		if (i == 0)
		{
			r0 = s->first[0];
			rn = s->v[0]->n;
		}
		else
			cv_span_union(r0, (int32) rn, s->first[i], s->v[i]->n, &r0, &rn);
	}
	if (!cv_check_span(s->period, r0, rn, &err))
		dp_raise_at(&err, where);
	s->span_first = r0;
	s->span_n = (int32) rn;
}

/* Member i laid out on the span, made once (capvec_place). */
const double *
capvec_set_values(CapVecSet *s, int i)
{
	const CapVec *v = s->v[i];
	double	   *buf;

	if (s->laid[i] != NULL)
		return s->laid[i];
	if (v->n == s->span_n && (v->n == 0 || s->first[i] == s->span_first))
		return s->laid[i] = v->values;
	buf = (double *) palloc0(sizeof(double) * (s->span_n > 0 ? s->span_n : 1));
	if (v->n > 0)
		capvec_place(buf, s->span_first, v);
	return s->laid[i] = buf;
}

/* A zeroed vector over the set's span. */
CapVec *
capvec_set_result(const CapVecSet *s)
{
	CapVec	   *r = capvec_new(s->period, s->span_first, s->span_n);

	if (s->span_n == 0)
		r->start = s->v[0]->start;
	return r;
}

/* ---- result columns ---- */

/* A forecast fit statistic column: NULL for NAN, 22003 for an infinity. */
Datum
dp_fit_stat_datum_at(double x, const char *name, bool *isnull, DpWhere where)
{
	*isnull = isnan(x);
	if (isinf(x))
		dp_error_at(where,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("forecast fit statistic %s is out of range for type double precision", name));
	return Float8GetDatum(x);
}

/* A row of a materialized set-returning function, stored; interrupts checked every so often. */
void
dp_put_row(FunctionCallInfo fcinfo, Datum *values, bool *nulls, int64 i)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	dp_interrupt_every(i);
}

/* ---- random numbers ---- */

/*
 * Fill a chunk of uniforms from PostgreSQL's generator (xoroshiro128**):
 * exactly pg_prng_double's values, ldexp((double) (v >> 12), -52), computed
 * here as a multiplication by 2^-52 (exact) to spare the ldexp call.
 */
void
dp_prng_fill(void *ctx, double *buf, int32_t n)
{
	pg_prng_state *state = (pg_prng_state *) ctx;

	for (int32_t i = 0; i < n; i++)
		buf[i] = (double) (pg_prng_uint64(state) >> 12) * 0x1.0p-52;
}
