/*
 * chart.c: dp.sparkline and dp.svg_chart, text pictures of capacity vectors.
 */
#include "dp.h"

#include "catalog/pg_type.h"
#include "core/chart_core.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(dp_sparkline);
Datum
dp_sparkline(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	text	   *t = (text *) palloc(VARHDRSZ + (Size) v->n * 3 + 1);
	size_t		len = chart_sparkline(v->values, v->n, VARDATA(t));

	SET_VARSIZE(t, VARHDRSZ + len);
	PG_RETURN_TEXT_P(t);
}

static void
append_stringinfo(void *ctx, const char *s, size_t len)
{
	appendBinaryStringInfo((StringInfo) ctx, s, (int) len);
}

static void
bad_chart_arg(const char *msg, int element)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg(msg, element)));
}

PG_FUNCTION_INFO_V1(dp_svg_chart);
Datum
dp_svg_chart(PG_FUNCTION_ARGS)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			nseries;
	Datum	   *labels = NULL;
	bool	   *label_nulls = NULL;
	int			nlabels = 0;
	ChartSeries *series;
	int64		lo = 0,
				hi = 0;
	DpPeriod	p = DP_MONTH;
	bool		any = false;
	StringInfoData buf;
	DpError		err;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	arr = PG_GETARG_ARRAYTYPE_P(0);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), -1, false, TYPALIGN_DOUBLE, &elems, &nulls, &nseries);
	if (nseries == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("series must contain at least one capacity vector")));
	if (!PG_ARGISNULL(1))
	{
		deconstruct_array(PG_GETARG_ARRAYTYPE_P(1), TEXTOID, -1, false, TYPALIGN_INT,
						  &labels, &label_nulls, &nlabels);
		if (nlabels != nseries)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("labels has %d elements but series has %d", nlabels, nseries)));
	}

	series = palloc(sizeof(ChartSeries) * nseries);
	for (int s = 0; s < nseries; s++)
	{
		CapVec	   *v;
		int64		first;

		if (nulls[s])
			bad_chart_arg("series element %d is NULL", s + 1);
		v = DatumGetCapVecP(elems[s]);
		first = capvec_first(v);
		if (s > 0 && v->period != p)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("series element %d has period %s, the first has period %s", s + 1,
							cal_period_name((DpPeriod) v->period), cal_period_name(p)),
					 errhint("Convert the series to one period with dp.resample first.")));
		p = (DpPeriod) v->period;
		series[s].first = first;
		series[s].n = v->n;
		series[s].values = v->values;
		series[s].label = (labels != NULL && !label_nulls[s]) ? TextDatumGetCString(labels[s]) : NULL;
		if (v->n > 0)
		{
			lo = any ? Min(lo, first) : first;
			hi = any ? Max(hi, first + v->n) : first + v->n;
			any = true;
		}
	}
	if (!any)
		lo = hi = series[0].first;
	if (!capvec_check_span(p, lo, hi - lo, &err))
		dp_raise(&err);

	initStringInfo(&buf);
	chart_svg(p, lo, (int32) (hi - lo), series, nseries,
			  PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2)),
			  append_stringinfo, &buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}
