-- stockpile: every error with its SQLSTATE, message and hint.
SET search_path = "$user", public, dp;
SET datestyle = 'ISO, YMD';
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/include/err.psql
\set V '''month 2024-01-01 [1,2]''::dp.capvec'

-- the full error report once, as psql shows it
SELECT dp.depletion_date(10, 'month 2024-01-01 [1,-2]', 'month 2024-01-01 [1]');

-- negative on_hand: 22023, in every function that takes it
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(-1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.depletion_date(-1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.replenish_date(-0.5, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 5)$$);
SELECT pg_temp.err($$SELECT dp.days_of_supply(-1, 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(-1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(-1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
-- negative quantities: 22023, naming the argument and the period
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(1, 'month 2024-01-01 [1,-3]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(1, 'month 2024-01-01 [1]', 'week 2024-01-01 [-0.5]'::dp.capvec)$$);
SELECT pg_temp.err($$SELECT dp.replenish_date(1, 'month 2024-01-01 [1]', 'month 2024-03-01 [1,-1]', 5)$$);
SELECT pg_temp.err($$SELECT dp.days_of_supply(1, 'day 2024-02-28 [1,1,-1]')$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [-1]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1,-1]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'quarter 2024-01-01 [-1]'::dp.capvec)$$);
-- mixed periods: 22023 with a hint naming dp.resample
SELECT pg_temp.err($$SELECT dp.depletion_date(1, 'month 2024-01-01 [1]', 'week 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(1, 'month 2024-01-01 [1]', 'year 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.replenish_date(1, 'day 2024-01-01 [1]', 'month 2024-01-01 [1]', 1)$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'week 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'quarter 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
-- NaN and infinities in float8 arguments: 22003
SELECT pg_temp.err($$SELECT dp.depletion_date('NaN', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.depletion_date(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', '-Infinity')$$);
SELECT pg_temp.err($$SELECT dp.replenish_date(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'Infinity')$$);
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection('Infinity', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'NaN')$$);
SELECT pg_temp.err($$SELECT dp.days_of_supply('NaN', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.safety_stock('NaN', 1, 1)$$);
SELECT pg_temp.err($$SELECT dp.safety_stock(0.9, 'Infinity', 1)$$);
SELECT pg_temp.err($$SELECT dp.reorder_point(0.9, 1, 1, 1, 'NaN')$$);
-- overflow of a stock, a variance, days of supply or a reorder point: 22003
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(1e308, 'month 2024-01-01 [1e308]', 'month 2024-01-01 [0]')$$);
SELECT pg_temp.err($$SELECT dp.depletion_date(1e308, 'month 2024-01-01 [1e308]', 'month 2024-01-01 [0]')$$);
SELECT pg_temp.err($$SELECT dp.replenish_date(1e308, 'month 2024-01-01 [1e308]', 'month 2024-01-01 [0]', 1)$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [0]', 'month 2024-01-01 [0]', 'month 2024-01-01 [1e200]')$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1e308, 'month 2024-01-01 [1e308]', 'month 2024-01-01 [0]', 'month 2024-01-01 [0]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1e308, 'month 2024-01-01 [1e308]', 'month 2024-01-01 [0]', 'month 2024-01-01 [0]', 2)$$);
SELECT pg_temp.err($$SELECT dp.days_of_supply(1e300, 'day 2024-01-01 [1e-300]')$$);
SELECT pg_temp.err($$SELECT dp.days_of_supply(1, 'day 2024-01-01 [1e308, 1e308]')$$);
SELECT pg_temp.err($$SELECT dp.reorder_point(0.9, 1e308, 0, 10)$$);
-- service level outside (0, 1): 22023
SELECT pg_temp.err($$SELECT dp.safety_stock(1.5, 3000, 2)$$);
SELECT pg_temp.err($$SELECT dp.safety_stock(0, 3000, 2)$$);
SELECT pg_temp.err($$SELECT dp.safety_stock(1, 3000, 2)$$);
SELECT pg_temp.err($$SELECT dp.reorder_point(-0.1, 20000, 3000, 2)$$);
SELECT pg_temp.err($$SELECT dp.reorder_point(95, 20000, 3000, 2)$$);
-- negative spreads, lead times, means: 22023
SELECT pg_temp.err($$SELECT dp.safety_stock(0.9, -1, 2)$$);
SELECT pg_temp.err($$SELECT dp.safety_stock(0.9, 1, -2)$$);
SELECT pg_temp.err($$SELECT dp.safety_stock(0.9, 1, 2, demand_mean => -5)$$);
SELECT pg_temp.err($$SELECT dp.safety_stock(0.9, 1, 2, lead_time_sd => -0.5)$$);
SELECT pg_temp.err($$SELECT dp.reorder_point(0.9, -1, 1, 2)$$);
SELECT pg_temp.err($$SELECT dp.reorder_point(0.9, 1, 1, 2, -1)$$);
-- trials below 1: 22023; above the limit of 10000000: 54000
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', trials => 0)$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', trials => -5)$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', trials => 2147483647)$$);
-- unknown distribution: 22023
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', distribution => 'cauchy')$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', distribution => '')$$);
-- gamma demand with mean 0 but a positive sd cannot be matched: 22023
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1,0]', 'month 2024-01-01 [1,2]', distribution => 'gamma')$$);
-- ... while the normal distribution takes it (clipped at 0)
SELECT count(*) FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1,0]', 'month 2024-01-01 [1,2]', trials => 10);
-- a span over the 1000000-period limit: 54000
SELECT pg_temp.err($$SELECT dp.depletion_date(1, 'day 2000-01-01 [1]', 'day 5000-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'day 2000-01-01 [1]', 'day 2000-01-01 [1]', 'day 5000-01-01 [1]')$$);

-- NULL arguments: 22004 naming the argument, never a NULL (or no rows) that
-- reads as "not within the span"; an empty vector is the way to say "none"
SELECT pg_temp.err($$SELECT dp.depletion_date(1000, NULL, 'month 2024-01-01 [100]')$$);
SELECT dp.depletion_date(1000, 'month 2024-01-01 []', 'month 2024-01-01 [100]') AS never_within_span,
       dp.depletion_date(50, 'month 2024-01-01 []', 'month 2024-01-01 [100]') AS empty_supply;
SELECT pg_temp.err($$SELECT dp.depletion_date(NULL, 'month 2024-01-01 []', 'month 2024-01-01 [100]')$$);
SELECT pg_temp.err($$SELECT dp.depletion_date(1000, 'month 2024-01-01 []', NULL)$$);
SELECT pg_temp.err($$SELECT dp.depletion_date(1000, 'month 2024-01-01 []', 'month 2024-01-01 [1]', NULL)$$);
SELECT pg_temp.err($$SELECT dp.replenish_date(1000, NULL, 'month 2024-01-01 [1]', 5)$$);
SELECT pg_temp.err($$SELECT dp.replenish_date(1000, 'month 2024-01-01 []', 'month 2024-01-01 [1]', NULL)$$);
SELECT pg_temp.err($$SELECT dp.replenish_date(1000, 'month 2024-01-01 []', 'month 2024-01-01 [1]', 5, NULL)$$);
SELECT pg_temp.err($$SELECT dp.days_of_supply(1000, NULL)$$);
SELECT pg_temp.err($$SELECT dp.days_of_supply(NULL, 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [1]', NULL, 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', NULL::dp.capvec)$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', NULL::float8)$$);
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(NULL, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(1, NULL, 'month 2024-01-01 [1]')$$);
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(1, 'month 2024-01-01 [1]', NULL, 5)$$);
SELECT pg_temp.err($$SELECT * FROM dp.stock_projection(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 5, NULL)$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', NULL::dp.capvec)$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', NULL, 2)$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', trials => NULL)$$);
SELECT pg_temp.err($$SELECT * FROM dp.simulate_stock(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', distribution => NULL)$$);
-- safety_stock and reorder_point are scalar formulas: NULL in, NULL out
SELECT dp.safety_stock(0.95, NULL, 4) IS NULL AS safety_null, dp.reorder_point(NULL, 1, 1, 1) IS NULL AS reorder_null;

-- one demand sd for every period (the scalar overload): finite, not negative;
-- its vector takes demand_mean's period, so a mismatch names supply and demand_mean
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', -1)$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'month 2024-01-01 [1]', 'month 2024-01-01 [1]', 'Infinity'::float8)$$);
SELECT pg_temp.err($$SELECT dp.stockout_probability(1, 'week 2024-01-01 [1]', 'month 2024-01-01 [1]', 1)$$);
