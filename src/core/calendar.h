/*
 * calendar.h: calendar periods and period arithmetic, in plain C.
 *
 * Dates are day numbers counted from 2000-01-01, the same numbering as
 * PostgreSQL's DateADT, so the glue passes dates through unchanged.  The
 * calendar is the proleptic Gregorian one.  A capacity vector may only use
 * periods that lie between 0001-01-01 and 10000-01-01 (exclusive), which
 * keeps every date printable as YYYY-MM-DD.
 *
 * Each period kind numbers its periods with a 64-bit "index": the day number
 * for days, the count of weeks (Monday to Sunday) for weeks, year * 12 +
 * month - 1 for months, year * 4 + quarter - 1 for quarters, the year for
 * years.  Index arithmetic is what aligns two vectors on the calendar.
 */
#ifndef DP_CALENDAR_H
#define DP_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum DpPeriod
{
	DP_DAY = 0,
	DP_WEEK = 1,
	DP_MONTH = 2,
	DP_QUARTER = 3,
	DP_YEAR = 4
} DpPeriod;

#define DP_NPERIODS 5

/* day numbers of 0001-01-01 and 10000-01-01: the supported range [MIN, END) */
#define DP_DATE_MIN (-730119)
#define DP_DATE_END 2921940
/* The detail of every error about that range. */
#define CAL_RANGE_DETAIL "A capvec must lie between 0001-01-01 and 9999-12-31."

/* Period name as printed ("month"), and lookup of a name in any case. */
extern const char *cal_period_name(DpPeriod p);
extern bool cal_period_lookup(const char *s, size_t len, DpPeriod *p);

/* Gregorian date <-> day number; ymd_valid checks month and day ranges. */
extern int64_t cal_from_ymd(int64_t y, int m, int d);
extern void cal_to_ymd(int64_t date, int *y, int *m, int *d);
extern bool cal_ymd_valid(int64_t y, int m, int d);

/* Index of the period containing a date, and the first day of an index. */
extern int64_t cal_index(DpPeriod p, int64_t date);
extern int64_t cal_index_start(DpPeriod p, int64_t idx);

/* Division rounding towards minus infinity. */
static inline int64_t
cal_floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static inline bool
cal_is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Length in days of the period with this index (inline: used in per-period loops). */
static inline int32_t
cal_index_days(DpPeriod p, int64_t idx)
{
	static const int8_t mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t		y;
	int			k;

	switch (p)
	{
		case DP_DAY:
			return 1;
		case DP_WEEK:
			return 7;
		case DP_MONTH:
			y = cal_floor_div(idx, 12);
			k = (int) (idx - y * 12);
			return mdays[k] + (k == 1 && cal_is_leap(y));
		case DP_QUARTER:
			y = cal_floor_div(idx, 4);
			k = (int) (idx - y * 4);
			/* Q1 has 90 or 91 days, Q2 91, Q3 and Q4 92 */
			return k == 0 ? 90 + cal_is_leap(y) : (k == 1 ? 91 : 92);
		case DP_YEAR:
			return 365 + cal_is_leap(idx);
	}
	return 0;
}

/* Is the date the first day of a period?  The boundary nearest to a date (ties: earlier). */
extern bool cal_is_boundary(DpPeriod p, int64_t date);
extern int64_t cal_nearest_boundary(DpPeriod p, int64_t date);

/* Does [first index, first index + n) lie within the supported date range? */
extern bool cal_span_ok(DpPeriod p, int64_t first, int64_t n);

/* Write a date as YYYY-MM-DD (buf >= 16 bytes); returns the length written. */
extern int	cal_format_date(int64_t date, char *buf);

/*
 * Read a date written YYYY-MM-DD (ISO 8601, four-digit year 0001-9999) at
 * the start of s[0 .. len): whatever follows is the caller's, except that a
 * digit or a dash right after it makes it malformed.  Independent of any
 * setting (DateStyle, time zone); no "today" or "infinity".
 */
typedef enum CalParse
{
	CAL_PARSE_OK,
	CAL_PARSE_SYNTAX,			/* not YYYY-MM-DD */
	CAL_PARSE_RANGE				/* no such day (2024-02-30, 0000-01-01) */
} CalParse;
extern CalParse cal_parse_iso(const char *s, size_t len, int64_t *date);

/* Words for messages: "the 1st of a month", "a Monday", ... */
extern const char *cal_boundary_rule(DpPeriod p);

#endif
