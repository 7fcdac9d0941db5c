/*
 * Unit tests of capacity_core.c.  Expected values are hand calculations
 * (written next to each check), the reference values of docs/reference.md,
 * or brute-force recomputations written independently here.
 */
#include "core/capacity_core.h"
#include "unit.h"

TEST(shape_names)
{
	CapShape	s;

	CHECK(capacity_shape_lookup("linear", 6, &s) && s == CAP_SHAPE_LINEAR);
	CHECK(capacity_shape_lookup("SCurve", 6, &s) && s == CAP_SHAPE_SCURVE);
	CHECK(capacity_shape_lookup("STEP", 4, &s) && s == CAP_SHAPE_STEP);
	CHECK(!capacity_shape_lookup("zigzag", 6, &s));
	CHECK(!capacity_shape_lookup("line", 4, &s));
	CHECK(!capacity_shape_lookup("linears", 7, &s));
	CHECK(!capacity_shape_lookup("", 0, &s));
}

TEST(argument_checks)
{
	DpError		e;

	CHECK(capacity_check_rate(0, "rate", &e));
	CHECK(capacity_check_rate(1e308, "rate", &e));
	CHECK(!capacity_check_rate(-1, "rate", &e) && e.code == DP_ERR_ARG);
	CHECK_STR(e.msg, "rate must not be negative: -1");
	CHECK(!capacity_check_rate(NAN, "from_rate", &e) && e.code == DP_ERR_RANGE);
	CHECK_STR(e.msg, "from_rate must be a finite number");
	CHECK(!capacity_check_rate(INFINITY, "to_rate", &e) && e.code == DP_ERR_RANGE);
	CHECK(capacity_check_count(0, "periods", &e));
	CHECK(!capacity_check_count(-1, "ramp_periods", &e) && e.code == DP_ERR_ARG);
	CHECK_STR(e.msg, "ramp_periods must not be negative: -1");
	CHECK(capacity_check_qty(0.5, 1, &e));
	CHECK(!capacity_check_qty(0, 2, &e) && e.code == DP_ERR_ARG);
	CHECK_STR(e.msg, "qty_per[2] must be positive: 0");
	CHECK(!capacity_check_qty(-3, 1, &e) && e.code == DP_ERR_ARG);
	CHECK(!capacity_check_qty(NAN, 3, &e) && e.code == DP_ERR_RANGE);
	CHECK_STR(e.msg, "qty_per[3] must be a finite number");
	CHECK(!capacity_check_qty(-INFINITY, 3, &e) && e.code == DP_ERR_RANGE);
}

TEST(ramp_fractions)
{
	/* 0 up to and including k = 0, 1 from k = R on, whatever the shape */
	for (int s = CAP_SHAPE_LINEAR; s <= CAP_SHAPE_STEP; s++)
	{
		CHECK_DBL(capacity_ramp_fraction(-5, 4, (CapShape) s), 0.0);
		CHECK_DBL(capacity_ramp_fraction(0, 4, (CapShape) s), 0.0);
		CHECK_DBL(capacity_ramp_fraction(4, 4, (CapShape) s), 1.0);
		CHECK_DBL(capacity_ramp_fraction(99, 4, (CapShape) s), 1.0);
		/* R = 0: at once from k = 1, and still 0 before */
		CHECK_DBL(capacity_ramp_fraction(1, 0, (CapShape) s), 1.0);
		CHECK_DBL(capacity_ramp_fraction(0, 0, (CapShape) s), 0.0);
	}
	/* linear: k/R = 1/4, 2/4, 3/4 */
	CHECK_DBL(capacity_ramp_fraction(1, 4, CAP_SHAPE_LINEAR), 0.25);
	CHECK_DBL(capacity_ramp_fraction(3, 4, CAP_SHAPE_LINEAR), 0.75);
	/* step: nothing until the end */
	CHECK_DBL(capacity_ramp_fraction(3, 4, CAP_SHAPE_STEP), 0.0);
	/* scurve: L(x) + L(1 - x) = 1, so fraction(k) + fraction(R - k) = 1 */
	for (int k = 1; k < 10; k++)
		CHECK_CLOSE(capacity_ramp_fraction(k, 10, CAP_SHAPE_SCURVE) + capacity_ramp_fraction(10 - k, 10, CAP_SHAPE_SCURVE),
					1.0, 1e-15);
	/* ... increasing, and 1/2 in the middle */
	for (int k = 1; k < 10; k++)
		CHECK(capacity_ramp_fraction(k, 10, CAP_SHAPE_SCURVE) > capacity_ramp_fraction(k - 1, 10, CAP_SHAPE_SCURVE));
	CHECK_CLOSE(capacity_ramp_fraction(5, 10, CAP_SHAPE_SCURVE), 0.5, 1e-15);
	/*
	 * k = 1 of 4 by hand: L(0) = 1/(1+e^5) = 0.0066928509, L(1) = 0.9933071491,
	 * L(0.25) = 1/(1+e^2.5) = 0.0758581800; (0.0758581800 - 0.0066928509) / 0.9866142982 = 0.0701037165
	 */
	CHECK_CLOSE(capacity_ramp_fraction(1, 4, CAP_SHAPE_SCURVE), 0.0701037165, 1e-10);
}

TEST(ramp_profiles)
{
	double		v[6];

	/* the README's example: 6 months from January, ramp from February over 4: [100,125,150,175,200,200] */
	capacity_ramp(v, 6, 100, 101, 4, 100, 200, CAP_SHAPE_LINEAR);
	CHECK_ARRAY(v, 100, 125, 150, 175, 200, 200);
	/* the S-curve reference (docs/reference.md): 4 ramp periods from 100 to 200, first period 107.01037165451082 */
	capacity_ramp(v, 5, 0, 0, 4, 100, 200, CAP_SHAPE_SCURVE);
	CHECK_ARRAY(v, 107.01037165451082, 150, 192.98962834548917, 200, 200);
	/* step over 3 periods from 10 to 30: [10,10,30,30] */
	capacity_ramp(v, 4, 7, 7, 3, 10, 30, CAP_SHAPE_STEP);
	CHECK_ARRAY(v, 10, 10, 30, 30);
	/* a run-down reaches to_rate exactly: 0.7 -> 0.1 in 2 periods (0.7 + (0.1 - 0.7) would not) */
	capacity_ramp(v, 3, 0, 0, 2, 0.7, 0.1, CAP_SHAPE_LINEAR);
	CHECK_CLOSE(v[0], 0.4, 1e-15);
	CHECK_DBL(v[1], 0.1);
	CHECK_DBL(v[2], 0.1);
	/* a ramp that started 10 periods before the vector is finished; one after it never starts */
	capacity_ramp(v, 2, 50, 40, 5, 1, 2, CAP_SHAPE_LINEAR);
	CHECK_DBL(v[0], 2);
	CHECK_DBL(v[1], 2);
	capacity_ramp(v, 2, 50, 60, 5, 1, 2, CAP_SHAPE_LINEAR);
	CHECK_DBL(v[0], 1);
	CHECK_DBL(v[1], 1);
	capacity_fill(v, 3, 5);
	CHECK_DBL(v[0], 5);
	CHECK_DBL(v[2], 5);
}

TEST(surges)
{
	double		base[4] = {100, 100, 100, 100};
	double		v[4];

	/* the README's example: factor 2 from February over 2 periods: [100,150,200,200] */
	capacity_surge(v, base, 4, 24288, 24289, 2, 2);
	CHECK_ARRAY(v, 100, 150, 200, 200);
	/* at once (R = 0): [100,300,300,300] */
	capacity_surge(v, base, 4, 0, 1, 0, 3);
	CHECK_DBL(v[0], 100);
	CHECK_DBL(v[1], 300);
	CHECK_DBL(v[3], 300);
	/* a cut to 0.1 reaches exactly 0.1 * 100 (1 + (0.1 - 1) * 1 is 0.09999999999999998) */
	capacity_surge(v, base, 4, 0, 0, 1, 0.1);
	CHECK_DBL(v[0], 0.1 * 100);
	/* a stop over 4 periods: multipliers 3/4, 2/4, 1/4, 0 */
	capacity_surge(v, base, 4, 0, 0, 4, 0);
	CHECK_ARRAY(v, 75, 50, 25, 0);
	/* from a date before the vector, already at full factor 2 after 2 periods */
	capacity_surge(v, base, 4, 10, 5, 2, 2);
	CHECK_DBL(v[0], 200);
}

/* segment-wise profiles against the per-period definitions, for every placement of the ramp */
TEST(profiles_against_definition)
{
	double		base[10] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
	double		v[10];

	for (int64_t r0 = -15; r0 <= 15; r0++)
		for (int64_t R = 0; R <= 12; R++)
		{
			for (int s = CAP_SHAPE_LINEAR; s <= CAP_SHAPE_STEP; s++)
			{
				capacity_ramp(v, 10, 0, r0, R, 20, 80, (CapShape) s);
				for (int i = 0; i < 10; i++)
				{
					double		f = capacity_ramp_fraction(i - r0 + 1, R, (CapShape) s);

					CHECK_DBL(v[i], f >= 1.0 ? 80 : 20 + 60 * f);
				}
			}
			capacity_surge(v, base, 10, 0, r0, R, 2.5);
			for (int i = 0; i < 10; i++)
			{
				int64_t		k = i - r0 + 1;
				double		m = k <= 0 ? 1.0 : (k >= R ? 2.5 : 1.0 + 1.5 * ((double) k / (double) R));

				CHECK_DBL(v[i], base[i] * m);
			}
		}
}

/* the value of a component at period t (0 outside its span): for the brute force */
static double
at(int64_t first, const double *v, int32_t n, int64_t t)
{
	return (t >= first && t < first + n) ? v[t - first] : 0.0;
}

TEST(bottleneck_reference)
{
	/* the README's case: 1000/1, 9000/10, 1500/1 -> 900 (2); 1000, 1200, 800 -> 800 (3); 1000, 2000, 2000 -> 1000 (1) */
	double		c1[3] = {1000, 1000, 1000},
				c2[3] = {9000, 12000, 20000},
				c3[3] = {1500, 800, 2000};
	double		out[3],
				out2[3];
	int32_t		bind[3];

	capacity_bottleneck_add(out, bind, 0, 3, 0, c1, 3, 1, 1);
	capacity_bottleneck_add(out, bind, 0, 3, 0, c2, 3, 10, 2);
	capacity_bottleneck_add(out, bind, 0, 3, 0, c3, 3, 1, 3);
	CHECK_ARRAY(out, 900, 800, 1000);
	CHECK(bind[0] == 2 && bind[1] == 3 && bind[2] == 1);
	/* the same without binding (the vectorised loops) */
	capacity_bottleneck_add(out2, NULL, 0, 3, 0, c1, 3, 1, 1);
	capacity_bottleneck_add(out2, NULL, 0, 3, 0, c2, 3, 10, 2);
	capacity_bottleneck_add(out2, NULL, 0, 3, 0, c3, 3, 1, 3);
	CHECK(out2[0] == 900 && out2[1] == 800 && out2[2] == 1000);
}

TEST(bottleneck_ties_and_gaps)
{
	/* ties bind the lowest position: 10/2 = 5 = 5/1 */
	double		a[1] = {10},
				b[1] = {5};
	double		out[3];
	int32_t		bind[3];

	capacity_bottleneck_add(out, bind, 0, 1, 0, a, 1, 2, 1);
	capacity_bottleneck_add(out, bind, 0, 1, 0, b, 1, 1, 2);
	CHECK(out[0] == 5 && bind[0] == 1);
	/* spans [0,1) and [2,3) within [0,3): each is 0 where it is missing; period 1 ties at 0 -> 1 */
	capacity_bottleneck_add(out, bind, 0, 3, 0, a, 1, 1, 1);
	capacity_bottleneck_add(out, bind, 0, 3, 2, b, 1, 1, 2);
	CHECK(out[0] == 0 && out[1] == 0 && out[2] == 0);
	CHECK(bind[0] == 2 && bind[1] == 1 && bind[2] == 1);
	/* an empty component is 0 everywhere */
	capacity_bottleneck_add(out, bind, 0, 1, 0, a, 1, 1, 1);
	capacity_bottleneck_add(out, bind, 0, 1, 0, NULL, 0, 1, 2);
	CHECK(out[0] == 0 && bind[0] == 2);
	/* negative capacity (e.g. a shortfall vector) binds below a missing period */
	{
		double		neg[1] = {-4};

		capacity_bottleneck_add(out, bind, 0, 2, 0, a, 2 - 1, 1, 1);
		capacity_bottleneck_add(out, bind, 0, 2, 1, neg, 1, 2, 2);
		CHECK(out[0] == 0 && bind[0] == 2);
		CHECK(out[1] == -2 && bind[1] == 2);
	}
}

/* a small deterministic generator for the brute-force comparisons */
static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

TEST(bottleneck_brute_force)
{
	uint32_t	seed = 12345;

	for (int round = 0; round < 200; round++)
	{
		int			nc = 1 + (int) (lcg(&seed) % 5);
		double		vals[5][12],
					qty[5];
		int64_t		first[5];
		int32_t		len[5];
		int64_t		r0 = 0,
					r1 = 0;
		double		out[40],
					fast[40];
		int32_t		bind[40];
		bool		any = false;

		for (int i = 0; i < nc; i++)
		{
			first[i] = (int64_t) (lcg(&seed) % 20) - 5;
			len[i] = (int32_t) (lcg(&seed) % 13);
			qty[i] = 1 + (double) (lcg(&seed) % 4);
			for (int j = 0; j < len[i]; j++)
				vals[i][j] = (double) (lcg(&seed) % 8);	/* small integers: many ties */
			if (len[i] > 0)
			{
				if (!any || first[i] < r0)
					r0 = first[i];
				if (!any || first[i] + len[i] > r1)
					r1 = first[i] + len[i];
				any = true;
			}
		}
		if (!any)
			continue;
		for (int i = 0; i < nc; i++)
		{
			capacity_bottleneck_add(out, bind, r0, (int32_t) (r1 - r0), first[i], vals[i], len[i], qty[i], i + 1);
			capacity_bottleneck_add(fast, NULL, r0, (int32_t) (r1 - r0), first[i], vals[i], len[i], qty[i], i + 1);
		}
		for (int64_t t = r0; t < r1; t++)
		{
			double		best = at(first[0], vals[0], len[0], t) / qty[0];
			int			who = 1;

			for (int i = 1; i < nc; i++)
			{
				double		x = at(first[i], vals[i], len[i], t) / qty[i];

				if (x < best)
				{
					best = x;
					who = i + 1;
				}
			}
			CHECK_DBL(out[t - r0], best);
			CHECK_DBL(fast[t - r0], best);
			CHECK(bind[t - r0] == who);
		}
	}
}

TEST(first_reaching)
{
	double		v[3] = {14000, 28000, 40000};

	CHECK(capacity_first_reaching(v, 3, 30000) == 2);
	CHECK(capacity_first_reaching(v, 3, 28000) == 1);	/* "at least": equal counts */
	CHECK(capacity_first_reaching(v, 3, -1) == 0);
	CHECK(capacity_first_reaching(v, 3, 40001) == -1);
	CHECK(capacity_first_reaching(v, 0, 0) == -1);
}

/* the state's exact text form: count, sums as IEEE-754 bits in hex, exponent */
TEST(hhi_text_form)
{
	double		st[CAPACITY_HHI_NSTATE] = {2, 2.5, 3.3203125, 5};
	double		back[CAPACITY_HHI_NSTATE];
	char		buf[CAPACITY_HHI_TEXT_MAX];
	DpError		e;

	/* 2.5 = 0x4004000000000000, 3.3203125 = 1.66015625 * 2 = 0x400a900000000000 */
	capacity_hhi_format(st, buf);
	CHECK_STR(buf, "2 x4004 x400a9 5");
	CHECK(capacity_hhi_parse(" 2  x4004\tx400A9 5 ", back, NULL, &e));
	CHECK(memcmp(st, back, sizeof(st)) == 0);
	/* the largest values a state holds, and a negative exponent, survive the round trip */
	{
		double		big[CAPACITY_HHI_NSTATE] = {9007199254740992.0, 1.9999999999999998, 3.9999999999999996, -1074};

		capacity_hhi_format(big, buf);
		CHECK_STR(buf, "9007199254740992 x3fffffffffffffff x400fffffffffffff -1074");
		CHECK(capacity_hhi_parse(buf, back, NULL, &e) && memcmp(big, back, sizeof(big)) == 0);
	}
	CHECK(!capacity_hhi_parse("2 x4004 x400a9", back, NULL, &e) && e.code == DP_ERR_SYNTAX);
	/* an exponent written -0 is 0 (found by fuzzing: the state must print and read back to the bit) */
	CHECK(capacity_hhi_parse("2 x4004 x400a9 -0", back, NULL, &e) && back[3] == 0 && !signbit(back[3]));
	CHECK(!capacity_hhi_parse("2 4004 x400a9 5", back, NULL, &e) && e.code == DP_ERR_SYNTAX);
	CHECK(!capacity_hhi_parse("-2 x4004 x400a9 5", back, NULL, &e) && e.code == DP_ERR_SYNTAX);
	CHECK(!capacity_hhi_parse("2 x7ff x400a9 5", back, NULL, &e) && e.code == DP_ERR_SYNTAX);
	CHECK(!capacity_hhi_parse("1 x4008 x4022 0", back, NULL, &e) && e.code == DP_ERR_ARG);	/* sum 3 for one quantity */
}

/* HHI of a list of quantities through the state */
static bool
hhi_of(const double *q, int n, double *h)
{
	double		st[CAPACITY_HHI_NSTATE];
	DpError		e;

	memset(st, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
	for (int i = 0; i < n; i++)
		if (!capacity_hhi_add(st, q[i], &e))
			return false;
	CHECK(capacity_hhi_check(st, &e));
	return capacity_hhi_result(st, h);
}

TEST(hhi_values)
{
	double		h;

	/* 50, 30, 20: 10000 * (2500 + 900 + 400) / 100^2 = 3800 */
	CHECK(hhi_of((double[]) {50, 30, 20}, 3, &h));
	CHECK_DBL(h, 3800);
	/* a monopoly: 10000; n equal suppliers: 10000 / n */
	CHECK(hhi_of((double[]) {7}, 1, &h));
	CHECK_DBL(h, 10000);
	CHECK(hhi_of((double[]) {3, 3, 3, 3}, 4, &h));
	CHECK_DBL(h, 2500);
	CHECK(hhi_of((double[]) {0.1, 0.1, 0.1}, 3, &h));
	CHECK_CLOSE(h, 10000.0 / 3, 1e-15);
	/* zeros count for nothing: 0, 1, 1 is two equal suppliers */
	CHECK(hhi_of((double[]) {0, 1, 1}, 3, &h));
	CHECK_DBL(h, 5000);
	/* nothing positive: no index */
	CHECK(!hhi_of((double[]) {0, 0}, 2, &h));
	CHECK(!hhi_of(NULL, 0, &h));
	/* huge: 1e300 and 3e300 -> 10000 * (1 + 9) / 16 = 6250 (plain sums of squares would overflow) */
	CHECK(hhi_of((double[]) {1e300, 3e300}, 2, &h));
	CHECK_CLOSE(h, 6250, 1e-15);
	CHECK(hhi_of((double[]) {1.7e308, 1.7e308}, 2, &h));
	CHECK_DBL(h, 5000);
	/* tiny: the smallest subnormals, twice -> 5000 (plain squares would underflow to 0) */
	CHECK(hhi_of((double[]) {5e-324, 5e-324}, 2, &h));
	CHECK_DBL(h, 5000);
	CHECK(hhi_of((double[]) {1e-300}, 1, &h));
	CHECK_DBL(h, 10000);
	/* 1e300 and 1: (1e600 + 1) / (1e300 + 1)^2 rounds to 1 -> 10000, whatever the order */
	CHECK(hhi_of((double[]) {1, 1e300}, 2, &h));
	CHECK_DBL(h, 10000);
	CHECK(hhi_of((double[]) {1e300, 1}, 2, &h));
	CHECK_DBL(h, 10000);
}

TEST(hhi_errors_and_states)
{
	double		st[CAPACITY_HHI_NSTATE];
	DpError		e;

	memset(st, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
	CHECK(!capacity_hhi_add(st, -1, &e) && e.code == DP_ERR_ARG);
	CHECK_STR(e.msg, "hhi quantity must not be negative: -1");
	CHECK(!capacity_hhi_add(st, NAN, &e) && e.code == DP_ERR_RANGE);
	CHECK_STR(e.msg, "hhi quantity NaN is not allowed");
	CHECK(!capacity_hhi_add(st, -INFINITY, &e) && e.code == DP_ERR_RANGE);
	CHECK_STR(e.msg, "hhi quantity -Infinity is not allowed");
	/* -0 is a zero */
	CHECK(capacity_hhi_add(st, -0.0, &e) && st[0] == 1 && st[1] == 0);
	/* the state of 50: count 1, 50 = 1.5625 * 2^5 */
	CHECK(capacity_hhi_add(st, 50, &e));
	CHECK(st[0] == 2 && st[1] == 1.5625 && st[2] == 1.5625 * 1.5625 && st[3] == 5);
	CHECK(capacity_hhi_check(st, &e));
	/* states no sequence of quantities can give */
	CHECK(!capacity_hhi_check((double[]) {1, 3, 9, 0}, &e) && e.code == DP_ERR_ARG);	/* sum above 2 * count */
	CHECK(!capacity_hhi_check((double[]) {-1, 0, 0, 0}, &e));
	CHECK(!capacity_hhi_check((double[]) {1.5, 1, 1, 0}, &e));
	CHECK(!capacity_hhi_check((double[]) {1, 1, 0, 0}, &e));
	CHECK(!capacity_hhi_check((double[]) {1, 1, 1, 0.5}, &e));
	CHECK(!capacity_hhi_check((double[]) {1, 1, 1, 5000}, &e));
	CHECK(!capacity_hhi_check((double[]) {1, NAN, 1, 0}, &e));
	CHECK(capacity_hhi_check((double[]) {0, 0, 0, 0}, &e));
}

TEST(hhi_order_and_split_invariance)
{
	/* integer quantities: exact sums, so every order and every split gives the same bits */
	uint32_t	seed = 777;

	for (int round = 0; round < 100; round++)
	{
		int			n = 1 + (int) (lcg(&seed) % 40);
		double		q[40];
		double		st[CAPACITY_HHI_NSTATE],
					rev[CAPACITY_HHI_NSTATE],
					left[CAPACITY_HHI_NSTATE],
					right[CAPACITY_HHI_NSTATE];
		long double s = 0,
					ss = 0;
		int			cut = (int) (lcg(&seed) % (unsigned) (n + 1));
		double		h1 = 0,
					h2 = 0,
					h3 = 0;
		DpError		e;

		for (int i = 0; i < n; i++)
		{
			/* magnitudes from 0 to ~1e6, scaled by powers of two so exponents vary */
			q[i] = ldexp((double) (lcg(&seed) % 1000), (int) (lcg(&seed) % 11));
			s += q[i];
			ss += (long double) q[i] * q[i];
		}
		memset(st, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
		memset(rev, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
		memset(left, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
		memset(right, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
		for (int i = 0; i < n; i++)
		{
			CHECK(capacity_hhi_add(st, q[i], &e));
			CHECK(capacity_hhi_add(rev, q[n - 1 - i], &e));
			CHECK(capacity_hhi_add(i < cut ? left : right, q[i], &e));
		}
		capacity_hhi_combine(right, left);
		if (s == 0)
		{
			CHECK(!capacity_hhi_result(st, &h1));
			continue;
		}
		CHECK(capacity_hhi_result(st, &h1) && capacity_hhi_result(rev, &h2) && capacity_hhi_result(right, &h3));
		CHECK_DBL(h2, h1);
		CHECK_DBL(h3, h1);
		CHECK(right[0] == n);
		/* against plain sums in long double, where nothing overflows at these sizes */
		CHECK_CLOSE(h1, (double) (10000.0L * ss / (s * s)), 1e-15);
	}
}

TEST(hhi_combine_edges)
{
	double		a[CAPACITY_HHI_NSTATE],
				b[CAPACITY_HHI_NSTATE],
				h;
	DpError		e;

	/* empty into empty; empty into full; full into empty; counts add up */
	memset(a, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
	memset(b, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
	capacity_hhi_combine(a, b);
	CHECK(a[0] == 0 && !capacity_hhi_result(a, &h));
	CHECK(capacity_hhi_add(b, 0, &e) && capacity_hhi_add(b, 4, &e));
	capacity_hhi_combine(a, b);
	CHECK(a[0] == 2 && capacity_hhi_result(a, &h) && h == 10000);
	memset(b, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
	capacity_hhi_combine(a, b);
	CHECK(a[0] == 2 && capacity_hhi_result(a, &h) && h == 10000);
	/* a larger scale on the right rescales the left: 4 and 1e6 -> (16 + 1e12) / (1000004)^2 */
	memset(b, 0, sizeof(double) * CAPACITY_HHI_NSTATE);	/* the initcond {0,0,0,0} */
	CHECK(capacity_hhi_add(b, 1e6, &e));
	capacity_hhi_combine(a, b);
	CHECK(capacity_hhi_check(a, &e));
	CHECK(capacity_hhi_result(a, &h));
	CHECK_CLOSE(h, 10000.0 * (16 + 1e12) / (1000004.0 * 1000004.0), 1e-15);
}

int
main(void)
{
	RUN(shape_names);
	RUN(argument_checks);
	RUN(ramp_fractions);
	RUN(ramp_profiles);
	RUN(surges);
	RUN(profiles_against_definition);
	RUN(bottleneck_reference);
	RUN(bottleneck_ties_and_gaps);
	RUN(bottleneck_brute_force);
	RUN(first_reaching);
	RUN(hhi_text_form);
	RUN(hhi_values);
	RUN(hhi_errors_and_states);
	RUN(hhi_order_and_split_invariance);
	RUN(hhi_combine_edges);
	return DONE();
}
