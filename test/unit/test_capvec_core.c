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
				count = cv_text_count(text, NULL);
	DpPeriod	p;
	int64_t		start;

	if (count > 64)
		return DP_ERR_LIMIT;
	if (!cv_parse(text, false, &p, &start, v, count, &n, NULL, e))
		return e->code;
	cv_format(out, p, start, v, n, unit_format_double, NULL);
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

/* "day 2000-01-01 [" + k values "1" (the first one is first), malloc'd */
static char *
long_text(int k, const char *first)
{
	char	   *s = malloc((size_t) k * 2 + 64);
	char	   *o = s + sprintf(s, "day 2000-01-01 [%s", first);

	for (int i = 1; i < k; i++)
	{
		*o++ = ',';
		*o++ = '1';
	}
	strcpy(o, "]");
	return s;
}

/* cv_parse of a long text with the slots cv_text_count gives; the error code */
static DpErrCode
parse_long(const char *s, int32_t *n)
{
	int32_t		cap = cv_text_count(s, NULL);
	double	   *v = malloc(sizeof(double) * cap);
	DpPeriod	p;
	int64_t		start;
	DpError		e;
	bool		ok = cv_parse(s, false, &p, &start, v, cap, n, NULL, &e);

	free(v);
	return ok ? DP_OK : e.code;
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

	cv_format_bits(out, DP_MONTH, cal_from_ymd(2024, 1, 1), (double[]) {1, 2, 0.1}, 3, NULL);
	CHECK_STR(out, "month 2024-01-01 x[3ff,4,3fb999999999999a]");
	CHECK(cv_parse(out, true, &p, &start, v, 4, &n, NULL, &e));
	CHECK(p == DP_MONTH && start == cal_from_ymd(2024, 1, 1) && n == 3);
	CHECK(v[0] == 1 && v[1] == 2 && v[2] == 0.1);
	/* the decimal form too, and the exact form only when asked for */
	CHECK(cv_parse("month 2024-01-01 [1,2]", true, &p, &start, v, 4, &n, NULL, &e) && n == 2 && v[1] == 2);
	CHECK(!cv_parse(out, false, &p, &start, v, 4, &n, NULL, &e) && e.code == DP_ERR_SYNTAX);
	CHECK(cv_parse("week 2024-01-01 x[ ]", true, &p, &start, v, 4, &n, NULL, &e) && n == 0);
	CHECK(!cv_parse("week 2024-01-01 x[7ff]", true, &p, &start, v, 4, &n, NULL, &e) && e.code == DP_ERR_RANGE);
	CHECK(!cv_parse("week 2024-01-01 x[3ff 4]", true, &p, &start, v, 4, &n, NULL, &e) && e.code == DP_ERR_SYNTAX);
}

TEST(parse_limit)
{
	char	   *at_limit = long_text(CV_MAX_LEN, "1");
	char	   *over = long_text(CV_MAX_LEN + 1, "1");
	char	   *over_bad = long_text(CV_MAX_LEN + 1, "x");
	int32_t		n = 0;

	CHECK(cv_text_count(over, NULL) == CV_MAX_LEN);
	CHECK(parse_long(at_limit, &n) == DP_OK && n == CV_MAX_LEN);
	/* well formed and too long: 54000; malformed: 22P02 whatever its length */
	CHECK(parse_long(over, &n) == DP_ERR_LIMIT);
	CHECK(parse_long(over_bad, &n) == DP_ERR_SYNTAX);
	over[strlen(over) - 1] = ',';
	CHECK(parse_long(over, &n) == DP_ERR_SYNTAX);
	free(at_limit);
	free(over);
	free(over_bad);
}

/* "month 2024-01-01 [<number>]" parsed: the value, or NAN with *code set */
static double
parse_number(const char *number, DpErrCode *code)
{
	size_t		len = strlen(number) + 32;
	char	   *s = malloc(len);
	double		v[1] = {NAN};
	int32_t		n;
	DpPeriod	p;
	int64_t		start;
	DpError		e;

	snprintf(s, len, "month 2024-01-01 [%s]", number);
	*code = cv_parse(s, false, &p, &start, v, 1, &n, NULL, &e) ? DP_OK : e.code;
	free(s);
	return v[0];
}

/* a number written with k copies of c between head and tail, malloc'd */
static char *
repeated(const char *head, char c, size_t k, const char *tail)
{
	size_t		h = strlen(head);
	char	   *s = malloc(h + k + strlen(tail) + 1);

	memcpy(s, head, h);
	memset(s + h, c, k);
	strcpy(s + h + k, tail);
	return s;
}

TEST(long_numbers)
{
	/* over 1000 characters: shortened to its significant digits, same value as strtod's */
	struct
	{
		const char *head;
		char		c;
		size_t		k;
		const char *tail;
		double		want;
		DpErrCode	code;
	}			cases[] = {
		{"1.", '0', 5000, "", 1.0, DP_OK},
		{"0.", '0', 5000, "1e5002", 10.0, DP_OK},
		{"-", '0', 3000, "25.5", -25.5, DP_OK},
		{"1", '0', 2000, "e-2000", 1.0, DP_OK},
		{"1", '0', 400, "", 0, DP_ERR_RANGE},
		{"0.", '0', 400, "1", 0, DP_ERR_RANGE},
		{"0.", '0', 3000, "", 0.0, DP_OK},
		{"0.", '0', 1000, "e99999999999999999999", 0.0, DP_OK},
		{"1e-", '0', 2000, "5", 1e-5, DP_OK},
		/*
		 * 2^-1075, half the smallest subnormal (exact digits from Python's
		 * decimal module): rounds to even, i.e. 0 (underflow); with any
		 * digit after its 752 it rounds up to 2^-1074
		 */
		{"2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125", '0', 2000, "e-324", 0, DP_ERR_RANGE},
		{"2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125", '0', 2000, "1e-324", 0x1p-1074, DP_OK},
		/* the exact halfway point between 1 and 1 + 2^-52 rounds to even (1); any digit after it, up */
		{"1.00000000000000011102230246251565404236316680908203125", '0', 2000, "", 1.0, DP_OK},
		{"1.00000000000000011102230246251565404236316680908203125", '0', 2000, "1", 1.0 + 0x1p-52, DP_OK},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char	   *s = repeated(cases[i].head, cases[i].c, cases[i].k, cases[i].tail);
		DpErrCode	code;
		double		v = parse_number(s, &code);

		if (code != cases[i].code || (code == DP_OK && v != cases[i].want))
		{
			fprintf(stderr, "  long number case %zu: %.17g (code %d), want %.17g (code %d)\n",
					i, v, (int) code, cases[i].want, (int) cases[i].code);
			unit_current_failed++;
		}
		free(s);
	}
}

TEST(messages_cut_by_characters)
{
	/* 79 x and an e-acute (2 bytes in UTF-8): 80 characters, quoted whole */
	char		s[128];
	DpError		e;
	double		v[1];
	int32_t		n;
	DpPeriod	p;
	int64_t		start;
	char	   *big;
	DpQuote		q;

	memset(s, 'x', 79);
	strcpy(s + 79, "\xc3\xa9");
	CHECK(!cv_parse(s, false, &p, &start, v, 1, &n, NULL, &e) && e.code == DP_ERR_SYNTAX);
	CHECK(strstr(e.msg, "x\xc3\xa9\"") != NULL);
	/* one more character: cut after 80 characters, never inside one */
	memset(s, 'x', 79);
	strcpy(s + 79, "\xc3\xa9\xc3\xa9");
	CHECK(!cv_parse(s, false, &p, &start, v, 1, &n, NULL, &e));
	CHECK(strstr(e.msg, "x\xc3\xa9...\"") != NULL);
	q = dp_quote("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", SIZE_MAX, 2);
	CHECK_STR(q.s, "\xe2\x82\xac\xe2\x82\xac...");
	/* invalid text (found by fuzzing): a lead byte before the NUL never takes the quote past it */
	q = dp_quote("ab\xe9", SIZE_MAX, 80);
	CHECK_STR(q.s, "ab\xe9");
	/* a 400-digit number: the message keeps its end */
	big = repeated("month 2024-01-01 [1", '0', 400, "]");
	CHECK(!cv_parse(big, false, &p, &start, v, 1, &n, NULL, &e) && e.code == DP_ERR_RANGE);
	CHECK(strstr(e.msg, "...\" is out of range for type double precision") != NULL);
	free(big);
}

TEST(long_input_ticks)
{
	/* 3 MiB of white space, a 3 MiB number, 200,000 values: each ticks */
	size_t		big = 3u << 20;
	char	   *s = malloc(big + 64);
	char	   *t;
	double	   *v = malloc(sizeof(double) * 200000);
	int			ticks = 0;
	DpTick		tick = {unit_count_call, &ticks};
	DpPeriod	p;
	int64_t		start;
	int32_t		n;
	DpError		e;

	sprintf(s, "day 2000-01-01 [");
	memset(s + 16, ' ', big);
	strcpy(s + 16 + big, "]");
	CHECK(cv_parse(s, false, &p, &start, v, 1, &n, &tick, &e) && n == 0);
	CHECK(ticks >= 2);
	ticks = 0;
	memset(s + 16, '0', big);
	strcpy(s + 16 + big, "1]");
	CHECK(cv_parse(s, false, &p, &start, v, 1, &n, &tick, &e) && n == 1 && v[0] == 1);
	CHECK(ticks >= 4);			/* scanned twice: the token, then its digits */
	free(s);
	for (int i = 0; i < 200000; i++)
		v[i] = i;
	t = malloc(cv_text_bound(200000));
	ticks = 0;
	cv_format(t, DP_DAY, 0, v, 200000, unit_format_double, &tick);
	CHECK(ticks == 3);			/* after 65,536, 131,072 and 196,608 values */
	ticks = 0;
	CHECK(cv_parse(t, false, &p, &start, v, 200000, &n, &tick, &e) && n == 200000 && v[199999] == 199999);
	CHECK(ticks >= 3);
	free(t);
	free(v);
}

TEST(state_text)
{
	double		v[4];
	int32_t		n;
	DpPeriod	p;
	int64_t		start,
				rows;
	DpError		e;

	CHECK(cv_state_parse("2 month 2024-01-01 [1,2]", true, &rows, &p, &start, v, 4, &n, NULL, &e));
	CHECK(rows == 2 && n == 2 && p == DP_MONTH);
	CHECK(cv_state_parse("9223372036854775807 month 2024-01-01 []", true, &rows, &p, &start, v, 4, &n, NULL, &e));
	CHECK(rows == INT64_MAX && n == 0);
	CHECK(!cv_state_parse("9223372036854775808 month 2024-01-01 []", true, &rows, &p, &start, v, 4, &n, NULL, &e) &&
		  e.code == DP_ERR_SYNTAX);
	/* a state holds at least one row */
	CHECK(!cv_state_parse("0 month 2024-01-01 [1]", true, &rows, &p, &start, v, 4, &n, NULL, &e) &&
		  e.code == DP_ERR_SYNTAX);
	CHECK(!cv_state_parse("0 month 2024-01-01 []", true, &rows, &p, &start, v, 4, &n, NULL, &e));
	CHECK(!cv_state_parse("-1 month 2024-01-01 [1]", true, &rows, &p, &start, v, 4, &n, NULL, &e));
	CHECK(!cv_state_parse("1month 2024-01-01 [1]", true, &rows, &p, &start, v, 4, &n, NULL, &e));
}

TEST(binary_form)
{
	/* month 2024-01-01 (day 8766 = 0x223e) [1, -0] */
	const unsigned char good[] = {2, 0, 0, 0x22, 0x3e, 0, 0, 0, 2,
		0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0};
	unsigned char buf[sizeof(good)];
	const unsigned char rows0[] = {0, 0, 0, 0, 0, 0, 0, 0};
	CvBinary	b;
	double		v[2];
	DpError		e;
	int64_t		rows;

	CHECK(cv_binary_read(good, sizeof(good), "capvec", &b, &e));
	CHECK(b.period == DP_MONTH && b.start == 8766 && b.n == 2);
	CHECK(cv_binary_values(&b, v, &e));
	CHECK_ARRAY(v, 1.0, 0.0);
	CHECK(!signbit(v[1]));
	/* short header, bad period, misaligned start, wrong byte count, NaN */
	CHECK(!cv_binary_read(good, 8, "capvec", &b, &e) && e.code == DP_ERR_BINARY);
	memcpy(buf, good, sizeof(good));
	buf[0] = 9;
	CHECK(!cv_binary_read(buf, sizeof(buf), "capvec", &b, &e) && e.code == DP_ERR_BINARY);
	memcpy(buf, good, sizeof(good));
	buf[4] = 0x3f;
	CHECK(!cv_binary_read(buf, sizeof(buf), "capvec", &b, &e) && e.code == DP_ERR_ARG);
	CHECK(!cv_binary_read(good, sizeof(good) - 1, "capvec", &b, &e) && e.code == DP_ERR_BINARY);
	memcpy(buf, good, sizeof(good));
	buf[8] = 0xff;				/* n = 255 */
	CHECK(!cv_binary_read(buf, sizeof(buf), "capvec", &b, &e) && e.code == DP_ERR_BINARY);
	memcpy(buf, good, sizeof(good));
	buf[9] = 0x7f;
	buf[10] = 0xf8;				/* NaN */
	CHECK(cv_binary_read(buf, sizeof(buf), "capvec", &b, &e));
	CHECK(!cv_binary_values(&b, v, &e) && e.code == DP_ERR_RANGE);
	CHECK(!cv_state_binary_rows(rows0, sizeof(rows0), &rows, &e) && e.code == DP_ERR_BINARY);
	CHECK(!cv_state_binary_rows(rows0, 7, &rows, &e) && e.code == DP_ERR_BINARY);
}

/* cv_json_header over (key, kind, text) members */
static DpErrCode
json_header(CvJsonKind root, int count, const char *const *keys, const CvJsonKind *kinds,
			const char *const *texts, int64_t *start)
{
	CvJsonMember m[4];
	DpPeriod	p;
	DpError		e;

	for (int i = 0; i < count; i++)
	{
		m[i].key = keys[i];
		m[i].keylen = strlen(keys[i]);
		m[i].value.kind = kinds[i];
		m[i].value.text = texts[i];
		m[i].value.len = texts[i] ? strlen(texts[i]) : 0;
	}
	return cv_json_header(root, m, count, &p, start, &e) ? DP_OK : e.code;
}

static DpErrCode
json_start(const char *start_text, int64_t *start)
{
	const char *const keys[] = {"period", "start", "values"};
	const CvJsonKind kinds[] = {CV_JSON_STRING, CV_JSON_STRING, CV_JSON_ARRAY};
	const char *const texts[] = {"month", start_text, NULL};

	return json_header(CV_JSON_OBJECT, 3, keys, kinds, texts, start);
}

static DpErrCode
json_number(const char *text, double *v)
{
	CvJsonItem	item = {CV_JSON_NUMBER, text, strlen(text)};
	DpError		e;

	return cv_json_value(&item, 0, v, NULL, &e) ? DP_OK : e.code;
}

TEST(json_reader)
{
	const char *const keys[] = {"period", "start", "values"};
	const CvJsonKind kinds[] = {CV_JSON_STRING, CV_JSON_STRING, CV_JSON_ARRAY};
	const CvJsonKind bad_kinds[] = {CV_JSON_STRING, CV_JSON_NUMBER, CV_JSON_ARRAY};
	const char *const texts[] = {"Month", "2024-01-01", NULL};
	int64_t		start = 0;
	double		v = 0;
	CvJsonItem	null_item = {CV_JSON_NULL, NULL, 0};
	DpError		e;

	CHECK(json_header(CV_JSON_OBJECT, 3, keys, kinds, texts, &start) == DP_OK && start == 8766);
	CHECK(json_header(CV_JSON_ARRAY, 0, keys, kinds, texts, &start) == DP_ERR_ARG);
	CHECK(json_header(CV_JSON_OBJECT, 2, keys, kinds, texts, &start) == DP_ERR_ARG);
	CHECK(json_header(CV_JSON_OBJECT, 3, keys, bad_kinds, texts, &start) == DP_ERR_ARG);
	/* the start is YYYY-MM-DD only, whatever the settings: malformed is 22007, impossible 22008 */
	CHECK(json_start("2024-01-01", &start) == DP_OK && start == 8766);
	CHECK(json_start("01/02/2024", &start) == DP_ERR_DATE_FORMAT);
	CHECK(json_start("today", &start) == DP_ERR_DATE_FORMAT);
	CHECK(json_start("20+24-01-01", &start) == DP_ERR_DATE_FORMAT);
	CHECK(json_start("2024-01-01 ", &start) == DP_ERR_DATE_FORMAT);
	CHECK(json_start("2024-01-01T00:00", &start) == DP_ERR_DATE_FORMAT);
	CHECK(json_start("2024-02-30", &start) == DP_ERR_DATE);
	CHECK(json_start("2024-01-15", &start) == DP_ERR_ARG);
	/* numbers read as text input reads them: underflow to 0 and overflow are 22003 */
	CHECK(json_number("0.25", &v) == DP_OK && v == 0.25);
	CHECK(json_number("-0", &v) == DP_OK && v == 0.0 && !signbit(v));
	CHECK(json_number("0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001", &v) == DP_ERR_RANGE);
	CHECK(json_number("12x", &v) == DP_ERR_ARG);
	CHECK(json_number("", &v) == DP_ERR_ARG);
	CHECK(!cv_json_value(&null_item, 4, &v, NULL, &e) && e.code == DP_ERR_NULL &&
		  strstr(e.msg, "element 5 is null") != NULL);
}

TEST(misaligned_hint_names_boundary)
{
	double		v[4];
	int32_t		n;
	DpPeriod	p;
	int64_t		start;
	DpError		e;

	CHECK(!cv_parse("month 2024-01-20 [1]", false, &p, &start, v, 4, &n, NULL, &e));
	CHECK(strstr(e.hint, "2024-02-01") != NULL);
	CHECK(!cv_parse("week 2024-01-02 [1]", false, &p, &start, v, 4, &n, NULL, &e));
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
	/* a huge value (found by fuzzing): value * 3 days overflows, its 3/7 share does not */
	{
		double		big[1] = {1.7e308},
					out[2] = {0, 0};
		int64_t		s0 = cal_index(DP_WEEK, cal_from_ymd(2024, 1, 29));

		cv_resample(DP_WEEK, s0, cal_from_ymd(2024, 1, 29), big, 1, DP_MONTH,
					cal_index(DP_MONTH, cal_from_ymd(2024, 1, 1)), cal_from_ymd(2024, 1, 1), out);
		CHECK(fabs(out[0] / (1.7e308 / 7 * 3) - 1) < 1e-15);
		CHECK(fabs(out[1] / (1.7e308 / 7 * 4) - 1) < 1e-15);
	}
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
	RUN(long_numbers);
	RUN(messages_cut_by_characters);
	RUN(long_input_ticks);
	RUN(state_text);
	RUN(binary_form);
	RUN(json_reader);
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
