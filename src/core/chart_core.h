/*
 * chart_core.h: text pictures of capacity vectors, in plain C: a sparkline
 * of block characters and a standalone SVG line chart drawn for planners
 * (zero line, optional shaded band below zero, target lines, a y-axis
 * title, thousands separators, labels at the lines' ends, a colour-blind
 * safe palette).
 *
 * Long loops call the caller's check callback every CHART_CHECK_EVERY
 * values, so the glue can honour a cancel or statement_timeout; the
 * callback may not return (PostgreSQL's CHECK_FOR_INTERRUPTS longjmps).
 */
#ifndef DP_CHART_CORE_H
#define DP_CHART_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "dp_error.h"

/* Limits of an SVG chart (54000 above them): a chart past them is unreadable anyway. */
#define CHART_MAX_SERIES 100
#define CHART_MAX_PERIODS 10000
#define CHART_MAX_LABEL 100		/* characters of a series label, the y-axis title or the band label */
#define CHART_MAX_TITLE 200		/* characters of the title */

/* Values or points handled between two calls of the check callback. */
#define CHART_CHECK_EVERY 4096

/* Called every CHART_CHECK_EVERY values; may not return. */
typedef void (*ChartCheck) (void *ctx);

/* Where an SVG chart goes: append len bytes of s; check as above. */
typedef struct ChartSink
{
	void		(*append) (void *ctx, const char *s, size_t len);
	ChartCheck	check;
	void	   *ctx;
} ChartSink;

/*
 * Sparkline: one of ▁▂▃▄▅▆▇█ per value, scaled from the vector's minimum
 * (▁) to its maximum (█), the level rounded to the nearest; a flat vector
 * is all ▅.  Any finite values, however far apart.  Writes 3 bytes per value
 * and a NUL into buf (3 n + 1 bytes); returns the length.
 */
extern size_t chart_sparkline(const double *v, int32_t n, char *buf, ChartCheck check, void *ctx);

/* One series of an SVG chart: values laid on [first, first + n) of the chart's period. */
typedef struct ChartSeries
{
	const char *label;			/* NULL: "series k" */
	int64_t		first;			/* period index of values[0] */
	int32_t		n;
	const double *values;		/* finite */
	bool		has_target;		/* draw a target line at target */
	double		target;
} ChartSeries;

/* An SVG line chart of several series over one span of one period. */
typedef struct ChartSpec
{
	DpPeriod	period;
	int64_t		first;			/* the span: [first, first + n) */
	int32_t		n;
	const ChartSeries *series;
	int			nseries;
	const char *title;			/* NULL: none */
	const char *y_title;		/* NULL: none */
	const char *negative_label; /* NULL: no band below zero */
} ChartSpec;

/*
 * Check a chart against the limits (54000: series, periods in the span)
 * and its targets (22003 unless finite).  Label lengths are the caller's
 * to check: only it knows the text's encoding.
 */
extern bool chart_check(const ChartSpec *c, DpError *err);

/*
 * Write a standalone SVG line chart: value axis with grid lines and ticks
 * (thousands separators), a heavier zero line, a shaded band labelled
 * negative_label below zero when values go below it, period labels at both
 * ends of the time axis and at calendar-aligned steps between, one line per
 * series in a colour of Petroff's 10-colour sequence (dashed from the 11th
 * series on), each series' target as a dashed line in its colour, and every
 * line labelled at its end, the labels spread so they do not overlap.
 * Labels and titles are XML escaped.  The chart must pass chart_check
 * (series past CHART_MAX_SERIES are not drawn).
 */
extern void chart_svg(const ChartSpec *c, const ChartSink *sink);

/* ---- the pieces, exposed for the unit tests ---- */

/*
 * A value axis: ticks at k * step for k in [klo, khi], step = m * 10^e with
 * m in {1, 2, 5}, about five steps over [lo, hi] (lo <= 0 <= hi; equal
 * means [0, 1]).  Never overflows: a tick beyond float8 exists as text only.
 */
typedef struct ChartAxis
{
	int			m;
	int			e;
	double		step;
	int64_t		klo;
	int64_t		khi;
} ChartAxis;

#define CHART_MIN_EXP (-300)	/* the smallest step is 1e-300 */

extern void chart_axis(double lo, double hi, ChartAxis *ax);

/*
 * The tick value km * 10^e as text (buf >= 40 bytes): thousands separators
 * and max(0, -e) decimals ("1,250,000", "0.25"), 0 as "0", and from e >= 12
 * or e < -6 on the exponent form ("1.8e+308").  Returns the length.
 */
extern int	chart_format_tick(int64_t km, int e, char *buf);

/* The label of period idx (buf >= 16 bytes): YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY.  Returns the length. */
extern int	chart_period_label(DpPeriod p, int64_t idx, char *buf);

/*
 * The periods of [0, n) that get a time-axis label, for labels of label_px
 * pixels on px_per_period pixels a period: 0 and n - 1, and between them the
 * calendar-aligned multiples of a step (1, 2, 3, 4, 6, 12, 24, ...) at
 * least label_px from each other and from the ends.  Writes at most max
 * indexes, ascending; returns their number.
 */
extern int	chart_time_labels(int64_t first, int32_t n, double px_per_period, double label_px,
							  int32_t *out, int max);

/*
 * Place n labels wanted at heights want[] (any order) at least gap apart
 * within [top, bottom] (when there is room), each as near its wanted height
 * as the others allow: overlapping labels form a group centred on the mean
 * of their wanted heights.  Writes got[]; order by height is kept.  At most
 * 2 * CHART_MAX_SERIES + 1 labels are placed.
 */
extern void chart_spread_labels(const double *want, int n, double gap, double top, double bottom,
								double *got);

#endif
