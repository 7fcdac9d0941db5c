/*
 * capvec_core.c: text form, validation and vector kernels (see capvec_core.h).
 */
#include "capvec_core.h"

#include "ascii.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


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

/* A parse: the whole input (messages quote it) and the interrupt tick. */
typedef struct Scan
{
	const char *input;
	const DpTick *tick;
} Scan;

/* Tick now and then while the scan passes characters (dp_tick_text). */
static inline void
scan_step(const Scan *sc, const char *p)
{
	dp_tick_text(sc->tick, p);
}

static const char *
skip_space(const Scan *sc, const char *s)
{
	while (ascii_isspace(*s))
		scan_step(sc, ++s);
	return s;
}

static const char *
skip_digits(const Scan *sc, const char *s)
{
	while (ascii_isdigit(*s))
		scan_step(sc, ++s);
	return s;
}

static bool
syntax_error(const Scan *sc, DpError *err, const char *fmt, const char *near)
{
	dp_fail(err, DP_ERR_SYNTAX, "invalid input syntax for type capvec: \"%s\"",
			dp_quote(sc->input, SIZE_MAX, DP_QUOTE_CHARS).s);
	dp_detail(err, fmt, near);
	dp_hint(err, "The text form is a period, a start date and a bracketed list, e.g. 'month 2024-01-01 [100,120,150]'.");
	return false;
}

/* A short quote of the text at p, in double quotes, for details. */
typedef struct Near
{
	char		s[sizeof(DpQuote) + 2];
} Near;

static const char *
near_text(const char *p, Near *q)
{
	DpQuote		t;
	size_t		len;

	if (*p == '\0')
		return "end of input";
	t = dp_quote(p, SIZE_MAX, 20);
	len = strlen(t.s);
	q->s[0] = '"';
	memcpy(q->s + 1, t.s, len);
	q->s[len + 1] = '"';
	q->s[len + 2] = '\0';
	return q->s;
}

int32_t
cv_text_count(const char *s, const DpTick *tick)
{
	int64_t		commas = 0;
	Scan		sc = {s, tick};

	for (; *s; s++)
	{
		commas += (*s == ',');
		scan_step(&sc, s);
	}
	return commas + 1 > CV_MAX_LEN ? CV_MAX_LEN : (int32_t) commas + 1;
}

/* Numbers longer than this are shortened before strtod reads them (long_number). */
#define NUMBER_DIRECT 1000
/* Significant digits that settle the rounding of any double (at most 767 matter). */
#define NUMBER_DIGITS 780

/*
 * strtod's time grows with a number's length.  A number token longer than
 * NUMBER_DIRECT characters is rewritten as an equal one of bounded length:
 * "0.", its first NUMBER_DIGITS significant digits, a 1 standing for any
 * non-zero digit after them (all that correct rounding needs of them), and
 * the exponent that puts them in place.  The token (s .. end) is already
 * checked: sign, digits, optional point and digits, optional exponent.
 */
static void
long_number(const Scan *sc, const char *s, const char *end, char *buf, size_t size)
{
	const char *p = s;
	char	   *o = buf;
	int64_t		pos = 0,		/* the value is 0.digits * 10^(pos + exp) */
				exp = 0;
	int			kept = 0;
	bool		seen = false,	/* a non-zero digit */
				point = false,
				sticky = false,
				neg_exp = false;

	if (*p == '+' || *p == '-')
		*o++ = *p++;
	*o++ = '0';
	*o++ = '.';
	for (; p < end && *p != 'e' && *p != 'E'; p++)
	{
		scan_step(sc, p);
		if (*p == '.')
			point = true;
		else if (!seen && *p == '0')
			pos -= point;		/* a leading zero after the point moves the digits right */
		else
		{
			seen = true;
			pos += !point;
			if (kept < NUMBER_DIGITS)
				o[kept++] = *p;
			else
				sticky |= (*p != '0');
		}
	}
	o += kept;
	if (p < end)
	{
		p++;
		if (*p == '+' || *p == '-')
			neg_exp = (*p++ == '-');
		/* beyond 10^12 the value is 0 or infinite whatever the digits say */
		for (; p < end; p++)
		{
			scan_step(sc, p);
			if (exp < INT64_C(1000000000000))
				exp = exp * 10 + (*p - '0');
		}
	}
	if (!seen)
	{
		snprintf(buf, size, "0");
		return;
	}
	if (sticky)
		*o++ = '1';
	snprintf(o, size - (size_t) (o - buf), "e%lld", (long long) (pos + (neg_exp ? -exp : exp)));
}

/*
 * Read one number at s: *end is where it stops (or where a number was
 * expected).  Returns false with err->code DP_OK for a syntax error (the
 * caller describes it), or with an error recorded (NaN and infinities,
 * overflow and underflow to zero: 22003, as float8in).
 */
static bool
parse_value(const Scan *sc, const char *s, const char **end, double *out, DpError *err)
{
	const char *p = s;
	const char *digits;
	char	   *stop;
	char		buf[NUMBER_DIGITS + 40];
	double		val;

	err->code = DP_OK;
	if (*p == '+' || *p == '-')
		p++;
	if (ascii_isalpha(*p))
	{
		const char *w = p;

		while (ascii_isalpha(*p))
			scan_step(sc, ++p);
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
	p = skip_digits(sc, p);
	if (*p == '.')
		p = skip_digits(sc, p + 1);
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
		if (ascii_isdigit(*e))
			p = skip_digits(sc, e);
	}
	errno = 0;
	if (p - s <= NUMBER_DIRECT)
	{
		val = strtod(s, &stop);
		if (stop != p)
		{
			*end = p;
			return false;
		}
	}
	else
	{
		long_number(sc, s, p, buf, sizeof(buf));
		val = strtod(buf, NULL);
	}
	/* as float8in: overflow, and underflow to zero of a non-zero number, are errors */
	if (errno == ERANGE && (val == 0.0 || isinf(val)))
	{
		dp_fail(err, DP_ERR_RANGE, "\"%s\" is out of range for type double precision",
				dp_quote(s, (size_t) (p - s), DP_QUOTE_CHARS).s);
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

/* A value parser: parse_value (decimal) or parse_bits (IEEE-754 bits in hex). */
typedef bool (*ValueParser) (const Scan *sc, const char *s, const char **end, double *out,
							 DpError *err);

/* cv_bits_parse as a ValueParser (at most 16 digits: nothing to tick for). */
static bool
parse_bits(const Scan *sc, const char *s, const char **end, double *out, DpError *err)
{
	(void) sc;
	return cv_bits_parse(s, end, out, err);
}

bool
cv_parse(const char *s, bool bits_ok, DpPeriod *period, int64_t *start, double *out,
		 int32_t cap, int32_t *n, const DpTick *tick, DpError *err)
{
	ValueParser parse = parse_value;
	Scan		sc = {s, tick};
	const char *p = skip_space(&sc, s);
	const char *w = p;
	Near		q;
	int64_t		count = 0;
	double		spare;

	while (ascii_isalpha(*p))
		scan_step(&sc, ++p);
	if (p == w)
		return syntax_error(&sc, err, "Expected a period name (day, week, month, quarter or year) at %s.",
							near_text(w, &q));
	if (!cal_period_lookup(w, (size_t) (p - w), period))
		return syntax_error(&sc, err, "Unknown period \"%s\": expected day, week, month, quarter or year.",
							dp_quote(w, (size_t) (p - w), 20).s);

	/* start date: YYYY-MM-DD */
	p = skip_space(&sc, p);
	switch (cal_parse_iso(p, strnlen(p, 11), start))
	{
		case CAL_PARSE_OK:
			break;
		case CAL_PARSE_SYNTAX:
			return syntax_error(&sc, err, "Expected a start date written YYYY-MM-DD at %s.",
								near_text(p, &q));
		case CAL_PARSE_RANGE:
			dp_fail(err, DP_ERR_DATE, "date out of range in capvec: \"%.10s\"", p);
			dp_detail(err, CAL_RANGE_DETAIL);
			return false;
	}
	if (!cv_check_start(*period, *start, err))
		return false;
	p += 10;

	/*
	 * values: decimal, or with bits_ok "x[...]" for IEEE-754 bits in hex; the
	 * first cap are kept, the rest only checked (then 54000 below)
	 */
	p = skip_space(&sc, p);
	if (bits_ok && *p == 'x' && p[1] == '[')
	{
		parse = parse_bits;
		p++;
	}
	if (*p != '[')
		return syntax_error(&sc, err, "Expected \"[\" at %s.", near_text(p, &q));
	p = skip_space(&sc, p + 1);
	if (*p != ']')
	{
		for (;;)
		{
			const char *end = p;

			if (!parse(&sc, p, &end, count < cap ? &out[count] : &spare, err))
			{
				if (err->code != DP_OK)
					return false;
				return syntax_error(&sc, err, "Expected a number at %s.", near_text(end, &q));
			}
			count++;
			if ((count & (DP_TICK_EVERY - 1)) == 0)
				dp_tick(tick);
			p = skip_space(&sc, end);
			if (*p == ']')
				break;
			if (*p != ',')
				return syntax_error(&sc, err, "Expected \",\" or \"]\" at %s.", near_text(p, &q));
			p = skip_space(&sc, p + 1);
		}
	}
	p = skip_space(&sc, p + 1);
	if (*p != '\0')
		return syntax_error(&sc, err, "Unexpected %s after \"]\".", near_text(p, &q));
	if (!cv_check_span(*period, cal_index(*period, *start), count, err))
		return false;
	*n = (int32_t) count;
	return true;
}

static bool
state_syntax(const char *s, DpError *err, const char *detail)
{
	dp_fail(err, DP_ERR_SYNTAX, "invalid input syntax for type capvec_state: \"%s\"",
			dp_quote(s, SIZE_MAX, DP_QUOTE_CHARS).s);
	dp_detail(err, "%s", detail);
	return false;
}

bool
cv_state_parse(const char *s, bool bits_ok, int64_t *rows, DpPeriod *period, int64_t *start,
			   double *out, int32_t cap, int32_t *n, const DpTick *tick, DpError *err)
{
	Scan		sc = {s, tick};
	const char *p = skip_space(&sc, s);
	const char *digits;
	int64_t		r = 0;

	if (*p == '+')
		p++;
	digits = p;
	p = skip_digits(&sc, p);
	if (p == digits || !ascii_isspace(*p))
		return state_syntax(s, err, "Expected a row count followed by a vector, e.g. '2 month 2024-01-01 x[3ff,4]' or '2 month 2024-01-01 [1,2]'.");
	for (const char *d = digits; d < p; d++)
	{
		if (r > (INT64_MAX - (*d - '0')) / 10)
			return state_syntax(s, err, "The row count is out of range for a bigint.");
		r = r * 10 + (*d - '0');
	}
	if (r < 1)
		return state_syntax(s, err, "The row count must be at least 1: a state holds at least one row.");
	*rows = r;
	return cv_parse(p, bits_ok, period, start, out, cap, n, tick, err);
}

/* ---- jsonb form ---- */

static bool
json_error(DpError *err, DpErrCode code, const char *what)
{
	dp_fail(err, code, "cannot cast jsonb to capvec: %s", what);
	if (code == DP_ERR_ARG)
		dp_hint(err, "Expected an object like {\"period\": \"month\", \"start\": \"2024-01-01\", \"values\": [100, 120, 150]}.");
	return false;
}

/* The member named key (NULL if absent). */
static const CvJsonItem *
json_member(const CvJsonMember *m, int count, const char *key)
{
	size_t		len = strlen(key);

	for (int i = 0; i < count; i++)
		if (m[i].keylen == len && memcmp(m[i].key, key, len) == 0)
			return &m[i].value;
	return NULL;
}

/* The member named key, which must be of this kind ("must be what" otherwise). */
static const CvJsonItem *
json_typed(const CvJsonMember *m, int count, const char *key, CvJsonKind kind, const char *what,
		   DpError *err)
{
	const CvJsonItem *v = json_member(m, count, key);
	char		msg[64];

	if (v == NULL)
		snprintf(msg, sizeof(msg), "key \"%s\" is missing", key);
	else if (v->kind != kind)
		snprintf(msg, sizeof(msg), "\"%s\" must be %s", key, what);
	else
		return v;
	json_error(err, DP_ERR_ARG, msg);
	return NULL;
}

bool
cv_json_header(CvJsonKind root, const CvJsonMember *m, int count, DpPeriod *p, int64_t *start,
			   DpError *err)
{
	const CvJsonItem *pv,
			   *sv;
	char		msg[DP_QUOTE_CHARS * 4 + 64];

	if (root != CV_JSON_OBJECT)
		return json_error(err, DP_ERR_ARG, "not an object");
	if (count != 3)
		return json_error(err, DP_ERR_ARG, "the object must have exactly the keys \"period\", \"start\" and \"values\"");
	if ((pv = json_typed(m, count, "period", CV_JSON_STRING, "a string", err)) == NULL ||
		(sv = json_typed(m, count, "start", CV_JSON_STRING, "a date string", err)) == NULL ||
		json_typed(m, count, "values", CV_JSON_ARRAY, "an array of numbers", err) == NULL)
		return false;
	if (!cal_period_lookup(pv->text, pv->len, p))
	{
		snprintf(msg, sizeof(msg), "unknown period \"%s\"", dp_quote(pv->text, pv->len, 20).s);
		return json_error(err, DP_ERR_ARG, msg);
	}
	switch (sv->len == 10 ? cal_parse_iso(sv->text, sv->len, start) : CAL_PARSE_SYNTAX)
	{
		case CAL_PARSE_OK:
			break;
		case CAL_PARSE_SYNTAX:
			snprintf(msg, sizeof(msg), "\"start\" must be a date written YYYY-MM-DD, not \"%s\"",
					 dp_quote(sv->text, sv->len, 20).s);
			json_error(err, DP_ERR_DATE_FORMAT, msg);
			dp_hint(err, "Write the date as ISO 8601 does, e.g. \"2024-01-01\".");
			return false;
		case CAL_PARSE_RANGE:
			dp_fail(err, DP_ERR_DATE, "date out of range in capvec: \"%.10s\"", sv->text);
			dp_detail(err, CAL_RANGE_DETAIL);
			return false;
	}
	return cv_check_start(*p, *start, err);
}

bool
cv_json_value(const CvJsonItem *e, int32_t i, double *out, const DpTick *tick, DpError *err)
{
	Scan		sc = {e->text, tick};
	const char *end = e->text;
	char		msg[96];

	if (e->kind == CV_JSON_NULL)
	{
		snprintf(msg, sizeof(msg), "\"values\" element %d is null", (int) i + 1);
		return json_error(err, DP_ERR_NULL, msg);
	}
	if (e->kind == CV_JSON_NUMBER)
	{
		if (parse_value(&sc, e->text, &end, out, err))
		{
			if (end == e->text + e->len)
				return true;
		}
		else if (err->code != DP_OK)
		{
			snprintf(msg, sizeof(msg), "\"values\" element %d is out of range for type double precision",
					 (int) i + 1);
			return json_error(err, DP_ERR_RANGE, msg);
		}
	}
	snprintf(msg, sizeof(msg), "\"values\" element %d is not a number", (int) i + 1);
	return json_error(err, DP_ERR_ARG, msg);
}

/* ---- binary form ---- */

static uint32_t
read_be32(const unsigned char *b)
{
	return ((uint32_t) b[0] << 24) | ((uint32_t) b[1] << 16) | ((uint32_t) b[2] << 8) | b[3];
}

static uint64_t
read_be64(const unsigned char *b)
{
	return ((uint64_t) read_be32(b) << 32) | read_be32(b + 4);
}

bool
cv_binary_read(const unsigned char *buf, size_t len, const char *typname, CvBinary *out,
			   DpError *err)
{
	int			period;
	int32_t		start,
				n;

	if (len < CV_BINARY_HEADER)
		return dp_fail(err, DP_ERR_BINARY, "%s binary input has %zu bytes, fewer than the %d of its header",
					   typname, len, CV_BINARY_HEADER);
	period = buf[0];
	start = (int32_t) read_be32(buf + 1);
	n = (int32_t) read_be32(buf + 5);
	if (period >= DP_NPERIODS)
		return dp_fail(err, DP_ERR_BINARY, "invalid period code %d in %s binary input", period, typname);
	if (n < 0)
		return dp_fail(err, DP_ERR_BINARY, "invalid length %d in %s binary input", (int) n, typname);
	if (!cv_check_start((DpPeriod) period, start, err) ||
		!cv_check_span((DpPeriod) period, cal_index((DpPeriod) period, start), n, err))
		return false;
	if ((uint64_t) n * 8 != len - CV_BINARY_HEADER)
		return dp_fail(err, DP_ERR_BINARY, "%s binary input has %zu bytes of values for %d periods",
					   typname, len - CV_BINARY_HEADER, (int) n);
	out->period = (DpPeriod) period;
	out->start = start;
	out->n = n;
	out->values = buf + CV_BINARY_HEADER;
	return true;
}

bool
cv_binary_values(const CvBinary *b, double *dst, DpError *err)
{
	for (int32_t i = 0; i < b->n; i++)
	{
		uint64_t	u = read_be64(b->values + (size_t) 8 * i);

		memcpy(&dst[i], &u, sizeof(double));
	}
	return cv_check_values(dst, b->n, err);
}

bool
cv_state_binary_rows(const unsigned char *buf, size_t len, int64_t *rows, DpError *err)
{
	if (len < 8)
		return dp_fail(err, DP_ERR_BINARY, "capvec_state binary input has %zu bytes, fewer than the 8 of its row count",
					   len);
	*rows = (int64_t) read_be64(buf);
	if (*rows < 1)
		return dp_fail(err, DP_ERR_BINARY, "invalid row count %lld in capvec_state binary input",
					   (long long) *rows);
	return true;
}

size_t
cv_text_bound(int32_t n)
{
	/* "quarter 2024-01-01 [" + n values of at most 24 chars + commas + "]" */
	return 32 + (size_t) n * 26;
}

/* The text form with the list opened by open ("[" or "x["); ticks on long vectors. */
static size_t
format_list(char *buf, DpPeriod p, int64_t start, const double *v, int32_t n,
			CvFormatDouble fmt, const char *open, const DpTick *tick)
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
		if ((i & (DP_TICK_EVERY - 1)) == DP_TICK_EVERY - 1)
			dp_tick(tick);
	}
	*o++ = ']';
	*o = '\0';
	return (size_t) (o - buf);
}

size_t
cv_format(char *buf, DpPeriod p, int64_t start, const double *v, int32_t n,
		  CvFormatDouble fmt, const DpTick *tick)
{
	return format_list(buf, p, start, v, n, fmt, "[", tick);
}

size_t
cv_format_bits(char *buf, DpPeriod p, int64_t start, const double *v, int32_t n,
			   const DpTick *tick)
{
	return format_list(buf, p, start, v, n, cv_bits_format, "x[", tick);
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

/*
 * The share of x falling on part of its days: x * part / days, or, where
 * x * part would overflow though the share does not, (x / days) * part.
 */
static inline double
spread(double x, int64_t part, int32_t days)
{
	double		y = x * (double) part;

	return isinf(y) ? (x / days) * (double) part : y / days;
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

				out[j - t0] += spread(sv[i], stop - pos, days);
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
