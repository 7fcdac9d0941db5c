/*
 * Unit tests of calendar.c and capvec_core.c.  Expected values come from
 * hand calculation or from brute-force counting of days, never from the
 * functions under test.
 */
#include "core/calendar.h"
#include "core/capvec_core.h"
#include "unit.h"

/* days from 2000-01-01, counted one year and month at a time */
static long
brute_days(int y, int m, int d)
{
	static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long		days = 0;
	int			yy;

#define LEAP(x) (((x) % 4 == 0 && (x) % 100 != 0) || (x) % 400 == 0)
	if (y >= 2000)
		for (yy = 2000; yy < y; yy++)
			days += 365 + LEAP(yy);
	else
		for (yy = y; yy < 2000; yy++)
			days -= 365 + LEAP(yy);
	for (int mm = 1; mm < m; mm++)
		days += md[mm - 1] + (mm == 2 && LEAP(y));
	return days + d - 1;
}

TEST(calendar_known_dates)
{
	CHECK(cal_from_ymd(2000, 1, 1) == 0);
	CHECK(cal_from_ymd(2024, 1, 1) == 8766);	/* 24 * 365 + 6 leap days */
	CHECK(cal_from_ymd(1, 1, 1) == DP_DATE_MIN);
	CHECK(cal_from_ymd(10000, 1, 1) == DP_DATE_END);	/* 20 * 146097 */
	CHECK(cal_from_ymd(1999, 12, 31) == -1);
}

TEST(calendar_round_trip_against_brute_force)
{
	int			years[] = {1, 2, 99, 100, 400, 1600, 1899, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999};

	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++)
			{
				int			y2,
							m2,
							d2;
				int64_t		n;

				if (!cal_ymd_valid(years[i], m, d))
					continue;
				n = cal_from_ymd(years[i], m, d);
				CHECK(n == brute_days(years[i], m, d));
				cal_to_ymd(n, &y2, &m2, &d2);
				CHECK(y2 == years[i] && m2 == m && d2 == d);
			}
}

TEST(calendar_validity)
{
	CHECK(cal_ymd_valid(2024, 2, 29));
	CHECK(!cal_ymd_valid(2023, 2, 29));
	CHECK(!cal_ymd_valid(2100, 2, 29));
	CHECK(cal_ymd_valid(2000, 2, 29));
	CHECK(!cal_ymd_valid(2024, 4, 31));
	CHECK(!cal_ymd_valid(2024, 13, 1));
	CHECK(!cal_ymd_valid(2024, 0, 1));
}

TEST(period_names)
{
	DpPeriod	p;

	CHECK(cal_period_lookup("MONTH", 5, &p) && p == DP_MONTH);
	CHECK(cal_period_lookup("Quarter", 7, &p) && p == DP_QUARTER);
	CHECK(cal_period_lookup("week", 4, &p) && p == DP_WEEK);
	CHECK(!cal_period_lookup("fortnight", 9, &p));
	CHECK(!cal_period_lookup("mont", 4, &p));
	CHECK_STR(cal_period_name(DP_YEAR), "year");
}

TEST(period_indexes)
{
	int64_t		jan = cal_from_ymd(2024, 1, 1);

	/* 2024-01-01 is a Monday, 2024-01-07 a Sunday */
	CHECK(cal_is_boundary(DP_WEEK, jan));
	CHECK(!cal_is_boundary(DP_WEEK, cal_from_ymd(2024, 1, 2)));
	CHECK(cal_index(DP_WEEK, cal_from_ymd(2024, 1, 7)) == cal_index(DP_WEEK, jan));
	CHECK(cal_index(DP_WEEK, cal_from_ymd(2024, 1, 8)) == cal_index(DP_WEEK, jan) + 1);
	CHECK(cal_index(DP_MONTH, cal_from_ymd(2024, 3, 17)) == 2024 * 12 + 2);
	CHECK(cal_index(DP_QUARTER, cal_from_ymd(2024, 8, 31)) == 2024 * 4 + 2);
	CHECK(cal_index(DP_YEAR, cal_from_ymd(2024, 8, 31)) == 2024);
	CHECK(cal_index_start(DP_QUARTER, 2024 * 4 + 3) == cal_from_ymd(2024, 10, 1));
	CHECK(cal_index_days(DP_MONTH, 2024 * 12 + 1) == 29);
	CHECK(cal_index_days(DP_MONTH, 2100 * 12 + 1) == 28);
	CHECK(cal_index_days(DP_QUARTER, 2024 * 4) == 91);	/* 31 + 29 + 31 */
	CHECK(cal_index_days(DP_YEAR, 2023) == 365);
	CHECK(cal_index_days(DP_WEEK, 7) == 7);
	/* weeks before 2000 (negative indexes) still start on Mondays: 1999-12-27 */
	CHECK(cal_index_start(DP_WEEK, cal_index(DP_WEEK, cal_from_ymd(1999, 12, 31))) == cal_from_ymd(1999, 12, 27));
}

TEST(period_lengths_match_starts)
{
	/* the direct day counts agree with differences of period starts, every kind, 1 to 9999 */
	for (int p = DP_DAY; p <= DP_YEAR; p++)
	{
		int64_t		lo = cal_index((DpPeriod) p, cal_from_ymd(1, 1, 1));
		int64_t		hi = cal_index((DpPeriod) p, cal_from_ymd(9999, 12, 1));
		int64_t		stride = (hi - lo) / 20000 + 1;

		for (int64_t i = lo; i < hi; i += (p == DP_DAY || p == DP_WEEK) ? stride : 1)
			CHECK(cal_index_days((DpPeriod) p, i) == cal_index_start((DpPeriod) p, i + 1) - cal_index_start((DpPeriod) p, i));
	}
}

TEST(nearest_boundary)
{
	CHECK(cal_nearest_boundary(DP_MONTH, cal_from_ymd(2024, 1, 15)) == cal_from_ymd(2024, 1, 1));
	CHECK(cal_nearest_boundary(DP_MONTH, cal_from_ymd(2024, 1, 20)) == cal_from_ymd(2024, 2, 1));
	/* Wednesday 2024-01-03 is two days after Monday 1st, five before Monday 8th */
	CHECK(cal_nearest_boundary(DP_WEEK, cal_from_ymd(2024, 1, 3)) == cal_from_ymd(2024, 1, 1));
	CHECK(cal_nearest_boundary(DP_YEAR, cal_from_ymd(2024, 12, 1)) == cal_from_ymd(2025, 1, 1));
}

TEST(span_limits)
{
	DpError		e;

	CHECK(cv_check_span(DP_DAY, 0, CV_MAX_LEN, &e));
	CHECK(!cv_check_span(DP_DAY, 0, CV_MAX_LEN + 1, &e) && e.code == DP_ERR_LIMIT);
	CHECK(cv_check_span(DP_YEAR, 9999, 1, &e));
	CHECK(!cv_check_span(DP_YEAR, 9999, 2, &e) && e.code == DP_ERR_DATE);
	CHECK(!cv_check_span(DP_YEAR, 0, 1, &e) && e.code == DP_ERR_DATE);
	CHECK(cv_check_span(DP_MONTH, 1 * 12, 0, &e));
}

/* Parse text (at most 64 values) and format it into out[512]; the error code (DP_OK on success). */
static DpErrCode
parse_format(const char *text, char *out, DpError *e)
{
	double		v[64];
	int32_t		n,
				count;
	DpPeriod	p;
	int64_t		start;

	if (!cv_text_count(text, &count, e))
		return e->code;
	if (count > 64)
		return DP_ERR_LIMIT;
	if (!cv_parse(text, false, &p, &start, v, &n, e))
		return e->code;
	cv_format(out, p, start, v, n, unit_format_double);
	return DP_OK;
}

static void
parse_ok(const char *text, const char *canonical)
{
	char		out[512];
	DpError		e;

	if (parse_format(text, out, &e) != DP_OK)
	{
		fprintf(stderr, "  parse of \"%s\" failed: %s (%s)\n", text, e.msg, e.detail);
		unit_current_failed++;
		return;
	}
	CHECK_STR(out, canonical);
}

static DpErrCode
parse_fails(const char *text)
{
	char		out[512];
	DpError		e;

	return parse_format(text, out, &e);
}

TEST(parse_and_format)
{
	parse_ok("month 2024-01-01 [100,120,150]", "month 2024-01-01 [100,120,150]");
	parse_ok("  MONTH   2024-01-01[ 100 , 120,150 ] ", "month 2024-01-01 [100,120,150]");
	parse_ok("week 2024-01-01 []", "week 2024-01-01 []");
	parse_ok("week\t2024-01-01\n[ ]", "week 2024-01-01 []");
	parse_ok("quarter 2024-04-01 [0.1,-2.5,+3,.5,5.,1e2]", "quarter 2024-04-01 [0.1,-2.5,3,0.5,5,100]");
	parse_ok("year 2023-01-01 [-0]", "year 2023-01-01 [0]");
	parse_ok("day 2024-02-29 [1]", "day 2024-02-29 [1]");
}

TEST(parse_errors)
{
	CHECK(parse_fails("month 2024-01-15 [1]") == DP_ERR_ARG);
	CHECK(parse_fails("week 2024-01-02 [1]") == DP_ERR_ARG);
	CHECK(parse_fails("quarter 2024-02-01 [1]") == DP_ERR_ARG);
	CHECK(parse_fails("year 2024-07-01 [1]") == DP_ERR_ARG);
	CHECK(parse_fails("month 2024-01-01 [1,") == DP_ERR_SYNTAX);
	CHECK(parse_fails("month 2024-01-01 [1] x") == DP_ERR_SYNTAX);
	CHECK(parse_fails("fortnight 2024-01-01 [1]") == DP_ERR_SYNTAX);
	CHECK(parse_fails("month 2024-1-01 [1]") == DP_ERR_SYNTAX);
	CHECK(parse_fails("month 2024-01-01 1,2") == DP_ERR_SYNTAX);
	CHECK(parse_fails("month 2024-01-01 [1,,2]") == DP_ERR_SYNTAX);
	CHECK(parse_fails("month 2024-01-01 [0x10]") == DP_ERR_SYNTAX);
	CHECK(parse_fails("month 2024-01-01 [1e]") == DP_ERR_SYNTAX);
	CHECK(parse_fails("") == DP_ERR_SYNTAX);
	CHECK(parse_fails("month 2024-02-30 [1]") == DP_ERR_DATE);
	CHECK(parse_fails("month 0000-01-01 [1]") == DP_ERR_DATE);
	CHECK(parse_fails("month 2024-01-01 [NaN]") == DP_ERR_RANGE);
	CHECK(parse_fails("month 2024-01-01 [1, -Infinity]") == DP_ERR_RANGE);
	CHECK(parse_fails("month 2024-01-01 [inf]") == DP_ERR_RANGE);
	CHECK(parse_fails("month 2024-01-01 [1e400]") == DP_ERR_RANGE);
	CHECK(parse_fails("month 2024-01-01 [1e-400]") == DP_ERR_RANGE);
	CHECK(parse_fails("year 9999-01-01 [1,2]") == DP_ERR_DATE);
}

/* the exact form: IEEE-754 bits in hex; expected digits worked out by hand from the encoding */
TEST(bits_format_and_parse)
{
	char		buf[32];
	double		x;
	const char *end;
	DpError		e;
	static const struct
	{
		double		value;
		const char *digits;
	}			cases[] = {
		{0.0, "0"},				/* all bits zero */
		{1.0, "3ff"},			/* exponent 1023, no mantissa */
		{2.0, "4"},				/* exponent 1024 = 0x400 */
		{-0.5, "bfe"},			/* sign, exponent 1022 */
		{100.0, "4059"},		/* 1.5625 * 2^6: exponent 0x405, mantissa 0x9 << 48 */
		{0.1, "3fb999999999999a"},
		{5e-324, "0000000000000001"},	/* the smallest subnormal keeps its zeros */
		{1.7976931348623157e308, "7fefffffffffffff"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int			len = cv_bits_format(cases[i].value, buf);

		CHECK_STR(buf, cases[i].digits);
		CHECK(len == (int) strlen(cases[i].digits));
		CHECK(cv_bits_parse(buf, &end, &x, &e) && *end == '\0');
		CHECK(memcmp(&x, &cases[i].value, sizeof(x)) == 0 || (x == 0 && cases[i].value == 0));
	}
	/* digits in either case, stopping at the first non-digit; -0 reads as 0 */
	CHECK(cv_bits_parse("3FF9,", &end, &x, &e) && x == 1.5625 && *end == ',');
	CHECK(cv_bits_parse("8", &end, &x, &e) && x == 0 && !signbit(x));
	/* no digits, 17 digits: syntax (code DP_OK); NaN and infinities: 22003 */
	CHECK(!cv_bits_parse("]", &end, &x, &e) && e.code == DP_OK);
	CHECK(!cv_bits_parse("3ff00000000000000", &end, &x, &e) && e.code == DP_OK);
	CHECK(!cv_bits_parse("7ff8", &end, &x, &e) && e.code == DP_ERR_RANGE);
	CHECK(!cv_bits_parse("7ff", &end, &x, &e) && e.code == DP_ERR_RANGE);
	CHECK(!cv_bits_parse("fff", &end, &x, &e) && e.code == DP_ERR_RANGE);
}

TEST(bits_vector_form)
{
	char		out[128];
	double		v[4];
	DpPeriod	p;
	int64_t		start;
	int32_t		n;
	DpError		e;

	cv_format_bits(out, DP_MONTH, cal_from_ymd(2024, 1, 1), (double[]) {1, 2, 0.1}, 3);
	CHECK_STR(out, "month 2024-01-01 x[3ff,4,3fb999999999999a]");
	CHECK(cv_parse(out, true, &p, &start, v, &n, &e));
	CHECK(p == DP_MONTH && start == cal_from_ymd(2024, 1, 1) && n == 3);
	CHECK(v[0] == 1 && v[1] == 2 && v[2] == 0.1);
	/* the decimal form too, and the exact form only when asked for */
	CHECK(cv_parse("month 2024-01-01 [1,2]", true, &p, &start, v, &n, &e) && n == 2 && v[1] == 2);
	CHECK(!cv_parse(out, false, &p, &start, v, &n, &e) && e.code == DP_ERR_SYNTAX);
	CHECK(cv_parse("week 2024-01-01 x[ ]", true, &p, &start, v, &n, &e) && n == 0);
	CHECK(!cv_parse("week 2024-01-01 x[7ff]", true, &p, &start, v, &n, &e) && e.code == DP_ERR_RANGE);
	CHECK(!cv_parse("week 2024-01-01 x[3ff 4]", true, &p, &start, v, &n, &e) && e.code == DP_ERR_SYNTAX);
}

TEST(parse_limit)
{
	size_t		len = (size_t) CV_MAX_LEN * 2 + 32;
	char	   *s = malloc(len);
	char	   *o = s + sprintf(s, "day 2000-01-01 [");
	DpError		e;
	int32_t		count;

	for (int i = 0; i <= CV_MAX_LEN; i++)
	{
		*o++ = '1';
		*o++ = ',';
	}
	o[-1] = ']';
	*o = '\0';
	CHECK(!cv_text_count(s, &count, &e) && e.code == DP_ERR_LIMIT);
	free(s);
}

TEST(misaligned_hint_names_boundary)
{
	double		v[4];
	int32_t		n;
	DpPeriod	p;
	int64_t		start;
	DpError		e;

	CHECK(!cv_parse("month 2024-01-20 [1]", false, &p, &start, v, &n, &e));
	CHECK(strstr(e.hint, "2024-02-01") != NULL);
	CHECK(!cv_parse("week 2024-01-02 [1]", false, &p, &start, v, &n, &e));
	CHECK(strstr(e.hint, "2024-01-01") != NULL);
}

TEST(value_checks)
{
	double		v[3] = {1.0, -0.0, 2.0};
	double		bad[2] = {1.0, INFINITY};
	DpError		e;

	CHECK(cv_check_values(v, 3, &e));
	CHECK(!signbit(v[1]));
	CHECK(!cv_check_result(bad, 2, &e) && e.code == DP_ERR_RANGE);
	CHECK(strstr(e.msg, "period 2") != NULL);
}

TEST(alignment)
{
	int64_t		r0,
				rn;
	double		dst[4] = {0};
	double		a[3] = {1, 2, 3};
	double		b[3] = {10, 10, 10};

	cv_span_union(10, 3, 11, 3, &r0, &rn);
	CHECK(r0 == 10 && rn == 4);
	cv_span_union(10, 0, 20, 2, &r0, &rn);
	CHECK(r0 == 20 && rn == 2);
	cv_span_union(10, 0, 20, 0, &r0, &rn);
	CHECK(r0 == 10 && rn == 0);
	cv_span_union(20, 2, 10, 1, &r0, &rn);
	CHECK(r0 == 10 && rn == 12);

	cv_add_scaled(dst, 10, a, 10, 3, 1.0);
	cv_add_scaled(dst, 10, b, 11, 3, -1.0);
	CHECK_ARRAY(dst, 1, -8, -7, -10);
}

TEST(pointwise_min_max)
{
	double		lo[3] = {5, 1, -2};
	double		hi[3] = {5, 1, -2};
	double		b[1] = {3};

	/* b covers only the middle period; elsewhere it counts as 0 */
	cv_pointwise(lo, 0, 3, b, 1, 1, false);
	cv_pointwise(hi, 0, 3, b, 1, 1, true);
	CHECK(lo[0] == 0 && lo[1] == 1 && lo[2] == -2);
	CHECK(hi[0] == 5 && hi[1] == 3 && hi[2] == 0);
}

TEST(kernels)
{
	double		v[4] = {1, 2, 3, 4};
	double		r[4];

	CHECK_DBL(cv_sum(v, 4), 10);
	cv_cumulate(r, v, 4);
	CHECK(r[0] == 1 && r[1] == 3 && r[2] == 6 && r[3] == 10);
	cv_clamp(r, v, 4, 2, 3);
	CHECK(r[0] == 2 && r[1] == 2 && r[2] == 3 && r[3] == 3);
	cv_divide(r, v, 4, 4);
	CHECK(r[0] == 0.25 && r[3] == 1);
	cv_scale(r, v, 4, -2);
	CHECK(r[0] == -2 && r[3] == -8);
	CHECK(cv_compare(DP_MONTH, 5, v, 4, DP_MONTH, 5, v, 3) > 0);
	CHECK(cv_compare(DP_MONTH, 5, v, 4, DP_MONTH, 6, v, 4) < 0);
	CHECK(cv_compare(DP_DAY, 5, v, 4, DP_MONTH, 0, v, 1) < 0);
	CHECK(cv_compare(DP_MONTH, 5, v, 4, DP_MONTH, 5, v, 4) == 0);
}

TEST(slice_and_pad)
{
	int64_t		first = 2024 * 12;	/* Jan 2024, three months */
	int64_t		f,
				r0,
				rn;
	int32_t		off,
				cnt;

	cv_slice_range(DP_MONTH, first, 3, cal_from_ymd(2024, 1, 15), cal_from_ymd(2024, 3, 1), &f, &off, &cnt);
	CHECK(f == first + 1 && off == 1 && cnt == 1);
	cv_slice_range(DP_MONTH, first, 3, cal_from_ymd(2023, 1, 1), cal_from_ymd(2030, 1, 1), &f, &off, &cnt);
	CHECK(f == first && off == 0 && cnt == 3);
	/* nothing selected: empty at the first boundary on or after from */
	cv_slice_range(DP_MONTH, first, 3, cal_from_ymd(2025, 6, 2), cal_from_ymd(2026, 1, 1), &f, &off, &cnt);
	CHECK(f == 2025 * 12 + 6 && cnt == 0);
	cv_slice_range(DP_MONTH, first, 3, cal_from_ymd(2024, 2, 1), cal_from_ymd(2024, 2, 1), &f, &off, &cnt);
	CHECK(f == first + 1 && cnt == 0);

	cv_pad_span(DP_MONTH, first, 3, cal_from_ymd(2023, 11, 1), cal_from_ymd(2024, 6, 1), &r0, &rn);
	CHECK(r0 == first - 2 && rn == 7);
	/* never shrinks */
	cv_pad_span(DP_MONTH, first, 3, cal_from_ymd(2024, 2, 1), cal_from_ymd(2024, 3, 1), &r0, &rn);
	CHECK(r0 == first && rn == 3);
	/* to_date is exclusive: up to the period containing the day before */
	cv_pad_span(DP_MONTH, first, 3, cal_from_ymd(2024, 1, 1), cal_from_ymd(2024, 4, 2), &r0, &rn);
	CHECK(r0 == first && rn == 4);
}

static void
resample_case(DpPeriod sp, int64_t sdate, const double *sv, int32_t sn, DpPeriod tp,
			  int64_t want_start, const double *want, int32_t want_n)
{
	int64_t		t0,
				tn;
	double		out[16] = {0};

	cv_resample_span(sp, cal_index(sp, sdate), sdate, sn, tp, &t0, &tn);
	CHECK(cal_index_start(tp, t0) == want_start);
	CHECK(tn == want_n);
	if (tn != want_n)
		return;
	cv_resample(sp, cal_index(sp, sdate), sdate, sv, sn, tp, t0, cal_index_start(tp, t0), out);
	for (int i = 0; i < want_n; i++)
		CHECK_DBL(out[i], want[i]);
}

TEST(resample)
{
	double		m[2] = {31, 29},
				q[1] = {91},
				w[3] = {7, 7, 7};
	double		want_q[1] = {60},
				want_m[3] = {31, 29, 31},
				want_w[2] = {10, 11};
	double		y[1] = {366},
				want_y[4] = {91, 91, 92, 92};

	resample_case(DP_MONTH, cal_from_ymd(2024, 1, 1), m, 2, DP_QUARTER, cal_from_ymd(2024, 1, 1), want_q, 1);
	resample_case(DP_QUARTER, cal_from_ymd(2024, 1, 1), q, 1, DP_MONTH, cal_from_ymd(2024, 1, 1), want_m, 3);
	/* weeks of 2024-01-22, -29 and 02-05: January gets 7 + 3 days, February 4 + 7 */
	resample_case(DP_WEEK, cal_from_ymd(2024, 1, 22), w, 3, DP_MONTH, cal_from_ymd(2024, 1, 1), want_w, 2);
	/* 2024 has 366 days: quarters of 91, 91, 92 and 92 days */
	resample_case(DP_YEAR, cal_from_ymd(2024, 1, 1), y, 1, DP_QUARTER, cal_from_ymd(2024, 1, 1), want_y, 4);
	/* empty: empty at the target period containing the start */
	resample_case(DP_WEEK, cal_from_ymd(2024, 1, 22), w, 0, DP_MONTH, cal_from_ymd(2024, 1, 1), NULL, 0);
}

/* resample against a day-by-day brute force: every day gets value / days of its period */
TEST(resample_against_days)
{
	unsigned	seed = 12345;

	for (int trial = 0; trial < 300; trial++)
	{
		DpPeriod	sp = (DpPeriod) ((seed = seed * 1103515245 + 12345) >> 16) % DP_NPERIODS;
		DpPeriod	tp = (DpPeriod) ((seed = seed * 1103515245 + 12345) >> 16) % DP_NPERIODS;
		int32_t		sn = (int32_t) (((seed = seed * 1103515245 + 12345) >> 16) % 30);
		int64_t		s0 = cal_index(sp, cal_from_ymd(2023, 1, 1) + (((seed = seed * 1103515245 + 12345) >> 16) % 800));
		int64_t		sdate = cal_index_start(sp, s0);
		int64_t		t0,
					tn;
		double		sv[30],
					out[12000] = {0},
					want[12000] = {0};

		for (int i = 0; i < sn; i++)
			sv[i] = (double) (((seed = seed * 1103515245 + 12345) >> 16) % 1000) - 100;
		cv_resample_span(sp, s0, sdate, sn, tp, &t0, &tn);
		if (tn > 12000)
			continue;
		cv_resample(sp, s0, sdate, sv, sn, tp, t0, cal_index_start(tp, t0), out);
		for (int i = 0; i < sn; i++)
		{
			int64_t		a = cal_index_start(sp, s0 + i),
						b = cal_index_start(sp, s0 + i + 1);

			for (int64_t d = a; d < b; d++)
				want[cal_index(tp, d) - t0] += sv[i] / (double) (b - a);
		}
		for (int64_t j = 0; j < tn; j++)
			CHECK_CLOSE(out[j], want[j], 1e-9);
		/* the target span covers exactly the source days */
		if (sn > 0)
		{
			CHECK(cal_index_start(tp, t0) <= sdate);
			CHECK(cal_index_start(tp, t0 + tn) >= cal_index_start(sp, s0 + sn));
			CHECK(cal_index_start(tp, t0 + tn - 1) < cal_index_start(sp, s0 + sn));
		}
	}
}

int
main(void)
{
	RUN(calendar_known_dates);
	RUN(calendar_round_trip_against_brute_force);
	RUN(calendar_validity);
	RUN(period_names);
	RUN(period_indexes);
	RUN(period_lengths_match_starts);
	RUN(nearest_boundary);
	RUN(span_limits);
	RUN(parse_and_format);
	RUN(parse_errors);
	RUN(bits_format_and_parse);
	RUN(bits_vector_form);
	RUN(parse_limit);
	RUN(misaligned_hint_names_boundary);
	RUN(value_checks);
	RUN(alignment);
	RUN(pointwise_min_max);
	RUN(kernels);
	RUN(slice_and_pad);
	RUN(resample);
	RUN(resample_against_days);
	return DONE();
}
