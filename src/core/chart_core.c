/*
 * chart_core.c: sparklines and SVG line charts (see chart_core.h).
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
chart_sparkline(const double *v, int32_t n, char *buf)
{
	double		lo = INFINITY,
				hi = -INFINITY;
	char	   *o = buf;

	for (int32_t i = 0; i < n; i++)
	{
		lo = fmin(lo, v[i]);
		hi = fmax(hi, v[i]);
	}
	for (int32_t i = 0; i < n; i++)
	{
		/* 8 levels: the value's position in [lo, hi], rounded to the nearest level */
		int			k = (hi > lo) ? (int) floor((v[i] - lo) / (hi - lo) * 7.0 + 0.5) : 4;

		k = k < 0 ? 0 : (k > 7 ? 7 : k);
		memcpy(o, blocks[k], 3);
		o += 3;
	}
	*o = '\0';
	return (size_t) (o - buf);
}

/* ---- SVG ---- */

#define W 800.0
#define H 420.0
#define LEFT 80.0
#define RIGHT 170.0
#define TOP 50.0
#define BOTTOM 60.0

static const char *const palette[] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
};

static void out(ChartAppend append, void *ctx, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

static void
out(ChartAppend append, void *ctx, const char *fmt,...)
{
	char		buf[512];
	va_list		ap;
	int			len;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len >= (int) sizeof(buf))
		len = (int) sizeof(buf) - 1;
	append(ctx, buf, (size_t) len);
}

static void
out_escaped(ChartAppend append, void *ctx, const char *s)
{
	for (; *s; s++)
	{
		switch (*s)
		{
			case '&':
				append(ctx, "&amp;", 5);
				break;
			case '<':
				append(ctx, "&lt;", 4);
				break;
			case '>':
				append(ctx, "&gt;", 4);
				break;
			case '"':
				append(ctx, "&quot;", 6);
				break;
			case '\'':
				append(ctx, "&#39;", 5);
				break;
			default:
				/* control characters are not allowed in XML 1.0 */
				if ((unsigned char) *s >= 0x20 || *s == '\t' || *s == '\n')
					append(ctx, s, 1);
				break;
		}
	}
}

/* A "nice" tick step (1, 2 or 5 times a power of ten) giving about 5 ticks over range. */
static double
nice_step(double range)
{
	double		raw = range / 5.0;
	double		mag = pow(10.0, floor(log10(raw)));
	double		f = raw / mag;

	return mag * (f < 1.5 ? 1.0 : (f < 3.5 ? 2.0 : (f < 7.5 ? 5.0 : 10.0)));
}

void
chart_svg(DpPeriod p, int64_t first, int32_t n, const ChartSeries *series, int nseries,
		  const char *title, ChartAppend append, void *ctx)
{
	double		lo = 0.0,
				hi = 0.0;
	double		step,
				pw = W - LEFT - RIGHT,
				ph = H - TOP - BOTTOM;
	int			every;
	char		date[16];

	for (int s = 0; s < nseries; s++)
		for (int32_t i = 0; i < series[s].n; i++)
		{
			lo = fmin(lo, series[s].values[i]);
			hi = fmax(hi, series[s].values[i]);
		}
	if (hi <= lo)
		hi = lo + 1.0;
	step = nice_step(hi - lo);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;

#define XPOS(i) (LEFT + (n > 1 ? pw * (double) (i) / (double) (n - 1) : pw / 2.0))
#define YPOS(v) (TOP + ph * (1.0 - ((v) - lo) / (hi - lo)))

	out(append, ctx, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\" "
		"font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H);
	out(append, ctx, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	if (title != NULL)
	{
		out(append, ctx, "<text x=\"%g\" y=\"28\" font-size=\"16\" font-weight=\"bold\">", LEFT);
		out_escaped(append, ctx, title);
		out(append, ctx, "</text>\n");
	}

	/* value axis with grid lines */
	for (double v = lo; v <= hi + step / 2; v += step)
	{
		double		y = YPOS(v);

		out(append, ctx, "<line x1=\"%g\" y1=\"%.1f\" x2=\"%g\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>\n",
			LEFT, y, LEFT + pw, y);
		out(append, ctx, "<text x=\"%g\" y=\"%.1f\" text-anchor=\"end\">%.10g</text>\n",
			LEFT - 6, y + 4, fabs(v) < step / 1e6 ? 0.0 : v);
	}
	out(append, ctx, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"black\"/>\n",
		LEFT, TOP, LEFT, TOP + ph);
	out(append, ctx, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"black\"/>\n",
		LEFT, TOP + ph, LEFT + pw, TOP + ph);

	/* time axis: period-start dates, at most about 6 labels (10 characters each) */
	every = n > 6 ? (n + 5) / 6 : 1;
	for (int32_t i = 0; i < n; i += every)
	{
		double		x = XPOS(i);

		cal_format_date(cal_index_start(p, first + i), date);
		out(append, ctx, "<line x1=\"%.1f\" y1=\"%g\" x2=\"%.1f\" y2=\"%g\" stroke=\"black\"/>\n",
			x, TOP + ph, x, TOP + ph + 5);
		out(append, ctx, "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\">%s</text>\n",
			x, TOP + ph + 20, date);
	}

	/* one polyline per series, then the legend */
	for (int s = 0; s < nseries; s++)
	{
		const char *colour = palette[s % (int) (sizeof(palette) / sizeof(palette[0]))];

		out(append, ctx, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", colour);
		for (int32_t i = 0; i < series[s].n; i++)
		{
			int64_t		at = series[s].first - first + i;

			out(append, ctx, "%s%.1f,%.1f", i ? " " : "", XPOS(at), YPOS(series[s].values[i]));
		}
		out(append, ctx, "\"/>\n");
		out(append, ctx, "<rect x=\"%g\" y=\"%g\" width=\"14\" height=\"4\" fill=\"%s\"/>\n",
			W - RIGHT + 16, TOP + 8 + 20.0 * s, colour);
		out(append, ctx, "<text x=\"%g\" y=\"%g\">", W - RIGHT + 36, TOP + 14 + 20.0 * s);
		if (series[s].label != NULL)
			out_escaped(append, ctx, series[s].label);
		else
			out(append, ctx, "series %d", s + 1);
		out(append, ctx, "</text>\n");
	}
	out(append, ctx, "</svg>\n");
}
