/*
 * capacity_core.c: capacity modelling kernels (see capacity_core.h).
 */
#include "capacity_core.h"

#include "ascii.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "capvec_core.h"

/* ---- arguments ---- */

bool
capacity_shape_lookup(const char *s, size_t len, CapShape *shape)
{
	static const struct
	{
		const char *name;
		CapShape	shape;
	}			shapes[] = {
		{"linear", CAP_SHAPE_LINEAR},
		{"scurve", CAP_SHAPE_SCURVE},
		{"step", CAP_SHAPE_STEP}
	};

	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
	{
		const char *name = shapes[i].name;
		size_t		j;

		for (j = 0; j < len && name[j] != '\0'; j++)
		{
			char		c = s[j];

			if (c >= 'A' && c <= 'Z')
				c = (char) (c - 'A' + 'a');
			if (c != name[j])
				break;
		}
		if (j == len && name[j] == '\0')
		{
			*shape = shapes[i].shape;
			return true;
		}
	}
	return false;
}

bool
capacity_check_rate(double x, const char *name, DpError *err)
{
	if (!isfinite(x))
		return dp_fail(err, DP_ERR_RANGE, "%s must be a finite number", name);
	if (x < 0)
	{
		dp_fail(err, DP_ERR_ARG, "%s must not be negative: %s", name, dp_num(x).s);
		dp_detail(err, "Capacity rates are quantities per period, 0 or more.");
		return false;
	}
	return true;
}

bool
capacity_check_count(int64_t x, const char *name, DpError *err)
{
	if (x < 0)
		return dp_fail(err, DP_ERR_ARG, "%s must not be negative: %lld", name, (long long) x);
	return true;
}

bool
capacity_check_qty(double q, int32_t pos, DpError *err)
{
	if (!isfinite(q))
		return dp_fail(err, DP_ERR_RANGE, "qty_per[%d] must be a finite number", (int) pos);
	if (!(q > 0))
	{
		dp_fail(err, DP_ERR_ARG, "qty_per[%d] must be positive: %s", (int) pos, dp_num(q).s);
		dp_detail(err, "qty_per gives how many of each component one assembled unit needs.");
		return false;
	}
	return true;
}

/* ---- profiles ---- */

/* The logistic L(x) = 1 / (1 + exp(-10 (x - 0.5))) of the S-curve. */
static double
logistic(double x)
{
	return 1.0 / (1.0 + exp(-10.0 * (x - 0.5)));
}

double
capacity_ramp_fraction(int64_t k, int64_t R, CapShape shape)
{
	double		x;

	if (k <= 0)
		return 0.0;
	if (k >= R)
		return 1.0;
	x = (double) k / (double) R;
	switch (shape)
	{
		case CAP_SHAPE_SCURVE:
			return (logistic(x) - logistic(0.0)) / (logistic(1.0) - logistic(0.0));
		case CAP_SHAPE_STEP:
			return 0.0;
		case CAP_SHAPE_LINEAR:
		default:
			return x;
	}
}

void
capacity_fill(double *out, int32_t n, double value)
{
	for (int32_t i = 0; i < n; i++)
		out[i] = value;
}

/*
 * The periods of [first, first + n) before a ramp that starts with period r0
 * and lasts R periods (k <= 0) end at *a, and those at the ramp's end
 * (k >= R) start at *b; both clamped to [0, n].
 */
static void
ramp_segments(int32_t n, int64_t first, int64_t r0, int64_t R, int32_t *a, int32_t *b)
{
	int64_t		lo = r0 - first,	/* k = 1 */
				hi = lo + R - 1;	/* k = R */

	if (hi < lo)
		hi = lo;				/* R = 0: at once */
	*a = (int32_t) (lo < 0 ? 0 : (lo > n ? n : lo));
	*b = (int32_t) (hi < 0 ? 0 : (hi > n ? n : hi));
}

void
capacity_ramp(double *out, int32_t n, int64_t first, int64_t r0, int64_t R,
			  double from, double to, CapShape shape)
{
	double		delta = to - from;
	double		l0 = logistic(0.0),
				l1 = logistic(1.0);
	int32_t		a,
				b;

	ramp_segments(n, first, r0, R, &a, &b);
	for (int32_t i = 0; i < a; i++)
		out[i] = from;
	/* 0 < k < R: the same arithmetic as capacity_ramp_fraction, the logistic's ends hoisted */
	for (int32_t i = a; i < b; i++)
	{
		double		x = (double) (first + i - r0 + 1) / (double) R;
		double		f;

		if (shape == CAP_SHAPE_LINEAR)
			f = x;
		else if (shape == CAP_SHAPE_SCURVE)
			f = (logistic(x) - l0) / (l1 - l0);
		else
			f = 0.0;
		out[i] = from + delta * f;
	}
	for (int32_t i = b; i < n; i++)
		out[i] = to;
}

void
capacity_surge(double *out, const double *base, int32_t n, int64_t first,
			   int64_t r0, int64_t R, double factor)
{
	int32_t		a,
				b;

	ramp_segments(n, first, r0, R, &a, &b);
	for (int32_t i = 0; i < a; i++)
		out[i] = base[i];
	for (int32_t i = a; i < b; i++)
		out[i] = base[i] * (1.0 + (factor - 1.0) * ((double) (first + i - r0 + 1) / (double) R));
	for (int32_t i = b; i < n; i++)
		out[i] = base[i] * factor;
}

/* ---- bottleneck ---- */

/* Fold x into slot t: the first component sets it, later ones only if strictly lower. */
static inline void
take_min(double *out, int32_t *binding, int32_t t, double x, int32_t index)
{
	if (index == 1 || x < out[t])
	{
		out[t] = x;
		binding[t] = index;
	}
}

void
capacity_bottleneck_add(double *out, int32_t *binding, int64_t r0, int32_t rn,
				   int64_t first, const double *v, int32_t n, double qty,
				   int32_t index)
{
	int64_t		a = first - r0,
				b = a + n;
	int32_t		lo,
				hi;

	/* the component's periods within the span: [lo, hi); 0 capacity elsewhere */
	if (n <= 0 || b <= 0 || a >= rn)
		lo = hi = rn;
	else
	{
		lo = (int32_t) (a < 0 ? 0 : a);
		hi = (int32_t) (b > rn ? rn : b);
	}

	if (binding == NULL)
	{
		/* plain minimum: branch-free loops the compiler can vectorise */
		if (index == 1)
		{
			for (int32_t t = 0; t < lo; t++)
				out[t] = 0.0;
			for (int32_t t = lo; t < hi; t++)
				out[t] = v[t - a] / qty;
			for (int32_t t = hi; t < rn; t++)
				out[t] = 0.0;
			return;
		}
		for (int32_t t = 0; t < lo; t++)
			out[t] = out[t] > 0.0 ? 0.0 : out[t];
		for (int32_t t = lo; t < hi; t++)
		{
			double		x = v[t - a] / qty;

			out[t] = x < out[t] ? x : out[t];
		}
		for (int32_t t = hi; t < rn; t++)
			out[t] = out[t] > 0.0 ? 0.0 : out[t];
		return;
	}

	for (int32_t t = 0; t < lo; t++)
		take_min(out, binding, t, 0.0, index);
	for (int32_t t = lo; t < hi; t++)
		take_min(out, binding, t, v[t - a] / qty, index);
	for (int32_t t = hi; t < rn; t++)
		take_min(out, binding, t, 0.0, index);
}

int32_t
capacity_first_reaching(const double *v, int32_t n, double level)
{
	for (int32_t i = 0; i < n; i++)
		if (v[i] >= level)
			return i;
	return -1;
}

/* ---- Herfindahl-Hirschman index ---- */

#define HHI_N	0
#define HHI_S	1
#define HHI_SS	2
#define HHI_E	3
/* exponents of positive doubles lie in [-1074, 1023] */
#define HHI_EXP_MIN (-1074)
#define HHI_EXP_MAX 1023

/*
 * The invariants of a state built by capacity_hhi_add and capacity_hhi_combine: every
 * scaled quantity is below 2, so sum <= 2 count and sumsq <= 4 count (rounding
 * is monotone), and both are 0 exactly when no quantity was positive.
 */
bool
capacity_hhi_check(const double *st, DpError *err)
{
	double		n = st[HHI_N],
				s = st[HHI_S],
				ss = st[HHI_SS],
				e = st[HHI_E];

	if (!(isfinite(n) && isfinite(s) && isfinite(ss) && isfinite(e) &&
		  n >= 0 && n == floor(n) && n <= 9007199254740992.0 &&
		  e == floor(e) && e >= HHI_EXP_MIN && e <= HHI_EXP_MAX &&
		  s >= 0 && ss >= 0 && s <= 2 * n && ss <= 4 * n && (s == 0) == (ss == 0)))
	{
		dp_fail(err, DP_ERR_ARG, "invalid dp.hhi state {%s,%s,%s,%s}", dp_num(n).s,
				dp_num(s).s, dp_num(ss).s, dp_num(e).s);
		dp_detail(err, "The state is {count, sum, sum of squares, exponent}: the sums scaled by 2^-exponent and 2^-2*exponent, each scaled quantity below 2.");
		return false;
	}
	return true;
}

/* Rescale a state's sums to a larger exponent (exact unless far below the new scale). */
static void
hhi_rescale(double *st, int e)
{
	int			d = e - (int) st[HHI_E];

	st[HHI_S] = ldexp(st[HHI_S], -d);
	st[HHI_SS] = ldexp(st[HHI_SS], -2 * d);
	st[HHI_E] = e;
}

bool
capacity_hhi_add(double *st, double q, DpError *err)
{
	int			e;
	double		x;

	if (!isfinite(q))
	{
		dp_fail(err, DP_ERR_RANGE, "hhi quantity %s is not allowed",
				isnan(q) ? "NaN" : (q > 0 ? "Infinity" : "-Infinity"));
		dp_detail(err, "Supplier quantities must be finite numbers.");
		return false;
	}
	if (q < 0)
	{
		dp_fail(err, DP_ERR_ARG, "hhi quantity must not be negative: %s", dp_num(q).s);
		dp_detail(err, "Supplier quantities (or shares) are 0 or more.");
		return false;
	}
	st[HHI_N] += 1.0;
	if (q == 0)
		return true;
	e = ilogb(q);
	if (st[HHI_S] == 0)
		st[HHI_E] = e;			/* the first positive quantity sets the scale */
	else if (e > st[HHI_E])
		hhi_rescale(st, e);
	x = ldexp(q, -(int) st[HHI_E]);
	st[HHI_S] += x;
	st[HHI_SS] += x * x;
	return true;
}

void
capacity_hhi_combine(double *a, const double *b)
{
	double		s,
				ss;
	int			d;

	a[HHI_N] += b[HHI_N];
	if (b[HHI_S] == 0)
		return;
	if (a[HHI_S] == 0)
	{
		a[HHI_S] = b[HHI_S];
		a[HHI_SS] = b[HHI_SS];
		a[HHI_E] = b[HHI_E];
		return;
	}
	if (b[HHI_E] > a[HHI_E])
		hhi_rescale(a, (int) b[HHI_E]);
	d = (int) a[HHI_E] - (int) b[HHI_E];
	s = ldexp(b[HHI_S], -d);
	ss = ldexp(b[HHI_SS], -2 * d);
	a[HHI_S] += s;
	a[HHI_SS] += ss;
}

bool
capacity_hhi_result(const double *st, double *hhi)
{
	double		s = st[HHI_S],
				h;

	if (!(s > 0))
		return false;
	/* 10000 * sumsq first: exact for integer inputs, so exact indexes stay exact */
	h = 10000.0 * st[HHI_SS] / (s * s);
	/* sum(q^2) <= (sum q)^2: only rounding could cross the bound */
	*hhi = h > 10000.0 ? 10000.0 : h;
	return true;
}

int
capacity_hhi_format(const double *st, char *buf)
{
	char		s[20],
				ss[20];

	cv_bits_format(st[HHI_S], s);
	cv_bits_format(st[HHI_SS], ss);
	return snprintf(buf, CAPACITY_HHI_TEXT_MAX, "%.0f x%s x%s %d", st[HHI_N], s, ss, (int) st[HHI_E]);
}

/*
 * An integer field of a state's text: digits, an optional minus sign; *end
 * after it.  At most 16 digits (2^53 has 16): a longer field is refused
 * before it is read to its end.
 */
static bool
hhi_parse_int(const char *s, bool sign_ok, const char **end, double *out)
{
	const char *p = s;
	bool		neg = false;
	int64_t		v = 0;
	int			nd = 0;

	if (*p == '-' && sign_ok)
	{
		neg = true;
		p++;
	}
	for (; ascii_isdigit(*p); p++)
		if (++nd > 16)
			return false;
		else
			v = v * 10 + (*p - '0');
	if (nd == 0 || v > INT64_C(9007199254740992))
		return false;
	*out = (double) (neg ? -v : v);	/* "-0" is 0, not -0 */
	*end = p;
	return true;
}

/* An "x" and a value's IEEE-754 bits in hex; *end after it. */
static bool
hhi_parse_bits(const char *s, const char **end, double *out, DpError *err)
{
	if (*s != 'x')
		return false;
	return cv_bits_parse(s + 1, end, out, err);
}

/* Skip white space, ticking on long runs. */
static const char *
hhi_skip_space(const char *p, const DpTick *tick)
{
	while (ascii_isspace(*p))
		dp_tick_text(tick, ++p);
	return p;
}

bool
capacity_hhi_parse(const char *s, double *st, const DpTick *tick, DpError *err)
{
	const char *p = s;

	err->code = DP_OK;
	p = hhi_skip_space(p, tick);
	if (!hhi_parse_int(p, false, &p, &st[HHI_N]) || !ascii_isspace(*p))
		goto syntax;
	p = hhi_skip_space(p, tick);
	if (!hhi_parse_bits(p, &p, &st[HHI_S], err) || !ascii_isspace(*p))
		goto syntax;
	p = hhi_skip_space(p, tick);
	if (!hhi_parse_bits(p, &p, &st[HHI_SS], err) || !ascii_isspace(*p))
		goto syntax;
	p = hhi_skip_space(p, tick);
	if (!hhi_parse_int(p, true, &p, &st[HHI_E]))
		goto syntax;
	p = hhi_skip_space(p, tick);
	if (*p != '\0')
		goto syntax;
	return capacity_hhi_check(st, err);

syntax:
	/* also for the bits of NaN or an infinity (cv_bits_parse's error names a capvec) */
	dp_fail(err, DP_ERR_SYNTAX, "invalid input syntax for type hhi_state: \"%s\"",
			dp_quote(s, SIZE_MAX, DP_QUOTE_CHARS).s);
	dp_detail(err, "A state is a count, the scaled sum and sum of squares as IEEE-754 bits in hex, and an exponent, e.g. '2 x4004 x400a9 5'.");
	return false;
}
