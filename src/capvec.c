/*
 * capvec.c: the dp.capvec type: shared glue helpers, text and binary I/O,
 * the constructor, casts to float8[] and to/from jsonb, accessors and unnest.
 */
#include "dp.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

PG_MODULE_MAGIC;

/* ---- helpers shared by all modules (declared in dp.h) ---- */

void
dp_raise(const DpError *err)
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
	ereport(ERROR,
			(errcode(code),
			 errmsg_internal("%s", err->msg),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
	pg_unreachable();
}

CapVec *
capvec_new(DpPeriod p, int64 first, int64 n)
{
	DpError		err;
	CapVec	   *v;

	if (!capvec_check_span(p, first, n, &err))
		dp_raise(&err);
	v = (CapVec *) palloc0(CAPVEC_SIZE(n));
	SET_VARSIZE(v, CAPVEC_SIZE(n));
	v->period = (uint8) p;
	v->start = (int32) cal_index_start(p, first);
	v->n = (int32) n;
	return v;
}

CapVec *
capvec_finish(CapVec *v)
{
	DpError		err;

	if (!capvec_check_result(v->values, v->n, &err))
		dp_raise(&err);
	return v;
}

void
capvec_check_same_period(const CapVec *a, const CapVec *b)
{
	if (a->period != b->period)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("capvec periods differ: %s and %s",
						cal_period_name((DpPeriod) a->period), cal_period_name((DpPeriod) b->period)),
				 errhint("Convert one side with dp.resample(v, '%s') first.",
						 cal_period_name((DpPeriod) a->period))));
}

DpPeriod
dp_period_arg(text *t)
{
	DpPeriod	p;

	if (!cal_period_lookup(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &p))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown period \"%s\"", text_to_cstring(t)),
				 errhint("Use day, week, month, quarter or year.")));
	return p;
}

int64
dp_date_arg(DateADT d, const char *argname)
{
	if (DATE_NOT_FINITE(d) || d < DP_DATE_MIN || d >= DP_DATE_END)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range for a capvec", argname),
				 errdetail("Dates must lie between 0001-01-01 and 9999-12-31.")));
	return d;
}

double
dp_finite_arg(double x, const char *argname)
{
	if (!isfinite(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be a finite number", argname)));
	return x;
}

void
capvec_place(double *dst, int64 first, const CapVec *v)
{
	capvec_add_scaled(dst, first, v->values, capvec_first(v), v->n, 1.0);
}

CapVec *
capvec_from_array(DpPeriod p, int64 first, ArrayType *arr, const char *argname)
{
	int			nelems;
	CapVec	   *v;
	DpError		err;

	if (ARR_ELEMTYPE(arr) != FLOAT8OID)
		elog(ERROR, "expected a float8[] argument");
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", argname)));
	if (array_contains_nulls(arr))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not contain NULL elements", argname),
				 errhint("Use 0 for a period without quantity.")));
	nelems = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	v = capvec_new(p, first, nelems);
	if (nelems > 0)
		memcpy(v->values, ARR_DATA_PTR(arr), sizeof(double) * nelems);
	if (!capvec_check_values(v->values, v->n, &err))
		dp_raise(&err);
	return v;
}

int
dp_format_double(double value, char *buf)
{
	return double_to_shortest_decimal_bufn(value, buf);
}

/* Validate the fields of a vector read from outside (binary input). */
static void
capvec_check_header(int period, int32 start, int32 n)
{
	DpError		err;

	if (period < 0 || period >= DP_NPERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid period code %d in capvec binary input", period)));
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid length %d in capvec binary input", n)));
	if (!capvec_check_start((DpPeriod) period, start, &err) ||
		!capvec_check_span((DpPeriod) period, cal_index((DpPeriod) period, start), n, &err))
		dp_raise(&err);
}

/* ---- text and binary I/O ---- */

PG_FUNCTION_INFO_V1(capvec_in);
Datum
capvec_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	int32		count;
	double	   *buf;
	DpPeriod	p;
	int64		start;
	int32		n;
	CapVec	   *v;
	DpError		err;

	if (!capvec_text_count(s, &count, &err))
		dp_raise(&err);
	buf = palloc(sizeof(double) * count);
	if (!capvec_parse(s, &p, &start, buf, &n, &err))
		dp_raise(&err);
	v = capvec_new(p, cal_index(p, start), n);
	memcpy(v->values, buf, sizeof(double) * n);
	pfree(buf);
	PG_RETURN_CAPVEC_P(v);
}

PG_FUNCTION_INFO_V1(capvec_out);
Datum
capvec_out(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	char	   *buf = palloc(capvec_text_bound(v->n));

	capvec_format(buf, (DpPeriod) v->period, v->start, v->values, v->n, dp_format_double);
	PG_RETURN_CSTRING(buf);
}

/* Binary form: period (int8), start (int32 date), n (int32), n float8. */
PG_FUNCTION_INFO_V1(capvec_send);
Datum
capvec_send(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint8(&buf, v->period);
	pq_sendint32(&buf, v->start);
	pq_sendint32(&buf, v->n);
	for (int32 i = 0; i < v->n; i++)
		pq_sendfloat8(&buf, v->values[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(capvec_recv);
Datum
capvec_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			period = pq_getmsgbyte(buf);
	int32		start = pq_getmsgint(buf, 4);
	int32		n = pq_getmsgint(buf, 4);
	CapVec	   *v;
	DpError		err;

	capvec_check_header(period, start, n);
	if ((int64) n * 8 != buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("capvec binary input has %d bytes of values for %d periods",
						buf->len - buf->cursor, n)));
	v = capvec_new((DpPeriod) period, cal_index((DpPeriod) period, start), n);
	for (int32 i = 0; i < n; i++)
		v->values[i] = pq_getmsgfloat8(buf);
	if (!capvec_check_values(v->values, n, &err))
		dp_raise(&err);
	PG_RETURN_CAPVEC_P(v);
}

/* ---- constructor and casts ---- */

PG_FUNCTION_INFO_V1(capvec_make);
Datum
capvec_make(PG_FUNCTION_ARGS)
{
	DpPeriod	p = dp_period_arg(PG_GETARG_TEXT_PP(0));
	int64		start = dp_date_arg(PG_GETARG_DATEADT(1), "start");
	DpError		err;

	if (!capvec_check_start(p, start, &err))
		dp_raise(&err);
	PG_RETURN_CAPVEC_P(capvec_from_array(p, cal_index(p, start), PG_GETARG_ARRAYTYPE_P(2),
										 "quantities"));
}

PG_FUNCTION_INFO_V1(capvec_to_float8_array);
Datum
capvec_to_float8_array(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	ArrayType  *a;
	Size		size;

	if (v->n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));
	/* build the array in one allocation: header, dimensions, then the values */
	size = ARR_OVERHEAD_NONULLS(1) + sizeof(double) * v->n;
	a = (ArrayType *) palloc0(size);
	SET_VARSIZE(a, size);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = FLOAT8OID;
	ARR_DIMS(a)[0] = v->n;
	ARR_LBOUND(a)[0] = 1;
	memcpy(ARR_DATA_PTR(a), v->values, sizeof(double) * v->n);
	PG_RETURN_ARRAYTYPE_P(a);
}

static void
push_key(JsonbParseState **state, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &k);
}

static void
push_string(JsonbParseState **state, char *s)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = s;
	v.val.string.len = strlen(s);
	pushJsonbValue(state, WJB_VALUE, &v);
}

PG_FUNCTION_INFO_V1(capvec_to_jsonb);
Datum
capvec_to_jsonb(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	JsonbParseState *state = NULL;
	JsonbValue *res;
	char		date[16];
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN + 1];

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	push_key(&state, "period");
	push_string(&state, (char *) cal_period_name((DpPeriod) v->period));
	push_key(&state, "start");
	cal_format_date(v->start, date);
	push_string(&state, date);
	push_key(&state, "values");
	pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
	for (int32 i = 0; i < v->n; i++)
	{
		JsonbValue	e;

		/* shortest round-trip digits, so the numeric reads back as the same float8 */
		num[dp_format_double(v->values[i], num)] = '\0';
		e.type = jbvNumeric;
		e.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(num),
															ObjectIdGetDatum(InvalidOid),
															Int32GetDatum(-1)));
		pushJsonbValue(&state, WJB_ELEM, &e);
	}
	pushJsonbValue(&state, WJB_END_ARRAY, NULL);
	res = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	PG_RETURN_POINTER(JsonbValueToJsonb(res));
}

static void
jsonb_capvec_error(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot cast jsonb to capvec: %s", what),
			 errhint("Expected an object like {\"period\": \"month\", \"start\": \"2024-01-01\", \"values\": [100, 120, 150]}.")));
}

static JsonbValue *
jsonb_key(Jsonb *j, const char *key, enum jbvType type, const char *typename)
{
	JsonbValue	k;
	JsonbValue *v;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	v = findJsonbValueFromContainer(&j->root, JB_FOBJECT, &k);
	if (v == NULL)
		jsonb_capvec_error(psprintf("key \"%s\" is missing", key));
	if (v->type != type)
		jsonb_capvec_error(psprintf("\"%s\" must be %s", key, typename));
	return v;
}

PG_FUNCTION_INFO_V1(capvec_from_jsonb);
Datum
capvec_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *j = PG_GETARG_JSONB_P(0);
	JsonbValue *pv,
			   *sv,
			   *vv;
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	DpPeriod	p;
	DateADT		start;
	CapVec	   *v;
	int32		i = 0;
	DpError		err;

	if (!JB_ROOT_IS_OBJECT(j) || JB_ROOT_IS_SCALAR(j))
		jsonb_capvec_error("not an object");
	if (JB_ROOT_COUNT(j) != 3)
		jsonb_capvec_error("the object must have exactly the keys \"period\", \"start\" and \"values\"");
	pv = jsonb_key(j, "period", jbvString, "a string");
	sv = jsonb_key(j, "start", jbvString, "a date string");
	vv = jsonb_key(j, "values", jbvBinary, "an array of numbers");
	if (!JsonContainerIsArray(vv->val.binary.data))
		jsonb_capvec_error("\"values\" must be an array of numbers");

	if (!cal_period_lookup(pv->val.string.val, pv->val.string.len, &p))
		jsonb_capvec_error(psprintf("unknown period \"%.*s\"", pv->val.string.len, pv->val.string.val));
	start = DatumGetDateADT(DirectFunctionCall1(date_in,
												CStringGetDatum(pnstrdup(sv->val.string.val,
																		 sv->val.string.len))));
	dp_date_arg(start, "start");
	if (!capvec_check_start(p, start, &err))
		dp_raise(&err);

	v = capvec_new(p, cal_index(p, start), JsonContainerSize(vv->val.binary.data));
	it = JsonbIteratorInit(vv->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (e.type == jbvNull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("cannot cast jsonb to capvec: \"values\" element %d is null", i + 1)));
		if (e.type != jbvNumeric)
			jsonb_capvec_error(psprintf("\"values\" element %d is not a number", i + 1));
		/* the non-erroring conversion, so the message can name the element */
		v->values[i] = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
														  NumericGetDatum(e.val.numeric)));
		if (!isfinite(v->values[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("cannot cast jsonb to capvec: \"values\" element %d is out of range for type double precision",
							i + 1)));
		i++;
	}
	if (!capvec_check_values(v->values, v->n, &err))
		dp_raise(&err);
	PG_RETURN_CAPVEC_P(v);
}

/* ---- accessors ---- */

PG_FUNCTION_INFO_V1(capvec_period);
Datum
capvec_period(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(cal_period_name((DpPeriod) v->period)));
}

PG_FUNCTION_INFO_V1(capvec_start_date);
Datum
capvec_start_date(PG_FUNCTION_ARGS)
{
	CapVec	   *v = (CapVec *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(0), 0, offsetof(CapVec, values));

	PG_RETURN_DATEADT(v->start);
}

PG_FUNCTION_INFO_V1(capvec_end_date);
Datum
capvec_end_date(PG_FUNCTION_ARGS)
{
	CapVec	   *v = (CapVec *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(0), 0, offsetof(CapVec, values));

	PG_RETURN_DATEADT((DateADT) cal_index_start((DpPeriod) v->period, capvec_first(v) + v->n));
}

PG_FUNCTION_INFO_V1(capvec_length);
Datum
capvec_length(PG_FUNCTION_ARGS)
{
	CapVec	   *v = (CapVec *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(0), 0, offsetof(CapVec, values));

	PG_RETURN_INT32(v->n);
}

PG_FUNCTION_INFO_V1(capvec_total);
Datum
capvec_total(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	double		s = capvec_sum(v->values, v->n);

	if (!isfinite(s))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("capvec total out of range")));
	PG_RETURN_FLOAT8(s);
}

PG_FUNCTION_INFO_V1(capvec_value_at);
Datum
capvec_value_at(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	DateADT		d = PG_GETARG_DATEADT(1);
	int64		i;

	if (DATE_NOT_FINITE(d) || d < DP_DATE_MIN || d >= DP_DATE_END)
		PG_RETURN_NULL();
	i = cal_index((DpPeriod) v->period, d) - capvec_first(v);
	if (i < 0 || i >= v->n)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v->values[i]);
}

/* Rows (period_start, period_end, quantity), period_end exclusive. */
PG_FUNCTION_INFO_V1(capvec_unnest);
Datum
capvec_unnest(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DpPeriod	p = (DpPeriod) v->period;
	int64		first = capvec_first(v);
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	int64		next = v->start;

	InitMaterializedSRF(fcinfo, 0);
	for (int32 i = 0; i < v->n; i++)
	{
		values[0] = DateADTGetDatum((DateADT) next);
		next += cal_index_days(p, first + i);
		values[1] = DateADTGetDatum((DateADT) next);
		values[2] = Float8GetDatum(v->values[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	return (Datum) 0;
}
