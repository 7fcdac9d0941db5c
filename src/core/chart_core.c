/*
 * chart_core.c: sparklines and SVG line charts (see chart_core.h).
 *
 * Value arithmetic never overflows: ranges are taken as halves (hi/2 -
 * lo/2) and positions as multiples of the tick step, so values up to
 * +-1.8e308 draw like any others.  Tick labels are built from integers
 * (k * m, e), never printed from a double, so they read exactly.
 */
#include "chart_core.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const blocks[8] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};

size_t
chart_sparkline(const double *v, int32_t n, char *buf, ChartCheck check, void *ctx)
{
	double		lo = INFINITY,
				hi = -INFINITY,
				s,
				span;
	char	   *o = buf;

	for (int32_t i = 0; i < n; i++)
	{
		lo = fmin(lo, v[i]);
		hi = fmax(hi, v[i]);
	}
	/* scaled by 1/2 when hi - lo overflows (scaling by 2^-1 is exact for normal values) */
	s = isfinite(hi - lo) ? 1.0 : 0.5;
	span = hi * s - lo * s;
	for (int32_t i = 0; i < n; i++)
	{
		/* 8 levels: the value's position in [lo, hi], rounded to the nearest level */
		int			k = span > 0 ? (int) floor((v[i] * s - lo * s) / span * 7.0 + 0.5) : 4;

		k = k < 0 ? 0 : (k > 7 ? 7 : k);
		memcpy(o, blocks[k], 3);
		o += 3;
		if (check != NULL && (i & (CHART_CHECK_EVERY - 1)) == CHART_CHECK_EVERY - 1)
			check(ctx);
	}
	*o = '\0';
	return (size_t) (o - buf);
}

/* ---- checks ---- */

bool
chart_check(const ChartSpec *c, DpError *err)
{
	if (c->nseries > CHART_MAX_SERIES)
	{
		dp_fail(err, DP_ERR_LIMIT, "a chart can have at most %d series, not %d",
				CHART_MAX_SERIES, c->nseries);
		dp_hint(err, "Chart fewer series, e.g. the largest ones, or sum the others with dp.sum.");
		return false;
	}
	if (c->n > CHART_MAX_PERIODS)
	{
		dp_fail(err, DP_ERR_LIMIT, "a chart can span at most %d periods, not %d",
				CHART_MAX_PERIODS, c->n);
		dp_hint(err, "Chart a longer period with dp.resample, or a shorter span with dp.slice.");
		return false;
	}
	for (int s = 0; s < c->nseries; s++)
		if (c->series[s].has_target && !isfinite(c->series[s].target))
			return dp_fail(err, DP_ERR_RANGE, "targets[%d] must be a finite number", s + 1);
	return true;
}

/* ---- value axis ---- */

void
chart_axis(double lo, double hi, ChartAxis *ax)
{
	double		half,
				l,
				f;

	if (hi <= lo)
		hi = lo + 1.0;
	/* half the range cannot overflow; the step is about a fifth of the range */
	half = hi * 0.5 - lo * 0.5;
	/* flat far from 0 (lo + 1 rounds to lo): a range of its magnitude */
	if (!(half > 0))
		half = fmax(fabs(lo), fabs(hi)) * 0.5;
	/* a subnormal range (half rounds to 0): the smallest step (no -inf to int) */
	l = half > 0 ? log10(half) - log10(2.5) : CHART_MIN_EXP;
	if (l < CHART_MIN_EXP)
		l = CHART_MIN_EXP;
	ax->e = (int) floor(l);
	f = pow(10.0, l - ax->e);
	if (f < 1.5)
		ax->m = 1;
	else if (f < 3.5)
		ax->m = 2;
	else if (f < 7.5)
		ax->m = 5;
	else
	{
		ax->m = 1;
		ax->e++;
	}
	if (ax->e < CHART_MIN_EXP)
	{
		ax->m = 1;
		ax->e = CHART_MIN_EXP;
	}
	/* at most 5e307 (half <= 1.8e308), at least 1e-300: finite and normal */
	ax->step = ax->m * pow(10.0, ax->e);
	ax->klo = (int64_t) floor(lo / ax->step);
	ax->khi = (int64_t) ceil(hi / ax->step);
	if (ax->khi <= ax->klo)
		ax->khi = ax->klo + 1;
}

/* Digits of n > 0 into buf, most significant first; returns their number. */
static int
digits_of(uint64_t n, char *buf)
{
	char		tmp[24];
	int			len = 0;

	do
	{
		tmp[len++] = (char) ('0' + n % 10);
		n /= 10;
	} while (n > 0);
	for (int i = 0; i < len; i++)
		buf[i] = tmp[len - 1 - i];
	return len;
}

int
chart_format_tick(int64_t km, int e, char *buf)
{
	char		d[40];
	int			nd,
				o = 0;

	if (km == 0)
	{
		strcpy(buf, "0");
		return 1;
	}
	if (km < 0)
		buf[o++] = '-';
	nd = digits_of(km < 0 ? (uint64_t) 0 - (uint64_t) km : (uint64_t) km, d);

	if (e >= 12 || e < -6)
	{
		/* d[0].d[1..] e+E, trailing zeros of the mantissa dropped */
		int			exp10 = e + nd - 1;
		int			last = nd - 1;

		while (last > 0 && d[last] == '0')
			last--;
		buf[o++] = d[0];
		if (last > 0)
		{
			buf[o++] = '.';
			memcpy(buf + o, d + 1, last);
			o += last;
		}
		return o + sprintf(buf + o, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
	}

	/* fixed: the digits, e zeros or -e decimals */
	{
		int			decimals = e < 0 ? -e : 0;
		int			intlen;

		if (e > 0)
		{
			memset(d + nd, '0', e);
			nd += e;
		}
		if (nd <= decimals)
		{
			/* leading zeros so that one digit is left before the point */
			memmove(d + decimals + 1 - nd, d, nd);
			memset(d, '0', decimals + 1 - nd);
			nd = decimals + 1;
		}
		intlen = nd - decimals;
		for (int i = 0; i < intlen; i++)
		{
			if (i > 0 && (intlen - i) % 3 == 0)
				buf[o++] = ',';
			buf[o++] = d[i];
		}
		if (decimals > 0)
		{
			buf[o++] = '.';
			memcpy(buf + o, d + intlen, decimals);
			o += decimals;
		}
		buf[o] = '\0';
		return o;
	}
}

/* ---- time axis ---- */

int
chart_period_label(DpPeriod p, int64_t idx, char *buf)
{
	int			y,
				m,
				d;

	cal_to_ymd(cal_index_start(p, idx), &y, &m, &d);
	switch (p)
	{
		case DP_MONTH:
			return snprintf(buf, 16, "%04d-%02d", y, m);
		case DP_QUARTER:
			return snprintf(buf, 16, "%04d-Q%d", y, (m - 1) / 3 + 1);
		case DP_YEAR:
			return snprintf(buf, 16, "%04d", y);
		default:
			return cal_format_date(cal_index_start(p, idx), buf);
	}
}

int
chart_time_labels(int64_t first, int32_t n, double px_per_period, double label_px,
				  int32_t *out, int max)
{
	static const int64_t steps[] = {1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240, 600, 1200, 2400,
	6000, 12000};
	int64_t		step = steps[sizeof(steps) / sizeof(steps[0]) - 1];
	int64_t		k;
	int			count = 0;

	if (n <= 0 || max <= 0)
		return 0;
	out[count++] = 0;
	if (n == 1)
		return count;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] * px_per_period >= label_px)
		{
			step = steps[i];
			break;
		}
	/* the first calendar-aligned index after 0: (first + k) divisible by step */
	k = step - (first % step + step) % step;
	for (; k < n - 1 && count < max - 1; k += step)
		if (k * px_per_period >= label_px && (n - 1 - k) * px_per_period >= label_px)
			out[count++] = (int32_t) k;
	if ((n - 1) * px_per_period >= label_px && count < max)
		out[count++] = n - 1;
	return count;
}

/* ---- direct labels ---- */

#define CHART_MAX_LABELS (2 * CHART_MAX_SERIES + 1)

void
chart_spread_labels(const double *want, int n, double gap, double top, double bottom,
					double *got)
{
	int			order[CHART_MAX_LABELS];
	int			cfirst[CHART_MAX_LABELS],
				ccount[CHART_MAX_LABELS];
	double		csum[CHART_MAX_LABELS],
				ctop[CHART_MAX_LABELS],
				y[CHART_MAX_LABELS];
	int			nc = 0;

	if (n > CHART_MAX_LABELS)
		n = CHART_MAX_LABELS;
	if (n <= 0)
		return;
	/* labels by wanted height (insertion sort: n is small), ties by position */
	for (int i = 0; i < n; i++)
	{
		int			j = i;

		while (j > 0 && want[order[j - 1]] > want[i])
		{
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	/* groups of overlapping labels, each centred on its members' mean wanted height */
	for (int r = 0; r < n; r++)
	{
		cfirst[nc] = r;
		ccount[nc] = 1;
		csum[nc] = want[order[r]];
		ctop[nc] = want[order[r]];
		nc++;
		while (nc > 1 && ctop[nc - 2] + ccount[nc - 2] * gap > ctop[nc - 1])
		{
			ccount[nc - 2] += ccount[nc - 1];
			csum[nc - 2] += csum[nc - 1];
			nc--;
			ctop[nc - 1] = csum[nc - 1] / ccount[nc - 1] - (ccount[nc - 1] - 1) * gap / 2.0;
		}
	}
	for (int c = 0; c < nc; c++)
		for (int j = 0; j < ccount[c]; j++)
			y[cfirst[c] + j] = ctop[c] + j * gap;
	/* within [top, bottom]: down from the top, then up from the bottom when there is room */
	for (int r = 0; r < n; r++)
		y[r] = fmax(y[r], r == 0 ? top : y[r - 1] + gap);
	if (top + (n - 1) * gap <= bottom)
		for (int r = n - 1; r >= 0; r--)
			y[r] = fmin(y[r], r == n - 1 ? bottom : y[r + 1] - gap);
	for (int r = 0; r < n; r++)
		got[order[r]] = y[r];
}

/* ---- SVG ---- */

/* Petroff's 10-colour sequence, chosen for colour-vision deficiencies (arXiv:2107.02270) */
static const char *const palette[10] = {
	"#3f90da", "#ffa90e", "#bd1f01", "#94a4a2", "#832db6",
	"#a96b59", "#e76300", "#b9ac70", "#717581", "#92dadd"
};

/* from the 11th series on, the colours again with a dash pattern */
static const char *const dashes[4] = {NULL, "10,3,2,3", "3,3", "12,3,3,3,3,3"};

#define PLOT_W 560.0			/* plot area width */
#define PLOT_H 300.0			/* plot area height, at least */
#define CHAR_W 7.0				/* estimated width of a 12px character */
#define TITLE_CHAR_W 9.5		/* of a 16px bold one */
#define LABEL_GAP 14.0			/* between direct labels */
#define LEADER 18.0				/* leader line from a line's end to its label */
#define TARGET_DASH "7,4"

static void out(const ChartSink *o, const char *fmt,...) __attribute__((format(printf, 2, 3)));

static void
out(const ChartSink *o, const char *fmt,...)
{
	char		buf[512];
	va_list		ap;
	int			len;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len >= (int) sizeof(buf))
		len = (int) sizeof(buf) - 1;
	o->append(o->ctx, buf, (size_t) len);
}

/* The XML entities of the characters out_escaped replaces (NULL: kept or dropped). */
static const char *const xml_entity[128] = {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
['"'] = "&quot;", ['\''] = "&#39;"};

/* s XML escaped; control characters and the non-characters U+FFFE, U+FFFF (not allowed in XML) dropped. */
static void
out_escaped(const ChartSink *o, const char *s)
{
	for (; *s; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c < 128 && xml_entity[c] != NULL)
			o->append(o->ctx, xml_entity[c], strlen(xml_entity[c]));
		else if (c == 0xEF && (unsigned char) s[1] == 0xBF &&
				 ((unsigned char) s[2] == 0xBE || (unsigned char) s[2] == 0xBF))
			s += 2;
		else if (c >= 0x20 || c == '\t' || c == '\n')
			o->append(o->ctx, s, 1);
	}
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

/* Characters of a UTF-8 string (for layout estimates only). */
static int
text_chars(const char *s)
{
	int			n = 0;

	for (; *s; s++)
		n += ((unsigned char) *s & 0xC0) != 0x80;
	return n;
}

/* The label of series s: its own or "series k", into buf (>= 32 bytes) when made up. */
static const char *
series_label(const ChartSpec *c, int s, char *buf)
{
	if (c->series[s].label != NULL)
		return c->series[s].label;
	snprintf(buf, 32, "series %d", s + 1);
	return buf;
}

/* The geometry of one chart. */
typedef struct Layout
{
	double		left,
				top,
				pw,
				ph,
				width,
				height;
	ChartAxis	ax;
} Layout;

static double
xpos(const Layout *g, int32_t n, int64_t i)
{
	return g->left + (n > 1 ? g->pw * (double) i / (double) (n - 1) : g->pw / 2.0);
}

/* v's height: from multiples of the step, so no value overflows on the way */
static double
ypos(const Layout *g, double v)
{
	return g->top + g->ph * (1.0 - (v / g->ax.step - (double) g->ax.klo) /
							 (double) (g->ax.khi - g->ax.klo));
}

/* Append point i of series cs to a polyline's points (a space before all but the first). */
static void
out_point(const ChartSink *sink, const ChartSpec *c, const Layout *g, const ChartSeries *cs,
		  int32_t i, bool *first)
{
	out(sink, "%s%.1f,%.1f", *first ? "" : " ", xpos(g, c->n, cs->first - c->first + i),
		ypos(g, cs->values[i]));
	*first = false;
}

/*
 * A series' points.  With more periods than two per pixel column, each
 * column keeps its first, lowest, highest and last point, in time order
 * (the M4 reduction of Jugel et al., "M4: A Visualization-Oriented Time
 * Series Data Aggregation", VLDB 2014): the line drawn is the same, the
 * output at most four points a pixel.
 */
static void
draw_points(const ChartSpec *c, const Layout *g, const ChartSeries *cs, const ChartSink *sink,
			int64_t *done)
{
	bool		reduce = c->n > 2.0 * g->pw;
	bool		first = true;
	int64_t		col = -1;
	int32_t		k[4] = {0, 0, 0, 0};	/* first, lowest, highest, last of the column */

	for (int32_t i = 0; i <= cs->n; i++)
	{
		int64_t		at = cs->first - c->first + i;
		int64_t		ci = i < cs->n ? (int64_t) floor(xpos(g, c->n, at) - g->left) : -2;

		if (!reduce && i < cs->n)
			out_point(sink, c, g, cs, i, &first);
		else if (reduce && ci != col)
		{
			/* flush the column: its distinct points in time order */
			if (col >= 0)
			{
				int32_t		lo = k[1] < k[2] ? k[1] : k[2],
							hi = k[1] < k[2] ? k[2] : k[1];

				out_point(sink, c, g, cs, k[0], &first);
				if (lo > k[0])
					out_point(sink, c, g, cs, lo, &first);
				if (hi > lo && hi > k[0])
					out_point(sink, c, g, cs, hi, &first);
				if (k[3] > hi && k[3] > k[0])
					out_point(sink, c, g, cs, k[3], &first);
			}
			col = ci;
			k[0] = k[1] = k[2] = k[3] = i;
		}
		else if (reduce)
		{
			k[3] = i;
			if (cs->values[i] < cs->values[k[1]])
				k[1] = i;
			if (cs->values[i] > cs->values[k[2]])
				k[2] = i;
		}
		if (i < cs->n && (++*done & (CHART_CHECK_EVERY - 1)) == 0 && sink->check)
			sink->check(sink->ctx);
	}
}

/* The direct labels: one per series end (empty series at the top) and per target. */
typedef struct Label
{
	int			series;
	bool		target;
	double		x;				/* where its leader starts; < 0: none (an empty series) */
	double		want;			/* the height of the line's end */
} Label;

void
chart_svg(const ChartSpec *c, const ChartSink *sink)
{
	double		lo = 0.0,
				hi = 0.0;
	Layout		g;
	Label		labels[CHART_MAX_LABELS];
	double		want[CHART_MAX_LABELS] = {0},
				got[CHART_MAX_LABELS];
	int			nlabels = 0,
				label_chars = 0,
				tick_chars = 1;
	int64_t		done = 0;
	int32_t		tl[64];
	int			ntl;
	char		buf[48];
	char		name[32];
	int			nseries = c->nseries < CHART_MAX_SERIES ? c->nseries : CHART_MAX_SERIES;

	/* the values' range, zero included, and the targets' (series past the limit are not drawn) */
	for (int s = 0; s < nseries; s++)
	{
		const ChartSeries *cs = &c->series[s];

		for (int32_t i = 0; i < cs->n; i++)
		{
			lo = fmin(lo, cs->values[i]);
			hi = fmax(hi, cs->values[i]);
			if ((++done & (CHART_CHECK_EVERY - 1)) == 0 && sink->check)
				sink->check(sink->ctx);
		}
		if (cs->has_target)
		{
			lo = fmin(lo, cs->target);
			hi = fmax(hi, cs->target);
		}
		label_chars = imax(label_chars, text_chars(series_label(c, s, name)) +
						   (cs->has_target ? 7 : 0) + (cs->n == 0 ? 10 : 0));
		nlabels += 1 + cs->has_target;
	}
	chart_axis(lo, hi, &g.ax);
	for (int64_t k = g.ax.klo; k <= g.ax.khi; k++)
		tick_chars = imax(tick_chars, chart_format_tick(k * g.ax.m, g.ax.e, buf));

	/* geometry: margins fit the tick labels, the direct labels and the title */
	g.top = c->title ? 50.0 : 20.0;
	g.left = (c->y_title ? 30.0 : 8.0) + CHAR_W * tick_chars + 10.0;
	g.pw = PLOT_W;
	g.ph = fmax(fmax(PLOT_H, LABEL_GAP * nlabels), c->y_title ? CHAR_W * text_chars(c->y_title) + 20.0 : 0.0);
	g.width = g.left + g.pw + 8.0 + LEADER + 6.0 + CHAR_W * label_chars + 10.0;
	if (c->title)
		g.width = fmax(g.width, g.left + TITLE_CHAR_W * text_chars(c->title) + 20.0);
	g.height = g.top + g.ph + 44.0;

	out(sink, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		"viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
		g.width, g.height, g.width, g.height);
	out(sink, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	if (c->title)
	{
		out(sink, "<title>");
		out_escaped(sink, c->title);
		out(sink, "</title>\n<text x=\"%.0f\" y=\"30\" font-size=\"16\" font-weight=\"bold\">", g.left);
		out_escaped(sink, c->title);
		out(sink, "</text>\n");
	}

	/* below zero: a shaded band, labelled */
	if (g.ax.klo < 0 && c->negative_label)
	{
		double		y0 = ypos(&g, 0.0);

		out(sink, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fbe4e1\"/>\n",
			g.left, y0, g.pw, g.top + g.ph - y0);
		out(sink, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#9b1c0c\" font-style=\"italic\">",
			g.left + 6.0, g.top + g.ph - 6.0);
		out_escaped(sink, c->negative_label);
		out(sink, "</text>\n");
	}

	/* value axis: grid lines and tick labels, the zero line heavier */
	for (int64_t k = g.ax.klo; k <= g.ax.khi; k++)
	{
		double		y = g.top + g.ph * (1.0 - (double) (k - g.ax.klo) / (double) (g.ax.khi - g.ax.klo));

		chart_format_tick(k * g.ax.m, g.ax.e, buf);
		if (k != 0)
			out(sink, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>\n",
				g.left, y, g.left + g.pw, y);
		out(sink, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			g.left - 6.0, y + 4.0, buf);
	}
	out(sink, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n",
		g.left, g.top, g.left, g.top + g.ph);
	out(sink, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\" stroke-width=\"2\"/>\n",
		g.left, ypos(&g, 0.0), g.left + g.pw, ypos(&g, 0.0));
	if (c->y_title)
	{
		double		ym = g.top + g.ph / 2.0;

		out(sink, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">",
			ym, ym);
		out_escaped(sink, c->y_title);
		out(sink, "</text>\n");
	}

	/* time axis along the bottom: both ends labelled, calendar steps between */
	out(sink, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n",
		g.left, g.top + g.ph, g.left + g.pw, g.top + g.ph);
	{
		int			lc = chart_period_label(c->period, c->first, buf);

		ntl = chart_time_labels(c->first, c->n, c->n > 1 ? g.pw / (c->n - 1) : g.pw,
								CHAR_W * lc + 14.0, tl, 64);
	}
	for (int t = 0; t < ntl; t++)
	{
		double		x = xpos(&g, c->n, tl[t]);

		chart_period_label(c->period, c->first + tl[t], buf);
		out(sink, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n",
			x, g.top + g.ph, x, g.top + g.ph + 5.0);
		out(sink, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
			x, g.top + g.ph + 20.0, buf);
	}

	/* targets, then the series on top of them */
	for (int s = 0; s < nseries; s++)
		if (c->series[s].has_target)
		{
			double		y = ypos(&g, c->series[s].target);

			out(sink, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"1.5\" stroke-dasharray=\"" TARGET_DASH "\"/>\n",
				g.left, y, g.left + g.pw, y, palette[s % 10]);
		}
	for (int s = 0; s < nseries; s++)
	{
		const ChartSeries *cs = &c->series[s];
		const char *dash = dashes[(s / 10) % 4];

		if (cs->n == 0)
			continue;
		out(sink, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s%s%s points=\"",
			palette[s % 10], dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
		draw_points(c, &g, cs, sink, &done);
		out(sink, "\"><title>");
		out_escaped(sink, series_label(c, s, name));
		out(sink, "</title></polyline>\n");
		if (c->n == 1 || cs->n == 1)
			out(sink, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
				xpos(&g, c->n, cs->first - c->first), ypos(&g, cs->values[0]), palette[s % 10]);
	}

	/* direct labels at the right, spread so they do not overlap */
	nlabels = 0;
	for (int s = 0; s < nseries; s++)
	{
		const ChartSeries *cs = &c->series[s];

		labels[nlabels].series = s;
		labels[nlabels].target = false;
		if (cs->n > 0)
		{
			labels[nlabels].x = xpos(&g, c->n, cs->first - c->first + cs->n - 1) + 4.0;
			labels[nlabels].want = ypos(&g, cs->values[cs->n - 1]);
		}
		else
		{
			labels[nlabels].x = -1.0;
			labels[nlabels].want = g.top;
		}
		nlabels++;
		if (cs->has_target)
		{
			labels[nlabels].series = s;
			labels[nlabels].target = true;
			labels[nlabels].x = g.left + g.pw + 4.0;
			labels[nlabels].want = ypos(&g, cs->target);
			nlabels++;
		}
	}
	for (int l = 0; l < nlabels; l++)
		want[l] = labels[l].want;
	chart_spread_labels(want, nlabels, LABEL_GAP, g.top, g.top + g.ph, got);
	for (int l = 0; l < nlabels; l++)
	{
		const Label *lb = &labels[l];
		const ChartSeries *cs = &c->series[lb->series];
		double		lx = g.left + g.pw + 8.0 + LEADER;
		/* the leader in the line's style; dotted across the plot from a series that ends early */
		const char *dash = lb->target ? TARGET_DASH :
			(lb->x < g.left + g.pw ? "1,3" : dashes[(lb->series / 10) % 4]);

		if (lb->x >= 0)
			out(sink, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"1.5\"%s%s%s/>\n",
				lb->x, lb->want, lx, got[l], palette[lb->series % 10],
				dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
		out(sink, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#222222\">", lx + 4.0, got[l] + 4.0);
		out_escaped(sink, series_label(c, lb->series, name));
		if (lb->target)
			out(sink, " target");
		else if (cs->n == 0)
			out(sink, " (no data)");
		out(sink, "</text>\n");
	}
	out(sink, "</svg>\n");
}
