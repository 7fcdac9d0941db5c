/*
 * chart_core.h: text pictures of capacity vectors, in plain C: a sparkline
 * of block characters and a standalone SVG line chart.
 */
#ifndef DP_CHART_CORE_H
#define DP_CHART_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"

/* Appends len bytes of s to the output the caller keeps. */
typedef void (*ChartAppend) (void *ctx, const char *s, size_t len);

/*
 * Sparkline: one of ▁▂▃▄▅▆▇█ per value, scaled from the vector's minimum
 * (▁) to its maximum (█); a flat vector is all ▅.  Writes 3 bytes per value
 * and a NUL into buf (3 n + 1 bytes); returns the length.
 */
extern size_t chart_sparkline(const double *v, int32_t n, char *buf);

/* One series of an SVG chart: values laid on [first, first + n) of the chart's period. */
typedef struct ChartSeries
{
	const char *label;			/* NULL: "series k" */
	int64_t		first;			/* period index of values[0] */
	int32_t		n;
	const double *values;
} ChartSeries;

/*
 * A standalone SVG line chart of the series over the span [first, first + n)
 * of period p: axes with value ticks and period-start dates, one polyline
 * per series, a legend, and an optional title.  Labels and title are XML
 * escaped.
 */
extern void chart_svg(DpPeriod p, int64_t first, int32_t n, const ChartSeries *series,
					  int nseries, const char *title, ChartAppend append, void *ctx);

#endif
