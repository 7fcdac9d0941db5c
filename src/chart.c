/*
 * chart.c: dp.sparkline and dp.svg_chart, text pictures of capacity vectors.
 * The drawing is in core/chart_core.c.
 */
#include "dp.h"

#include "catalog/pg_type.h"
#include "core/chart_core.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

/* dp.sparkline(v): one block character per value (chart_sparkline). */
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

/* A ChartAppend writing into a StringInfo. */
static void
append_stringinfo(void *ctx, const char *s, size_t len)
{
	appendBinaryStringInfo((StringInfo) ctx, s, (int) len);
}

/*
 * dp.svg_chart(series, labels, title): a standalone SVG line chart of the
 * series aligned on their span (chart_svg).  NULL series gives NULL.
 */
PG_FUNCTION_INFO_V1(dp_svg_chart);
Datum
dp_svg_chart(PG_FUNCTION_ARGS)
{
	ArrayType  *arr;
	Datum	   *labels = NULL;
	bool	   *label_nulls = NULL;
	int			nlabels = 0;
	int			nseries;
	CapVecSet	s;
	ChartSeries *series;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	arr = PG_GETARG_ARRAYTYPE_P(0);
	nseries = dp_array_count(arr, "series");
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
	capvec_set(&s, 0, NULL, NULL, arr, "series", NULL);

	series = palloc(sizeof(ChartSeries) * s.count);
	for (int i = 0; i < s.count; i++)
	{
		series[i].first = s.first[i];
		series[i].n = s.v[i]->n;
		series[i].values = s.v[i]->values;
		series[i].label = (labels != NULL && !label_nulls[i]) ? TextDatumGetCString(labels[i]) : NULL;
	}

	initStringInfo(&buf);
	chart_svg(s.period, s.span_first, s.span_n, series, s.count,
			  PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2)),
			  append_stringinfo, &buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}
