-- stockpile: projections, depletion and replenishment dates, days of supply,
-- analytic stock-out probability, safety stock.  Expected values are the
-- reference case of docs/reference.md, or worked out by hand in the
-- comments (day rule: at the end of day d of a D-day period the stock is
-- opening + (supplied - demanded) * d / D).
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\set S '''month 2024-01-01 [8000,8000,10000,12000,14000,41000,18000,20000,22000,24000,26000,28000]''::dp.capvec'
\set D '''month 2024-01-01 [20000,22000,24000,24000,22000,20000,18000,18000,16000,16000,15000,15000]''::dp.capvec'

-- ---- dp.stock_projection ----------------------------------------------------

-- reference, backorders: closing 38000, 24000, 10000, -2000, -10000, 11000,
-- 11000, 13000, 19000, 27000, 38000, 51000; shortfall = max(0, -closing);
-- below 30000: February (24000) to October (27000)
SELECT * FROM dp.stock_projection(50000, :S, :D, target => 30000);
-- reference, lost sales: April 10000 + 12000 - 24000 -> 0 with 2000 lost, May
-- 0 + 14000 - 22000 -> 0 with 8000 lost, June 21000, ... December 61000
SELECT * FROM dp.stock_projection(50000, :S, :D, backorder => false);
-- positional arguments: target 50000, backorders off: below 50000 in every month
-- but December (61000)
SELECT string_agg(below_target::text, ',' ORDER BY period_start) FROM dp.stock_projection(50000, :S, :D, 50000, false);
-- alignment on the calendar: span January-March, missing periods 0:
-- Jan 20 + 0 - 5 = 15, Feb 15 + 10 - 0 = 25, Mar 25 + 0 - 7 = 18
SELECT * FROM dp.stock_projection(20, 'month 2024-02-01 [10]', 'month 2024-01-01 [5,0,7]', 18);
-- weeks (Mondays) and days
SELECT period_start, closing FROM dp.stock_projection(3, 'week 2024-01-01 [1,2]', 'week 2024-01-08 [10]');
SELECT period_start, closing, shortfall FROM dp.stock_projection(1, 'day 2024-02-28 [0,0]', 'day 2024-02-28 [1,1]', backorder => false);
-- empty vectors: no periods, no rows; one empty side counts as zeros
SELECT count(*) FROM dp.stock_projection(5, 'month 2024-01-01 []', 'month 2024-03-01 []');
SELECT period_start, closing FROM dp.stock_projection(5, 'month 2024-01-01 []', 'month 2024-03-01 [1,2]');
-- NULL handling: a NULL target gives a NULL below_target (the other NULLs
-- are errors, in stockpile_errors)
SELECT below_target IS NULL AS null_target FROM dp.stock_projection(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', NULL);
-- an on_hand of -0 is 0: no result prints as -0
SELECT opening, closing FROM dp.stock_projection('-0', 'day 2024-01-01 [0]', 'day 2024-01-01 [0]');
-- fractional quantities keep float8 arithmetic: 0.1 + 0.2 - 0 = 0.30000000000000004
SELECT closing FROM dp.stock_projection(0.1, 'day 2024-01-01 [0.2]', 'day 2024-01-01 [0]');
-- one per row in a query over a table
SELECT n, (SELECT min(closing) FROM dp.stock_projection(n * 10000, :S, :D)) AS lowest
  FROM generate_series(0, 2) n;

-- ---- dp.depletion_date ------------------------------------------------------

-- April: opening 10000, net -12000 over 30 days: 10000 - 400 d <= 0 at d = 25
SELECT dp.depletion_date(50000, :S, :D);
-- threshold 5000: 10000 - 400 d <= 5000 at d = 12.5 -> the 13th;
-- threshold 10000: March 24000 - 14000 d / 31 reaches 10000 exactly on the 31st;
-- threshold 49999: January 50000 - 12000 / 31 = 49612.9 at the end of day 1;
-- threshold -10000: the lowest stock, at the end of May; -10001: never
SELECT dp.depletion_date(50000, :S, :D, 5000) AS t5000,
       dp.depletion_date(50000, :S, :D, threshold => 10000) AS t10000,
       dp.depletion_date(50000, :S, :D, 49999) AS t49999,
       dp.depletion_date(50000, :S, :D, -10000) AS t_10000,
       dp.depletion_date(50000, :S, :D, -10001) AS t_10001;
-- already at or below the threshold: the first period's start; never: NULL
SELECT dp.depletion_date(100, :S, :D, threshold => 100) AS at_start,
       dp.depletion_date(0, :S, :D) AS empty_at_start,
       dp.depletion_date(1e9, :S, :D) AS never;
-- on_hand is the stock at the start of the aligned span, here December 2023:
-- 30 - 31 d / 31 <= 0 at d = 30 -> 2023-12-30
SELECT dp.depletion_date(30, 'month 2024-01-01 [100]', 'month 2023-12-01 [31]');
-- days: 12 - 5 = 7, 2, -3 -> the third day (2024 is a leap year)
SELECT dp.depletion_date(12, 'day 2024-02-28 []', 'day 2024-02-28 [5,5,5]');
-- weeks: 10 - 7 = 3 after week 1; week 2: 3 - 10 d <= 0 at d = 0.3 -> its Monday
SELECT dp.depletion_date(10, 'week 2024-01-01 []', 'week 2024-01-01 [7,70]');
-- Q1 2024 has 91 days: 45.5 - d <= 0 at d = 45.5 -> day 46 = February 15;
-- the year 2024 has 366 days: 60 - d <= 0 on day 60 = February 29
SELECT dp.depletion_date(45.5, 'quarter 2024-01-01 []', 'quarter 2024-01-01 [91]') AS quarter,
       dp.depletion_date(60, 'year 2024-01-01 []', 'year 2024-01-01 [366]') AS year;
-- empty span: on_hand alone decides
SELECT dp.depletion_date(0, 'month 2024-01-01 []', 'month 2024-01-01 []') AS zero,
       dp.depletion_date(1, 'month 2024-01-01 []', 'month 2024-01-01 []') AS one;

-- ---- dp.replenish_date ------------------------------------------------------

-- backorders: December 38000 + 13000 d / 31 >= 50000 at d = 28.6 -> the 29th;
-- lost sales: December 48000 + 13000 d / 31 >= 50000 at d = 4.77 -> the 5th;
-- never below: the first period's start; never back: NULL
SELECT dp.replenish_date(50000, :S, :D, 50000) AS backorder,
       dp.replenish_date(50000, :S, :D, 50000, backorder => false) AS lost_sales,
       dp.replenish_date(1e9, :S, :D, 50000) AS never_below,
       dp.replenish_date(50000, :S, :D, 1e9) AS never_back;
-- target 30000: below from February; October ends at 27000; November
-- 27000 + 11000 d / 30 >= 30000 at d = 8.2 -> the 9th
SELECT dp.replenish_date(50000, :S, :D, 30000);
-- target 0 with backorders: below from April 26; June -10000 + 21000 d / 30 >= 0
-- at d = 14.3 -> the 15th.  Lost sales never go below 0: the first period's start
SELECT dp.replenish_date(50000, :S, :D, 0) AS backorder,
       dp.replenish_date(50000, :S, :D, 0, false) AS lost_sales;
-- below at the start: 0 + 31 d / 31 >= 10 on the 10th
SELECT dp.replenish_date(0, 'month 2024-01-01 [31]', 'month 2024-01-01 []', 10);
-- empty span
SELECT dp.replenish_date(5, 'month 2024-01-01 []', 'month 2024-01-01 []', 5) AS at_target,
       dp.replenish_date(4, 'month 2024-01-01 []', 'month 2024-01-01 []', 5) AS below;

-- ---- dp.days_of_supply ------------------------------------------------------

-- April 400 a day: 25; 1000 a day in January and February 2024: 50, and for
-- 100000 the 60 days use 60000 and the mean 60000 / 60 = 1000 a day lasts 40 more
SELECT dp.days_of_supply(10000, 'month 2024-04-01 [12000]') AS apr,
       dp.days_of_supply(50000, 'month 2024-01-01 [31000,29000]') AS fifty,
       dp.days_of_supply(100000, 'month 2024-01-01 [31000,29000]') AS hundred;
-- no demand in January: 31 days, then 14500 at 1000 a day: 45.5; past the end at
-- the mean 29000 / 60 a day: 58000 lasts 60 + 60 = 120
SELECT dp.days_of_supply(14500, 'month 2024-01-01 [0,29000]') AS late_start,
       dp.days_of_supply(58000, 'month 2024-01-01 [0,29000]') AS past_end;
-- on_hand 0: 0; no demand at all: NULL; weeks: 10 a day, 35 lasts 3.5 days
SELECT dp.days_of_supply(0, 'month 2024-01-01 [0]') AS none_on_hand,
       dp.days_of_supply(5, 'month 2024-01-01 [0,0]') AS no_demand,
       dp.days_of_supply(5, 'month 2024-01-01 []') AS empty,
       dp.days_of_supply(35, 'week 2024-01-01 [70]') AS week;

-- ---- dp.stockout_probability -------------------------------------------------

-- reference with demand sd = 15% of demand; April by hand: E = -2000,
-- var = 3000^2 + 3300^2 + 3600^2 + 3600^2 = 45.81e6: Phi(2000 / 6768.31) = 0.616192039780875
SELECT dp.value_at(dp.stockout_probability(50000, :S, :D, :D * 0.15), '2024-04-01');
-- every month against the reference (docs/reference.md: R pnorm(-E / sd))
SELECT u.period_start, abs(u.quantity / w.p - 1) < 1e-12 AS agrees
  FROM dp.unnest(dp.stockout_probability(50000, :S, :D, :D * 0.15)) WITH ORDINALITY u(period_start, period_end, quantity, k)
  JOIN unnest(ARRAY[4.523904204898849e-37, 3.69580025786157e-08, 0.04051451055578488, 0.616192039780875,
                    0.9079161971403151, 0.08737563760108301, 0.098952927433895, 0.07340283530809834,
                    0.020263035412520756, 0.002416120434448073, 5.644971109439475e-05, 2.190507349572482e-07])
       WITH ORDINALITY w(p, k) USING (k)
 ORDER BY 1;
-- zero variance gives 0 or 1: 10 - 5 = 5, 0 (not below 0), -1; a missing sd
-- period counts as 0; span from the three vectors (December 2023 to March 2024):
-- E = 10, 5, 0, -1, sd 0, 0, 0, then sqrt(4) = 2: Phi(1/2) = 0.6914624612740131
-- (an untyped literal demand_sd is read as a vector, not as the number of the
-- scalar overload: capvec is a string-category type)
SELECT dp.stockout_probability(10, 'month 2024-01-01 []', 'month 2023-12-01 [0,5,5,1]', 'month 2024-03-01 [2]');
-- empty
SELECT dp.stockout_probability(1, 'week 2024-01-01 []', 'week 2024-01-01 []', 'week 2024-01-08 []');

-- one demand sd (a number) for every period of demand_mean: one period with
-- E[closing] = 100 - 100 = 0 is exactly 0.5; from 200, E = 100 then 0 and sd
-- 10 then 10 sqrt(2): Phi(-10) = 7.619853024160593e-24 (R pnorm(-10)), then 0.5
SELECT dp.stockout_probability(100, 'month 2024-01-01 []', 'month 2024-01-01 [100]', 10);
SELECT abs(dp.value_at(p, '2024-01-01') / 7.619853024160593e-24 - 1) < 1e-12 AS phi_minus_10,
       dp.value_at(p, '2024-02-01') AS half
  FROM (SELECT dp.stockout_probability(200, 'month 2024-01-01 []', 'month 2024-01-01 [100,100]', 10) p) x;
-- the sd covers demand_mean's periods only: in February (no demand) the sd stays
-- 10, E = -50 in January and February, 50 in March: Phi(5), Phi(5), Phi(-5)
-- = 0.9999997133484281, 0.9999997133484281, 2.866515718791946e-07 (R pnorm)
SELECT u.period_start, abs(u.quantity / w.p - 1) < 1e-12 AS agrees
  FROM dp.unnest(dp.stockout_probability(50, 'month 2024-01-01 [0,0,100]', 'month 2024-01-01 [100]', 10))
       WITH ORDINALITY u(period_start, period_end, quantity, k)
  JOIN unnest(ARRAY[0.9999997133484281, 0.9999997133484281, 2.866515718791946e-07]) WITH ORDINALITY w(p, k) USING (k)
 ORDER BY 1;
-- the same as the vector of demand_mean's shape holding the number
SELECT dp.stockout_probability(50000, :S, :D, 3000) =
       dp.stockout_probability(50000, :S, :D, dp.capvec('month', '2024-01-01', array_fill(3000::float8, ARRAY[12]))) AS same;

-- ---- dp.safety_stock and dp.reorder_point -------------------------------------

-- z(0.95) = 1.6448536269514722; SS = z sqrt(2 * 3000^2) = 6978.522922060039;
-- with mu 20000 and sd_L 0.5: z sqrt(18e6 + 100e6) = 17867.683889728363;
-- ROP = 20000 * 2 + 6978.52 = 46978.52292206004
SELECT round(dp.safety_stock(0.95, 3000, 2)::numeric, 8) AS ss,
       round(dp.safety_stock(0.95, 3000, 2, demand_mean => 20000, lead_time_sd => 0.5)::numeric, 8) AS ss_lt,
       round(dp.reorder_point(0.95, 20000, 3000, 2)::numeric, 8) AS rop,
       round(dp.reorder_point(0.95, 20000, 3000, 2, 0.5)::numeric, 8) AS rop_lt;
-- 50%: no safety stock; below 50% the formula is negative; no spread: 0
SELECT dp.safety_stock(0.5, 3000, 2) AS half,
       round(dp.safety_stock(0.05, 3000, 2)::numeric, 8) AS low,
       dp.safety_stock(0.99, 0, 2, 20000, 0) AS no_spread,
       dp.reorder_point(0.5, 100, 10, 3) AS rop_half;
