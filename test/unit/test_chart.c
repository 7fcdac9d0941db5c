/*
 * Unit tests of chart_core.c.  Expected values are derived by hand in the
 * comments (tick steps from range / 5 rounded to 1, 2 or 5 times a power of
 * ten; label positions from the pixel widths).
 */
#include <float.h>

#include "core/chart_core.h"
#include "unit.h"

static int	checks;

static void
count_check(void *ctx)
{
	(void) ctx;
	checks++;
}

TEST(sparkline_levels)
{
	double		v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	double		flat[3] = {5, 5, 5};
	double		two[3] = {0, 10, 5};
	char		buf[64];

	/* eight evenly spaced values get the eight blocks in order */
	CHECK(chart_sparkline(v, 8, buf, NULL, NULL) == 24);
	CHECK_STR(buf, "▁▂▃▄▅▆▇█");
	CHECK(chart_sparkline(flat, 3, buf, NULL, NULL) == 9);
	CHECK_STR(buf, "▅▅▅");
	/* 5 is halfway: 3.5 rounds to level 4 */
	chart_sparkline(two, 3, buf, NULL, NULL);
	CHECK_STR(buf, "▁█▅");
	CHECK(chart_sparkline(v, 0, buf, NULL, NULL) == 0 && buf[0] == '\0');
}

TEST(sparkline_extremes)
{
	/* max - min overflows float8: 0 is still halfway (level 3.5 -> ▅), not NaN */
	double		huge[3] = {-1.7e308, 1.7e308, 0};
	double		all[3] = {-DBL_MAX, DBL_MAX, DBL_MAX / 2};
	/* the smallest subnormal apart: still the two ends */
	double		tiny[2] = {0, 5e-324};
	char		buf[64];

	chart_sparkline(huge, 3, buf, NULL, NULL);
	CHECK_STR(buf, "▁█▅");
	/* DBL_MAX / 2 is 3/4 of the way: level 5.25 -> ▆ */
	chart_sparkline(all, 3, buf, NULL, NULL);
	CHECK_STR(buf, "▁█▆");
	chart_sparkline(tiny, 2, buf, NULL, NULL);
	CHECK_STR(buf, "▁█");
}

TEST(sparkline_checks_interrupts)
{
	static double v[3 * CHART_CHECK_EVERY + 5];
	static char buf[3 * (3 * CHART_CHECK_EVERY + 5) + 1];

	checks = 0;
	chart_sparkline(v, 3 * CHART_CHECK_EVERY + 5, buf, count_check, NULL);
	CHECK(checks == 3);
}

TEST(axis_steps)
{
	ChartAxis	a;

	/* nothing but zeros: [0, 1] in steps of 0.2 */
	chart_axis(0, 0, &a);
	CHECK(a.m == 2 && a.e == -1 && a.klo == 0 && a.khi == 5);
	/* 100 / 5 = 20 */
	chart_axis(0, 100, &a);
	CHECK(a.m == 2 && a.e == 1 && a.klo == 0 && a.khi == 5);
	CHECK_DBL(a.step, 20);
	/* 160000 / 5 = 32000 -> 20000, from -2 to 6 steps */
	chart_axis(-40000, 120000, &a);
	CHECK(a.m == 2 && a.e == 4 && a.klo == -2 && a.khi == 6);
	/* 7.6 / 5 = 1.52 -> 2, up to ceil(3.8) = 4 steps; 38 / 5 = 7.6 -> 10 */
	chart_axis(0, 7.6, &a);
	CHECK(a.m == 2 && a.e == 0 && a.khi == 4);
	chart_axis(0, 38, &a);
	CHECK(a.m == 1 && a.e == 1 && a.khi == 4);
}

TEST(axis_extremes)
{
	ChartAxis	a;

	/* 1.7e308 / 5 = 3.4e307 -> 2e307; the top tick 9 * 2e307 = 1.8e308 exists as text only */
	chart_axis(0, 1.7e308, &a);
	CHECK(a.m == 2 && a.e == 307 && a.klo == 0 && a.khi == 9);
	/* 3.4e308 / 5 = 6.8e307 -> 5e307, -3.4 and 3.4 steps rounded out */
	chart_axis(-1.7e308, 1.7e308, &a);
	CHECK(a.m == 5 && a.e == 307 && a.klo == -4 && a.khi == 4);
	chart_axis(-DBL_MAX, DBL_MAX, &a);
	CHECK(a.m == 5 && a.e == 307 && a.klo == -4 && a.khi == 4);
	CHECK(isfinite(a.step));
	/* a subnormal range: the smallest step, 1e-300 */
	chart_axis(0, 5e-324, &a);
	CHECK(a.m == 1 && a.e == CHART_MIN_EXP && a.klo == 0 && a.khi == 1);
	chart_axis(-5e-324, 0, &a);
	CHECK(a.klo == -1 && a.khi == 0);
	/* flat at 1e300 (1e300 + 1 rounds to 1e300): half the value, 5e299 / 2.5 = 2e299 */
	chart_axis(1e300, 1e300, &a);
	CHECK(a.m == 2 && a.e == 299 && a.klo == 5 && a.khi == 5 + 1);
}

TEST(tick_format)
{
	char		buf[40];

	CHECK(chart_format_tick(0, 5, buf) == 1);
	CHECK_STR(buf, "0");
	chart_format_tick(1250, 3, buf);
	CHECK_STR(buf, "1,250,000");
	chart_format_tick(-4, 4, buf);
	CHECK_STR(buf, "-40,000");
	chart_format_tick(100, 0, buf);
	CHECK_STR(buf, "100");
	chart_format_tick(1000, 0, buf);
	CHECK_STR(buf, "1,000");
	chart_format_tick(5, 11, buf);
	CHECK_STR(buf, "500,000,000,000");
	chart_format_tick(10, 11, buf);
	CHECK_STR(buf, "1,000,000,000,000");
	chart_format_tick(25, -2, buf);
	CHECK_STR(buf, "0.25");
	chart_format_tick(5, -1, buf);
	CHECK_STR(buf, "0.5");
	chart_format_tick(12345, -2, buf);
	CHECK_STR(buf, "123.45");
	chart_format_tick(-15, -1, buf);
	CHECK_STR(buf, "-1.5");
	chart_format_tick(3, -6, buf);
	CHECK_STR(buf, "0.000003");
	/* exponent form from e >= 12 and below e = -6 */
	chart_format_tick(2, 12, buf);
	CHECK_STR(buf, "2e+12");
	chart_format_tick(3, -7, buf);
	CHECK_STR(buf, "3e-07");
	chart_format_tick(18, 307, buf);
	CHECK_STR(buf, "1.8e+308");
	chart_format_tick(-20, 307, buf);
	CHECK_STR(buf, "-2e+308");
	chart_format_tick(1, -300, buf);
	CHECK_STR(buf, "1e-300");
}

TEST(period_labels)
{
	char		buf[16];

	/* month index 2025 * 12 + 6 is July 2025; quarter 2025 * 4 + 2 is Q3 */
	chart_period_label(DP_MONTH, 2025 * 12 + 6, buf);
	CHECK_STR(buf, "2025-07");
	chart_period_label(DP_QUARTER, 2025 * 4 + 2, buf);
	CHECK_STR(buf, "2025-Q3");
	chart_period_label(DP_YEAR, 2025, buf);
	CHECK_STR(buf, "2025");
	/* day 8766 after 2000-01-01 (24 years, 6 of them leap) is 2024-01-01, a Monday */
	chart_period_label(DP_DAY, 8766, buf);
	CHECK_STR(buf, "2024-01-01");
	chart_period_label(DP_WEEK, cal_index(DP_WEEK, 8766), buf);
	CHECK_STR(buf, "2024-01-01");
}

TEST(time_labels)
{
	int32_t		t[64];
	int			n;
	double		ppp = 560.0 / 23;

	/*
	 * 24 months from July 2025 on 560 px: 24.3 px a month, labels of 7 * 7 + 14
	 * = 63 px need 3 months (73 px); quarter starts 3..18 (21 is 2 months = 49 px
	 * from the end), and the last month, 23.
	 */
	n = chart_time_labels(2025 * 12 + 6, 24, ppp, 63, t, 64);
	CHECK(n == 8);
	CHECK(t[0] == 0 && t[1] == 3 && t[2] == 6 && t[3] == 9 && t[4] == 12 && t[5] == 15 &&
		  t[6] == 18 && t[7] == 23);
	/* from August: quarter starts at 2 (49 px from the start: dropped), 5, ..., 20 */
	n = chart_time_labels(2025 * 12 + 7, 24, ppp, 63, t, 64);
	CHECK(n == 8);
	CHECK(t[0] == 0 && t[1] == 5 && t[2] == 8 && t[6] == 20 && t[7] == 23);
	CHECK(chart_time_labels(0, 0, 1, 63, t, 64) == 0);
	CHECK(chart_time_labels(5, 1, 560, 63, t, 64) == 1 && t[0] == 0);
	CHECK(chart_time_labels(5, 2, 560, 63, t, 64) == 2 && t[0] == 0 && t[1] == 1);
	/* 10000 days: 0.056 px a day, 84 px labels need 1500 days: steps of 2400 (9600 is 22 px from the end) */
	n = chart_time_labels(0, 10000, 560.0 / 9999, 84, t, 64);
	CHECK(n == 5 && t[1] == 2400 && t[3] == 7200 && t[4] == 9999);
}

TEST(spread_labels)
{
	double		got[4];

	/* apart already: where wanted */
	chart_spread_labels((double[]) {10, 50, 100}, 3, 14, 0, 300, got);
	CHECK_ARRAY(got, 10, 50, 100);
	/* overlapping: centred on their mean 102, 14 apart; the order by height kept */
	chart_spread_labels((double[]) {100, 104}, 2, 14, 0, 300, got);
	CHECK_ARRAY(got, 95, 109);
	chart_spread_labels((double[]) {104, 100}, 2, 14, 0, 300, got);
	CHECK_ARRAY(got, 109, 95);
	/* a group growing: 100, 110 (at 98, 112) then 120 joins: mean 110, from 96 */
	chart_spread_labels((double[]) {100, 110, 120}, 3, 14, 0, 300, got);
	CHECK_ARRAY(got, 96, 110, 124);
	/* kept inside [top, bottom] */
	chart_spread_labels((double[]) {0, 2}, 2, 14, 5, 300, got);
	CHECK_ARRAY(got, 5, 19);
	chart_spread_labels((double[]) {299, 300}, 2, 14, 0, 300, got);
	CHECK_ARRAY(got, 286, 300);
	/* no room: stacked from the top */
	chart_spread_labels((double[]) {5, 5, 5}, 3, 14, 0, 20, got);
	CHECK_ARRAY(got, 0, 14, 28);
}

typedef struct Buf
{
	char	   *data;
	size_t		len,
				cap;
} Buf;

static void
append(void *ctx, const char *s, size_t len)
{
	Buf		   *b = ctx;

	if (b->len + len + 1 > b->cap)
	{
		b->cap = (b->len + len + 1) * 2;
		b->data = realloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* occurrences of needle in hay */
static int
count_of(const char *hay, const char *needle)
{
	int			n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

TEST(svg_chart_structure)
{
	Buf			b = {0};
	ChartSink	sink = {append, NULL, &b};
	double		a[3] = {1000, 3000, -2000},
				c[2] = {2000, 4000};
	ChartSeries s[2] = {{"DEU <&>", 24288, 3, a, true, 5000}, {NULL, 24289, 2, c, false, 0}};
	ChartSpec	spec = {DP_MONTH, 24288, 3, s, 2, "Stock \"155\"", "rounds", "backorders"};
	DpError		err;

	CHECK(chart_check(&spec, &err));
	chart_svg(&spec, &sink);
	CHECK(strncmp(b.data, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	CHECK(strstr(b.data, "</svg>\n") != NULL);
	/* labels at the lines' ends, escaped; the target labelled; the made-up label */
	CHECK(strstr(b.data, ">DEU &lt;&amp;&gt;</text>") != NULL);
	CHECK(strstr(b.data, ">DEU &lt;&amp;&gt; target</text>") != NULL);
	CHECK(strstr(b.data, ">series 2</text>") != NULL);
	CHECK(strstr(b.data, "Stock &quot;155&quot;") != NULL);
	CHECK(strstr(b.data, ">rounds</text>") != NULL);
	CHECK(strstr(b.data, ">backorders</text>") != NULL);
	/* -2000 .. 5000: 7000 / 5 = 1400 -> 1000: ticks -2,000 .. 5,000 with separators */
	CHECK(strstr(b.data, ">-2,000</text>") != NULL);
	CHECK(strstr(b.data, ">5,000</text>") != NULL);
	CHECK(strstr(b.data, ">0</text>") != NULL);
	/* month index 24288 is 2024-01: the first and the last month labelled */
	CHECK(strstr(b.data, ">2024-01</text>") != NULL);
	CHECK(strstr(b.data, ">2024-03</text>") != NULL);
	/* two series lines, one dashed target line, the zero line */
	CHECK(count_of(b.data, "<polyline") == 2);
	CHECK(count_of(b.data, "stroke-dasharray=\"7,4\"") == 2);	/* the target and its leader */
	CHECK(count_of(b.data, "stroke-width=\"2\"/>") >= 1);
	free(b.data);
}

TEST(svg_chart_without_band_or_titles)
{
	Buf			b = {0};
	ChartSink	sink = {append, NULL, &b};
	double		a[2] = {-5, 5};
	ChartSeries s[1] = {{"x", 0, 2, a, false, 0}};
	ChartSpec	spec = {DP_YEAR, 2020, 2, s, 1, NULL, NULL, NULL};

	chart_svg(&spec, &sink);
	CHECK(strstr(b.data, "<title>") == NULL || strstr(b.data, "<title>x</title>") != NULL);
	CHECK(strstr(b.data, "font-weight=\"bold\"") == NULL);
	CHECK(strstr(b.data, "#fbe4e1") == NULL);
	CHECK(strstr(b.data, ">2020</text>") != NULL && strstr(b.data, ">2021</text>") != NULL);
	free(b.data);
}

TEST(svg_chart_extremes)
{
	Buf			b = {0};
	ChartSink	sink = {append, NULL, &b};
	double		a[3] = {-1.7e308, 1.7e308, 0},
				one[1] = {1.7e308};
	ChartSeries s[2] = {{"a", 0, 3, a, true, DBL_MAX}, {"b", 1, 1, one, false, 0}};
	ChartSpec	spec = {DP_DAY, 0, 3, s, 2, "huge", NULL, "owed"};

	chart_svg(&spec, &sink);
	CHECK(strstr(b.data, "</svg>\n") != NULL);
	/* every coordinate finite: no inf or nan printed */
	CHECK(strstr(b.data, "inf") == NULL && strstr(b.data, "nan") == NULL);
	CHECK(strstr(b.data, ">-2e+308</text>") != NULL && strstr(b.data, ">2e+308</text>") != NULL);
	free(b.data);
}

TEST(svg_chart_checks_interrupts)
{
	static double v[10000];
	Buf			b = {0};
	ChartSink	sink = {append, count_check, &b};
	ChartSeries s[3] = {{"a", 0, 10000, v, false, 0}, {"b", 0, 10000, v, false, 0},
	{"c", 0, 10000, v, false, 0}};
	ChartSpec	spec = {DP_DAY, 0, 10000, s, 3, NULL, NULL, NULL};

	/* 30000 values scanned, 30000 points drawn: a check every 4096, 14 in all */
	checks = 0;
	chart_svg(&spec, &sink);
	CHECK(checks == 14);
	free(b.data);
}

TEST(svg_chart_reduces_long_series)
{
	static double v[10000];
	Buf			b = {0};
	ChartSink	sink = {append, NULL, &b};
	ChartSeries s[1] = {{"a", 0, 10000, v, false, 0}};
	ChartSpec	spec = {DP_DAY, 0, 10000, s, 1, NULL, NULL, NULL};
	const char *pts;
	int			points = 1;

	/* flat at 0 with one spike to 1000 and one dip to -1000 */
	v[5000] = 1000;
	v[7001] = -1000;
	chart_svg(&spec, &sink);
	pts = strstr(b.data, "points=\"");
	CHECK(pts != NULL);
	for (const char *p = pts + 8; *p != '"'; p++)
		points += *p == ' ';
	/* at most 4 points per pixel column of the 560 px plot (561 columns) */
	CHECK(points <= 4 * 561 && points >= 561);
	/*
	 * -1000 .. 1000: 2000 / 5 = 400 -> steps of 500 from -2 to 2 over the 300 px
	 * plot from y 20 (no title): the spike at the top, 20, the dip at the bottom, 320
	 */
	CHECK(strstr(pts, ",20.0 ") != NULL);
	CHECK(strstr(pts, ",320.0 ") != NULL);
	v[5000] = v[7001] = 0;
	free(b.data);
}

TEST(chart_limits)
{
	double		v[1] = {1};
	ChartSeries s[1] = {{"a", 0, 1, v, true, INFINITY}};
	ChartSpec	spec = {DP_DAY, 0, 1, s, 1, NULL, NULL, NULL};
	DpError		err;

	CHECK(!chart_check(&spec, &err) && err.code == DP_ERR_RANGE);
	CHECK_STR(err.msg, "targets[1] must be a finite number");
	s[0].target = 1;
	CHECK(chart_check(&spec, &err));
	spec.n = CHART_MAX_PERIODS + 1;
	CHECK(!chart_check(&spec, &err) && err.code == DP_ERR_LIMIT);
	CHECK_STR(err.msg, "a chart can span at most 10000 periods, not 10001");
	spec.n = 1;
	spec.nseries = CHART_MAX_SERIES + 1;
	CHECK(!chart_check(&spec, &err) && err.code == DP_ERR_LIMIT);
	CHECK_STR(err.msg, "a chart can have at most 100 series, not 101");
}

int
main(void)
{
	RUN(sparkline_levels);
	RUN(sparkline_extremes);
	RUN(sparkline_checks_interrupts);
	RUN(axis_steps);
	RUN(axis_extremes);
	RUN(tick_format);
	RUN(period_labels);
	RUN(time_labels);
	RUN(spread_labels);
	RUN(svg_chart_structure);
	RUN(svg_chart_without_band_or_titles);
	RUN(svg_chart_extremes);
	RUN(svg_chart_checks_interrupts);
	RUN(svg_chart_reduces_long_series);
	RUN(chart_limits);
	return DONE();
}
