/*
 * chart.c: dp.sparkline and dp.svg_chart, text pictures of capacity vectors.
 * The drawing is in core/chart_core.c; this file checks the arguments
 * against the chart's limits before reading them whole, and lets the core's
 * long loops be cancelled.
 */
#include "dp.h"

#include "access/detoast.h"
#include "catalog/pg_type.h"
#include "core/chart_core.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* The core's check callback: honour a cancel or statement_timeout. */
static void
chart_interrupt(void *ctx)
{
	CHECK_FOR_INTERRUPTS();
}

/* dp.sparkline(v): one block character per value (chart_sparkline). */
PG_FUNCTION_INFO_V1(dp_sparkline);
Datum
dp_sparkline(PG_FUNCTION_ARGS)
{
	CapVec	   *v = PG_GETARG_CAPVEC_P(0);
	text	   *t = (text *) palloc(VARHDRSZ + (Size) v->n * 3 + 1);
	size_t		len = chart_sparkline(v->values, v->n, VARDATA(t), chart_interrupt, NULL);

	SET_VARSIZE(t, VARHDRSZ + len);
	PG_RETURN_TEXT_P(t);
}

/* A ChartSink's append writing into a StringInfo. */
static void
append_stringinfo(void *ctx, const char *s, size_t len)
{
	appendBinaryStringInfo((StringInfo) ctx, s, (int) len);
}

/* 54000 for a text longer than max characters, named argname. */
static void
text_too_long(const char *argname, int max, DpWhere where)
{
	dp_error_at(where,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("%s is longer than %d characters", argname, max),
				errhint("Chart text is drawn on one line; shorten it."));
}

/*
 * A text argument of at most max characters, as a C string; NULL stays
 * NULL.  The stored size is checked before the text is read, so a huge
 * value is refused without being detoasted.
 */
static char *
chart_text_arg(FunctionCallInfo fcinfo, int argno, const char *argname, int max, DpWhere where)
{
	text	   *t;

	if (PG_ARGISNULL(argno))
		return NULL;
	if (toast_raw_datum_size(PG_GETARG_DATUM(argno)) > VARHDRSZ + (Size) max * MAX_MULTIBYTE_CHAR_LEN)
		text_too_long(argname, max, where);
	t = PG_GETARG_TEXT_PP(argno);
	if (pg_mbstrlen_with_len(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)) > max)
		text_too_long(argname, max, where);
	return text_to_cstring(t);
}

/* An array argument's stored size must not exceed what limit elements of elem_size bytes take. */
static void
chart_array_size(FunctionCallInfo fcinfo, int argno, const char *argname, Size elem_size,
				 DpWhere where)
{
	Size		bound = ARR_OVERHEAD_WITHNULLS(1, CHART_MAX_SERIES) +
		(Size) CHART_MAX_SERIES * MAXALIGN(elem_size);

	if (toast_raw_datum_size(PG_GETARG_DATUM(argno)) > bound)
		dp_error_at(where,
					errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					errmsg("%s is too large for a chart", argname),
					errdetail("A chart has at most %d series of at most %d periods, labels of at most %d characters.",
							  CHART_MAX_SERIES, CHART_MAX_PERIODS, CHART_MAX_LABEL));
}

/* 54000 for more than CHART_MAX_SERIES elements; 22023 unless there are nseries (when nseries >= 0). */
static int
chart_array_count(ArrayType *a, const char *argname, int nseries, DpWhere where)
{
	int			n = dp_array_count_at(a, argname, where);

	if (n > CHART_MAX_SERIES)
		dp_error_at(where,
					errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					errmsg("a chart can have at most %d series, not %d", CHART_MAX_SERIES, n),
					errhint("Chart fewer series, e.g. the largest ones, or sum the others with dp.sum."));
	if (nseries >= 0 && n != nseries)
		dp_error_at(where,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("%s has %d elements but series has %d", argname, n, nseries));
	return n;
}

/*
 * The elements of the optional array argument argno of element type
 * elemtype, one per series (chart_array_count), as deconstruct_array gives
 * them: their number, 0 when the argument is NULL.
 */
static int
series_array_arg(FunctionCallInfo fcinfo, int argno, const char *argname, int nseries, Oid elemtype,
				 Datum **elems, bool **nulls, DpWhere where)
{
	ArrayType  *a;
	int16		typlen;
	bool		byval;
	char		align;
	int			n;

	if (PG_ARGISNULL(argno))
		return 0;
	a = PG_GETARG_ARRAYTYPE_P(argno);
	chart_array_count(a, argname, nseries, where);
	get_typlenbyvalalign(elemtype, &typlen, &byval, &align);
	deconstruct_array(a, elemtype, typlen, byval, align, elems, nulls, &n);
	return n;
}

/*
 * dp.svg_chart(series, labels, title, y_title, targets, negative_label): a
 * standalone SVG line chart of the series aligned on their span
 * (chart_svg).  NULL series gives NULL; NULL labels, titles, targets (or
 * elements of them) are left out.
 */
PG_FUNCTION_INFO_V1(dp_svg_chart);
Datum
dp_svg_chart(PG_FUNCTION_ARGS)
{
	ArrayType  *arr;
	int			nseries,
				nlabels,
				ntargets;
	Datum	   *labels,
			   *targets;
	bool	   *nulls;
	CapVecSet	s;
	ChartSeries *series;
	ChartSpec	spec;
	ChartSink	sink;
	StringInfoData buf;
	DpError		err;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	/* sizes first: nothing too large for a chart is read whole */
	chart_array_size(fcinfo, 0, "series", CAPVEC_SIZE(CHART_MAX_PERIODS), DP_HERE);
	if (!PG_ARGISNULL(1))
		chart_array_size(fcinfo, 1, "labels", VARHDRSZ + CHART_MAX_LABEL * MAX_MULTIBYTE_CHAR_LEN,
						 DP_HERE);
	arr = PG_GETARG_ARRAYTYPE_P(0);
	nseries = chart_array_count(arr, "series", -1, DP_HERE);
	if (nseries == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("series must contain at least one capacity vector")));
	capvec_set(&s, 0, NULL, NULL, arr, "series", NULL);

	series = palloc0(sizeof(ChartSeries) * s.count);
	for (int i = 0; i < s.count; i++)
	{
		series[i].first = s.first[i];
		series[i].n = s.v[i]->n;
		series[i].values = s.v[i]->values;
	}
	nlabels = series_array_arg(fcinfo, 1, "labels", nseries, TEXTOID, &labels, &nulls, DP_HERE);
	for (int i = 0; i < nlabels; i++)
	{
		text	   *t;

		if (nulls[i])
			continue;
		t = DatumGetTextPP(labels[i]);
		if (pg_mbstrlen_with_len(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)) > CHART_MAX_LABEL)
			text_too_long(psprintf("labels[%d]", i + 1), CHART_MAX_LABEL, DP_HERE);
		series[i].label = text_to_cstring(t);
	}
	ntargets = series_array_arg(fcinfo, 4, "targets", nseries, FLOAT8OID, &targets, &nulls, DP_HERE);
	for (int i = 0; i < ntargets; i++)
	{
		series[i].has_target = !nulls[i];
		series[i].target = nulls[i] ? 0.0 : DatumGetFloat8(targets[i]);
	}

	spec.period = s.period;
	spec.first = s.span_first;
	spec.n = s.span_n;
	spec.series = series;
	spec.nseries = s.count;
	spec.title = chart_text_arg(fcinfo, 2, "title", CHART_MAX_TITLE, DP_HERE);
	spec.y_title = chart_text_arg(fcinfo, 3, "y_title", CHART_MAX_LABEL, DP_HERE);
	spec.negative_label = chart_text_arg(fcinfo, 5, "negative_label", CHART_MAX_LABEL, DP_HERE);
	if (!chart_check(&spec, &err))
		dp_raise(&err);

	initStringInfo(&buf);
	sink.append = append_stringinfo;
	sink.check = chart_interrupt;
	sink.ctx = &buf;
	chart_svg(&spec, &sink);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}
