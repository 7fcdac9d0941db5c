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
	int32		cap = cv_text_count(s, &dp_interrupts);
	double	   *buf = palloc(sizeof(double) * cap);
	DpPeriod	p;
	int64		start;
	int32		n;
	CapVec	   *v;
	DpError		err;

	if (!cv_parse(s, false, &p, &start, buf, cap, &n, &dp_interrupts, &err))
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

	cv_format(buf, (DpPeriod) v->period, v->start, v->values, v->n, dp_format_double, &dp_interrupts);
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

/* Binary input, checked as strictly as text input (capvec_recv_form and _values). */
PG_FUNCTION_INFO_V1(capvec_recv);
Datum
capvec_recv(PG_FUNCTION_ARGS)
{
	CvBinary	b;
	CapVec	   *v;

	capvec_recv_form((StringInfo) PG_GETARG_POINTER(0), "capvec", &b);
	v = capvec_new(b.period, cal_index(b.period, b.start), b.n);
	capvec_recv_values(&b, v->values);
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
		CHECK_FOR_INTERRUPTS();
	}
	pushJsonbValue(&state, WJB_END_ARRAY, NULL);
	res = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	PG_RETURN_POINTER(JsonbValueToJsonb(res));
}

/* A jsonb value as the core's reader sees it (numbers as numeric prints them). */
static CvJsonItem
json_item(const JsonbValue *v)
{
	CvJsonItem	item = {CV_JSON_NULL, NULL, 0};

	switch (v->type)
	{
		case jbvNull:
			break;
		case jbvString:
			item.kind = CV_JSON_STRING;
			item.text = v->val.string.val;
			item.len = v->val.string.len;
			break;
		case jbvNumeric:
			item.kind = CV_JSON_NUMBER;
			item.text = DatumGetCString(DirectFunctionCall1(numeric_out,
															NumericGetDatum(v->val.numeric)));
			item.len = strlen(item.text);
			break;
		case jbvBool:
			item.kind = CV_JSON_BOOL;
			break;
		case jbvBinary:
			item.kind = JsonContainerIsArray(v->val.binary.data) ? CV_JSON_ARRAY : CV_JSON_OBJECT;
			break;
		default:
			item.kind = CV_JSON_OBJECT;
			break;
	}
	return item;
}

/*
 * Cast from jsonb: the root's members and then the elements of "values",
 * read by the core (cv_json_header, cv_json_value), so the start is
 * YYYY-MM-DD whatever DateStyle says and numbers read as in text input.
 */
PG_FUNCTION_INFO_V1(capvec_from_jsonb);
Datum
capvec_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *j = PG_GETARG_JSONB_P(0);
	CvJsonMember m[3];
	int			count = 0;
	CvJsonKind	root = (JB_ROOT_IS_OBJECT(j) && !JB_ROOT_IS_SCALAR(j)) ? CV_JSON_OBJECT : CV_JSON_ARRAY;
	JsonbContainer *values = NULL;
	DpPeriod	p;
	int64		start;
	CapVec	   *v;
	int32		i = 0;
	DpError		err;

	if (root == CV_JSON_OBJECT)
	{
		JsonbIterator *it = JsonbIteratorInit(&j->root);
		JsonbValue	k,
					e;
		JsonbIteratorToken tok;

		count = JB_ROOT_COUNT(j);
		/* the header needs three members; with more it fails on the count */
		for (int idx = 0; count == 3 && (tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE;)
		{
			if (tok != WJB_KEY)
				continue;
			tok = JsonbIteratorNext(&it, &e, true);
			m[idx].key = k.val.string.val;
			m[idx].keylen = k.val.string.len;
			m[idx].value = json_item(&e);
			if (m[idx].value.kind == CV_JSON_ARRAY)
				values = e.val.binary.data;
			idx++;
		}
	}
	if (!cv_json_header(root, m, count, &p, &start, &err))
		dp_raise(&err);

	/* the header has checked that "values" is the one array member */
	v = capvec_new(p, cal_index(p, start), JsonContainerSize(values));
	{
		JsonbIterator *it = JsonbIteratorInit(values);
		JsonbValue	e;
		JsonbIteratorToken tok;

		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		{
			CvJsonItem	item;

			if (tok != WJB_ELEM)
				continue;
			item = json_item(&e);
			if (!cv_json_value(&item, i, &v->values[i], &dp_interrupts, &err))
				dp_raise(&err);
			if (item.kind == CV_JSON_NUMBER)
				pfree((char *) item.text);
			CHECK_FOR_INTERRUPTS();
			i++;
		}
	}
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

	PG_RETURN_DATEADT(capvec_date(v, v->n));
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
	PG_RETURN_DATEADT(capvec_date(v, v->n) - 1);
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
	int64		i = dp_date_in_range(d) ? cal_index((DpPeriod) v->period, d) - capvec_first(v) : -1;

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
		dp_put_row(fcinfo, values, nulls, i);
	}
	return (Datum) 0;
}
