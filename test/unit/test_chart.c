/*
 * Unit tests of chart_core.c.
 */
#include "core/chart_core.h"
#include "unit.h"

TEST(sparkline_levels)
{
	double		v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	double		flat[3] = {5, 5, 5};
	double		two[3] = {0, 10, 5};
	char		buf[64];

	/* eight evenly spaced values get the eight blocks in order */
	CHECK(chart_sparkline(v, 8, buf) == 24);
	CHECK_STR(buf, "▁▂▃▄▅▆▇█");
	CHECK(chart_sparkline(flat, 3, buf) == 9);
	CHECK_STR(buf, "▅▅▅");
	/* 5 is halfway: 3.5 rounds to level 4 */
	chart_sparkline(two, 3, buf);
	CHECK_STR(buf, "▁█▅");
	CHECK(chart_sparkline(v, 0, buf) == 0 && buf[0] == '\0');
}

typedef struct Buf
{
	char		data[65536];
	size_t		len;
} Buf;

static void
append(void *ctx, const char *s, size_t len)
{
	Buf		   *b = ctx;

	if (b->len + len < sizeof(b->data))
	{
		memcpy(b->data + b->len, s, len);
		b->len += len;
		b->data[b->len] = '\0';
	}
}

TEST(svg_chart_structure)
{
	static Buf	b;
	double		a[3] = {1, 3, 2},
				c[2] = {2, 4};
	ChartSeries s[2] = {{"DEU <&>", 24288, 3, a}, {NULL, 24289, 2, c}};

	b.len = 0;
	chart_svg(DP_MONTH, 24288, 3, s, 2, "Stock \"155\"", append, &b);
	CHECK(strncmp(b.data, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	CHECK(strstr(b.data, "</svg>\n") != NULL);
	CHECK(strstr(b.data, "DEU &lt;&amp;&gt;") != NULL);
	CHECK(strstr(b.data, "series 2") != NULL);
	CHECK(strstr(b.data, "Stock &quot;155&quot;") != NULL);
	/* month index 24288 is 2024-01: the first date label */
	CHECK(strstr(b.data, ">2024-01-01<") != NULL);
	CHECK(strstr(b.data, ">2024-03-01<") != NULL);
	/* two polylines; the second starts at the second period */
	CHECK(strstr(strstr(b.data, "<polyline") + 1, "<polyline") != NULL);
}

int
main(void)
{
	RUN(sparkline_levels);
	RUN(svg_chart_structure);
	return DONE();
}
