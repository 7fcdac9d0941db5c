/*
 * capvec_core.c: text form, validation and vector kernels (see capvec_core.h).
 */
#include "capvec_core.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CAPVEC_SYNTAX_MSG "invalid input syntax for type capvec: \"%.*s%s\""
#define QUOTE_MAX 80

/* ---- validation ---- */

bool
cv_check_span(DpPeriod p, int64_t first, int64_t n, DpError *err)
{
	if (n > CV_MAX_LEN)
	{
		dp_fail(err, DP_ERR_LIMIT, "capvec would have %lld periods, more than the limit of %d",
				(long long) n, CV_MAX_LEN);
		dp_hint(err, "Use a coarser period with dp.resample, or split the span into several vectors.");
		return false;
	}
	if (!cal_span_ok(p, first, n))
	{
		dp_fail(err, DP_ERR_DATE, "capvec periods out of range");
		dp_detail(err, CAL_RANGE_DETAIL);
		return false;
	}
	return true;
}

bool
cv_check_start(DpPeriod p, int64_t date, DpError *err)
{
	char		given[16],
				near[16];

	if (date < DP_DATE_MIN || date >= DP_DATE_END)
	{
		dp_fail(err, DP_ERR_DATE, "capvec start date out of range");
		dp_detail(err, CAL_RANGE_DETAIL);
		return false;
	}
	if (cal_is_boundary(p, date))
		return true;
	cal_format_date(date, given);
	cal_format_date(cal_nearest_boundary(p, date), near);
	dp_fail(err, DP_ERR_ARG, "capvec start %s is not the start of a %s", given, cal_period_name(p));
	dp_detail(err, "A %s starts on %s.", cal_period_name(p), cal_boundary_rule(p));
	dp_hint(err, "The nearest %s boundary is %s.", cal_period_name(p), near);
	return false;
}

static bool
nonfinite_error(const double *v, int32_t n, DpError *err, bool computed)
{
	int32_t		i = 0;

	while (i < n && isfinite(v[i]))
		i++;
	if (computed)
		dp_fail(err, DP_ERR_RANGE, "capvec value out of range: overflow in period %d", i + 1);
	else
		dp_fail(err, DP_ERR_RANGE, "capvec value %s in period %d is not allowed",
				isnan(v[i]) ? "NaN" : (v[i] > 0 ? "Infinity" : "-Infinity"), i + 1);
	dp_detail(err, "Capacity vector quantities must be finite numbers.");
	return false;
}

/* Normalise -0 to 0 and report whether all values are finite (one vectorisable pass). */
static bool
normalise_finite(double *v, int32_t n)
{
	int			bad = 0;

	for (int32_t i = 0; i < n; i++)
	{
		v[i] += 0.0;
		bad |= !isfinite(v[i]);
	}
	return !bad;
}

bool
cv_check_values(double *v, int32_t n, DpError *err)
{
	return normalise_finite(v, n) || nonfinite_error(v, n, err, false);
}

bool
cv_check_result(double *v, int32_t n, DpError *err)
{
	return normalise_finite(v, n) || nonfinite_error(v, n, err, true);
}

/* ---- text form ---- */

static const char *
skip_space(const char *s)
{
	while (isspace((unsigned char) *s))
		s++;
	return s;
}

static bool
syntax_error(const char *input, DpError *err, const char *fmt, const char *near)
{
	size_t		len = strlen(input);
	int			show = len > QUOTE_MAX ? QUOTE_MAX : (int) len;

	dp_fail(err, DP_ERR_SYNTAX, CAPVEC_SYNTAX_MSG, show, input, len > QUOTE_MAX ? "..." : "");
	dp_detail(err, fmt, near);
	dp_hint(err, "The text form is a period, a start date and a bracketed list, e.g. 'month 2024-01-01 [100,120,150]'.");
	return false;
}

/* A short quote of the text at p, for details. */
static const char *
near_text(const char *p, char *buf, size_t size)
{
	size_t		i = 0;

	if (*p == '\0')
		return "end of input";
	buf[i++] = '"';
	while (*p && i < size - 5 && i < 21)
		buf[i++] = *p++;
	if (*p)
	{
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i++] = '"';
	buf[i] = '\0';
	return buf;
}

bool
cv_text_count(const char *s, int32_t *count, DpError *err)
{
	int64_t		commas = 0;

	for (; *s; s++)
		commas += (*s == ',');
	if (commas + 1 > CV_MAX_LEN)
		return cv_check_span(DP_DAY, 0, commas + 1, err);
	*count = (int32_t) commas + 1;
	return true;
}

static bool
parse_value(const char *s, const char **end, double *out, DpError *err)
{
	const char *p = s;
	const char *digits;
	char	   *stop;
	double		val;

	err->code = DP_OK;
	if (*p == '+' || *p == '-')
		p++;
	if (isalpha((unsigned char) *p))
	{
		const char *w = p;

		while (isalpha((unsigned char) *p))
			p++;
		if ((p - w == 3 && strncasecmp(w, "nan", 3) == 0) ||
			(p - w == 3 && strncasecmp(w, "inf", 3) == 0) ||
			(p - w == 8 && strncasecmp(w, "infinity", 8) == 0))
		{
			dp_fail(err, DP_ERR_RANGE, "capvec value \"%.*s\" is not allowed", (int) (p - s), s);
			dp_detail(err, "Capacity vector quantities must be finite numbers.");
			return false;
		}
		*end = w;
		return false;
	}
	digits = p;
	while (isdigit((unsigned char) *p))
		p++;
	if (*p == '.')
	{
		p++;
		while (isdigit((unsigned char) *p))
			p++;
	}
	if (p == digits || (p == digits + 1 && *digits == '.'))
	{
		*end = digits;
		return false;
	}
	if (*p == 'e' || *p == 'E')
	{
		const char *e = p + 1;

		if (*e == '+' || *e == '-')
			e++;
		if (isdigit((unsigned char) *e))
		{
			while (isdigit((unsigned char) *e))
				e++;
			p = e;
		}
	}
	errno = 0;
	val = strtod(s, &stop);
	if (stop != p)
	{
		*end = p;
		return false;
	}
	/* as float8in: overflow, and underflow to zero of a non-zero number, are errors */
	if (errno == ERANGE && (val == 0.0 || isinf(val)))
	{
		dp_fail(err, DP_ERR_RANGE, "\"%.*s\" is out of range for type double precision",
				(int) (p - s), s);
		return false;
	}
	*out = val + 0.0;
	*end = p;
	return true;
}

/* Hex digit values plus one, 0 for any other character (a table: this is the hot loop). */
static const unsigned char hex_plus_one[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
	['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16
};

/* Value of a hex digit, -1 for any other character. */
static inline int
hex_digit(char c)
{
	return (int) hex_plus_one[(unsigned char) c] - 1;
}

bool
cv_bits_parse(const char *s, const char **end, double *out, DpError *err)
{
	uint64_t	bits = 0;
	int			nd = 0,
				d;
	const char *p = s;
	double		val;

	err->code = DP_OK;
	while (nd < 16 && (d = hex_digit(*p)) >= 0)
	{
		bits = bits << 4 | (uint64_t) d;
		p++;
		nd++;
	}
	if (nd == 0 || hex_digit(*p) >= 0)
	{
		*end = p;
		return false;
	}
	/* the digits given are the leading ones: trailing zero digits may be left out */
	bits <<= 4 * (16 - nd);
	memcpy(&val, &bits, sizeof(val));
	if (!isfinite(val))
	{
		dp_fail(err, DP_ERR_RANGE, "capvec value \"%.*s\" (%s) is not allowed", (int) (p - s), s,
				isnan(val) ? "NaN" : (val > 0 ? "Infinity" : "-Infinity"));
		dp_detail(err, "Capacity vector quantities must be finite numbers.");
		return false;
	}
	*out = val + 0.0;
	*end = p;
	return true;
}

int
cv_bits_format(double value, char *buf)
{
	static const char digits[] = "0123456789abcdef";
	uint64_t	bits;
	int			len = 16;

	memcpy(&bits, &value, sizeof(bits));
	for (int i = 0; i < 16; i++)
		buf[i] = digits[(bits >> (60 - 4 * i)) & 0xf];
	while (len > 1 && buf[len - 1] == '0')
		len--;
	buf[len] = '\0';
	return len;
}

/* A value parser: parse_value (decimal) or cv_bits_parse (IEEE-754 bits in hex). */
typedef bool (*ValueParser) (const char *s, const char **end, double *out, DpError *err);

bool
cv_parse(const char *s, bool bits_ok, DpPeriod *period, int64_t *start, double *out,
			 int32_t *n, DpError *err)
{
	ValueParser parse = parse_value;
	const char *p = skip_space(s);
	const char *w = p;
	char		buf[32];
	int			y = 0,
				m = 0,
				d = 0;
	int32_t		count = 0;

	while (isalpha((unsigned char) *p))
		p++;
	if (p == w)
		return syntax_error(s, err, "Expected a period name (day, week, month, quarter or year) at %s.",
							near_text(w, buf, sizeof(buf)));
	if (!cal_period_lookup(w, (size_t) (p - w), period))
	{
		syntax_error(s, err, "Unknown period \"%s\": expected day, week, month, quarter or year.",
					 (snprintf(buf, sizeof(buf), "%.*s", (int) (p - w), w), buf));
		return false;
	}

	/* start date: YYYY-MM-DD */
	p = skip_space(p);
	w = p;
	for (int i = 0; i < 10; i++)
	{
		bool		dash = (i == 4 || i == 7);

		if (dash ? p[i] != '-' : !isdigit((unsigned char) p[i]))
			return syntax_error(s, err, "Expected a start date written YYYY-MM-DD at %s.",
								near_text(w, buf, sizeof(buf)));
		if (!dash)
		{
			int		   *f = i < 4 ? &y : (i < 7 ? &m : &d);

			*f = *f * 10 + (p[i] - '0');
		}
	}
	p += 10;
	if (isdigit((unsigned char) *p) || *p == '-')
		return syntax_error(s, err, "Expected a start date written YYYY-MM-DD at %s.",
							near_text(w, buf, sizeof(buf)));
	if (y < 1 || !cal_ymd_valid(y, m, d))
	{
		dp_fail(err, DP_ERR_DATE, "date out of range in capvec: \"%.10s\"", w);
		dp_detail(err, CAL_RANGE_DETAIL);
		return false;
	}
	*start = cal_from_ymd(y, m, d);
	if (!cv_check_start(*period, *start, err))
		return false;

	/* values: decimal, or with bits_ok "x[...]" for IEEE-754 bits in hex */
	p = skip_space(p);
	if (bits_ok && *p == 'x' && p[1] == '[')
	{
		parse = cv_bits_parse;
		p++;
	}
	if (*p != '[')
		return syntax_error(s, err, "Expected \"[\" at %s.", near_text(p, buf, sizeof(buf)));
	p = skip_space(p + 1);
	if (*p != ']')
	{
		for (;;)
		{
			const char *end = p;

			if (!parse(p, &end, &out[count], err))
			{
				if (err->code == DP_ERR_RANGE)
					return false;
				return syntax_error(s, err, "Expected a number at %s.", near_text(end, buf, sizeof(buf)));
			}
			count++;
			p = skip_space(end);
			if (*p == ']')
				break;
			if (*p != ',')
				return syntax_error(s, err, "Expected \",\" or \"]\" at %s.", near_text(p, buf, sizeof(buf)));
			p = skip_space(p + 1);
		}
	}
	p = skip_space(p + 1);
	if (*p != '\0')
		return syntax_error(s, err, "Unexpected %s after \"]\".", near_text(p, buf, sizeof(buf)));
	*n = count;
	return cv_check_span(*period, cal_index(*period, *start), count, err);
}

size_t
cv_text_bound(int32_t n)
{
	/* "quarter 2024-01-01 [" + n values of at most 24 chars + commas + "]" */
	return 32 + (size_t) n * 26;
}

/* The text form with the list opened by open ("[" or "x["). */
static size_t
format_list(char *buf, DpPeriod p, int64_t start, const double *v, int32_t n,
			CvFormatDouble fmt, const char *open)
{
	char	   *o = buf;
	const char *name = cal_period_name(p);
	size_t		len = strlen(name);

	memcpy(o, name, len);
	o += len;
	*o++ = ' ';
	o += cal_format_date(start, o);
	*o++ = ' ';
	while (*open)
		*o++ = *open++;
	for (int32_t i = 0; i < n; i++)
	{
		if (i > 0)
			*o++ = ',';
		o += fmt(v[i], o);
	}
	*o++ = ']';
	*o = '\0';
	return (size_t) (o - buf);
}

size_t
cv_format(char *buf, DpPeriod p, int64_t start, const double *v, int32_t n,
			  CvFormatDouble fmt)
{
	return format_list(buf, p, start, v, n, fmt, "[");
}

size_t
cv_format_bits(char *buf, DpPeriod p, int64_t start, const double *v, int32_t n)
{
	return format_list(buf, p, start, v, n, cv_bits_format, "x[");
}

/* ---- alignment ---- */

void
cv_span_union(int64_t a0, int32_t an, int64_t b0, int32_t bn, int64_t *r0, int64_t *rn)
{
	int64_t		lo,
				hi;

	if (an == 0 && bn == 0)
	{
		*r0 = a0;
		*rn = 0;
		return;
	}
	if (an == 0)
	{
		*r0 = b0;
		*rn = bn;
		return;
	}
	if (bn == 0)
	{
		*r0 = a0;
		*rn = an;
		return;
	}
	lo = a0 < b0 ? a0 : b0;
	hi = (a0 + an > b0 + bn) ? a0 + an : b0 + bn;
	*r0 = lo;
	*rn = hi - lo;
}

void
cv_add_scaled(double *dst, int64_t d0, const double *src, int64_t s0, int32_t sn, double scale)
{
	double	   *d = dst + (s0 - d0);

	if (scale == 1.0)
		for (int32_t i = 0; i < sn; i++)
			d[i] += src[i];
	else if (scale == -1.0)
		for (int32_t i = 0; i < sn; i++)
			d[i] -= src[i];
	else
		for (int32_t i = 0; i < sn; i++)
			d[i] += scale * src[i];
}

void
cv_pointwise(double *dst, int64_t d0, int32_t dn, const double *b, int64_t b0, int32_t bn,
				 bool take_max)
{
	int32_t		lo = bn > 0 ? (int32_t) (b0 - d0) : dn;
	int32_t		hi = bn > 0 ? lo + bn : dn;

	/* outside b's span b counts as 0 */
	for (int32_t i = 0; i < lo; i++)
		dst[i] = take_max ? fmax(dst[i], 0.0) : fmin(dst[i], 0.0);
	for (int32_t i = lo; i < hi; i++)
		dst[i] = take_max ? fmax(dst[i], b[i - lo]) : fmin(dst[i], b[i - lo]);
	for (int32_t i = hi; i < dn; i++)
		dst[i] = take_max ? fmax(dst[i], 0.0) : fmin(dst[i], 0.0);
}

/* ---- element-wise kernels ---- */

double
cv_sum(const double *v, int32_t n)
{
	double		s = 0.0;

	for (int32_t i = 0; i < n; i++)
		s += v[i];
	return s;
}

void
cv_scale(double *dst, const double *src, int32_t n, double factor)
{
	for (int32_t i = 0; i < n; i++)
		dst[i] = src[i] * factor;
}

void
cv_divide(double *dst, const double *src, int32_t n, double divisor)
{
	for (int32_t i = 0; i < n; i++)
		dst[i] = src[i] / divisor;
}

void
cv_negate(double *dst, const double *src, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		dst[i] = -src[i];
}

void
cv_cumulate(double *dst, const double *src, int32_t n)
{
	double		s = 0.0;

	for (int32_t i = 0; i < n; i++)
	{
		s += src[i];
		dst[i] = s;
	}
}

void
cv_clamp(double *dst, const double *src, int32_t n, double lo, double hi)
{
	for (int32_t i = 0; i < n; i++)
		dst[i] = fmin(fmax(src[i], lo), hi);
}

bool
cv_values_equal(const double *a, const double *b, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

#define CMP(x, y) do { if ((x) != (y)) return (x) < (y) ? -1 : 1; } while (0)

int
cv_compare(DpPeriod pa, int64_t a0, const double *a, int32_t an,
			   DpPeriod pb, int64_t b0, const double *b, int32_t bn)
{
	CMP((int) pa, (int) pb);
	CMP(a0, b0);
	CMP(an, bn);
	for (int32_t i = 0; i < an; i++)
		CMP(a[i], b[i]);
	return 0;
}

/* ---- reshaping ---- */

void
cv_slice_range(DpPeriod p, int64_t first, int32_t n, int64_t from, int64_t to,
				   int64_t *first_out, int32_t *off, int32_t *cnt)
{
	/* first period starting on or after from; last period starting before to */
	int64_t		i0 = cal_index(p, from);
	int64_t		i1 = cal_index(p, to - 1);

	if (cal_index_start(p, i0) < from)
		i0++;
	if (i0 < first)
		i0 = first;
	if (i1 > first + n - 1)
		i1 = first + n - 1;
	if (to <= from || i1 < i0)
	{
		int64_t		e = cal_index(p, from);

		if (cal_index_start(p, e) < from)
			e++;
		*first_out = e;
		*off = 0;
		*cnt = 0;
		return;
	}
	*first_out = i0;
	*off = (int32_t) (i0 - first);
	*cnt = (int32_t) (i1 - i0 + 1);
}

void
cv_pad_span(DpPeriod p, int64_t first, int32_t n, int64_t from, int64_t to,
				int64_t *r0, int64_t *rn)
{
	int64_t		w0,
				wn;

	if (to <= from)
	{
		*r0 = first;
		*rn = n;
		return;
	}
	w0 = cal_index(p, from);
	wn = cal_index(p, to - 1) - w0 + 1;
	cv_span_union(first, n, w0, (int32_t) (wn > CV_MAX_LEN ? CV_MAX_LEN + 1 : wn), r0, rn);
	if (n == 0 && wn > 0)
	{
		*r0 = w0;
		*rn = wn;
	}
}

void
cv_resample_span(DpPeriod sp, int64_t s0, int64_t sdate, int32_t sn, DpPeriod tp,
					 int64_t *t0, int64_t *tn)
{
	*t0 = cal_index(tp, sdate);
	if (sn == 0)
	{
		*tn = 0;
		return;
	}
	*tn = cal_index(tp, cal_index_start(sp, s0 + sn) - 1) - *t0 + 1;
}

void
cv_resample(DpPeriod sp, int64_t s0, int64_t sdate, const double *sv, int32_t sn,
				DpPeriod tp, int64_t t0, int64_t tdate, double *out)
{
	int64_t		j = t0;
	int64_t		tend = tdate + cal_index_days(tp, j);
	int64_t		a = sdate;

	for (int32_t i = 0; i < sn; i++)
	{
		int32_t		days = cal_index_days(sp, s0 + i);
		int64_t		b = a + days;

		/* whole source period inside one target period: no rounding at all */
		if (b <= tend)
			out[j - t0] += sv[i];
		else
		{
			int64_t		pos = a;

			while (pos < b)
			{
				int64_t		stop = b < tend ? b : tend;

				out[j - t0] += sv[i] * (double) (stop - pos) / days;
				pos = stop;
				if (pos == tend)
				{
					j++;
					tend += cal_index_days(tp, j);
				}
			}
		}
		if (b == tend)
		{
			j++;
			tend += cal_index_days(tp, j);
		}
		a = b;
	}
}
