/*
 * Unit tests of stockpile_core.c.  Expected values come from the reference
 * case of docs/reference.md, from hand calculation (written next to
 * each check), from brute-force day-by-day scans written independently here,
 * or, for the simulation, from closed forms and numerical integration that
 * the simulated shares must match within a few standard errors.
 */
#include <stdint.h>

#include "core/calendar.h"
#include "core/stats.h"
#include "core/stockpile_core.h"
#include "unit.h"

/* the reference case: monthly from 2024-01-01 */
static const double REF_S[12] = {8000, 8000, 10000, 12000, 14000, 41000, 18000, 20000, 22000, 24000, 26000, 28000};
static const double REF_D[12] = {20000, 22000, 24000, 24000, 22000, 20000, 18000, 18000, 16000, 16000, 15000, 15000};

static int64_t
ymd(int y, int m, int d)
{
	return cal_from_ymd(y, m, d);
}

static int64_t
month_index(int y, int m)
{
	return (int64_t) y * 12 + (m - 1);
}

/* ---- validation ---- */

TEST(validation_errors)
{
	DpError		err;
	double		neg[3] = {1, -5, 2};

	CHECK(stock_check_on_hand(0, &err));
	CHECK(!stock_check_on_hand(-1, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "on_hand must not be negative");
	CHECK(!stock_check_on_hand(NAN, &err) && err.code == DP_ERR_RANGE);
	CHECK(!stock_check_on_hand(INFINITY, &err) && err.code == DP_ERR_RANGE);
	CHECK(stock_check_nonnegative("supply", DP_MONTH, month_index(2024, 1), REF_S, 12, &err));
	CHECK(!stock_check_nonnegative("supply", DP_MONTH, month_index(2024, 1), neg, 3, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "supply must not be negative");
	CHECK_STR(err.detail, "The period starting 2024-02-01 has -5.");
}

/* ---- projection ---- */

TEST(projection_reference_backorder)
{
	/* docs/reference.md: closing stock under backorders */
	static const double closing[12] = {38000, 24000, 10000, -2000, -10000, 11000, 11000, 13000, 19000, 27000, 38000, 51000};
	StockRow	rows[12];
	DpError		err;

	CHECK(stock_project(50000, REF_S, REF_D, 12, true, rows, &err));
	for (int i = 0; i < 12; i++)
	{
		CHECK_DBL(rows[i].closing, closing[i]);
		CHECK_DBL(rows[i].opening, i == 0 ? 50000 : closing[i - 1]);
		CHECK_DBL(rows[i].supplied, REF_S[i]);
		CHECK_DBL(rows[i].demanded, REF_D[i]);
		CHECK_DBL(rows[i].shortfall, closing[i] < 0 ? -closing[i] : 0);
	}
}

TEST(projection_reference_lost_sales)
{
	/*
	 * Lost sales: April 10000 + 12000 - 24000 = -2000 -> 0, 2000 lost; May
	 * 0 + 14000 - 22000 -> 0, 8000 lost; June 21000, then +0, +2000, +6000,
	 * +8000, +11000, +13000: 21000, 23000, 29000, 37000, 48000, 61000.
	 */
	static const double closing[12] = {38000, 24000, 10000, 0, 0, 21000, 21000, 23000, 29000, 37000, 48000, 61000};
	static const double lost[12] = {0, 0, 0, 2000, 8000, 0, 0, 0, 0, 0, 0, 0};
	StockRow	rows[12];
	DpError		err;

	CHECK(stock_project(50000, REF_S, REF_D, 12, false, rows, &err));
	for (int i = 0; i < 12; i++)
	{
		CHECK_DBL(rows[i].closing, closing[i]);
		CHECK_DBL(rows[i].shortfall, lost[i]);
	}
}

TEST(projection_edges)
{
	StockRow	rows[2];
	DpError		err;
	double		big[2] = {1e308, 1e308},
				zero[2] = {0, 0};

	/* no periods: nothing to do */
	CHECK(stock_project(5, NULL, NULL, 0, true, rows, &err));
	/* zero flows: stock stays, -0 never appears */
	CHECK(stock_project(0, zero, zero, 2, true, rows, &err));
	CHECK(rows[1].closing == 0 && !signbit(rows[1].closing) && !signbit(rows[1].shortfall));
	/* overflow */
	CHECK(!stock_project(1e308, big, zero, 2, true, rows, &err) && err.code == DP_ERR_RANGE);
}

/* ---- crossing dates ---- */

TEST(depletion_reference)
{
	int64_t		day;
	bool		found;
	DpError		err;
	int64_t		jan = month_index(2024, 1);

	/* April: opening 10000, net -12000 over 30 days: 10000 - 400 d <= 0 at d = 25 */
	CHECK(stock_depletion_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 0, &day, &found, &err));
	CHECK(found && day == ymd(2024, 4, 25));
	/* threshold 5000: 10000 - 400 d <= 5000 at d = 12.5, so the 13th */
	CHECK(stock_depletion_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 5000, &day, &found, &err));
	CHECK(found && day == ymd(2024, 4, 13));
	/* threshold 10000: March 24000 - 14000 d / 31 <= 10000 exactly at d = 31 */
	CHECK(stock_depletion_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 10000, &day, &found, &err));
	CHECK(found && day == ymd(2024, 3, 31));
	/* threshold 38000: January 50000 - 12000 d / 31 <= 38000 at d = 31 */
	CHECK(stock_depletion_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 38000, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 31));
	/* threshold 49999: 50000 - 12000/31 = 49612.9 at the end of day 1 */
	CHECK(stock_depletion_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 49999, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 1));
	/* already at the threshold: the first period's start */
	CHECK(stock_depletion_day(100, DP_MONTH, jan, REF_S, REF_D, 12, 100, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 1));
	/* the lowest stock is -10000 at the end of May: threshold -10000 is met on May 31, -10001 never */
	CHECK(stock_depletion_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, -10000, &day, &found, &err));
	CHECK(found && day == ymd(2024, 5, 31));
	CHECK(stock_depletion_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, -10001, &day, &found, &err));
	CHECK(!found);
	/* never within the span */
	CHECK(stock_depletion_day(1e9, DP_MONTH, jan, REF_S, REF_D, 12, 0, &day, &found, &err));
	CHECK(!found);
	/* empty span: on_hand alone decides */
	CHECK(stock_depletion_day(0, DP_MONTH, jan, NULL, NULL, 0, 0, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 1));
	CHECK(stock_depletion_day(1, DP_MONTH, jan, NULL, NULL, 0, 0, &day, &found, &err));
	CHECK(!found);
}

TEST(depletion_other_periods)
{
	int64_t		day;
	bool		found;
	DpError		err;
	double		s[3] = {0, 0, 0},
				d[3] = {5, 5, 5};
	double		wd[2] = {7, 70};
	double		qd[1] = {91};
	double		yd[1] = {366};

	/* days: 12 - 5 = 7, 7 - 5 = 2, 2 - 5 = -3 <= 0 on the third day */
	CHECK(stock_depletion_day(12, DP_DAY, ymd(2024, 2, 28), s, d, 3, 0, &day, &found, &err));
	CHECK(found && day == ymd(2024, 3, 1));
	/* weeks from Monday 2024-01-01: 10 - 7 = 3 after week 1; week 2 3 - 10 d <= 0 at d = 0.3: its Monday */
	CHECK(stock_depletion_day(10, DP_WEEK, cal_index(DP_WEEK, ymd(2024, 1, 1)), s, wd, 2, 0, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 8));
	/* Q1 2024 has 91 days: 45.5 - d <= 0 at d = 45.5 -> day 46 = 2024-02-15 */
	CHECK(stock_depletion_day(45.5, DP_QUARTER, cal_index(DP_QUARTER, ymd(2024, 1, 1)), s, qd, 1, 0, &day, &found, &err));
	CHECK(found && day == ymd(2024, 2, 15));
	/* 2024 has 366 days: 60 - d <= 0 at d = 60 -> 2024-02-29 */
	CHECK(stock_depletion_day(60, DP_YEAR, 2024, s, yd, 1, 0, &day, &found, &err));
	CHECK(found && day == ymd(2024, 2, 29));
}

TEST(replenish_reference)
{
	int64_t		day;
	bool		found;
	DpError		err;
	int64_t		jan = month_index(2024, 1);
	double		s1[1] = {31},
				d1[1] = {0};

	/* backorders: December 38000 + 13000 d / 31 >= 50000 at d = 28.6, so the 29th */
	CHECK(stock_replenish_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 50000, true, &day, &found, &err));
	CHECK(found && day == ymd(2024, 12, 29));
	/* lost sales: December 48000 + 13000 d / 31 >= 50000 at d = 4.77, so the 5th */
	CHECK(stock_replenish_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 50000, false, &day, &found, &err));
	CHECK(found && day == ymd(2024, 12, 5));
	/* never below: the first period's start */
	CHECK(stock_replenish_day(1e9, DP_MONTH, jan, REF_S, REF_D, 12, 50000, true, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 1));
	/* never back */
	CHECK(stock_replenish_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 1e9, true, &day, &found, &err));
	CHECK(!found);
	/*
	 * target 30000: falls below in February (38000 - 14000 d / 29), back in
	 * October: 19000 + 8000 d / 31 >= 30000 at d = 42.6 > 31, no; November
	 * 27000 + 11000 d / 30 >= 30000 at d = 8.18, so the 9th
	 */
	CHECK(stock_replenish_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 30000, true, &day, &found, &err));
	CHECK(found && day == ymd(2024, 11, 9));
	/* below at the start: 0 + 31 d / 31 >= 10 on the 10th */
	CHECK(stock_replenish_day(0, DP_MONTH, jan, s1, d1, 1, 10, true, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 10));
	/* lost sales with target 0: stock never goes below 0, so never falls below */
	CHECK(stock_replenish_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 0, false, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 1));
	/* backorders with target 0: below from April 26 (10000 - 400 d < 0), back June: -10000 + 21000 d / 30 >= 0 at 14.3 */
	CHECK(stock_replenish_day(50000, DP_MONTH, jan, REF_S, REF_D, 12, 0, true, &day, &found, &err));
	CHECK(found && day == ymd(2024, 6, 15));
	/* empty span */
	CHECK(stock_replenish_day(5, DP_MONTH, jan, NULL, NULL, 0, 5, true, &day, &found, &err));
	CHECK(found && day == ymd(2024, 1, 1));
	CHECK(stock_replenish_day(4, DP_MONTH, jan, NULL, NULL, 0, 5, true, &day, &found, &err));
	CHECK(!found);
}

/*
 * Brute force: lay the stock out day by day (end-of-day stocks computed from
 * the definition, one day at a time) and apply the definitions of depletion
 * and replenishment literally, for random monthly vectors.
 */
static int
brute_days(int64_t first, const double *s, const double *d, int n, double on_hand, bool backorder,
		   double *stock, int64_t *date)
{
	double		opening = on_hand;
	int			k = 0;

	for (int i = 0; i < n; i++)
	{
		int64_t		start = cal_index_start(DP_MONTH, first + i);
		int			D = (int) (cal_index_start(DP_MONTH, first + i + 1) - start);
		double		net = s[i] - d[i],
					closing = opening + net;

		if (!backorder && closing < 0)
			closing = 0;
		for (int day = 1; day <= D; day++)
		{
			double		x = day == D ? closing : opening + net * day / D;

			stock[k] = (!backorder && x < 0) ? 0 : x;
			date[k++] = start + day - 1;
		}
		opening = closing;
	}
	return k;
}

TEST(crossings_against_brute_force)
{
	UnitSplitMix	r = {42};
	static double stock[40 * 31];
	static int64_t date[40 * 31];

	for (int rep = 0; rep < 2000; rep++)
	{
		int			n = 1 + (int) (unit_splitmix_next(&r) % 36);
		int64_t		first = month_index(2023, 1) + (int64_t) (unit_splitmix_next(&r) % 30);
		double		s[36],
					d[36],
					on_hand = (double) (unit_splitmix_next(&r) % 400),
					level = (double) (unit_splitmix_next(&r) % 300) - 50;
		bool		backorder = unit_splitmix_next(&r) % 2;
		int			k;
		int64_t		day,
					want = 0;
		bool		found,
					want_found;
		DpError		err;

		for (int i = 0; i < n; i++)
		{
			s[i] = (double) (unit_splitmix_next(&r) % 100);
			d[i] = (double) (unit_splitmix_next(&r) % 110);
		}
		/* depletion uses the backorder path */
		k = brute_days(first, s, d, n, on_hand, true, stock, date);
		want_found = on_hand <= level;
		if (want_found)
			want = cal_index_start(DP_MONTH, first);
		for (int j = 0; j < k && !want_found; j++)
			if (stock[j] <= level)
			{
				want_found = true;
				want = date[j];
			}
		CHECK(stock_depletion_day(on_hand, DP_MONTH, first, s, d, n, level, &day, &found, &err));
		CHECK(found == want_found && (!found || day == want));

		/* replenishment, either convention */
		k = brute_days(first, s, d, n, on_hand, backorder, stock, date);
		{
			int			fell = on_hand < level ? -1 : k;

			for (int j = 0; j < k && fell == k; j++)
				if (stock[j] < level)
					fell = j;
			if (fell == k)
			{
				want_found = true;
				want = cal_index_start(DP_MONTH, first);
			}
			else
			{
				want_found = false;
				for (int j = fell + 1; j < k; j++)
					if (stock[j] >= level)
					{
						want_found = true;
						want = date[j];
						break;
					}
			}
		}
		CHECK(stock_replenish_day(on_hand, DP_MONTH, first, s, d, n, level, backorder, &day, &found, &err));
		if (!(found == want_found && (!found || day == want)))
		{
			fprintf(stderr, "  replenish rep %d: found %d day %ld, want %d %ld\n", rep, found, (long) day,
					want_found, (long) want);
			unit_current_failed++;
		}
	}
}

TEST(days_of_supply_cases)
{
	double		days;
	bool		isnull;
	DpError		err;
	double		apr[1] = {12000};
	double		jf[2] = {31000, 29000};
	double		lead0[2] = {0, 29000};
	double		zeros[2] = {0, 0};

	/* April, 400 a day: 10000 / 400 = 25 */
	CHECK(stock_days_of_supply(10000, DP_MONTH, month_index(2024, 4), apr, 1, &days, &isnull, &err));
	CHECK(!isnull);
	CHECK_DBL(days, 25);
	/* 1000 a day in January and February 2024: 50000 lasts 50 days */
	CHECK(stock_days_of_supply(50000, DP_MONTH, month_index(2024, 1), jf, 2, &days, &isnull, &err));
	CHECK_DBL(days, 50);
	/* 100000: 60 days use 60000, then the mean 60000 / 60 = 1000 a day: 40 more */
	CHECK(stock_days_of_supply(100000, DP_MONTH, month_index(2024, 1), jf, 2, &days, &isnull, &err));
	CHECK_DBL(days, 100);
	/* exactly used up at the end of the vector */
	CHECK(stock_days_of_supply(60000, DP_MONTH, month_index(2024, 1), jf, 2, &days, &isnull, &err));
	CHECK_DBL(days, 60);
	/* no demand in January: 31 days, then 14500 at 1000 a day: 14.5 more */
	CHECK(stock_days_of_supply(14500, DP_MONTH, month_index(2024, 1), lead0, 2, &days, &isnull, &err));
	CHECK_DBL(days, 45.5);
	/* past the end at the mean (29000 / 60 a day): 29000 + 29000 more takes 60 more days */
	CHECK(stock_days_of_supply(58000, DP_MONTH, month_index(2024, 1), lead0, 2, &days, &isnull, &err));
	CHECK_DBL(days, 120);
	/* on_hand 0: 0; no demand: NULL; empty: NULL */
	CHECK(stock_days_of_supply(0, DP_MONTH, month_index(2024, 1), zeros, 2, &days, &isnull, &err));
	CHECK(!isnull && days == 0);
	CHECK(stock_days_of_supply(5, DP_MONTH, month_index(2024, 1), zeros, 2, &days, &isnull, &err));
	CHECK(isnull);
	CHECK(stock_days_of_supply(5, DP_MONTH, month_index(2024, 1), NULL, 0, &days, &isnull, &err));
	CHECK(isnull);
	/* huge but representable, and overflow */
	{
		double		one[1] = {1e-300};

		CHECK(stock_days_of_supply(1e306, DP_DAY, ymd(2024, 1, 1), jf, 1, &days, &isnull, &err));
		CHECK_CLOSE(days, 1e306 / 31000, 1e-15);
		CHECK(!stock_days_of_supply(1e300, DP_DAY, ymd(2024, 1, 1), one, 1, &days, &isnull, &err));
		CHECK(err.code == DP_ERR_RANGE);
	}
}

/* ---- stock-out risk ---- */

TEST(stockout_reference)
{
	/* docs/reference.md (R pnorm(-E / sd)), demand sd = 15% of demand */
	static const double want[12] = {4.523904204898849e-37, 3.69580025786157e-08, 0.04051451055578488,
		0.616192039780875, 0.9079161971403151, 0.08737563760108301, 0.098952927433895,
		0.07340283530809834, 0.020263035412520756, 0.002416120434448073,
	5.644971109439475e-05, 2.190507349572482e-07};
	double		sd[12],
				out[12];
	DpError		err;

	for (int i = 0; i < 12; i++)
		sd[i] = REF_D[i] * 0.15;
	CHECK(stock_stockout_probability(50000, REF_S, REF_D, sd, 12, out, &err));
	for (int i = 0; i < 12; i++)
		CHECK(fabs(out[i] / want[i] - 1) < 1e-12);
	/* April by hand: E = -2000, var = 3000^2 + 3300^2 + 3600^2 + 3600^2 = 45.81e6 */
	CHECK_CLOSE(out[3], stat_norm_cdf(2000 / sqrt(45.81e6)), 1e-15);
}

TEST(stockout_zero_variance)
{
	double		s[3] = {0, 0, 0},
				m[3] = {5, 5, 1},
				sd[3] = {0, 0, 0},
				out[3];
	double		huge[1] = {1e200};
	DpError		err;

	/* 10 - 5 = 5 >= 0: 0; 0 is not < 0: 0; -1 < 0: 1 */
	CHECK(stock_stockout_probability(10, s, m, sd, 3, out, &err));
	CHECK_ARRAY(out, 0, 0, 1);
	/* variance overflow */
	CHECK(!stock_stockout_probability(10, s, m, huge, 1, out, &err) && err.code == DP_ERR_RANGE);
}

TEST(safety_stock_reference)
{
	double		out;
	DpError		err;

	/* z(0.95) = 1.6448536269514722 (R qnorm); sqrt(2) 3000 = 4242.6406871192851 */
	CHECK(stock_safety_stock(0.95, 3000, 2, 0, 0, &out, &err));
	CHECK_CLOSE(out, 1.6448536269514722 * 4242.6406871192851, 1e-14);
	CHECK_CLOSE(out, 6978.522922060039, 1e-14);
	/* sqrt(2 * 3000^2 + 20000^2 * 0.25) = sqrt(118e6) */
	CHECK(stock_safety_stock(0.95, 3000, 2, 20000, 0.5, &out, &err));
	CHECK_CLOSE(out, 1.6448536269514722 * sqrt(118e6), 1e-14);
	CHECK_CLOSE(out, 17867.683889728363, 1e-14);
	CHECK(stock_reorder_point(0.95, 20000, 3000, 2, 0, &out, &err));
	CHECK_CLOSE(out, 46978.52292206004, 1e-14);
	/* 50%: z = 0, no -0 */
	CHECK(stock_safety_stock(0.5, 3000, 2, 0, 0, &out, &err));
	CHECK(out == 0 && !signbit(out));
	/* below 50% the formula goes negative */
	CHECK(stock_safety_stock(0.05, 3000, 2, 0, 0, &out, &err));
	CHECK_CLOSE(out, -6978.522922060039, 1e-14);
	/* no overflow in the squares: z(0.95) sqrt(1) 1e200 */
	CHECK(stock_safety_stock(0.95, 1e200, 1, 0, 0, &out, &err));
	CHECK_CLOSE(out / 1e200, 1.6448536269514722, 1e-14);
}

TEST(safety_stock_errors)
{
	double		out;
	DpError		err;

	CHECK(!stock_safety_stock(1.5, 3000, 2, 0, 0, &out, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "service_level must lie strictly between 0 and 1");
	CHECK(!stock_safety_stock(0, 3000, 2, 0, 0, &out, &err) && err.code == DP_ERR_ARG);
	CHECK(!stock_safety_stock(1, 3000, 2, 0, 0, &out, &err) && err.code == DP_ERR_ARG);
	CHECK(!stock_safety_stock(NAN, 3000, 2, 0, 0, &out, &err) && err.code == DP_ERR_RANGE);
	CHECK(!stock_safety_stock(0.9, -1, 2, 0, 0, &out, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "demand_sd must not be negative");
	CHECK(!stock_safety_stock(0.9, 1, -2, 0, 0, &out, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "lead_time must not be negative");
	CHECK(!stock_safety_stock(0.9, 1, 2, -1, 0, &out, &err) && err.code == DP_ERR_ARG);
	CHECK(!stock_safety_stock(0.9, 1, 2, 0, -1, &out, &err) && err.code == DP_ERR_ARG);
	CHECK(!stock_safety_stock(0.9, INFINITY, 2, 0, 0, &out, &err) && err.code == DP_ERR_RANGE);
	CHECK(!stock_reorder_point(0.9, 1e308, 0, 10, 0, &out, &err) && err.code == DP_ERR_RANGE);
}

/* ---- simulation ---- */

typedef struct SimOut
{
	double		q[3];
	double		p_out;
	double		p_by;
} SimOut;

static bool
run_sim(double on_hand, const double *s, const double *m, const double *sd, int n, int32_t trials,
		uint64_t seed, StockDist dist, bool backorder, int32_t chunk, SimOut *out)
{
	static const double probs[3] = {0.05, 0.5, 0.95};
	StockSim	sim;
	UnitSplitMix	r = {seed};
	RndStream	u;
	DpError		err;
	bool		ok = true;

	sim.trials = trials;
	sim.backorder = backorder;
	sim.dist = dist;
	sim.tick = NULL;
	sim.stock = malloc(sizeof(double) * trials);
	sim.scratch = malloc(sizeof(double) * trials);
	sim.hit = malloc(trials);
	rnd_init(&u, unit_splitmix_fill, &r);
	stock_sim_start(&sim, on_hand);
	for (int i = 0; i < n && ok; i++)
	{
		StockDraw	draw;
		int64_t		outs = 0;

		stock_draw_prepare(&draw, dist, m[i], sd[i]);
		for (int32_t from = 0; from < trials && ok; from += chunk)
			ok = stock_sim_step(&sim, from, from + chunk < trials ? from + chunk : trials, s[i], &draw,
								&u, &outs, &err);
		stock_sim_quantiles(&sim, probs, 3, out[i].q);
		out[i].p_out = (double) outs / trials;
		out[i].p_by = (double) sim.hits_ever / trials;
	}
	free(sim.stock);
	free(sim.scratch);
	free(sim.hit);
	return ok;
}

TEST(simulation_matches_analytic_reference)
{
	int32_t		n = 200000;
	double		sd[12];
	SimOut		out[12];
	double		prev_by = 0,
				running_max = 0;

	for (int i = 0; i < 12; i++)
		sd[i] = REF_D[i] * 0.15;
	CHECK(run_sim(50000, REF_S, REF_D, sd, 12, n, 1, STOCK_NORMAL, true, 65536, out));
	{
		double		e = 50000,
					var = 0;

		for (int i = 0; i < 12; i++)
		{
			double		p,
						se,
						s;

			/* independently: closing ~ N(50000 + sum (S - D), sum sd^2); clipping at 0 is 6.7 sd away */
			e += REF_S[i] - REF_D[i];
			var += sd[i] * sd[i];
			s = sqrt(var);
			p = stat_norm_cdf(-e / s);
			se = sqrt(fmax(p * (1 - p), 1e-6) / n);
			CHECK(fabs(out[i].p_out - p) < 4 * se);
			/* median E (se 1.2533 sd / sqrt n), 5% and 95% at E -+ 1.645 sd (se sd sqrt(.0475 / n) / phi(1.645)) */
			CHECK(fabs(out[i].q[1] - e) < 4 * 1.2533 * s / sqrt(n));
			CHECK(fabs(out[i].q[0] - (e - 1.6448536269514722 * s)) < 4 * s * sqrt(0.0475 / n) / 0.10313564037537128);
			CHECK(fabs(out[i].q[2] - (e + 1.6448536269514722 * s)) < 4 * s * sqrt(0.0475 / n) / 0.10313564037537128);
			/* cumulative: monotone, at least the running maximum, at most the running sum */
			running_max = fmax(running_max, out[i].p_out);
			CHECK(out[i].p_by >= prev_by);
			CHECK(out[i].p_by >= running_max);
			prev_by = out[i].p_by;
		}
	}
}

/* 1 - P(S1 >= 0, S2 >= 0) by Simpson's rule over D1 (two normal periods, backorders) */
static double
p_by_two(double a, double s1, double m1, double sd1, double s2, double m2, double sd2)
{
	double		lo = m1 - 12 * sd1,
				hi = a + s1;
	int			k = 20000;
	double		h = (hi - lo) / k,
				sum = 0;

	for (int i = 0; i <= k; i++)
	{
		double		x = lo + i * h;
		double		f = stat_norm_pdf((x - m1) / sd1) / sd1 * stat_norm_cdf((a + s1 + s2 - x - m2) / sd2);

		sum += f * (i == 0 || i == k ? 1 : (i % 2 ? 4 : 2));
	}
	return 1 - sum * h / 3;
}

TEST(simulation_cumulative_against_integration)
{
	int32_t		n = 400000;
	double		s[2] = {0, 100},
				m[2] = {90, 100},
				sd[2] = {10, 15};
	SimOut		out[2];
	double		p1 = stat_norm_cdf(-1.0);	/* P(100 - D1 < 0), D1 ~ N(90, 10) */
	double		p2 = stat_norm_cdf(-10 / sqrt(325.0));	/* S2 ~ N(10, 100 + 225) */
	double		pby = p_by_two(100, 0, 90, 10, 100, 100, 15);

	CHECK(run_sim(100, s, m, sd, 2, n, 2024, STOCK_NORMAL, true, 1000, out));
	CHECK(fabs(out[0].p_out - p1) < 4 * sqrt(p1 * (1 - p1) / n));
	CHECK(fabs(out[0].p_by - p1) < 4 * sqrt(p1 * (1 - p1) / n));
	CHECK(fabs(out[1].p_out - p2) < 4 * sqrt(p2 * (1 - p2) / n));
	/* the integral is strictly between max and sum of the marginals */
	CHECK(pby > p2 && pby < p1 + p2);
	CHECK(fabs(out[1].p_by - pby) < 4 * sqrt(pby * (1 - pby) / n));
}

TEST(simulation_gamma_one_period)
{
	/* demand mean 20, sd 10: shape 4, scale 5; stock-out when D > 30: Erlang P(X > 6) */
	int32_t		n = 200000;
	double		s[1] = {10},
				m[1] = {20},
				sd[1] = {10};
	SimOut		out[1];
	double		p = unit_erlang_upper(4, 6);

	CHECK(run_sim(20, s, m, sd, 1, n, 77, STOCK_GAMMA, true, 65536, out));
	CHECK(fabs(out[0].p_out - p) < 4 * sqrt(p * (1 - p) / n));
	/* lost sales: same share in the first period, and no stock below 0 */
	CHECK(run_sim(20, s, m, sd, 1, n, 77, STOCK_GAMMA, false, 65536, out));
	CHECK(fabs(out[0].p_out - p) < 4 * sqrt(p * (1 - p) / n));
	CHECK(out[0].q[0] >= 0);
}

TEST(simulation_deterministic_matches_projection)
{
	double		zero[12] = {0};
	SimOut		out[12];
	StockRow	rows[12];
	DpError		err;

	for (int bo = 0; bo < 2; bo++)
		for (int dist = 0; dist < 2; dist++)
		{
			CHECK(run_sim(50000, REF_S, REF_D, zero, 12, 7, 3, (StockDist) dist, bo, 3, out));
			CHECK(stock_project(50000, REF_S, REF_D, 12, bo, rows, &err));
			for (int i = 0; i < 12; i++)
			{
				bool		short_ = bo ? rows[i].closing < 0 : rows[i].shortfall > 0;

				CHECK_DBL(out[i].q[0], rows[i].closing);
				CHECK_DBL(out[i].q[1], rows[i].closing);
				CHECK_DBL(out[i].q[2], rows[i].closing);
				CHECK_DBL(out[i].p_out, short_ ? 1 : 0);
				/* first shortage in April */
				CHECK_DBL(out[i].p_by, i >= 3 ? 1 : 0);
			}
			/* a closing stock of exactly 0 is no stock-out: 10 + 0 - 10 */
			{
				double		s1[1] = {0},
							m1[1] = {10};

				CHECK(run_sim(10, s1, m1, zero, 1, 4, 3, (StockDist) dist, bo, 4, out));
				CHECK_DBL(out[0].p_out, 0);
				CHECK_DBL(out[0].q[1], 0);
			}
		}
}

TEST(simulation_determinism_and_chunks)
{
	double		sd[12];
	SimOut		a[12],
				b[12],
				c[12];
	bool		same = true,
				differ = false;

	for (int i = 0; i < 12; i++)
		sd[i] = REF_D[i] * 0.15;
	/* the stream is consumed in trial order, so chunking does not change results */
	CHECK(run_sim(50000, REF_S, REF_D, sd, 12, 3001, 11, STOCK_GAMMA, false, 3001, a));
	CHECK(run_sim(50000, REF_S, REF_D, sd, 12, 3001, 11, STOCK_GAMMA, false, 17, b));
	CHECK(run_sim(50000, REF_S, REF_D, sd, 12, 3001, 12, STOCK_GAMMA, false, 3001, c));
	for (int i = 0; i < 12; i++)
	{
		same &= memcmp(&a[i], &b[i], sizeof(SimOut)) == 0;
		differ |= memcmp(&a[i], &c[i], sizeof(SimOut)) != 0;
	}
	CHECK(same);
	CHECK(differ);
}

TEST(simulation_overflow)
{
	double		s[1] = {1e308},
				m[1] = {0},
				sd[1] = {0};
	SimOut		out[1];

	CHECK(!run_sim(1e308, s, m, sd, 1, 3, 1, STOCK_NORMAL, true, 3, out));
}

TEST(simulation_argument_checks)
{
	DpError		err;
	StockDist	d;
	double		m[2] = {5, 0},
				sd[2] = {1, 2};

	CHECK(stock_sim_check_trials(1, &err));
	CHECK(stock_sim_check_trials(STOCK_SIM_MAX_TRIALS, &err));
	CHECK(!stock_sim_check_trials(0, &err) && err.code == DP_ERR_ARG);
	CHECK(!stock_sim_check_trials(-3, &err) && err.code == DP_ERR_ARG);
	CHECK(!stock_sim_check_trials(STOCK_SIM_MAX_TRIALS + 1LL, &err) && err.code == DP_ERR_LIMIT);
	CHECK(stock_dist_lookup("normal", 6, &d, &err) && d == STOCK_NORMAL);
	CHECK(stock_dist_lookup("Gamma", 5, &d, &err) && d == STOCK_GAMMA);
	CHECK(!stock_dist_lookup("cauchy", 6, &d, &err) && err.code == DP_ERR_ARG);
	CHECK_STR(err.msg, "unknown demand distribution \"cauchy\"");
	CHECK(!stock_dist_lookup("norma", 5, &d, &err));
	CHECK(stock_sim_check_inputs(STOCK_NORMAL, DP_MONTH, month_index(2024, 1), m, sd, 2, &err));
	CHECK(!stock_sim_check_inputs(STOCK_GAMMA, DP_MONTH, month_index(2024, 1), m, sd, 2, &err));
	CHECK(err.code == DP_ERR_ARG);
	CHECK_STR(err.detail, "The period starting 2024-02-01 has mean 0 and sd 2.");
}

int
main(void)
{
	RUN(validation_errors);
	RUN(projection_reference_backorder);
	RUN(projection_reference_lost_sales);
	RUN(projection_edges);
	RUN(depletion_reference);
	RUN(depletion_other_periods);
	RUN(replenish_reference);
	RUN(crossings_against_brute_force);
	RUN(days_of_supply_cases);
	RUN(stockout_reference);
	RUN(stockout_zero_variance);
	RUN(safety_stock_reference);
	RUN(safety_stock_errors);
	RUN(simulation_matches_analytic_reference);
	RUN(simulation_cumulative_against_integration);
	RUN(simulation_gamma_one_period);
	RUN(simulation_deterministic_matches_projection);
	RUN(simulation_determinism_and_chunks);
	RUN(simulation_overflow);
	RUN(simulation_argument_checks);
	return DONE();
}
