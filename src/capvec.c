/*
 * capvec.c: the dp.capvec type: text and binary I/O, the constructor, casts
 * to float8[] and to/from jsonb, accessors and unnest.  The kernels are in
 * core/capvec_core.c; the layout and constructor shared by every module are
 * in dp.c.
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

/* ---- text and binary I/O ---- */

/* Text input: cv_text_count sizes the buffer, cv_parse reads the text form. */
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

	if (!cv_text_count(s, &count, &err))
		dp_raise(&err);
	buf = palloc(sizeof(double) * count);
	if (!cv_parse(s, false, &p, &start, buf, &n, &err))
		dp_raise(&err);
	v = capvec_new(p, cal_index(p, start), n);
	memcpy(v->values, buf, sizeof(double) * n);
	pfree(buf);
	PG_RETURN_CAPVEC_P(v);
}

/* Text output: cv_format with shortest round-trip values. */
PG_FUNCTION_INFO_V1(capvec_out);
Datum
capvec_out(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	char	   *buf = palloc(cv_text_bound(v->n));

	cv_format(buf, (DpPeriod) v->period, v->start, v->values, v->n, dp_format_double);
	PG_RETURN_CSTRING(buf);
}

/* Binary output: the form of capvec_send_form. */
PG_FUNCTION_INFO_V1(capvec_send);
Datum
capvec_send(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	capvec_send_form(&buf, (DpPeriod) v->period, v->start, v->values, v->n);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Binary input, checked as strictly as text input (capvec_recv_header and _values). */
PG_FUNCTION_INFO_V1(capvec_recv);
Datum
capvec_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	DpPeriod	p;
	int32		start,
				n;
	CapVec	   *v;

	capvec_recv_header(buf, "capvec", &p, &start, &n);
	v = capvec_new(p, cal_index(p, start), n);
	capvec_recv_values(buf, v->values, n);
	PG_RETURN_CAPVEC_P(v);
}

/* ---- constructor and casts ---- */

/* dp.capvec(period, start, quantities): capvec_from_array at a checked start. */
PG_FUNCTION_INFO_V1(dp_capvec);
Datum
dp_capvec(PG_FUNCTION_ARGS)
{
	DpPeriod	p = dp_period_arg(PG_GETARG_TEXT_PP(0));
	int64		first = dp_start_arg(p, PG_GETARG_DATEADT(1), "start");

	PG_RETURN_CAPVEC_P(capvec_from_array(p, first, PG_GETARG_ARRAYTYPE_P(2), "quantities"));
}

/* Cast to float8[]: the values in one allocation (dp_new_array). */
PG_FUNCTION_INFO_V1(capvec_to_float8_array);
Datum
capvec_to_float8_array(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	ArrayType  *a = dp_new_array(FLOAT8OID, sizeof(double), v->n);

	if (v->n > 0)
		memcpy(ARR_DATA_PTR(a), v->values, sizeof(double) * v->n);
	PG_RETURN_ARRAYTYPE_P(a);
}

/* Push an object key. */
static void
push_key(JsonbParseState **state, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &k);
}

/* Push a string value. */
static void
push_string(JsonbParseState **state, char *s)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = s;
	v.val.string.len = strlen(s);
	pushJsonbValue(state, WJB_VALUE, &v);
}

/* Cast to jsonb: {"period", "start", "values"}, values with shortest round-trip digits. */
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

/* 22023 for a jsonb that is not a capvec object, reported at the cast. */
static void
jsonb_capvec_error(const char *what, DpWhere where)
{
	dp_error_at(where,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("cannot cast jsonb to capvec: %s", what),
				errhint("Expected an object like {\"period\": \"month\", \"start\": \"2024-01-01\", \"values\": [100, 120, 150]}."));
}

/* The value of a key of the object, which must be present and of this type. */
static JsonbValue *
jsonb_key(Jsonb *j, const char *key, enum jbvType type, const char *typename, DpWhere where)
{
	JsonbValue	k;
	JsonbValue *v;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	v = findJsonbValueFromContainer(&j->root, JB_FOBJECT, &k);
	if (v == NULL)
		jsonb_capvec_error(psprintf("key \"%s\" is missing", key), where);
	if (v->type != type)
		jsonb_capvec_error(psprintf("\"%s\" must be %s", key, typename), where);
	return v;
}

/* Cast from jsonb: exactly the keys period, start and values; checked as text input is. */
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
		jsonb_capvec_error("not an object", DP_HERE);
	if (JB_ROOT_COUNT(j) != 3)
		jsonb_capvec_error("the object must have exactly the keys \"period\", \"start\" and \"values\"",
						   DP_HERE);
	pv = jsonb_key(j, "period", jbvString, "a string", DP_HERE);
	sv = jsonb_key(j, "start", jbvString, "a date string", DP_HERE);
	vv = jsonb_key(j, "values", jbvBinary, "an array of numbers", DP_HERE);
	if (!JsonContainerIsArray(vv->val.binary.data))
		jsonb_capvec_error("\"values\" must be an array of numbers", DP_HERE);

	if (!cal_period_lookup(pv->val.string.val, pv->val.string.len, &p))
		jsonb_capvec_error(psprintf("unknown period \"%.*s\"", pv->val.string.len, pv->val.string.val),
						   DP_HERE);
	start = DatumGetDateADT(DirectFunctionCall1(date_in,
												CStringGetDatum(pnstrdup(sv->val.string.val,
																		 sv->val.string.len))));

	v = capvec_new(p, dp_start_arg(p, start, "start"), JsonContainerSize(vv->val.binary.data));
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
			jsonb_capvec_error(psprintf("\"values\" element %d is not a number", i + 1), DP_HERE);
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
	if (!cv_check_values(v->values, v->n, &err))
		dp_raise(&err);
	PG_RETURN_CAPVEC_P(v);
}

/* ---- accessors ---- */

/* dp.period(v): the period name. */
PG_FUNCTION_INFO_V1(dp_period);
Datum
dp_period(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(cal_period_name((DpPeriod) v->period)));
}

/* dp.start_date(v): the first day; reads the header alone. */
PG_FUNCTION_INFO_V1(dp_start_date);
Datum
dp_start_date(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(PG_GETARG_CAPVEC_HEADER(0)->start);
}

/* dp.end_date(v): the day after the last period; reads the header alone. */
PG_FUNCTION_INFO_V1(dp_end_date);
Datum
dp_end_date(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_HEADER(0);

	PG_RETURN_DATEADT((DateADT) cal_index_start((DpPeriod) v->period, capvec_first(v) + v->n));
}

/*
 * dp.last_date(v): the last day of the last period (inclusive; never past
 * 9999-12-31, which every driver can read); NULL for an empty vector.
 */
PG_FUNCTION_INFO_V1(dp_last_date);
Datum
dp_last_date(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_HEADER(0);

	if (v->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT((DateADT) cal_index_start((DpPeriod) v->period, capvec_first(v) + v->n) - 1);
}

/* dp.length(v): the number of periods; reads the header alone. */
PG_FUNCTION_INFO_V1(dp_length);
Datum
dp_length(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_CAPVEC_HEADER(0)->n);
}

/* dp.total(v): cv_sum of the values (22003 if it overflows). */
PG_FUNCTION_INFO_V1(dp_total);
Datum
dp_total(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	double		s = cv_sum(v->values, v->n);

	if (!isfinite(s))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("capvec total out of range")));
	PG_RETURN_FLOAT8(s);
}

/* dp.value_at(v, d): the value of the period containing d; NULL outside the span. */
PG_FUNCTION_INFO_V1(dp_value_at);
Datum
dp_value_at(PG_FUNCTION_ARGS)
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

/* dp.unnest(v): rows (period_start, period_end, quantity), period_end exclusive. */
PG_FUNCTION_INFO_V1(dp_unnest);
Datum
dp_unnest(PG_FUNCTION_ARGS)
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
		dp_interrupt_every(i);
	}
	return (Datum) 0;
}
