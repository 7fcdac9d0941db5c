/*
 * calendar.c: Gregorian day numbers and period indexes (see calendar.h).
 *
 * The day-number conversion counts 400-year eras of 146097 days, with years
 * starting on 1 March so that the leap day falls at the end of a year; this
 * is the classic approach described by H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms".
 */
#include "calendar.h"

#include "ascii.h"

#include <stdio.h>
#include <string.h>

/* day number of 1970-01-01 relative to 2000-01-01 is -10957 */
#define UNIX_TO_PG (-10957)
/* 2000-01-03 (day 2) is a Monday */
#define FIRST_MONDAY 2

static const char *const period_names[DP_NPERIODS] = {
	"day", "week", "month", "quarter", "year"
};

static const char *const boundary_rules[DP_NPERIODS] = {
	"any day",
	"a Monday",
	"the 1st of a month",
	"1 January, 1 April, 1 July or 1 October",
	"1 January"
};

const char *
cal_period_name(DpPeriod p)
{
	return period_names[p];
}

const char *
cal_boundary_rule(DpPeriod p)
{
	return boundary_rules[p];
}

bool
cal_period_lookup(const char *s, size_t len, DpPeriod *p)
{
	for (int i = 0; i < DP_NPERIODS; i++)
	{
		const char *name = period_names[i];
		size_t		j;

		if (strlen(name) != len)
			continue;
		for (j = 0; j < len; j++)
			if (ascii_tolower(s[j]) != name[j])
				break;
		if (j == len)
		{
			*p = (DpPeriod) i;
			return true;
		}
	}
	return false;
}

#define floor_div cal_floor_div

int64_t
cal_from_ymd(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= (m <= 2);
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + UNIX_TO_PG;
}

void
cal_to_ymd(int64_t date, int *y, int *m, int *d)
{
	int64_t		z = date - UNIX_TO_PG + 719468;
	int64_t		era = floor_div(z, 146097);
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int			mm = (int) (mp < 10 ? mp + 3 : mp - 9);

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int) (yoe + era * 400 + (mm <= 2));
}

#define is_leap cal_is_leap

bool
cal_ymd_valid(int64_t y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

int64_t
cal_index(DpPeriod p, int64_t date)
{
	int			y,
				m,
				d;

	switch (p)
	{
		case DP_DAY:
			return date;
		case DP_WEEK:
			return floor_div(date - FIRST_MONDAY, 7);
		default:
			break;
	}
	cal_to_ymd(date, &y, &m, &d);
	if (p == DP_MONTH)
		return (int64_t) y * 12 + (m - 1);
	if (p == DP_QUARTER)
		return (int64_t) y * 4 + (m - 1) / 3;
	return y;
}

int64_t
cal_index_start(DpPeriod p, int64_t idx)
{
	switch (p)
	{
		case DP_DAY:
			return idx;
		case DP_WEEK:
			return idx * 7 + FIRST_MONDAY;
		case DP_MONTH:
			return cal_from_ymd(floor_div(idx, 12), (int) (idx - floor_div(idx, 12) * 12) + 1, 1);
		case DP_QUARTER:
			return cal_from_ymd(floor_div(idx, 4), (int) (idx - floor_div(idx, 4) * 4) * 3 + 1, 1);
		case DP_YEAR:
			return cal_from_ymd(idx, 1, 1);
	}
	return 0;
}

bool
cal_is_boundary(DpPeriod p, int64_t date)
{
	return cal_index_start(p, cal_index(p, date)) == date;
}

int64_t
cal_nearest_boundary(DpPeriod p, int64_t date)
{
	int64_t		idx = cal_index(p, date);
	int64_t		before = cal_index_start(p, idx);
	int64_t		after = cal_index_start(p, idx + 1);

	return (date - before <= after - date) ? before : after;
}

bool
cal_span_ok(DpPeriod p, int64_t first, int64_t n)
{
	/* first allowed index and the index containing 10000-01-01, per kind (computed once) */
	static int64_t lo[DP_NPERIODS],
				hi[DP_NPERIODS];
	static bool ready = false;

	if (!ready)
	{
		for (int k = 0; k < DP_NPERIODS; k++)
		{
			lo[k] = cal_index((DpPeriod) k, DP_DATE_MIN);
			/* 0001-01-01 starts every kind of period (it is a Monday), but be safe */
			if (cal_index_start((DpPeriod) k, lo[k]) < DP_DATE_MIN)
				lo[k]++;
			hi[k] = cal_index((DpPeriod) k, DP_DATE_END);
		}
		ready = true;
	}
	/* an empty vector still needs a start date that can be printed and read back */
	return n >= 0 && first >= lo[p] && first < hi[p] && (n == 0 ? 1 : n) <= hi[p] - first;
}

int
cal_format_date(int64_t date, char *buf)
{
	int			y,
				m,
				d;

	cal_to_ymd(date, &y, &m, &d);
	return snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
}

CalParse
cal_parse_iso(const char *s, size_t len, int64_t *date)
{
	int			f[3] = {0, 0, 0};

	if (len < 10)
		return CAL_PARSE_SYNTAX;
	for (int i = 0; i < 10; i++)
	{
		int			k = i < 4 ? 0 : (i < 7 ? 1 : 2);

		if (i == 4 || i == 7)
		{
			if (s[i] != '-')
				return CAL_PARSE_SYNTAX;
			continue;
		}
		if (!ascii_isdigit(s[i]))
			return CAL_PARSE_SYNTAX;
		f[k] = f[k] * 10 + (s[i] - '0');
	}
	/* more digits or a dash run into the next field: not YYYY-MM-DD */
	if (len > 10 && (ascii_isdigit(s[10]) || s[10] == '-'))
		return CAL_PARSE_SYNTAX;
	if (f[0] < 1 || !cal_ymd_valid(f[0], f[1], f[2]))
		return CAL_PARSE_RANGE;
	*date = cal_from_ymd(f[0], f[1], f[2]);
	return CAL_PARSE_OK;
}
